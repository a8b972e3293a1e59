//! The terminal view of a check: what you get, what comes later, what you may apply for, what is still unknown.

use crate::engine::Status;
use crate::i18n::Lang;
use crate::messages::{Arg, Msg};
use crate::policy::{Beneficiary, Kind, Policy, Subject};
use crate::render::money;
use crate::report::{departments_text, DepartmentsReport, MeasureReport, Report, Totals};
use comfy_table::{presets, ContentArrangement, Table};

fn table(header: Vec<&str>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    t
}

fn amount_text(m: &MeasureReport, lang: Lang) -> String {
    match (m.amount, m.amount_max) {
        // While facts are missing: the range the amount can still reach.
        (Some(low), Some(high)) if m.status == Status::NeedsInfo => {
            format!("{}–{}", money(low), money(high))
        }
        (Some(a), _) => money(a),
        (None, Some(max)) => Msg::up_to(money(max)).render(lang).into(),
        (None, None) => "—".into(),
    }
}

/// A section: a heading and a table, or nothing when no measure belongs to it.
fn section(
    out: &mut String,
    heading: &str,
    rows: &[&MeasureReport],
    header: Vec<&str>,
    row: impl Fn(&MeasureReport) -> Vec<String>,
) {
    if rows.is_empty() {
        return;
    }
    let mut t = table(header);
    for m in rows {
        t.add_row(row(m));
    }
    out.push_str(&format!("\n{heading}\n{t}\n"));
}

/// Under a section: who handles its measures, one line per set of offices.
fn handled_by(out: &mut String, rows: &[&MeasureReport], lang: Lang) {
    let mut sets: Vec<(&DepartmentsReport, Vec<&str>)> = Vec::new();
    for m in rows {
        let Some(d) = &m.departments else { continue };
        match sets.iter_mut().find(|(s, _)| *s == d) {
            Some((_, names)) => names.push(&m.name),
            None => sets.push((d, vec![&m.name])),
        }
    }
    for (d, names) in sets {
        let line = Msg::handled_by(Arg::list(names), departments_text(d, lang));
        out.push_str(&format!("{}\n", line.render(lang)));
    }
}

/// Under a section of money: its total per beneficiary that has a measure in it.
fn total_line(out: &mut String, rows: &[&MeasureReport], totals: &Totals, lang: Lang) {
    if rows.is_empty() {
        return;
    }
    let parts = [
        Beneficiary::Individual,
        Beneficiary::Employer,
        Beneficiary::Organization,
    ]
    .into_iter()
    .filter(|b| rows.iter().any(|m| m.beneficiary == *b))
    .map(|b| Msg::total_part(b.label(), money(totals.get(b))))
    .reduce(Msg::semicolons);
    out.push_str(&format!("{}\n", Msg::total(parts).render(lang)));
}

/// The closing line: how many measures are not listed, and how to see them.
fn left_out(out: &mut String, report: &Report) {
    let lang = report.lang;
    let line = if report.left_out > 0 {
        Msg::more_do_not_apply(report.left_out)
    } else if report.other_subject > 0 {
        let other = match report.subject {
            Subject::Person => Msg::for_organisations(),
            Subject::Organization => Msg::for_persons(),
        };
        Msg::other_subject_left_out(report.other_subject, other)
    } else {
        return;
    };
    out.push_str(&format!("\n{}\n", line.render(lang)));
}

pub fn render(policy: &Policy, report: &Report) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let title = Msg::report_title(&policy.title, &policy.document, report.as_of);
    out.push_str(&format!("{}\n", title.render(lang)));
    if let Some(name) = &report.name {
        out.push_str(&format!("{}\n", Msg::profile_name(name).render(lang)));
    }
    let group = |f: &dyn Fn(&MeasureReport) -> bool| -> Vec<&MeasureReport> {
        report.measures.iter().filter(|m| f(m)).collect()
    };
    let money_now = group(&|m| m.status == Status::Eligible && m.kind != Kind::InKind);
    let later = group(&|m| m.status == Status::Pending);
    let awards = group(&|m| m.status == Status::MayApply);
    let services = group(&|m| m.status == Status::Eligible && m.kind == Kind::InKind);
    let unknown = group(&|m| m.status == Status::NeedsInfo);
    let excluded = group(&|m| m.status == Status::NotEligible);
    let (measure, to, amount, clause, why) = (
        Msg::column_measure().render(lang),
        Msg::column_paid_to().render(lang),
        Msg::column_amount().render(lang),
        Msg::column_clause().render(lang),
        Msg::column_why().render(lang),
    );
    let (measure, to, amount, clause, why) = (&*measure, &*to, &*amount, &*clause, &*why);
    let detail = |m: &MeasureReport| m.detail.join("\n");

    section(
        &mut out,
        &Msg::section_money().render(lang),
        &money_now,
        vec![measure, to, amount, clause, why],
        |m| {
            vec![
                m.name.clone(),
                m.beneficiary.label().render(lang).into(),
                amount_text(m, lang),
                m.clause.clone(),
                detail(m),
            ]
        },
    );
    total_line(&mut out, &money_now, &report.totals, lang);
    handled_by(&mut out, &money_now, lang);
    let from = Msg::column_claimable_from().render(lang);
    section(
        &mut out,
        &Msg::section_later().render(lang),
        &later,
        vec![measure, to, amount, &from, clause],
        |m| {
            let date = m.available_from.map(|d| d.to_string()).unwrap_or_default();
            vec![
                m.name.clone(),
                m.beneficiary.label().render(lang).into(),
                amount_text(m, lang),
                date,
                m.clause.clone(),
            ]
        },
    );
    total_line(&mut out, &later, &report.pending_totals, lang);
    handled_by(&mut out, &later, lang);
    section(
        &mut out,
        &Msg::section_awards().render(lang),
        &awards,
        vec![measure, to, amount, clause],
        |m| {
            vec![
                m.name.clone(),
                m.beneficiary.label().render(lang).into(),
                amount_text(m, lang),
                m.clause.clone(),
            ]
        },
    );
    handled_by(&mut out, &awards, lang);
    section(
        &mut out,
        &Msg::section_services().render(lang),
        &services,
        vec![measure, clause],
        |m| vec![m.name.clone(), m.clause.clone()],
    );
    handled_by(&mut out, &services, lang);
    let question = Msg::column_questions().render(lang);
    section(
        &mut out,
        &Msg::section_unknown().render(lang),
        &unknown,
        vec![measure, amount, &question, clause],
        |m| {
            vec![
                m.name.clone(),
                amount_text(m, lang),
                m.questions.join("\n"),
                m.clause.clone(),
            ]
        },
    );
    handled_by(&mut out, &unknown, lang);
    section(
        &mut out,
        &Msg::section_excluded().render(lang),
        &excluded,
        vec![measure, why, clause],
        |m| vec![m.name.clone(), detail(m), m.clause.clone()],
    );
    if report.measures.is_empty() {
        out.push_str(&format!("\n{}\n", Msg::no_measure_applies().render(lang)));
    }
    left_out(&mut out, report);
    out
}
