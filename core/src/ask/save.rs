//! Writes the answers as a profile that `caiju check` reads: TOML, or JSON for a `.json` file.

use super::Known;
use crate::i18n::Lang;
use crate::lang::value::{Type, Value};
use crate::messages::Msg;
use crate::policy::Policy;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// A number as TOML: an integer, a float that reads back exactly, or else a string.
fn toml_number(n: Decimal) -> toml::Value {
    let n = n.normalize();
    if let Some(i) = n.to_i64().filter(|_| n.scale() == 0) {
        return toml::Value::Integer(i);
    }
    match n.to_f64() {
        Some(f) if f.to_string() == n.to_string() => toml::Value::Float(f),
        _ => toml::Value::String(n.to_string()),
    }
}

/// A value as written on the right of `=` in TOML.
fn toml_value(policy: &Policy, ty: Type, value: &Value) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => toml_number(*n).to_string(),
        Value::Date(d) => d.to_string(),
        Value::Text(t) => toml::Value::String(t.to_string()).to_string(),
        Value::Option(o) => toml::Value::String(option_id(policy, ty, *o)).to_string(),
    }
}

fn option_id(policy: &Policy, ty: Type, option: usize) -> String {
    match ty {
        Type::Enum(id) => policy.option(id, option).id.clone(),
        _ => option.to_string(),
    }
}

/// Fact values, by fact index.
type Entries = Vec<(usize, Value)>;

/// The fact values to write: first those given, then those not ticked in the checklist.
fn entries(policy: &Policy, known: &Known) -> (Entries, Entries) {
    let given = known
        .values
        .iter()
        .enumerate()
        .filter_map(|(f, v)| Some((f, v.clone()?)))
        .collect();
    let declined = known
        .declined()
        .filter_map(|f| Some((f, policy.facts[f].default.clone()?)))
        .collect();
    (given, declined)
}

pub fn toml_text(policy: &Policy, known: &Known, lang: Lang) -> String {
    let profile = known.profile();
    let mut out = String::new();
    out.push_str(&format!(
        "# {}\n",
        Msg::saved_answers_comment().render(lang)
    ));
    out.push_str(&format!(
        "subject = {}\n",
        toml::Value::String(profile.subject.id().into())
    ));
    if let Some(name) = &profile.name {
        out.push_str(&format!("name = {}\n", toml::Value::String(name.clone())));
    }
    let line = |(f, v): &(usize, Value)| {
        let fact = &policy.facts[*f];
        format!("{} = {}\n", fact.name, toml_value(policy, fact.ty, v))
    };
    let (given, declined) = entries(policy, known);
    given.iter().for_each(|e| out.push_str(&line(e)));
    if !declined.is_empty() {
        out.push_str(&format!("\n# {}\n", Msg::not_ticked_comment().render(lang)));
        declined.iter().for_each(|e| out.push_str(&line(e)));
    }
    out
}

pub fn json_text(policy: &Policy, known: &Known) -> String {
    let profile = known.profile();
    let mut map = serde_json::Map::new();
    map.insert("subject".into(), profile.subject.id().into());
    if let Some(name) = &profile.name {
        map.insert("name".into(), name.clone().into());
    }
    let (given, declined) = entries(policy, known);
    for (f, v) in given.into_iter().chain(declined) {
        let fact = &policy.facts[f];
        let json = match &v {
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => {
                let n = n.normalize();
                match n.to_i64().filter(|_| n.scale() == 0) {
                    Some(i) => i.into(),
                    None => n.to_string().into(),
                }
            }
            Value::Date(d) => d.to_string().into(),
            Value::Text(t) => t.to_string().into(),
            Value::Option(o) => option_id(policy, fact.ty, *o).into(),
        };
        map.insert(fact.name.clone(), json);
    }
    let mut text = serde_json::to_string_pretty(&map).unwrap_or_default();
    text.push('\n');
    text
}
