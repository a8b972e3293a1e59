//! Layers an overlay (a county's amendments) over a loaded policy: new values for parameters, new or
//! topped-up amounts, added conditions and measures, measures switched off — each citing its own clause.

use super::load::{
    toml_error, type_word, Loader, RawAmount, RawCondition, RawDerived, RawFact, RawMeasure,
    RawParam,
};
use super::{
    Amendment, AmountRule, Change, Kind, Measure, Origin, Overlay, ParamVersion, Period, Policy,
};
use crate::diagnostic::{did_you_mean, Diagnostics, Source, Span};
use crate::i18n::Texts;
use crate::lang::checker::Scope;
use crate::lang::value::{Arith, Expr, Node, Ref, Type};
use crate::messages::Msg;
use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverlay {
    overlay: RawHeader,
    #[serde(default)]
    facts: IndexMap<Spanned<String>, RawFact>,
    #[serde(default)]
    params: IndexMap<Spanned<String>, RawParam>,
    #[serde(default)]
    derived: IndexMap<Spanned<String>, RawDerived>,
    #[serde(default)]
    measures: Vec<RawMeasure>,
    #[serde(default)]
    changes: Vec<RawChange>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    document: Spanned<String>,
    title: Spanned<Texts>,
    effective_from: Option<Spanned<toml::value::Datetime>>,
    effective_until: Option<Spanned<toml::value::Datetime>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChange {
    measure: Spanned<String>,
    clause: Spanned<String>,
    source: Option<Spanned<String>>,
    note: Option<Spanned<Texts>>,
    effective_from: Option<Spanned<toml::value::Datetime>>,
    effective_until: Option<Spanned<toml::value::Datetime>>,
    off: Option<Spanned<bool>>,
    top_up: Option<Spanned<toml::Value>>,
    amount: Option<RawAmount>,
    #[serde(default)]
    conditions: Vec<RawCondition>,
}

/// Whether a policy text is an overlay (it has an `[overlay]` header), even one with mistakes.
pub fn is_overlay(text: &str) -> bool {
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => table.contains_key("overlay"),
        Err(_) => text.lines().any(|line| line.trim() == "[overlay]"),
    }
}

/// `policy` with the overlay in `source` layered over it; mistakes point into the overlay.
pub fn apply(policy: Policy, source: Source) -> Result<Policy, Diagnostics> {
    let raw: RawOverlay = toml::from_str(&source.text).map_err(|e| toml_error(&source, &e))?;
    let file = policy.overlays.len() + 1;
    let mut loader = Loader::new(policy, source, file);
    loader.layer(raw);
    loader.finish()
}

impl Loader {
    fn layer(&mut self, raw: RawOverlay) {
        let period = self.overlay_header(raw.overlay);
        let names = raw.facts.keys().chain(raw.derived.keys());
        for name in names.collect::<Vec<_>>() {
            self.not_taken(name, Msg::facts_and_derived());
        }
        if self.has_errors() {
            return;
        }
        self.declare_facts(&raw.facts);
        for (name, param) in raw.params {
            match self.policy.param_index(name.get_ref()) {
                Some(index) => self.change_param(index, &name, param, period),
                None => self.new_param(name, param),
            }
        }
        self.declare_derived(&raw.derived);
        self.fact_defaults(&raw.facts);
        self.derived_exprs(raw.derived);
        self.param_selectors();
        self.check_derived_cycles();
        let first_new = self.policy.measures.len();
        self.measures(raw.measures);
        for measure in &mut self.policy.measures[first_new..] {
            if measure.period.is_always() && measure.versions.is_empty() {
                measure.period = period;
            }
        }
        for change in raw.changes {
            self.change(change, period);
        }
    }

    /// Reads `[overlay]`, records the overlay, and gives the default period of its changes.
    fn overlay_header(&mut self, header: RawHeader) -> Period {
        self.texts(&header.title, Msg::key_title());
        self.required(&header.document, Msg::overlay_needs_document());
        let period = self.period(
            header.effective_from.as_ref(),
            header.effective_until.as_ref(),
        );
        self.policy.overlays.push(Overlay {
            id: header.id,
            document: header.document.into_inner(),
            title: header.title.into_inner(),
            period,
            source: self.source().clone(),
        });
        period
    }

