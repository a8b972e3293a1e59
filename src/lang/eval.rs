//! Evaluates checked expressions with three-valued logic: a value is known, or unknown for want of facts.

use super::value::{Arith, Compare, Function, Node, Ref, Value};
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
pub struct EvalError(pub String);

/// Where an evaluation gets the values of names from.
pub trait Env {
    fn get(&mut self, r: Ref) -> Result<Tri, EvalError>;

    /// The value of a name that needs no computing, by reference: `Some(None)` for an unknown
    /// fact, `None` when the name must be computed with `get`.
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
        Node::And(a, b) => logic(a, b, false, env)?,
        Node::Or(a, b) => logic(a, b, true, env)?,
        Node::Compare(op, a, b) => match compare_stored(*op, a, b, env) {
            Some(t) => t,
            None => match &**b {
                // Against a constant, without copying it.
                Node::Const(b) => match eval(a, env)? {
                    Tri::Known(a) => Tri::Known(Value::Bool(compare(*op, &a, b))),
                    unknown => unknown,
                },
                _ => match both(a, b, env)? {
                    (Tri::Known(a), Tri::Known(b)) => Tri::Known(Value::Bool(compare(*op, &a, &b))),
                    (a, b) => Tri::Unknown(missing(a).merge(missing(b))),
                },
            },
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
        } => match peek(value, env) {
            Some(Peek::Unknown(f)) => Tri::Unknown(Missing::one(f)),
            Some(Peek::Known(v)) if list.iter().all(|item| matches!(item, Node::Const(_))) => {
                let found = list
                    .iter()
                    .any(|item| matches!(item, Node::Const(item) if compare(Compare::Eq, v, item)));
                Tri::Known(Value::Bool(found != *negated))
            }
            _ => in_list(value, list, *negated, env)?,
        },
        Node::If(c, a, b) => match eval(c, env)? {
            Tri::Known(Value::Bool(true)) => eval(a, env)?,
            Tri::Known(_) => eval(b, env)?,
            Tri::Unknown(m) => match both(a, b, env)? {
                (Tri::Known(x), Tri::Known(y)) if x == y => Tri::Known(x),
                (x, y) => Tri::Unknown(m.merge(missing(x)).merge(missing(y))),
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

/// A comparison of two constants or stored names (the usual case), without copying them; `None`
/// when either side must be evaluated.
fn compare_stored<E: Env + ?Sized>(op: Compare, a: &Node, b: &Node, env: &E) -> Option<Tri> {
    Some(match (peek(a, env)?, peek(b, env)?) {
        (Peek::Known(a), Peek::Known(b)) => Tri::Known(Value::Bool(compare(op, a, b))),
        (Peek::Unknown(f), Peek::Known(_)) | (Peek::Known(_), Peek::Unknown(f)) => {
            Tri::Unknown(Missing::one(f))
        }
        (Peek::Unknown(f), Peek::Unknown(g)) => {
            Tri::Unknown(Missing::one(f).merge(Missing::one(g)))
        }
    })
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
) -> Result<Tri, EvalError> {
    let decides = |t: &Tri| matches!(t, Tri::Known(Value::Bool(v)) if *v == decider);
    let a = eval(a, env)?;
    if decides(&a) {
        return Ok(a);
    }
    let b = eval(b, env)?;
    Ok(match (a, b) {
        (_, b) if decides(&b) => b,
        (Tri::Known(_), Tri::Known(_)) => Tri::Known(Value::Bool(!decider)),
        (a, b) => Tri::Unknown(missing(a).merge(missing(b))),
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
                return Err(EvalError(format!("division by zero ({a} / 0)")));
            }
            a.checked_div(b)
        }
    };
    result.ok_or_else(|| EvalError("number out of range".into()))
}

fn call<E: Env + ?Sized>(function: Function, args: &[Node], env: &mut E) -> Result<Tri, EvalError> {
    let mut values = Vec::with_capacity(args.len());
    let mut unknown = Missing::default();
    let mut any_unknown = false;
    for arg in args {
        match eval(arg, env)? {
            Tri::Known(v) => values.push(v),
            Tri::Unknown(m) => {
                any_unknown = true;
                unknown = unknown.merge(m);
            }
        }
    }
    if any_unknown {
        return Ok(Tri::Unknown(unknown));
    }
    let date = |v: &Value| {
        v.as_date()
            .ok_or_else(|| EvalError("expected a date".into()))
    };
    let whole = |v: &Value| {
        v.as_number()
            .filter(|n| n.fract().is_zero())
            .and_then(|n| i32::try_from(n.mantissa() / 10i128.pow(n.scale())).ok())
            .ok_or_else(|| EvalError(format!("expected a whole number, found {v:?}")))
    };
    let value = match function {
        Function::Min => values
            .into_iter()
            .min()
            .expect("checked: at least one argument"),
        Function::Max => values
            .into_iter()
            .max()
            .expect("checked: at least one argument"),
        Function::YearsBetween => {
            let n = years_between(date(&values[0])?, date(&values[1])?)?;
            Value::Number(Decimal::from(n))
        }
        Function::AddYears => Value::Date(add_months(
            date(&values[0])?,
            whole(&values[1])?.saturating_mul(12),
        )?),
        Function::AddMonths => Value::Date(add_months(date(&values[0])?, whole(&values[1])?)?),
    };
    Ok(Tri::Known(value))
}

/// The same day `months` months later, clamped to the month's last day (so 29 February + 12 months is 28 February).
pub fn add_months(date: Date, months: i32) -> Result<Date, EvalError> {
    let total = i64::from(date.year()) * 12 + i64::from(date.month() - 1) + i64::from(months);
    let year = i16::try_from(total.div_euclid(12))
        .ok()
        .filter(|y| (1..=9999).contains(y))
        .ok_or_else(|| EvalError(format!("date out of range: {date} plus {months} months")))?;
    let month = (total.rem_euclid(12) + 1) as i8;
    let first = Date::new(year, month, 1).map_err(|e| EvalError(e.to_string()))?;
    Date::new(year, month, date.day().min(first.days_in_month()))
        .map_err(|e| EvalError(e.to_string()))
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
