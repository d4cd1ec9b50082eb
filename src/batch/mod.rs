//! Batch conversion of many inputs (the `convert` command).
