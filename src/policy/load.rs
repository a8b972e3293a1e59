//! Reads a policy file: TOML structure first, then every name, type and expression, reporting all mistakes found.

use super::{
    AmountRule, Beneficiary, Condition, Derived, EnumOption, EnumType, Fact, Kind, Measure, Param,
    Policy, Row, Subject,
};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Source, Span};
use crate::i18n::Texts;
use crate::lang::checker::Scope;
use crate::lang::compile;
use crate::lang::eval::{eval, Env, EvalError, Tri};
use crate::lang::value::{Expr, Node, Ref, Type, Value};
use indexmap::IndexMap;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    policy: RawHeader,
    #[serde(default)]
    facts: IndexMap<Spanned<String>, RawFact>,
    #[serde(default)]
    params: IndexMap<Spanned<String>, RawParam>,
    #[serde(default)]
    derived: IndexMap<Spanned<String>, RawDerived>,
    #[serde(default)]
    measures: Vec<RawMeasure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    document: String,
    title: Texts,
    issued: Spanned<toml::value::Datetime>,
    effective_from: Spanned<toml::value::Datetime>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    #[serde(rename = "type")]
    ty: Spanned<String>,
    subject: Spanned<String>,
    label: Texts,
    question: Texts,
    help: Option<Texts>,
    default: Option<Spanned<toml::Value>>,
    options: Option<Vec<RawOption>>,
    #[serde(default)]
    aliases: Vec<String>,
    birth_date: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: Spanned<String>,
    zh: String,
    en: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    value: Spanned<toml::Value>,
    #[serde(rename = "type")]
    ty: Option<Spanned<String>>,
    clause: String,
    label: Texts,
    note: Option<Texts>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDerived {
    #[serde(rename = "type")]
    ty: Spanned<String>,
    expr: Spanned<String>,
    label: Texts,
    note: Option<Texts>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    id: Spanned<String>,
    area: String,
    name: Texts,
    clause: String,
    source: String,
    kind: Spanned<String>,
    subject: Spanned<String>,
    beneficiary: Spanned<String>,
    note: Option<Texts>,
    available_from: Option<Spanned<String>>,
    #[serde(default)]
    conditions: Vec<RawCondition>,
    amount: Option<RawAmount>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    id: String,
    when: Spanned<String>,
    zh: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmount {
    value: Option<Spanned<toml::Value>>,
    amount_max: Option<Spanned<toml::Value>>,
    by: Option<Spanned<String>>,
    #[serde(default)]
    rows: Vec<RawRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    #[serde(rename = "match")]
    options: Vec<Spanned<String>>,
    when: Option<Spanned<String>>,
    value: Spanned<toml::Value>,
}

/// Names no fact, parameter or derived value may take.
const RESERVED: [&str; 12] = [
    "as_of", "subject", "name", "and", "or", "not", "in", "if", "then", "else", "true", "false",
];

/// Loads and checks a whole policy.
pub fn load(source: Source) -> Result<Policy, Diagnostics> {
    let raw: RawPolicy = toml::from_str(&source.text).map_err(|e| toml_error(&source, &e))?;
    Loader::new(source).run(raw)
}

/// A TOML deserialisation error as a positioned diagnostic.
pub fn toml_error(source: &Source, e: &toml::de::Error) -> Diagnostics {
    let message = e.message().trim().to_string();
    match e.span() {
        Some(span) => source.error(span.into(), message).into(),
        None => Diagnostic::file(&source.name, message).into(),
    }
}

struct Loader {
    policy: Policy,
    errors: Diagnostics,
}

fn date_of(source: &Source, value: &Spanned<toml::value::Datetime>) -> Result<Date, Diagnostic> {
    let d = value.get_ref();
    match (d.date, d.time) {
        (Some(date), None) => Date::new(date.year as i16, date.month as i8, date.day as i8)
            .map_err(|_| source.error(value.span().into(), "not a calendar date")),
        _ => Err(source.error(
            value.span().into(),
            "expected a date without a time, like 2021-04-09",
        )),
    }
}

/// The byte offset where the contents of the TOML string at `span` begin.
fn string_start(source: &Source, span: Span) -> usize {
    let rest = source.text.get(span.start..).unwrap_or("");
    if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
        let after = span.start + 3;
        match source.text.get(after..) {
            Some(s) if s.starts_with("\r\n") => after + 2,
            Some(s) if s.starts_with('\n') => after + 1,
            _ => after,
        }
    } else {
        span.start + 1
    }
}

