//! The words UN documents use, per language. Parsers in `un` (and the reference grammars)
//! read these tables instead of holding English literals, so that a language is added by
//! filling its table (un-conventions.md §3.8 lists the French and Spanish equivalents).
//!
//! English, French and Spanish are filled (metadata words, committee names, dates and
//! ordinals, reference keywords); a field a language does not use stays empty, and an empty
//! field matches nothing. One job, the per-language word tables, hence the length: most of
//! the file is the three tables.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A language with a word table: the one whose words the parsers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

    /// This language's word table.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
            Lang::Es => &ES,
        }
    }
}

/// One of the six official UN languages, by its ISO 639-1 code.
///
/// ```
/// use treatydoc::model::Language;
/// assert_eq!(Language::from_name("espagnol"), Some(Language::Es));
/// assert_eq!(serde_json::to_string(&Language::Fr).unwrap(), "\"fr\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Arabic.
    Ar,
    /// Chinese.
    Zh,
    /// English.
    En,
    /// French.
    Fr,
    /// Russian.
    Ru,
    /// Spanish.
    Es,
}

/// Names of each language as the first page prints them, in English, French and Spanish
/// (compared case-insensitively, accents included).
const NAMES: &[(Language, &[&str])] = &[
    (Language::Ar, &["arabic", "arabe", "árabe"]),
    (Language::Zh, &["chinese", "chinois", "chino"]),
    (Language::En, &["english", "anglais", "inglés", "ingles"]),
    (
        Language::Fr,
        &["french", "français", "francais", "francés", "frances"],
    ),
    (Language::Ru, &["russian", "russe", "ruso"]),
    (Language::Es, &["spanish", "espagnol", "español", "espanol"]),
];

impl Language {
    /// The ISO 639-1 code (`"fr"`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::Zh => "zh",
            Language::En => "en",
            Language::Fr => "fr",
            Language::Ru => "ru",
            Language::Es => "es",
        }
    }

    /// The language a printed name means: `"Spanish"`, `"espagnol"`, `"Español"`,
    /// `"INGLÉS"`.
    pub fn from_name(name: &str) -> Option<Language> {
        let n = name.trim().to_lowercase();
        NAMES
            .iter()
            .find(|(_, names)| names.contains(&n.as_str()))
            .map(|(l, _)| *l)
    }
}

/// Small words that are frequent in one Latin-script language and rare in the two others.
const MARKERS: &[(Language, &[&str])] = &[
    (
        Language::En,
        &["the", "and", "of", "to", "that", "with", "its", "is"],
    ),
    (
        Language::Fr,
        &["le", "les", "des", "et", "du", "aux", "une", "est"],
    ),
    (
        Language::Es,
        &["el", "los", "las", "y", "del", "que", "una", "su"],
    ),
];

/// The language of a text, from its script (Arabic, Cyrillic, CJK) and otherwise from its
/// small words; `None` when the text has too few letters to tell.
///
/// ```
/// use treatydoc::model::Language;
/// /// assert_eq!(treatydoc::model::detect_language("Le Comité recommande à l’État partie de garantir les droits des personnes."), Some(Language::Fr));
/// ```
pub fn detect_language(text: &str) -> Option<Language> {
    let (mut arabic, mut cyrillic, mut cjk, mut latin) = (0usize, 0usize, 0usize, 0usize);
    let mut counts = [0usize; 3];
    // One walk: the scripts, and the words (runs of letters) of at most four bytes.
    let mut word_start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII, most of any Latin-script text, needs no decoding and is in no script
        // range below.
        let (alphabetic, len) = if b.is_ascii() {
            let alphabetic = b.is_ascii_alphabetic();
            latin += usize::from(alphabetic);
            (alphabetic, 1)
        } else {
            let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
                break; // cannot happen: `i` is a char boundary
            };
            let alphabetic = c.is_alphabetic();
            match c {
                '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFF}' => {
                    arabic += 1
                }
                '\u{0400}'..='\u{04FF}' => cyrillic += 1,
                '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => cjk += 1,
                _ if alphabetic => latin += 1,
                _ => {}
            }
            (alphabetic, c.len_utf8())
        };
        if alphabetic {
            word_start.get_or_insert(i);
        } else if let Some(s) = word_start.take() {
            count_marker(text.get(s..i).unwrap_or(""), &mut counts);
        }
        i += len;
    }
    if let Some(s) = word_start {
        count_marker(text.get(s..).unwrap_or(""), &mut counts);
    }
    // Symbols and first-page lines stay in Latin script in every version: the script of
    // the majority of the other letters decides.
    let scripts = [
        (arabic, Language::Ar),
        (cyrillic, Language::Ru),
        (cjk * 3, Language::Zh),
    ];
    if let Some((n, l)) = scripts.iter().max_by_key(|(n, _)| *n) {
        if *n > 0 && *n >= latin / 2 {
            return Some(*l);
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(k, n)| (**n, usize::MAX - k))?;
    if *n < 3 {
        return None;
    }
    MARKERS.get(best).map(|(l, _)| *l)
}

