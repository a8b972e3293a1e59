//! caiju: what Nanping's talent policy (南委人才〔2021〕2号) gives a person or an organization.

pub mod ask;
pub mod batch;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod describe;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod error;
pub mod explain;
pub mod i18n;
pub mod lang;
pub mod lint;
pub mod policy;
pub mod profile;
pub mod report;

use std::io::Read;

/// The text of a file, or of standard input for `-`.
pub fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))
    }
}
