//! Declares the policy's parameters: constant values, their versions over time and what selects one.

use super::raw::{RawParam, RawParamVersion};
use super::{date_of, pick, string_start, type_word, Loader, PLAIN_TYPES};
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::Texts;
use crate::lang::checker::Scope;
use crate::lang::compile;
use crate::lang::eval::{eval, Env, EvalError, Tri};
use crate::lang::value::{Ref, Type, Value};
use crate::messages::Msg;
use crate::policy::{Origin, Param, ParamVersion};
use indexmap::IndexMap;
use rust_decimal::Decimal;
use toml::Spanned;

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

impl Loader {
    pub(super) fn declare_params(&mut self, params: IndexMap<Spanned<String>, RawParam>) {
        for (name, raw) in params {
            self.new_param(name, raw);
        }
    }

    /// Declares a parameter with its value, its dated versions and (later) its `effective_by`.
    pub(in crate::policy) fn new_param(&mut self, name: Spanned<String>, raw: RawParam) {
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
    pub(in crate::policy) fn param_selectors(&mut self) {
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

    /// A parameter's value: an integer, a boolean, a date, or a string holding a constant expression.
    pub(in crate::policy) fn constant(
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
}