/// Counts `word` (a run of letters) for each language whose markers hold it, lower-cased.
/// An ASCII word is compared ignoring ASCII case, without lower-casing it into a new
/// string; any other word is lower-cased as Unicode says.
fn count_marker(word: &str, counts: &mut [usize; 3]) {
    if word.is_empty() || word.len() > 4 {
        return;
    }
    let lower;
    let (w, ascii) = if word.is_ascii() {
        (word, true)
    } else {
        lower = word.to_lowercase();
        (lower.as_str(), false)
    };
    for (k, (_, words)) in MARKERS.iter().enumerate() {
        let hit = if ascii {
            words.iter().any(|m| m.eq_ignore_ascii_case(w))
        } else {
            words.contains(&w)
        };
        if hit {
            if let Some(c) = counts.get_mut(k) {
                *c += 1;
            }
        }
    }
}

impl Language {
    /// The word table to read a document in this language with: its own, or English for the
    /// languages without one (their symbols and first-page lines are Latin-script, English
    /// style).
    pub(crate) fn lang(self) -> Lang {
        match self {
            Language::Fr => Lang::Fr,
            Language::Es => Lang::Es,
            _ => Lang::En,
        }
    }
}

/// One language's words. Matching is ASCII-case-insensitive unless a field says otherwise.
#[derive(Debug)]
pub(crate) struct Words {
    /// Month names, January first, as written in dates (case-sensitive: `29 January 2016`).
    pub months: &'static [&'static str],
    /// Suffixes of numeric ordinals: `2071st`, `82nd`.
    pub ordinal_suffixes: &'static [&'static str],
    /// Ordinals in words by value, index 0 unused: `first` .. `nineteenth`.
    pub unit_ordinals: &'static [&'static str],
    /// Tens in words by value / 10 (indices 0 and 1 unused): `twenty` .. `ninety`.
    pub tens: &'static [&'static str],
    /// Ordinal tens by value / 10 (indices 0 and 1 unused): `twentieth` .. `ninetieth`.
    pub tens_ordinals: &'static [&'static str],
    /// Prefixes of ordinals from 100 (`one hundred and third`), longest first, lower case.
    pub hundred_prefixes: &'static [&'static str],
    /// Starts of the titles of concluding observations, lower case.
    pub concluding_observations: &'static [&'static str],
    /// Starts of the titles of lists of issues, lower case.
    pub list_of_issues: &'static [&'static str],
    /// Starts of the titles of general comments and recommendations, lower case.
    pub general_comment: &'static [&'static str],
    /// Starts of other titles that open a document (`Joint general recommendation ...`),
    /// lower case; they say no document type.
    pub other_titles: &'static [&'static str],
    /// How a list member may end besides `;` and `,` (`...; and`), with the punctuation.
    pub list_member_ends: &'static [&'static str],
    /// Words a committee's name starts with on a first page (with the following space).
    pub committee_starts: &'static [&'static str],
    /// The distribution line's keyword (`Distr.: General`), lower case.
    pub distribution: &'static str,
    /// The original-language line's keyword (`Original: Spanish`), lower case.
    pub original: &'static str,
    /// Words of page furniture standing alone (`Please recycle`).
    pub furniture: &'static [&'static str],
    /// The page-number word (`Page 3`), lower case, with its space.
    pub page: &'static str,
    /// Where the State party's name follows in a title (`... submitted by Peru under ...`),
    /// lower case.
    pub submitted_by: &'static str,
    /// What ends the State party's name after [`Words::submitted_by`], lower case.
    pub submitted_by_ends: &'static [&'static str],
    /// Where the State party's name follows in a title (`... periodic reports of Uruguay`),
    /// lower case, tried in order.
    pub reports_of: &'static [&'static str],
    /// What ends the name after [`Words::reports_of`] (CEDAW puts the session in the title:
    /// `..., adopted by the Committee at ...`), lower case.
    pub reports_of_end: &'static str,
    /// Before the session ordinal: `at its seventy-first session`, lower case, with spaces.
    pub session_before: &'static str,
    /// After the session ordinal, lower case, with its space.
    pub session_after: &'static str,
    /// Title words that name the Optional Protocol on the sale of children, lower case.
    pub opsc_title: &'static str,
    /// Title words that name the Optional Protocol on children in armed conflict.
    pub opac_title: &'static str,
    /// Lines of a first-page masthead standing alone (`United Nations`), compared ignoring
    /// case.
    pub masthead: &'static [&'static str],
    /// Language names and the words joining them in a masthead's languages line
    /// (`English only`, `Arabic, English and French only`), lower case.
    pub masthead_languages: &'static [&'static str],
    /// The core treaties' names in this language, as a masthead prints them (English ones:
    /// `bodies::TREATIES`).
    pub treaty_names: &'static [&'static str],
    /// Between day, month and year of a date (`29 de enero de 2016`), if anything.
    pub date_joiner: Option<&'static str>,
    /// Cardinals 1-19 in words, index 0 unused, for languages that build ordinals from
    /// cardinals (French: `vingt et unième`); empty otherwise.
    pub cardinal_units: &'static [&'static str],
    /// The committees' names in this language (English ones: [`TreatyBody::committee_name`]).
    ///
    /// [`TreatyBody::committee_name`]: super::bodies::TreatyBody::committee_name
    pub committees: &'static [(&'static str, &'static str)],
    /// Before the State party's name in a title: prepositions and articles, longest first
    /// (`de la `, `du `, `del `); the first one followed by a capital starts the name.
    pub state_prepositions: &'static [&'static str],
    /// Articles dropped from the front of the State party's name (`la Norvège` gives
    /// `Norvège`), lower case only, so `El Salvador` keeps its `El`.
    pub state_articles: &'static [&'static str],
    /// What ends the State party's name after a preposition, lower case.
    pub state_ends: &'static [&'static str],
    // ---- cross-references (read by the grammars in `refs`)
    /// List conjunctions (`9 and 10`, `9 et 11`, `20 y 21`).
    pub and: &'static [&'static str],
    /// Range words (`12 to 14`, `12 à 14`, `12 a 14`).
    pub to: &'static [&'static str],
    /// Article keywords, longest first.
    pub article_keywords: &'static [&'static str],
    /// Suffixes of an article number that mean nothing more (`article 1er`).
    pub article_number_suffixes: &'static [&'static str],
    /// Words for article 1 (`article premier`).
    pub article_first_words: &'static [&'static str],
    /// Thousands separators inside a meeting number (`1 885e séance`).
    pub thousands_separators: &'static [char],
    /// Sub-paragraph keywords (`apartados b) y c) del párrafo 16`).
    pub subparagraph_keywords: &'static [&'static str],
    /// Between sub-paragraphs and their paragraph (`del párrafo`, `du paragraphe`).
    pub of_paragraph: &'static [&'static str],
    /// Between a target and its Goal (`cible 3 de l’objectif 16`).
    pub target_of_goal: &'static [&'static str],
    /// Digits an article number may have: civil-law codes number theirs into the thousands
    /// (`artículos 1317 y 1318 del Código Civil`); English stays at three, so that a year is
    /// never read as an article.
    pub article_max_digits: usize,
    /// Paragraph keywords, longest first.
    pub paragraph_keywords: &'static [&'static str],
    /// Whether sub-division labels close without opening (`4 a) ii)`, not `4 (a) (ii)`).
    pub closing_labels: bool,
    /// Words after an internal paragraph list (`above`, `ci-dessus`, `supra`).
    pub directions: &'static [&'static str],
    /// Phrases after an internal paragraph list naming this document.
    pub present_document: &'static [&'static str],
    /// What may open the parenthesis around an internal paragraph list (`(see`).
    pub see: &'static [&'static str],
    /// Between a paragraph and its article when the paragraph comes first
    /// (`paragraphe 3 de l’article 4`); empty when the language does not write it so.
    pub paragraph_of_article: &'static [&'static str],
    /// Before a law named by number after an article (`of`, `de la`).
    pub law_of: &'static [&'static str],
    /// Before an instrument after an article (`of the`, `de la`, `du`, `del`).
    pub instrument_of: &'static [&'static str],
    /// Names meaning the committee's own treaty.
    pub own_treaty: &'static [&'static str],
    /// Names meaning an Optional Protocol, longest first.
    pub optional_protocol: &'static [&'static str],
    /// "present" in `the present Convention`.
    pub present: &'static str,
    /// Lower-case words allowed inside a capitalised instrument name.
    pub name_joiners: &'static [&'static str],
    /// Lower-case adjectives that may follow a name's first word (`Code pénal`).
    pub name_adjectives: &'static [&'static str],
    /// Words that make a name national law.
    pub domestic_words: &'static [&'static str],
    /// Words that make a name international.
    pub treaty_words: &'static [&'static str],
    /// Meeting nouns, plural first.
    pub meeting_nouns: &'static [&'static str],
    /// The committee's possessive before its meetings (`its`, `ses`/`sa`, `sus`/`su`).
    pub its: &'static [&'static str],
    /// Meeting nouns that come before the ordinals (`sesiones 487ª y 488ª`).
    pub meeting_nouns_first: &'static [&'static str],
    /// General comment/recommendation keywords: (words, plural, recommendation).
    pub gc_keywords: &'static [(&'static str, bool, bool)],
    /// "joint" before a general comment keyword.
    pub joint: &'static [&'static str],
    /// Number signs (`No.`, `no`, `núm.`), longest first.
    pub number_signs: &'static [&'static str],
    /// Before a committee's name after a general comment (`of the`, `du`, `del`).
    pub committee_of: &'static [&'static str],
    /// SDG target keywords, plural first.
    pub target_keywords: &'static [&'static str],
    /// After SDG targets (`of the Sustainable Development Goals`).
    pub goals: &'static [&'static str],
    /// After a number, a quantity rather than an SDG target (`per cent`).
    pub quantity: &'static [&'static str],
    /// Resolution keywords, plural first.
    pub resolution_keywords: &'static [&'static str],
    /// UN organs as written, with their canonical (English) names.
    pub organs: &'static [(&'static str, &'static str)],
    /// Before an organ named after the resolution (`résolution 68/268 de l’Assemblée
    /// générale`); empty when the organ comes first.
    pub organ_after: &'static [&'static str],
    /// Between an organ and its resolution (`the General Assembly in its resolution`).
    pub in_its: &'static [&'static str],
    /// Law kinds (`Act`, `loi`, `Ley`), longest first.
    pub law_kinds: &'static [&'static str],
    /// Before a law's kind (`Legislative Decree`).
    pub law_prefixes: &'static [&'static str],
    /// A law's number sign.
    pub law_number_signs: &'static [&'static str],
    /// Before a law's date (`of`, `du`, `de`).
    pub law_date_of: &'static [&'static str],
    /// Verbs of adoption in paragraph 1 (`adopted`, `adopté`, `aprobó`).
    pub adopted: &'static [&'static str],
    /// Abbreviations ending in a full stop that do not end a sentence.
    pub abbreviations: &'static [&'static str],
}

