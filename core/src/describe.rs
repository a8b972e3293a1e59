//! Expressions and amount rules for people to read: as written, in words, or with a profile's values.

use crate::engine::Facts;
use crate::i18n::Lang;
use crate::lang::eval::Tri;
use crate::lang::value::{Arith, Compare, Function, Node, Ref, Type, Value};
use crate::messages::{Arg, Msg};
use crate::policy::{AmountRule, Measure, Policy, Row};
use crate::render::{grouped, show_value};
use rust_decimal::Decimal;

/// An expression as a maintainer writes it: names, `==`, `min(a, b)`.
pub fn names(policy: &Policy, node: &Node) -> String {
    Printer {
        policy,
        mode: Mode::Names,
    }
    .top(node)
}

/// An expression in words: labels for facts, values for parameters, phrases for functions.
pub fn words(policy: &Policy, node: &Node, lang: Lang) -> String {
    Printer {
        policy,
        mode: Mode::Words(lang),
    }
    .top(node)
}

/// An expression with every name replaced by the value it has in `facts` (`?` when unknown).
pub fn with_values(facts: &mut Facts, node: &Node, lang: Lang) -> String {
    let policy = facts.policy;
    Printer {
        policy,
        mode: Mode::Values(facts, lang),
    }
    .top(node)
}

/// An expression as a sentence of labels and values: each fact, derived value and parameter by
/// its label followed by its value in `facts` (`?` when unknown), a rate by its percentage alone
/// (`本年度登记的技术交易额（元） 1,234,567.89 × 2%`), functions in words.
pub fn labelled(facts: &mut Facts, node: &Node, lang: Lang) -> String {
    let policy = facts.policy;
    Printer {
        policy,
        mode: Mode::Labelled(facts, lang),
    }
    .top(node)
}

/// A parameter's value as a reader sees it: a rate declared as a percentage as one (`2%`).
pub fn param_value(policy: &Policy, param: usize, value: &Value, lang: Lang) -> String {
    let p = &policy.params[param];
    match value {
        Value::Number(n) if p.percent => match n.checked_mul(Decimal::ONE_HUNDRED) {
            Some(percent) => format!("{}%", grouped(percent)),
            None => grouped(*n),
        },
        _ => show_value(policy, p.ty, value, lang),
    }
}

/// A value as a reader sees it, or `?`.
pub fn show_tri(policy: &Policy, ty: Type, value: &Tri, lang: Lang) -> String {
    match value {
        Tri::Known(v) => show_value(policy, ty, v, lang),
        Tri::Unknown(_) => "?".into(),
    }
}

/// The `when` a row was written with, without the test of its period.
pub fn row_condition(row: &Row) -> Option<&Node> {
    let when = row.when.as_ref()?;
    match (&when.node, row.period.is_always(), when.text.is_empty()) {
        (_, _, true) => None,
        (node, true, false) => Some(node),
        (Node::And(_, written), false, false) => Some(written),
        (node, false, false) => Some(node),
    }
}

/// A row's options in words: "master's degree, bachelor's degree".
pub fn row_options(policy: &Policy, enum_id: usize, options: &[usize], lang: Lang) -> String {
    let labels = options.iter().map(|&o| &policy.option(enum_id, o).label);
    Msg::verbatim(Arg::list(labels)).render(lang).into()
}

/// A row's key in words: its options, its `when` and its period.
pub fn row_key(policy: &Policy, enum_id: usize, row: &Row, lang: Lang) -> String {
    let mut key = row_options(policy, enum_id, &row.options, lang);
    if let Some(when) = row_condition(row) {
        key = Msg::row_when(key, words(policy, when, lang))
            .render(lang)
            .into();
    }
    if let Some(period) = row.period.message() {
        key = Msg::with_period(key, period).render(lang).into();
    }
    key
}

/// When a version is in force, in words, saying which date decides when it is not the as-of date.
pub fn period_words(policy: &Policy, measure: &Measure, lang: Lang) -> String {
    let period = measure.period.describe(lang);
    match (&measure.effective_by, period.is_empty()) {
        (Some(by), false) => {
            let label = match by.node {
                Node::Ref(r) => policy.ref_label(r).get(lang).to_string(),
                _ => by.text.clone(),
            };
            Msg::period_by(period, label).render(lang).into()
        }
        _ => period,
    }
}