    /// An overlay may add names, not redeclare the policy's.
    fn not_taken(&mut self, name: &Spanned<String>, what: Msg) {
        let taken = match self.policy.lookup(name.get_ref()) {
            Some((Ref::Fact(i), _)) => Some(self.policy.facts[i].file),
            Some((Ref::Derived(i), _)) => Some(self.policy.derived[i].file),
            Some((Ref::Param(i), _)) => Some(self.policy.params[i].file),
            _ => None,
        };
        if let Some(file) = taken {
            let file = self.policy.file_name(file).to_string();
            self.error_at(
                name.span().into(),
                Msg::overlay_redeclares(name.get_ref(), file, what),
            );
        }
    }

    /// A new value for a parameter of the policy: everywhere, or over a period.
    fn change_param(
        &mut self,
        index: usize,
        name: &Spanned<String>,
        raw: RawParam,
        default: Period,
    ) {
        let what = Msg::what_parameter(name.get_ref());
        if let Some(label) = &raw.label {
            self.error_at(label.span().into(), Msg::overlay_keeps_label(what.clone()));
        }
        if let Some(by) = &raw.effective_by {
            self.error_at(by.span().into(), Msg::overlay_keeps_effective_by());
        }
        if !raw.versions.is_empty() {
            self.error_at(name.span().into(), Msg::overlay_no_versions());
        }
        let ty = self.policy.params[index].ty;
        if let Some(t) = &raw.ty {
            if t.get_ref() != type_word_short(ty) {
                self.error_at(
                    t.span().into(),
                    Msg::overlay_keeps_type(what.clone(), type_word(ty)),
                );
            }
        }
        self.required(&raw.clause, Msg::change_needs_clause(what));
        let value = match self.constant(&raw.value, Some(ty)) {
            Ok((value, _)) => value,
            Err(e) => {
                self.err(e);
                return;
            }
        };
        let own = self.period(raw.effective_from.as_ref(), raw.effective_until.as_ref());
        let period = if own.is_always() { default } else { own };
        let file = self.file;
        let param = &mut self.policy.params[index];
        if period.is_always() {
            param.value = value;
            param.clause = raw.clause.into_inner();
            param.file = file;
            param.span = name.span().into();
            param.versions.clear();
            if let Some(note) = raw.note {
                param.note = Some(note.into_inner());
            }
        } else {
            param.versions.push(ParamVersion {
                period,
                value,
                origin: Origin {
                    file,
                    clause: raw.clause.into_inner(),
                },
                span: raw.value.span().into(),
            });
        }
    }

