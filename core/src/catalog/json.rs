//! The catalog as JSON, for scripts.

use super::Entry;
use crate::error::Error;
use crate::i18n::Lang;
use crate::policy::Policy;
use jiff::civil::Date;

#[derive(serde::Serialize)]
struct PolicyJson<'a> {
    id: &'a str,
    title: &'a str,
    document: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    overlays: Vec<OverlayJson<'a>>,
}

#[derive(serde::Serialize)]
struct OverlayJson<'a> {
    file: &'a str,
    id: &'a str,
    document: &'a str,
}

#[derive(serde::Serialize)]
struct CatalogJson<'a> {
    policy: PolicyJson<'a>,
    as_of: String,
    measures: &'a [Entry],
}

pub fn render(
    policy: &Policy,
    entries: &[Entry],
    as_of: Date,
    lang: Lang,
) -> Result<String, Error> {
    let json = CatalogJson {
        policy: PolicyJson {
            id: &policy.id,
            title: policy.title.get(lang),
            document: &policy.document,
            overlays: policy
                .overlays
                .iter()
                .map(|o| OverlayJson {
                    file: &o.source.name,
                    id: &o.id,
                    document: &o.document,
                })
                .collect(),
        },
        as_of: as_of.to_string(),
        measures: entries,
    };
    let mut text = serde_json::to_string_pretty(&json).map_err(|e| {
        Error::invalid(crate::messages::Msg::cannot_write_json(
            crate::messages::Msg::json_what_catalog(),
            e.to_string(),
        ))
    })?;
    text.push('\n');
    Ok(text)
}
