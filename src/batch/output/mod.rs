//! The output formats of a batch, each in its own module, behind one interface.

pub mod csv;
pub mod excel_csv;
pub mod guard;
pub mod jsonl;
pub mod table;
pub mod target;
pub mod xlsx;

use super::summary::Summary;
use crate::engine::{Outcome, Status};
use crate::i18n::Lang;
use crate::messages::Msg;
use crate::policy::Policy;
use crate::report::MeasureReport;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per row and measure, for scripts: English ids, stable columns (the default for a file or a pipe)
    Csv,
    /// CSV for people to open in Excel: a UTF-8 BOM, column titles and words in --lang, hire totals
    ExcelCsv,
    /// One JSON object per row, with the measures as `check --format json` gives them
    Jsonl,
    /// A readable table per hire (the default on a terminal)
    Table,
    /// A workbook: a sheet of results and a summary sheet
    Xlsx,
}

impl Format {
    /// The format a file name asks for, by its ending.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// Whether rows need their measures rendered with every text (`check --format json` objects).
    pub fn needs_reports(self) -> bool {
        self == Format::Jsonl
    }
}

/// Who a row is about, as the output echoes it (empty when the intake has no such column).
pub struct Hire<'a> {
    pub row: u64,
    pub name: &'a str,
    pub id: &'a str,
}

/// Where the results go.
pub enum Out {
    Stdout,
    File(std::fs::File),
}

impl Out {
    fn into_writer(self) -> Box<dyn Write> {
        match self {
            Out::Stdout => Box::new(io::BufWriter::with_capacity(64 * 1024, io::stdout().lock())),
            Out::File(file) => Box::new(io::BufWriter::with_capacity(64 * 1024, file)),
        }
    }
}

/// What every format needs to know besides the rows.
#[derive(Clone, Copy)]
pub struct Settings<'p> {
    pub policy: &'p Policy,
    pub lang: Lang,
    /// List measures that do not apply too.
    pub all: bool,
}

impl Settings<'_> {
    pub fn listed<'o>(&self, outcomes: &'o [Outcome]) -> impl Iterator<Item = &'o Outcome> {
        listed(outcomes, self.all)
    }
}

/// The outcomes a row lists: without `all`, those that do not apply are left out, as in `check`.
pub fn listed(outcomes: &[Outcome], all: bool) -> impl Iterator<Item = &Outcome> {
    outcomes
        .iter()
        .filter(move |o| all || o.status != Status::NotEligible)
}

/// The column titles of the results as people read them (xlsx and `excel-csv`), with the
/// width of each column in a workbook.
pub fn people_header(lang: Lang) -> [(Cow<'static, str>, f64); 13] {
    [
        (Msg::column_row(), 8.0),
        (Msg::column_name(), 12.0),
        (Msg::column_staff_number(), 12.0),
        (Msg::column_total_now(), 16.0),
        (Msg::column_total_later(), 16.0),
        (Msg::column_measure_id(), 26.0),
        (Msg::column_measure(), 30.0),
        (Msg::column_status(), 12.0),
        (Msg::column_amount(), 14.0),
        (Msg::column_claimable_from(), 14.0),
        (Msg::column_paid_to(), 12.0),
        (Msg::column_still_needed(), 30.0),
        (Msg::column_error(), 40.0),
    ]
    .map(|(title, width)| (title.render(lang), width))
}

/// A hire's eligible total and pending total (all payees), or `None` for a sum too large for an exact decimal.
pub fn hire_totals(outcomes: &[Outcome]) -> [Option<Decimal>; 2] {
    [Status::Eligible, Status::Pending].map(|status| {
        sum(outcomes
            .iter()
            .filter(|o| o.status == status)
            .filter_map(|o| o.amount))
    })
}

/// The sum of some amounts, or `None` if it does not fit.
fn sum(mut amounts: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    amounts.try_fold(Decimal::ZERO, |total, a| total.checked_add(a))
}

/// Takes each row's result and turns it into output.
pub trait Rows {
    /// A row evaluated; `reports` are the listed measures, rendered when the format needs them.
    fn evaluated(
        &mut self,
        hire: &Hire,
        outcomes: &[Outcome],
        reports: &[MeasureReport],
    ) -> io::Result<()>;
    fn failed(&mut self, hire: &Hire, error: &Msg) -> io::Result<()>;
}

/// A text format: rows become bytes on whichever thread decides them, to be written in order.
pub trait TextRows: Rows + Send {
    /// The bytes of the rows since the last call.
    fn take(&mut self) -> Vec<u8>;
}

/// A renderer of rows to text, or `None` for a format that needs all rows in one place (xlsx).
pub fn text_rows<'p>(format: Format, settings: Settings<'p>) -> Option<Box<dyn TextRows + 'p>> {
    match format {
        Format::Csv => Some(Box::new(self::csv::CsvRows::new(settings))),
        Format::ExcelCsv => Some(Box::new(excel_csv::ExcelCsvRows::new(settings))),
        Format::Jsonl => Some(Box::new(jsonl::JsonlRows::new(settings))),
        Format::Table => Some(Box::new(table::TableRows::new(settings))),
        Format::Xlsx => None,
    }
}

/// Where rows end up, in input order.
pub enum Destination<'p> {
    /// Text rendered by `text_rows`, written as it comes.
    Text(Box<dyn Write>),
    Xlsx(Box<xlsx::XlsxSink<'p>>),
}

/// Opens the destination of `format` on `out`, writing what comes before the rows.
pub fn open<'p>(format: Format, out: Out, settings: Settings<'p>) -> io::Result<Destination<'p>> {
    Ok(match format {
        Format::Xlsx => Destination::Xlsx(Box::new(xlsx::XlsxSink::new(out, settings)?)),
        Format::Csv => {
            let mut writer = out.into_writer();
            writeln!(writer, "{}", self::csv::HEADER.join(","))?;
            Destination::Text(writer)
        }
        Format::ExcelCsv => {
            let mut writer = out.into_writer();
            excel_csv::write_header(&mut writer, settings.lang)?;
            Destination::Text(writer)
        }
        Format::Jsonl | Format::Table => Destination::Text(out.into_writer()),
    })
}

impl Destination<'_> {
    /// Completes the output once every row is in.
    pub fn finish(self, summary: &Summary) -> io::Result<()> {
        match self {
            Destination::Text(mut out) => out.flush(),
            Destination::Xlsx(sink) => sink.finish(summary),
        }
    }
}
