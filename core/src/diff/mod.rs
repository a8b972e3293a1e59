//! What changed between two policies: facts, parameters, derived values and measures added,
//! removed or changed — conditions and amounts compared as written, period by period.

pub mod json;
pub mod text;

use crate::describe::names;
use crate::i18n::Lang;
use crate::lang::value::Value;
use crate::policy::{AmountRule, Measure, Period, Policy};
use indexmap::IndexMap;
use jiff::civil::Date;

/// One difference.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    /// `policy`, `fact`, `param`, `derived` or `measure`.
    pub item: &'static str,
    pub id: String,
    /// The days the difference concerns, for a measure whose versions differ by date.
    pub period: Option<String>,
    /// What differs (`amount`, `condition age` …); empty when the whole item was added or removed.
    pub aspect: String,
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Every difference from `old` to `new`.
pub fn diff(old: &Policy, new: &Policy) -> Vec<Difference> {
    let mut out = Vec::new();
    let header = |p: &Policy| -> IndexMap<String, String> {
        IndexMap::from([
            ("id".into(), p.id.clone()),
            ("document".into(), p.document.clone()),
            ("effective_from".into(), p.effective_from.to_string()),
            (
                "effective_until".into(),
                p.effective_until.map_or(String::new(), |d| d.to_string()),
            ),
            ("amount_decimals".into(), p.amount_decimals.to_string()),
        ])
    };
    compare("policy", "", None, &header(old), &header(new), &mut out);
    items(
        "fact",
        &keyed(
            old.facts
                .iter()
                .map(|f| (f.name.clone(), fact_aspects(old, f))),
        ),
        &keyed(
            new.facts
                .iter()
                .map(|f| (f.name.clone(), fact_aspects(new, f))),
        ),
        &mut out,
    );
    items(
        "param",
        &keyed(
            old.params
                .iter()
                .map(|p| (p.name.clone(), param_aspects(old, p))),
        ),
        &keyed(
            new.params
                .iter()
                .map(|p| (p.name.clone(), param_aspects(new, p))),
        ),
        &mut out,
    );
    items(
        "derived",
        &keyed(old.derived.iter().map(|d| {
            (
                d.name.clone(),
                IndexMap::from([("expr".to_string(), names(old, &d.expr.node))]),
            )
        })),
        &keyed(new.derived.iter().map(|d| {
            (
                d.name.clone(),
                IndexMap::from([("expr".to_string(), names(new, &d.expr.node))]),
            )
        })),
        &mut out,
    );
    for m in &old.measures {
        match new.measure_index(&m.id) {
            None => out.push(whole("measure", &m.id, "removed", Some(&m.name.en))),
            Some(i) => measure(old, m, new, &new.measures[i], &mut out),
        }
    }
    for m in &new.measures {
        if old.measure_index(&m.id).is_none() {
            out.push(whole("measure", &m.id, "added", Some(&m.name.en)));
        }
    }
    out
}

type Aspects = IndexMap<String, String>;

fn keyed(items: impl Iterator<Item = (String, Aspects)>) -> IndexMap<String, Aspects> {
    items.collect()
}

fn whole(item: &'static str, id: &str, change: &'static str, what: Option<&String>) -> Difference {
    let what = what.cloned();
    let (old, new) = match change {
        "added" => (None, what),
        _ => (what, None),
    };
    Difference {
        item,
        id: id.to_string(),
        period: None,
        aspect: String::new(),
        change,
        old,
        new,
    }
}

/// Items by name: added, removed, or changed aspect by aspect.
fn items(
    item: &'static str,
    old: &IndexMap<String, Aspects>,
    new: &IndexMap<String, Aspects>,
    out: &mut Vec<Difference>,
) {
    for (id, aspects) in old {
        match new.get(id) {
            None => out.push(whole(item, id, "removed", aspects.values().next())),
            Some(theirs) => compare(item, id, None, aspects, theirs, out),
        }
    }
    for (id, aspects) in new.iter().filter(|(id, _)| !old.contains_key(*id)) {
        out.push(whole(item, id, "added", aspects.values().next()));
    }
}

fn compare(
    item: &'static str,
    id: &str,
    period: Option<String>,
    old: &Aspects,
    new: &Aspects,
    out: &mut Vec<Difference>,
) {
    let mut push = |aspect: &str, change, old: Option<&String>, new: Option<&String>| {
        out.push(Difference {
            item,
            id: id.to_string(),
            period: period.clone(),
            aspect: aspect.to_string(),
            change,
            old: old.cloned(),
            new: new.cloned(),
        })
    };
    for (aspect, value) in old {
        match new.get(aspect) {
            None => push(aspect, "removed", Some(value), None),
            Some(v) if v != value => push(aspect, "changed", Some(value), Some(v)),
            Some(_) => {}
        }
    }
    for (aspect, value) in new {
        if !old.contains_key(aspect) {
            push(aspect, "added", None, Some(value));
        }
    }
}

