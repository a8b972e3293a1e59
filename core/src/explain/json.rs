//! An explanation as JSON, for scripts.

use super::Explanation;
use crate::error::Error;

pub fn render(explanation: &Explanation) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(explanation).map_err(|e| {
        Error::invalid(crate::messages::Msg::cannot_write_json(
            crate::messages::Msg::json_what_explanation(),
            e.to_string(),
        ))
    })?;
    text.push('\n');
    Ok(text)
}
