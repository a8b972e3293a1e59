//! Decides questions like "can this condition ever be true?" by trying, for every name an expression
//! reads, each value that can make a difference: every option of an enum, both booleans, and numbers
//! and dates on each side of (and at) every constant they are compared with.

use crate::lang::eval::{eval, Env, EvalError, Tri};
use crate::lang::value::{Node, Ref, Type, Value};
use crate::messages::Msg;
use crate::policy::Policy;
use jiff::civil::Date;
use rust_decimal::Decimal;

/// Most combinations of values tried before giving up (and saying nothing).
const LIMIT: usize = 200_000;

/// Whether some values of the names `nodes` read (with `fixed` ones held) make `goal` true of their
/// results; `None` when there are too many combinations to try them all.
///
/// Without `known()` the logic is monotone: an unknown value never decides anything that a known
/// one could not, so only known values are tried. Derived values are taken as free names.
pub fn exists(
    policy: &Policy,
    nodes: &[&Node],
    fixed: &[(Ref, Value)],
    goal: impl Fn(&[Tri]) -> bool,
) -> Option<bool> {
    let mut names: Vec<Ref> = Vec::new();
    for node in nodes {
        for r in node.refs() {
            if !names.contains(&r) && !fixed.iter().any(|(f, _)| *f == r) && is_free(policy, r) {
                names.push(r);
            }
        }
    }
    let candidates: Vec<Vec<Value>> = names
        .iter()
        .map(|&r| candidates(policy, r, nodes))
        .collect();
    let total = candidates
        .iter()
        .try_fold(1usize, |n, c| n.checked_mul(c.len().max(1)))?;
    if total > LIMIT {
        return None;
    }
    let mut env = Assignment {
        policy,
        values: fixed.to_vec(),
    };
    let mut at = vec![0usize; names.len()];
    loop {
        env.values.truncate(fixed.len());
        for (i, &r) in names.iter().enumerate() {
            if let Some(v) = candidates[i].get(at[i]) {
                env.values.push((r, v.clone()));
            }
        }
        let results: Result<Vec<Tri>, EvalError> =
            nodes.iter().map(|n| eval(n, &mut env)).collect();
        if results.is_ok_and(|r| goal(&r)) {
            return Some(true);
        }
        // Next combination, like an odometer.
        let mut i = 0;
        loop {
            if i == names.len() {
                return Some(false);
            }
            at[i] += 1;
            if at[i] < candidates[i].len() {
                break;
            }
            at[i] = 0;
            i += 1;
        }
    }
}

/// A name whose value varies: facts, derived values, the as-of date, and dated parameters.
fn is_free(policy: &Policy, r: Ref) -> bool {
    match r {
        Ref::Param(i) => !policy.params[i].versions.is_empty(),
        _ => true,
    }
}

/// Values of `r` worth trying.
fn candidates(policy: &Policy, r: Ref, nodes: &[&Node]) -> Vec<Value> {
    if let Ref::Param(i) = r {
        let p = &policy.params[i];
        let mut values = vec![p.value.clone()];
        values.extend(p.versions.iter().map(|v| v.value.clone()));
        return values;
    }
    match policy.ref_type(r) {
        Type::Bool => vec![Value::Bool(true), Value::Bool(false)],
        Type::Enum(id) => (0..policy.enums[id].options.len())
            .map(Value::Option)
            .collect(),
        Type::Text => {
            let mut values = vec![Value::Text("".into())];
            values.extend(compared(policy, r, nodes));
            values
        }
        Type::Number | Type::Money => {
            let mut points: Vec<Decimal> = compared(policy, r, nodes)
                .iter()
                .filter_map(Value::as_number)
                .collect();
            if points.is_empty() {
                return [-1, 0, 1, 2, 10, 100, 1_000_000]
                    .map(|n| Value::Number(Decimal::from(n)))
                    .to_vec();
            }
            points.sort();
            points.dedup();
            around(
                &points,
                |a, b| (a + b) / Decimal::TWO,
                |a, d| a + Decimal::from(d),
            )
            .into_iter()
            .map(Value::Number)
            .collect()
        }
        Type::Date => {
            let mut points: Vec<Date> = compared(policy, r, nodes)
                .iter()
                .filter_map(Value::as_date)
                .collect();
            if points.is_empty() {
                return [
                    "1960-01-01",
                    "1990-06-15",
                    "2021-04-09",
                    "2024-07-01",
                    "2040-01-01",
                ]
                .iter()
                .filter_map(|d| d.parse().ok())
                .map(Value::Date)
                .collect();
            }
            points.sort();
            points.dedup();
            let middle = |a: Date, b: Date| {
                let days = a.until(b).map_or(0, |span| span.get_days()) / 2;
                a.checked_add(jiff::Span::new().days(days)).unwrap_or(a)
            };
            let step = |a: Date, d: i64| a.checked_add(jiff::Span::new().days(d)).unwrap_or(a);
            around(&points, middle, step)
                .into_iter()
                .map(Value::Date)
                .collect()
        }
    }
}

