//! The result of a check in the reader's language, shared by every output format.

pub mod json;

use crate::engine::{evaluate, total, AmountTrace, EngineError, Facts, Outcome, Status};
use crate::i18n::Lang;
use crate::lang::eval::Tri;
use crate::lang::value::{Node, Ref, Value};
use crate::messages::{Arg, Msg};
use crate::places::Ambiguity;
use crate::policy::{AmountRule, Beneficiary, Departments, Kind, Policy, Subject};
use crate::profile::Profile;
use crate::render::{money, show_value};
use jiff::civil::Date;
use rust_decimal::Decimal;

/// One measure's result, with every text rendered.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MeasureReport {
    pub id: String,
    pub name: String,
    pub clause: String,
    pub kind: Kind,
    pub beneficiary: Beneficiary,
    pub status: Status,
    #[serde(serialize_with = "json::decimal")]
    pub amount: Option<Decimal>,
    #[serde(serialize_with = "json::decimal")]
    pub amount_max: Option<Decimal>,
    #[serde(serialize_with = "json::date")]
    pub available_from: Option<Date>,
    pub missing: Vec<String>,
    pub reasons: Vec<String>,
    /// Who handles the measure, as the policy names them; `null` where it names none.
    pub departments: Option<DepartmentsReport>,
    /// Which files the measure and its amount come from; only when overlays are layered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::catalog::Origins>,
    /// The questions that would settle the missing facts.
    #[serde(skip)]
    pub questions: Vec<String>,
    /// The few reasons a table row shows: the amount, the date, or what failed.
    #[serde(skip)]
    pub detail: Vec<String>,
}

/// The offices that handle a measure, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct DepartmentsReport {
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    /// Who pays, where the text says so.
    pub payer: Option<String>,
}

impl DepartmentsReport {
    pub fn of(departments: &Departments, lang: Lang) -> DepartmentsReport {
        let names =
            |list: &[crate::i18n::Texts]| list.iter().map(|t| t.get(lang).to_string()).collect();
        DepartmentsReport {
            lead: names(&departments.lead),
            responsible: names(&departments.responsible),
            payer: departments.payer.as_ref().map(|t| t.get(lang).to_string()),
        }
    }
}

/// Totals of eligible (or pending) amounts per beneficiary.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    #[serde(with = "rust_decimal::serde::str")]
    pub individual: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub employer: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub organization: Decimal,
}

impl Totals {
    /// The money claimable now: eligible amounts.
    pub fn of(policy: &Policy, outcomes: &[Outcome]) -> Totals {
        Totals::with_status(policy, outcomes, Status::Eligible)
    }

    /// The money claimable later: pending amounts.
    pub fn pending(policy: &Policy, outcomes: &[Outcome]) -> Totals {
        Totals::with_status(policy, outcomes, Status::Pending)
    }

    fn with_status(policy: &Policy, outcomes: &[Outcome], status: Status) -> Totals {
        let sum = |b| total(policy, outcomes, status, b).normalize();
        Totals {
            individual: sum(Beneficiary::Individual),
            employer: sum(Beneficiary::Employer),
            organization: sum(Beneficiary::Organization),
        }
    }

    pub fn get(&self, beneficiary: Beneficiary) -> Decimal {
        match beneficiary {
            Beneficiary::Individual => self.individual,
            Beneficiary::Employer => self.employer,
            Beneficiary::Organization => self.organization,
        }
    }
}

/// A whole check, ready to print.
#[derive(Clone, Debug)]
pub struct Report {
    pub as_of: Date,
    pub subject: Subject,
    pub name: Option<String>,
    pub measures: Vec<MeasureReport>,
    pub totals: Totals,
    pub pending_totals: Totals,
    pub lang: Lang,
    /// Measures for this subject that do not apply and are not listed (without `all`).
    pub left_out: usize,
    /// Measures for the other subject that are not listed.
    pub other_subject: usize,
}

/// Which measures a report lists besides those that apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    /// Also those that do not apply, with their reasons.
    pub all: bool,
    /// With `all`: also those meant for the other subject (an organisation's for a person).
    pub any_subject: bool,
}

