//! Reads a policy file: TOML structure first, then every name, type and expression, reporting all mistakes found.

use super::{
    AmountRule, Beneficiary, Condition, DateBound, Derived, EnumOption, EnumType, Fact, Kind,
    Measure, Origin, Param, ParamVersion, Period, Policy, Row, Subject,
};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Source, Span};
use crate::i18n::Texts;
use crate::lang::checker::Scope;
use crate::lang::compile;
use crate::lang::eval::{eval, Env, EvalError, Tri};
use crate::lang::value::{calendar_date, Compare, Expr, Node, Ref, Type, Value};
use crate::messages::{Arg, Msg};
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
    offices: IndexMap<Spanned<String>, Spanned<Texts>>,
    #[serde(default)]
    areas: IndexMap<Spanned<String>, Spanned<Texts>>,
    #[serde(default)]
    measures: Vec<RawMeasure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    document: String,
    title: Spanned<Texts>,
    issued: Spanned<toml::value::Datetime>,
    effective_from: Spanned<toml::value::Datetime>,
    effective_until: Option<Spanned<toml::value::Datetime>>,
    /// The decimals every amount is rounded to (half up); 2, to the fen, when not given.
    amount_decimals: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFact {
    #[serde(rename = "type")]
    ty: Spanned<String>,
    subject: Spanned<String>,
    label: Spanned<Texts>,
    question: Spanned<Texts>,
    help: Option<Spanned<Texts>>,
    default: Option<Spanned<toml::Value>>,
    /// A date fact's order among dates: the date fact (or `as_of`) it may not come before or after.
    not_before: Option<Spanned<String>>,
    not_after: Option<Spanned<String>>,
    /// The smallest and largest values a number or money fact may take.
    min: Option<Spanned<toml::Value>>,
    max: Option<Spanned<toml::Value>>,
    options: Option<Vec<RawOption>>,
    #[serde(default)]
    aliases: Vec<String>,
    birth_date: Option<Spanned<String>>,
    /// Words that, in this fact's column of an intake, mean a yes/no fact is true instead.
    #[serde(default)]
    cell_words: IndexMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: Spanned<String>,
    zh: Spanned<String>,
    en: Spanned<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParam {
    pub(super) value: Spanned<toml::Value>,
    #[serde(rename = "type")]
    pub(super) ty: Option<Spanned<String>>,
    pub(super) clause: Spanned<String>,
    pub(super) label: Option<Spanned<Texts>>,
    pub(super) note: Option<Spanned<Texts>>,
    pub(super) effective_from: Option<Spanned<toml::value::Datetime>>,
    pub(super) effective_until: Option<Spanned<toml::value::Datetime>>,
    pub(super) effective_by: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) versions: Vec<RawParamVersion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParamVersion {
    effective_from: Option<Spanned<toml::value::Datetime>>,
    effective_until: Option<Spanned<toml::value::Datetime>>,
    value: Spanned<toml::Value>,
    clause: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDerived {
    #[serde(rename = "type")]
    ty: Spanned<String>,
    expr: Spanned<String>,
    label: Spanned<Texts>,
    note: Option<Spanned<Texts>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeasure {
    id: Spanned<String>,
    area: Spanned<String>,
    name: Spanned<Texts>,
    clause: Spanned<String>,
    source: Spanned<String>,
    kind: Spanned<String>,
    subject: Spanned<String>,
    beneficiary: Spanned<String>,
    departments: Option<Spanned<super::offices::RawDepartments>>,
    note: Option<Spanned<Texts>>,
    available_from: Option<Spanned<String>>,
    effective_from: Option<Spanned<toml::value::Datetime>>,
    effective_until: Option<Spanned<toml::value::Datetime>>,
    effective_by: Option<Spanned<String>>,
    #[serde(default)]
    conditions: Vec<RawCondition>,
    amount: Option<RawAmount>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    id: Spanned<String>,
    when: Spanned<String>,
    zh: Spanned<String>,
    en: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAmount {
    value: Option<Spanned<toml::Value>>,
    amount_max: Option<Spanned<toml::Value>>,
    by: Option<Spanned<String>>,
    #[serde(default)]
    rows: Vec<Spanned<RawRow>>,
    #[serde(default)]
    uncovered: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    #[serde(rename = "match")]
    options: Vec<Spanned<String>>,
    when: Option<Spanned<String>>,
    value: Spanned<toml::Value>,
    effective_from: Option<Spanned<toml::value::Datetime>>,
    effective_until: Option<Spanned<toml::value::Datetime>>,
}

/// The longest chain of derived values that rest on one another: far above any real policy, and
/// a bound on the stack that evaluating one takes.
pub const MAX_DERIVED_CHAIN: usize = 64;

/// Amounts are paid in yuan to the fen unless the policy says otherwise.
const DEFAULT_AMOUNT_DECIMALS: u32 = 2;
/// More decimals than any currency pays in.
const MAX_AMOUNT_DECIMALS: u32 = 8;

/// Names no fact, parameter or derived value may take.
const RESERVED: [&str; 12] = [
    "as_of", "subject", "name", "and", "or", "not", "in", "if", "then", "else", "true", "false",
];

/// Loads and checks a whole policy.
pub fn load(source: Source) -> Result<Policy, Diagnostics> {
    let raw: RawPolicy = toml::from_str(&source.text).map_err(|e| toml_error(&source, &e))?;
    let mut loader = Loader::new(Policy::empty(), source, 0);
    loader.run(raw);
    loader.finish()
}

/// A TOML deserialisation error as a positioned diagnostic.
pub fn toml_error(source: &Source, e: &toml::de::Error) -> Diagnostics {
    let message = toml_message(e.message().trim());
    match e.span() {
        Some(span) => source.error(span.into(), message).into(),
        None => Diagnostic::file(&source.name, message).into(),
    }
}

/// What the TOML reader said, in the reader's language: in English its own words; in Chinese
/// the kinds of mistake it reports (an unknown or missing field, a duplicate key, a wrong type),
/// else that the syntax is wrong (the caret shows where).
fn toml_message(detail: &str) -> Msg {
    let code = |text: &str| -> Vec<String> {
        text.split(", ")
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect()
    };
    if let Some(rest) = detail.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        return match expected
            .strip_prefix("expected one of ")
            .or(expected.strip_prefix("expected "))
        {
            Some(names) => Msg::toml_unknown_field(detail, field, Arg::list(code(names))),
            None => Msg::toml_no_fields_here(detail, field),
        };
    }
    if let Some(field) = detail.strip_prefix("missing field ") {
        return Msg::toml_missing_field(detail, field);
    }
    if let Some(key) = detail.strip_prefix("duplicate key") {
        return Msg::toml_duplicate_key(detail, key.trim());
    }
    if detail.starts_with("invalid type: ") || detail.starts_with("invalid value: ") {
        return Msg::toml_wrong_type(detail);
    }
    if detail.starts_with("unknown variant ") {
        return Msg::toml_unknown_variant(detail);
    }
    if detail.starts_with("invalid date-time") {
        return Msg::toml_bad_date(detail);
    }
    if detail == "recursion limit exceeded" {
        return Msg::nested_too_deep(detail);
    }
    Msg::toml_syntax(detail)
}

impl Policy {
    fn empty() -> Policy {
        Policy {
            id: String::new(),
            document: String::new(),
            title: Texts::default(),
            issued: Date::constant(2000, 1, 1),
            effective_from: Date::constant(2000, 1, 1),
            effective_until: None,
            amount_decimals: DEFAULT_AMOUNT_DECIMALS,
            facts: Vec::new(),
            params: Vec::new(),
            derived: Vec::new(),
            measures: Vec::new(),
            offices: IndexMap::new(),
            areas: IndexMap::new(),
            enums: Vec::new(),
            source: Source::new("", ""),
            overlays: Vec::new(),
            names: HashMap::from([("as_of".to_string(), (Ref::AsOf, Type::Date))]),
        }
    }
}

/// Reads one file (the policy or an overlay) into a policy, collecting every mistake.
pub(super) struct Loader {
    pub(super) policy: Policy,
    pub(super) source: Source,
    /// The file being read: 0 for the policy file, then each overlay.
    pub(super) file: usize,
    errors: Diagnostics,
    /// Parameters whose `effective_by` is compiled once every name is declared.
    selectors: Vec<(usize, Spanned<String>)>,
}

pub(super) fn date_of(
    source: &Source,
    value: &Spanned<toml::value::Datetime>,
) -> Result<Date, Diagnostic> {
    let d = value.get_ref();
    match (d.date, d.time) {
        (Some(date), None) => calendar_date(date.year.into(), date.month.into(), date.day.into())
            .ok_or_else(|| source.error(value.span().into(), Msg::policy_date_out_of_range())),
        _ => Err(source.error(value.span().into(), Msg::date_without_time())),
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
    what: Msg,
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
                    Msg::unknown_choice(what, value.get_ref(), Arg::list(ids.iter().copied())),
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

/// `date >= from and date <= until`, for the ends the period has.
pub(super) fn period_test(period: Period, date: &Node) -> Option<Node> {
    let bound = |op, d: Date| {
        Node::Compare(
            op,
            Box::new(date.clone()),
            Box::new(Node::Const(Value::Date(d))),
        )
    };
    let from = period.from.map(|d| bound(Compare::Ge, d));
    let until = period.until.map(|d| bound(Compare::Le, d));
    match (from, until) {
        (Some(a), Some(b)) => Some(Node::And(Box::new(a), Box::new(b))),
        (a, b) => a.or(b),
    }
}

/// The parts of a `[measures.amount]` table, compiled.
pub(super) struct AmountParts {
    pub(super) rule: Option<AmountRule>,
    pub(super) max: Option<Expr>,
    pub(super) uncovered: Vec<usize>,
    pub(super) span: Option<Span>,
}

impl Loader {
    pub(super) fn new(policy: Policy, source: Source, file: usize) -> Loader {
        Loader {
            policy,
            source,
            file,
            errors: Diagnostics::default(),
            selectors: Vec::new(),
        }
    }

    pub(super) fn source(&self) -> &Source {
        &self.source
    }

    pub(super) fn err(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    pub(super) fn error_at(&mut self, span: Span, message: Msg) {
        let d = self.source().error(span, message);
        self.err(d);
    }

    fn run(&mut self, raw: RawPolicy) {
        self.header(raw.policy);
        self.declare_facts(&raw.facts);
        self.declare_params(raw.params);
        self.declare_derived(&raw.derived);
        self.fact_defaults(&raw.facts);
        self.derived_exprs(raw.derived);
        self.param_selectors();
        self.check_derived_cycles();
        self.offices(raw.offices);
        self.area_names(raw.areas);
        self.measures(raw.measures);
    }

    /// The policy, once the file is read (the policy file's text is kept for later findings).
    pub(super) fn finish(self) -> Result<Policy, Diagnostics> {
        let Loader {
            mut policy,
            source,
            file,
            errors,
            ..
        } = self;
        if file == 0 {
            policy.source = source;
        }
        errors.or_ok(policy)
    }

    pub(super) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    fn header(&mut self, header: RawHeader) {
        self.policy.id = header.id;
        self.policy.document = header.document;
        self.texts(&header.title, Msg::key_title());
        self.policy.title = header.title.into_inner();
        match date_of(self.source(), &header.issued) {
            Ok(d) => self.policy.issued = d,
            Err(e) => self.err(e),
        }
        let period = self.period(
            Some(&header.effective_from),
            header.effective_until.as_ref(),
        );
        if let Some(from) = period.from {
            self.policy.effective_from = from;
        }
        self.policy.effective_until = period.until;
        if let Some(decimals) = header.amount_decimals {
            match u32::try_from(*decimals.get_ref()) {
                Ok(d) if d <= MAX_AMOUNT_DECIMALS => self.policy.amount_decimals = d,
                _ => self.error_at(
                    decimals.span().into(),
                    Msg::amount_decimals_range(MAX_AMOUNT_DECIMALS),
                ),
            }
        }
    }

    /// A period from optional `effective_from` / `effective_until` dates.
    pub(super) fn period(
        &mut self,
        from: Option<&Spanned<toml::value::Datetime>>,
        until: Option<&Spanned<toml::value::Datetime>>,
    ) -> Period {
        let mut date = |value: Option<&Spanned<toml::value::Datetime>>| {
            value.and_then(|v| match date_of(self.source(), v) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.err(e);
                    None
                }
            })
        };
        let period = Period::new(date(from), date(until));
        if let (Some(f), Some(u), Some(span)) = (period.from, period.until, until) {
            if f > u {
                self.error_at(span.span().into(), Msg::until_before_from(u, f));
            }
        }
        period
    }

    /// Every text needs both languages.
    pub(super) fn texts(&mut self, texts: &Spanned<Texts>, what: Msg) {
        let span: Span = texts.span().into();
        let t = texts.get_ref();
        if t.zh.trim().is_empty() {
            self.error_at(span, Msg::needs_chinese(what.clone()));
        }
        if t.en.trim().is_empty() {
            self.error_at(span, Msg::needs_english(what));
        }
    }

    /// A text that may not be empty: a clause, a quoted source, a condition's text.
    pub(super) fn required(&mut self, text: &Spanned<String>, message: Msg) {
        if text.get_ref().trim().is_empty() {
            self.error_at(text.span().into(), message);
        }
    }

    pub(super) fn declare(&mut self, name: &Spanned<String>, r: Ref, ty: Type) {
        let span: Span = name.span().into();
        let text = name.get_ref();
        let valid = text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            self.error_at(span, Msg::invalid_declared_name(text));
        } else if RESERVED.contains(&text.as_str()) {
            self.error_at(span, Msg::reserved_name(text));
        } else if self.policy.names.contains_key(text) {
            self.error_at(span, Msg::declared_twice(text));
        }
        self.policy.names.insert(text.clone(), (r, ty));
    }

    pub(super) fn declare_facts(&mut self, facts: &IndexMap<Spanned<String>, RawFact>) {
        let first = self.policy.facts.len();
        for (name, raw) in facts {
            let index = self.policy.facts.len();
            let subject = pick(
                &Subject::ALL,
                &raw.subject,
                Msg::choice_subject(),
                self.source(),
            )
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
                    pick(&table, &raw.ty, Msg::choice_fact_type(), self.source()).unwrap_or_else(
                        |e| {
                            self.errors.push(e);
                            Type::Text
                        },
                    )
                }
            };
            if type_name != "enum" && raw.options.is_some() {
                self.error_at(raw.ty.span().into(), Msg::only_enum_options());
            }
            if type_name != "id_number" && raw.birth_date.is_some() {
                self.error_at(raw.ty.span().into(), Msg::only_id_number_birth_date());
            }
            let what = |key: &str| Msg::part_of(key, Msg::what_fact(name.get_ref()));
            self.texts(&raw.label, what("label"));
            self.texts(&raw.question, what("question"));
            if let Some(help) = &raw.help {
                self.texts(help, what("help"));
            }
            let (min, max) = self.fact_range(name.get_ref(), ty, raw);
            self.policy.facts.push(Fact {
                name: name.get_ref().clone(),
                ty,
                min,
                max,
                birth_date_of: None,
                not_before: None,
                not_after: None,
                cell_words: Vec::new(),
                subject,
                label: raw.label.get_ref().clone(),
                question: raw.question.get_ref().clone(),
                help: raw.help.as_ref().map(|h| h.get_ref().clone()),
                default: None,
                aliases: raw.aliases.clone(),
                span: name.span().into(),
                file: self.file,
            });
            self.declare(name, Ref::Fact(index), ty);
        }
        // An ID number names the date fact it supplies, a cell word the yes/no fact it sets; all
        // facts are declared by now.
        for (offset, raw) in facts.values().enumerate() {
            let index = first + offset;
            for (word, target) in &raw.cell_words {
                match self.policy.lookup(target.get_ref()) {
                    Some((Ref::Fact(f), Type::Bool)) => {
                        self.policy.facts[index].cell_words.push((word.clone(), f))
                    }
                    _ => {
                        self.error_at(target.span().into(), Msg::not_yes_no_fact(target.get_ref()))
                    }
                }
            }
            let bounds = [
                (&raw.not_before, "not_before"),
                (&raw.not_after, "not_after"),
            ];
            for (bound, key) in bounds {
                let Some(bound) = bound else {
                    continue;
                };
                let resolved = self.date_bound(index, bound, key);
                let fact = &mut self.policy.facts[index];
                match key {
                    "not_before" => fact.not_before = resolved,
                    _ => fact.not_after = resolved,
                }
            }
            if raw.ty.get_ref() == "id_number" {
                let Some(target) = &raw.birth_date else {
                    self.error_at(raw.ty.span().into(), Msg::id_number_needs_birth_date());
                    continue;
                };
                match self.policy.lookup(target.get_ref()) {
                    Some((Ref::Fact(f), Type::Date)) => {
                        self.policy.facts[index].birth_date_of = Some(f)
                    }
                    _ => self.error_at(target.span().into(), Msg::not_date_fact(target.get_ref())),
                }
            }
        }
    }

    /// The other end of a date fact's `not_before` or `not_after`: a date fact, or `as_of`.
    fn date_bound(
        &mut self,
        index: usize,
        bound: &Spanned<String>,
        key: &str,
    ) -> Option<DateBound> {
        if self.policy.facts[index].ty != Type::Date {
            self.error_at(bound.span().into(), Msg::date_facts_only(key));
            return None;
        }
        if bound.get_ref() == "as_of" {
            return Some(DateBound::AsOf);
        }
        match self.policy.lookup(bound.get_ref()) {
            Some((Ref::Fact(f), Type::Date)) if f != index => Some(DateBound::Fact(f)),
            _ => {
                self.error_at(
                    bound.span().into(),
                    Msg::not_date_fact_or_as_of(bound.get_ref()),
                );
                None
            }
        }
    }

    fn enum_options(&mut self, name: &Spanned<String>, raw: &RawFact) -> Vec<EnumOption> {
        let Some(options) = &raw.options else {
            self.error_at(
                raw.ty.span().into(),
                Msg::enum_needs_options(name.get_ref()),
            );
            return Vec::new();
        };
        let mut out: Vec<EnumOption> = Vec::new();
        for option in options {
            let id = option.id.get_ref();
            if out.iter().any(|o| &o.id == id) {
                self.error_at(option.id.span().into(), Msg::option_twice(id));
            }
            self.required(&option.zh, Msg::needs_chinese(Msg::what_option(id)));
            self.required(&option.en, Msg::needs_english(Msg::what_option(id)));
            out.push(EnumOption {
                id: id.clone(),
                label: Texts {
                    zh: option.zh.get_ref().clone(),
                    en: option.en.get_ref().clone(),
                },
                aliases: option.aliases.clone(),
            });
        }
        out
    }

    fn declare_params(&mut self, params: IndexMap<Spanned<String>, RawParam>) {
        for (name, raw) in params {
            self.new_param(name, raw);
        }
    }

    /// Declares a parameter with its value, its dated versions and (later) its `effective_by`.
    pub(super) fn new_param(&mut self, name: Spanned<String>, raw: RawParam) {
        let index = self.policy.params.len();
        let what = Msg::what_parameter(name.get_ref());
        let declared = raw.ty.as_ref().map(|t| {
            pick(&PLAIN_TYPES, t, Msg::choice_parameter_type(), self.source()).unwrap_or_else(|e| {
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
        self.required(&raw.clause, Msg::needs_clause(what.clone()));
        let label = match &raw.label {
            Some(label) => {
                self.texts(label, Msg::part_of("label", what.clone()));
                label.get_ref().clone()
            }
            None => {
                self.error_at(name.span().into(), Msg::needs_label(what.clone()));
                Texts::default()
            }
        };
        if let Some(note) = &raw.note {
            self.texts(note, Msg::part_of("note", what));
        }
        if let Some(date) = raw.effective_from.as_ref().or(raw.effective_until.as_ref()) {
            self.error_at(
                date.span().into(),
                Msg::parameter_dated_value(name.get_ref()),
            );
        }
        let mut versions = Vec::new();
        for version in &raw.versions {
            if let Some(v) = self.param_version(version, ty, raw.clause.get_ref()) {
                versions.push(v);
            }
        }
        if let Some(by) = raw.effective_by {
            if versions.is_empty() {
                self.error_at(by.span().into(), Msg::effective_by_without_versions());
            }
            self.selectors.push((index, by));
        }
        let percent =
            matches!(raw.value.get_ref(), toml::Value::String(text) if text.trim().ends_with('%'));
        self.policy.params.push(Param {
            name: name.get_ref().clone(),
            ty,
            value,
            clause: raw.clause.into_inner(),
            label,
            note: raw.note.map(Spanned::into_inner),
            span: name.span().into(),
            file: self.file,
            versions,
            effective_by: None,
            percent,
        });
        self.declare(&name, Ref::Param(index), ty);
    }

    fn param_version(
        &mut self,
        raw: &RawParamVersion,
        ty: Type,
        clause: &str,
    ) -> Option<ParamVersion> {
        let span: Span = raw.value.span().into();
        if raw.effective_from.is_none() && raw.effective_until.is_none() {
            self.error_at(span, Msg::version_needs_dates());
        }
        let period = self.period(raw.effective_from.as_ref(), raw.effective_until.as_ref());
        if let Some(c) = &raw.clause {
            self.required(c, Msg::version_clause_empty());
        }
        match self.constant(&raw.value, Some(ty)) {
            Ok((value, _)) => Some(ParamVersion {
                period,
                value,
                origin: Origin {
                    file: self.file,
                    clause: raw
                        .clause
                        .as_ref()
                        .map_or(clause.to_string(), |c| c.get_ref().clone()),
                },
                span,
            }),
            Err(e) => {
                self.err(e);
                None
            }
        }
    }

    /// A parameter's `effective_by` reads facts, the as-of date and other parameters, never derived values.
    pub(super) fn param_selectors(&mut self) {
        for (index, text) in std::mem::take(&mut self.selectors) {
            let Some(expr) = self.expr(&text, Type::Date) else {
                continue;
            };
            let reads_derived = expr.node.refs().iter().any(|r| match r {
                Ref::Derived(_) => true,
                Ref::Param(p) => self
                    .policy
                    .params
                    .get(*p)
                    .is_some_and(|p| !p.versions.is_empty()),
                _ => false,
            });
            if reads_derived {
                self.error_at(expr.span, Msg::parameter_selector_reads());
                continue;
            }
            self.policy.params[index].effective_by = Some(expr);
        }
    }

    /// A number or money fact's `min` and `max`; money is never below 0 unless it says so.
    fn fact_range(
        &mut self,
        name: &str,
        ty: Type,
        raw: &RawFact,
    ) -> (Option<Decimal>, Option<Decimal>) {
        let mut bound = |value: &Option<Spanned<toml::Value>>| {
            let value = value.as_ref()?;
            if !matches!(ty, Type::Number | Type::Money) {
                self.error_at(value.span().into(), Msg::range_on_non_number(name));
                return None;
            }
            match self.constant(value, Some(Type::Number)) {
                Ok((Value::Number(n), _)) => Some(n),
                Ok(_) => None,
                Err(d) => {
                    self.err(d);
                    None
                }
            }
        };
        let min = bound(&raw.min);
        let max = bound(&raw.max);
        let min = min.or((ty == Type::Money).then_some(Decimal::ZERO));
        if let (Some(low), Some(high), Some(at)) = (min, max, raw.max.as_ref()) {
            if low > high {
                self.error_at(at.span().into(), Msg::max_below_min(name, high, low));
            }
        }
        (min, max)
    }

    /// A parameter's value: an integer, a boolean, a date, or a string holding a constant expression.
    pub(super) fn constant(
        &self,
        value: &Spanned<toml::Value>,
        declared: Option<Type>,
    ) -> Result<(Value, Type), Diagnostic> {
        let span: Span = value.span().into();
        let (value, ty) = match value.get_ref() {
            toml::Value::Integer(i) => (Value::Number(Decimal::from(*i)), Type::Number),
            toml::Value::Boolean(b) => (Value::Bool(*b), Type::Bool),
            toml::Value::Datetime(dt) => {
                let d = date_of(self.source(), &Spanned::new(value.span(), *dt))?;
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
                    _ => return Err(self.source().error(span, Msg::expected_constant())),
                }
            }
            toml::Value::Float(_) => return Err(self.source().error(span, Msg::float_number())),
            _ => return Err(self.source().error(span, Msg::expected_constant_kind())),
        };
        match declared {
            Some(t) if !ty.fits(t) => Err(self.source().error(span, Msg::expected_a(type_word(t)))),
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
            .error(ty.span().into(), Msg::unknown_type(ty.get_ref()))
            .with_help_opt(did_you_mean(ty.get_ref(), names));
        self.err(d);
        Type::Bool
    }

    pub(super) fn declare_derived(&mut self, derived: &IndexMap<Spanned<String>, RawDerived>) {
        let first = self.policy.derived.len();
        for (offset, (name, raw)) in derived.iter().enumerate() {
            let ty = self.derived_type(&raw.ty);
            self.declare(name, Ref::Derived(first + offset), ty);
        }
    }

    pub(super) fn fact_defaults(&mut self, facts: &IndexMap<Spanned<String>, RawFact>) {
        let first = self.policy.facts.len() - facts.len();
        for (offset, raw) in facts.values().enumerate() {
            let Some(default) = &raw.default else {
                continue;
            };
            let index = first + offset;
            let fact = &self.policy.facts[index];
            match super::value::convert_toml(&self.policy, fact, default.get_ref()) {
                Ok(v) => self.policy.facts[index].default = Some(v),
                Err(message) => self.error_at(default.span().into(), Msg::bad_default(message)),
            }
        }
    }

    pub(super) fn expr(&mut self, text: &Spanned<String>, wanted: Type) -> Option<Expr> {
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
    pub(super) fn money(&mut self, value: &Spanned<toml::Value>) -> Option<Expr> {
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
                self.error_at(span, Msg::float_amount());
                None
            }
            _ => {
                self.error_at(span, Msg::expected_amount());
                None
            }
        }
    }

    pub(super) fn derived_exprs(&mut self, derived: IndexMap<Spanned<String>, RawDerived>) {
        for (name, raw) in derived {
            let (_, ty) = self.policy.names[name.get_ref()];
            let what = Msg::what_derived(name.get_ref());
            self.texts(&raw.label, Msg::part_of("label", what.clone()));
            if let Some(note) = &raw.note {
                self.texts(note, Msg::part_of("note", what));
            }
            let expr = self.expr(&raw.expr, ty).unwrap_or(Expr {
                node: Node::Const(Value::Bool(false)),
                ty,
                span: raw.expr.span().into(),
                text: String::new(),
            });
            self.policy.derived.push(Derived {
                name: name.get_ref().clone(),
                expr,
                label: raw.label.into_inner(),
                span: name.span().into(),
                file: self.file,
            });
        }
    }

    /// Refuses derived values that depend on each other in a cycle, or through a chain longer
    /// than `MAX_DERIVED_CHAIN` (evaluation follows the chain on the stack). Walks the graph with
    /// a stack of its own, so a long chain cannot overflow the loader's stack either.
    pub(super) fn check_derived_cycles(&mut self) {
        let count = self.policy.derived.len();
        let refs: Vec<Vec<usize>> = self
            .policy
            .derived
            .iter()
            .map(|d| {
                let mut on: Vec<usize> = d
                    .expr
                    .node
                    .refs()
                    .into_iter()
                    .filter_map(|r| match r {
                        Ref::Derived(j) => Some(j),
                        _ => None,
                    })
                    .collect();
                on.dedup();
                on
            })
            .collect();
        // 0 = not visited, 1 = on the current path, 2 = done (its chain length known).
        let mut state = vec![0u8; count];
        let mut chain = vec![0usize; count];
        for root in 0..count {
            if state[root] == 2 {
                continue;
            }
            let mut path: Vec<(usize, usize)> = vec![(root, 0)];
            state[root] = 1;
            while let Some(&mut (i, ref mut next)) = path.last_mut() {
                if let Some(&j) = refs[i].get(*next) {
                    *next += 1;
                    match state[j] {
                        0 => {
                            state[j] = 1;
                            path.push((j, 0));
                        }
                        1 => {
                            let at = path.iter().position(|&(p, _)| p == j).unwrap_or(0);
                            let names: Vec<&str> = path[at..]
                                .iter()
                                .map(|&(k, _)| self.policy.derived[k].name.as_str())
                                .collect();
                            let cycle =
                                format!("{} → {}", names.join(" → "), self.policy.derived[j].name);
                            let message = Msg::derived_cycle(cycle);
                            let span = self.policy.derived[j].span;
                            self.error_at(span, message);
                            return;
                        }
                        _ => {}
                    }
                    continue;
                }
                chain[i] = 1 + refs[i].iter().map(|&j| chain[j]).max().unwrap_or(0);
                state[i] = 2;
                if chain[i] > MAX_DERIVED_CHAIN {
                    let message = Msg::derived_chain(
                        &self.policy.derived[i].name,
                        chain[i],
                        MAX_DERIVED_CHAIN,
                    );
                    let span = self.policy.derived[i].span;
                    self.error_at(span, message);
                    return;
                }
                path.pop();
            }
        }
    }

    /// Compiles the measures, joining the dated versions of one id.
    pub(super) fn measures(&mut self, measures: Vec<RawMeasure>) {
        let mut read: Vec<Measure> = Vec::new();
        for raw in measures {
            let Some(m) = self.measure(raw) else {
                continue;
            };
            if let Some(existing) = self.policy.measures.iter().find(|x| x.id == m.id) {
                let file = self.policy.file_name(existing.origin.file).to_string();
                self.error_at(m.span, Msg::measure_in_other_file(&m.id, file));
                continue;
            }
            match read.iter_mut().find(|x| x.id == m.id) {
                Some(first) => first.versions.push(m),
                None => read.push(m),
            }
        }
        for m in read {
            let m = self.join_versions(m);
            self.policy.measures.push(m);
        }
    }

    /// Several entries with one id are versions: each dated, none overlapping, picked by the same date.
    fn join_versions(&mut self, mut first: Measure) -> Measure {
        if first.versions.is_empty() {
            return first;
        }
        let mut all = vec![];
        let later = std::mem::take(&mut first.versions);
        all.push(first);
        all.extend(later);
        for (i, version) in all.iter().enumerate().skip(1) {
            if all[..i].iter().any(|v| v.period.is_always()) || version.period.is_always() {
                self.error_at(version.span, Msg::measure_twice(&version.id));
                continue;
            }
            if let Some(other) = all[..i].iter().find(|v| v.period.overlaps(version.period)) {
                let line = self.source().line(other.span);
                self.error_at(
                    version.span,
                    Msg::versions_overlap(
                        &version.id,
                        version.period.message(),
                        line,
                        other.period.message(),
                    ),
                );
            }
            let by = |m: &Measure| m.effective_by.as_ref().map(|e| e.text.clone());
            if by(version) != by(&all[0]) {
                self.error_at(version.span, Msg::versions_effective_by(&version.id));
            }
        }
        all.sort_by_key(|v| v.period.from);
        // `all` holds `first`, so it is never empty.
        let mut base = all.remove(0);
        base.versions = all;
        base
    }

    pub(super) fn measure(&mut self, raw: RawMeasure) -> Option<Measure> {
        let id_span: Span = raw.id.span().into();
        let id = raw.id.get_ref().clone();
        let what = Msg::what_measure(&id);
        let kind = pick(&Kind::ALL, &raw.kind, Msg::choice_kind(), self.source());
        let subject = pick(
            &Subject::ALL,
            &raw.subject,
            Msg::choice_subject(),
            self.source(),
        );
        let beneficiary = pick(
            &Beneficiary::ALL,
            &raw.beneficiary,
            Msg::choice_beneficiary(),
            self.source(),
        );
        self.required(&raw.area, Msg::needs_area(what.clone()));
        self.texts(&raw.name, Msg::part_of("name", what.clone()));
        if let Some(note) = &raw.note {
            self.texts(note, Msg::part_of("note", what.clone()));
        }
        self.required(&raw.clause, Msg::needs_clause(what.clone()));
        self.required(&raw.source, Msg::needs_source(what));
        let origin = Origin {
            file: self.file,
            clause: raw.clause.get_ref().clone(),
        };
        let conditions = self.conditions(raw.conditions, &origin, &[]);
        let departments = self.departments(raw.departments);
        let available_from = raw
            .available_from
            .as_ref()
            .and_then(|t| self.expr(t, Type::Date));
        let period = self.period(raw.effective_from.as_ref(), raw.effective_until.as_ref());
        let effective_by = raw
            .effective_by
            .as_ref()
            .and_then(|t| self.expr(t, Type::Date));
        let selector = effective_by
            .as_ref()
            .map_or(Node::Ref(Ref::AsOf), |e| e.node.clone());
        let amount = match raw.amount {
            Some(a) => self.amount(a, id_span, &selector),
            None => AmountParts {
                rule: None,
                max: None,
                uncovered: Vec::new(),
                span: None,
            },
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
        if kind == Kind::InKind && (amount.rule.is_some() || amount.max.is_some()) {
            self.error_at(id_span, Msg::in_kind_amount(&id));
        }
        let amount_origins = if amount.rule.is_some() || amount.max.is_some() {
            vec![origin.clone()]
        } else {
            Vec::new()
        };
        Some(Measure {
            id,
            area: raw.area.into_inner(),
            name: raw.name.into_inner(),
            clause: raw.clause.into_inner(),
            source: raw.source.into_inner(),
            kind,
            subject,
            beneficiary,
            departments,
            note: raw.note.map(Spanned::into_inner),
            conditions,
            amount: amount.rule,
            amount_max: amount.max,
            available_from,
            span: id_span,
            period,
            effective_by,
            versions: Vec::new(),
            origin,
            amount_origins,
            amount_span: amount.span,
            uncovered: amount.uncovered,
            off: None,
            amendments: Vec::new(),
        })
    }

    /// Compiles conditions, each id once (counting `existing`).
    pub(super) fn conditions(
        &mut self,
        raw: Vec<RawCondition>,
        origin: &Origin,
        existing: &[String],
    ) -> Vec<Condition> {
        let mut conditions: Vec<Condition> = Vec::new();
        for c in raw {
            let id = c.id.get_ref();
            if conditions.iter().any(|x| &x.id == id) || existing.contains(id) {
                self.error_at(c.id.span().into(), Msg::condition_twice(id));
            }
            self.required(&c.zh, Msg::needs_chinese(Msg::what_condition(id)));
            self.required(&c.en, Msg::needs_english(Msg::what_condition(id)));
            if let Some(expr) = self.expr(&c.when, Type::Bool) {
                conditions.push(Condition {
                    id: c.id.into_inner(),
                    expr,
                    text: Texts {
                        zh: c.zh.into_inner(),
                        en: c.en.into_inner(),
                    },
                    origin: origin.clone(),
                });
            }
        }
        conditions
    }

    pub(super) fn amount(&mut self, raw: RawAmount, id_span: Span, selector: &Node) -> AmountParts {
        let max = raw.amount_max.as_ref().and_then(|v| self.money(v));
        let mut span = None;
        let rule = match (&raw.value, &raw.by) {
            (Some(_), Some(by)) => {
                self.error_at(by.span().into(), Msg::value_and_by());
                None
            }
            (Some(value), None) => {
                span = Some(value.span().into());
                if !raw.rows.is_empty() {
                    self.error_at(value.span().into(), Msg::rows_need_by());
                }
                self.money(value).map(AmountRule::Formula)
            }
            (None, Some(by)) => {
                span = Some(by.span().into());
                self.table(by, raw.rows, selector)
            }
            (None, None) => {
                if max.is_none() {
                    self.error_at(id_span, Msg::amount_needs_value());
                }
                None
            }
        };
        let uncovered = self.uncovered(&raw.uncovered, rule.as_ref());
        AmountParts {
            rule,
            max,
            uncovered,
            span,
        }
    }

    /// `uncovered`: options of the table's enum that deliberately have no row.
    fn uncovered(&mut self, listed: &[Spanned<String>], rule: Option<&AmountRule>) -> Vec<usize> {
        let Some(first) = listed.first() else {
            return Vec::new();
        };
        let Some(AmountRule::Table { enum_id, rows, .. }) = rule else {
            self.error_at(first.span().into(), Msg::uncovered_needs_table());
            return Vec::new();
        };
        let mut out = Vec::new();
        for option in listed {
            match self.option(*enum_id, option) {
                Some(o) if rows.iter().any(|r| r.options.contains(&o)) => self.error_at(
                    option.span().into(),
                    Msg::uncovered_has_row(option.get_ref()),
                ),
                Some(o) => out.push(o),
                None => {}
            }
        }
        out
    }

    /// Option `option` of enum `enum_id`, or an error with the options there are.
    fn option(&mut self, enum_id: usize, option: &Spanned<String>) -> Option<usize> {
        if let Some(o) = Scope::option(&self.policy, enum_id, option.get_ref()) {
            return Some(o);
        }
        let names = self.policy.options(enum_id);
        let d = self
            .source()
            .error(
                option.span().into(),
                Msg::not_an_option_of(
                    option.get_ref(),
                    Msg::type_enum(&self.policy.enums[enum_id].fact),
                    Arg::list(names.iter().copied()),
                ),
            )
            .with_help_opt(did_you_mean(option.get_ref(), names));
        self.err(d);
        None
    }

    fn table(
        &mut self,
        by: &Spanned<String>,
        rows: Vec<Spanned<RawRow>>,
        selector: &Node,
    ) -> Option<AmountRule> {
        let span: Span = by.span().into();
        let Some((r, ty)) = self.policy.lookup(by.get_ref()) else {
            let d = self
                .source()
                .error(span, Msg::unknown_name(by.get_ref()))
                .with_help_opt(did_you_mean(by.get_ref(), self.policy.names()));
            self.err(d);
            return None;
        };
        let Type::Enum(enum_id) = ty else {
            self.error_at(by.span().into(), Msg::by_needs_enum(by.get_ref()));
            return None;
        };
        if rows.is_empty() {
            self.error_at(by.span().into(), Msg::table_needs_rows());
        }
        let mut out = Vec::new();
        for row in rows {
            let row_span: Span = row.span().into();
            let row = row.into_inner();
            let options = row
                .options
                .iter()
                .filter_map(|option| self.option(enum_id, option))
                .collect();
            let period = self.period(row.effective_from.as_ref(), row.effective_until.as_ref());
            let written = row.when.as_ref().and_then(|w| self.expr(w, Type::Bool));
            let when = match (written, period_test(period, selector)) {
                (when, None) => when,
                (Some(when), Some(test)) => Some(Expr {
                    node: Node::And(Box::new(test), Box::new(when.node)),
                    ..when
                }),
                (None, Some(test)) => Some(Expr {
                    node: test,
                    ty: Type::Bool,
                    span: row_span,
                    text: String::new(),
                }),
            };
            if let Some(value) = self.money(&row.value) {
                out.push(Row {
                    options,
                    when,
                    value,
                    period,
                    span: row_span,
                    file: self.file,
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

pub(super) fn type_word(t: Type) -> Msg {
    match t {
        Type::Bool => Msg::word_boolean(),
        Type::Number => Msg::word_number(),
        Type::Money => Msg::word_money(),
        Type::Date => Msg::word_date(),
        Type::Text => Msg::word_text(),
        Type::Enum(_) => Msg::word_enum_option(),
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
        Err(EvalError(Msg::constant_reads_names()))
    }
}
