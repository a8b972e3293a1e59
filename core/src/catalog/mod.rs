//! The policy catalog: every measure with its clause, kind, who it is for, amount rule and conditions, in words.

pub mod json;

use crate::describe::amount_words;
use crate::i18n::Lang;
use crate::lang::value::{Node, Ref};
use crate::messages::Msg;
use crate::policy::{AmountRule, Beneficiary, Kind, Measure, Origin, Policy, Subject};
use jiff::civil::Date;

/// One measure as the catalog lists it, every text in the reader's language.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Entry {
    pub id: String,
    pub area: String,
    pub name: String,
    pub clause: String,
    pub kind: Kind,
    pub subject: Subject,
    pub beneficiary: Beneficiary,
    /// The amount rule in words, one line per part.
    pub amount: Vec<String>,
    /// The conditions in words; all must hold.
    pub conditions: Vec<String>,
    /// Whether the listed version is in force on the catalog's date.
    pub in_force: bool,
    /// When the listed version is in force, in words (empty: whenever the policy is).
    pub period: String,
    /// The file that declares the measure, and the files its amount comes from: the rule, then
    /// overlays that changed it or its parameters.
    #[serde(flatten)]
    pub origins: Origins,
}

/// The files a measure and its amount come from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Origins {
    pub source_file: String,
    pub amount_source_files: Vec<String>,
}

impl Origins {
    pub fn of(policy: &Policy, measure: &Measure, as_of: Date) -> Origins {
        let mut files: Vec<String> = Vec::new();
        for origin in amount_sources(policy, measure, as_of) {
            let file = policy.file_name(origin.file).to_string();
            if !files.contains(&file) {
                files.push(file);
            }
        }
        Origins {
            source_file: policy.file_name(measure.origin.file).to_string(),
            amount_source_files: files,
        }
    }
}

/// Which measures to list.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub area: Option<String>,
    pub beneficiary: Option<Beneficiary>,
}

/// The catalog on `as_of`: each measure in the version in force then.
pub fn entries(policy: &Policy, lang: Lang, as_of: Date, filter: &Filter) -> Vec<Entry> {
    policy
        .measures
        .iter()
        .filter(|m| filter.area.as_ref().map_or(true, |a| &m.area == a))
        .map(|m| {
            // A measure dated by a profile's date is listed as in force whenever the policy is.
            let (k, in_force) = m.version_at(as_of);
            let in_force = in_force || m.effective_by.is_some();
            (m.version(k), in_force && policy.period().contains(as_of))
        })
        .filter(|(m, _)| filter.beneficiary.map_or(true, |b| m.beneficiary == b))
        .map(|(m, in_force)| Entry {
            id: m.id.clone(),
            area: m.area.clone(),
            name: m.name.get(lang).to_string(),
            clause: m.clause.clone(),
            kind: m.kind,
            subject: m.subject,
            beneficiary: m.beneficiary,
            amount: amount_words(policy, m, lang),
            conditions: m
                .conditions
                .iter()
                .map(|c| c.text.get(lang).to_string())
                .collect(),
            in_force,
            period: crate::describe::period_words(policy, m, lang),
            origins: Origins::of(policy, m, as_of),
        })
        .collect()
}

/// Where a measure's amount comes from on `as_of`: the rule's origins, then those of the
/// parameters it reads (through derived values too).
pub fn amount_sources(policy: &Policy, measure: &Measure, as_of: Date) -> Vec<Origin> {
    let mut out = measure.amount_origins.clone();
    let mut nodes: Vec<&Node> = Vec::new();
    match &measure.amount {
        Some(AmountRule::Formula(e)) => nodes.push(&e.node),
        Some(AmountRule::Table { rows, .. }) => {
            for row in rows {
                nodes.push(&row.value.node);
                nodes.extend(row.when.as_ref().map(|w| &w.node));
            }
        }
        None => {}
    }
    nodes.extend(measure.amount_max.as_ref().map(|e| &e.node));
    let mut seen = Vec::new();
    while let Some(node) = nodes.pop() {
        for r in node.refs() {
            if seen.contains(&r) {
                continue;
            }
            seen.push(r);
            match r {
                Ref::Param(i) => {
                    let p = &policy.params[i];
                    let origin = p.version_at(as_of).map_or(p.origin(), |v| v.origin.clone());
                    if !out.contains(&origin) {
                        out.push(origin);
                    }
                }
                Ref::Derived(i) => nodes.push(&policy.derived[i].expr.node),
                _ => {}
            }
        }
    }
    out
}

/// How a kind of measure reads.
pub fn kind_label(kind: Kind) -> Msg {
    match kind {
        Kind::Entitlement => Msg::kind_entitlement(),
        Kind::Competitive => Msg::kind_competitive(),
        Kind::InKind => Msg::kind_in_kind(),
    }
}

/// Who receives a measure, as a catalog says it.
pub fn beneficiary_label(beneficiary: Beneficiary) -> Msg {
    match beneficiary {
        Beneficiary::Individual => Msg::total_of_individual(),
        Beneficiary::Employer => Msg::total_of_employer(),
        Beneficiary::Organization => Msg::total_of_organization(),
    }
}
