//! Excel output: a results sheet (one line per row and measure) and a summary sheet.

use super::{guard, hire_totals, people_header, Hire, Out, Rows, Settings};
use crate::batch::summary::Summary;
use crate::batch::{beneficiary_label, status_label};
use crate::engine::{Outcome, Status};
use crate::messages::{Arg, Msg};
use crate::policy::Beneficiary;
use crate::report::MeasureReport;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::borrow::Cow;
use std::io::{self, Write};

/// Data lines per results sheet: Excel's row limit, less the header.
const LINES_PER_SHEET: u32 = 1_048_575;

pub struct XlsxSink<'p> {
    out: Out,
    settings: Settings<'p>,
    /// Results sheets are written row by row to disk (constant memory), so a large intake fits.
    book: Workbook,
    /// The index of the results sheet being written, and how many there are.
    sheet: usize,
    sheets: usize,
    /// The next line to write on `sheet` (line 0 is the header).
    line: u32,
    bold: Format,
    whole: Format,
    cents: Format,
    date: Format,
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(Msg::cannot_write_workbook(e.to_string()))
}

/// The most characters an Excel cell holds.
const CELL_CHARS: usize = 32_767;

/// A text as a cell can hold it: one longer than Excel's limit is cut, and ends in `…`.
pub fn cell_text(text: &str) -> Cow<'_, str> {
    if text.len() <= CELL_CHARS || text.char_indices().nth(CELL_CHARS).is_none() {
        return Cow::Borrowed(text);
    }
    let end = text
        .char_indices()
        .nth(CELL_CHARS - 1)
        .map_or(text.len(), |(i, _)| i);
    Cow::Owned(format!("{}…", &text[..end]))
}

/// Row numbers joined by `, ` in cells of at most Excel's limit each, so that any number fits.
fn number_cells(numbers: &[u64]) -> Vec<String> {
    let mut cells = vec![String::new()];
    for n in numbers {
        let text = n.to_string();
        let last = cells.last().map_or(0, String::len);
        // Digits and `, ` are one byte each: bytes are characters here.
        if last > 0 && last + 2 + text.len() > CELL_CHARS {
            cells.push(String::new());
        }
        if let Some(cell) = cells.last_mut() {
            if !cell.is_empty() {
                cell.push_str(", ");
            }
            cell.push_str(&text);
        }
    }
    cells
}

/// An amount as an Excel number (Excel holds every number as a double; whole yuan and cents stay exact enough to show).
fn excel_number(amount: Decimal) -> f64 {
    amount.to_f64().unwrap_or_default()
}

