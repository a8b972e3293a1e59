//! How `caiju ask` puts its questions (plain lines or terminal prompts) and saves the answers to a file.

pub mod plain;
pub mod terminal;

pub use caiju_core::ask::*;

use crate::error::Error;
use crate::i18n::Lang;
use crate::messages::Msg;
use crate::policy::Policy;

/// Writes the profile to `path`.
pub fn write_profile(policy: &Policy, known: &Known, path: &str, lang: Lang) -> Result<(), Error> {
    let text = if path.ends_with(".json") {
        save::json_text(policy, known)
    } else {
        save::toml_text(policy, known, lang)
    };
    std::fs::write(path, text)
        .map_err(|e| Error::invalid(Msg::in_file(path, Msg::cannot_write(Msg::io(&e)))))
}
