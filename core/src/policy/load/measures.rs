//! Reads the measures: conditions, periods, amounts and amount tables, versions joined into one measure.

use super::raw::{RawAmount, RawCondition, RawMeasure, RawRow};
use super::{pick, Loader};
use crate::diagnostic::{did_you_mean, Span};
use crate::i18n::Texts;
use crate::lang::checker::Scope;
use crate::lang::value::{Compare, Expr, Node, Ref, Type, Value};
use crate::messages::{Arg, Msg};
use crate::policy::{
    AmountRule, Beneficiary, Condition, Kind, Measure, Origin, Period, Row, Subject,
};
use jiff::civil::Date;
use toml::Spanned;

/// `date >= from and date <= until`, for the ends the period has.
fn period_test(period: Period, date: &Node) -> Option<Node> {
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
pub(in crate::policy) struct AmountParts {
    pub(in crate::policy) rule: Option<AmountRule>,
    pub(in crate::policy) max: Option<Expr>,
    pub(in crate::policy) uncovered: Vec<usize>,
    pub(in crate::policy) span: Option<Span>,
}

impl Loader {
    /// Compiles the measures, joining the dated versions of one id.
    pub(in crate::policy) fn measures(&mut self, measures: Vec<RawMeasure>) {
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

    pub(in crate::policy) fn measure(&mut self, raw: RawMeasure) -> Option<Measure> {
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
    pub(in crate::policy) fn conditions(
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

    pub(in crate::policy) fn amount(
        &mut self,
        raw: RawAmount,
        id_span: Span,
        selector: &Node,
    ) -> AmountParts {
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
