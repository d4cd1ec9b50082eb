//! The treaty bodies, their treaties and Optional Protocols, and the kinds of documents they
//! issue: the one table of names (the model re-exports the types; the reference grammars
//! read the treaty table).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lang::{Lang, Words};

const OPSC: &str = "Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography";
const OPAC: &str = "Optional Protocol to the Convention on the Rights of the Child on the involvement of children in armed conflict";

/// Treaties a text may name in full, with their number of articles (for the sanity check).
/// Longer names first where one is the start of another.
pub(crate) const TREATIES: &[(&str, u32)] = &[
    (OPSC, 17),
    (OPAC, 13),
    ("Optional Protocol to the Convention on the Rights of the Child on a communications procedure", 24),
    ("Optional Protocol to the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment", 37),
    ("Optional Protocol to the International Covenant on Economic, Social and Cultural Rights", 22),
    ("Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty", 11),
    ("Optional Protocol to the International Covenant on Civil and Political Rights", 14),
    ("Optional Protocol to the Convention on the Elimination of All Forms of Discrimination against Women", 21),
    ("Optional Protocol to the Convention on the Rights of Persons with Disabilities", 18),
    ("International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families", 93),
    ("International Convention for the Protection of All Persons from Enforced Disappearance", 45),
    ("International Convention on the Elimination of All Forms of Racial Discrimination", 25),
    ("Convention on the Elimination of All Forms of Discrimination against Women", 30),
    ("Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment", 33),
    ("Convention on the Rights of Persons with Disabilities", 50),
    ("Convention on the Rights of the Child", 54),
    ("International Covenant on Economic, Social and Cultural Rights", 31),
    ("International Covenant on Civil and Political Rights", 53),
    ("Convention relating to the Status of Refugees", 46),
    ("Convention relating to the Status of Stateless Persons", 42),
    ("Universal Declaration of Human Rights", 30),
];

/// The number of articles of a treaty named as in [`TREATIES`].
pub(crate) fn max_articles(name: &str) -> Option<u32> {
    TREATIES.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// Roots of the symbols a UN file name may carry (`CRC_C_PER_CO_4-5.docx`): the treaty
/// bodies', the Economic and Social Council's (`E/C.12`), the General Assembly's and the
/// compilations' (`HRI`).
pub(crate) const FILE_NAME_ROOTS: &[&str] = &[
    "CRC", "CCPR", "CERD", "CEDAW", "CAT", "CRPD", "CED", "CMW", "E", "A", "HRI",
];

/// Treaty bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum TreatyBody {
    /// Committee on the Rights of the Child.
    #[serde(rename = "CRC")]
    Crc,
    /// Human Rights Committee.
    #[serde(rename = "CCPR")]
    Ccpr,
    /// Committee on Economic, Social and Cultural Rights.
    #[serde(rename = "CESCR")]
    Cescr,
    /// Committee on the Elimination of Discrimination against Women.
    #[serde(rename = "CEDAW")]
    Cedaw,
    /// Committee on the Elimination of Racial Discrimination.
    #[serde(rename = "CERD")]
    Cerd,
    /// Committee against Torture.
    #[serde(rename = "CAT")]
    Cat,
    /// Subcommittee on Prevention of Torture.
    #[serde(rename = "SPT")]
    Spt,
    /// Committee on the Rights of Persons with Disabilities.
    #[serde(rename = "CRPD")]
    Crpd,
    /// Committee on Enforced Disappearances.
    #[serde(rename = "CED")]
    Ced,
    /// Committee on Migrant Workers.
    #[serde(rename = "CMW")]
    Cmw,
}

impl TreatyBody {
    /// Every body, for lookups.
    pub const ALL: [TreatyBody; 10] = [
        TreatyBody::Crc,
        TreatyBody::Ccpr,
        TreatyBody::Cescr,
        TreatyBody::Cedaw,
        TreatyBody::Cerd,
        TreatyBody::Cat,
        TreatyBody::Spt,
        TreatyBody::Crpd,
        TreatyBody::Ced,
        TreatyBody::Cmw,
    ];

