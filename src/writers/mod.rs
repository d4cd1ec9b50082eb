//! Writers: turn the model into output bytes.

pub mod json;
pub mod rows;
pub mod schema;
