//! The JSON view of a check: a stable interface for scripts.

use super::{MeasureReport, Report, Totals};
use crate::error::Error;
use crate::policy::Policy;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serializer;

/// An exact decimal string, or null.
pub fn decimal<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(d) => s.serialize_str(&d.normalize().to_string()),
        None => s.serialize_none(),
    }
}

/// An ISO date, or null.
pub fn date<S: Serializer>(value: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

#[derive(serde::Serialize)]
pub struct PolicyInfo<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub document: &'a str,
}

impl<'a> PolicyInfo<'a> {
    pub fn of(policy: &'a Policy, report: &Report) -> PolicyInfo<'a> {
        PolicyInfo {
            id: &policy.id,
            title: policy.title.get(report.lang),
            document: &policy.document,
        }
    }
}

#[derive(serde::Serialize)]
struct CheckJson<'a> {
    policy: PolicyInfo<'a>,
    as_of: String,
    subject: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    measures: &'a [MeasureReport],
    totals: &'a Totals,
    pending_totals: &'a Totals,
}

/// The whole report as pretty-printed JSON.
pub fn render(policy: &Policy, report: &Report) -> Result<String, Error> {
    let json = CheckJson {
        policy: PolicyInfo::of(policy, report),
        as_of: report.as_of.to_string(),
        subject: report.subject.id(),
        name: report.name.as_deref(),
        measures: &report.measures,
        totals: &report.totals,
        pending_totals: &report.pending_totals,
    };
    let mut text = serde_json::to_string_pretty(&json).map_err(|e| {
        Error::invalid(crate::messages::Msg::cannot_write_json(
            crate::messages::Msg::json_what_report(),
            e.to_string(),
        ))
    })?;
    text.push('\n');
    Ok(text)
}