fn pick<T: Copy>(
    table: &[(&'static str, T)],
    value: &Spanned<String>,
    what: &str,
    source: &Source,
) -> Result<T, Diagnostic> {
    table
        .iter()
        .find(|(id, _)| *id == value.get_ref())
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let ids: Vec<&str> = table.iter().map(|(id, _)| *id).collect();
            source
                .error(
                    value.span().into(),
                    format!(
                        "unknown {what} `{}` (expected one of: {})",
                        value.get_ref(),
                        ids.join(", ")
                    ),
                )
                .with_help_opt(did_you_mean(value.get_ref(), ids.iter().copied()))
        })
}

const PLAIN_TYPES: [(&str, Type); 5] = [
    ("bool", Type::Bool),
    ("number", Type::Number),
    ("money", Type::Money),
    ("date", Type::Date),
    ("text", Type::Text),
];

impl Loader {
    fn new(source: Source) -> Loader {
        Loader {
            policy: Policy {
                id: String::new(),
                document: String::new(),
                title: Texts::default(),
                issued: Date::constant(2000, 1, 1),
                effective_from: Date::constant(2000, 1, 1),
                facts: Vec::new(),
                params: Vec::new(),
                derived: Vec::new(),
                measures: Vec::new(),
                enums: Vec::new(),
                source,
                names: HashMap::from([("as_of".to_string(), (Ref::AsOf, Type::Date))]),
            },
            errors: Diagnostics::default(),
        }
    }

    fn source(&self) -> &Source {
        &self.policy.source
    }

    fn err(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    fn error_at(&mut self, span: Span, message: impl Into<String>) {
        let d = self.source().error(span, message);
        self.err(d);
    }

    fn run(mut self, raw: RawPolicy) -> Result<Policy, Diagnostics> {
        self.header(raw.policy);
        self.declare_facts(&raw.facts);
        self.declare_params(raw.params);
        self.declare_derived(&raw.derived);
        self.fact_defaults(&raw.facts);
        self.derived_exprs(raw.derived);
        self.check_derived_cycles();
        self.measures(raw.measures);
        let Loader { policy, errors } = self;
        errors.or_ok(policy)
    }

    fn header(&mut self, header: RawHeader) {
        self.policy.id = header.id;
        self.policy.document = header.document;
        self.policy.title = header.title;
        match date_of(self.source(), &header.issued) {
            Ok(d) => self.policy.issued = d,
            Err(e) => self.err(e),
        }
        match date_of(self.source(), &header.effective_from) {
            Ok(d) => self.policy.effective_from = d,
            Err(e) => self.err(e),
        }
    }

    fn declare(&mut self, name: &Spanned<String>, r: Ref, ty: Type) {
        let span: Span = name.span().into();
        let text = name.get_ref();
        let valid = text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            self.error_at(
                span,
                format!("`{text}` is not a valid name: use lower-case letters, digits and `_`"),
            );
        } else if RESERVED.contains(&text.as_str()) {
            self.error_at(span, format!("`{text}` is reserved and cannot be declared"));
        } else if self.policy.names.contains_key(text) {
            self.error_at(span, format!("`{text}` is declared twice"));
        }
        self.policy.names.insert(text.clone(), (r, ty));
    }

