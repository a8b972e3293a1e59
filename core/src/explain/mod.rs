//! One measure explained: its source, conditions and amount rule, and with a profile, how each
//! condition, derived value and amount step came out.

pub mod json;
pub mod text;

use crate::catalog::amount_sources;
use crate::describe::{amount_words, names, period_words, row_key, show_tri, with_values, words};
use crate::engine::{evaluate, AmountTrace, Facts, Outcome, Status};
use crate::i18n::Lang;
use crate::lang::eval::Tri;
use crate::lang::value::{Node, Ref, Type, Value};
use crate::messages::{Arg, Msg};
use crate::policy::{AmountRule, Beneficiary, Change, Kind, Measure, Policy, Subject};
use crate::profile::Profile;
use crate::render::money;
use jiff::civil::Date;

/// A measure in readable form, and its evaluation for a profile when one is given.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Explanation {
    pub id: String,
    pub name: String,
    pub area: String,
    pub clause: String,
    pub document: String,
    /// The quoted source sentence.
    pub source: String,
    pub kind: Kind,
    pub subject: Subject,
    pub beneficiary: Beneficiary,
    pub note: Option<String>,
    /// Who handles the measure, as the policy names them.
    pub departments: Option<crate::report::DepartmentsReport>,
    /// When this version is in force, in words (empty: whenever the policy is).
    pub period: String,
    /// Every version, when the measure has several.
    pub versions: Vec<Version>,
    pub source_file: String,
    pub amendments: Vec<AmendmentText>,
    pub conditions: Vec<ConditionText>,
    /// The amount rule in words.
    pub amount: Vec<String>,
    /// Where the amount comes from: file and clause.
    pub amount_sources: Vec<String>,
    pub evaluation: Option<Evaluation>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Version {
    pub period: String,
    /// The declaration's file and clause, then each overlay change in force in it.
    pub sources: Vec<String>,
    pub selected: bool,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct AmendmentText {
    /// File and clause.
    pub by: String,
    pub change: String,
    pub source: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ConditionText {
    pub id: String,
    pub text: String,
    /// The rule as written.
    pub when: String,
    /// File and clause, for a condition an overlay added.
    pub added_by: Option<String>,
}

/// How the measure was decided for one profile.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Evaluation {
    pub profile: Option<String>,
    pub as_of: String,
    pub status: Status,
    /// Why the measure does not apply before any condition is looked at.
    pub not_applicable: Option<String>,
    pub conditions: Vec<ConditionResult>,
    pub derived: Vec<DerivedValue>,
    pub amount_steps: Vec<String>,
    #[serde(serialize_with = "crate::report::json::decimal")]
    pub amount: Option<rust_decimal::Decimal>,
    #[serde(serialize_with = "crate::report::json::decimal")]
    pub amount_max: Option<rust_decimal::Decimal>,
    #[serde(serialize_with = "crate::report::json::date")]
    pub available_from: Option<Date>,
    pub missing: Vec<String>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ConditionResult {
    pub id: String,
    pub text: String,
    /// `met`, `not_met` or `unknown`.
    pub outcome: &'static str,
    pub values: Vec<Seen>,
}

/// A value a rule read.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Seen {
    pub name: String,
    pub label: String,
    pub value: String,
}

/// A derived value and how it was computed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DerivedValue {
    pub name: String,
    pub label: String,
    pub expr: String,
    pub with_values: String,
    pub value: String,
}

/// The measure alone, in the version in force on `as_of`.
pub fn describe(policy: &Policy, index: usize, as_of: Date, lang: Lang) -> Explanation {
    let version = policy.measures[index].version_at(as_of).0;
    explanation(policy, index, version, as_of, lang)
}

/// The measure and its evaluation for `profile` on `as_of`.
pub fn evaluate_for(
    policy: &Policy,
    index: usize,
    profile: &Profile,
    as_of: Date,
    lang: Lang,
) -> Result<Explanation, crate::engine::EngineError> {
    let mut facts = Facts::new(policy, profile, as_of);
    let outcome = evaluate(&mut facts, profile.subject, Some(&[index]))?.remove(0);
    let mut out = explanation(policy, index, outcome.version, as_of, lang);
    out.evaluation = Some(trace(&mut facts, &outcome, profile, lang));
    Ok(out)
}

