//! The amounts a measure can still reach while some facts are unknown: a lowest and a highest sum.

use crate::engine::{round_amount, Facts, Outcome};
use crate::lang::eval::{eval_bool, EvalError, Missing, Tri};
use crate::lang::value::{Arith, Function, Node, Ref, Value};
use crate::policy::{AmountRule, Measure};
use rust_decimal::Decimal;

/// How deep derived values are followed; the loader has already refused cycles.
const MAX_DEPTH: usize = 32;

/// A closed interval of money; `None` is an open end (no bound known).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
}

impl Range {
    const OPEN: Range = Range {
        low: None,
        high: None,
    };

    fn point(value: Decimal) -> Range {
        Range {
            low: Some(value),
            high: Some(value),
        }
    }

    /// The smallest range holding both.
    fn union(self, other: Range) -> Range {
        Range {
            low: both(self.low, other.low, Decimal::min),
            high: both(self.high, other.high, Decimal::max),
        }
    }
}

/// `f(a, b)` when both ends are known, else open.
fn both(
    a: Option<Decimal>,
    b: Option<Decimal>,
    f: fn(Decimal, Decimal) -> Decimal,
) -> Option<Decimal> {
    Some(f(a?, b?))
}

/// `f(a, b)` over the known ends; open only when neither is known.
fn either(
    a: Option<Decimal>,
    b: Option<Decimal>,
    f: fn(Decimal, Decimal) -> Decimal,
) -> Option<Decimal> {
    match (a, b) {
        (Some(a), Some(b)) => Some(f(a, b)),
        (a, b) => a.or(b),
    }
}

/// The amounts a `needs_info` outcome whose amount is unknown can still come to, from the
/// amount rule as far as the known facts allow and capped by a known maximum. `None` when no
/// upper bound can be found (an unbounded formula) or the amount is already known.
pub fn amount_range(facts: &mut Facts, outcome: &Outcome) -> Result<Option<Range>, EvalError> {
    if outcome.amount.is_some() {
        return Ok(None);
    }
    let Some(range) = rule_range(facts, outcome.version_of(facts.policy))? else {
        return Ok(None);
    };
    let high = either(range.high, outcome.amount_max, Decimal::min);
    let Some(high) = high else {
        return Ok(None);
    };
    let low = range.low.map(|l| l.min(high));
    // Amounts are paid rounded: so are the ends of what they can come to.
    let paid = |a: Decimal| round_amount(facts.policy, a);
    Ok(Some(Range {
        low: low.map(paid),
        high: Some(paid(high)),
    }))
}

/// The lowest amount a measure's rule can come to given the known facts, if one can be found.
pub fn lowest_amount(facts: &mut Facts, measure: &Measure) -> Result<Option<Decimal>, EvalError> {
    Ok(rule_range(facts, measure)?
        .and_then(|r| r.low)
        .map(|low| round_amount(facts.policy, low)))
}

/// The amounts a measure's rule can come to given the known facts; `None` without a rule or
/// when no row of its table can match.
fn rule_range(facts: &mut Facts, measure: &Measure) -> Result<Option<Range>, EvalError> {
    Ok(Some(match &measure.amount {
        None => return Ok(None),
        Some(AmountRule::Formula(expr)) => bound(facts, &expr.node, 0)?,
        Some(AmountRule::Table { by, rows, .. }) => {
            let key = match facts.value_of(*by)? {
                Tri::Known(Value::Option(key)) => Some(key),
                _ => None,
            };
            // An unknown key that can only be one of a few options rules out the other rows.
            let choices = match by {
                Ref::Fact(f) if key.is_none() => facts.choices_of(*f).map(<[usize]>::to_vec),
                _ => None,
            };
            let mut range: Option<Range> = None;
            for row in rows {
                if key.is_some_and(|k| !row.options.contains(&k)) {
                    continue;
                }
                if choices
                    .as_ref()
                    .is_some_and(|c| !row.options.iter().any(|o| c.contains(o)))
                {
                    continue;
                }
                if let Some(when) = &row.when {
                    let mut missing = Missing::default();
                    if eval_bool(&when.node, facts, &mut missing).map_err(|e| *e)? == Some(false) {
                        continue;
                    }
                }
                let value = bound(facts, &row.value.node, 0)?;
                range = Some(range.map_or(value, |r| r.union(value)));
            }
            match range {
                Some(r) => r,
                None => return Ok(None),
            }
        }
    }))
}

/// The values a numeric expression can take given the known facts (unknown facts: any value).
fn bound(facts: &mut Facts, node: &Node, depth: usize) -> Result<Range, EvalError> {
    if let Tri::Known(Value::Number(n)) = crate::lang::eval::eval(node, facts)? {
        return Ok(Range::point(n));
    }
    if depth > MAX_DEPTH {
        return Ok(Range::OPEN);
    }
    let depth = depth + 1;
    Ok(match node {
        Node::Ref(Ref::Derived(i)) => {
            let expr = &facts.policy.derived[*i].expr.node;
            bound(facts, expr, depth)?
        }
        Node::Call(f @ (Function::Min | Function::Max), args) => {
            let mut ranges = Vec::with_capacity(args.len());
            for arg in args {
                ranges.push(bound(facts, arg, depth)?);
            }
            let Some(first) = ranges.first().copied() else {
                return Ok(Range::OPEN);
            };
            ranges.iter().skip(1).fold(first, |acc, r| match f {
                // The least of several: at most the least known ceiling.
                Function::Min => Range {
                    low: both(acc.low, r.low, Decimal::min),
                    high: either(acc.high, r.high, Decimal::min),
                },
                _ => Range {
                    low: either(acc.low, r.low, Decimal::max),
                    high: both(acc.high, r.high, Decimal::max),
                },
            })
        }
        Node::Arith(Arith::Add, a, b) => {
            let (a, b) = (bound(facts, a, depth)?, bound(facts, b, depth)?);
            Range {
                low: checked(a.low, b.low, Decimal::checked_add),
                high: checked(a.high, b.high, Decimal::checked_add),
            }
        }
        Node::Arith(Arith::Mul, a, b) => {
            let (a, b) = (bound(facts, a, depth)?, bound(facts, b, depth)?);
            // Only products of amounts never below zero keep their ends.
            let non_negative = |r: Range| r.low.is_some_and(|l| l >= Decimal::ZERO);
            if non_negative(a) && non_negative(b) {
                Range {
                    low: checked(a.low, b.low, Decimal::checked_mul),
                    high: checked(a.high, b.high, Decimal::checked_mul),
                }
            } else {
                Range::OPEN
            }
        }
        Node::If(c, a, b) => match crate::lang::eval::eval(c, facts)? {
            Tri::Known(Value::Bool(true)) => bound(facts, a, depth)?,
            Tri::Known(Value::Bool(false)) => bound(facts, b, depth)?,
            _ => bound(facts, a, depth)?.union(bound(facts, b, depth)?),
        },
        _ => Range::OPEN,
    })
}

fn checked(
    a: Option<Decimal>,
    b: Option<Decimal>,
    f: fn(Decimal, Decimal) -> Option<Decimal>,
) -> Option<Decimal> {
    f(a?, b?)
}
