//! Evaluates checked expressions with three-valued logic: a value is known, or unknown for want of facts.

use super::value::{Arith, Compare, Function, Node, Ref, Value};
use crate::messages::Msg;
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// The facts an unknown result is waiting for, by fact index, without repeats: the first 128 as
/// bits (no allocation), any beyond in a sorted list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Missing {
    /// Two words rather than a `u128`, whose 16-byte alignment would make every result larger.
    low: [u64; 2],
    high: Vec<usize>,
}

impl Missing {
    pub fn one(fact: usize) -> Missing {
        let mut m = Missing::default();
        m.add(fact);
        m
    }

    fn add(&mut self, fact: usize) {
        if fact < 128 {
            self.low[fact / 64] |= 1u64 << (fact % 64);
        } else if let Err(at) = self.high.binary_search(&fact) {
            self.high.insert(at, fact);
        }
    }

    pub fn merge(mut self, other: Missing) -> Missing {
        self.low[0] |= other.low[0];
        self.low[1] |= other.low[1];
        for f in other.high {
            self.add(f);
        }
        self
    }

    /// Adds `other`'s facts to these.
    pub fn absorb(&mut self, other: Missing) {
        *self = std::mem::take(self).merge(other);
    }

    pub fn is_empty(&self) -> bool {
        self.low == [0, 0] && self.high.is_empty()
    }

    /// The facts, in index order.
    pub fn facts(&self) -> impl Iterator<Item = usize> + '_ {
        let mut low = self.low;
        std::iter::from_fn(move || {
            let word = low.iter().position(|w| *w != 0)?;
            let bit = low[word].trailing_zeros() as usize;
            low[word] &= low[word] - 1;
            Some(word * 64 + bit)
        })
        .chain(self.high.iter().copied())
    }
}

/// The result of evaluating an expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tri {
    Known(Value),
    Unknown(Missing),
}

impl Tri {
    pub fn known(&self) -> Option<&Value> {
        match self {
            Tri::Known(v) => Some(v),
            Tri::Unknown(_) => None,
        }
    }
}

/// Why an evaluation could not finish (the policy asked for something impossible).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError(pub Msg);

/// Where an evaluation gets the values of names from.
pub trait Env {
    fn get(&mut self, r: Ref) -> Result<Tri, EvalError>;

    /// The value of a name that is at hand (a fact, say, or a derived value already computed), by
    /// reference: `Some(None)` for an unknown fact, `None` when it must be computed with `get`.
    fn stored(&self, r: Ref) -> Option<Option<&Value>> {
        let _ = r;
        None
    }
}

/// A constant, or a name's stored value, seen without copying it.
enum Peek<'v> {
    Known(&'v Value),
    /// An unknown fact.
    Unknown(usize),
}

fn peek<'v, E: Env + ?Sized>(node: &'v Node, env: &'v E) -> Option<Peek<'v>> {
    match node {
        Node::Const(v) => Some(Peek::Known(v)),
        Node::Ref(r) => Some(match (env.stored(*r)?, r) {
            (Some(v), _) => Peek::Known(v),
            (None, Ref::Fact(i)) => Peek::Unknown(*i),
            (None, _) => return None,
        }),
        _ => None,
    }
}