    fn declare_facts(&mut self, facts: &IndexMap<Spanned<String>, RawFact>) {
        for (name, raw) in facts {
            let index = self.policy.facts.len();
            let subject = pick(&Subject::ALL, &raw.subject, "subject", self.source())
                .unwrap_or_else(|e| {
                    self.errors.push(e);
                    Subject::Person
                });
            let type_name = raw.ty.get_ref().as_str();
            let ty = match type_name {
                "enum" => {
                    let options = self.enum_options(name, raw);
                    self.policy.enums.push(EnumType {
                        fact: name.get_ref().clone(),
                        options,
                    });
                    Type::Enum(self.policy.enums.len() - 1)
                }
                "id_number" => Type::Text,
                _ => {
                    let mut table = PLAIN_TYPES.to_vec();
                    table.extend([("enum", Type::Text), ("id_number", Type::Text)]);
                    pick(&table, &raw.ty, "fact type", self.source()).unwrap_or_else(|e| {
                        self.errors.push(e);
                        Type::Text
                    })
                }
            };
            if type_name != "enum" && raw.options.is_some() {
                self.error_at(raw.ty.span().into(), "only an enum fact has `options`");
            }
            if type_name != "id_number" && raw.birth_date.is_some() {
                self.error_at(
                    raw.ty.span().into(),
                    "only an id_number fact has `birth_date`",
                );
            }
            self.policy.facts.push(Fact {
                name: name.get_ref().clone(),
                ty,
                birth_date_of: None,
                subject,
                label: raw.label.clone(),
                question: raw.question.clone(),
                help: raw.help.clone(),
                default: None,
                aliases: raw.aliases.clone(),
                span: name.span().into(),
            });
            self.declare(name, Ref::Fact(index), ty);
        }
        // An ID number names the date fact it supplies; all facts are declared by now.
        for (index, raw) in facts.values().enumerate() {
            if raw.ty.get_ref() == "id_number" {
                let Some(target) = &raw.birth_date else {
                    self.error_at(
                        raw.ty.span().into(),
                        "an id_number fact needs `birth_date = \"<date fact>\"`",
                    );
                    continue;
                };
                match self.policy.lookup(target.get_ref()) {
                    Some((Ref::Fact(f), Type::Date)) => {
                        self.policy.facts[index].birth_date_of = Some(f)
                    }
                    _ => self.error_at(
                        target.span().into(),
                        format!("`{}` is not a date fact", target.get_ref()),
                    ),
                }
            }
        }
    }

    fn enum_options(&mut self, name: &Spanned<String>, raw: &RawFact) -> Vec<EnumOption> {
        let Some(options) = &raw.options else {
            self.error_at(
                raw.ty.span().into(),
                format!("enum fact `{}` needs `options`", name.get_ref()),
            );
            return Vec::new();
        };
        let mut out: Vec<EnumOption> = Vec::new();
        for option in options {
            if out.iter().any(|o| &o.id == option.id.get_ref()) {
                self.error_at(
                    option.id.span().into(),
                    format!("option `{}` is listed twice", option.id.get_ref()),
                );
            }
            out.push(EnumOption {
                id: option.id.get_ref().clone(),
                label: Texts {
                    zh: option.zh.clone(),
                    en: option.en.clone(),
                },
                aliases: option.aliases.clone(),
            });
        }
        out
    }

    fn declare_params(&mut self, params: IndexMap<Spanned<String>, RawParam>) {
        for (name, raw) in params {
            let index = self.policy.params.len();
            let declared = raw.ty.as_ref().map(|t| {
                pick(&PLAIN_TYPES, t, "parameter type", self.source()).unwrap_or_else(|e| {
                    self.errors.push(e);
                    Type::Number
                })
            });
            let (value, ty) = match self.constant(&raw.value, declared) {
                Ok(v) => v,
                Err(e) => {
                    self.err(e);
                    (Value::Bool(false), declared.unwrap_or(Type::Number))
                }
            };
            let _ = raw.note;
            self.policy.params.push(Param {
                name: name.get_ref().clone(),
                ty,
                value,
                clause: raw.clause,
                label: raw.label,
                span: name.span().into(),
            });
            self.declare(&name, Ref::Param(index), ty);
        }
    }

