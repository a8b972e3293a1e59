//! The catalog for a terminal: one table per area.

use crate::catalog::{beneficiary_label, kind_label, Entry};
use crate::i18n::Lang;
use crate::policy::Policy;
use comfy_table::{presets, ContentArrangement, Table};
use jiff::civil::Date;

pub fn render(policy: &Policy, entries: &[Entry], as_of: Date, lang: Lang) -> String {
    let mut out = format!(
        "{}{}{}{} — {}{as_of}{}{}\n",
        policy.title.get(lang),
        lang.pick("（", " ("),
        policy.document,
        lang.pick("）", ")"),
        lang.pick("措施目录，", "catalog as of "),
        lang.pick("，共", ", "),
        match lang {
            Lang::Zh => format!("{}项", entries.len()),
            Lang::En => format!("{} measures", entries.len()),
        },
    );
    for overlay in &policy.overlays {
        out.push_str(&format!(
            "{}{} ({})\n",
            lang.pick("叠加：", "overlay: "),
            overlay.source.name,
            overlay.document
        ));
    }
    let mut areas: Vec<&str> = Vec::new();
    for e in entries {
        if !areas.contains(&e.area.as_str()) {
            areas.push(&e.area);
        }
    }
    let with_files = !policy.overlays.is_empty();
    for area in areas {
        let mut table = Table::new();
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        let mut header = vec![
            lang.pick("措施", "measure"),
            lang.pick("依据", "clause"),
            lang.pick("类型", "kind"),
            lang.pick("领取方", "paid to"),
            lang.pick("金额", "amount"),
            lang.pick("条件", "conditions"),
        ];
        if with_files {
            header.push(lang.pick("来源文件", "from file"));
        }
        table.set_header(header);
        for e in entries.iter().filter(|e| e.area == area) {
            let mut name = format!("{}\n{}", e.id, e.name);
            if !e.period.is_empty() {
                name.push_str(&format!(
                    "\n{}{}",
                    lang.pick("施行：", "in force "),
                    e.period
                ));
            }
            if !e.in_force {
                name.push_str(lang.pick("\n【未施行】", "\n[not in force]"));
            }
            let mut row = vec![
                name,
                e.clause.clone(),
                kind_label(e.kind, lang).to_string(),
                beneficiary_label(e.beneficiary, lang).to_string(),
                e.amount.join("\n"),
                e.conditions
                    .iter()
                    .map(|c| format!("• {c}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ];
            if with_files {
                let mut files = vec![e.origins.source_file.clone()];
                for f in &e.origins.amount_source_files {
                    if !files.contains(f) {
                        files.push(format!("{}{f}", lang.pick("金额：", "amount: ")));
                    }
                }
                row.push(files.join("\n"));
            }
            table.add_row(row);
        }
        let heading = match policy.areas.get(area) {
            Some(name) => format!(
                "{}{} · {area}{}",
                lang.pick("【", "["),
                name.get(lang),
                lang.pick("】", "]")
            ),
            None => format!("[{area}]"),
        };
        out.push_str(&format!("\n{heading}\n{table}\n"));
    }
    out
}