fn explanation(
    policy: &Policy,
    index: usize,
    version: usize,
    as_of: Date,
    lang: Lang,
) -> Explanation {
    let base = &policy.measures[index];
    let m = base.version(version);
    let versions = if base.versions.is_empty() {
        Vec::new()
    } else {
        base.all_versions()
            .enumerate()
            .map(|(k, v)| Version {
                period: period_words(policy, v, lang),
                sources: std::iter::once(&v.origin)
                    .chain(v.amendments.iter().map(|a| &a.origin))
                    .map(|o| policy.cite(o))
                    .collect(),
                selected: k == version,
            })
            .collect()
    };
    Explanation {
        id: m.id.clone(),
        name: m.name.get(lang).to_string(),
        area: m.area.clone(),
        clause: m.clause.clone(),
        document: policy.file_document(m.origin.file).to_string(),
        source: m.source.clone(),
        kind: m.kind,
        subject: m.subject,
        beneficiary: m.beneficiary,
        note: m.note.as_ref().map(|n| n.get(lang).to_string()),
        departments: m
            .departments
            .as_ref()
            .map(|d| crate::report::DepartmentsReport::of(d, lang)),
        period: period_words(policy, m, lang),
        versions,
        source_file: policy.file_name(m.origin.file).to_string(),
        amendments: m
            .amendments
            .iter()
            .map(|a| AmendmentText {
                by: policy.cite(&a.origin),
                change: change_words(policy, &a.change, lang),
                source: a.source.clone(),
            })
            .collect(),
        conditions: m
            .conditions
            .iter()
            .map(|c| ConditionText {
                id: c.id.clone(),
                text: c.text.get(lang).to_string(),
                when: names(policy, &c.expr.node),
                added_by: (c.origin.file != m.origin.file).then(|| policy.cite(&c.origin)),
            })
            .collect(),
        amount: amount_words(policy, m, lang),
        amount_sources: amount_sources(policy, m, as_of)
            .iter()
            .map(|o| policy.cite(o))
            .collect(),
        evaluation: None,
    }
}

fn change_words(policy: &Policy, change: &Change, lang: Lang) -> String {
    match change {
        Change::SwitchedOff => Msg::change_switches_off(),
        Change::Amount => Msg::change_sets_amount(),
        Change::TopUp(add) => Msg::change_tops_up(words(policy, &add.node, lang)),
        Change::Conditions(ids) => Msg::change_adds_conditions(Arg::list(ids)),
    }
    .render(lang)
    .into()
}

fn trace(facts: &mut Facts, outcome: &Outcome, profile: &Profile, lang: Lang) -> Evaluation {
    let policy = facts.policy;
    let m = outcome.version_of(policy);
    let not_applicable = if outcome.wrong_subject {
        Some(Msg::measure_is_for(m.subject.label()).render(lang).into())
    } else if outcome.out_of_force {
        Some(
            crate::report::out_of_force_reason(facts, outcome)
                .render(lang)
                .into_owned(),
        )
    } else {
        None
    };
    let mut conditions = Vec::new();
    for (c, result) in m.conditions.iter().zip(&outcome.conditions) {
        let values = c
            .expr
            .node
            .refs()
            .into_iter()
            .map(|r| seen(facts, r, lang))
            .collect();
        conditions.push(ConditionResult {
            id: c.id.clone(),
            text: c.text.get(lang).to_string(),
            outcome: match result {
                Some(true) => "met",
                Some(false) => "not_met",
                None => "unknown",
            },
            values,
        });
    }
    let decided = not_applicable.is_none() && !outcome.conditions.contains(&Some(false));
    let amount_steps = if decided {
        amount_steps(facts, m, outcome, lang)
    } else {
        Vec::new()
    };
    let derived = if not_applicable.is_none() {
        derived_values(facts, m, lang)
    } else {
        Vec::new()
    };
    Evaluation {
        profile: profile.name.clone(),
        as_of: facts.as_of().to_string(),
        status: outcome.status,
        not_applicable,
        conditions,
        derived,
        amount_steps,
        amount: outcome.amount.map(|a| a.normalize()),
        amount_max: outcome.amount_max.map(|a| a.normalize()),
        available_from: outcome.available_from,
        missing: outcome
            .missing
            .iter()
            .map(|&f| policy.facts[f].name.clone())
            .collect(),
    }
}

fn seen(facts: &mut Facts, r: Ref, lang: Lang) -> Seen {
    let policy = facts.policy;
    let value = facts
        .value_of(r)
        .unwrap_or(Tri::Unknown(Default::default()));
    Seen {
        name: policy.ref_name(r).to_string(),
        label: match r {
            Ref::AsOf => Msg::as_of_label().render(lang).into(),
            _ => policy.ref_label(r).get(lang).to_string(),
        },
        value: show_tri(policy, policy.ref_type(r), &value, lang),
    }
}

/// The derived values a version reads, each after the ones it reads itself.
fn derived_values(facts: &mut Facts, m: &Measure, lang: Lang) -> Vec<DerivedValue> {
    let policy = facts.policy;
    let mut order: Vec<usize> = Vec::new();
    fn visit(policy: &Policy, refs: Vec<Ref>, order: &mut Vec<usize>) {
        for r in refs {
            if let Ref::Derived(i) = r {
                if !order.contains(&i) {
                    visit(policy, policy.derived[i].expr.node.refs(), order);
                    order.push(i);
                }
            }
        }
    }
    let mut refs: Vec<Ref> = m.expressions().iter().flat_map(|n| n.refs()).collect();
    if let Some(AmountRule::Table { by, .. }) = &m.amount {
        refs.insert(0, *by);
    }
    visit(policy, refs, &mut order);
    order
        .into_iter()
        .map(|i| {
            let d = &policy.derived[i];
            let value = facts
                .value_of(Ref::Derived(i))
                .unwrap_or(Tri::Unknown(Default::default()));
            DerivedValue {
                name: d.name.clone(),
                label: d.label.get(lang).to_string(),
                expr: names(policy, &d.expr.node),
                with_values: with_values(facts, &d.expr.node, lang),
                value: show_tri(policy, d.expr.ty, &value, lang),
            }
        })
        .collect()
}

