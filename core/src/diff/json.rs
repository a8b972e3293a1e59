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
    let mut text = serde_json::to_string_pretty(&DiffJson { old, new, changes })
        .map_err(|e| Error::Invalid(format!("error: cannot write the differences as JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}
