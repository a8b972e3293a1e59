//! An explanation as JSON, for scripts.

use super::Explanation;

pub fn render(explanation: &Explanation) -> String {
    let mut text = serde_json::to_string_pretty(explanation).expect("explanation serialises");
    text.push('\n');
    text
}