/// Every point, the middle of each gap, and one step beyond each end.
fn around<T: Copy>(points: &[T], middle: impl Fn(T, T) -> T, step: impl Fn(T, i64) -> T) -> Vec<T> {
    let mut out = Vec::new();
    if let Some(&first) = points.first() {
        out.push(step(first, -1));
    }
    for (i, &p) in points.iter().enumerate() {
        out.push(p);
        if let Some(&next) = points.get(i + 1) {
            out.push(middle(p, next));
        }
    }
    if let Some(&last) = points.last() {
        out.push(step(last, 1));
    }
    out
}

/// The constants `r` is compared with (`==`, `<`, `in` …) anywhere in `nodes`.
fn compared(policy: &Policy, r: Ref, nodes: &[&Node]) -> Vec<Value> {
    let mut out = Vec::new();
    for node in nodes {
        collect(policy, r, node, &mut out);
    }
    out
}

fn collect(policy: &Policy, r: Ref, node: &Node, out: &mut Vec<Value>) {
    match node {
        Node::Compare(_, a, b) => {
            for (x, y) in [(a, b), (b, a)] {
                if **x == Node::Ref(r) {
                    out.extend(constant(policy, y));
                }
            }
            collect(policy, r, a, out);
            collect(policy, r, b, out);
        }
        Node::In { value, list, .. } => {
            if **value == Node::Ref(r) {
                out.extend(list.iter().filter_map(|n| constant(policy, n)));
            }
            collect(policy, r, value, out);
            list.iter().for_each(|n| collect(policy, r, n, out));
        }
        Node::Not(a) | Node::Neg(a) => collect(policy, r, a, out),
        Node::And(a, b) | Node::Or(a, b) | Node::Arith(_, a, b) => {
            collect(policy, r, a, out);
            collect(policy, r, b, out);
        }
        Node::If(c, a, b) => {
            collect(policy, r, c, out);
            collect(policy, r, a, out);
            collect(policy, r, b, out);
        }
        Node::Call(_, args) => args.iter().for_each(|n| collect(policy, r, n, out)),
        Node::Const(_) | Node::Ref(_) => {}
    }
}

/// The value of `node` when it reads only constants and undated parameters.
fn constant(policy: &Policy, node: &Node) -> Option<Value> {
    struct Constants<'a>(&'a Policy);
    impl Env for Constants<'_> {
        fn get(&mut self, r: Ref) -> Result<Tri, EvalError> {
            match r {
                Ref::Param(i) if self.0.params[i].versions.is_empty() => {
                    Ok(Tri::Known(self.0.params[i].value.clone()))
                }
                _ => Err(EvalError(Msg::expected_constant())),
            }
        }
    }
    match eval(node, &mut Constants(policy)) {
        Ok(Tri::Known(v)) => Some(v),
        _ => None,
    }
}

/// Values for the names of one combination.
struct Assignment<'a> {
    policy: &'a Policy,
    values: Vec<(Ref, Value)>,
}

impl Env for Assignment<'_> {
    fn get(&mut self, r: Ref) -> Result<Tri, EvalError> {
        if let Some((_, v)) = self.values.iter().find(|(x, _)| *x == r) {
            return Ok(Tri::Known(v.clone()));
        }
        match r {
            Ref::Param(i) => Ok(Tri::Known(self.policy.params[i].value.clone())),
            _ => Err(EvalError(Msg::no_value_for(format!("{r:?}")))),
        }
    }
}

/// `true` when `t` is known to be `b`.
pub fn is(t: &Tri, b: bool) -> bool {
    *t == Tri::Known(Value::Bool(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Source;
    use crate::lang::compile;

    const POLICY: &str = r#"
[policy]
id = "t"
document = "T"
title = { zh = "测试", en = "test" }
issued = 2021-04-09
effective_from = 2021-04-09

[facts.years]
type = "number"
subject = "person"
label = { zh = "年数", en = "years" }
question = { zh = "？", en = "?" }

[facts.start]
type = "date"
subject = "person"
label = { zh = "开始", en = "start" }
question = { zh = "？", en = "?" }

[facts.end]
type = "date"
subject = "person"
label = { zh = "结束", en = "end" }
question = { zh = "？", en = "?" }
"#;

    #[test]
    fn finds_values_between_close_bounds_and_rejects_contradictions() {
        let policy = crate::policy::load(Source::new("t.toml", POLICY)).unwrap();
        let cases = [
            ("years > 3 and years < 3.5", true),
            ("years >= 3.5 and years <= 3.5", true),
            ("years > 3.5 and years < 3", false),
            ("start > 2024-01-01 and start < 2024-01-03", true),
            ("start > 2024-01-01 and start < 2024-01-02", false),
            ("end > add_years(start, 2)", true),
            ("end > start and start > end", false),
            ("false or years < 0", true),
        ];
        for (text, satisfiable) in cases {
            let source = Source::new("e", text);
            let expr = compile(&policy, &source, text, 0, Type::Bool).unwrap();
            let found = exists(&policy, &[&expr.node], &[], |r| is(&r[0], true));
            assert_eq!(found, Some(satisfiable), "{text}");
        }
    }
}