    /// A parameter's value: an integer, a boolean, a date, or a string holding a constant expression.
    fn constant(
        &self,
        value: &Spanned<toml::Value>,
        declared: Option<Type>,
    ) -> Result<(Value, Type), Diagnostic> {
        let span: Span = value.span().into();
        let (value, ty) = match value.get_ref() {
            toml::Value::Integer(i) => (Value::Number(Decimal::from(*i)), Type::Number),
            toml::Value::Boolean(b) => (Value::Bool(*b), Type::Bool),
            toml::Value::Datetime(_) => {
                let Ok(dt) = value.get_ref().clone().try_into::<toml::value::Datetime>() else {
                    return Err(self.source().error(span, "expected a date"));
                };
                let d = date_of(self.source(), &Spanned::new(value.span(), dt))?;
                (Value::Date(d), Type::Date)
            }
            toml::Value::String(text) => {
                let offset = string_start(self.source(), span);
                let expr = compile(
                    &NoNames,
                    self.source(),
                    text,
                    offset,
                    declared.unwrap_or(Type::Number),
                )
                .or_else(|_| compile(&NoNames, self.source(), text, offset, Type::Date))?;
                match eval(&expr.node, &mut NoEnv) {
                    Ok(Tri::Known(v)) => (v, expr.ty),
                    _ => return Err(self.source().error(span, "expected a constant")),
                }
            }
            toml::Value::Float(_) => return Err(self.source().error(
                span,
                "a TOML float is not exact; write the number as a string, like \"0.02\" or \"2%\"",
            )),
            _ => {
                return Err(self
                    .source()
                    .error(span, "expected a number, a boolean, a date or a string"))
            }
        };
        match declared {
            Some(t) if !ty.fits(t) => Err(self
                .source()
                .error(span, format!("expected a {}", type_word(t)))),
            Some(t) => Ok((value, t)),
            None => Ok((value, ty)),
        }
    }

    fn derived_type(&mut self, ty: &Spanned<String>) -> Type {
        if let Some((_, t)) = PLAIN_TYPES.iter().find(|(n, _)| n == ty.get_ref()) {
            return *t;
        }
        if let Some(id) = self
            .policy
            .enums
            .iter()
            .position(|e| &e.fact == ty.get_ref())
        {
            return Type::Enum(id);
        }
        let mut names: Vec<&str> = PLAIN_TYPES.iter().map(|(n, _)| *n).collect();
        names.extend(self.policy.enums.iter().map(|e| e.fact.as_str()));
        let d = self
            .source()
            .error(
                ty.span().into(),
                format!(
                    "unknown type `{}` (expected bool, number, money, date, text or the name of an enum fact)",
                    ty.get_ref()
                ),
            )
            .with_help_opt(did_you_mean(ty.get_ref(), names));
        self.err(d);
        Type::Bool
    }

    fn declare_derived(&mut self, derived: &IndexMap<Spanned<String>, RawDerived>) {
        for (index, (name, raw)) in derived.iter().enumerate() {
            let ty = self.derived_type(&raw.ty);
            self.declare(name, Ref::Derived(index), ty);
        }
    }

    fn fact_defaults(&mut self, facts: &IndexMap<Spanned<String>, RawFact>) {
        for (index, raw) in facts.values().enumerate() {
            let Some(default) = &raw.default else {
                continue;
            };
            let fact = &self.policy.facts[index];
            match crate::profile::convert_toml(&self.policy, fact, default.get_ref()) {
                Ok(v) => self.policy.facts[index].default = Some(v),
                Err(message) => self.error_at(default.span().into(), format!("default: {message}")),
            }
        }
    }

    fn expr(&mut self, text: &Spanned<String>, wanted: Type) -> Option<Expr> {
        let offset = string_start(self.source(), text.span().into());
        match compile(&self.policy, self.source(), text.get_ref(), offset, wanted) {
            Ok(e) => Some(e),
            Err(d) => {
                self.err(d);
                None
            }
        }
    }

    /// An amount: a TOML integer or a string holding a money expression.
    fn money(&mut self, value: &Spanned<toml::Value>) -> Option<Expr> {
        let span: Span = value.span().into();
        match value.get_ref() {
            toml::Value::Integer(i) => Some(Expr {
                node: Node::Const(Value::Number(Decimal::from(*i))),
                ty: Type::Money,
                span,
                text: i.to_string(),
            }),
            toml::Value::String(s) => {
                self.expr(&Spanned::new(value.span(), s.clone()), Type::Money)
            }
            toml::Value::Float(_) => {
                self.error_at(
                    span,
                    "a TOML float is not exact; write the amount as a string, like \"1500.50\"",
                );
                None
            }
            _ => {
                self.error_at(
                    span,
                    "expected an amount: an integer or a string holding an expression",
                );
                None
            }
        }
    }

