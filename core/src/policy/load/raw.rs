//! The shapes of a policy file's TOML, as serde reads them before anything is checked.

use crate::i18n::Texts;
use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPolicy {
    pub(super) policy: RawHeader,
    #[serde(default)]
    pub(super) facts: IndexMap<Spanned<String>, RawFact>,
    #[serde(default)]
    pub(super) params: IndexMap<Spanned<String>, RawParam>,
    #[serde(default)]
    pub(super) derived: IndexMap<Spanned<String>, RawDerived>,
    #[serde(default)]
    pub(super) offices: IndexMap<Spanned<String>, Spanned<Texts>>,
    #[serde(default)]
    pub(super) areas: IndexMap<Spanned<String>, Spanned<Texts>>,
    #[serde(default)]
    pub(super) measures: Vec<RawMeasure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeader {
    pub(super) id: String,
    pub(super) document: String,
    pub(super) title: Spanned<Texts>,
    pub(super) issued: Spanned<toml::value::Datetime>,
    pub(super) effective_from: Spanned<toml::value::Datetime>,
    pub(super) effective_until: Option<Spanned<toml::value::Datetime>>,
    /// The decimals every amount is rounded to (half up); 2, to the fen, when not given.
    pub(super) amount_decimals: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::policy) struct RawFact {
    #[serde(rename = "type")]
    pub(super) ty: Spanned<String>,
    pub(super) subject: Spanned<String>,
    pub(super) label: Spanned<Texts>,
    pub(super) question: Spanned<Texts>,
    pub(super) help: Option<Spanned<Texts>>,
    pub(super) default: Option<Spanned<toml::Value>>,
    /// A date fact's order among dates: the date fact (or `as_of`) it may not come before or after.
    pub(super) not_before: Option<Spanned<String>>,
    pub(super) not_after: Option<Spanned<String>>,
    /// The smallest and largest values a number or money fact may take.
    pub(super) min: Option<Spanned<toml::Value>>,
    pub(super) max: Option<Spanned<toml::Value>>,
    pub(super) options: Option<Vec<RawOption>>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    pub(super) birth_date: Option<Spanned<String>>,
    /// Words that, in this fact's column of an intake, mean a yes/no fact is true instead.
    #[serde(default)]
    pub(super) cell_words: IndexMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub(super) id: Spanned<String>,
    pub(super) zh: Spanned<String>,
    pub(super) en: Spanned<String>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::policy) struct RawParam {
    pub(in crate::policy) value: Spanned<toml::Value>,
    #[serde(rename = "type")]
    pub(in crate::policy) ty: Option<Spanned<String>>,
    pub(in crate::policy) clause: Spanned<String>,
    pub(in crate::policy) label: Option<Spanned<Texts>>,
    pub(in crate::policy) note: Option<Spanned<Texts>>,
    pub(in crate::policy) effective_from: Option<Spanned<toml::value::Datetime>>,
    pub(in crate::policy) effective_until: Option<Spanned<toml::value::Datetime>>,
    pub(in crate::policy) effective_by: Option<Spanned<String>>,
    #[serde(default)]
    pub(in crate::policy) versions: Vec<RawParamVersion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::policy) struct RawParamVersion {
    pub(super) effective_from: Option<Spanned<toml::value::Datetime>>,
    pub(super) effective_until: Option<Spanned<toml::value::Datetime>>,
    pub(super) value: Spanned<toml::Value>,
    pub(super) clause: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::policy) struct RawDerived {
    #[serde(rename = "type")]
    pub(super) ty: Spanned<String>,
    pub(super) expr: Spanned<String>,
    pub(super) label: Spanned<Texts>,
    pub(super) note: Option<Spanned<Texts>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::policy) struct RawMeasure {
    pub(super) id: Spanned<String>,
    pub(super) area: Spanned<String>,
    pub(super) name: Spanned<Texts>,
    pub(super) clause: Spanned<String>,
    pub(super) source: Spanned<String>,
    pub(super) kind: Spanned<String>,
    pub(super) subject: Spanned<String>,
    pub(super) beneficiary: Spanned<String>,
    pub(super) departments: Option<Spanned<crate::policy::offices::RawDepartments>>,
    pub(super) note: Option<Spanned<Texts>>,
    pub(super) available_from: Option<Spanned<String>>,
    pub(super) effective_from: Option<Spanned<toml::value::Datetime>>,
    pub(super) effective_until: Option<Spanned<toml::value::Datetime>>,
    pub(super) effective_by: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) conditions: Vec<RawCondition>,
    pub(super) amount: Option<RawAmount>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::policy) struct RawCondition {
    pub(super) id: Spanned<String>,
    pub(super) when: Spanned<String>,
    pub(super) zh: Spanned<String>,
    pub(super) en: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::policy) struct RawAmount {
    pub(super) value: Option<Spanned<toml::Value>>,
    pub(super) amount_max: Option<Spanned<toml::Value>>,
    pub(super) by: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) rows: Vec<Spanned<RawRow>>,
    #[serde(default)]
    pub(super) uncovered: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRow {
    #[serde(rename = "match")]
    pub(super) options: Vec<Spanned<String>>,
    pub(super) when: Option<Spanned<String>>,
    pub(super) value: Spanned<toml::Value>,
    pub(super) effective_from: Option<Spanned<toml::value::Datetime>>,
    pub(super) effective_until: Option<Spanned<toml::value::Datetime>>,
}
