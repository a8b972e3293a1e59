//! "What would change the outcome": measures that failed on one condition, and what meeting it would add.
//!
//! Only a measure that met at least one condition and failed exactly one counts (the others not
//! asked, as the failure already decided), and only through a fact the person stated (not a
//! default, not a date or an ID number, which cannot be changed): the measure is evaluated again
//! with each other value of that fact that the condition could turn on. When facts never asked
//! still stand in the way, the gain is "could add", with the amounts that every yes/no and option
//! of those facts give (no amount when a number or a date not asked decides it).

use super::select::Reads;
use crate::engine::{evaluate, EngineError, Facts, Outcome, Status};
use crate::i18n::Lang;
use crate::lang::value::{Type, Value};
use crate::messages::Msg;
use crate::policy::{Beneficiary, Kind, Policy};
use crate::profile::Profile;
use crate::render::money;
use jiff::civil::Date;
use rust_decimal::Decimal;

/// A measure that meeting one condition would add, with the amounts it could then pay.
struct Gain {
    measure: usize,
    low: Option<Decimal>,
    high: Option<Decimal>,
    /// The amounts are ceilings (`amount_max`), not sums.
    ceiling: bool,
    /// The amount depends on a number or a date not asked.
    open_amount: bool,
    /// Decided by the facts given; otherwise it depends on facts never asked.
    certain: bool,
}

/// At most this many combinations of unasked facts are tried for one change.
const MAX_COMBINATIONS: usize = 256;

fn granted(status: Status) -> bool {
    matches!(
        status,
        Status::Eligible | Status::Pending | Status::MayApply
    )
}

/// Could be granted: granted, or waiting for facts with no condition failed.
fn possibly_granted(outcome: &Outcome) -> bool {
    granted(outcome.status)
        || (outcome.status == Status::NeedsInfo && !outcome.conditions.contains(&Some(false)))
}

/// What the measure comes to with `profile`: the outcomes of every way the yes/no and option facts
/// it still waits for could turn out (just one when it waits for none of them).
fn possible(
    policy: &Policy,
    profile: &Profile,
    measure: usize,
    as_of: Date,
) -> Result<Vec<Outcome>, EngineError> {
    let decide = |p: &Profile| -> Result<Option<Outcome>, EngineError> {
        let mut facts = Facts::new(policy, p, as_of);
        Ok(evaluate(&mut facts, p.subject, Some(&[measure]))?.pop())
    };
    let Some(first) = decide(profile)? else {
        return Ok(Vec::new());
    };
    if first.status != Status::NeedsInfo {
        return Ok(vec![first]);
    }
    let choices: Vec<(usize, Vec<Value>)> = first
        .missing
        .iter()
        .filter(|&&f| matches!(policy.facts[f].ty, Type::Bool | Type::Enum(_)))
        .map(|&f| (f, super::select::probes(policy, f)))
        .collect();
    if choices.is_empty() {
        return Ok(vec![first]);
    }
    let combinations = choices
        .iter()
        .try_fold(1usize, |n, (_, values)| n.checked_mul(values.len()))
        .filter(|&n| n <= MAX_COMBINATIONS)
        .unwrap_or(0);
    let mut out = Vec::new();
    for mut k in 0..combinations {
        let mut p = profile.clone();
        for (f, values) in &choices {
            p.facts[*f] = Some(values[k % values.len()].clone());
            k /= values.len();
        }
        out.extend(decide(&p)?);
    }
    Ok(out)
}

/// The values of `fact` worth trying, other than `current`.
fn candidates(policy: &Policy, fact: usize, current: &Value, numbers: &[Decimal]) -> Vec<Value> {
    let mut out: Vec<Value> = match policy.facts[fact].ty {
        Type::Bool => vec![Value::Bool(true), Value::Bool(false)],
        Type::Enum(id) => (0..policy.enums[id].options.len())
            .map(Value::Option)
            .collect(),
        Type::Number | Type::Money => numbers
            .iter()
            .flat_map(|n| [Some(*n), n.checked_add(Decimal::ONE)])
            .flatten()
            .map(Value::Number)
            .collect(),
        Type::Date | Type::Text => Vec::new(),
    };
    out.sort();
    out.dedup();
    out.retain(|v| v != current);
    out
}

