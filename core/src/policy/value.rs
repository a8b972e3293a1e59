//! One fact's value from what a person wrote (a TOML value, a profile's text, a spreadsheet cell), checked against its type.

use super::{Fact, Policy};
use crate::diagnostic::excerpt;
use crate::lang::value::{calendar_date, Type, Value};
use crate::messages::{Arg, Msg};
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::str::FromStr;

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

/// Reads a text that is no option of an enum fact as one after all (a place, for the fact the
/// place table names): `None` when it names none, else the option or why it cannot tell one.
pub type Resolve = fn(&Policy, &Fact, &str) -> Option<Result<usize, Msg>>;

/// A TOML value as a raw value.
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

/// A raw value as a message names it: `` `3` ``, `null`, a list.
pub fn describe(raw: &Raw) -> Arg {
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

/// A policy file's `default` for a fact, checked against its type; an enum's default names an
/// option by its id, label or alias (place names are read in profiles only).
pub fn convert_toml(policy: &Policy, fact: &Fact, value: &toml::Value) -> Result<Value, Msg> {
    convert(policy, fact, &raw_from_toml(value), false, |_, _, _| None)
}

/// Converts a raw value to the fact's type. `lenient` also accepts the spreadsheet forms of batch input.
pub fn convert(
    policy: &Policy,
    fact: &Fact,
    raw: &Raw,
    lenient: bool,
    resolve: Resolve,
) -> Result<Value, Msg> {
    if let Raw::Text(text) = raw {
        if lenient || !matches!(fact.ty, Type::Bool) {
            return parse_text(policy, fact, text, lenient, resolve);
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
pub fn parse_text(
    policy: &Policy,
    fact: &Fact,
    text: &str,
    lenient: bool,
    resolve: Resolve,
) -> Result<Value, Msg> {
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
                .or_else(|| resolve(policy, fact, t).map(|r| r.map(Value::Option)))
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
}
