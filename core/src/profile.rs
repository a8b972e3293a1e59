//! Reads a profile (TOML or JSON) into fact values, strictly: every field known, every value valid.

use crate::diagnostic::{did_you_mean, excerpt, Diagnostic, Diagnostics, Source, Span};
use crate::lang::value::{calendar_date, Type, Value};
use crate::messages::{Arg, Msg};
use crate::policy::{Fact, Policy, Subject};
use indexmap::IndexMap;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
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

/// A value as the input format gave it, before it is checked against the fact's type.
#[derive(Clone, Debug)]
pub enum Raw {
    Null,
    Bool(bool),
    /// A number, as written.
    Number(String),
    Text(String),
    Date(Date),
    /// Anything else (arrays, tables), by what it is called.
    Other(Msg),
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

pub fn raw_from_toml(value: &toml::Value) -> Raw {
    match value {
        toml::Value::Boolean(b) => Raw::Bool(*b),
        toml::Value::Integer(i) => Raw::Number(i.to_string()),
        toml::Value::Float(f) => Raw::Number(f.to_string()),
        toml::Value::String(s) => Raw::Text(s.clone()),
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => match calendar_date(d.year.into(), d.month.into(), d.day.into()) {
                Some(date) => Raw::Date(date),
                None => Raw::Text(dt.to_string()),
            },
            _ => Raw::Other(Msg::a_date_with_time()),
        },
        toml::Value::Array(_) => Raw::Other(Msg::a_list()),
        toml::Value::Table(_) => Raw::Other(Msg::a_table()),
    }
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
                match convert(policy, fact, &entry.value, false) {
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

fn describe(raw: &Raw) -> Arg {
    match raw {
        Raw::Null => "null".into(),
        Raw::Bool(b) => format!("`{b}`").into(),
        Raw::Number(n) => format!("`{}`", excerpt(n)).into(),
        Raw::Text(t) => format!("`{}`", excerpt(t)).into(),
        Raw::Date(d) => format!("`{d}`").into(),
        Raw::Other(what) => what.clone().into(),
    }
}

/// A number within the fact's declared range, as a value.
fn in_range(fact: &Fact, n: Decimal) -> Result<Value, Msg> {
    match (fact.min, fact.max) {
        (Some(min), _) if n < min => Err(Msg::below_min(n, min)),
        (_, Some(max)) if n > max => Err(Msg::above_max(n, max)),
        _ => Ok(Value::Number(n)),
    }
}

/// A policy file's `default` for a fact, checked against its type.
pub fn convert_toml(policy: &Policy, fact: &Fact, value: &toml::Value) -> Result<Value, Msg> {
    convert(policy, fact, &raw_from_toml(value), false)
}

/// Converts a raw value to the fact's type. `lenient` also accepts the spreadsheet forms of batch input.
pub fn convert(policy: &Policy, fact: &Fact, raw: &Raw, lenient: bool) -> Result<Value, Msg> {
    if let Raw::Text(text) = raw {
        if lenient || !matches!(fact.ty, Type::Bool) {
            return parse_text(policy, fact, text, lenient);
        }
    }
    match (fact.ty, raw) {
        (Type::Bool, Raw::Bool(b)) => Ok(Value::Bool(*b)),
        (Type::Number | Type::Money, Raw::Number(n)) => parse_decimal(n)
            .ok_or_else(|| Msg::not_exact_number(excerpt(n)))
            .and_then(|n| in_range(fact, n)),
        (Type::Date, Raw::Date(d)) => Ok(Value::Date(*d)),
        (ty, raw) => Err(Msg::expected_found(expected(policy, ty), describe(raw))),
    }
}

fn expected(policy: &Policy, ty: Type) -> Msg {
    match ty {
        Type::Bool => Msg::true_or_false(),
        Type::Number => Msg::a_number(),
        Type::Money => Msg::an_amount_in_yuan(),
        Type::Date => Msg::a_date_like(),
        Type::Text => Msg::text_value(),
        Type::Enum(id) => Msg::one_of(option_list(policy, id)),
    }
}

/// An enum's options, each by its id and its label.
fn option_list(policy: &Policy, id: usize) -> Arg {
    Arg::list(
        policy.enums[id]
            .options
            .iter()
            .map(|o| Msg::option_with_label(&o.id, &o.label)),
    )
}

fn parse_decimal(text: &str) -> Option<Decimal> {
    Decimal::from_str(text)
        .ok()
        .or_else(|| Decimal::from_scientific(text).ok())
}

/// Reads a fact's value from text (a profile string, or a spreadsheet cell when `lenient`).
pub fn parse_text(policy: &Policy, fact: &Fact, text: &str, lenient: bool) -> Result<Value, Msg> {
    let t = if lenient { text.trim() } else { text };
    match fact.ty {
        Type::Bool => match t.to_lowercase().as_str() {
            "true" | "yes" | "y" | "是" | "有" | "√" | "✓" | "✔" | "1" => {
                Ok(Value::Bool(true))
            }
            "false" | "no" | "n" | "否" | "无" | "×" | "✗" | "✘" | "0" => {
                Ok(Value::Bool(false))
            }
            _ => Err(Msg::not_yes_no(excerpt(text))),
        },
        Type::Number | Type::Money => {
            let cleaned: String = if lenient {
                without_unit(t)
                    .chars()
                    .filter(|c| !matches!(c, ',' | '，' | ' ' | '¥' | '￥'))
                    .collect()
            } else {
                t.to_string()
            };
            parse_decimal(&cleaned)
                .or_else(|| lenient.then(|| chinese_number(&cleaned)).flatten())
                .ok_or_else(|| Msg::is_not(excerpt(text), expected(policy, fact.ty)))
                .and_then(|n| in_range(fact, n))
        }
        Type::Date => parse_date(t, lenient).map(Value::Date),
        Type::Text => {
            if fact.birth_date_of.is_some() {
                Ok(parse_id_number(t)?.0)
            } else {
                Ok(Value::Text(t.into()))
            }
        }
        Type::Enum(id) => {
            let options = &policy.enums[id].options;
            let lower = t.to_lowercase();
            let plain = lenient.then(|| plain_word(t));
            options
                .iter()
                .position(|o| {
                    o.id == t
                        || o.label.zh == t
                        || o.label.en.to_lowercase() == lower
                        || o.aliases.iter().any(|a| a == t)
                        || (lenient && o.id.to_lowercase() == lower)
                        || plain.as_ref().is_some_and(|plain| {
                            [&o.label.zh, &o.label.en]
                                .into_iter()
                                .chain(&o.aliases)
                                .any(|word| plain_word(word) == *plain)
                        })
                })
                .map(|o| Ok(Value::Option(o)))
                .or_else(|| crate::places::resolve(policy, fact, t).map(|r| r.map(Value::Option)))
                .unwrap_or_else(|| Err(Msg::not_an_option(excerpt(text), option_list(policy, id))))
        }
    }
}

/// A word as a cell's spelling is compared: no spaces, full-width brackets made plain, ASCII lower case.
pub fn plain_word(word: &str) -> String {
    plain_chars(word).collect()
}

/// The characters of `plain_word`, without allocating.
pub fn plain_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
}

/// A number cell without the unit people write after it: `3年`, `3年期`, `5000元`, `30周岁`.
fn without_unit(text: &str) -> &str {
    ["年期", "年", "元", "周岁", "岁"]
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
        .unwrap_or(text)
        .trim_end()
}

/// A whole number under 100 in Chinese numerals: `三`, `十`, `十五`, `二十`, `两`.
fn chinese_number(text: &str) -> Option<Decimal> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '两').then_some(2))
    };
    let chars: Vec<char> = text.chars().collect();
    let n = match chars.as_slice() {
        ['十'] => 10,
        [d] => digit(*d)?,
        ['十', d] => 10 + digit(*d)?,
        [t, '十'] => 10 * digit(*t)?,
        [t, '十', d] => 10 * digit(*t)? + digit(*d)?,
        _ => return None,
    };
    Some(Decimal::from(n))
}

