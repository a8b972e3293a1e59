//! Chooses the next question: the unknown fact that can still change the most undecided measures.
//!
//! Facts without a default are asked when an undecided measure waits for them, money measures
//! weighing more than in-kind ones. Facts with a default (the usual case, such as "took part in no
//! competition") are assumed until the end, then offered once as a checklist — only those whose
//! change, alone or together with other such facts, could decide a measure differently.

use super::question::Question;
use super::Known;
use crate::engine::{evaluate, AmountTrace, EngineError, Facts, Outcome, Status};
use crate::lang::eval::{eval, EvalError, Tri};
use crate::lang::value::{Expr, Node, Ref, Type, Value};
use crate::policy::{AmountRule, Kind, Measure, Policy, Subject};
use jiff::civil::Date;
use rust_decimal::Decimal;

/// How much more a measure that pays money counts than a right or a service.
const MONEY_WEIGHT: u32 = 3;

/// Which measures read each fact, and which facts the rows of each amount table read.
pub struct Index {
    readers: Vec<Vec<usize>>,
    row_facts: Vec<Vec<usize>>,
}

impl Index {
    pub fn new(policy: &Policy) -> Index {
        let mut readers = vec![Vec::new(); policy.facts.len()];
        let mut row_facts = Vec::with_capacity(policy.measures.len());
        for (m, measure) in policy.measures.iter().enumerate() {
            let mut reads = Reads::default();
            for node in measure.expressions() {
                reads.walk(policy, node);
            }
            if let Some(AmountRule::Table { by, .. }) = &measure.amount {
                reads.walk(policy, &Node::Ref(*by));
            }
            for f in reads.facts {
                readers[f].push(m);
            }
            let mut rows = Reads::default();
            if let Some(AmountRule::Table { rows: table, .. }) = &measure.amount {
                for row in table {
                    row.when.iter().for_each(|w| rows.walk(policy, &w.node));
                    rows.walk(policy, &row.value.node);
                }
            }
            row_facts.push(rows.facts);
        }
        Index { readers, row_facts }
    }
}

/// The facts and numbers an expression reads, following derived values.
#[derive(Default)]
pub struct Reads {
    pub facts: Vec<usize>,
    pub numbers: Vec<Decimal>,
    derived_seen: Vec<usize>,
}

impl Reads {
    pub fn walk(&mut self, policy: &Policy, node: &Node) {
        match node {
            Node::Const(Value::Number(n)) => self.numbers.push(*n),
            Node::Ref(Ref::Fact(f)) if !self.facts.contains(f) => self.facts.push(*f),
            Node::Ref(Ref::Param(p)) => {
                if let Value::Number(n) = policy.params[*p].value {
                    self.numbers.push(n);
                }
            }
            Node::Ref(Ref::Derived(d)) if !self.derived_seen.contains(d) => {
                self.derived_seen.push(*d);
                self.walk(policy, &policy.derived[*d].expr.node);
            }
            _ => {}
        }
        for child in node.children() {
            self.walk(policy, child);
        }
    }
}

fn weight(measure: &Measure) -> u32 {
    let pays = measure.amount.is_some() || measure.amount_max.is_some();
    if measure.kind != Kind::InKind && pays {
        MONEY_WEIGHT
    } else {
        1
    }
}

/// How much answering a fact can change: compared as a pair, the second breaking ties.
type Score = (u32, u32);

/// The fact with the highest score (the first in the policy on a tie).
fn best(scores: &[(usize, Score)]) -> Option<usize> {
    scores
        .iter()
        .fold(None, |best: Option<(usize, Score)>, &(f, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((f, s)),
        })
        .map(|(f, _)| f)
}

/// Values to try for a fact, to see whether it can settle a condition on its own.
pub fn probes(policy: &Policy, fact: usize) -> Vec<Value> {
    match policy.facts[fact].ty {
        Type::Bool => vec![Value::Bool(false), Value::Bool(true)],
        Type::Enum(id) => (0..policy.enums[id].options.len())
            .map(Value::Option)
            .collect(),
        Type::Number | Type::Money => vec![
            Value::Number(Decimal::ZERO),
            Value::Number(Decimal::from(1_000_000_000)),
        ],
        Type::Date => vec![
            Value::Date(Date::constant(1900, 1, 1)),
            Value::Date(Date::constant(2100, 12, 31)),
        ],
        Type::Text => Vec::new(),
    }
}

