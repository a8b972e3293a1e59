//! Excel output: a results sheet (one line per row and measure) and a summary sheet.

use super::{Hire, Out, Rows, Settings};
use crate::batch::summary::Summary;
use crate::batch::{beneficiary_label, status_label};
use crate::engine::{Outcome, Status};
use crate::policy::Beneficiary;
use crate::report::MeasureReport;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
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
    io::Error::other(e)
}

/// An amount as an Excel number (Excel holds every number as a double; whole yuan and cents stay exact enough to show).
fn excel_number(amount: Decimal) -> f64 {
    amount.to_f64().unwrap_or_default()
}

impl<'p> XlsxSink<'p> {
    pub fn new(out: Out, settings: Settings<'p>) -> XlsxSink<'p> {
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
        let header = [
            (lang.pick("行号", "row"), 8),
            (lang.pick("姓名", "name"), 12),
            (lang.pick("工号", "ID"), 12),
            (lang.pick("措施编号", "measure id"), 26),
            (lang.pick("措施", "measure"), 30),
            (lang.pick("状态", "status"), 12),
            (lang.pick("金额（元）", "amount (yuan)"), 14),
            (lang.pick("可领取日期", "claimable from"), 14),
            (lang.pick("领取方", "paid to"), 12),
            (lang.pick("还需了解", "still needed"), 30),
            (lang.pick("错误", "error"), 40),
        ];
        let number = self.sheets + 1;
        let sheet = self.book.add_worksheet_with_constant_memory();
        let name = match number {
            1 => lang.pick("结果", "Results").to_string(),
            n => format!("{} {n}", lang.pick("结果", "Results")),
        };
        // Names this short and plain are always valid sheet names.
        let _ = sheet.set_name(name);
        for (column, (title, width)) in header.into_iter().enumerate() {
            let _ = sheet.write_string_with_format(0, column as u16, title, &self.bold);
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
        sheet.write_string(line, 1, hire.name)?;
        sheet.write_string(line, 2, hire.id)?;
        Ok(())
    }

    fn write_outcome(&mut self, hire: &Hire, outcome: &Outcome) -> Result<(), XlsxError> {
        let Settings { policy, lang, .. } = self.settings;
        let measure = outcome.version_of(policy);
        let line = self.next_line();
        self.write_hire(line, hire)?;
        if let Some(amount) = outcome.amount {
            self.write_amount(line, 6, amount)?;
        }
        let sheet = self.book.worksheet_from_index(self.sheet)?;
        sheet.write_string(line, 3, &measure.id)?;
        sheet.write_string(line, 4, measure.name.get(lang))?;
        sheet.write_string(line, 5, status_label(outcome.status, lang))?;
        if let Some(d) = outcome.available_from {
            // Excel has no dates before 1900: those stay text.
            match ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
                Ok(date) => sheet.write_datetime_with_format(line, 7, &date, &self.date)?,
                Err(_) => sheet.write_string(line, 7, d.to_string())?,
            };
        }
        sheet.write_string(line, 8, beneficiary_label(measure.beneficiary, lang))?;
        let missing: Vec<&str> = outcome
            .missing
            .iter()
            .map(|&f| policy.facts[f].label.get(lang))
            .collect();
        sheet.write_string(line, 9, missing.join(lang.pick("、", ", ")))?;
        Ok(())
    }

    fn summary_sheet(&self, summary: &Summary) -> Result<Worksheet, XlsxError> {
        let Settings { policy, lang, .. } = self.settings;
        let mut sheet = Worksheet::new();
        sheet.set_name(lang.pick("汇总", "Summary"))?;
        let rows = [
            (lang.pick("读取行数", "rows read"), summary.rows_read),
            (
                lang.pick("评估行数", "rows evaluated"),
                summary.rows_evaluated,
            ),
            (
                lang.pick("空行（跳过）", "blank rows (skipped)"),
                summary.rows_blank,
            ),
            (
                lang.pick("有错误的行数", "rows with errors"),
                summary.error_rows.len() as u64,
            ),
        ];
        let mut line = 0;
        for (title, count) in rows {
            sheet.write_string_with_format(line, 0, title, &self.bold)?;
            sheet.write_number(line, 1, count as f64)?;
            line += 1;
        }
        if !summary.error_rows.is_empty() {
            let numbers: Vec<String> = summary.error_rows.iter().map(u64::to_string).collect();
            sheet.write_string_with_format(
                line,
                0,
                lang.pick("有错误的行", "rows with errors"),
                &self.bold,
            )?;
            sheet.write_string(line, 1, numbers.join(", "))?;
            line += 1;
        }
        line += 1;
        let mut header = vec![
            lang.pick("措施编号", "measure id"),
            lang.pick("措施", "measure"),
        ];
        header.extend(Status::ALL.iter().map(|s| status_label(*s, lang)));
        header.push(lang.pick("可领取金额（元）", "eligible (yuan)"));
        header.push(lang.pick("待到期金额（元）", "pending (yuan)"));
        for (column, title) in header.iter().enumerate() {
            sheet.write_string_with_format(line, column as u16, *title, &self.bold)?;
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
            (lang.pick("合计可领取", "total eligible"), &summary.totals),
            (lang.pick("合计待到期", "total pending"), &summary.pending),
        ] {
            sheet.write_string_with_format(line, 0, title, &self.bold)?;
            for (column, (_, beneficiary)) in Beneficiary::ALL.iter().enumerate() {
                let column = 1 + 2 * column as u16;
                sheet.write_string(line, column, beneficiary_label(*beneficiary, lang))?;
                let amount = excel_number(totals.get(*beneficiary));
                sheet.write_number_with_format(line, column + 1, amount, &self.cents)?;
            }
            line += 1;
        }
        Ok(sheet)
    }
}

impl Rows for XlsxSink<'_> {
    fn evaluated(
        &mut self,
        hire: &Hire,
        outcomes: &[Outcome],
        _: &[MeasureReport],
    ) -> io::Result<()> {
        let mut listed = 0;
        for outcome in self.settings.listed(outcomes) {
            listed += 1;
            self.write_outcome(hire, outcome).map_err(xlsx_error)?;
        }
        if listed == 0 {
            let line = self.next_line();
            self.write_hire(line, hire).map_err(xlsx_error)?;
        }
        Ok(())
    }

    fn failed(&mut self, hire: &Hire, error: &str) -> io::Result<()> {
        let line = self.next_line();
        self.write_hire(line, hire).map_err(xlsx_error)?;
        self.book
            .worksheet_from_index(self.sheet)
            .and_then(|sheet| sheet.write_string(line, 10, error))
            .map_err(xlsx_error)?;
        Ok(())
    }
}

impl XlsxSink<'_> {
    /// Adds the summary sheet and writes the workbook.
    pub fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let summary_sheet = self.summary_sheet(summary).map_err(xlsx_error)?;
        let mut book = self.book;
        book.push_worksheet(summary_sheet);
        match self.out {
            Out::File(file) => book.save_to_writer(file).map_err(xlsx_error),
            Out::Stdout => {
                let bytes = book.save_to_buffer().map_err(xlsx_error)?;
                let mut stdout = io::stdout().lock();
                stdout.write_all(&bytes)?;
                stdout.flush()
            }
        }
    }
}