    fn derived_exprs(&mut self, derived: IndexMap<Spanned<String>, RawDerived>) {
        for (name, raw) in derived {
            let (_, ty) = self.policy.names[name.get_ref()];
            let expr = self.expr(&raw.expr, ty).unwrap_or(Expr {
                node: Node::Const(Value::Bool(false)),
                ty,
                span: raw.expr.span().into(),
                text: String::new(),
            });
            let _ = raw.note;
            self.policy.derived.push(Derived {
                name: name.get_ref().clone(),
                expr,
                label: raw.label,
                span: name.span().into(),
            });
        }
    }

    fn check_derived_cycles(&mut self) {
        // 0 = not visited, 1 = on the current path, 2 = done.
        fn visit(
            policy: &Policy,
            i: usize,
            state: &mut [u8],
            path: &mut Vec<usize>,
        ) -> Option<Vec<usize>> {
            match state[i] {
                2 => return None,
                1 => {
                    let at = path.iter().position(|&p| p == i).unwrap_or(0);
                    return Some(path[at..].to_vec());
                }
                _ => {}
            }
            state[i] = 1;
            path.push(i);
            for r in policy.derived[i].expr.node.refs() {
                if let Ref::Derived(j) = r {
                    if let Some(cycle) = visit(policy, j, state, path) {
                        return Some(cycle);
                    }
                }
            }
            path.pop();
            state[i] = 2;
            None
        }
        let mut state = vec![0u8; self.policy.derived.len()];
        for i in 0..self.policy.derived.len() {
            if let Some(cycle) = visit(&self.policy, i, &mut state, &mut Vec::new()) {
                let names: Vec<&str> = cycle
                    .iter()
                    .map(|&j| self.policy.derived[j].name.as_str())
                    .collect();
                let message = format!(
                    "derived values depend on each other in a cycle: {} → {}",
                    names.join(" → "),
                    names[0]
                );
                let span = self.policy.derived[cycle[0]].span;
                self.error_at(span, message);
                return;
            }
        }
    }

    fn measures(&mut self, measures: Vec<RawMeasure>) {
        for raw in measures {
            if let Some(m) = self.measure(raw) {
                self.policy.measures.push(m);
            }
        }
    }

    fn measure(&mut self, raw: RawMeasure) -> Option<Measure> {
        let id_span: Span = raw.id.span().into();
        if self
            .policy
            .measures
            .iter()
            .any(|m| &m.id == raw.id.get_ref())
        {
            self.error_at(
                id_span,
                format!("measure `{}` is declared twice", raw.id.get_ref()),
            );
        }
        let kind = pick(&Kind::ALL, &raw.kind, "kind", self.source());
        let subject = pick(&Subject::ALL, &raw.subject, "subject", self.source());
        let beneficiary = pick(
            &Beneficiary::ALL,
            &raw.beneficiary,
            "beneficiary",
            self.source(),
        );
        let mut conditions = Vec::new();
        for c in raw.conditions {
            if conditions.iter().any(|x: &Condition| x.id == c.id) {
                self.error_at(
                    c.when.span().into(),
                    format!("condition `{}` is declared twice in this measure", c.id),
                );
            }
            if let Some(expr) = self.expr(&c.when, Type::Bool) {
                conditions.push(Condition {
                    id: c.id,
                    expr,
                    text: Texts { zh: c.zh, en: c.en },
                });
            }
        }
        let available_from = raw
            .available_from
            .as_ref()
            .and_then(|t| self.expr(t, Type::Date));
        let (amount, amount_max) = match raw.amount {
            Some(a) => self.amount(a, id_span),
            None => (None, None),
        };
        let (kind, subject, beneficiary) = match (kind, subject, beneficiary) {
            (Ok(k), Ok(s), Ok(b)) => (k, s, b),
            (k, s, b) => {
                for e in [k.err(), s.err(), b.err()].into_iter().flatten() {
                    self.err(e);
                }
                return None;
            }
        };
        if kind == Kind::InKind && (amount.is_some() || amount_max.is_some()) {
            self.error_at(
                id_span,
                format!(
                    "in-kind measure `{}` cannot have an amount",
                    raw.id.get_ref()
                ),
            );
        }
        Some(Measure {
            id: raw.id.into_inner(),
            area: raw.area,
            name: raw.name,
            clause: raw.clause,
            source: raw.source,
            kind,
            subject,
            beneficiary,
            note: raw.note,
            conditions,
            amount,
            amount_max,
            available_from,
            span: id_span,
        })
    }