/// English.
static EN: Words = Words {
    months: &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    ordinal_suffixes: &["st", "nd", "rd", "th"],
    unit_ordinals: &[
        "",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ],
    tens: &[
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ],
    tens_ordinals: &[
        "",
        "",
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ],
    hundred_prefixes: &[
        "one hundred and ",
        "hundred and ",
        "one hundred ",
        "hundred ",
    ],
    concluding_observations: &[
        "concluding observations",
        "concluding comments",
        "conclusions and recommendations",
    ],
    list_of_issues: &["list of issues"],
    general_comment: &["general comment", "general recommendation"],
    other_titles: &["joint general"],
    list_member_ends: &["; and", "; or"],
    committee_starts: &["Committee ", "Subcommittee "],
    distribution: "distr",
    original: "original",
    furniture: &["Please recycle"],
    page: "page ",
    submitted_by: "submitted by ",
    submitted_by_ends: &[" under article", " under the"],
    reports_of: &["reports of ", "report of "],
    reports_of_end: ", adopted",
    session_before: "at its ",
    session_after: " session",
    opsc_title: "sale of children",
    opac_title: "involvement of children in armed conflict",
    masthead: &[
        "United Nations",
        "Advance unedited version",
        "Advance edited version",
        "Unedited version",
        "Distr.",
    ],
    masthead_languages: &[
        "arabic", "chinese", "english", "french", "russian", "spanish", "only", "and",
    ],
    treaty_names: &[],
    date_joiner: None,
    cardinal_units: &[],
    committees: &[],
    state_prepositions: &[],
    state_articles: &[],
    state_ends: &[],
    and: &["and"],
    to: &["to"],
    article_keywords: &["articles", "article", "arts.", "art."],
    article_number_suffixes: &[],
    article_first_words: &[],
    thousands_separators: &[],
    subparagraph_keywords: &[],
    of_paragraph: &[],
    target_of_goal: &[],
    article_max_digits: 3,
    paragraph_keywords: &[
        "paragraphs",
        "paragraph",
        "paras.",
        "para.",
        "paras",
        "para",
    ],
    closing_labels: false,
    directions: &["above", "below"],
    present_document: &[
        "of the present concluding observations",
        "of the present document",
        "of the present report",
    ],
    see: &["(see", "(See", "(cf."],
    paragraph_of_article: &[],
    law_of: &["of"],
    instrument_of: &["of the", "of this", "of that"],
    own_treaty: &["Convention", "Covenant"],
    optional_protocol: &["Optional Protocol", "Protocol"],
    present: "present",
    name_joiners: &[
        "of",
        "on",
        "the",
        "and",
        "against",
        "for",
        "to",
        "in",
        "with",
        "or",
        "relating",
        "concerning",
        "from",
        "a",
    ],
    name_adjectives: &[],
    domestic_words: &[
        "Code",
        "Act",
        "Law",
        "Constitution",
        "Decree",
        "Ordinance",
        "Regulations",
        "Bill",
    ],
    treaty_words: &[
        "Convention",
        "Covenant",
        "Protocol",
        "Charter",
        "Declaration",
        "Statute",
        "Rules",
        "Principles",
    ],
    meeting_nouns: &["meetings", "meeting"],
    its: &["its"],
    meeting_nouns_first: &[],
    gc_keywords: &[],
    joint: &["joint"],
    number_signs: &["Nos.", "No.", "nos.", "no.", "Nos", "No"],
    committee_of: &["of the"],
    target_keywords: &["targets", "target"],
    goals: &["of the Sustainable Development Goals"],
    quantity: &["per cent", "%", "percent"],
    resolution_keywords: &["resolutions", "resolution"],
    organs: &[
        ("General Assembly", "General Assembly"),
        ("Human Rights Council", "Human Rights Council"),
        ("Security Council", "Security Council"),
        ("Economic and Social Council", "Economic and Social Council"),
        ("Commission on Human Rights", "Commission on Human Rights"),
        ("World Health Assembly", "World Health Assembly"),
    ],
    organ_after: &[],
    in_its: &["in its"],
    law_kinds: &["Decree-Law", "Act", "Law", "Decree", "Ordinance", "Bill"],
    law_prefixes: &[
        "Legislative",
        "Supreme",
        "Presidential",
        "Executive",
        "Ministerial",
        "Royal",
        "Federal",
        "Organic",
        "Emergency",
    ],
    law_number_signs: &["No.", "Nº", "No", "no."],
    law_date_of: &["of"],
    adopted: &["adopted"],
    abbreviations: &["No", "Nos", "para", "paras", "art", "arts", "vs"],
};

