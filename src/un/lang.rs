//! The words UN documents use, per language. Parsers in `un` (and the reference grammars)
//! read these tables instead of holding English literals, so that a language is added by
//! filling its table (un-conventions.md §3.8 lists the French and Spanish equivalents).
//!
//! English is complete. French and Spanish hold only what the English-language pipeline
//! already recognised in them (the concluding-observations title); the rest is empty until
//! their tables are filled, and an empty table matches nothing.

/// A language of UN documents.
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
};

/// French: only the concluding-observations title so far.
static FR: Words = Words {
    concluding_observations: &["observations finales"],
    ..EMPTY
};

/// Spanish: only the concluding-observations title so far.
static ES: Words = Words {
    concluding_observations: &["observaciones finales"],
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
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_tables_are_complete() {
        let w = Lang::En.words();
        assert_eq!(w.months.len(), 12);
        assert_eq!(w.unit_ordinals.len(), 20);
        assert_eq!(w.tens.len(), 10);
        assert_eq!(w.tens_ordinals.len(), 10);
    }
}
