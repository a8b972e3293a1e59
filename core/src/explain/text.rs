//! An explanation as text for a terminal.

use super::{Evaluation, Explanation};
use crate::catalog::{beneficiary_label, kind_label};
use crate::engine::Status;
use crate::i18n::Lang;
use crate::report::money;

fn status_label(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Eligible => lang.pick("可领取", "eligible"),
        Status::Pending => lang.pick("待满期后可领取", "pending (claimable later)"),
        Status::MayApply => lang.pick("可申报（择优评选）", "may apply (selective)"),
        Status::NeedsInfo => lang.pick("信息不足", "needs information"),
        Status::NotEligible => lang.pick("不符合", "not eligible"),
    }
}

pub fn render(e: &Explanation, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    let colon = lang.pick("：", ": ");
    line(format!("{} — {}", e.id, e.name));
    line(format!(
        "{}{colon}{} {}{}{}",
        lang.pick("依据", "clause"),
        e.document,
        e.clause,
        lang.pick("，见 ", " — "),
        e.source_file,
    ));
    line(format!(
        "{}{colon}{}",
        lang.pick("原文", "source"),
        e.source
    ));
    line(format!(
        "{}{colon}{} · {}{colon}{} · {}{colon}{}",
        lang.pick("类型", "kind"),
        kind_label(e.kind, lang),
        lang.pick("对象", "for"),
        e.subject.label(lang),
        lang.pick("领取方", "paid to"),
        beneficiary_label(e.beneficiary, lang),
    ));
    if let Some(d) = &e.departments {
        line(format!(
            "{}{colon}{}",
            lang.pick("经办", "handled by"),
            crate::report::departments_text(d, lang)
        ));
    }
    if !e.period.is_empty() {
        line(format!(
            "{}{colon}{}",
            lang.pick("施行", "in force"),
            e.period
        ));
    }
    if let Some(note) = &e.note {
        line(format!("{}{colon}{note}", lang.pick("说明", "note")));
    }
    if !e.versions.is_empty() {
        line(String::new());
        line(lang.pick("各版本：", "versions:").into());
        for v in &e.versions {
            let mark = if v.selected { "*" } else { " " };
            let period = if v.period.is_empty() {
                lang.pick("长期", "always").to_string()
            } else {
                v.period.clone()
            };
            line(format!(
                "  {mark} {period} — {}",
                v.sources.join(lang.pick("；", "; "))
            ));
        }
    }
    if !e.amendments.is_empty() {
        line(String::new());
        line(lang.pick("叠加文件的修改：", "changed by overlays:").into());
        for a in &e.amendments {
            let quote = if a.source.is_empty() {
                String::new()
            } else {
                format!(" — “{}”", a.source)
            };
            line(format!("  {}{colon}{}{quote}", a.by, a.change));
        }
    }
    line(String::new());
    if e.conditions.is_empty() {
        line(lang.pick("条件：无", "conditions: none").into());
    } else {
        line(
            lang.pick("条件（须全部满足）：", "conditions (all must hold):")
                .into(),
        );
        for (i, c) in e.conditions.iter().enumerate() {
            line(format!("  {}. {}{colon}{}", i + 1, c.id, c.text));
            line(format!("     {}", c.when));
            if let Some(by) = &c.added_by {
                line(format!(
                    "     {}{by}",
                    lang.pick("由叠加文件增加：", "added by ")
                ));
            }
        }
    }
    line(String::new());
    line(lang.pick("金额：", "amount:").into());
    for a in &e.amount {
        line(format!("  {a}"));
    }
    if !e.amount_sources.is_empty() {
        line(format!(
            "  {}{}",
            lang.pick("金额来源：", "amount from: "),
            e.amount_sources.join(lang.pick("；", "; "))
        ));
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
    let who = ev.profile.as_ref().map_or(String::new(), |p| {
        format!("{}{p}", lang.pick("档案 ", "for "))
    });
    line(match lang {
        Lang::Zh => format!(
            "评估（{who}{}评估日期 {}）：",
            if who.is_empty() { "" } else { "，" },
            ev.as_of
        ),
        Lang::En => format!(
            "evaluation ({who}{}as of {}):",
            if who.is_empty() { "" } else { ", " },
            ev.as_of
        ),
    });
    if let Some(reason) = &ev.not_applicable {
        line(format!("  {reason}"));
    }
    for c in &ev.conditions {
        let mark = match c.outcome {
            "met" => lang.pick("✓ 满足", "✓ met"),
            "not_met" => lang.pick("✗ 不满足", "✗ not met"),
            _ => lang.pick("? 待确认", "? unknown"),
        };
        line(format!(
            "  {mark} {}{}{}",
            c.id,
            lang.pick("：", ": "),
            c.text
        ));
        if !c.values.is_empty() {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|s| format!("{}{} = {}", s.name, brackets(&s.label, lang), s.value))
                .collect();
            line(format!("      {}", values.join(lang.pick("；", "; "))));
        }
    }
    if !ev.derived.is_empty() {
        line(lang.pick("  派生值：", "  derived values:").into());
        for d in &ev.derived {
            let mut text = format!("    {}{} = {}", d.name, brackets(&d.label, lang), d.expr);
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
        line(lang.pick("  金额计算：", "  amount, step by step:").into());
        for step in &ev.amount_steps {
            line(format!("    {step}"));
        }
    }
    let mut result = format!(
        "  {}{}",
        lang.pick("结果：", "result: "),
        status_label(ev.status, lang)
    );
    match (ev.amount, ev.amount_max) {
        (Some(a), _) => result.push_str(&format!(" — {}", money(a))),
        (None, Some(max)) => result.push_str(&format!(
            " — {}{}",
            lang.pick("最高 ", "up to "),
            money(max)
        )),
        _ => {}
    }
    if let Some(date) = ev.available_from {
        result.push_str(&format!(
            "{}{date}{}",
            lang.pick("，自 ", ", claimable from "),
            lang.pick(" 起可申领", "")
        ));
    }
    line(result);
    if !ev.missing.is_empty() {
        line(format!(
            "  {}{}",
            lang.pick("尚需了解：", "still needed: "),
            ev.missing.join(", ")
        ));
    }
}

fn brackets(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}