/// A computed value for a step: money grouped, dates as dates, `?` when unknown.
fn result(facts: &mut Facts, node: &Node, lang: Lang) -> String {
    let policy = facts.policy;
    match crate::lang::eval::eval(node, facts) {
        Ok(Tri::Known(Value::Number(n))) => money(n),
        Ok(t) => show_tri(policy, Type::Date, &t, lang),
        Err(e) => e.0.render(lang).into_owned(),
    }
}

/// `names = values = result` for every compound part of `node`, innermost first.
fn formula_steps(facts: &mut Facts, node: &Node, lang: Lang, out: &mut Vec<String>) {
    let policy = facts.policy;
    match node {
        Node::Arith(_, a, b) => {
            formula_steps(facts, a, lang, out);
            formula_steps(facts, b, lang, out);
        }
        Node::Call(_, args) => {
            for a in args {
                formula_steps(facts, a, lang, out);
            }
        }
        Node::Neg(a) => formula_steps(facts, a, lang, out),
        Node::If(c, a, b) => match crate::lang::eval::eval(c, facts) {
            Ok(Tri::Known(Value::Bool(true))) => formula_steps(facts, a, lang, out),
            Ok(Tri::Known(_)) => formula_steps(facts, b, lang, out),
            _ => {
                formula_steps(facts, a, lang, out);
                formula_steps(facts, b, lang, out);
            }
        },
        _ => return,
    }
    let written = names(policy, node);
    let values = with_values(facts, node, lang);
    let value = result(facts, node, lang);
    if values.replace(',', "") == written {
        out.push(format!("{values} = {value}"));
    } else {
        out.push(format!("{written} = {values} = {value}"));
    }
}

/// How an amount (or a date) was reached: a name or constant, or every step of a formula.
fn value_steps(facts: &mut Facts, label: &str, node: &Node, lang: Lang, out: &mut Vec<String>) {
    let policy = facts.policy;
    let before = out.len();
    formula_steps(facts, node, lang, out);
    let value = result(facts, node, lang);
    if out.len() == before {
        let written = names(policy, node);
        if written.replace(',', "") == value.replace(',', "") {
            out.push(format!("{label} = {value}"));
        } else {
            out.push(format!("{label} = {written} = {value}"));
        }
    } else {
        out.push(format!("{label} = {value}"));
    }
}

fn amount_steps(facts: &mut Facts, m: &Measure, outcome: &Outcome, lang: Lang) -> Vec<String> {
    let policy = facts.policy;
    let mut out = Vec::new();
    let amount = Msg::amount_label().render(lang);
    let amount = &*amount;
    match &m.amount {
        None => {}
        Some(AmountRule::Formula(e)) => value_steps(facts, amount, &e.node, lang, &mut out),
        Some(AmountRule::Table { by, enum_id, rows }) => {
            let key = facts
                .value_of(*by)
                .unwrap_or(Tri::Unknown(Default::default()));
            out.push(format!(
                "{} = {}",
                policy.ref_label(*by).get(lang),
                show_tri(policy, policy.ref_type(*by), &key, lang)
            ));
            if let Tri::Known(Value::Option(key)) = key {
                for (r, row) in rows.iter().enumerate() {
                    if !row.options.contains(&key) {
                        continue;
                    }
                    let head = Msg::table_row(r + 1, row_key(policy, *enum_id, row, lang));
                    let applies = match &row.when {
                        None => Some(true),
                        Some(w) => match facts.eval(w) {
                            Ok(Tri::Known(v)) => v.as_bool(),
                            _ => None,
                        },
                    };
                    let seen: Vec<String> = row
                        .when
                        .as_ref()
                        .map(|w| w.node.refs())
                        .unwrap_or_default()
                        .into_iter()
                        .map(|r| {
                            let s = seen(facts, r, lang);
                            format!("{} = {}", s.label, s.value)
                        })
                        .collect();
                    let seen = (!seen.is_empty())
                        .then(|| Msg::in_brackets(seen.join(&Msg::value_separator().render(lang))));
                    let verdict = match applies {
                        Some(true) => Msg::row_applies(),
                        Some(false) => Msg::row_does_not_apply(),
                        None => Msg::to_be_settled(),
                    };
                    out.push(Msg::row_verdict(head, verdict, seen).render(lang).into());
                    if applies == Some(true) {
                        value_steps(facts, amount, &row.value.node, lang, &mut out);
                        break;
                    }
                }
                if outcome.amount_trace == AmountTrace::NoRow {
                    out.push(Msg::no_row_for_value().render(lang).into());
                }
            }
        }
    }
    if let Some(max) = &m.amount_max {
        let label = Msg::ceiling_label().render(lang);
        value_steps(facts, &label, &max.node, lang, &mut out);
    }
    if let Some(from) = &m.available_from {
        let label = Msg::claimable_label().render(lang);
        value_steps(facts, &label, &from.node, lang, &mut out);
    }
    out
}