/// The calendar date of an Excel serial day number (1900 date system).
pub fn excel_serial_date(serial: f64) -> Option<Date> {
    if !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    // Excel counts a 29 February 1900 that never was, so serial days from 61 on start a day earlier.
    let days = serial.floor() as i64 - if serial >= 61.0 { 1 } else { 0 };
    Date::constant(1899, 12, 31)
        .checked_add(jiff::Span::new().days(days))
        .ok()
}

/// A spreadsheet's other spellings of a date: `20240701`, an Excel serial day number (`45474`),
/// a time after the date (`2024/07/01 00:00:00`). `Ok(None)` when none of these.
fn spreadsheet_date(text: &str) -> Result<Option<Date>, Msg> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if text.len() == 8 && digits(text) {
        let with_dashes = format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..]);
        return parse_date(&with_dashes, false)
            .map(Some)
            .map_err(|_| Msg::not_calendar_date(text));
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    if whole.len() == 5 && digits(whole) && digits(fraction) {
        return match text.parse::<f64>().ok().and_then(excel_serial_date) {
            Some(date) => Ok(Some(date)),
            None => Err(Msg::not_a_date(text)),
        };
    }
    Ok(None)
}

/// Reads a date: ISO `YYYY-MM-DD`; when `lenient`, also `YYYY/M/D`, `YYYY.M.D`, `YYYY年M月D日`,
/// `YYYYMMDD`, an Excel serial day number, and any of these with a time after it.
pub fn parse_date(text: &str, lenient: bool) -> Result<Date, Msg> {
    let (body, separators): (&str, &[char]) = if lenient {
        let date = match text.split_once([' ', 'T']) {
            Some((date, time)) if time.bytes().all(|b| b.is_ascii_digit() || b == b':') => date,
            _ => text,
        };
        if let Some(date) = spreadsheet_date(date)? {
            return Ok(date);
        }
        (date.trim_end_matches('日'), &['-', '/', '.', '年', '月'])
    } else {
        (text, &['-'])
    };
    let mut parts = [""; 3];
    let mut count = 0;
    for part in body.split(separators) {
        if let Some(slot) = parts.get_mut(count) {
            *slot = part;
        }
        count += 1;
    }
    let well_formed = count == 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && (lenient || (parts[1].len() == 2 && parts[2].len() == 2));
    let month_only = count == 2 || count == 3 && parts[2].is_empty() && body.ends_with('月');
    if lenient && month_only && parts[0].len() == 4 && !parts[1].is_empty() {
        return Err(Msg::month_without_day(text));
    }
    if !well_formed {
        return Err(if lenient {
            Msg::not_a_date_lenient(excerpt(text))
        } else {
            Msg::not_a_date_iso(excerpt(text))
        });
    }
    let n = |s: &str| s.parse::<i16>().unwrap_or(0);
    let (y, m, d) = (n(parts[0]), n(parts[1]), n(parts[2]));
    calendar_date(y.into(), m.into(), d.into())
        .ok_or_else(|| Msg::not_calendar_date_in_range(excerpt(text)))
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// Checks an 18-character resident ID (GB 11643) and returns the birth date inside it.
/// Reads a resident ID number (a lower-case `x` is made upper case): its text and the birth date inside it.
pub fn parse_id_number(text: &str) -> Result<(Value, Date), Msg> {
    let id: Cow<str> = if text.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(text.to_ascii_uppercase())
    } else {
        Cow::Borrowed(text)
    };
    let born = id_number_birth_date(&id)?;
    Ok((Value::Text(id.as_ref().into()), born))
}

