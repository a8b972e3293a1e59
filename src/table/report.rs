//! The terminal view of a check: what you get, what comes later, what you may apply for, what is still unknown.

use crate::engine::Status;
use crate::i18n::Lang;
use crate::policy::{Beneficiary, Kind, Policy, Subject};
use crate::report::{departments_text, money, DepartmentsReport, MeasureReport, Report, Totals};
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
        (None, Some(max)) => format!("{}{}", lang.pick("最高 ", "up to "), money(max)),
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
        out.push_str(&format!(
            "{}{} — {}\n",
            lang.pick("经办：", "Handled by: "),
            names.join(lang.pick("、", ", ")),
            departments_text(d, lang),
        ));
    }
}

/// Under a section of money: its total per beneficiary that has a measure in it.
fn total_line(out: &mut String, rows: &[&MeasureReport], totals: &Totals, lang: Lang) {
    if rows.is_empty() {
        return;
    }
    let parts: Vec<String> = [
        Beneficiary::Individual,
        Beneficiary::Employer,
        Beneficiary::Organization,
    ]
    .into_iter()
    .filter(|b| rows.iter().any(|m| m.beneficiary == *b))
    .map(|b| format!("{} {}", b.label(lang), money(totals.get(b))))
    .collect();
    out.push_str(&format!(
        "{}{}\n",
        lang.pick("合计：", "Total: "),
        parts.join(lang.pick("；", "; "))
    ));
}

/// The closing line: how many measures are not listed, and how to see them.
fn left_out(out: &mut String, report: &Report) {
    let lang = report.lang;
    let line = if report.left_out > 0 {
        match lang {
            Lang::Zh => format!(
                "\n另有 {} 项措施不适用；加 --all 查看原因。\n",
                report.left_out
            ),
            Lang::En => format!(
                "\n{} more measures do not apply; add --all to see why.\n",
                report.left_out
            ),
        }
    } else if report.other_subject > 0 {
        let other = match report.subject {
            Subject::Person => lang.pick("单位", "organisations"),
            Subject::Organization => lang.pick("个人", "persons"),
        };
        match lang {
            Lang::Zh => format!(
                "\n另有 {} 项面向{other}的措施未列出；加 --all --subject any 一并查看。\n",
                report.other_subject
            ),
            Lang::En => format!(
                "\n{} measures for {other} are not listed; add --all --subject any to see them too.\n",
                report.other_subject
            ),
        }
    } else {
        return;
    };
    out.push_str(&line);
}

pub fn render(policy: &Policy, report: &Report) -> String {
    let lang = report.lang;
    let mut out = String::new();
    out.push_str(&format!(
        "{}{}{}{} — {}{}\n",
        policy.title.get(lang),
        lang.pick("（", " ("),
        policy.document,
        lang.pick("）", ")"),
        lang.pick("评估日期 ", "as of "),
        report.as_of
    ));
    if let Some(name) = &report.name {
        out.push_str(&format!("{}{name}\n", lang.pick("档案：", "profile: ")));
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
    let measure = lang.pick("措施", "measure");
    let to = lang.pick("领取方", "paid to");
    let amount = lang.pick("金额（元）", "amount (yuan)");
    let clause = lang.pick("依据", "clause");
    let why = lang.pick("说明", "why");
    let detail = |m: &MeasureReport| m.detail.join("\n");

    section(
        &mut out,
        lang.pick("【可领取的补贴】", "[Money you get]"),
        &money_now,
        vec![measure, to, amount, clause, why],
        |m| {
            vec![
                m.name.clone(),
                m.beneficiary.label(lang).into(),
                amount_text(m, lang),
                m.clause.clone(),
                detail(m),
            ]
        },
    );
    total_line(&mut out, &money_now, &report.totals, lang);
    handled_by(&mut out, &money_now, lang);
    let from = lang.pick("可领取日期", "claimable from");
    section(
        &mut out,
        lang.pick("【以后可领取】", "[Money coming later]"),
        &later,
        vec![measure, to, amount, from, clause],
        |m| {
            let date = m.available_from.map(|d| d.to_string()).unwrap_or_default();
            vec![
                m.name.clone(),
                m.beneficiary.label(lang).into(),
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
        lang.pick("【可申报的评选奖励】", "[Awards you may apply for]"),
        &awards,
        vec![measure, to, amount, clause],
        |m| {
            vec![
                m.name.clone(),
                m.beneficiary.label(lang).into(),
                amount_text(m, lang),
                m.clause.clone(),
            ]
        },
    );
    handled_by(&mut out, &awards, lang);
    section(
        &mut out,
        lang.pick("【权利与服务】", "[Rights and services]"),
        &services,
        vec![measure, clause],
        |m| vec![m.name.clone(), m.clause.clone()],
    );
    handled_by(&mut out, &services, lang);
    let question = lang.pick("还需回答", "questions to answer");
    section(
        &mut out,
        lang.pick("【还需了解的信息】", "[What we still need to know]"),
        &unknown,
        vec![measure, amount, question, clause],
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
        lang.pick("【不适用】", "[Does not apply]"),
        &excluded,
        vec![measure, why, clause],
        |m| vec![m.name.clone(), detail(m), m.clause.clone()],
    );
    if report.measures.is_empty() {
        out.push_str(lang.pick("\n没有适用的措施。\n", "\nNo measure applies.\n"));
    }
    left_out(&mut out, report);
    out
}
