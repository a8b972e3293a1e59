//! What changed between two policies: facts, parameters, derived values and measures added,
//! removed or changed — conditions and amounts compared as written, period by period.

pub mod json;
pub mod text;

use crate::describe::names;
use crate::i18n::Lang;
use crate::lang::value::Value;
use crate::messages::Msg;
use crate::policy::{AmountRule, Measure, Period, Policy};
use indexmap::IndexMap;
use jiff::civil::Date;
use serde::Serializer;

/// One difference. Its words are shown in the reader's language; JSON has them in English.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    /// `policy`, `fact`, `param`, `derived` or `measure`.
    pub item: &'static str,
    pub id: String,
    /// The days the difference concerns, for a measure whose versions differ by date.
    #[serde(serialize_with = "period_in_english")]
    pub period: Option<Period>,
    /// What differs (`amount`, `condition age` …); none when the whole item was added or removed.
    #[serde(serialize_with = "in_english")]
    pub aspect: Option<Msg>,
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    #[serde(serialize_with = "optional_in_english")]
    pub old: Option<Msg>,
    #[serde(serialize_with = "optional_in_english")]
    pub new: Option<Msg>,
}

fn in_english<S: Serializer>(message: &Option<Msg>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&message.as_ref().map(Msg::to_string).unwrap_or_default())
}

fn optional_in_english<S: Serializer>(message: &Option<Msg>, s: S) -> Result<S::Ok, S::Error> {
    match message {
        Some(m) => s.serialize_some(&m.to_string()),
        None => s.serialize_none(),
    }
}

fn period_in_english<S: Serializer>(period: &Option<Period>, s: S) -> Result<S::Ok, S::Error> {
    match period {
        Some(p) => s.serialize_some(&p.describe(Lang::En)),
        None => s.serialize_none(),
    }
}

/// Every difference from `old` to `new`.
pub fn diff(old: &Policy, new: &Policy) -> Vec<Difference> {
    let mut out = Vec::new();
    let header = |p: &Policy| -> Aspects {
        let mut a = Aspects::new();
        put(&mut a, Msg::verbatim("id"), &p.id);
        put(&mut a, Msg::verbatim("document"), &p.document);
        put(&mut a, Msg::verbatim("effective_from"), p.effective_from);
        put(
            &mut a,
            Msg::verbatim("effective_until"),
            p.effective_until.map_or(String::new(), |d| d.to_string()),
        );
        put(&mut a, Msg::verbatim("amount_decimals"), p.amount_decimals);
        a
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
        &keyed(
            old.derived
                .iter()
                .map(|d| (d.name.clone(), expr_aspect(old, d))),
        ),
        &keyed(
            new.derived
                .iter()
                .map(|d| (d.name.clone(), expr_aspect(new, d))),
        ),
        &mut out,
    );
    for m in &old.measures {
        match new.measure_index(&m.id) {
            None => out.push(whole(
                "measure",
                &m.id,
                "removed",
                Some(Msg::verbatim(&m.name)),
            )),
            Some(i) => measure(old, m, new, &new.measures[i], &mut out),
        }
    }
    for m in &new.measures {
        if old.measure_index(&m.id).is_none() {
            out.push(whole(
                "measure",
                &m.id,
                "added",
                Some(Msg::verbatim(&m.name)),
            ));
        }
    }
    out
}

/// An item's aspects, by their English words: what each is called, and its value.
type Aspects = IndexMap<String, (Msg, Msg)>;

fn put(aspects: &mut Aspects, label: Msg, value: impl ToString) {
    aspects.insert(label.to_string(), (label, Msg::verbatim(value.to_string())));
}

fn keyed(items: impl Iterator<Item = (String, Aspects)>) -> IndexMap<String, Aspects> {
    items.collect()
}

fn expr_aspect(policy: &Policy, d: &crate::policy::Derived) -> Aspects {
    let mut a = Aspects::new();
    put(&mut a, Msg::verbatim("expr"), names(policy, &d.expr.node));
    a
}