/// A profile evaluated as of `as_of` and reported, with the places it left undecided noted; the
/// outcomes come back too, for what the report does not show (what would change them).
pub fn of_profile(
    policy: &Policy,
    profile: &Profile,
    as_of: Date,
    lang: Lang,
    shown: Shown,
) -> Result<(Report, Vec<Outcome>), EngineError> {
    let mut facts = Facts::new(policy, profile, as_of);
    let outcomes = evaluate(&mut facts, profile.subject, None)?;
    let mut report = Report::new(
        &mut facts,
        &outcomes,
        profile.subject,
        profile.name.clone(),
        lang,
        shown,
    );
    report.note_undecided(policy, &profile.undecided);
    Ok((report, outcomes))
}

impl Report {
    /// Renders `outcomes`; without `all`, measures that do not apply are left out.
    pub fn new(
        facts: &mut Facts,
        outcomes: &[Outcome],
        subject: Subject,
        name: Option<String>,
        lang: Lang,
        shown: Shown,
    ) -> Report {
        let policy = facts.policy;
        let listed = |o: &Outcome| {
            o.status != Status::NotEligible
                || (shown.all && (shown.any_subject || !o.wrong_subject))
        };
        let measures = outcomes
            .iter()
            .filter(|o| listed(o))
            .map(|o| measure_report(facts, o, lang))
            .collect();
        let hidden = |other: bool| {
            outcomes
                .iter()
                .filter(|o| !listed(o) && o.wrong_subject == other)
                .count()
        };
        Report {
            as_of: facts.as_of(),
            subject,
            name,
            measures,
            totals: Totals::of(policy, outcomes),
            pending_totals: Totals::pending(policy, outcomes),
            lang,
            left_out: hidden(false),
            other_subject: hidden(true),
        }
    }
}

impl Report {
    /// Facts a profile gave that tell no one value (a city on both banks of the Yangtze): the
    /// measures waiting for them say why and what to give, instead of only asking.
    pub fn note_undecided(&mut self, policy: &Policy, undecided: &[(usize, Ambiguity)]) {
        for (fact, ambiguity) in undecided {
            let Some(fact) = policy.facts.get(*fact) else {
                continue;
            };
            let question = fact.question.get(self.lang);
            let why = ambiguity.why.render(self.lang);
            for m in self
                .measures
                .iter_mut()
                .filter(|m| m.missing.contains(&fact.name))
            {
                for q in m.questions.iter_mut().filter(|q| *q == question) {
                    *q = why.to_string();
                }
                m.reasons.push(why.to_string());
            }
        }
    }
}

pub fn measure_report(facts: &mut Facts, outcome: &Outcome, lang: Lang) -> MeasureReport {
    let policy = facts.policy;
    let measure = outcome.version_of(policy);
    let Reasons {
        all: reasons,
        detail,
    } = reasons(facts, outcome, lang);
    // While facts are missing, the amounts the measure can still reach.
    let range = match outcome.status {
        Status::NeedsInfo => crate::reach::amount_range(facts, outcome).ok().flatten(),
        _ => None,
    };
    let (amount, amount_max) = match range {
        Some(r) if r.low == r.high => (r.low, None),
        Some(r) => (r.low, r.high),
        None => (outcome.amount, outcome.amount_max),
    };
    MeasureReport {
        id: measure.id.clone(),
        name: measure.name.get(lang).to_string(),
        clause: measure.clause.clone(),
        kind: measure.kind,
        beneficiary: measure.beneficiary,
        status: outcome.status,
        amount: amount.map(|a| a.normalize()),
        amount_max: amount_max.map(|a| a.normalize()),
        available_from: outcome.available_from,
        missing: outcome
            .missing
            .iter()
            .map(|&f| policy.facts[f].name.clone())
            .collect(),
        reasons,
        detail,
        departments: measure
            .departments
            .as_ref()
            .map(|d| DepartmentsReport::of(d, lang)),
        origin: (!policy.overlays.is_empty())
            .then(|| crate::catalog::Origins::of(policy, measure, facts.as_of())),
        questions: outcome
            .missing
            .iter()
            .map(|&f| policy.facts[f].question.get(lang).to_string())
            .collect(),
    }
}

