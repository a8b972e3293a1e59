//! Reads a spreadsheet's sheet row by row on a thread of its own, within bounds on the workbook's size and the sheet's dimensions.

use crate::messages::{Arg, Msg};
use calamine::{Data, Reader, Sheets};
use csv::StringRecord;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// A sheet may reach Excel's own last row; an intake needs far fewer columns than Excel allows,
/// and each row's cells are held in memory.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u32 = 1_024;
/// What a zipped workbook (xlsx, xlsm, xlsb, ods) may unpack to in all, and any one part of it
/// other than a worksheet (those are read as they unpack; the shared strings are held in memory).
pub const MAX_UNPACKED: u64 = 1 << 30;
pub const MAX_PART: u64 = 256 << 20;
/// An .xls or .ods sheet is loaded whole, so the file is bounded instead.
pub const MAX_LOADED_FILE: u64 = 64 << 20;

/// Rows read ahead of their use.
const AHEAD: usize = 256;

/// A row by its number (from 1), or why the sheet cannot be read further.
pub type SheetRow = Result<(u64, StringRecord), Msg>;

/// An opened sheet: its rows as they are read, and how many the sheet says it has.
pub struct Sheet {
    pub rows: Receiver<SheetRow>,
    pub height: u64,
}

/// Streams the cells of sheet `$name` of workbook `$book` (xlsx or xlsb, whose cell readers have
/// the same methods but different types) on a thread of their own, into rows sent to `$rows_in`.
macro_rules! stream_cells {
    ($book:ident, $name:ident, $rows_in:ident, $rows:ident) => {{
        let cells = $book
            .worksheet_cells_reader(&$name)
            .map_err(|e| cannot_read(&$name, &e))?;
        let height = height(cells.dimensions().end.0, cells.dimensions().len());
        drop(cells);
        std::thread::spawn(move || {
            let result = $book
                .worksheet_cells_reader(&$name)
                .map_err(|e| cannot_read(&$name, &e))
                .and_then(|mut cells| {
                    let mut rows = Rows::new(&$rows_in);
                    while let Some(cell) = cells.next_cell().map_err(|e| cannot_read(&$name, &e))? {
                        let (row, column) = cell.get_position();
                        if !rows.add(row, column, Data::from(cell.get_value().clone()))? {
                            return Ok(());
                        }
                    }
                    rows.finish();
                    Ok(())
                });
            if let Err(message) = result {
                let _ = $rows_in.send(Err(message));
            }
        });
        Ok(Sheet {
            rows: $rows,
            height,
        })
    }};
}

/// Opens the sheet `wanted` (else the first) of the workbook at `path`.
pub fn open(path: &str, wanted: Option<&str>) -> Result<Sheet, Msg> {
    let lower = path.to_lowercase();
    let zipped = [".xlsx", ".xlsm", ".xlsb", ".ods"]
        .iter()
        .any(|ending| lower.ends_with(ending));
    if zipped {
        check_unpacked_size(path)?;
    }
    let book = calamine::open_workbook_auto(path).map_err(|e| not_a_workbook(&e))?;
    let name = sheet_name(&book.sheet_names(), wanted)?;
    let (rows_in, rows) = sync_channel(AHEAD);
    match book {
        Sheets::Xlsx(mut xlsx) => stream_cells!(xlsx, name, rows_in, rows),
        Sheets::Xlsb(mut xlsb) => stream_cells!(xlsb, name, rows_in, rows),
        mut book => {
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            if size > MAX_LOADED_FILE {
                return Err(Msg::workbook_too_large(size >> 20, MAX_LOADED_FILE >> 20));
            }
            let range = book
                .worksheet_range(&name)
                .map_err(|e| cannot_read(&name, &e))?;
            let height = range.end().map_or(0, |(row, _)| u64::from(row) + 1);
            std::thread::spawn(move || {
                let (top, left) = range.start().unwrap_or((0, 0));
                let mut rows = Rows::new(&rows_in);
                let result = (|| {
                    for (row, column, cell) in range.used_cells() {
                        let (row, column) = (top + row as u32, left + column as u32);
                        if !rows.add(row, column, cell.clone())? {
                            return Ok(());
                        }
                    }
                    rows.finish();
                    Ok(())
                })();
                if let Err(message) = result {
                    let _ = rows_in.send(Err(message));
                }
            });
            Ok(Sheet { rows, height })
        }
    }
}

fn height(last_row: u32, cells: u64) -> u64 {
    if cells == 0 {
        0
    } else {
        u64::from(last_row) + 1
    }
}

fn cannot_read(name: &str, e: &dyn std::fmt::Display) -> Msg {
    Msg::cannot_read_sheet(name, e.to_string())
}