    /// One `[[changes]]` entry: switch a measure off, replace or top up its amount, add conditions.
    fn change(&mut self, raw: RawChange, default: Period) {
        let id = raw.measure.get_ref();
        let Some(index) = self.policy.measure_index(id) else {
            let ids = self.policy.measures.iter().map(|m| m.id.as_str());
            let d = self
                .source()
                .error(raw.measure.span().into(), Msg::unknown_measure(id))
                .with_help_opt(did_you_mean(id, ids));
            self.err(d);
            return;
        };
        let span: Span = raw.measure.span().into();
        self.required(&raw.clause, Msg::a_change_needs_clause());
        if let Some(source) = &raw.source {
            self.required(source, Msg::change_source_empty());
        }
        if let Some(note) = &raw.note {
            self.texts(note, Msg::part_of("note", Msg::what_change()));
        }
        let origin = Origin {
            file: self.file,
            clause: raw.clause.get_ref().clone(),
        };
        let own = self.period(raw.effective_from.as_ref(), raw.effective_until.as_ref());
        let period = if own.is_always() { default } else { own };
        let off = raw.off.as_ref().is_some_and(|o| *o.get_ref());
        let parts = [
            off,
            raw.top_up.is_some(),
            raw.amount.is_some(),
            !raw.conditions.is_empty(),
        ];
        let count = parts.iter().filter(|p| **p).count();
        if count == 0 {
            self.error_at(span, Msg::change_needs_something());
            return;
        }
        if off && count > 1 {
            self.error_at(span, Msg::off_alone());
            return;
        }
        if raw.top_up.is_some() && raw.amount.is_some() {
            self.error_at(span, Msg::top_up_and_amount());
            return;
        }
        let measure = &self.policy.measures[index];
        let kind = measure.kind;
        let selector = measure
            .effective_by
            .as_ref()
            .map_or(Node::Ref(Ref::AsOf), |e| e.node.clone());
        let existing: Vec<String> = measure
            .all_versions()
            .flat_map(|v| v.conditions.iter().map(|c| c.id.clone()))
            .collect();
        let has_amount = measure
            .all_versions()
            .filter(|v| v.period.overlaps(period))
            .all(|v| v.amount.is_some());
        let amendment = |change| Amendment {
            origin: origin.clone(),
            source: raw
                .source
                .as_ref()
                .map_or(String::new(), |s| s.get_ref().clone()),
            note: raw.note.as_ref().map(|n| n.get_ref().clone()),
            change,
        };
        if off {
            let amendment = amendment(Change::SwitchedOff);
            amend(&mut self.policy.measures[index], period, |v| {
                v.off = Some(origin.clone());
                v.amendments.push(amendment.clone());
            });
        } else if let Some(top_up) = &raw.top_up {
            if !has_amount {
                self.error_at(top_up.span().into(), Msg::nothing_to_top_up(id));
                return;
            }
            let Some(add) = self.money(top_up) else {
                return;
            };
            let amendment = amendment(Change::TopUp(add.clone()));
            amend(&mut self.policy.measures[index], period, |v| {
                add_to(&mut v.amount, &add);
                v.amount_origins.push(origin.clone());
                v.amendments.push(amendment.clone());
            });
        } else if let Some(amount) = raw.amount {
            let parts = self.amount(amount, span, &selector);
            if kind == Kind::InKind {
                self.error_at(span, Msg::in_kind_amount(id));
                return;
            }
            let amendment = amendment(Change::Amount);
            amend(&mut self.policy.measures[index], period, |v| {
                v.amount = parts.rule.clone();
                v.amount_max = parts.max.clone();
                v.uncovered = parts.uncovered.clone();
                v.amount_span = parts.span;
                v.amount_origins = vec![origin.clone()];
                v.amendments.push(amendment.clone());
            });
        }
        if !raw.conditions.is_empty() {
            let conditions = self.conditions(raw.conditions, &origin, &existing);
            let ids = conditions.iter().map(|c| c.id.clone()).collect();
            let amendment = amendment(Change::Conditions(ids));
            amend(&mut self.policy.measures[index], period, |v| {
                v.conditions.extend(conditions.iter().cloned());
                v.amendments.push(amendment.clone());
            });
        }
    }
}

/// How a parameter type is written in a policy file.
fn type_word_short(ty: Type) -> &'static str {
    match ty {
        Type::Money => "money",
        Type::Date => "date",
        Type::Bool => "bool",
        Type::Text => "text",
        _ => "number",
    }
}

/// Applies `change` to the days of `period` in every version of `measure`, splitting versions that
/// cross its ends so that the days outside keep the rule they had.
pub(super) fn amend(measure: &mut Measure, period: Period, mut change: impl FnMut(&mut Measure)) {
    let later = std::mem::take(&mut measure.versions);
    let first = measure.clone();
    let mut out = Vec::new();
    for version in std::iter::once(first).chain(later) {
        let Some(inside) = version.period.intersect(period) else {
            out.push(version);
            continue;
        };
        let before = inside
            .from
            .filter(|d| version.period.from.map_or(true, |f| f < *d))
            .and_then(|d| d.yesterday().ok())
            .map(|d| Period::new(version.period.from, Some(d)));
        let after = inside
            .until
            .filter(|d| version.period.until.map_or(true, |u| u > *d))
            .and_then(|d| d.tomorrow().ok())
            .map(|d| Period::new(Some(d), version.period.until));
        if let Some(before) = before {
            out.push(Measure {
                period: before,
                ..version.clone()
            });
        }
        let mut changed = Measure {
            period: inside,
            ..version.clone()
        };
        change(&mut changed);
        out.push(changed);
        if let Some(after) = after {
            out.push(Measure {
                period: after,
                ..version
            });
        }
    }
    let mut iter = out.into_iter();
    if let Some(base) = iter.next() {
        *measure = base;
        measure.versions = iter.collect();
    }
}