fn ref_label(policy: &Policy, r: Ref, lang: Lang) -> String {
    match r {
        Ref::AsOf => Msg::as_of_label().render(lang).into(),
        _ => policy.ref_label(r).get(lang).into(),
    }
}

/// `label = value` for every name `refs` reads.
pub fn values_seen(facts: &mut Facts, refs: &[Ref], lang: Lang) -> String {
    let policy = facts.policy;
    refs.iter()
        .map(|&r| {
            let shown = match facts.value_of(r) {
                Ok(Tri::Known(v)) => show_value(policy, policy.ref_type(r), &v, lang),
                _ => Msg::unknown_value().render(lang).into(),
            };
            format!("{} = {shown}", ref_label(policy, r, lang))
        })
        .collect::<Vec<_>>()
        .join(&Msg::value_separator().render(lang))
}

fn with_values(text: String, values: String, lang: Lang) -> String {
    if values.is_empty() {
        text
    } else {
        Msg::with_values(text, values).render(lang).into()
    }
}

/// Every reason, and the few that matter most for the status.
pub struct Reasons {
    pub all: Vec<String>,
    pub detail: Vec<String>,
}

/// Why the measure came out as it did: every condition with the values it saw, then the amount.
pub fn reasons(facts: &mut Facts, outcome: &Outcome, lang: Lang) -> Reasons {
    let policy = facts.policy;
    let measure = outcome.version_of(policy);
    let mut out = Vec::new();
    let mut detail = Vec::new();
    if outcome.wrong_subject {
        detail.push(
            Msg::measure_is_for(measure.subject.label())
                .render(lang)
                .into(),
        );
        return Reasons {
            all: detail.clone(),
            detail,
        };
    }
    if outcome.out_of_force {
        detail.push(
            out_of_force_reason(facts, outcome)
                .render(lang)
                .into_owned(),
        );
        return Reasons {
            all: detail.clone(),
            detail,
        };
    }
    for (condition, result) in measure.conditions.iter().zip(&outcome.conditions) {
        let marked = match result {
            Some(true) => Msg::condition_met(&condition.text),
            Some(false) => Msg::condition_not_met(&condition.text),
            None => Msg::condition_unknown(&condition.text),
        };
        let values = values_seen(facts, &condition.expr.node.refs(), lang);
        let line = with_values(marked.render(lang).into(), values, lang);
        if *result == Some(false) {
            detail.push(line.clone());
        }
        out.push(line);
    }
    if let Some(line) = amount_reason(facts, outcome, lang) {
        detail.push(line.clone());
        out.push(line);
    }
    if let Some(date) = outcome.available_from {
        let line = if outcome.status == Status::Pending {
            Msg::claimable_from_not_yet(date)
        } else {
            Msg::claimable_since(date)
        }
        .render(lang)
        .into_owned();
        detail.push(line.clone());
        out.push(line);
    }
    match outcome.status {
        Status::MayApply => out.push(Msg::selective().render(lang).into()),
        Status::NeedsInfo => {
            let labels = outcome.missing.iter().map(|&f| &policy.facts[f].label);
            out.push(Msg::still_needed(Arg::list(labels)).render(lang).into());
        }
        _ => {}
    }
    Reasons { all: out, detail }
}

/// What a rounded amount says of its rounding: "（四舍五入到分）".
fn rounded(decimals: u32) -> Msg {
    match decimals {
        2 => Msg::rounded_to_fen(),
        0 => Msg::rounded_to_yuan(),
        n => Msg::rounded_to_decimals(n),
    }
}

