//! Policy differences as JSON, for scripts.

use super::Difference;

#[derive(serde::Serialize)]
struct DiffJson<'a> {
    old: &'a str,
    new: &'a str,
    changes: &'a [Difference],
}

pub fn render(old: &str, new: &str, changes: &[Difference]) -> String {
    let mut text =
        serde_json::to_string_pretty(&DiffJson { old, new, changes }).expect("diff serialises");
    text.push('\n');
    text
}
