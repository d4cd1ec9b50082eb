//! Readers: each turns one input format into the intermediate [`crate::blocks::RawDocument`].

pub mod docx;
pub mod pdf;
pub mod text;