/// Adds `add` to every amount the rule can give.
fn add_to(amount: &mut Option<AmountRule>, add: &Expr) {
    match amount {
        Some(AmountRule::Formula(expr)) => *expr = plus(expr, add),
        Some(AmountRule::Table { rows, .. }) => {
            for row in rows {
                row.value = plus(&row.value, add);
            }
        }
        None => {}
    }
}

fn plus(a: &Expr, b: &Expr) -> Expr {
    let simple = |text: &str| {
        if text.contains(char::is_whitespace) {
            format!("({text})")
        } else {
            text.to_string()
        }
    };
    Expr {
        node: Node::Arith(
            Arith::Add,
            Box::new(a.node.clone()),
            Box::new(b.node.clone()),
        ),
        ty: Type::Money,
        span: a.span,
        text: format!("{} + {}", simple(&a.text), simple(&b.text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Source;

    const POLICY: &str = r#"
[policy]
id = "t"
document = "T"
title = { zh = "测试", en = "test" }
issued = 2021-04-09
effective_from = 2021-04-09

[[measures]]
id = "m"
area = "t"
name = { zh = "措施", en = "measure" }
clause = "一"
source = "原文。"
kind = "entitlement"
subject = "person"
beneficiary = "individual"
effective_until = 2025-12-31
[measures.amount]
value = 100

[[measures]]
id = "m"
area = "t"
name = { zh = "措施", en = "measure" }
clause = "一（修订）"
source = "原文。"
kind = "entitlement"
subject = "person"
beneficiary = "individual"
effective_from = 2026-01-01
[measures.amount]
value = 200
"#;

    fn d(s: &str) -> jiff::civil::Date {
        s.parse().unwrap()
    }

    fn periods(m: &Measure) -> Vec<String> {
        m.all_versions()
            .map(|v| {
                let amount = match &v.amount {
                    Some(AmountRule::Formula(e)) => e.text.clone(),
                    _ => String::new(),
                };
                let off = if v.off.is_some() { " off" } else { "" };
                format!("{} {amount}{off}", v.period.describe(crate::i18n::Lang::En))
            })
            .collect()
    }

    #[test]
    fn a_change_over_a_period_splits_the_versions_it_crosses() {
        let p = |from: Option<&str>, until: Option<&str>| Period::new(from.map(d), until.map(d));
        let cases: Vec<(Period, Vec<&str>)> = vec![
            (
                Period::ALWAYS,
                vec!["until 2025-12-31 100 off", "from 2026-01-01 200 off"],
            ),
            (
                p(Some("2024-01-01"), None),
                vec![
                    "until 2023-12-31 100",
                    "from 2024-01-01 until 2025-12-31 100 off",
                    "from 2026-01-01 200 off",
                ],
            ),
            (
                p(Some("2024-01-01"), Some("2024-06-30")),
                vec![
                    "until 2023-12-31 100",
                    "from 2024-01-01 until 2024-06-30 100 off",
                    "from 2024-07-01 until 2025-12-31 100",
                    "from 2026-01-01 200",
                ],
            ),
            (
                p(Some("2026-01-01"), None),
                vec!["until 2025-12-31 100", "from 2026-01-01 200 off"],
            ),
        ];
        for (period, expected) in cases {
            let mut policy = crate::policy::load(Source::new("t.toml", POLICY)).unwrap();
            let origin = Origin {
                file: 1,
                clause: "二".into(),
            };
            amend(&mut policy.measures[0], period, |v| {
                v.off = Some(origin.clone())
            });
            assert_eq!(periods(&policy.measures[0]), expected, "{period:?}");
        }
    }

    #[test]
    fn the_version_for_a_date() {
        let policy = crate::policy::load(Source::new("t.toml", POLICY)).unwrap();
        let m = &policy.measures[0];
        assert_eq!(m.version_at(d("2025-12-31")), (0, true));
        assert_eq!(m.version_at(d("2026-01-01")), (1, true));
        let mut gap = m.clone();
        gap.versions[0].period.from = Some(d("2026-03-01"));
        assert_eq!(gap.version_at(d("2026-02-01")), (0, false));
        assert_eq!(gap.version_at(d("2026-03-01")), (1, true));
    }
}
