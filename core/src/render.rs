//! Formatting of money, numbers and values for people, in either language.

use crate::i18n::Lang;
use crate::lang::value::{Type, Value};
use crate::messages::Msg;
use crate::policy::Policy;
use rust_decimal::Decimal;

/// Money as people write it: `70,000`, `1,234.50` (a fraction of a yuan to the fen at least).
pub fn money(amount: Decimal) -> String {
    let text = grouped(amount);
    match text.split_once('.') {
        Some((_, fraction)) if fraction.len() == 1 => format!("{text}0"),
        _ => text,
    }
}

/// A number with its thousands grouped, as exact as it is: `1,234.5`, `0.02`.
pub fn grouped(number: Decimal) -> String {
    let text = number.normalize().to_string();
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (whole, fraction) = digits
        .split_once('.')
        .map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A value as a reader should see it.
pub fn show_value(policy: &Policy, ty: Type, value: &Value, lang: Lang) -> String {
    match (ty, value) {
        (_, Value::Bool(b)) => if *b { Msg::yes() } else { Msg::no() }.render(lang).into(),
        (Type::Money, Value::Number(n)) => money(*n),
        (_, Value::Number(n)) => n.normalize().to_string(),
        (_, Value::Date(d)) => d.to_string(),
        (_, Value::Text(t)) => t.to_string(),
        (Type::Enum(id), Value::Option(o)) => policy.option(id, *o).label.get(lang).to_string(),
        (_, Value::Option(o)) => o.to_string(),
    }
}
