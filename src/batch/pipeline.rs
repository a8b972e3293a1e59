//! Runs an intake's rows through the engine on every core and writes the results in input order, in bounded memory.

use super::columns::{Columns, RowReader};
use super::input::{Input, Next};
use super::is_blank;
use super::output::{listed, Hire, Sink};
use super::summary::Summary;
use crate::engine::{evaluate, EngineError, Facts, Outcome};
use crate::error::Error;
use crate::i18n::Lang;
use crate::policy::Policy;
use crate::report::{measure_report, MeasureReport};
use csv::StringRecord;
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::io;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

/// Rows handed to a worker at a time.
const CHUNK: usize = 64;
/// Chunks read but not yet written, per worker: this bounds the memory, however the workers are scheduled.
const IN_FLIGHT: usize = 4;

/// What every row is read and evaluated with.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    pub policy: &'a Policy,
    pub columns: &'a Columns,
    pub only: Option<&'a [usize]>,
    pub as_of: Date,
    /// Render the listed measures in full (for JSON Lines), in this language.
    pub reports: Option<Lang>,
    /// List the measures that do not apply too.
    pub all: bool,
}

/// Why the rows stopped before the end.
pub enum Stop {
    Failed(Error),
    Write(io::Error),
    /// The reader of standard output has seen enough: not an error.
    PipeClosed,
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Stop::PipeClosed
        } else {
            Stop::Write(e)
        }
    }
}

/// A row as read.
enum Item {
    Row(u64, StringRecord),
    Unreadable(u64, String),
}

/// A row as decided.
enum Done {
    Blank(StringRecord),
    Failed(u64, Option<StringRecord>, String),
    Evaluated(u64, StringRecord, Vec<Outcome>, Vec<MeasureReport>),
}

type Chunk<T> = (u64, T);

/// Reads every row after the header from `input`, evaluates it, and hands it to `sink` in order.
/// `input_name` names the input in errors; `progress` is moved on as the input is read.
pub fn run(
    job: Job,
    input: Input,
    input_name: &str,
    sink: &mut dyn Sink,
    summary: &mut Summary,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<(), Stop> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let limit = IN_FLIGHT * workers;
    let (rows_in, rows_out) = sync_channel::<Chunk<Vec<Item>>>(limit);
    let (done_in, done_out) = sync_channel::<Chunk<Result<Vec<Done>, EngineError>>>(limit);
    // A chunk may be read only with a ticket, given back once it is written.
    let (tickets_in, tickets_out) = sync_channel::<()>(limit);
    for _ in 0..limit {
        let _ = tickets_in.send(());
    }
    // Records written go back to the reader to be filled again.
    let (spare_in, spare_out) = channel::<StringRecord>();
    let rows_out = Arc::new(Mutex::new(rows_out));
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || read(input, rows_in, tickets_out, spare_out, progress));
        for _ in 0..workers {
            let rows_out = Arc::clone(&rows_out);
            let done_in = done_in.clone();
            scope.spawn(move || work(job, &rows_out, &done_in));
        }
        drop((rows_out, done_in));
        let written = write(job, done_out, tickets_in, spare_in, sink, summary);
        let read = reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written?;
        read.map_err(|e| Stop::Failed(Error::Invalid(format!("error: {input_name}: {e}"))))
    })
}

/// Reads rows into chunks until the input ends, an error, or no one is listening.
fn read(
    mut input: Input,
    rows_in: SyncSender<Chunk<Vec<Item>>>,
    tickets: Receiver<()>,
    spare: Receiver<StringRecord>,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<(), String> {
    for sequence in 0.. {
        if tickets.recv().is_err() {
            break;
        }
        let mut items = Vec::with_capacity(CHUNK);
        let mut ended = false;
        while items.len() < CHUNK {
            let mut record = spare.try_recv().unwrap_or_default();
            match input.next(&mut record)? {
                Next::Row(row) => items.push(Item::Row(row, record)),
                Next::Unreadable(row, message) => items.push(Item::Unreadable(row, message)),
                Next::End => {
                    ended = true;
                    break;
                }
            }
        }
        if let (Some(bar), Some(p)) = (progress, input.progress()) {
            bar.set_position(p.done);
        }
        if rows_in.send((sequence, items)).is_err() || ended {
            break;
        }
    }
    Ok(())
}

/// Decides chunks of rows until there are no more, or no one is listening.
fn work(
    job: Job,
    rows_out: &Mutex<Receiver<Chunk<Vec<Item>>>>,
    done_in: &SyncSender<Chunk<Result<Vec<Done>, EngineError>>>,
) {
    let mut reader = job.columns.reader(job.policy);
    loop {
        let next = match rows_out.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok((sequence, items)) = next else {
            return;
        };
        let done = items
            .into_iter()
            .map(|item| decide(job, &mut reader, item))
            .collect();
        if done_in.send((sequence, done)).is_err() {
            return;
        }
    }
}

fn decide(job: Job, reader: &mut RowReader, item: Item) -> Result<Done, EngineError> {
    let (row, record) = match item {
        Item::Unreadable(row, message) => return Ok(Done::Failed(row, None, message)),
        Item::Row(row, record) => (row, record),
    };
    if is_blank(&record) {
        return Ok(Done::Blank(record));
    }
    let profile = match reader.read(&record, row) {
        Ok(profile) => profile,
        Err(message) => return Ok(Done::Failed(row, Some(record), message)),
    };
    let mut facts = Facts::new(job.policy, profile, job.as_of);
    let outcomes = evaluate(&mut facts, profile.subject, job.only)?;
    let reports = match job.reports {
        Some(lang) => listed(&outcomes, job.all)
            .map(|o| measure_report(&mut facts, o, lang))
            .collect(),
        None => Vec::new(),
    };
    Ok(Done::Evaluated(row, record, outcomes, reports))
}

/// Puts the decided chunks back in order and writes them.
fn write(
    job: Job,
    done_out: Receiver<Chunk<Result<Vec<Done>, EngineError>>>,
    tickets: SyncSender<()>,
    spare: Sender<StringRecord>,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> Result<(), Stop> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (sequence, chunk) in done_out {
        waiting.insert(sequence, chunk);
        while let Some(chunk) = waiting.remove(&next) {
            next += 1;
            let chunk = chunk.map_err(|e| Stop::Failed(Error::from(e)))?;
            for done in chunk {
                if let Some(record) = write_row(job, done, sink, summary)? {
                    let _ = spare.send(record);
                }
            }
            let _ = tickets.send(());
        }
    }
    Ok(())
}

/// Writes one row, giving back its record.
fn write_row(
    job: Job,
    done: Done,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> io::Result<Option<StringRecord>> {
    summary.rows_read += 1;
    Ok(match done {
        Done::Blank(record) => {
            summary.rows_blank += 1;
            Some(record)
        }
        Done::Failed(row, record, message) => {
            summary.error_rows.push(row);
            let (name, id) = record.as_ref().map_or(("", ""), |r| job.columns.echo(r));
            sink.failed(&Hire { row, name, id }, &message)?;
            record
        }
        Done::Evaluated(row, record, outcomes, reports) => {
            summary.add(job.policy, &outcomes);
            let (name, id) = job.columns.echo(&record);
            sink.evaluated(&Hire { row, name, id }, &outcomes, &reports)?;
            Some(record)
        }
    })
}
