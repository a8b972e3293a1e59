//! `caiju policy test`: runs policy test cases (a profile, a date, the expected results) and reports mismatches.

use super::Context;
use crate::diagnostic::{excerpt, Diagnostic, Diagnostics, Source, Span};
use crate::engine::{evaluate, Facts, Outcome};
use crate::error::Error;
use crate::exit;
use crate::messages::Msg;
use crate::profile::{from_entries, toml_entries};
use crate::report::{reasons, Totals};
use indexmap::IndexMap;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Where `caiju policy test` looks when given no path.
pub const DEFAULT_DIR: &str = "tests/policy";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    cases: Vec<Spanned<Case>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    as_of: Spanned<toml::value::Datetime>,
    #[serde(default)]
    profile: IndexMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    expect: IndexMap<Spanned<String>, Expect>,
    totals: Option<IndexMap<Spanned<String>, Spanned<toml::Value>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    status: Option<String>,
    amount: Option<toml::Value>,
    amount_max: Option<toml::Value>,
    available_from: Option<toml::Value>,
    missing: Option<Vec<String>>,
}

/// The outcome of running test files.
#[derive(Debug, Default)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub report: String,
}

pub fn run(context: &Context, paths: &[String]) -> Result<u8, Error> {
    let files = collect_files(paths)?;
    let summary = run_files(context, &files)?;
    let counts = Msg::tests_passed_failed(summary.passed, summary.failed);
    crate::stdio::out(&format!(
        "{}{}\n",
        summary.report,
        counts.render(context.lang)
    ))?;
    Ok(if summary.failed == 0 {
        exit::OK
    } else {
        exit::INVALID
    })
}

/// The `.toml` files among `paths`, folders searched (sorted), or the default folder.
pub fn collect_files(paths: &[String]) -> Result<Vec<PathBuf>, Error> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(DEFAULT_DIR)]
    } else {
        paths.iter().map(PathBuf::from).collect()
    };
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&path)
                .map_err(|e| Error::invalid(Msg::in_file(path.display().to_string(), Msg::io(&e))))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path);
        } else {
            let path = path.display().to_string();
            return Err(Error::invalid(Msg::in_file(path, Msg::no_such_path())));
        }
    }
    Ok(files)
}

pub fn run_files(context: &Context, files: &[PathBuf]) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    for file in files {
        run_file(context, file, &mut summary)?;
    }
    Ok(summary)
}

