//! CSV output: one line per row and listed measure, with cells made safe to open in a spreadsheet.

use super::{Hire, Rows, Settings, TextRows};
use crate::engine::Outcome;
use crate::report::MeasureReport;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

pub const HEADER: [&str; 10] = [
    "row",
    "name",
    "id",
    "measure",
    "status",
    "amount",
    "available_from",
    "beneficiary",
    "missing",
    "error",
];

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading `'`, so that it stays text.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Renders rows as CSV lines (the header is written by `output::open`).
pub struct CsvRows<'p> {
    writer: csv::Writer<Vec<u8>>,
    settings: Settings<'p>,
    /// Reused text of the row number, amount, date and missing facts.
    row: String,
    amount: String,
    date: String,
    missing: String,
}

impl<'p> CsvRows<'p> {
    pub fn new(settings: Settings<'p>) -> CsvRows<'p> {
        CsvRows {
            writer: csv::Writer::from_writer(Vec::new()),
            settings,
            row: String::new(),
            amount: String::new(),
            date: String::new(),
            missing: String::new(),
        }
    }
}

/// Writes one line, every cell neutralised.
fn line(writer: &mut csv::Writer<Vec<u8>>, cells: [&str; 10]) -> io::Result<()> {
    for cell in cells {
        writer.write_field(neutralise(cell).as_bytes())?;
    }
    writer.write_record(None::<&[u8]>)?;
    Ok(())
}

impl Rows for CsvRows<'_> {
    fn evaluated(
        &mut self,
        hire: &Hire,
        outcomes: &[Outcome],
        _: &[MeasureReport],
    ) -> io::Result<()> {
        let policy = self.settings.policy;
        self.row.clear();
        let _ = write!(self.row, "{}", hire.row);
        let mut listed = 0;
        for outcome in self.settings.listed(outcomes) {
            listed += 1;
            let measure = outcome.version_of(policy);
            self.amount.clear();
            if let Some(a) = outcome.amount {
                let _ = write!(self.amount, "{}", a.normalize());
            }
            self.date.clear();
            if let Some(d) = outcome.available_from {
                let _ = write!(self.date, "{d}");
            }
            self.missing.clear();
            for (i, &fact) in outcome.missing.iter().enumerate() {
                if i > 0 {
                    self.missing.push(';');
                }
                self.missing.push_str(&policy.facts[fact].name);
            }
            line(
                &mut self.writer,
                [
                    &self.row,
                    hire.name,
                    hire.id,
                    &measure.id,
                    outcome.status.id(),
                    &self.amount,
                    &self.date,
                    measure.beneficiary.id(),
                    &self.missing,
                    "",
                ],
            )?;
        }
        if listed == 0 {
            let empty = [&self.row, hire.name, hire.id, "", "", "", "", "", "", ""];
            line(&mut self.writer, empty)?;
        }
        Ok(())
    }

    fn failed(&mut self, hire: &Hire, error: &str) -> io::Result<()> {
        let row = hire.row.to_string();
        line(
            &mut self.writer,
            [&row, hire.name, hire.id, "", "", "", "", "", "", error],
        )
    }
}

impl TextRows for CsvRows<'_> {
    fn take(&mut self) -> Vec<u8> {
        let full = std::mem::replace(&mut self.writer, csv::Writer::from_writer(Vec::new()));
        // Flushing into memory cannot fail.
        full.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_become_text() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+86 138", "'+86 138"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("王晓明", "王晓明"),
            ("a=b", "a=b"),
            ("", ""),
        ];
        for (cell, want) in cases {
            assert_eq!(neutralise(cell), want, "{cell:?}");
        }
    }
}
