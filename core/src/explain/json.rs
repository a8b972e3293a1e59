//! An explanation as JSON, for scripts.

use super::Explanation;
use crate::error::Error;

pub fn render(explanation: &Explanation) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(explanation)
        .map_err(|e| Error::Invalid(format!("error: cannot write the explanation as JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}