fn gain(
    policy: &Policy,
    profile: &Profile,
    outcome: &Outcome,
    as_of: Date,
) -> Result<Option<(usize, Gain)>, EngineError> {
    let measure = &policy.measures[outcome.measure];
    let mut failed = outcome
        .conditions
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == Some(false));
    let (Some((condition, _)), None) = (failed.next(), failed.next()) else {
        return Ok(None);
    };
    if !outcome.conditions.contains(&Some(true)) {
        return Ok(None);
    }
    let mut reads = Reads::default();
    reads.walk(policy, &measure.conditions[condition].expr.node);
    let mut amounts: Vec<Decimal> = Vec::new();
    let mut met = false;
    let mut certain = false;
    let mut ceiling = false;
    let mut open_amount = false;
    let pays = measure.amount.is_some() || measure.amount_max.is_some();
    for &f in &reads.facts {
        let Some(current) = &profile.facts[f] else {
            continue;
        };
        for value in candidates(policy, f, current, &reads.numbers) {
            let mut changed = profile.clone();
            changed.facts[f] = Some(value);
            let outcomes = possible(policy, &changed, outcome.measure, as_of)?;
            for after in outcomes.iter().filter(|o| possibly_granted(o)) {
                met = true;
                certain |= outcomes.len() == 1 && granted(after.status);
                ceiling |= after.amount.is_none() && after.amount_max.is_some();
                let amount = after.amount.or(after.amount_max);
                open_amount |= pays && amount.is_none();
                amounts.extend(amount);
            }
        }
    }
    if !met {
        return Ok(None);
    }
    Ok(Some((
        condition,
        Gain {
            measure: outcome.measure,
            low: amounts.iter().min().copied(),
            high: amounts.iter().max().copied(),
            ceiling,
            open_amount,
            certain,
        },
    )))
}

fn gain_text(policy: &Policy, gain: &Gain, lang: Lang) -> String {
    let measure = &policy.measures[gain.measure];
    let name = measure.name.get(lang);
    let amount = match (gain.low, gain.high) {
        _ if gain.open_amount => String::new(),
        (Some(low), Some(high)) if low != high => format!("{}–{}", money(low), money(high)),
        (Some(low), _) => money(low),
        _ => String::new(),
    };
    let text = match (measure.kind, amount.is_empty()) {
        (_, true) | (Kind::InKind, _) => Msg::verbatim(name),
        (Kind::Competitive, false) if gain.ceiling => Msg::chance_to_apply_up_to(name, amount),
        (Kind::Competitive, false) => Msg::chance_to_apply(name, amount),
        (Kind::Entitlement, false) => Msg::gain_amount(name, amount),
    };
    if measure.beneficiary == Beneficiary::Employer {
        Msg::paid_to_the_employer(text).render(lang).into()
    } else {
        text.render(lang).into()
    }
}

/// The section appended to the table, or nothing when no single condition stands in the way.
pub fn render(
    policy: &Policy,
    profile: &Profile,
    outcomes: &[Outcome],
    as_of: Date,
    lang: Lang,
) -> Result<String, EngineError> {
    let mut groups: Vec<(String, bool, Vec<Gain>)> = Vec::new();
    for outcome in outcomes
        .iter()
        .filter(|o| o.status == Status::NotEligible && !o.wrong_subject)
    {
        let Some((condition, gain)) = gain(policy, profile, outcome, as_of)? else {
            continue;
        };
        let text = policy.measures[outcome.measure].conditions[condition]
            .text
            .get(lang)
            .to_string();
        let certain = gain.certain;
        match groups
            .iter_mut()
            .find(|(t, c, _)| *t == text && *c == certain)
        {
            Some((_, _, gains)) => gains.push(gain),
            None => groups.push((text, certain, vec![gain])),
        }
    }
    if groups.is_empty() {
        return Ok(String::new());
    }
    let best = |gains: &[Gain]| gains.iter().filter_map(|g| g.high).max();
    groups.sort_by_key(|(_, certain, gains)| std::cmp::Reverse((*certain, best(gains))));
    let mut out = format!("\n{}\n", Msg::what_would_change().render(lang));
    for (condition, certain, mut gains) in groups {
        gains.sort_by_key(|g| std::cmp::Reverse(g.high));
        let gains: Vec<String> = gains.iter().map(|g| gain_text(policy, g, lang)).collect();
        let gains = gains.join(&Msg::value_separator().render(lang));
        let line = if certain {
            Msg::condition_would_add(condition, gains)
        } else {
            Msg::condition_could_add(condition, gains)
        };
        out.push_str(&format!("• {}\n", line.render(lang)));
    }
    Ok(out)
}
