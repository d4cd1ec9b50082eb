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
        }
    }
}
