//! Reads a profile (TOML or JSON) into fact values, strictly: every field known, every value valid.

use crate::diagnostic::{did_you_mean, excerpt, Diagnostic, Diagnostics, Source, Span};
use crate::lang::value::Value;
use crate::messages::{Arg, Msg};
use crate::policy::value::{self, convert, describe, id_number_birth_date, raw_from_toml, Raw};
use crate::policy::{Fact, Policy, Subject};
use indexmap::IndexMap;
use jiff::civil::Date;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use std::collections::HashMap;
use toml::Spanned;

/// What a profile states: who it describes and the facts it gives (`None` = not given).
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub subject: Subject,
    pub name: Option<String>,
    pub facts: Vec<Option<Value>>,
    /// Facts given as a place that tells no one option (a city on both banks of the Yangtze):
    /// they stay unknown, and this says why, what to give and which options remain.
    pub undecided: Vec<(usize, crate::places::Ambiguity)>,
}

impl Profile {
    pub fn empty(policy: &Policy) -> Profile {
        Profile {
            subject: Subject::Person,
            name: None,
            facts: vec![None; policy.facts.len()],
            undecided: Vec::new(),
        }
    }
}

/// Parses a profile, telling JSON from TOML by the file name or, failing that, the first character.
pub fn parse(policy: &Policy, source: &Source) -> Result<Profile, Diagnostics> {
    let is_json = if source.name.ends_with(".json") {
        true
    } else if source.name.ends_with(".toml") {
        false
    } else {
        source.text.trim_start().starts_with('{')
    };
    let entries = if is_json {
        json_entries(source)?
    } else {
        let table: IndexMap<Spanned<String>, Spanned<toml::Value>> =
            toml::from_str(&source.text).map_err(|e| crate::policy::toml_error(source, &e))?;
        toml_entries(table)
    };
    from_entries(policy, source, entries)
}

/// The entries of a TOML table, with where each key and value stands.
pub fn toml_entries(table: IndexMap<Spanned<String>, Spanned<toml::Value>>) -> Vec<Entry> {
    table
        .into_iter()
        .map(|(k, v)| Entry {
            key: k.get_ref().clone(),
            key_span: k.span().into(),
            value_span: v.span().into(),
            value: raw_from_toml(v.get_ref()),
        })
        .collect()
}

/// One `field = value` of a profile, with where each part stands.
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Raw,
    pub value_span: Span,
}