/// The spreadsheet reader's error: in English its words, in Chinese that the file is not a
/// workbook it can read.
fn not_a_workbook(e: &dyn std::fmt::Display) -> Msg {
    Msg::cannot_read(Msg::not_a_workbook(e.to_string()))
}

fn sheet_name(names: &[String], wanted: Option<&str>) -> Result<String, Msg> {
    match wanted {
        None => names.first().cloned().ok_or_else(Msg::no_sheet),
        Some(wanted) if names.iter().any(|n| n == wanted) => Ok(wanted.to_string()),
        Some(wanted) => {
            let help = crate::diagnostic::did_you_mean(wanted, names.iter().map(String::as_str));
            let message = Msg::no_sheet_named(crate::diagnostic::excerpt(wanted), Arg::list(names));
            Err(message.or_suggest(help))
        }
    }
}

/// Unpacks every part of a zipped workbook without keeping it, to bound what reading it takes.
fn check_unpacked_size(path: &str) -> Result<(), Msg> {
    let file = File::open(path).map_err(|e| Msg::cannot_read(Msg::io(&e)))?;
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        // Not a zip: the spreadsheet reader says what is wrong with it.
        return Ok(());
    };
    let mut total = 0u64;
    for index in 0..zip.len() {
        let mut part = zip.by_index(index).map_err(|e| not_a_workbook(&e))?;
        let streamed = part.name().starts_with("xl/worksheets/")
            && !part.name().starts_with("xl/worksheets/_rels/");
        let limit = if streamed { MAX_UNPACKED } else { MAX_PART };
        let name = part.name().to_string();
        let too_big = |limit: u64| Msg::workbook_part_too_large(&name, limit >> 20);
        // What the part says of itself first; then what it really unpacks to, which a forged part may not say.
        if part.size() > limit {
            return Err(too_big(limit));
        }
        let size = io::copy(&mut (&mut part).take(limit + 1), &mut io::sink())
            .map_err(|e| Msg::cannot_read_part(&name, Msg::io(&e)))?;
        if size > limit {
            return Err(too_big(limit));
        }
        total += size;
        if total > MAX_UNPACKED {
            return Err(Msg::workbook_unpacks_too_large(MAX_UNPACKED >> 20));
        }
    }
    Ok(())
}

/// Gathers cells, given in reading order, into rows, and sends each row (and each empty row
/// before it) as it is complete.
struct Rows<'s> {
    out: &'s SyncSender<SheetRow>,
    /// The row being gathered, from 0.
    row: Option<u32>,
    record: StringRecord,
    /// The next row to send, from 0.
    next: u32,
}

impl<'s> Rows<'s> {
    fn new(out: &'s SyncSender<SheetRow>) -> Rows<'s> {
        Rows {
            out,
            row: None,
            record: StringRecord::new(),
            next: 0,
        }
    }

    /// Adds a cell; `Ok(false)` when no one is listening any more.
    fn add(&mut self, row: u32, column: u32, cell: Data) -> Result<bool, Msg> {
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(Msg::cell_out_of_bounds(
                cell_name(row, column),
                MAX_ROWS,
                MAX_COLUMNS,
            ));
        }
        if self.row != Some(row) {
            if !self.send() {
                return Ok(false);
            }
            if row < self.next {
                return Err(Msg::cells_out_of_order(row + 1, self.next));
            }
            self.row = Some(row);
        }
        let column = column as usize;
        if column < self.record.len() {
            // A cell given twice: the first one stands.
            return Ok(true);
        }
        while self.record.len() < column {
            self.record.push_field("");
        }
        super::input::push_cell(&mut self.record, &cell);
        Ok(true)
    }

    /// Sends the row gathered so far, after the empty rows before it.
    fn send(&mut self) -> bool {
        let Some(row) = self.row.take() else {
            return true;
        };
        while self.next < row {
            self.next += 1;
            if self
                .out
                .send(Ok((u64::from(self.next), StringRecord::new())))
                .is_err()
            {
                return false;
            }
        }
        self.next = row + 1;
        let record = std::mem::take(&mut self.record);
        self.out.send(Ok((u64::from(row) + 1, record))).is_ok()
    }

    fn finish(mut self) {
        self.send();
    }
}

/// `XFD1048576` for the row and column from 0.
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(b'A' + digit as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8_lossy(&letters),
        u64::from(row) + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        let cases = [
            ((0, 0), "A1"),
            ((199_999, 701), "ZZ200000"),
            ((1_048_575, 16_383), "XFD1048576"),
            ((0, 26), "AA1"),
        ];
        for ((row, column), want) in cases {
            assert_eq!(cell_name(row, column), want);
        }
    }
}