    fn amount(&mut self, raw: RawAmount, id_span: Span) -> (Option<AmountRule>, Option<Expr>) {
        let max = raw.amount_max.as_ref().and_then(|v| self.money(v));
        let rule = match (&raw.value, &raw.by) {
            (Some(_), Some(by)) => {
                self.error_at(
                    by.span().into(),
                    "an amount has either `value` or `by` with `rows`, not both",
                );
                None
            }
            (Some(value), None) => {
                if !raw.rows.is_empty() {
                    self.error_at(
                        value.span().into(),
                        "`rows` need `by`, the enum they are keyed by",
                    );
                }
                self.money(value).map(AmountRule::Formula)
            }
            (None, Some(by)) => self.table(by, raw.rows),
            (None, None) => {
                if max.is_none() {
                    self.error_at(
                        id_span,
                        "`amount` needs `value`, `by` with `rows`, or `amount_max`",
                    );
                }
                None
            }
        };
        (rule, max)
    }

    fn table(&mut self, by: &Spanned<String>, rows: Vec<RawRow>) -> Option<AmountRule> {
        let span: Span = by.span().into();
        let Some((r, ty)) = self.policy.lookup(by.get_ref()) else {
            let d = self
                .source()
                .error(span, format!("unknown name `{}`", by.get_ref()))
                .with_help_opt(did_you_mean(by.get_ref(), self.policy.names()));
            self.err(d);
            return None;
        };
        let Type::Enum(enum_id) = ty else {
            self.error_at(
                by.span().into(),
                format!("`by` needs an enum, but `{}` is not one", by.get_ref()),
            );
            return None;
        };
        if rows.is_empty() {
            self.error_at(by.span().into(), "an amount table needs `rows`");
        }
        let mut out = Vec::new();
        for row in rows {
            let mut options = Vec::new();
            for option in &row.options {
                match Scope::option(&self.policy, enum_id, option.get_ref()) {
                    Some(o) => options.push(o),
                    None => {
                        let names = self.policy.options(enum_id);
                        let d = self
                            .source()
                            .error(
                                option.span().into(),
                                format!(
                                    "`{}` is not an option of enum `{}` (options: {})",
                                    option.get_ref(),
                                    self.policy.enums[enum_id].fact,
                                    names.join(", ")
                                ),
                            )
                            .with_help_opt(did_you_mean(option.get_ref(), names));
                        self.err(d);
                    }
                }
            }
            let when = row.when.as_ref().and_then(|w| self.expr(w, Type::Bool));
            if let Some(value) = self.money(&row.value) {
                out.push(Row {
                    options,
                    when,
                    value,
                });
            }
        }
        Some(AmountRule::Table {
            by: r,
            enum_id,
            rows: out,
        })
    }
}

fn type_word(t: Type) -> &'static str {
    match t {
        Type::Bool => "boolean",
        Type::Number => "number",
        Type::Money => "money amount",
        Type::Date => "date",
        Type::Text => "text",
        Type::Enum(_) => "enum option",
    }
}

/// The scope of a parameter's value: constants only.
struct NoNames;

impl Scope for NoNames {
    fn lookup(&self, _: &str) -> Option<(Ref, Type)> {
        None
    }
    fn names(&self) -> Vec<&str> {
        Vec::new()
    }
    fn option(&self, _: usize, _: &str) -> Option<usize> {
        None
    }
    fn options(&self, _: usize) -> Vec<&str> {
        Vec::new()
    }
    fn enum_name(&self, _: usize) -> &str {
        ""
    }
}

struct NoEnv;

impl Env for NoEnv {
    fn get(&mut self, _: Ref) -> Result<Tri, EvalError> {
        Err(EvalError("a constant cannot read names".into()))
    }
}