impl<'p> XlsxSink<'p> {
    pub fn new(out: Out, settings: Settings<'p>) -> io::Result<XlsxSink<'p>> {
        guard::catch(|| Ok(XlsxSink::start(out, settings)))
    }

    fn start(out: Out, settings: Settings<'p>) -> XlsxSink<'p> {
        let mut sink = XlsxSink {
            out,
            settings,
            book: Workbook::new(),
            sheet: 0,
            sheets: 0,
            line: 0,
            bold: Format::new().set_bold(),
            whole: Format::new().set_num_format("#,##0"),
            cents: Format::new().set_num_format("#,##0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        };
        sink.start_sheet();
        sink
    }

    fn start_sheet(&mut self) {
        let lang = self.settings.lang;
        let header = people_header(lang);
        let number = self.sheets + 1;
        let sheet = self.book.add_worksheet_with_constant_memory();
        let name = match number {
            1 => Msg::sheet_results(),
            n => Msg::sheet_results_numbered(n),
        }
        .render(lang);
        // Names this short and plain are always valid sheet names.
        let _ = sheet.set_name(name);
        for (column, (title, width)) in header.into_iter().enumerate() {
            let _ = sheet.write_string_with_format(0, column as u16, &*title, &self.bold);
            let _ = sheet.set_column_width(column as u16, width);
        }
        let _ = sheet.set_freeze_panes(1, 0);
        self.sheet = self.sheets;
        self.sheets += 1;
        self.line = 1;
    }

    /// The next line of the results sheet, starting a new sheet when this one is full.
    fn next_line(&mut self) -> u32 {
        if self.line > LINES_PER_SHEET {
            self.start_sheet();
        }
        self.line += 1;
        self.line - 1
    }

    fn write_amount(&mut self, line: u32, column: u16, amount: Decimal) -> Result<(), XlsxError> {
        let format = if amount.fract().is_zero() {
            &self.whole
        } else {
            &self.cents
        };
        self.book
            .worksheet_from_index(self.sheet)?
            .write_number_with_format(line, column, excel_number(amount), format)?;
        Ok(())
    }

    fn write_hire(&mut self, line: u32, hire: &Hire) -> Result<(), XlsxError> {
        let sheet = self.book.worksheet_from_index(self.sheet)?;
        sheet.write_number(line, 0, hire.row as f64)?;
        sheet.write_string(line, 1, cell_text(hire.name))?;
        sheet.write_string(line, 2, cell_text(hire.id))?;
        Ok(())
    }

    /// The hire's eligible total and pending total, on its first line.
    fn write_totals(&mut self, line: u32, outcomes: &[Outcome]) -> Result<(), XlsxError> {
        for (column, total) in [3, 4].into_iter().zip(hire_totals(outcomes)) {
            // A sum too large for an exact decimal is left out; the row's amounts still show.
            if let Some(total) = total {
                self.write_amount(line, column, total)?;
            }
        }
        Ok(())
    }

    fn write_outcome(&mut self, line: u32, outcome: &Outcome) -> Result<(), XlsxError> {
        let Settings { policy, lang, .. } = self.settings;
        let measure = outcome.version_of(policy);
        if let Some(amount) = outcome.amount {
            self.write_amount(line, 8, amount)?;
        }
        let sheet = self.book.worksheet_from_index(self.sheet)?;
        sheet.write_string(line, 5, &measure.id)?;
        sheet.write_string(line, 6, measure.name.get(lang))?;
        sheet.write_string(line, 7, status_label(outcome.status).render(lang))?;
        if let Some(d) = outcome.available_from {
            // Excel has no dates before 1900: those stay text.
            match ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
                Ok(date) => sheet.write_datetime_with_format(line, 9, &date, &self.date)?,
                Err(_) => sheet.write_string(line, 9, d.to_string())?,
            };
        }
        sheet.write_string(
            line,
            10,
            beneficiary_label(measure.beneficiary).render(lang),
        )?;
        let missing = outcome.missing.iter().map(|&f| &policy.facts[f].label);
        let missing = Msg::verbatim(Arg::list(missing)).render(lang);
        sheet.write_string(line, 11, cell_text(&missing))?;
        Ok(())
    }

    fn summary_sheet(&self, summary: &Summary) -> Result<Worksheet, XlsxError> {
        let Settings { policy, lang, .. } = self.settings;
        let mut sheet = Worksheet::new();
        let show = |m: Msg| m.render(lang);
        sheet.set_name(show(Msg::sheet_summary()))?;
        let rows = [
            (Msg::rows_read(), summary.rows_read),
            (Msg::rows_evaluated(), summary.rows_evaluated),
            (Msg::rows_blank(), summary.rows_blank),
            (Msg::rows_with_errors(), summary.error_rows.len() as u64),
        ];
        let mut line = 0;
        for (title, count) in rows {
            sheet.write_string_with_format(line, 0, show(title), &self.bold)?;
            sheet.write_number(line, 1, count as f64)?;
            line += 1;
        }
        if !summary.error_rows.is_empty() {
            sheet.write_string_with_format(line, 0, show(Msg::error_row_numbers()), &self.bold)?;
            // However many, in as many cells (one under the other) as Excel's cell limit needs.
            for numbers in number_cells(&summary.error_rows) {
                sheet.write_string(line, 1, numbers)?;
                line += 1;
            }
        }
        line += 1;
        let mut header = vec![Msg::column_measure_id(), Msg::column_measure()];
        header.extend(Status::ALL.iter().map(|s| status_label(*s)));
        header.push(Msg::column_eligible_amount());
        header.push(Msg::column_pending_amount());
        for (column, title) in header.into_iter().enumerate() {
            sheet.write_string_with_format(line, column as u16, show(title), &self.bold)?;
        }
        sheet.set_column_width(0, 26)?;
        sheet.set_column_width(1, 30)?;
        line += 1;
        for (index, tally) in summary.tallies() {
            let measure = &policy.measures[index];
            sheet.write_string(line, 0, &measure.id)?;
            sheet.write_string(line, 1, measure.name.get(lang))?;
            for (column, count) in tally.counts.iter().enumerate() {
                sheet.write_number(line, column as u16 + 2, *count as f64)?;
            }
            sheet.write_number_with_format(line, 7, excel_number(tally.amount), &self.cents)?;
            sheet.write_number_with_format(
                line,
                8,
                excel_number(tally.pending_amount),
                &self.cents,
            )?;
            line += 1;
        }
        line += 1;
        for (title, totals) in [
            (Msg::total_eligible(), &summary.totals),
            (Msg::total_pending(), &summary.pending),
        ] {
            sheet.write_string_with_format(line, 0, show(title), &self.bold)?;
            for (column, (_, beneficiary)) in Beneficiary::ALL.iter().enumerate() {
                let column = 1 + 2 * column as u16;
                sheet.write_string(line, column, show(beneficiary_label(*beneficiary)))?;
                let amount = excel_number(totals.get(*beneficiary));
                sheet.write_number_with_format(line, column + 1, amount, &self.cents)?;
            }
            line += 1;
        }
        Ok(sheet)
    }
}

impl XlsxSink<'_> {
    fn write_evaluated(&mut self, hire: &Hire, outcomes: &[Outcome]) -> Result<(), XlsxError> {
        let first = self.next_line();
        self.write_hire(first, hire)?;
        self.write_totals(first, outcomes)?;
        // The first listed measure goes on the hire's first line, each other on a line of its own.
        let mut free = Some(first);
        for outcome in self.settings.listed(outcomes) {
            let line = match free.take() {
                Some(line) => line,
                None => {
                    let line = self.next_line();
                    self.write_hire(line, hire)?;
                    line
                }
            };
            self.write_outcome(line, outcome)?;
        }
        Ok(())
    }

    fn write_failed(&mut self, hire: &Hire, error: &Msg) -> Result<(), XlsxError> {
        let line = self.next_line();
        self.write_hire(line, hire)?;
        let error = error.render(self.settings.lang);
        self.book
            .worksheet_from_index(self.sheet)?
            .write_string(line, 12, cell_text(&error))?;
        Ok(())
    }
}

impl Rows for XlsxSink<'_> {
    fn evaluated(
        &mut self,
        hire: &Hire,
        outcomes: &[Outcome],
        _: &[MeasureReport],
    ) -> io::Result<()> {
        guard::catch(|| self.write_evaluated(hire, outcomes).map_err(xlsx_error))
    }

    fn failed(&mut self, hire: &Hire, error: &Msg) -> io::Result<()> {
        guard::catch(|| self.write_failed(hire, error).map_err(xlsx_error))
    }
}

impl XlsxSink<'_> {
    /// Adds the summary sheet and writes the workbook.
    pub fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        guard::catch(|| self.save(summary))
    }

    fn save(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let summary_sheet = self.summary_sheet(summary).map_err(xlsx_error)?;
        let mut book = self.book;
        book.push_worksheet(summary_sheet);
        match self.out {
            Out::File(file) => guard::save(&mut book, file),
            Out::Stdout => {
                let bytes = book.save_to_buffer().map_err(xlsx_error)?;
                let mut stdout = io::stdout().lock();
                stdout.write_all(&bytes)?;
                stdout.flush()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{cell_text, number_cells, CELL_CHARS};

    #[test]
    fn texts_longer_than_a_cell_are_cut() {
        let fits = "名".repeat(CELL_CHARS);
        let over = "名".repeat(CELL_CHARS + 1);
        let cases = [
            ("王晓明".to_string(), "王晓明".to_string()),
            (fits.clone(), fits.clone()),
            (over, format!("{}…", "名".repeat(CELL_CHARS - 1))),
        ];
        for (text, want) in cases {
            let got = cell_text(&text);
            assert_eq!(got, want);
            assert!(got.chars().count() <= CELL_CHARS);
        }
    }

    #[test]
    fn row_numbers_fill_as_many_cells_as_they_need() {
        let cases: [(Vec<u64>, usize); 4] = [
            (vec![], 1),
            (vec![3, 4, 5], 1),
            ((2..=5_001).collect(), 1),
            ((2..=10_001).collect(), 2),
        ];
        for (numbers, cells) in cases {
            let got = number_cells(&numbers);
            assert_eq!(got.len(), cells, "{} numbers", numbers.len());
            assert!(got.iter().all(|c| c.len() <= CELL_CHARS));
            let back: Vec<u64> = got
                .iter()
                .filter(|c| !c.is_empty())
                .flat_map(|c| c.split(", ").map(|n| n.parse::<u64>().unwrap()))
                .collect();
            assert_eq!(back, numbers);
        }
    }
}
