//! The catalog for a terminal: one table per area.

use crate::catalog::{beneficiary_label, kind_label, Entry};
use crate::i18n::Lang;
use crate::messages::Msg;
use crate::policy::Policy;
use comfy_table::{presets, ContentArrangement, Table};
use jiff::civil::Date;

pub fn render(policy: &Policy, entries: &[Entry], as_of: Date, lang: Lang) -> String {
    let show = |m: Msg| m.render(lang).into_owned();
    let title = Msg::catalog_title(&policy.title, &policy.document, as_of, entries.len());
    let mut out = format!("{}\n", show(title));
    for overlay in &policy.overlays {
        let line = Msg::overlay_line(&overlay.source.name, &overlay.document);
        out.push_str(&format!("{}\n", show(line)));
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
            show(Msg::column_measure()),
            show(Msg::column_clause()),
            show(Msg::column_kind()),
            show(Msg::column_paid_to()),
            show(Msg::amount_label()),
            show(Msg::column_conditions()),
        ];
        if with_files {
            header.push(show(Msg::column_from_file()));
        }
        table.set_header(header);
        for e in entries.iter().filter(|e| e.area == area) {
            let mut name = format!("{}\n{}", e.id, e.name);
            if !e.period.is_empty() {
                name.push_str(&format!("\n{}", show(Msg::in_force_period(&e.period))));
            }
            if !e.in_force {
                name.push_str(&format!("\n{}", show(Msg::not_in_force())));
            }
            let mut row = vec![
                name,
                e.clause.clone(),
                show(kind_label(e.kind)),
                show(beneficiary_label(e.beneficiary)),
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
                        files.push(show(Msg::amount_from(f)));
                    }
                }
                row.push(files.join("\n"));
            }
            table.add_row(row);
        }
        let heading = match policy.areas.get(area) {
            Some(name) => Msg::area_heading(name, area),
            None => Msg::area_heading_id(area),
        };
        let heading = show(heading);
        out.push_str(&format!("\n{heading}\n{table}\n"));
    }
    out
}