/// The amount rule of a measure in words, one line per part.
pub fn amount_words(policy: &Policy, measure: &Measure, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    match &measure.amount {
        None => {}
        Some(AmountRule::Formula(expr)) => lines.push(words(policy, &expr.node, lang)),
        Some(AmountRule::Table { by, enum_id, rows }) => {
            let show = |m: Msg| m.render(lang).into_owned();
            lines.push(show(Msg::amount_by(policy.ref_label(*by))));
            for row in rows {
                let key = row_key(policy, *enum_id, row, lang);
                let value = words(policy, &row.value.node, lang);
                lines.push(format!("  {}", show(Msg::labelled(key, value))));
            }
            if !measure.uncovered.is_empty() {
                let options = row_options(policy, *enum_id, &measure.uncovered, lang);
                lines.push(format!("  {}", show(Msg::no_amount_row(options))));
            }
        }
    }
    if let Some(max) = &measure.amount_max {
        let max = words(policy, &max.node, lang);
        lines.push(Msg::up_to_words(max).render(lang).into());
    }
    if lines.is_empty() {
        lines.push(Msg::no_sum_of_money().render(lang).into());
    }
    if let Some(from) = &measure.available_from {
        let from = words(policy, &from.node, lang);
        lines.push(Msg::claimable_from_words(from).render(lang).into());
    }
    lines
}

enum Mode<'f, 'p> {
    Names,
    Words(Lang),
    Values(&'f mut Facts<'p>, Lang),
    Labelled(&'f mut Facts<'p>, Lang),
}

struct Printer<'f, 'p> {
    policy: &'p Policy,
    mode: Mode<'f, 'p>,
}

/// Binding strength, loosest first.
const IF: u8 = 0;
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
const SUM: u8 = 5;
const PRODUCT: u8 = 6;
const NEG: u8 = 7;
const ATOM: u8 = 8;

impl Printer<'_, '_> {
    fn top(&mut self, node: &Node) -> String {
        self.print(node, None).0
    }

    fn lang(&self) -> Option<Lang> {
        match &self.mode {
            Mode::Names => None,
            Mode::Words(lang) | Mode::Values(_, lang) | Mode::Labelled(_, lang) => Some(*lang),
        }
    }

    /// `names` as written, else `word` in the reader's language.
    fn say(&self, names: &str, word: Msg) -> String {
        match self.lang() {
            None => names.to_string(),
            Some(lang) => word.render(lang).into(),
        }
    }

    /// The enum an operand belongs to, so that a bare option can be named.
    fn enum_of(&self, node: &Node) -> Option<usize> {
        match node {
            Node::Ref(r) => match self.policy.ref_type(*r) {
                Type::Enum(id) => Some(id),
                _ => None,
            },
            Node::If(_, a, b) => self.enum_of(a).or_else(|| self.enum_of(b)),
            _ => None,
        }
    }

    /// Prints `node` and returns its binding strength.
    fn print(&mut self, node: &Node, hint: Option<usize>) -> (String, u8) {
        match node {
            Node::Const(v) => (self.constant(v, hint), ATOM),
            Node::Ref(r) => (self.name(*r), ATOM),
            Node::Not(a) => {
                let a = self.at_least(a, NOT, None);
                let text = match self.lang() {
                    None => format!("not {a}"),
                    Some(lang) => Msg::word_not(a).render(lang).into(),
                };
                (text, NOT)
            }
            Node::Neg(a) => (format!("-{}", self.at_least(a, NEG, None)), NEG),
            Node::And(a, b) => {
                let (a, b) = (self.at_least(a, AND, None), self.at_least(b, AND, None));
                (format!("{a} {} {b}", self.say("and", Msg::word_and())), AND)
            }
            Node::Or(a, b) => {
                let (a, b) = (self.at_least(a, OR, None), self.at_least(b, OR, None));
                (format!("{a} {} {b}", self.say("or", Msg::word_or())), OR)
            }
            Node::Compare(op, a, b) => {
                let hint = self.enum_of(a).or_else(|| self.enum_of(b));
                let a = self.at_least(a, COMPARE + 1, hint);
                let b = self.at_least(b, COMPARE + 1, hint);
                (format!("{a} {} {b}", self.compare(*op)), COMPARE)
            }
            Node::Arith(op, a, b) => {
                let (strength, names, symbol) = match op {
                    Arith::Add => (SUM, "+", "+"),
                    Arith::Sub => (SUM, "-", "−"),
                    Arith::Mul => (PRODUCT, "*", "×"),
                    Arith::Div => (PRODUCT, "/", "÷"),
                };
                let a = self.at_least(a, strength, None);
                let b = self.at_least(b, strength + 1, None);
                let shown = match self.mode {
                    Mode::Names => names,
                    _ => symbol,
                };
                (format!("{a} {shown} {b}"), strength)
            }
            Node::In {
                value,
                list,
                negated,
            } => {
                let hint = self.enum_of(value);
                let value = self.at_least(value, COMPARE + 1, hint);
                let items: Vec<String> = list.iter().map(|n| self.print(n, hint).0).collect();
                let text = match (self.lang(), negated) {
                    (None, false) => format!("{value} in [{}]", items.join(", ")),
                    (None, true) => format!("{value} not in [{}]", items.join(", ")),
                    (Some(lang), false) => {
                        Msg::is_one_of(value, Arg::list(items)).render(lang).into()
                    }
                    (Some(lang), true) => {
                        Msg::is_none_of(value, Arg::list(items)).render(lang).into()
                    }
                };
                (text, COMPARE)
            }
            Node::If(c, a, b) => {
                let hint = self.enum_of(a).or_else(|| self.enum_of(b)).or(hint);
                let c = self.print(c, None).0;
                let a = self.at_least(a, OR, hint);
                let b = self.at_least(b, IF, hint);
                let text = match self.lang() {
                    None => format!("if {c} then {a} else {b}"),
                    Some(lang) => Msg::if_then_otherwise(c, a, b).render(lang).into(),
                };
                (text, IF)
            }
            Node::Call(function, args) => self.call(*function, args),
        }
    }