pub fn eval<E: Env + ?Sized>(node: &Node, env: &mut E) -> Result<Tri, EvalError> {
    Ok(match node {
        Node::Const(v) => Tri::Known(v.clone()),
        Node::Ref(r) => env.get(*r)?,
        Node::Not(a) => match eval(a, env)? {
            Tri::Known(Value::Bool(b)) => Tri::Known(Value::Bool(!b)),
            other => other,
        },
        Node::Neg(a) => match eval(a, env)? {
            Tri::Known(Value::Number(n)) => Tri::Known(Value::Number(-n)),
            other => other,
        },
        Node::And(..) | Node::Or(..) => {
            let mut waiting = Missing::default();
            match eval_bool(node, env, &mut waiting).map_err(|e| *e)? {
                Some(holds) => Tri::Known(Value::Bool(holds)),
                None => Tri::Unknown(waiting),
            }
        }
        Node::Compare(op, a, b) => match compare_stored(*op, a, b, env) {
            Some(Ok(holds)) => Tri::Known(Value::Bool(holds)),
            Some(Err(facts)) => Tri::Unknown(facts),
            // One side must be evaluated: the other is still seen without copying it if it can be.
            None => {
                let a = eval(a, env)?;
                match (a, peek(b, env)) {
                    (Tri::Known(a), Some(Peek::Known(b))) => {
                        Tri::Known(Value::Bool(compare(*op, &a, b)))
                    }
                    (a, Some(Peek::Unknown(f))) => Tri::Unknown(missing(a).merge(Missing::one(f))),
                    (unknown @ Tri::Unknown(_), Some(Peek::Known(_))) => unknown,
                    (a, None) => match (a, eval(b, env)?) {
                        (Tri::Known(a), Tri::Known(b)) => {
                            Tri::Known(Value::Bool(compare(*op, &a, &b)))
                        }
                        (a, b) => Tri::Unknown(missing(a).merge(missing(b))),
                    },
                }
            }
        },
        Node::Arith(op, a, b) => {
            let (a, b) = both(a, b, env)?;
            match (a, b) {
                (Tri::Known(Value::Number(a)), Tri::Known(Value::Number(b))) => {
                    Tri::Known(Value::Number(arith(*op, a, b)?))
                }
                (a, b) => Tri::Unknown(missing(a).merge(missing(b))),
            }
        }
        Node::In {
            value,
            list,
            negated,
        } => match in_stored(value, list, *negated, env) {
            Some(Ok(holds)) => Tri::Known(Value::Bool(holds)),
            Some(Err(fact)) => Tri::Unknown(Missing::one(fact)),
            None => in_list(value, list, *negated, env)?,
        },
        // While the condition is unknown, so is the branch that counts: the result waits for
        // the condition alone (the facts of a branch matter only once it is chosen), unless
        // both branches come to the same value.
        Node::If(c, a, b) => match eval(c, env)? {
            Tri::Known(Value::Bool(true)) => eval(a, env)?,
            Tri::Known(_) => eval(b, env)?,
            Tri::Unknown(m) => match both(a, b, env)? {
                (Tri::Known(x), Tri::Known(y)) if x == y => Tri::Known(x),
                _ => Tri::Unknown(m),
            },
        },
        Node::Call(function, args) => call(*function, args, env)?,
    })
}

/// `value in [list]` (or `not in` when `negated`), evaluating what the list holds.
fn in_list<E: Env + ?Sized>(
    value: &Node,
    list: &[Node],
    negated: bool,
    env: &mut E,
) -> Result<Tri, EvalError> {
    Ok(match eval(value, env)? {
        Tri::Known(v) => {
            let mut unknown = Missing::default();
            let mut found = false;
            for item in list {
                if let Node::Const(item) = item {
                    found |= compare(Compare::Eq, &v, item);
                    continue;
                }
                match eval(item, env)? {
                    Tri::Known(item) if compare(Compare::Eq, &v, &item) => found = true,
                    Tri::Known(_) => {}
                    Tri::Unknown(m) => unknown = unknown.merge(m),
                }
            }
            if found || unknown.is_empty() {
                Tri::Known(Value::Bool(found != negated))
            } else {
                Tri::Unknown(unknown)
            }
        }
        unknown => unknown,
    })
}

/// A comparison of two constants or stored names (the usual case), without copying them: whether
/// it holds, or the unknown facts it waits for; `None` when either side must be evaluated.
fn compare_stored<E: Env + ?Sized>(
    op: Compare,
    a: &Node,
    b: &Node,
    env: &E,
) -> Option<Result<bool, Missing>> {
    Some(match (peek(a, env)?, peek(b, env)?) {
        (Peek::Known(a), Peek::Known(b)) => Ok(compare(op, a, b)),
        (Peek::Unknown(f), Peek::Known(_)) | (Peek::Known(_), Peek::Unknown(f)) => {
            Err(Missing::one(f))
        }
        (Peek::Unknown(f), Peek::Unknown(g)) => Err(Missing::one(f).merge(Missing::one(g))),
    })
}

/// `value in [constants]` with a constant or stored value, without copying it: whether it holds,
/// or the unknown fact it waits for; `None` when something must be evaluated.
fn in_stored<E: Env + ?Sized>(
    value: &Node,
    list: &[Node],
    negated: bool,
    env: &E,
) -> Option<Result<bool, usize>> {
    let value = match peek(value, env)? {
        Peek::Unknown(f) => return Some(Err(f)),
        Peek::Known(v) => v,
    };
    let mut found = false;
    for item in list {
        let Node::Const(item) = item else {
            return None;
        };
        found |= compare(Compare::Eq, value, item);
    }
    Some(Ok(found != negated))
}

