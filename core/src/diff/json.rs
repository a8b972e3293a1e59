//! Policy differences as JSON, for scripts.

use super::Difference;
use crate::error::Error;

#[derive(serde::Serialize)]
struct DiffJson<'a> {
    old: &'a str,
    new: &'a str,
    changes: &'a [Difference],
}

pub fn render(old: &str, new: &str, changes: &[Difference]) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(&DiffJson { old, new, changes }).map_err(|e| {
        Error::invalid(crate::messages::Msg::cannot_write_json(
            crate::messages::Msg::json_what_differences(),
            e.to_string(),
        ))
    })?;
    text.push('\n');
    Ok(text)
}