fn show(value: &Value, policy: &Policy, ty: crate::lang::value::Type) -> String {
    match (value, ty) {
        (Value::Option(o), crate::lang::value::Type::Enum(id)) => policy.option(id, *o).id.clone(),
        (Value::Number(n), _) => n.normalize().to_string(),
        (Value::Text(t), _) => format!("{t:?}"),
        (Value::Bool(b), _) => b.to_string(),
        (Value::Date(d), _) => d.to_string(),
        (Value::Option(o), _) => o.to_string(),
    }
}

fn fact_aspects(policy: &Policy, f: &crate::policy::Fact) -> Aspects {
    let mut a = Aspects::new();
    a.insert("type".into(), crate::lang::checker::type_name(policy, f.ty));
    a.insert("subject".into(), f.subject.id().into());
    if let crate::lang::value::Type::Enum(id) = f.ty {
        let options: Vec<&str> = policy.enums[id]
            .options
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        a.insert("options".into(), options.join(", "));
    }
    if let Some(d) = &f.default {
        a.insert("default".into(), show(d, policy, f.ty));
    }
    a
}

fn param_aspects(policy: &Policy, p: &crate::policy::Param) -> Aspects {
    let mut a = Aspects::new();
    a.insert("value".into(), show(&p.value, policy, p.ty));
    for v in &p.versions {
        a.insert(
            format!("value {}", v.period.describe(Lang::En)),
            show(&v.value, policy, p.ty),
        );
    }
    if let Some(by) = &p.effective_by {
        a.insert("effective_by".into(), names(policy, &by.node));
    }
    a
}

fn measure_aspects(policy: &Policy, m: &Measure) -> Aspects {
    let mut a = Aspects::new();
    for (key, value) in [
        ("name", format!("{} / {}", m.name.zh, m.name.en)),
        ("clause", m.clause.clone()),
        ("kind", m.kind.id().into()),
        ("subject", m.subject.id().into()),
        ("beneficiary", m.beneficiary.id().into()),
    ] {
        a.insert(key.into(), value);
    }
    if let Some(origin) = &m.off {
        a.insert("off".into(), policy.cite(origin));
    }
    for c in &m.conditions {
        a.insert(format!("condition {}", c.id), names(policy, &c.expr.node));
    }
    match &m.amount {
        None => {}
        Some(AmountRule::Formula(e)) => {
            a.insert("amount".into(), names(policy, &e.node));
        }
        Some(AmountRule::Table { by, enum_id, rows }) => {
            a.insert("amount by".into(), policy.ref_name(*by).into());
            for row in rows {
                let options: Vec<&str> = row
                    .options
                    .iter()
                    .map(|&o| policy.option(*enum_id, o).id.as_str())
                    .collect();
                let mut key = format!("amount [{}]", options.join(", "));
                if let Some(when) = crate::describe::row_condition(row) {
                    key.push_str(&format!(" when {}", names(policy, when)));
                }
                if !row.period.is_always() {
                    key.push_str(&format!(" {}", row.period.describe(Lang::En)));
                }
                a.insert(key, names(policy, &row.value.node));
            }
        }
    }
    for (key, expr) in [
        ("amount_max", &m.amount_max),
        ("available_from", &m.available_from),
        ("effective_by", &m.effective_by),
    ] {
        if let Some(e) = expr {
            a.insert(key.into(), names(policy, &e.node));
        }
    }
    a
}

/// The version of `m` in force over the days starting at `day` (all days before the first date when `None`).
fn version_on(m: &Measure, day: Option<Date>, first: Option<Date>) -> Option<&Measure> {
    let probe = day.or_else(|| first.and_then(|f| f.yesterday().ok()));
    match probe {
        Some(d) => m.all_versions().find(|v| v.period.contains(d)),
        None => Some(m),
    }
}

/// Compares two measures over each stretch of days on which neither changes version.
fn measure(
    old_policy: &Policy,
    old: &Measure,
    new_policy: &Policy,
    new: &Measure,
    out: &mut Vec<Difference>,
) {
    let mut starts: Vec<Date> = Vec::new();
    for v in old.all_versions().chain(new.all_versions()) {
        starts.extend(v.period.from);
        starts.extend(v.period.until.and_then(|u| u.tomorrow().ok()));
    }
    starts.sort();
    starts.dedup();
    let first = starts.first().copied();
    let mut stretches: Vec<Option<Date>> = vec![None];
    stretches.extend(starts.iter().copied().map(Some));
    let several = stretches.len() > 1;
    for (k, start) in stretches.iter().enumerate() {
        let until = stretches
            .get(k + 1)
            .copied()
            .flatten()
            .and_then(|d| d.yesterday().ok());
        let period = several.then(|| Period::new(*start, until).describe(Lang::En));
        let before = version_on(old, *start, first);
        let after = version_on(new, *start, first);
        let aspects = |p: &Policy, v: Option<&Measure>| match v {
            Some(v) => measure_aspects(p, v),
            None => Aspects::from([("in force".to_string(), "no".to_string())]),
        };
        compare(
            "measure",
            &old.id,
            period,
            &aspects(old_policy, before),
            &aspects(new_policy, after),
            out,
        );
    }
}