/// French, as the UN's French versions write it (un-conventions.md §3.8; the French CRPD
/// concluding observations on Ecuador and Norway).
static FR: Words = Words {
    months: &[
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    ordinal_suffixes: &["ème", "er", "re", "e"],
    cardinal_units: &[
        "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
        "dix-neuf",
    ],
    tens: &[
        "", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt",
        "quatre-vingt",
    ],
    hundred_prefixes: &["cent "],
    concluding_observations: &["observations finales"],
    list_of_issues: &["liste de points", "liste des points"],
    list_member_ends: &["; et", "; ou"],
    general_comment: &["observation générale", "recommandation générale"],
    committee_starts: &["Comité ", "Sous-Comité "],
    distribution: "distr",
    original: "original",
    submitted_by: "soumis par ",
    submitted_by_ends: &[" en application", " au titre", " conformément"],
    session_before: "à sa ",
    session_after: " session",
    opsc_title: "vente d’enfants",
    opac_title: "implication d’enfants dans les conflits armés",
    committees: &[
        ("CRC", "Comité des droits de l’enfant"),
        ("CCPR", "Comité des droits de l’homme"),
        ("CESCR", "Comité des droits économiques, sociaux et culturels"),
        ("CEDAW", "Comité pour l’élimination de la discrimination à l’égard des femmes"),
        ("CERD", "Comité pour l’élimination de la discrimination raciale"),
        ("CAT", "Comité contre la torture"),
        ("SPT", "Sous-Comité pour la prévention de la torture et autres peines ou traitements cruels, inhumains ou dégradants"),
        ("CRPD", "Comité des droits des personnes handicapées"),
        ("CED", "Comité des disparitions forcées"),
        ("CMW", "Comité pour la protection des droits de tous les travailleurs migrants et des membres de leur famille"),
    ],
    state_prepositions: &["de la ", "de l’", "de l'", "des ", "du ", "de ", "d’", "d'"],
    state_articles: &["la ", "le ", "les ", "l’", "l'"],
    state_ends: &[" valant", " en application", ", adopt", " soumis", " au titre"],
    and: &["et"],
    to: &["à"],
    article_keywords: &["articles", "article", "arts.", "art."],
    article_number_suffixes: &["er"],
    article_first_words: &["premier"],
    thousands_separators: &[' ', '\u{a0}', '\u{202f}', '\u{2009}'],
    subparagraph_keywords: &["alinéas", "alinéa"],
    of_paragraph: &["du paragraphe"],
    target_of_goal: &["de l’objectif", "de l'objectif"],
    article_max_digits: 4,
    paragraph_keywords: &["paragraphes", "paragraphe", "paragr.", "par."],
    closing_labels: true,
    directions: &["ci-dessus", "ci-dessous", "ci\u{2011}dessus", "ci\u{2011}dessous"],
    present_document: &[
        "des présentes observations finales",
        "du présent document",
        "du présent rapport",
    ],
    see: &["(voir", "(Voir", "(cf."],
    paragraph_of_article: &["de l’article", "de l'article"],
    law_of: &["de la", "du", "de"],
    instrument_of: &["de la", "de l’", "de l'", "du", "des"],
    own_treaty: &["Convention", "Pacte"],
    optional_protocol: &["Protocole facultatif", "Protocole"],
    present: "présente",
    name_joiners: &["de", "du", "des", "la", "le", "les", "et", "sur", "pour", "contre", "à"],
    name_adjectives: &[
        "facultatif",
        "pénal",
        "civil",
        "électoral",
        "pénitentiaire",
        "fédéral",
        "organique",
    ],
    domestic_words: &["Code", "Loi", "Constitution", "Décret", "Ordonnance", "Règlement"],
    treaty_words: &[
        "Convention",
        "Pacte",
        "Protocole",
        "Charte",
        "Déclaration",
        "Statut",
        "Règles",
        "Principes",
    ],
    meeting_nouns: &["séances", "séance"],
    its: &["ses", "sa"],
    meeting_nouns_first: &[],
    gc_keywords: &[
        ("observations générales", true, false),
        ("observation générale", false, false),
        ("recommandations générales", true, true),
        ("recommandation générale", false, true),
    ],
    joint: &[],
    number_signs: &["nos", "no", "Nos", "No", "nº", "n°", "Nº"],
    committee_of: &["du"],
    target_keywords: &["cibles", "cible"],
    goals: &["des objectifs de développement durable"],
    quantity: &["pour cent", "%"],
    resolution_keywords: &["résolutions", "résolution"],
    organs: &[
        ("Assemblée générale", "General Assembly"),
        ("Conseil des droits de l’homme", "Human Rights Council"),
        ("Conseil des droits de l'homme", "Human Rights Council"),
        ("Conseil de sécurité", "Security Council"),
        ("Conseil économique et social", "Economic and Social Council"),
        ("Commission des droits de l’homme", "Commission on Human Rights"),
    ],
    organ_after: &["de l’", "de l'", "du", "de la"],
    in_its: &["dans sa", "dans ses"],
    law_kinds: &["loi", "Loi", "décret", "Décret", "ordonnance", "Ordonnance"],
    law_prefixes: &[],
    law_number_signs: &["no", "nº", "n°", "No"],
    law_date_of: &["du"],
    adopted: &["adopté"],
    abbreviations: &["no", "nos", "No", "par", "paragr", "art", "arts"],
    masthead: &["Nations Unies", "Version préliminaire non éditée"],
    masthead_languages: &[
        "anglais", "arabe", "chinois", "espagnol", "français", "russe", "seulement",
        "uniquement", "et",
    ],
    treaty_names: &[
        "Convention relative aux droits des personnes handicapées",
        "Convention relative aux droits de l’enfant",
        "Convention internationale sur l’élimination de toutes les formes de discrimination raciale",
        "Convention sur l’élimination de toutes les formes de discrimination à l’égard des femmes",
        "Convention contre la torture et autres peines ou traitements cruels, inhumains ou dégradants",
        "Pacte international relatif aux droits civils et politiques",
        "Pacte international relatif aux droits économiques, sociaux et culturels",
        "Convention internationale pour la protection de toutes les personnes contre les disparitions forcées",
        "Convention internationale sur la protection des droits de tous les travailleurs migrants et des membres de leur famille",
    ],
    ..EMPTY
};

/// Spanish, as the UN's Spanish versions write it (un-conventions.md §3.8; the Spanish CRPD
/// concluding observations on Greece, Saudi Arabia and El Salvador).
static ES: Words = Words {
    months: &[
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    ordinal_suffixes: &["ª", "º", "er", "°"],
    concluding_observations: &["observaciones finales"],
    list_of_issues: &["lista de cuestiones"],
    list_member_ends: &["; y", "; o"],
    general_comment: &["observación general", "recomendación general"],
    committee_starts: &["Comité ", "Subcomité "],
    distribution: "distr",
    original: "original",
    submitted_by: "presentado por ",
    submitted_by_ends: &[" en virtud", " con arreglo", " de conformidad"],
    session_before: "en su ",
    session_after: " período de sesiones",
    opsc_title: "venta de niños",
    opac_title: "participación de niños en los conflictos armados",
    date_joiner: Some("de"),
    committees: &[
        ("CRC", "Comité de los Derechos del Niño"),
        ("CCPR", "Comité de Derechos Humanos"),
        ("CESCR", "Comité de Derechos Económicos, Sociales y Culturales"),
        ("CEDAW", "Comité para la Eliminación de la Discriminación contra la Mujer"),
        ("CERD", "Comité para la Eliminación de la Discriminación Racial"),
        ("CAT", "Comité contra la Tortura"),
        ("SPT", "Subcomité para la Prevención de la Tortura y Otros Tratos o Penas Crueles, Inhumanos o Degradantes"),
        ("CRPD", "Comité sobre los Derechos de las Personas con Discapacidad"),
        ("CED", "Comité contra la Desaparición Forzada"),
        ("CMW", "Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de Sus Familiares"),
    ],
    state_prepositions: &["de los ", "de las ", "de la ", "del ", "de "],
    state_articles: &["la ", "el ", "los ", "las "],
    state_ends: &[" presentado", " en virtud", ", aprobad", " con arreglo"],
    and: &["y", "e"],
    to: &["a"],
    article_keywords: &["artículos", "artículo", "arts.", "art."],
    article_number_suffixes: &[],
    article_first_words: &[],
    thousands_separators: &[],
    subparagraph_keywords: &["apartados", "apartado", "incisos", "inciso"],
    of_paragraph: &["del párrafo"],
    target_of_goal: &["del Objetivo", "del objetivo"],
    article_max_digits: 4,
    paragraph_keywords: &["párrafos", "párrafo", "párrs.", "párr."],
    closing_labels: true,
    directions: &["supra", "infra", "anteriores", "anterior"],
    present_document: &[
        "de las presentes observaciones finales",
        "del presente documento",
        "del presente informe",
    ],
    see: &["(véanse", "(véase", "(Véanse", "(Véase", "(cf."],
    paragraph_of_article: &["del artículo"],
    law_of: &["de la", "del", "de"],
    instrument_of: &["de la", "del", "de los", "de las"],
    own_treaty: &["Convención", "Pacto"],
    optional_protocol: &["Protocolo Facultativo", "Protocolo facultativo", "Protocolo"],
    present: "presente",
    name_joiners: &["de", "del", "la", "las", "los", "el", "y", "sobre", "para", "contra"],
    name_adjectives: &["facultativo"],
    domestic_words: &["Código", "Ley", "Constitución", "Decreto", "Reglamento", "Ordenanza"],
    treaty_words: &[
        "Convención",
        "Pacto",
        "Protocolo",
        "Carta",
        "Declaración",
        "Estatuto",
        "Reglas",
        "Principios",
    ],
    meeting_nouns: &["sesiones", "sesión"],
    its: &["sus", "su"],
    meeting_nouns_first: &["sesiones"],
    gc_keywords: &[
        ("observaciones generales", true, false),
        ("observación general", false, false),
        ("recomendaciones generales", true, true),
        ("recomendación general", false, true),
    ],
    joint: &[],
    number_signs: &["núms.", "núm.", "Nos.", "No.", "Nº", "N°", "nº"],
    committee_of: &["del"],
    target_keywords: &["metas", "meta"],
    goals: &["de los Objetivos de Desarrollo Sostenible"],
    quantity: &["por ciento", "%"],
    resolution_keywords: &["resoluciones", "resolución"],
    organs: &[
        ("Asamblea General", "General Assembly"),
        ("Consejo de Derechos Humanos", "Human Rights Council"),
        ("Consejo de Seguridad", "Security Council"),
        ("Consejo Económico y Social", "Economic and Social Council"),
        ("Comisión de Derechos Humanos", "Commission on Human Rights"),
    ],
    organ_after: &["de la", "del"],
    in_its: &["en su", "en sus"],
    law_kinds: &[
        "Real Decreto",
        "Real Orden",
        "Decreto Legislativo",
        "Decreto Supremo",
        "Ley",
        "Decreto",
        "Ordenanza",
    ],
    law_prefixes: &[],
    law_number_signs: &["núm.", "Nº", "N°", "No."],
    law_date_of: &["de"],
    adopted: &["aprobó"],
    abbreviations: &["núm", "núms", "párr", "párrs", "art", "arts"],
    masthead: &["Naciones Unidas", "Versión avanzada sin editar"],
    masthead_languages: &[
        "árabe", "chino", "español", "francés", "inglés", "ruso", "solamente", "únicamente",
        "y",
    ],
    treaty_names: &[
        "Convención sobre los Derechos de las Personas con Discapacidad",
        "Convención sobre los Derechos del Niño",
        "Convención Internacional sobre la Eliminación de todas las Formas de Discriminación Racial",
        "Convención sobre la Eliminación de Todas las Formas de Discriminación contra la Mujer",
        "Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos o Degradantes",
        "Pacto Internacional de Derechos Civiles y Políticos",
        "Pacto Internacional de Derechos Económicos, Sociales y Culturales",
        "Convención Internacional para la Protección de Todas las Personas contra las Desapariciones Forzadas",
        "Convención Internacional sobre la Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares",
    ],
    ..EMPTY
};

/// A table that matches nothing, the base of a language being filled in. Its string
/// keywords are unmatchable rather than empty (an empty prefix would match everything).
const EMPTY: Words = Words {
    months: &[],
    ordinal_suffixes: &[],
    unit_ordinals: &[],
    tens: &[],
    tens_ordinals: &[],
    hundred_prefixes: &[],
    concluding_observations: &[],
    list_of_issues: &[],
    general_comment: &[],
    other_titles: &[],
    list_member_ends: &[],
    committee_starts: &[],
    distribution: "\u{0}",
    original: "\u{0}",
    furniture: &[],
    page: "\u{0}",
    submitted_by: "\u{0}",
    submitted_by_ends: &[],
    reports_of: &[],
    reports_of_end: "\u{0}",
    session_before: "\u{0}",
    session_after: "\u{0}",
    opsc_title: "\u{0}",
    opac_title: "\u{0}",
    masthead: &[],
    masthead_languages: &[],
    treaty_names: &[],
    date_joiner: None,
    cardinal_units: &[],
    committees: &[],
    state_prepositions: &[],
    state_articles: &[],
    state_ends: &[],
    and: &[],
    to: &[],
    article_keywords: &[],
    article_number_suffixes: &[],
    article_first_words: &[],
    thousands_separators: &[],
    subparagraph_keywords: &[],
    of_paragraph: &[],
    target_of_goal: &[],
    article_max_digits: 0,
    paragraph_keywords: &[],
    closing_labels: false,
    directions: &[],
    present_document: &[],
    see: &[],
    paragraph_of_article: &[],
    law_of: &[],
    instrument_of: &[],
    own_treaty: &[],
    optional_protocol: &[],
    present: "\u{0}",
    name_joiners: &[],
    name_adjectives: &[],
    domestic_words: &[],
    treaty_words: &[],
    meeting_nouns: &[],
    its: &[],
    meeting_nouns_first: &[],
    gc_keywords: &[],
    joint: &[],
    number_signs: &[],
    committee_of: &[],
    target_keywords: &[],
    goals: &[],
    quantity: &[],
    resolution_keywords: &[],
    organs: &[],
    organ_after: &[],
    in_its: &[],
    law_kinds: &[],
    law_prefixes: &[],
    law_number_signs: &[],
    law_date_of: &[],
    adopted: &[],
    abbreviations: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_names() {
        assert_eq!(Language::from_name("Espagnol"), Some(Language::Es));
        assert_eq!(Language::from_name("INGLÉS"), Some(Language::En));
        assert_eq!(Language::from_name("anglais"), Some(Language::En));
        assert_eq!(Language::from_name("English"), Some(Language::En));
        assert_eq!(Language::from_name("français"), Some(Language::Fr));
        assert_eq!(Language::from_name("Klingon"), None);
    }

    #[test]
    fn language_detection() {
        let en = "The Committee recommends that the State party take all measures to ensure the rights of persons with disabilities.";
        let fr = "Le Comité recommande à l’État partie de prendre toutes les mesures voulues pour garantir les droits des personnes handicapées.";
        let es = "El Comité recomienda al Estado parte que adopte todas las medidas necesarias para garantizar los derechos de las personas con discapacidad.";
        assert_eq!(detect_language(en), Some(Language::En));
        assert_eq!(detect_language(fr), Some(Language::Fr));
        assert_eq!(detect_language(es), Some(Language::Es));
        assert_eq!(
            detect_language("CRPD/C/ALB/CO/1 اللجنة المعنية بحقوق الأشخاص ذوي الإعاقة"),
            Some(Language::Ar)
        );
        assert_eq!(
            detect_language("CRC/C/RUS/CO/4-5 Комитет по правам ребенка рассмотрел доклад"),
            Some(Language::Ru)
        );
        assert_eq!(
            detect_language("CRC/C/CHN/CO/3-4 儿童权利委员会审议了中国的报告"),
            Some(Language::Zh)
        );
        assert_eq!(detect_language("CRC/C/PER/CO/4-5"), None);
    }

    #[test]
    fn french_and_spanish_tables_are_filled() {
        for l in [Lang::Fr, Lang::Es] {
            let w = l.words();
            assert_eq!(w.months.len(), 12);
            assert_eq!(w.committees.len(), 10, "every committee");
            assert!(!w.article_keywords.is_empty() && !w.gc_keywords.is_empty());
        }
    }

    #[test]
    fn english_tables_are_complete() {
        let w = Lang::En.words();
        assert_eq!(w.months.len(), 12);
        assert_eq!(w.unit_ordinals.len(), 20);
        assert_eq!(w.tens.len(), 10);
        assert_eq!(w.tens_ordinals.len(), 10);
    }

    /// Language detection as it was first written (a walk for the scripts, then a split
    /// into words lower-cased one by one): the one-walk version must agree with it.
    fn reference(text: &str) -> Option<Language> {
        let (mut arabic, mut cyrillic, mut cjk, mut latin) = (0usize, 0usize, 0usize, 0usize);
        for c in text.chars() {
            match c {
                '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFF}' => {
                    arabic += 1
                }
                '\u{0400}'..='\u{04FF}' => cyrillic += 1,
                '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => cjk += 1,
                c if c.is_alphabetic() => latin += 1,
                _ => {}
            }
        }
        let scripts = [
            (arabic, Language::Ar),
            (cyrillic, Language::Ru),
            (cjk * 3, Language::Zh),
        ];
        if let Some((n, l)) = scripts.iter().max_by_key(|(n, _)| *n) {
            if *n > 0 && *n >= latin / 2 {
                return Some(*l);
            }
        }
        let mut counts = [0usize; 3];
        for w in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty() && w.len() <= 4)
        {
            let w = w.to_lowercase();
            for (k, (_, words)) in MARKERS.iter().enumerate() {
                if words.contains(&w.as_str()) {
                    counts[k] += 1;
                }
            }
        }
        let (best, n) = counts
            .iter()
            .enumerate()
            .max_by_key(|(k, n)| (**n, usize::MAX - k))?;
        if *n < 3 {
            return None;
        }
        MARKERS.get(best).map(|(l, _)| *l)
    }

    proptest::proptest! {
        #[test]
        fn one_walk_agrees_with_the_first_detection(
            words in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just("the"), proptest::strategy::Just("THE"),
                proptest::strategy::Just("Les"), proptest::strategy::Just("y"),
                proptest::strategy::Just("DEL"), proptest::strategy::Just("\u{212a}"),
                proptest::strategy::Just("État"), proptest::strategy::Just("été"),
                proptest::strategy::Just("доклад"), proptest::strategy::Just("تقرير"),
                proptest::strategy::Just("報告"), proptest::strategy::Just("2016"),
                proptest::strategy::Just("a1b"), proptest::strategy::Just("Committee"),
                proptest::strategy::Just("-"), proptest::strategy::Just("’"),
            ], 0..40),
            joiner in proptest::prop_oneof![
                proptest::strategy::Just(" "), proptest::strategy::Just(""),
                proptest::strategy::Just(", "), proptest::strategy::Just("\u{a0}"),
            ],
        ) {
            let text = words.join(joiner);
            proptest::prop_assert_eq!(detect_language(&text), reference(&text));
        }
    }
}