pub fn id_number_birth_date(id: &str) -> Result<Date, Msg> {
    let bytes = id.as_bytes();
    if id.contains(['e', 'E']) && id.parse::<f64>().is_ok() {
        return Err(Msg::id_number_excel_exponent(excerpt(id)));
    }
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return Err(Msg::id_number_length(excerpt(id)));
    }
    let sum: u32 = bytes[..17]
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = ID_CHECK[(sum % 11) as usize];
    if bytes[17].to_ascii_uppercase() != check && id.ends_with("000") {
        return Err(Msg::id_number_excel_zeros(id));
    }
    if bytes[17].to_ascii_uppercase() != check {
        return Err(Msg::id_number_check(
            id,
            (bytes[17] as char).to_string(),
            (check as char).to_string(),
        ));
    }
    let digits = &id[6..14];
    let year: i16 = digits[0..4].parse().unwrap_or(0);
    let month: i8 = digits[4..6].parse().unwrap_or(0);
    let day: i8 = digits[6..8].parse().unwrap_or(0);
    Date::new(year, month, day)
        .ok()
        .filter(|_| year >= 1900)
        .ok_or_else(|| Msg::id_number_birth_date(digits, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid ID for a birth date, with a computed check character.
    pub fn make_id(birth: &str) -> String {
        let body = format!("350702{birth}123");
        let sum: u32 = body
            .bytes()
            .zip(ID_WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        format!("{body}{}", ID_CHECK[(sum % 11) as usize] as char)
    }

    #[test]
    fn id_numbers() {
        assert_eq!(
            id_number_birth_date("11010519491231002X").unwrap(),
            Date::constant(1949, 12, 31)
        );
        assert_eq!(
            id_number_birth_date(&make_id("19900701")).unwrap(),
            Date::constant(1990, 7, 1)
        );
        let error = |id: &str| id_number_birth_date(id).unwrap_err().to_string();
        assert_eq!(
            error("110105194912310021"),
            "wrong check character: `110105194912310021` ends in `1`, but its digits give `X`"
        );
        let bad_date = make_id("19900230");
        assert_eq!(
            error(&bad_date),
            format!("the birth date `19900230` inside `{bad_date}` is not a calendar date")
        );
        assert_eq!(
            error("12345"),
            "`12345` is not 18 characters: 17 digits and a check character"
        );
        assert!(id_number_birth_date("35070219900701123é").is_err());
        assert_eq!(
            error("3.50702E+17"),
            "`3.50702E+17` is an ID number that Excel stored as a number, which loses its last \
             digits: format the ID number column as text and type the numbers again"
        );
        assert_eq!(
            error("350702199805121000"),
            "`350702199805121000` looks like an ID number that Excel stored as a number, which \
             keeps only 15 digits (the rest became 0): format the ID number column as text \
             and type the numbers again"
        );
        assert_eq!(
            id_number_birth_date("350702199805121000")
                .unwrap_err()
                .render(crate::i18n::Lang::Zh),
            "`350702199805121000` 像是被 Excel 存成数字的身份证号，只保留了 15 位数字（其余变成了 0）：\
             请把身份证号这一列设为“文本”格式，再重新输入号码"
        );
    }

    #[test]
    fn dates() {
        let cases = [
            ("2024-07-01", false, Ok(Date::constant(2024, 7, 1))),
            ("2024/7/1", true, Ok(Date::constant(2024, 7, 1))),
            ("2024年7月1日", true, Ok(Date::constant(2024, 7, 1))),
            ("2024.07.01", true, Ok(Date::constant(2024, 7, 1))),
            (
                "2024/7/1",
                false,
                Err("`2024/7/1` is not a date (expected 2024-07-01)".to_string()),
            ),
            (
                "2023-02-29",
                false,
                Err("`2023-02-29` is not a calendar date in the years 0001–9999".to_string()),
            ),
            (
                "2024-13-01",
                false,
                Err("`2024-13-01` is not a calendar date in the years 0001–9999".to_string()),
            ),
            (
                "24-7-1",
                true,
                Err(
                    "`24-7-1` is not a date (expected 2024-07-01, 2024/7/1 or 20240701)"
                        .to_string(),
                ),
            ),
        ];
        for (text, lenient, expected) in cases {
            let got = parse_date(text, lenient).map_err(|m| m.to_string());
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn excel_serial_dates() {
        let cases = [
            (1.0, Some(Date::constant(1900, 1, 1))),
            (59.0, Some(Date::constant(1900, 2, 28))),
            (61.0, Some(Date::constant(1900, 3, 1))),
            (45474.0, Some(Date::constant(2024, 7, 1))),
            (45474.75, Some(Date::constant(2024, 7, 1))),
            (0.5, None),
            (-3.0, None),
            (f64::NAN, None),
        ];
        for (serial, want) in cases {
            assert_eq!(excel_serial_date(serial), want, "{serial}");
        }
    }

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
