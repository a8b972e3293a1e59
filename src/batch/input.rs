//! Opens an intake — CSV (a file or standard input) or a spreadsheet's sheet — and hands out its rows one by one.

use super::decode::{utf8_reader, Encoding};
use super::lines::{Found, Lines};
use super::sheet::{self, Sheet};
use crate::messages::Msg;
use calamine::Data;
use csv::StringRecord;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What reading the next row gave.
pub enum Next {
    /// A row, by its number as a spreadsheet shows it (the header is row 1 in a CSV file).
    Row(u64),
    /// A row that could not be read at all, with why.
    Unreadable(u64, Msg),
    End,
}

/// How far through the input the reader is, for a progress bar.
pub struct Progress {
    pub done: u64,
    pub total: u64,
    /// Whether the counts are bytes (CSV) or rows (a sheet).
    pub in_bytes: bool,
}

/// An opened intake.
pub struct Input {
    rows: Rows,
    /// Rows read ahead (looking for the header) and given back, the next one last.
    again: Vec<(u64, StringRecord)>,
}

enum Rows {
    Csv {
        reader: Box<csv::Reader<Lines<Box<dyn Read + Send>>>>,
        found: Arc<Found>,
        bytes_read: Arc<AtomicU64>,
        size: Option<u64>,
    },
    Sheet {
        sheet: Sheet,
        /// Rows read so far.
        done: u64,
        /// The header's number of cells, once known: rows are cut or filled to it.
        width: Option<usize>,
    },
}