fn json_entries(source: &Source) -> Result<Vec<Entry>, Diagnostics> {
    let JsonObject(pairs) = serde_json::from_str(&source.text).map_err(|e| {
        let offset = offset_of_line_col(&source.text, e.line(), e.column());
        Diagnostics::from(source.error(Span::new(offset, offset + 1), json_error(&e)))
    })?;
    let spans = json_key_spans(&source.text);
    let span_of = |i: usize| spans.get(i).copied().unwrap_or_default();
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut errors = Diagnostics::default();
    for (i, (key, _)) in pairs.iter().enumerate() {
        if errors.0.len() == MAX_ERRORS {
            errors.push(too_many(source));
            break;
        }
        if let Some(&before) = first.get(key.as_str()) {
            let (line, col) = line_col(&source.text, span_of(before).start);
            errors.push(source.error(span_of(i), Msg::duplicate_key(excerpt(key), line, col)));
        } else {
            first.insert(key, i);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(pairs
        .into_iter()
        .enumerate()
        .map(|(i, (key, value))| {
            let value = match value {
                serde_json::Value::Null => Raw::Null,
                serde_json::Value::Bool(b) => Raw::Bool(b),
                serde_json::Value::Number(n) => Raw::Number(n.to_string()),
                serde_json::Value::String(s) => Raw::Text(s),
                serde_json::Value::Array(_) => Raw::Other(Msg::a_list()),
                serde_json::Value::Object(_) => Raw::Other(Msg::an_object()),
            };
            Entry {
                key,
                key_span: span_of(i),
                value,
                value_span: span_of(i),
            }
        })
        .collect())
}

/// A JSON parser's error, said in the reader's language (the position is shown apart).
fn json_error(e: &serde_json::Error) -> Msg {
    use serde_json::error::Category;
    // The parser's own words, without the position it appends.
    let detail = e.to_string();
    let detail = match detail.rfind(" at line ") {
        Some(at) => detail[..at].to_string(),
        None => detail,
    };
    match e.classify() {
        Category::Eof => Msg::json_ended(detail),
        Category::Data => Msg::json_not_object(detail),
        Category::Syntax if detail == "recursion limit exceeded" => Msg::nested_too_deep(detail),
        Category::Syntax | Category::Io => Msg::json_syntax(detail),
    }
}

/// A JSON object's members in order, a key given twice kept twice (a map would keep the last).
struct JsonObject(Vec<(String, serde_json::Value)>);

impl<'de> Deserialize<'de> for JsonObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<JsonObject, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = JsonObject;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonObject, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(JsonObject(pairs))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// Where each key of the outermost object of a valid JSON text stands, quotes included, in order.
/// (The parser gives no positions; one pass over the text does.)
fn json_key_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut expect_key = false;
    let mut string_start: Option<usize> = None;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if let Some(start) = string_start {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => {
                    if depth == 1 && expect_key {
                        spans.push(Span::new(start, i + 1));
                        expect_key = false;
                    }
                    string_start = None;
                }
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => string_start = Some(i),
            b'{' | b'[' => {
                depth += 1;
                expect_key = depth == 1 && b == b'{';
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' => expect_key = depth == 1,
            _ => {}
        }
    }
    spans
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn offset_of_line_col(text: &str, line: usize, col: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + col.saturating_sub(1)).min(text.len())
}

/// Checks every entry against the policy, collecting every mistake.
pub fn from_entries(
    policy: &Policy,
    source: &Source,
    entries: Vec<Entry>,
) -> Result<Profile, Diagnostics> {
    let mut profile = Profile::empty(policy);
    let mut errors = Diagnostics::default();
    let mut id_number: Option<(usize, Date, Span)> = None;
    // The facts given, where: once the subject is known, each must be one of its facts.
    let mut given: Vec<(usize, Span)> = Vec::new();
    let mut subject_given = false;
    for entry in entries {
        if errors.0.len() == MAX_ERRORS {
            errors.push(too_many(source));
            break;
        }
        let at_value = |message: Msg| source.error(entry.value_span, message);
        match entry.key.as_str() {
            "subject" => match &entry.value {
                Raw::Text(s) if s == "person" => {
                    profile.subject = Subject::Person;
                    subject_given = true;
                }
                Raw::Text(s) if s == "organization" => {
                    profile.subject = Subject::Organization;
                    subject_given = true;
                }
                _ => errors.push(at_value(Msg::invalid_subject(describe(&entry.value)))),
            },
            "name" => match &entry.value {
                Raw::Text(s) => profile.name = Some(s.clone()),
                Raw::Null => {}
                _ => errors.push(at_value(Msg::invalid_name(describe(&entry.value)))),
            },
            key => {
                let Some(index) = policy.fact_index(key) else {
                    let names = policy
                        .facts
                        .iter()
                        .map(|f| f.name.as_str())
                        .chain(["subject", "name"]);
                    let message = Msg::unknown_field(excerpt(key));
                    let help = did_you_mean(key, names);
                    errors.push(source.error(entry.key_span, message.or_suggest(help)));
                    continue;
                };
                let fact = &policy.facts[index];
                if matches!(entry.value, Raw::Null) {
                    continue;
                }
                given.push((index, entry.key_span));
                match convert(policy, fact, &entry.value, false, crate::places::resolve) {
                    Ok(value) => {
                        if fact.birth_date_of.is_some() {
                            match &value {
                                Value::Text(t) => match id_number_birth_date(t) {
                                    Ok(date) => id_number = Some((index, date, entry.value_span)),
                                    Err(message) => {
                                        errors
                                            .push(at_value(Msg::invalid_fact(fact.arg(), message)));
                                        continue;
                                    }
                                },
                                _ => continue,
                            }
                        }
                        profile.facts[index] = Some(value);
                    }
                    Err(message) => match &entry.value {
                        Raw::Text(text) => match crate::places::ambiguity(policy, fact, text) {
                            Some(why) => profile.undecided.push((index, why)),
                            None => errors.push(at_value(Msg::invalid_value(fact.arg(), message))),
                        },
                        _ => errors.push(at_value(Msg::invalid_value(fact.arg(), message))),
                    },
                }
            }
        }
    }
    if let Some((index, born, span)) = id_number {
        if let Err(message) = fill_birth_date(policy, &mut profile.facts, index, born) {
            errors.push(source.error(span, message));
        }
    }
    for (index, span) in given {
        let fact = &policy.facts[index];
        if fact.subject == profile.subject {
            continue;
        }
        if errors.0.len() >= MAX_ERRORS {
            errors.push(too_many(source));
            break;
        }
        let message = other_subject(fact, profile.subject, subject_given);
        errors.push(source.error(span, message));
    }
    errors.or_ok(profile)
}

/// Why a fact of one subject (a person's date of birth) has no place in a profile of the other
/// (an organization), and what to do about it.
fn other_subject(fact: &Fact, profile: Subject, subject_given: bool) -> Msg {
    let default = (!subject_given).then(Msg::subject_defaults_to_person);
    Msg::other_subject_fact(
        Arg::field(&fact.name, Some(&fact.label)),
        fact.subject.label(),
        profile.label(),
        default,
        fact.subject.id(),
    )
}

/// Reads a fact's value from text (a profile string, or a spreadsheet cell when `lenient`), a
/// place also read as its option.
pub fn parse_text(policy: &Policy, fact: &Fact, text: &str, lenient: bool) -> Result<Value, Msg> {
    value::parse_text(policy, fact, text, lenient, crate::places::resolve)
}

/// The most mistakes reported for one profile: each takes time to place, and a file of a million
/// unknown fields would otherwise keep the reader busy for hours.
pub const MAX_ERRORS: usize = 20;

fn too_many(source: &Source) -> Diagnostic {
    Diagnostic::file(&source.name, Msg::too_many_mistakes(MAX_ERRORS))
}

/// Sets the birth date that the ID number fact `index` gives, unless `facts` already has another one.
pub fn fill_birth_date(
    policy: &Policy,
    facts: &mut [Option<Value>],
    index: usize,
    born: Date,
) -> Result<(), Msg> {
    let fact = &policy.facts[index];
    let Some(target) = fact.birth_date_of else {
        return Ok(());
    };
    match &facts[target] {
        Some(Value::Date(given)) if *given != born => Err(Msg::id_number_disagrees(
            fact.arg(),
            born,
            policy.facts[target].arg(),
            *given,
        )),
        _ => {
            facts[target] = Some(Value::Date(born));
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::value::Type;
    use rust_decimal::Decimal;

    /// A cell's text in `field`'s column, as a batch reads it.
    fn cell(policy: &Policy, field: &str, text: &str) -> Result<Value, String> {
        let fact = &policy.facts[policy.fact_index(field).unwrap()];
        parse_text(policy, fact, text, true).map_err(|m| m.to_string())
    }

    #[test]
    fn cells_as_people_type_them() {
        let policy = Policy::embedded().unwrap();
        let Type::Enum(education) = policy.facts[policy.fact_index("education").unwrap()].ty else {
            panic!("education is an enum");
        };
        let option = |id: &str| {
            let options = &policy.enums[education].options;
            Ok(Value::Option(
                options.iter().position(|o| o.id == id).unwrap(),
            ))
        };
        let number = |n: i64| Ok(Value::Number(Decimal::from(n)));
        let date = Ok(Value::Date(Date::constant(2024, 7, 1)));
        let cases = [
            ("education", "全日制本科", option("bachelor")),
            ("education", "本科学历", option("bachelor")),
            ("education", "研究生（硕士）", option("master")),
            ("education", "研究生 (硕士)", option("master")),
            ("education", "硕士研究生", option("master")),
            ("education", "博士研究生", option("phd")),
            ("education", "大专（高职）", option("junior_college")),
            ("education", "专科", option("junior_college")),
            ("education", "中专", option("none")),
            ("education", "高中", option("none")),
            ("education", "初中", option("none")),
            ("contract_years", "3", number(3)),
            ("contract_years", "3年", number(3)),
            ("contract_years", "三年", number(3)),
            ("contract_years", "五年", number(5)),
            ("contract_years", "3年期", number(3)),
            ("contract_years", "十年", number(10)),
            (
                "contract_years",
                "3.5年",
                Ok(Value::Number(Decimal::new(35, 1))),
            ),
            ("contract_start", "20240701", date.clone()),
            ("contract_start", "2024.7.1", date.clone()),
            ("contract_start", "2024-7-1", date.clone()),
            ("contract_start", "2024/07/01 00:00:00", date.clone()),
            ("contract_start", "2024-07-01T00:00:00", date.clone()),
            ("contract_start", "2024年7月1日", date.clone()),
            ("contract_start", "45474", date.clone()),
            (
                "contract_start",
                "2025年6月",
                Err(
                    "`2025年6月` gives a month but no day: write the whole date, e.g. 2024-07-01"
                        .into(),
                ),
            ),
            (
                "contract_start",
                "2025-06",
                Err(
                    "`2025-06` gives a month but no day: write the whole date, e.g. 2024-07-01"
                        .into(),
                ),
            ),
            (
                "contract_start",
                "20240231",
                Err("`20240231` is not a calendar date".into()),
            ),
            (
                "contract_start",
                "2024",
                Err("`2024` is not a date (expected 2024-07-01, 2024/7/1 or 20240701)".into()),
            ),
        ];
        for (field, text, want) in cases {
            assert_eq!(cell(&policy, field, text), want, "{field}: {text}");
        }
        for (yes, no) in [
            ("是", "否"),
            ("有", "无"),
            ("Y", "N"),
            ("√", "×"),
            ("1", "0"),
        ] {
            assert_eq!(
                cell(&policy, "employer_in_nanping", yes),
                Ok(Value::Bool(true)),
                "{yes}"
            );
            assert_eq!(
                cell(&policy, "employer_in_nanping", no),
                Ok(Value::Bool(false)),
                "{no}"
            );
        }
    }
}
