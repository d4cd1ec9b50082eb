//! Writers: turn the model into output bytes.

pub mod json;
