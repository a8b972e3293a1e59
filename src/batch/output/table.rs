//! Terminal output: for each hire a heading and a small table of the measures that apply.

use super::{Hire, Rows, Settings, TextRows};
use crate::batch::{beneficiary_label, status_label};
use crate::engine::Outcome;
use crate::policy::Beneficiary;
use crate::report::{money, MeasureReport, Totals};
use comfy_table::{presets, ContentArrangement, Table};
use std::io::{self, Write};

pub struct TableRows<'p> {
    out: Vec<u8>,
    settings: Settings<'p>,
}

impl<'p> TableRows<'p> {
    pub fn new(settings: Settings<'p>) -> TableRows<'p> {
        TableRows {
            out: Vec::new(),
            settings,
        }
    }

    fn heading(&mut self, hire: &Hire) -> io::Result<()> {
        let lang = self.settings.lang;
        let mut parts = vec![match lang {
            crate::i18n::Lang::Zh => format!("第 {} 行", hire.row),
            crate::i18n::Lang::En => format!("row {}", hire.row),
        }];
        if !hire.name.is_empty() {
            parts.push(hire.name.to_string());
        }
        if !hire.id.is_empty() {
            parts.push(format!("{}{}", lang.pick("工号 ", "ID "), hire.id));
        }
        writeln!(self.out, "\n{}", parts.join("  "))
    }
}

impl Rows for TableRows<'_> {
    fn evaluated(
        &mut self,
        hire: &Hire,
        outcomes: &[Outcome],
        _: &[MeasureReport],
    ) -> io::Result<()> {
        let Settings { policy, lang, .. } = self.settings;
        self.heading(hire)?;
        let mut table = Table::new();
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(vec![
                lang.pick("措施", "measure"),
                lang.pick("领取方", "paid to"),
                lang.pick("状态", "status"),
                lang.pick("金额（元）", "amount (yuan)"),
                lang.pick("可领取日期", "claimable from"),
                lang.pick("还需了解", "still needed"),
            ]);
        for outcome in self.settings.listed(outcomes) {
            let measure = outcome.version_of(policy);
            let amount = match (outcome.amount, outcome.amount_max) {
                (Some(a), _) => money(a),
                (None, Some(max)) => format!("{}{}", lang.pick("最高 ", "up to "), money(max)),
                (None, None) => String::new(),
            };
            let missing: Vec<&str> = outcome
                .missing
                .iter()
                .map(|&f| policy.facts[f].label.get(lang))
                .collect();
            table.add_row(vec![
                measure.name.get(lang).to_string(),
                beneficiary_label(measure.beneficiary, lang).to_string(),
                status_label(outcome.status, lang).to_string(),
                amount,
                outcome
                    .available_from
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                missing.join(lang.pick("、", ", ")),
            ]);
        }
        if table.row_iter().next().is_none() {
            return writeln!(
                self.out,
                "{}",
                lang.pick("没有适用的措施。", "No measure applies.")
            );
        }
        writeln!(self.out, "{table}")?;
        let totals = Totals::of(policy, outcomes);
        let parts: Vec<String> = Beneficiary::ALL
            .iter()
            .filter(|(_, b)| !totals.get(*b).is_zero())
            .map(|(_, b)| format!("{} {}", beneficiary_label(*b, lang), money(totals.get(*b))))
            .collect();
        if !parts.is_empty() {
            let heading = lang.pick("可领取合计：", "eligible in total: ");
            writeln!(self.out, "{heading}{}", parts.join(lang.pick("；", "; ")))?;
        }
        Ok(())
    }

    fn failed(&mut self, hire: &Hire, error: &str) -> io::Result<()> {
        self.heading(hire)?;
        let lang = self.settings.lang;
        writeln!(
            self.out,
            "{}{error}",
            lang.pick("无法读取：", "cannot read: ")
        )
    }
}

impl TextRows for TableRows<'_> {
    fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }
}