    /// The acronym, as in the JSON.
    ///
    /// ```
    /// assert_eq!(treatydoc::model::TreatyBody::Cescr.acronym(), "CESCR");
    /// ```
    pub fn acronym(self) -> &'static str {
        match self {
            TreatyBody::Crc => "CRC",
            TreatyBody::Ccpr => "CCPR",
            TreatyBody::Cescr => "CESCR",
            TreatyBody::Cedaw => "CEDAW",
            TreatyBody::Cerd => "CERD",
            TreatyBody::Cat => "CAT",
            TreatyBody::Spt => "SPT",
            TreatyBody::Crpd => "CRPD",
            TreatyBody::Ced => "CED",
            TreatyBody::Cmw => "CMW",
        }
    }

    /// The committee's English name.
    ///
    /// ```
    /// use treatydoc::model::TreatyBody;
    /// assert_eq!(TreatyBody::Ccpr.committee_name(), "Human Rights Committee");
    /// ```
    pub fn committee_name(self) -> &'static str {
        match self {
            TreatyBody::Crc => "Committee on the Rights of the Child",
            TreatyBody::Ccpr => "Human Rights Committee",
            TreatyBody::Cescr => "Committee on Economic, Social and Cultural Rights",
            TreatyBody::Cedaw => "Committee on the Elimination of Discrimination against Women",
            TreatyBody::Cerd => "Committee on the Elimination of Racial Discrimination",
            TreatyBody::Cat => "Committee against Torture",
            TreatyBody::Spt => "Subcommittee on Prevention of Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
            TreatyBody::Crpd => "Committee on the Rights of Persons with Disabilities",
            TreatyBody::Ced => "Committee on Enforced Disappearances",
            TreatyBody::Cmw => "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families",
        }
    }

    /// What "the Convention" (or "the Covenant") means in this body's documents.
    ///
    /// ```
    /// use treatydoc::model::TreatyBody;
    /// assert_eq!(TreatyBody::Crc.home_instrument(), "Convention on the Rights of the Child");
    /// ```
    pub fn home_instrument(self) -> &'static str {
        match self {
            TreatyBody::Crc => "Convention on the Rights of the Child",
            TreatyBody::Ccpr => "International Covenant on Civil and Political Rights",
            TreatyBody::Cescr => "International Covenant on Economic, Social and Cultural Rights",
            TreatyBody::Cedaw => "Convention on the Elimination of All Forms of Discrimination against Women",
            TreatyBody::Cerd => "International Convention on the Elimination of All Forms of Racial Discrimination",
            TreatyBody::Cat | TreatyBody::Spt => "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
            TreatyBody::Crpd => "Convention on the Rights of Persons with Disabilities",
            TreatyBody::Ced => "International Convention for the Protection of All Persons from Enforced Disappearance",
            TreatyBody::Cmw => "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
        }
    }

    /// The body whose documents carry this symbol root (`CRC/C/...`, `E/C.12/...`).
    ///
    /// ```
    /// use treatydoc::model::TreatyBody;
    /// assert_eq!(TreatyBody::from_symbol("E/C.12/GBR/CO/6"), Some(TreatyBody::Cescr));
    /// assert_eq!(TreatyBody::from_symbol("A/HRC/33/7"), None);
    /// ```
    pub fn from_symbol(symbol: &str) -> Option<TreatyBody> {
        let s = symbol.trim();
        let root = s.split('/').next().unwrap_or("");
        match root {
            "CRC" => Some(TreatyBody::Crc),
            "CCPR" => Some(TreatyBody::Ccpr),
            "CEDAW" => Some(TreatyBody::Cedaw),
            "CERD" => Some(TreatyBody::Cerd),
            "CAT" => Some(TreatyBody::Cat),
            "CRPD" => Some(TreatyBody::Crpd),
            "CED" => Some(TreatyBody::Ced),
            "CMW" => Some(TreatyBody::Cmw),
            "E" if s.starts_with("E/C.12/") => Some(TreatyBody::Cescr),
            _ => None,
        }
    }

    /// The Optional Protocol "the Optional Protocol" means in this body's documents when no
    /// protocol is under review (CRC has three: it is then unknown).
    pub(crate) fn optional_protocol(self) -> Option<String> {
        match self {
            TreatyBody::Ccpr => Some(
                "Optional Protocol to the International Covenant on Civil and Political Rights"
                    .into(),
            ),
            b @ (TreatyBody::Cescr | TreatyBody::Cedaw | TreatyBody::Cat | TreatyBody::Crpd) => {
                Some(format!("Optional Protocol to the {}", b.home_instrument()))
            }
            _ => None,
        }
    }

    /// The body whose committee has this name (case-insensitive, exact name).
    ///
    /// ```
    /// use treatydoc::model::TreatyBody;
    /// let b = TreatyBody::from_committee_name("Committee against Torture");
    /// assert_eq!(b, Some(TreatyBody::Cat));
    /// ```
    pub fn from_committee_name(name: &str) -> Option<TreatyBody> {
        let n = name.trim();
        TreatyBody::ALL
            .into_iter()
            .find(|b| b.committee_name().eq_ignore_ascii_case(n))
            .or_else(|| {
                // French and Spanish names, with either apostrophe, compared lower-cased
                // char by char (no allocation: this runs on every first-page line). The
                // names hold no Σ, the one letter whose lower case depends on its place.
                let n_lower = || {
                    n.chars()
                        .map(|c| if c == '\'' { '’' } else { c })
                        .flat_map(char::to_lowercase)
                };
                Lang::ALL.into_iter().find_map(|l| {
                    l.words()
                        .committees
                        .iter()
                        .find(|(_, name)| name.chars().flat_map(char::to_lowercase).eq(n_lower()))
                        .and_then(|(acronym, _)| {
                            TreatyBody::ALL
                                .into_iter()
                                .find(|b| b.acronym() == *acronym)
                        })
                })
            })
    }
}