/// Whether a boolean expression holds, as `eval` decides it, in a result small enough to return in
/// registers: `None` when unknown, in which case the facts it waits for are added to `missing`
/// (a known result adds nothing).
pub fn eval_bool<E: Env + ?Sized>(
    node: &Node,
    env: &mut E,
    missing: &mut Missing,
) -> Result<Option<bool>, Box<EvalError>> {
    Ok(match node {
        Node::Const(v) => v.as_bool(),
        Node::Ref(r) => match peek(node, env) {
            Some(Peek::Known(v)) => v.as_bool(),
            Some(Peek::Unknown(f)) => {
                missing.add(f);
                None
            }
            None => bool_of(env.get(*r)?, missing),
        },
        Node::Not(a) => eval_bool(a, env, missing)?.map(|b| !b),
        Node::And(a, b) => logic(a, b, false, env, missing)?,
        Node::Or(a, b) => logic(a, b, true, env, missing)?,
        Node::Compare(op, a, b) => match compare_stored(*op, a, b, env) {
            Some(Ok(holds)) => Some(holds),
            Some(Err(facts)) => {
                missing.absorb(facts);
                None
            }
            None => bool_of(eval(node, env)?, missing),
        },
        Node::In {
            value,
            list,
            negated,
        } => match in_stored(value, list, *negated, env) {
            Some(Ok(holds)) => Some(holds),
            Some(Err(fact)) => {
                missing.add(fact);
                None
            }
            None => bool_of(in_list(value, list, *negated, env)?, missing),
        },
        _ => bool_of(eval(node, env)?, missing),
    })
}

fn bool_of(t: Tri, missing: &mut Missing) -> Option<bool> {
    match t {
        Tri::Known(v) => v.as_bool(),
        Tri::Unknown(m) => {
            missing.absorb(m);
            None
        }
    }
}

fn missing(t: Tri) -> Missing {
    match t {
        Tri::Known(_) => Missing::default(),
        Tri::Unknown(m) => m,
    }
}

fn both<E: Env + ?Sized>(a: &Node, b: &Node, env: &mut E) -> Result<(Tri, Tri), EvalError> {
    Ok((eval(a, env)?, eval(b, env)?))
}

/// `and` (decider = false) and `or` (decider = true): a known decider on either side decides.
fn logic<E: Env + ?Sized>(
    a: &Node,
    b: &Node,
    decider: bool,
    env: &mut E,
    missing: &mut Missing,
) -> Result<Option<bool>, Box<EvalError>> {
    let mut waiting = Missing::default();
    let a = eval_bool(a, env, &mut waiting)?;
    if a == Some(decider) {
        return Ok(a);
    }
    let b = eval_bool(b, env, &mut waiting)?;
    Ok(match (a, b) {
        (_, Some(b)) if b == decider => Some(b),
        (Some(_), Some(_)) => Some(!decider),
        _ => {
            missing.absorb(waiting);
            None
        }
    })
}

fn compare(op: Compare, a: &Value, b: &Value) -> bool {
    let order = a.cmp(b);
    match op {
        Compare::Eq => order == Ordering::Equal,
        Compare::Ne => order != Ordering::Equal,
        Compare::Lt => order == Ordering::Less,
        Compare::Le => order != Ordering::Greater,
        Compare::Gt => order == Ordering::Greater,
        Compare::Ge => order != Ordering::Less,
    }
}

fn arith(op: Arith, a: Decimal, b: Decimal) -> Result<Decimal, EvalError> {
    let result = match op {
        Arith::Add => a.checked_add(b),
        Arith::Sub => a.checked_sub(b),
        Arith::Mul => a.checked_mul(b),
        Arith::Div => {
            if b.is_zero() {
                return Err(EvalError(Msg::division_by_zero(a)));
            }
            a.checked_div(b)
        }
    };
    result.ok_or_else(|| EvalError(Msg::number_out_of_range()))
}

