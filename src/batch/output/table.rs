//! Terminal output: for each hire a heading and a small table of the measures that apply.

use super::{Hire, Rows, Settings, TextRows};
use crate::batch::{beneficiary_label, status_label};
use crate::engine::Outcome;
use crate::messages::{Arg, Msg};
use crate::policy::Beneficiary;
use crate::render::money;
use crate::report::{MeasureReport, Totals};
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
        let mut parts = vec![Msg::row_number(hire.row).render(lang).into_owned()];
        if !hire.name.is_empty() {
            parts.push(hire.name.to_string());
        }
        if !hire.id.is_empty() {
            parts.push(Msg::staff_number(hire.id).render(lang).into_owned());
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
            .set_header(
                [
                    Msg::column_measure(),
                    Msg::column_paid_to(),
                    Msg::column_status(),
                    Msg::column_amount(),
                    Msg::column_claimable_from(),
                    Msg::column_still_needed(),
                ]
                .map(|title| title.render(lang)),
            );
        for outcome in self.settings.listed(outcomes) {
            let measure = outcome.version_of(policy);
            let amount = match (outcome.amount, outcome.amount_max) {
                (Some(a), _) => money(a),
                (None, Some(max)) => Msg::up_to(money(max)).render(lang).into_owned(),
                (None, None) => String::new(),
            };
            let missing = outcome.missing.iter().map(|&f| &policy.facts[f].label);
            table.add_row(vec![
                measure.name.get(lang).to_string(),
                beneficiary_label(measure.beneficiary)
                    .render(lang)
                    .into_owned(),
                status_label(outcome.status).render(lang).into_owned(),
                amount,
                outcome
                    .available_from
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                Msg::verbatim(Arg::list(missing)).render(lang).into_owned(),
            ]);
        }
        if table.row_iter().next().is_none() {
            return writeln!(self.out, "{}", Msg::no_measure_applies().render(lang));
        }
        writeln!(self.out, "{table}")?;
        let totals = Totals::of(policy, outcomes);
        let parts = Beneficiary::ALL
            .iter()
            .filter(|(_, b)| !totals.get(*b).is_zero())
            .map(|(_, b)| Msg::total_part(beneficiary_label(*b), money(totals.get(*b))))
            .reduce(Msg::semicolons);
        if let Some(parts) = parts {
            writeln!(self.out, "{}", Msg::eligible_in_total(parts).render(lang))?;
        }
        Ok(())
    }

    fn failed(&mut self, hire: &Hire, error: &Msg) -> io::Result<()> {
        self.heading(hire)?;
        let lang = self.settings.lang;
        writeln!(
            self.out,
            "{}",
            Msg::row_unreadable(error.clone()).render(lang)
        )
    }
}

impl TextRows for TableRows<'_> {
    fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }
}
