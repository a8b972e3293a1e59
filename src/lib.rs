//! caiju: what Nanping's talent policy (南委人才〔2021〕2号) gives a person or an organization.

pub mod ask;
pub mod batch;
pub mod cli;
pub mod commands;
pub mod exit;
pub mod stdio;
pub mod table;

pub use caiju_core::{
    catalog, describe, diagnostic, diff, engine, error, explain, i18n, lang, lint, messages,
    places, policy, profile, reach, render, report,
};

use messages::Msg;
use std::io::Read;

/// The largest profile or policy file read, in bytes: far above any real one, and a bound on memory.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// The text of a file, or of standard input for `-`, at most `MAX_INPUT_BYTES` long, without a
/// leading byte order mark.
pub fn read_input(path: &str) -> Result<String, Msg> {
    if path == "-" {
        read_text(std::io::stdin())
    } else {
        read_file(std::path::Path::new(path))
    }
}

/// Reads a profile from a file, or from standard input for `-`.
pub fn read_profile(
    policy: &policy::Policy,
    path: &str,
) -> Result<profile::Profile, diagnostic::Diagnostics> {
    let name = if path == "-" { "<stdin>" } else { path };
    let text = read_input(path).map_err(|e| diagnostic::Diagnostic::file(name, e))?;
    profile::parse(policy, &diagnostic::Source::new(name, text))
}

/// `read_input` for a file.
pub fn read_file(path: &std::path::Path) -> Result<String, Msg> {
    read_text(std::fs::File::open(path).map_err(|e| Msg::cannot_read(Msg::io(&e)))?)
}

fn read_text(reader: impl Read) -> Result<String, Msg> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Msg::cannot_read(Msg::io(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Msg::larger_than_mib(MAX_INPUT_BYTES / 1024 / 1024));
    }
    let mut text =
        String::from_utf8(bytes).map_err(|e| Msg::not_utf8(e.utf8_error().valid_up_to()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}