fn whole(item: &'static str, id: &str, change: &'static str, what: Option<Msg>) -> Difference {
    let (old, new) = match change {
        "added" => (None, what),
        _ => (what, None),
    };
    Difference {
        item,
        id: id.to_string(),
        period: None,
        aspect: None,
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
            None => out.push(whole(item, id, "removed", first_value(aspects))),
            Some(theirs) => compare(item, id, None, aspects, theirs, out),
        }
    }
    for (id, aspects) in new.iter().filter(|(id, _)| !old.contains_key(*id)) {
        out.push(whole(item, id, "added", first_value(aspects)));
    }
}

fn first_value(aspects: &Aspects) -> Option<Msg> {
    aspects.values().next().map(|(_, value)| value.clone())
}

fn compare(
    item: &'static str,
    id: &str,
    period: Option<Period>,
    old: &Aspects,
    new: &Aspects,
    out: &mut Vec<Difference>,
) {
    let mut push = |aspect: &Msg, change, old: Option<&Msg>, new: Option<&Msg>| {
        out.push(Difference {
            item,
            id: id.to_string(),
            period,
            aspect: Some(aspect.clone()),
            change,
            old: old.cloned(),
            new: new.cloned(),
        })
    };
    for (key, (aspect, value)) in old {
        match new.get(key) {
            None => push(aspect, "removed", Some(value), None),
            Some((_, v)) if v != value => push(aspect, "changed", Some(value), Some(v)),
            Some(_) => {}
        }
    }
    for (key, (aspect, value)) in new {
        if !old.contains_key(key) {
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
    a.insert(
        "type".into(),
        (
            Msg::verbatim("type"),
            crate::lang::checker::type_name(policy, f.ty),
        ),
    );
    put(&mut a, Msg::verbatim("subject"), f.subject.id());
    if let crate::lang::value::Type::Enum(id) = f.ty {
        let options: Vec<&str> = policy.enums[id]
            .options
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        put(&mut a, Msg::verbatim("options"), options.join(", "));
    }
    if let Some(d) = &f.default {
        put(&mut a, Msg::verbatim("default"), show(d, policy, f.ty));
    }
    a
}

fn param_aspects(policy: &Policy, p: &crate::policy::Param) -> Aspects {
    let mut a = Aspects::new();
    put(&mut a, Msg::verbatim("value"), show(&p.value, policy, p.ty));
    for v in &p.versions {
        put(
            &mut a,
            Msg::aspect_dated_value(v.period.message()),
            show(&v.value, policy, p.ty),
        );
    }
    if let Some(by) = &p.effective_by {
        put(
            &mut a,
            Msg::verbatim("effective_by"),
            names(policy, &by.node),
        );
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
        put(&mut a, Msg::verbatim(key), value);
    }
    if let Some(origin) = &m.off {
        put(&mut a, Msg::verbatim("off"), policy.cite(origin));
    }
    for c in &m.conditions {
        put(
            &mut a,
            Msg::aspect_condition(&c.id),
            names(policy, &c.expr.node),
        );
    }
    match &m.amount {
        None => {}
        Some(AmountRule::Formula(e)) => {
            put(&mut a, Msg::verbatim("amount"), names(policy, &e.node));
        }
        Some(AmountRule::Table { by, enum_id, rows }) => {
            put(&mut a, Msg::aspect_amount_by(), policy.ref_name(*by));
            for row in rows {
                let options: Vec<&str> = row
                    .options
                    .iter()
                    .map(|&o| policy.option(*enum_id, o).id.as_str())
                    .collect();
                let when = crate::describe::row_condition(row)
                    .map(|when| Msg::aspect_when(names(policy, when)));
                let period = row.period.message().map(Msg::aspect_period);
                let key = Msg::aspect_row(options.join(", "), when, period);
                put(&mut a, key, names(policy, &row.value.node));
            }
        }
    }
    for (key, expr) in [
        ("amount_max", &m.amount_max),
        ("available_from", &m.available_from),
        ("effective_by", &m.effective_by),
    ] {
        if let Some(e) = expr {
            put(&mut a, Msg::verbatim(key), names(policy, &e.node));
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
        let period = several.then(|| Period::new(*start, until));
        let before = version_on(old, *start, first);
        let after = version_on(new, *start, first);
        let aspects = |p: &Policy, v: Option<&Measure>| match v {
            Some(v) => measure_aspects(p, v),
            None => {
                let label = Msg::aspect_in_force();
                Aspects::from([(label.to_string(), (label, Msg::no()))])
            }
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