fn amount_reason(facts: &mut Facts, outcome: &Outcome, lang: Lang) -> Option<String> {
    let policy = facts.policy;
    let measure = outcome.version_of(policy);
    let result = |amount: Option<Decimal>| match amount {
        Some(a) => money(a),
        None => Msg::to_be_settled().render(lang).into(),
    };
    let line = match (&measure.amount, &outcome.amount_trace) {
        (Some(AmountRule::Formula(expr)), AmountTrace::Formula) => {
            let sentence = crate::describe::labelled(facts, &expr.node, lang);
            let head = Msg::amount_from(sentence).render(lang).into_owned();
            let exact = facts.eval(expr).ok().and_then(|t| t.known()?.as_number());
            match (&expr.node, exact, outcome.amount) {
                // A fact or parameter alone: its value, shown, is the amount.
                (Node::Ref(_) | Node::Const(_), Some(exact), Some(amount)) if exact == amount => {
                    head
                }
                (_, Some(exact), Some(amount)) if exact != amount => format!(
                    "{head} = {}{}",
                    money(amount),
                    rounded(policy.amount_decimals).render(lang)
                ),
                _ => format!("{head} = {}", result(outcome.amount)),
            }
        }
        (Some(AmountRule::Table { by, enum_id, rows }), AmountTrace::Row(r)) => {
            let row = &rows[*r];
            let key = facts.value_of(*by).ok().and_then(|t| t.known().cloned());
            let mut parts = Vec::new();
            if let Some(Value::Option(o)) = key {
                parts.push(format!(
                    "{} = {}",
                    policy.ref_label(*by).get(lang),
                    policy.option(*enum_id, o).label.get(lang)
                ));
            }
            if let Some(when) = &row.when {
                let seen = values_seen(facts, &when.node.refs(), lang);
                if !seen.is_empty() {
                    parts.push(seen);
                }
            }
            let parts = parts.join(&Msg::value_separator().render(lang));
            format!(
                "{} → {}",
                Msg::amount_from(parts).render(lang),
                result(outcome.amount)
            )
        }
        (Some(AmountRule::Table { by, .. }), AmountTrace::NoRow) => {
            let seen = values_seen(facts, &[*by], lang);
            Msg::no_amount_for(seen).render(lang).into()
        }
        _ => {
            let max = outcome.amount_max?;
            Msg::up_to(money(max)).render(lang).into()
        }
    };
    Some(line)
}

/// "牵头单位 市人社局；责任单位 …；由受益地财政支出".
pub fn departments_text(d: &DepartmentsReport, lang: Lang) -> String {
    let list = |names: &[String]| Arg::list(names);
    let responsible = (!d.responsible.is_empty()).then(|| Msg::responsible(list(&d.responsible)));
    let payer = d.payer.as_ref().map(Msg::paid_by);
    Msg::departments(list(&d.lead), responsible, payer)
        .render(lang)
        .into()
}

/// Why a measure is not in force for this evaluation: the policy's dates, an overlay that switched
/// it off, or the measure's own dates.
pub fn out_of_force_reason(
    facts: &mut crate::engine::Facts,
    outcome: &crate::engine::Outcome,
) -> Msg {
    let policy = facts.policy;
    let measure = outcome.version_of(policy);
    if !policy.period().contains(facts.as_of()) {
        return Msg::policy_out_of_force(policy.period().message(), facts.as_of());
    }
    if let Some(origin) = &measure.off {
        return match measure.period.from {
            Some(d) => Msg::switched_off_from(d, policy.cite(origin)),
            None => Msg::switched_off(policy.cite(origin)),
        };
    }
    let (label, date): (Arg, Arg) = match &measure.effective_by {
        None => (Msg::the_as_of_date().into(), facts.as_of().into()),
        Some(by) => {
            let label = match by.node {
                crate::lang::value::Node::Ref(r) => policy.ref_label(r).into(),
                _ => by.text.clone().into(),
            };
            let date = facts
                .eval(by)
                .ok()
                .and_then(|t| t.known().and_then(Value::as_date))
                .map_or_else(|| Msg::unknown_value().into(), Arg::from);
            (label, date)
        }
    };
    Msg::measure_out_of_force(measure.period.message(), label, date)
}
