//! CSV output: one line per row and listed measure, with cells made safe to open in a spreadsheet.

use super::{Hire, Rows, Settings, TextRows};
use crate::engine::Outcome;
use crate::messages::Msg;
use crate::report::MeasureReport;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;
use std::io::Write as _;

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
    if looks_like_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn looks_like_formula(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// Renders rows as CSV lines (the header is written by `output::open`).
pub struct CsvRows<'p> {
    out: Vec<u8>,
    settings: Settings<'p>,
    /// The row's first cells (row number, name, staff number), the same on each of its lines.
    hire: Vec<u8>,
    /// Reused text of the amount, date and missing facts.
    amount: String,
    date: String,
    missing: String,
}

impl<'p> CsvRows<'p> {
    pub fn new(settings: Settings<'p>) -> CsvRows<'p> {
        CsvRows {
            out: Vec::new(),
            settings,
            hire: Vec::new(),
            amount: String::new(),
            date: String::new(),
            missing: String::new(),
        }
    }

    /// Renders the row number, name and staff number, each followed by a comma.
    fn start(&mut self, hire: &Hire) {
        self.hire.clear();
        let _ = write!(self.hire, "{},", hire.row);
        for text in [hire.name, hire.id] {
            cell(&mut self.hire, text);
            self.hire.push(b',');
        }
    }
}

/// Writes one cell, neutralised and, if it holds a comma, a quote or a line break, quoted (RFC 4180).
pub fn cell(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let special = |b: &u8| matches!(b, b',' | b'"' | b'\n' | b'\r');
    if !looks_like_formula(text) && !bytes.iter().any(special) {
        out.extend_from_slice(bytes);
        return;
    }
    let text = neutralise(text);
    if text.bytes().any(|b| special(&b)) {
        out.push(b'"');
        for b in text.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

/// Writes a line: the row's first cells, then `cells`.
fn line(out: &mut Vec<u8>, hire: &[u8], cells: [&str; 7]) {
    out.extend_from_slice(hire);
    for (i, text) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        cell(out, text);
    }
    out.push(b'\n');
}

impl Rows for CsvRows<'_> {
    fn evaluated(
        &mut self,
        hire: &Hire,
        outcomes: &[Outcome],
        _: &[MeasureReport],
    ) -> io::Result<()> {
        let policy = self.settings.policy;
        self.start(hire);
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
                &mut self.out,
                &self.hire,
                [
                    &measure.id,
                    outcome.status.id(),
                    &self.amount,
                    &self.date,
                    measure.beneficiary.id(),
                    &self.missing,
                    "",
                ],
            );
        }
        if listed == 0 {
            line(&mut self.out, &self.hire, [""; 7]);
        }
        Ok(())
    }

    fn failed(&mut self, hire: &Hire, error: &Msg) -> io::Result<()> {
        self.start(hire);
        let error = error.render(self.settings.lang);
        line(&mut self.out, &self.hire, ["", "", "", "", "", "", &error]);
        Ok(())
    }
}

impl TextRows for CsvRows<'_> {
    fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::{line, neutralise};

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

    #[test]
    fn cells_are_quoted_only_when_needed() {
        let cases = [
            ("王晓明", "王晓明"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=1,2", "\"'=1,2\""),
        ];
        for (cell, want) in cases {
            let mut out = Vec::new();
            line(&mut out, b"2,", [cell, "", "", "", "", "", ""]);
            let want = format!("2,{want},,,,,,\n");
            assert_eq!(String::from_utf8(out).unwrap(), want, "{cell:?}");
        }
    }
}