fn call<E: Env + ?Sized>(function: Function, args: &[Node], env: &mut E) -> Result<Tri, EvalError> {
    // `min` and `max` keep the extreme so far; the other functions take two arguments (checked).
    let mut extreme: Option<Value> = None;
    let mut pair: [Option<Value>; 2] = [None, None];
    let mut unknown = Missing::default();
    let mut any_unknown = false;
    for (k, arg) in args.iter().enumerate() {
        match eval(arg, env)? {
            Tri::Known(v) => match function {
                Function::Min | Function::Max => {
                    extreme = Some(match extreme.take() {
                        Some(e) if function == Function::Min => e.min(v),
                        Some(e) => e.max(v),
                        None => v,
                    });
                }
                _ => {
                    if let Some(slot) = pair.get_mut(k) {
                        *slot = Some(v);
                    }
                }
            },
            Tri::Unknown(m) => {
                any_unknown = true;
                unknown = unknown.merge(m);
            }
        }
    }
    if any_unknown {
        return Ok(Tri::Unknown(unknown));
    }
    let argument = |k: usize| {
        pair[k]
            .as_ref()
            .ok_or_else(|| EvalError(Msg::argument_missing(k + 1)))
    };
    let date = |k: usize| {
        argument(k)?
            .as_date()
            .ok_or_else(|| EvalError(Msg::expected_a_date()))
    };
    let whole = |k: usize| {
        let v = argument(k)?;
        v.as_number()
            .filter(|n| n.fract().is_zero())
            .and_then(|n| i32::try_from(n.mantissa() / 10i128.pow(n.scale())).ok())
            .ok_or_else(|| EvalError(Msg::expected_whole_number(format!("{v:?}"))))
    };
    let value = match function {
        Function::Min | Function::Max => {
            extreme.ok_or_else(|| EvalError(Msg::min_max_need_values()))?
        }
        Function::YearsBetween => Value::Number(Decimal::from(years_between(date(0)?, date(1)?)?)),
        Function::AddYears => Value::Date(add_months(date(0)?, whole(1)?.saturating_mul(12))?),
        Function::AddMonths => Value::Date(add_months(date(0)?, whole(1)?)?),
    };
    Ok(Tri::Known(value))
}

/// The same day `months` months later, clamped to the month's last day (so 29 February + 12 months is 28 February).
pub fn add_months(date: Date, months: i32) -> Result<Date, EvalError> {
    let total = i64::from(date.year()) * 12 + i64::from(date.month() - 1) + i64::from(months);
    let year = i16::try_from(total.div_euclid(12))
        .ok()
        .filter(|y| (1..=9999).contains(y))
        .ok_or_else(|| EvalError(Msg::date_out_of_range(date, i64::from(months))))?;
    let month = (total.rem_euclid(12) + 1) as i8;
    let first = Date::new(year, month, 1).map_err(|e| EvalError(Msg::date_error(e.to_string())))?;
    Date::new(year, month, date.day().min(first.days_in_month()))
        .map_err(|e| EvalError(Msg::date_error(e.to_string())))
}

/// Whole years from `from` to `to`: the largest n with `add_years(from, n) <= to` (age in completed years).
pub fn years_between(from: Date, to: Date) -> Result<i32, EvalError> {
    let mut n = i32::from(to.year()) - i32::from(from.year());
    if n > 0 && add_months(from, n * 12)? > to {
        n -= 1;
    } else if n < 0 && add_months(from, n * 12)? < to {
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn completed_years() {
        let cases = [
            ("1990-07-01", "2026-06-30", 35),
            ("1990-07-01", "2026-07-01", 36),
            ("2000-02-29", "2021-02-28", 21),
            ("2000-02-29", "2021-02-27", 20),
            ("2000-02-29", "2024-02-29", 24),
            ("2000-02-29", "2024-02-28", 23),
            ("2024-07-01", "2024-07-01", 0),
            ("2026-07-01", "2024-07-01", -2),
            ("2026-07-01", "2024-07-02", -1),
        ];
        for (from, to, years) in cases {
            assert_eq!(
                years_between(d(from), d(to)).unwrap(),
                years,
                "{from} → {to}"
            );
        }
    }

    #[test]
    fn anniversaries() {
        let cases = [
            ("2024-07-01", 24, "2026-07-01"),
            ("2024-02-29", 12, "2025-02-28"),
            ("2024-02-29", 48, "2028-02-29"),
            ("2024-01-31", 1, "2024-02-29"),
            ("2024-03-31", -1, "2024-02-29"),
        ];
        for (from, months, to) in cases {
            assert_eq!(
                add_months(d(from), months).unwrap(),
                d(to),
                "{from} + {months}"
            );
        }
        assert!(add_months(d("9999-12-01"), 1).is_err());
    }
}
