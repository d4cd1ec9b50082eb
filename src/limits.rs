//! Resource limits. Every limit is enforced with a typed [`crate::Error::TooLarge`], never a
//! panic or an out-of-memory, and each can be changed from the library and the CLI.

/// Bounds on what one input may make treatydoc do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file, bytes.
    pub max_input_bytes: u64,
    /// Largest total decompressed size of the zip entries read from a .docx, bytes.
    pub max_decompressed_bytes: u64,
    /// Largest ratio of decompressed to compressed size for one zip entry.
    pub max_compression_ratio: u64,
    /// Most entries in a .docx zip.
    pub max_zip_entries: u64,
    /// Deepest XML element nesting; values above [`Limits::XML_DEPTH_CEILING`] count as it.
    pub max_xml_depth: u64,
    /// Most paragraphs (blocks) in one document.
    pub max_paragraphs: u64,
    /// Longest line of the text format, bytes.
    pub max_line_bytes: u64,
    /// Most pages in a PDF.
    pub max_pdf_pages: u64,
    /// Most indirect objects in a PDF.
    pub max_pdf_objects: u64,
    /// Most members of cross-references in one document, ranges expanded: the paragraphs,
    /// articles, meetings, documents and targets named (`paragraphs 1 to 199` counts 199).
    /// Ranges make output grow faster than input; this keeps it bounded.
    pub max_ref_members: u64,
}

impl Limits {
    /// The most XML nesting the .docx reader accepts whatever `max_xml_depth` says: it walks
    /// nested elements recursively, and 512 levels fit in a 2 MiB thread stack (the Rust and
    /// rayon default) even in a debug build, where a content-control level takes ~3 KiB.
    pub const XML_DEPTH_CEILING: u64 = 512;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 * 1024 * 1024,
            max_decompressed_bytes: 256 * 1024 * 1024,
            max_compression_ratio: 200,
            max_zip_entries: 10_000,
            max_xml_depth: 256,
            max_paragraphs: 200_000,
            max_line_bytes: 4 * 1024 * 1024,
            max_pdf_pages: 2_000,
            max_pdf_objects: 500_000,
            max_ref_members: 100_000,
        }
    }
}

/// Which of the [`Limits`] an input exceeded ([`crate::Error::TooLarge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LimitKind {
    /// [`Limits::max_input_bytes`].
    InputBytes,
    /// [`Limits::max_decompressed_bytes`].
    DecompressedBytes,
    /// [`Limits::max_compression_ratio`].
    CompressionRatio,
    /// [`Limits::max_zip_entries`].
    ZipEntries,
    /// [`Limits::max_xml_depth`].
    XmlDepth,
    /// [`Limits::max_paragraphs`].
    Paragraphs,
    /// [`Limits::max_line_bytes`].
    LineBytes,
    /// [`Limits::max_pdf_pages`].
    PdfPages,
    /// [`Limits::max_pdf_objects`].
    PdfObjects,
    /// [`Limits::max_ref_members`].
    RefMembers,
}

impl LimitKind {
    /// Every limit, in the order of the [`Limits`] fields.
    pub const ALL: [LimitKind; 10] = [
        LimitKind::InputBytes,
        LimitKind::DecompressedBytes,
        LimitKind::CompressionRatio,
        LimitKind::ZipEntries,
        LimitKind::XmlDepth,
        LimitKind::Paragraphs,
        LimitKind::LineBytes,
        LimitKind::PdfPages,
        LimitKind::PdfObjects,
        LimitKind::RefMembers,
    ];

    /// The name of the [`Limits`] field.
    ///
    /// ```
    /// assert_eq!(treatydoc::LimitKind::LineBytes.field_name(), "max_line_bytes");
    /// ```
    pub fn field_name(self) -> &'static str {
        match self {
            LimitKind::InputBytes => "max_input_bytes",
            LimitKind::DecompressedBytes => "max_decompressed_bytes",
            LimitKind::CompressionRatio => "max_compression_ratio",
            LimitKind::ZipEntries => "max_zip_entries",
            LimitKind::XmlDepth => "max_xml_depth",
            LimitKind::Paragraphs => "max_paragraphs",
            LimitKind::LineBytes => "max_line_bytes",
            LimitKind::PdfPages => "max_pdf_pages",
            LimitKind::PdfObjects => "max_pdf_objects",
            LimitKind::RefMembers => "max_ref_members",
        }
    }

    /// The value of this limit in `limits`.
    ///
    /// ```
    /// use treatydoc::{LimitKind, Limits};
    /// assert_eq!(LimitKind::ZipEntries.get(&Limits::default()), 10_000);
    /// ```
    pub fn get(self, limits: &Limits) -> u64 {
        match self {
            LimitKind::InputBytes => limits.max_input_bytes,
            LimitKind::DecompressedBytes => limits.max_decompressed_bytes,
            LimitKind::CompressionRatio => limits.max_compression_ratio,
            LimitKind::ZipEntries => limits.max_zip_entries,
            LimitKind::XmlDepth => limits.max_xml_depth,
            LimitKind::Paragraphs => limits.max_paragraphs,
            LimitKind::LineBytes => limits.max_line_bytes,
            LimitKind::PdfPages => limits.max_pdf_pages,
            LimitKind::PdfObjects => limits.max_pdf_objects,
            LimitKind::RefMembers => limits.max_ref_members,
        }
    }

    /// Sets this limit in `limits` (bindings and configuration files set limits by name).
    ///
    /// ```
    /// use treatydoc::{LimitKind, Limits};
    /// let mut limits = Limits::default();
    /// LimitKind::PdfPages.set(&mut limits, 10);
    /// assert_eq!(limits.max_pdf_pages, 10);
    /// ```
    pub fn set(self, limits: &mut Limits, value: u64) {
        let slot = match self {
            LimitKind::InputBytes => &mut limits.max_input_bytes,
            LimitKind::DecompressedBytes => &mut limits.max_decompressed_bytes,
            LimitKind::CompressionRatio => &mut limits.max_compression_ratio,
            LimitKind::ZipEntries => &mut limits.max_zip_entries,
            LimitKind::XmlDepth => &mut limits.max_xml_depth,
            LimitKind::Paragraphs => &mut limits.max_paragraphs,
            LimitKind::LineBytes => &mut limits.max_line_bytes,
            LimitKind::PdfPages => &mut limits.max_pdf_pages,
            LimitKind::PdfObjects => &mut limits.max_pdf_objects,
            LimitKind::RefMembers => &mut limits.max_ref_members,
        };
        *slot = value;
    }

    /// The error for a value `measured` over this limit's `max`.
    pub(crate) fn exceeded(self, measured: u64, max: u64) -> crate::Error {
        crate::Error::TooLarge {
            limit: self,
            measured,
            max,
            part: None,
            line: None,
        }
    }

    /// Likewise, naming the .docx part concerned.
    pub(crate) fn exceeded_in(self, part: &str, measured: u64, max: u64) -> crate::Error {
        crate::Error::TooLarge {
            limit: self,
            measured,
            max,
            part: Some(part.to_string()),
            line: None,
        }
    }
}
