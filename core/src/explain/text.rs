//! An explanation as text for a terminal.

use super::{Evaluation, Explanation};
use crate::catalog::{beneficiary_label, kind_label};
use crate::engine::Status;
use crate::i18n::Lang;
use crate::messages::{Arg, Msg};
use crate::render::money;

fn status_label(status: Status) -> Msg {
    match status {
        Status::Eligible => Msg::explain_eligible(),
        Status::Pending => Msg::explain_pending(),
        Status::MayApply => Msg::explain_may_apply(),
        Status::NeedsInfo => Msg::explain_needs_info(),
        Status::NotEligible => Msg::explain_not_eligible(),
    }
}

pub fn render(e: &Explanation, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    let show = |m: Msg| m.render(lang).into_owned();
    let separator = Msg::value_separator().render(lang);
    line(format!("{} — {}", e.id, e.name));
    line(show(Msg::explain_clause(
        &e.document,
        &e.clause,
        &e.source_file,
    )));
    line(show(Msg::labelled(Msg::label_source(), &e.source)));
    line(show(Msg::explain_kind(
        kind_label(e.kind),
        e.subject.label(),
        beneficiary_label(e.beneficiary),
    )));
    if let Some(d) = &e.departments {
        let offices = crate::report::departments_text(d, lang);
        line(show(Msg::labelled(Msg::label_handled_by(), offices)));
    }
    if !e.period.is_empty() {
        line(show(Msg::labelled(Msg::label_in_force(), &e.period)));
    }
    if let Some(note) = &e.note {
        line(show(Msg::labelled(Msg::label_note(), note)));
    }
    if !e.versions.is_empty() {
        line(String::new());
        line(show(Msg::versions_heading()));
        for v in &e.versions {
            let mark = if v.selected { "*" } else { " " };
            let period = if v.period.is_empty() {
                show(Msg::always())
            } else {
                v.period.clone()
            };
            line(format!(
                "  {mark} {period} — {}",
                v.sources.join(&separator)
            ));
        }
    }
    if !e.amendments.is_empty() {
        line(String::new());
        line(show(Msg::amendments_heading()));
        for a in &e.amendments {
            let quote = if a.source.is_empty() {
                String::new()
            } else {
                format!(" — “{}”", a.source)
            };
            line(format!(
                "  {}{quote}",
                show(Msg::labelled(&a.by, &a.change))
            ));
        }
    }
    line(String::new());
    if e.conditions.is_empty() {
        line(show(Msg::conditions_none()));
    } else {
        line(show(Msg::conditions_heading()));
        for (i, c) in e.conditions.iter().enumerate() {
            line(format!(
                "  {}. {}",
                i + 1,
                show(Msg::labelled(&c.id, &c.text))
            ));
            line(format!("     {}", c.when));
            if let Some(by) = &c.added_by {
                line(format!("     {}", show(Msg::added_by(by))));
            }
        }
    }
    line(String::new());
    line(show(Msg::amount_heading()));
    for a in &e.amount {
        line(format!("  {a}"));
    }
    if !e.amount_sources.is_empty() {
        let sources = e.amount_sources.join(&separator);
        line(format!("  {}", show(Msg::amount_sources(sources))));
    }
    if let Some(evaluation) = &e.evaluation {
        line(String::new());
        evaluation_text(evaluation, lang, &mut out);
    }
    out
}

fn evaluation_text(ev: &Evaluation, lang: Lang, out: &mut String) {
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    let show = |m: Msg| m.render(lang).into_owned();
    let separator = Msg::value_separator().render(lang);
    line(show(match &ev.profile {
        Some(name) => Msg::evaluation_of(name, &ev.as_of),
        None => Msg::evaluation(&ev.as_of),
    }));
    if let Some(reason) = &ev.not_applicable {
        line(format!("  {reason}"));
    }
    for c in &ev.conditions {
        let marked = match c.outcome {
            "met" => Msg::explain_met(&c.id, &c.text),
            "not_met" => Msg::explain_not_met(&c.id, &c.text),
            _ => Msg::explain_unknown(&c.id, &c.text),
        };
        line(format!("  {}", show(marked)));
        if !c.values.is_empty() {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|s| {
                    let label = show(Msg::in_brackets(&s.label));
                    format!("{}{label} = {}", s.name, s.value)
                })
                .collect();
            line(format!("      {}", values.join(&separator)));
        }
    }
    if !ev.derived.is_empty() {
        line(format!("  {}", show(Msg::derived_heading())));
        for d in &ev.derived {
            let label = show(Msg::in_brackets(&d.label));
            let mut text = format!("    {}{label} = {}", d.name, d.expr);
            if d.with_values != d.expr {
                text.push_str(&format!(" = {}", d.with_values));
            }
            if d.with_values != d.value {
                text.push_str(&format!(" = {}", d.value));
            }
            line(text);
        }
    }
    if !ev.amount_steps.is_empty() {
        line(format!("  {}", show(Msg::amount_steps_heading())));
        for step in &ev.amount_steps {
            line(format!("    {step}"));
        }
    }
    let mut result = format!("  {}", show(Msg::result(status_label(ev.status))));
    match (ev.amount, ev.amount_max) {
        (Some(a), _) => result.push_str(&format!(" — {}", money(a))),
        (None, Some(max)) => result.push_str(&format!(" — {}", show(Msg::up_to(money(max))))),
        _ => {}
    }
    if let Some(date) = ev.available_from {
        result.push_str(&show(Msg::result_claimable(date)));
    }
    line(result);
    if !ev.missing.is_empty() {
        let missing = Msg::still_needed(Arg::list(&ev.missing));
        line(format!("  {}", show(missing)));
    }
}