fn run_file(context: &Context, path: &Path, summary: &mut Summary) -> Result<(), Error> {
    let name = path.display().to_string();
    let text = crate::read_file(path).map_err(|e| Error::invalid(Msg::in_file(&name, e)))?;
    let source = Source::new(name, text);
    let file: CaseFile =
        toml::from_str(&source.text).map_err(|e| crate::policy::toml_error(&source, &e))?;
    let mut errors = Diagnostics::default();
    for case in file.cases {
        let case_span: Span = case.span().into();
        match run_case(context, &source, case.into_inner()) {
            Ok(failures) if failures.is_empty() => summary.passed += 1,
            Ok(failures) => {
                summary.failed += 1;
                let at = Msg::test_failed_at(source.position(case_span));
                summary.report.push_str(&format!(
                    "{}\n{}\n",
                    at.render(context.lang),
                    failures.join("\n")
                ));
            }
            Err(d) => errors.0.extend(d.0),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

fn run_case(context: &Context, source: &Source, case: Case) -> Result<Vec<String>, Diagnostics> {
    let policy = &context.policy;
    let as_of = date_value(
        source,
        case.as_of.span().into(),
        &toml::Value::Datetime(*case.as_of.get_ref()),
    )?;
    let profile = from_entries(policy, source, toml_entries(case.profile))?;
    let mut facts = Facts::new(policy, &profile, as_of);
    let outcomes = evaluate(&mut facts, profile.subject, None)
        .map_err(|e| Diagnostic::file(&source.name, e.message()))?;
    let lang = context.lang;
    let mut failures = Vec::new();
    for (id, expect) in &case.expect {
        let Some(index) = policy.measure_index(id.get_ref()) else {
            let ids = policy.measures.iter().map(|m| m.id.as_str());
            let d = source
                .error(
                    id.span().into(),
                    Msg::unknown_measure(excerpt(id.get_ref())),
                )
                .with_help_opt(crate::diagnostic::did_you_mean(id.get_ref(), ids));
            return Err(d.into());
        };
        let outcome = &outcomes[index];
        let mismatches = compare(policy, source, id, expect, outcome)?;
        if !mismatches.is_empty() {
            let why = reasons(&mut facts, outcome, lang).all;
            let mismatches = mismatches.into_iter().reduce(Msg::semicolons);
            let line = Msg::case_mismatch(&case.name, id.get_ref(), mismatches);
            failures.push(format!("  {}", line.render(lang)));
            failures.extend(why.into_iter().map(|r| format!("      {r}")));
        }
    }
    if let Some(expected) = &case.totals {
        let totals = Totals::of(policy, &outcomes);
        for (who, value) in expected {
            let beneficiary = crate::policy::Beneficiary::ALL
                .iter()
                .find(|(id, _)| id == who.get_ref())
                .map(|(_, b)| *b)
                .ok_or_else(|| source.error(who.span().into(), Msg::expected_beneficiary()))?;
            let want = decimal_value(source, value.span().into(), value.get_ref())?;
            let got = totals.get(beneficiary);
            if want != Some(got) {
                let line = Msg::case_total_mismatch(&case.name, who.get_ref(), show(&want), got);
                failures.push(format!("  {}", line.render(lang)));
            }
        }
    }
    Ok(failures)
}

fn compare(
    policy: &crate::policy::Policy,
    source: &Source,
    id: &Spanned<String>,
    expect: &Expect,
    outcome: &Outcome,
) -> Result<Vec<Msg>, Diagnostics> {
    let span: Span = id.span().into();
    let mut out = Vec::new();
    if let Some(status) = &expect.status {
        if status != outcome.status.id() {
            if !crate::engine::Status::ALL.iter().any(|s| s.id() == status) {
                return Err(source
                    .error(span, Msg::unknown_status(excerpt(status)))
                    .into());
            }
            out.push(Msg::expected_got("status", status, outcome.status.id()));
        }
    }
    for (label, want, got) in [
        ("amount", &expect.amount, outcome.amount),
        ("amount_max", &expect.amount_max, outcome.amount_max),
    ] {
        if let Some(want) = want {
            let want = decimal_value(source, span, want)?;
            if want != got {
                out.push(Msg::expected_got(label, show(&want), show(&got)));
            }
        }
    }
    if let Some(want) = &expect.available_from {
        let want = match want {
            toml::Value::String(s) if s == "null" => None,
            other => Some(date_value(source, span, other)?),
        };
        if want != outcome.available_from {
            out.push(Msg::expected_got(
                "available_from",
                show(&want),
                show(&outcome.available_from),
            ));
        }
    }
    if let Some(want) = &expect.missing {
        let got: Vec<&str> = outcome
            .missing
            .iter()
            .map(|&f| policy.facts[f].name.as_str())
            .collect();
        let mut want_sorted: Vec<&str> = want.iter().map(String::as_str).collect();
        want_sorted.sort_unstable();
        let mut got_sorted = got.clone();
        got_sorted.sort_unstable();
        if want_sorted != got_sorted {
            out.push(Msg::expected_got(
                "missing",
                format!("[{}]", want.join(", ")),
                format!("[{}]", got.join(", ")),
            ));
        }
    }
    Ok(out)
}

fn show<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map_or("null".into(), |v| v.to_string())
}

/// An expected amount: a decimal string, an integer, or "null".
fn decimal_value(
    source: &Source,
    span: Span,
    value: &toml::Value,
) -> Result<Option<Decimal>, Diagnostics> {
    match value {
        toml::Value::Integer(i) => Ok(Some(Decimal::from(*i))),
        toml::Value::String(s) if s == "null" => Ok(None),
        toml::Value::String(s) => s
            .parse::<Decimal>()
            .map(Some)
            .map_err(|_| source.error(span, Msg::not_an_amount(excerpt(s))).into()),
        _ => Err(source.error(span, Msg::expected_amount_string()).into()),
    }
}

fn date_value(source: &Source, span: Span, value: &toml::Value) -> Result<Date, Diagnostics> {
    let text = match value {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => String::new(),
    };
    crate::policy::value::parse_date(&text, false).map_err(|e| source.error(span, e).into())
}