/// File name endings read as spreadsheets; everything else is CSV.
const SPREADSHEET: [&str; 5] = [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"];

pub fn is_spreadsheet(path: &str) -> bool {
    let lower = path.to_lowercase();
    SPREADSHEET.iter().any(|ending| lower.ends_with(ending))
}

/// A CSV reader's error: a read that failed, or (in English only) its own words.
fn csv_error(e: &csv::Error) -> Msg {
    match e.kind() {
        csv::ErrorKind::Io(io) => Msg::io(io),
        _ => Msg::csv_error(e.to_string()),
    }
}

/// Opens `path` (`-` for CSV on standard input); `sheet` picks a spreadsheet's sheet, else the first.
pub fn open(path: &str, encoding: Encoding, sheet: Option<&str>) -> Result<Input, Msg> {
    if is_spreadsheet(path) {
        return Ok(Input {
            rows: Rows::Sheet {
                sheet: sheet::open(path, sheet)?,
                done: 0,
                width: None,
            },
            again: Vec::new(),
        });
    }
    let bytes_read = Arc::new(AtomicU64::new(0));
    let (raw, size): (Box<dyn Read + Send>, _) = if path == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let file = std::fs::File::open(path).map_err(|e| Msg::cannot_read(Msg::io(&e)))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let counted = Counted {
        inner: raw,
        count: Arc::clone(&bytes_read),
    };
    let text =
        utf8_reader(Box::new(counted), encoding).map_err(|e| Msg::cannot_read(Msg::io(&e)))?;
    let found = Arc::new(Found::default());
    let text = Lines::new(text, Arc::clone(&found));
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(64 * 1024)
        .from_reader(text);
    let reader = Box::new(reader);
    Ok(Input {
        rows: Rows::Csv {
            reader,
            found,
            bytes_read,
            size,
        },
        again: Vec::new(),
    })
}

impl Input {
    /// Reads the next row into `record`.
    pub fn next(&mut self, record: &mut StringRecord) -> Result<Next, Msg> {
        if let Some((number, row)) = self.again.pop() {
            *record = row;
            self.fit(record);
            return Ok(Next::Row(number));
        }
        match &mut self.rows {
            Rows::Csv { reader, found, .. } => {
                // Every line is a record (see `Lines`), so the records' count is the row number.
                let row = |position: Option<&csv::Position>| position.map_or(1, |p| p.record() + 1);
                match reader.read_record(record) {
                    Ok(true) => {
                        let number = row(record.position());
                        let quote = found.unclosed_quote.load(Ordering::Relaxed);
                        let last = reader.position().byte() == found.given.load(Ordering::Relaxed);
                        if quote > 0 && last {
                            return Ok(Next::Unreadable(
                                number,
                                Msg::row_error(number, Msg::quote_never_closed(quote)),
                            ));
                        }
                        Ok(Next::Row(number))
                    }
                    Ok(false) => Ok(Next::End),
                    Err(e) => {
                        let number = row(e.position());
                        match e.kind() {
                            csv::ErrorKind::Utf8 { .. } => Ok(Next::Unreadable(
                                number,
                                Msg::row_error(number, Msg::row_not_utf8()),
                            )),
                            _ => Err(Msg::cannot_read_row(number, csv_error(&e))),
                        }
                    }
                }
            }
            Rows::Sheet { sheet, done, .. } => {
                let Ok(read) = sheet.rows.recv() else {
                    return Ok(Next::End);
                };
                let (number, row) = read?;
                *record = row;
                *done += 1;
                self.fit(record);
                Ok(Next::Row(number))
            }
        }
    }

    /// Gives back rows read ahead, to be read again in the same order.
    pub fn give_back(&mut self, rows: Vec<(u64, StringRecord)>) {
        self.again.extend(rows.into_iter().rev());
    }

    /// Cuts or fills a sheet's row to the header's width.
    fn fit(&self, record: &mut StringRecord) {
        if let Rows::Sheet {
            width: Some(width), ..
        } = self.rows
        {
            // Cells beyond the header have no title, and are ignored as such a column is.
            record.truncate(width);
            while record.len() < width {
                record.push_field("");
            }
        }
    }

    /// Sets the header's number of cells: a sheet's rows are cut or filled to it, as they hold
    /// only the cells up to their last one with anything in it.
    pub fn set_width(&mut self, header: usize) {
        if let Rows::Sheet { width, .. } = &mut self.rows {
            *width = Some(header);
        }
    }

    pub fn progress(&self) -> Option<Progress> {
        match &self.rows {
            Rows::Csv {
                bytes_read, size, ..
            } => size.map(|total| Progress {
                done: bytes_read.load(Ordering::Relaxed),
                total,
                in_bytes: true,
            }),
            Rows::Sheet { sheet, done, .. } => Some(Progress {
                done: *done,
                total: sheet.height,
                in_bytes: false,
            }),
        }
    }
}

/// A spreadsheet cell as the text a CSV export would give.
pub(super) fn push_cell(record: &mut StringRecord, cell: &Data) {
    match cell {
        Data::Empty => record.push_field(""),
        Data::String(s) => record.push_field(s),
        Data::Int(i) => record.push_field(&i.to_string()),
        // Past 15 digits a spreadsheet number is no longer exact (an ID number typed into a
        // number cell): shown as Excel shows it, so that reading it as an ID number says so.
        Data::Float(f) if f.abs() >= 1e15 => record.push_field(&format!("{f:E}")),
        // Shortest text that reads back as the same number: 3.0 → "3", 0.1 → "0.1".
        Data::Float(f) => record.push_field(&f.to_string()),
        Data::Bool(b) => record.push_field(if *b { "true" } else { "false" }),
        Data::DateTime(dt) => match crate::policy::value::excel_serial_date(dt.as_f64()) {
            Some(date) => record.push_field(&date.to_string()),
            None => record.push_field(&dt.as_f64().to_string()),
        },
        Data::DateTimeIso(s) => record.push_field(s.get(..10).unwrap_or(s)),
        Data::DurationIso(s) => record.push_field(s),
        Data::Error(e) => record.push_field(&e.to_string()),
    }
}

/// Counts the bytes read from the underlying input.
struct Counted {
    inner: Box<dyn Read + Send>,
    count: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
