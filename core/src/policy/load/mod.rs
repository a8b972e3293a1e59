//! Reads a policy file: TOML structure first, then every name, type and expression, reporting all mistakes found.
//! This file holds the loader and its order of phases; each phase has a file of its own.

mod derived;
mod facts;
mod measures;
mod params;
mod raw;

use super::{Period, Policy};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Source, Span};
use crate::i18n::Texts;
use crate::lang::compile;
use crate::lang::value::{calendar_date, Expr, Node, Ref, Type, Value};
use crate::messages::{Arg, Msg};
use indexmap::IndexMap;
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::collections::HashMap;
use toml::Spanned;

use raw::{RawHeader, RawPolicy};

pub(super) use raw::{RawAmount, RawCondition, RawDerived, RawFact, RawMeasure, RawParam};

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