    /// Prints `node`, in parentheses when it binds looser than `strength`.
    fn at_least(&mut self, node: &Node, strength: u8, hint: Option<usize>) -> String {
        let (text, own) = self.print(node, hint);
        if own < strength {
            format!("({text})")
        } else {
            text
        }
    }

    fn compare(&self, op: Compare) -> &'static str {
        let (names, symbol) = match op {
            Compare::Eq => ("==", "="),
            Compare::Ne => ("!=", "≠"),
            Compare::Lt => ("<", "<"),
            Compare::Le => ("<=", "≤"),
            Compare::Gt => (">", ">"),
            Compare::Ge => (">=", "≥"),
        };
        match self.mode {
            Mode::Names => names,
            _ => symbol,
        }
    }

    fn call(&mut self, function: Function, args: &[Node]) -> (String, u8) {
        let texts: Vec<String> = args.iter().map(|a| self.print(a, None).0).collect();
        let name = match function {
            Function::Min => "min",
            Function::Max => "max",
            Function::YearsBetween => "years_between",
            Function::AddYears => "add_years",
            Function::AddMonths => "add_months",
        };
        let (Mode::Words(lang) | Mode::Labelled(_, lang)) = self.mode else {
            return (format!("{name}({})", texts.join(", ")), ATOM);
        };
        let list = || match texts.split_last() {
            Some((last, rest)) if !rest.is_empty() => Msg::and_last(Arg::list(rest), last).into(),
            _ => Arg::from(texts.join("")),
        };
        let arg = |i: usize| texts.get(i).cloned().unwrap_or_default();
        let text = match function {
            Function::Min => Msg::lesser_of(list()),
            Function::Max => Msg::greater_of(list()),
            Function::YearsBetween => Msg::whole_years_between(arg(0), arg(1)),
            Function::AddYears => Msg::plus_years(arg(0), arg(1)),
            Function::AddMonths => Msg::plus_months(arg(0), arg(1)),
        };
        (text.render(lang).into(), IF)
    }

    fn constant(&self, value: &Value, hint: Option<usize>) -> String {
        match (value, &self.mode, hint) {
            (Value::Option(o), mode, Some(id)) => {
                let option = self.policy.enums.get(id).and_then(|e| e.options.get(*o));
                match (option, mode) {
                    (Some(option), Mode::Names) => option.id.clone(),
                    (
                        Some(option),
                        Mode::Words(lang) | Mode::Values(_, lang) | Mode::Labelled(_, lang),
                    ) => option.label.get(*lang).to_string(),
                    (None, _) => format!("#{o}"),
                }
            }
            (Value::Option(o), _, None) => format!("#{o}"),
            (Value::Number(n), Mode::Names, _) => n.normalize().to_string(),
            (Value::Number(n), _, _) => grouped(*n),
            (Value::Bool(b), Mode::Names, _) => b.to_string(),
            (
                Value::Bool(b),
                Mode::Words(lang) | Mode::Values(_, lang) | Mode::Labelled(_, lang),
                _,
            ) => if *b { Msg::yes() } else { Msg::no() }.render(*lang).into(),
            (Value::Date(d), _, _) => d.to_string(),
            (Value::Text(t), _, _) => format!("{t:?}"),
        }
    }

    fn name(&mut self, r: Ref) -> String {
        let policy = self.policy;
        match &mut self.mode {
            Mode::Names => policy.ref_name(r).to_string(),
            Mode::Words(lang) => match r {
                Ref::Param(i) => {
                    let p = &policy.params[i];
                    let value = param_value(policy, i, &p.value, *lang);
                    if p.versions.is_empty() {
                        return value;
                    }
                    let dated = p
                        .versions
                        .iter()
                        .map(|v| {
                            let shown = param_value(policy, i, &v.value, *lang);
                            Msg::dated_value(v.period.message(), shown)
                        })
                        .reduce(Msg::semicolons);
                    Msg::param_with_versions(&p.label, value, dated)
                        .render(*lang)
                        .into()
                }
                Ref::AsOf => Msg::the_as_of_date().render(*lang).into(),
                _ => policy.ref_label(r).get(*lang).to_string(),
            },
            Mode::Values(facts, lang) => {
                let lang = *lang;
                let value = facts
                    .value_of(r)
                    .unwrap_or(Tri::Unknown(Default::default()));
                match (r, &value) {
                    (Ref::Param(i), Tri::Known(v)) => param_value(policy, i, v, lang),
                    _ => show_tri(policy, policy.ref_type(r), &value, lang),
                }
            }
            Mode::Labelled(facts, lang) => {
                let lang = *lang;
                let value = facts
                    .value_of(r)
                    .unwrap_or(Tri::Unknown(Default::default()));
                let shown = match (r, &value) {
                    (Ref::Param(i), Tri::Known(v)) => param_value(policy, i, v, lang),
                    _ => show_tri(policy, policy.ref_type(r), &value, lang),
                };
                match r {
                    Ref::Param(i) if policy.params[i].percent => shown,
                    Ref::AsOf => format!("{} {shown}", Msg::the_as_of_date().render(lang)),
                    _ => format!("{} {shown}", policy.ref_label(r).get(lang)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Source;
    use crate::lang::compile;

    const POLICY: &str = r#"
[policy]
id = "t"
document = "T"
title = { zh = "测试", en = "test" }
issued = 2021-04-09
effective_from = 2021-04-09

[facts.volume]
type = "money"
subject = "person"
label = { zh = "交易额", en = "volume" }
question = { zh = "？", en = "?" }

[facts.education]
type = "enum"
subject = "person"
options = [{ id = "phd", zh = "博士", en = "PhD" }, { id = "master", zh = "硕士", en = "master's" }]
label = { zh = "学历", en = "degree" }
question = { zh = "？", en = "?" }

[params.rate]
value = "2%"
clause = "一"
label = { zh = "比例", en = "rate" }

[params.cap]
value = 1000000
type = "money"
clause = "一"
label = { zh = "上限", en = "cap" }
"#;

    #[test]
    fn three_ways_to_read_an_expression() {
        let policy = crate::policy::load(Source::new("t.toml", POLICY)).unwrap();
        let cases = [
            (
                "min(volume * rate, cap) + 10000",
                Type::Money,
                "min(volume * rate, cap) + 10000",
                "(交易额 × 2% 与 1,000,000 中较小者) + 10,000",
                "(the lesser of volume × 2% and 1,000,000) + 10,000",
            ),
            (
                "education in [phd, master] and not (volume > 5)",
                Type::Bool,
                "education in [phd, master] and not volume > 5",
                "学历 为 博士、硕士 之一 且 非交易额 > 5",
                "degree is one of PhD, master's and not volume > 5",
            ),
            (
                "(volume - 1) * 2",
                Type::Money,
                "(volume - 1) * 2",
                "(交易额 − 1) × 2",
                "(volume − 1) × 2",
            ),
        ];
        for (text, ty, as_written, zh, en) in cases {
            let source = Source::new("e", text);
            let expr = compile(&policy, &source, text, 0, ty).unwrap();
            assert_eq!(names(&policy, &expr.node), as_written, "{text}");
            assert_eq!(words(&policy, &expr.node, Lang::Zh), zh, "{text}");
            assert_eq!(words(&policy, &expr.node, Lang::En), en, "{text}");
        }
    }

    #[test]
    fn labels_and_values() {
        let policy = crate::policy::load(Source::new("t.toml", POLICY)).unwrap();
        let mut profile = crate::profile::Profile::empty(&policy);
        profile.facts[0] = Some(Value::Number("1234567.89".parse().unwrap()));
        let mut facts = Facts::new(&policy, &profile, jiff::civil::Date::constant(2026, 6, 30));
        let text = "min(volume * rate, cap) + 10000 * 2";
        let source = Source::new("e", text);
        let expr = compile(&policy, &source, text, 0, Type::Money).unwrap();
        assert_eq!(
            labelled(&mut facts, &expr.node, Lang::Zh),
            "(交易额 1,234,567.89 × 2% 与 上限 1,000,000 中较小者) + 10,000 × 2"
        );
        assert_eq!(
            labelled(&mut facts, &expr.node, Lang::En),
            "(the lesser of volume 1,234,567.89 × 2% and cap 1,000,000) + 10,000 × 2"
        );
        let text = "education == phd";
        let source = Source::new("e", text);
        let expr = compile(&policy, &source, text, 0, Type::Bool).unwrap();
        assert_eq!(labelled(&mut facts, &expr.node, Lang::Zh), "学历 ? = 博士");
    }
}