fn engine_error(measure: &Measure, e: EvalError) -> EngineError {
    EngineError {
        measure: measure.id.clone(),
        problem: e.0,
    }
}

/// An undecided measure that can still be granted: its open conditions, each with the facts
/// still to ask that it waits for.
struct Open<'a> {
    outcome: &'a Outcome,
    waiting: Vec<(&'a Expr, Vec<usize>)>,
}

/// The undecided measures, less those with a condition that only facts answered "I don't know"
/// could settle: they can no longer be granted, so they ask for nothing.
fn open_measures<'a>(
    policy: &'a Policy,
    known: &Known,
    facts: &mut Facts,
    outcomes: &'a [Outcome],
) -> Result<Vec<Open<'a>>, EngineError> {
    let mut out = Vec::new();
    'measures: for outcome in outcomes.iter().filter(|o| o.status == Status::NeedsInfo) {
        let measure = &policy.measures[outcome.measure];
        let mut waiting = Vec::new();
        for (condition, result) in measure.conditions.iter().zip(&outcome.conditions) {
            if result.is_some() {
                continue;
            }
            let tri = facts
                .eval(&condition.expr)
                .map_err(|e| engine_error(measure, e))?;
            if let Tri::Unknown(missing) = tri {
                let open = known.unsettled(&missing.facts().collect::<Vec<_>>());
                if open.is_empty() {
                    continue 'measures;
                }
                waiting.push((&condition.expr, open));
            }
        }
        out.push(Open { outcome, waiting });
    }
    Ok(out)
}

/// Facts without a default that undecided measures wait for, with their scores.
///
/// A fact scores the weight of the undecided measures it can change; between equals, the weight
/// of the open conditions it can settle on its own. Facts that only the amount or the claimable
/// date wait for count there once no condition is open, as a condition may still rule the
/// measure out.
fn needed(
    policy: &Policy,
    known: &Known,
    as_of: Date,
    open: &[Open],
) -> Result<Vec<(usize, Score)>, EngineError> {
    let mut scores = vec![(0u32, 0u32); policy.facts.len()];
    for Open { outcome, waiting } in open {
        let measure = &policy.measures[outcome.measure];
        let weight = weight(measure);
        for f in known.unsettled(&outcome.missing) {
            scores[f].0 += weight;
            if waiting.is_empty() {
                scores[f].1 += weight;
            }
        }
        for (expr, facts) in waiting {
            for &f in facts {
                for probe in probes(policy, f) {
                    let mut probed = known.facts(policy, as_of, None);
                    probed.values[f] = Some(probe);
                    let tri = probed.eval(expr).map_err(|e| engine_error(measure, e))?;
                    if matches!(tri, Tri::Known(_)) {
                        scores[f].1 += weight;
                        break;
                    }
                }
            }
        }
    }
    Ok(scores
        .into_iter()
        .enumerate()
        .filter(|(_, s)| s.0 > 0)
        .collect())
}

/// Facts still at their default whose change could decide a measure differently, with scores.
///
/// All of them are taken as unknown at once, so that a measure needing two of them together
/// (invited to a recruitment event *and* in an urgently needed field) waits for both: asking
/// only about facts that change a result alone would never reach it.
fn open_defaults(
    policy: &Policy,
    index: &Index,
    known: &Known,
    as_of: Date,
    subject: Subject,
) -> Result<Vec<(usize, Score)>, EngineError> {
    let open: Vec<usize> = (0..policy.facts.len())
        .filter(|&f| {
            policy.facts[f].default.is_some()
                && !known.settled[f]
                && !known.pending[f]
                && known.values[f].is_none()
                && !index.readers[f].is_empty()
        })
        .collect();
    let mut readers: Vec<usize> = open
        .iter()
        .flat_map(|&f| index.readers[f].iter().copied())
        .collect();
    readers.sort_unstable();
    readers.dedup();
    if readers.is_empty() {
        return Ok(Vec::new());
    }
    let mut facts = known.facts(policy, as_of, None);
    for &f in &open {
        facts.values[f] = None;
    }
    let outcomes = evaluate(&mut facts, subject, Some(&readers))?;
    let mut scores = vec![0u32; policy.facts.len()];
    for outcome in outcomes.iter().filter(|o| o.status == Status::NeedsInfo) {
        let weight = weight(&policy.measures[outcome.measure]);
        for &f in &outcome.missing {
            scores[f] += weight;
        }
    }
    Ok(open
        .into_iter()
        .filter(|&f| scores[f] > 0)
        .map(|f| (f, (scores[f], 0)))
        .collect())
}