/// Kinds of treaty-body documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// A committee's concluding observations on a State party's report.
    ConcludingObservations,
    /// A list of issues (or list of issues prior to reporting).
    ListOfIssues,
    /// A general comment or general recommendation.
    GeneralComment,
    /// Anything else.
    Other,
}

impl DocumentType {
    /// The type a symbol says: `/CO/` concluding observations, `/Q/` or `/QPR/` a list of
    /// issues, `/GC/` a general comment.
    ///
    /// ```
    /// use treatydoc::model::DocumentType;
    /// assert_eq!(DocumentType::from_symbol("CRC/C/GC/25"), Some(DocumentType::GeneralComment));
    /// ```
    pub fn from_symbol(symbol: &str) -> Option<DocumentType> {
        if symbol.contains("/CO/") {
            Some(DocumentType::ConcludingObservations)
        } else if symbol.contains("/Q/") || symbol.contains("/QPR/") {
            Some(DocumentType::ListOfIssues)
        } else if symbol.contains("/GC/") {
            Some(DocumentType::GeneralComment)
        } else {
            None
        }
    }

    /// True when a paragraph starting with these (lower-case) words is a document's title,
    /// in any language with a table.
    pub(crate) fn is_title_opening(lower: &str) -> bool {
        DocumentType::from_title(lower).is_some()
            || Lang::ALL
                .into_iter()
                .any(|l| l.words().other_titles.iter().any(|p| lower.starts_with(p)))
    }

    /// The type a title's first words say (`Concluding observations on ...`), in any
    /// language with a table; `lower_title` is the title in lower case.
    pub(crate) fn from_title(lower_title: &str) -> Option<DocumentType> {
        let starts = |pick: fn(&Words) -> &'static [&'static str]| {
            Lang::ALL
                .into_iter()
                .any(|l| pick(l.words()).iter().any(|p| lower_title.starts_with(p)))
        };
        if starts(|w| w.concluding_observations) {
            Some(DocumentType::ConcludingObservations)
        } else if starts(|w| w.list_of_issues) {
            Some(DocumentType::ListOfIssues)
        } else if starts(|w| w.general_comment) {
            Some(DocumentType::GeneralComment)
        } else {
            None
        }
    }
}

/// Optional Protocols reviewed under their own reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Instrument {
    /// Optional Protocol on the sale of children, child prostitution and child pornography.
    #[serde(rename = "OPSC")]
    Opsc,
    /// Optional Protocol on the involvement of children in armed conflict.
    #[serde(rename = "OPAC")]
    Opac,
}

impl Instrument {
    /// The protocol's full English name.
    ///
    /// ```
    /// let name = treatydoc::model::Instrument::Opac.name();
    /// assert!(name.ends_with("on the involvement of children in armed conflict"));
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Instrument::Opsc => OPSC,
            Instrument::Opac => OPAC,
        }
    }

    /// The protocol a symbol's `OPSC`/`OPAC` segment says is under review.
    ///
    /// ```
    /// use treatydoc::model::Instrument;
    /// assert_eq!(Instrument::from_symbol("CRC/C/OPSC/PER/CO/1"), Some(Instrument::Opsc));
    /// assert_eq!(Instrument::from_symbol("CRC/C/PER/CO/4-5"), None);
    /// ```
    pub fn from_symbol(symbol: &str) -> Option<Instrument> {
        if symbol.contains("/OPSC/") {
            Some(Instrument::Opsc)
        } else if symbol.contains("/OPAC/") {
            Some(Instrument::Opac)
        } else {
            None
        }
    }

    /// The protocol a title names (`... on the sale of children, ...`), in any language
    /// with a table.
    pub(crate) fn from_title(lower_title: &str) -> Option<Instrument> {
        let words = || Lang::ALL.into_iter().map(Lang::words);
        if words().any(|w| lower_title.contains(w.opsc_title)) {
            Some(Instrument::Opsc)
        } else if words().any(|w| lower_title.contains(w.opac_title)) {
            Some(Instrument::Opac)
        } else {
            None
        }
    }
}
