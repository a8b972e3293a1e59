//! CSV for people: what the xlsx results sheet shows, in words of `--lang`, as Excel on Chinese Windows opens it.

use super::csv::cell;
use super::{hire_totals, people_header, Hire, Rows, Settings, TextRows};
use crate::batch::{beneficiary_label, status_label};
use crate::engine::Outcome;
use crate::i18n::Lang;
use crate::messages::{Arg, Msg};
use crate::report::MeasureReport;
use rust_decimal::Decimal;
use std::io::{self, Write};

/// The UTF-8 byte order mark: without it, Excel reads a CSV in the system's code page (GBK on
/// Chinese Windows) and shows UTF-8 Chinese as mojibake.
const BOM: &str = "\u{feff}";

/// Writes the BOM and the column titles.
pub fn write_header(out: &mut dyn Write, lang: Lang) -> io::Result<()> {
    let mut line = Vec::from(BOM);
    let header = people_header(lang);
    cells(&mut line, header.iter().map(|(title, _)| &**title));
    out.write_all(&line)
}

/// Writes one line of cells, with the line end Excel writes (CRLF).
fn cells<'a>(out: &mut Vec<u8>, texts: impl IntoIterator<Item = &'a str>) {
    for (i, text) in texts.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        cell(out, text);
    }
    out.extend_from_slice(b"\r\n");
}

fn amount(a: Option<Decimal>) -> String {
    a.map(|a| a.normalize().to_string()).unwrap_or_default()
}

pub struct ExcelCsvRows<'p> {
    out: Vec<u8>,
    settings: Settings<'p>,
}

impl<'p> ExcelCsvRows<'p> {
    pub fn new(settings: Settings<'p>) -> ExcelCsvRows<'p> {
        ExcelCsvRows {
            out: Vec::new(),
            settings,
        }
    }
}

impl Rows for ExcelCsvRows<'_> {
    fn evaluated(
        &mut self,
        hire: &Hire,
        outcomes: &[Outcome],
        _: &[MeasureReport],
    ) -> io::Result<()> {
        let Settings { policy, lang, .. } = self.settings;
        let row = hire.row.to_string();
        // The hire's totals are on its first line only, so that a column sum adds each hire once.
        let [now, later] = hire_totals(outcomes).map(amount);
        let mut totals = Some([now, later]);
        let mut listed = 0;
        for outcome in self.settings.listed(outcomes) {
            listed += 1;
            let measure = outcome.version_of(policy);
            let [now, later] = totals.take().unwrap_or_default();
            let missing = outcome.missing.iter().map(|&f| &policy.facts[f].label);
            let missing = Msg::verbatim(Arg::list(missing)).render(lang);
            cells(
                &mut self.out,
                [
                    row.as_str(),
                    hire.name,
                    hire.id,
                    &now,
                    &later,
                    &measure.id,
                    measure.name.get(lang),
                    &status_label(outcome.status).render(lang),
                    &amount(outcome.amount),
                    &outcome
                        .available_from
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    &beneficiary_label(measure.beneficiary).render(lang),
                    &missing,
                    "",
                ],
            );
        }
        if listed == 0 {
            let [now, later] = totals.unwrap_or_default();
            let mut line = vec![row.as_str(), hire.name, hire.id, &now, &later];
            line.extend([""; 8]);
            cells(&mut self.out, line);
        }
        Ok(())
    }

    fn failed(&mut self, hire: &Hire, error: &Msg) -> io::Result<()> {
        let row = hire.row.to_string();
        let error = error.render(self.settings.lang);
        let mut line = vec![row.as_str(), hire.name, hire.id];
        line.extend([""; 9]);
        line.push(&error);
        cells(&mut self.out, line);
        Ok(())
    }
}

impl TextRows for ExcelCsvRows<'_> {
    fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }
}