/// The next question, or `None` when nothing left unknown can change a result.
pub fn next(
    policy: &Policy,
    index: &Index,
    known: &Known,
    as_of: Date,
) -> Result<Option<Question>, EngineError> {
    let Some(subject) = known.subject else {
        return Ok(Some(Question::Subject));
    };
    let mut facts = known.facts(policy, as_of, None);
    let outcomes = evaluate(&mut facts, subject, None)?;
    let open = open_measures(policy, known, &mut facts, &outcomes)?;
    if let Some(f) = best(&needed(policy, known, as_of, &open)?) {
        return Ok(Some(Question::Fact(f)));
    }
    let defaults = open_defaults(policy, index, known, as_of, subject)?;
    if defaults.is_empty() {
        Ok(None)
    } else if !known.screened {
        Ok(Some(Question::Checklist(
            defaults.into_iter().map(|(f, _)| f).collect(),
        )))
    } else {
        Ok(best(&defaults).map(Question::Fact))
    }
}

/// Adds to `out` the facts the branches of an `if` read while its condition is unknown: the
/// result waits for the condition alone, and may ask for them once it is answered.
fn behind_open_ifs(facts: &mut Facts, node: &Node, out: &mut Reads) -> Result<(), EvalError> {
    let policy = facts.policy;
    match node {
        Node::If(c, a, b) if eval(c, facts)?.known().is_none() => {
            out.walk(policy, a);
            out.walk(policy, b);
        }
        Node::Ref(Ref::Derived(d)) => behind_open_ifs(facts, &policy.derived[*d].expr.node, out)?,
        _ => {}
    }
    for child in node.children() {
        behind_open_ifs(facts, child, out)?;
    }
    Ok(())
}

/// An upper bound on the questions still to ask, this one included, if the usual cases hold.
///
/// An undecided measure can only ask for the facts it is missing now, for those its amount
/// table reads once the table's key is known, and for those behind an `if` whose condition is
/// still unknown.
pub fn remaining(
    policy: &Policy,
    index: &Index,
    known: &Known,
    as_of: Date,
) -> Result<usize, EngineError> {
    let subjects: Vec<Subject> = match known.subject {
        Some(s) => vec![s],
        None => Subject::ALL.iter().map(|(_, s)| *s).collect(),
    };
    let mut most = 0;
    for subject in subjects {
        let mut facts = known.facts(policy, as_of, None);
        let outcomes = evaluate(&mut facts, subject, None)?;
        let mut asks: Vec<usize> = Vec::new();
        for Open { outcome, .. } in open_measures(policy, known, &mut facts, &outcomes)? {
            let rows = match outcome.amount_trace {
                AmountTrace::None => index.row_facts[outcome.measure].as_slice(),
                _ => &[],
            };
            for f in known.unsettled(&outcome.missing) {
                if !asks.contains(&f) {
                    asks.push(f);
                }
            }
            let measure = outcome.version_of(policy);
            let mut behind = Reads::default();
            for node in measure.expressions() {
                behind_open_ifs(&mut facts, node, &mut behind)
                    .map_err(|e| engine_error(measure, e))?;
            }
            for &f in rows.iter().chain(&behind.facts) {
                let fact = &policy.facts[f];
                let askable = (fact.default.is_none() || known.pending[f])
                    && known.values[f].is_none()
                    && !known.settled[f];
                if askable && !asks.contains(&f) {
                    asks.push(f);
                }
            }
        }
        let defaults = open_defaults(policy, index, known, as_of, subject)?.len();
        let screening = match (known.screened, defaults) {
            (_, 0) => 0,
            (false, _) => 1,
            (true, n) => n,
        };
        most = most.max(asks.len() + screening);
    }
    Ok(most + usize::from(known.subject.is_none()))
}
