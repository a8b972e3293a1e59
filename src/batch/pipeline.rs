//! Runs an intake's rows through the engine on every core and writes the results in input order, in bounded memory.

use super::columns::{Columns, RowReader};
use super::input::{Input, Next};
use super::output::{listed, text_rows, Destination, Format, Hire, Rows, Settings, TextRows};
use super::summary::Summary;
use super::{is_blank, note};
use crate::engine::{Evaluator, Facts, Outcome};
use crate::error::Error;
use crate::messages::Msg;
use crate::policy::Subject;
use crate::report::{measure_report, MeasureReport};
use csv::StringRecord;
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::io;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

/// Rows handed to a worker at a time: fewer when each carries its reasons (jsonl, table, xlsx),
/// which take far more memory than a CSV line.
const CHUNK: usize = 1024;
const CHUNK_WITH_REASONS: usize = 64;
/// Chunks read but not yet written, per worker: this bounds the memory, however the workers are scheduled.
const IN_FLIGHT: usize = 4;

/// What every row is read, evaluated and written with.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    pub settings: Settings<'a>,
    pub format: Format,
    pub columns: &'a Columns,
    pub only: Option<&'a [usize]>,
    pub as_of: Date,
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
    Unreadable(u64, Msg),
}

/// A row as decided. An evaluated row's outcomes are the evaluator's, until the next row.
enum Done {
    Blank(StringRecord),
    /// A note under the table, not a hire.
    Note(u64, StringRecord),
    Failed(u64, Option<StringRecord>, Msg),
    Evaluated(u64, StringRecord, Vec<MeasureReport>),
}

/// A chunk of rows as decided: their text (text formats) or the rows themselves with their
/// outcomes (xlsx), and their counts.
struct Decided {
    text: Vec<u8>,
    rows: Vec<(Done, Vec<Outcome>)>,
    summary: Summary,
}

type Numbered<T> = (u64, T);

/// Reads every row after the header from `input`, evaluates it, and writes it to `destination`
/// in order, counting it in `summary`. `input_name` names the input in errors; `progress` is moved
/// on as the input is read.
pub fn run(
    job: Job,
    input: Input,
    input_name: &str,
    destination: &mut Destination,
    summary: &mut Summary,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<(), Stop> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let limit = IN_FLIGHT * workers;
    let (rows_in, rows_out) = sync_channel::<Numbered<Vec<Item>>>(limit);
    let (done_in, done_out) = sync_channel::<Numbered<Result<Decided, Stop>>>(limit);
    // A chunk may be read only with a ticket, given back once it is written.
    let (tickets_in, tickets_out) = sync_channel::<()>(limit);
    for _ in 0..limit {
        let _ = tickets_in.send(());
    }
    // Records done with go back to the reader, a chunk's worth at a time, to be filled again.
    let (spare_in, spare_out) = channel::<Vec<StringRecord>>();
    let rows_out = Arc::new(Mutex::new(rows_out));
    std::thread::scope(|scope| {
        let chunk = if job.format.needs_reports() {
            CHUNK_WITH_REASONS
        } else {
            CHUNK
        };
        let reading =
            scope.spawn(move || read(input, chunk, rows_in, tickets_out, spare_out, progress));
        for _ in 0..workers {
            let rows_out = Arc::clone(&rows_out);
            let done_in = done_in.clone();
            let spare_in = spare_in.clone();
            scope.spawn(move || work(job, &rows_out, &done_in, &spare_in));
        }
        drop((rows_out, done_in));
        let written = write(job, done_out, tickets_in, spare_in, destination, summary);
        let read = reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written?;
        read.map_err(|e| Stop::Failed(Error::invalid(Msg::in_file(input_name, e))))
    })
}

/// Reads rows into chunks until the input ends, an error, or no one is listening.
fn read(
    mut input: Input,
    chunk: usize,
    rows_in: SyncSender<Numbered<Vec<Item>>>,
    tickets: Receiver<()>,
    spare: Receiver<Vec<StringRecord>>,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<(), Msg> {
    let mut records: Vec<StringRecord> = Vec::new();
    for sequence in 0.. {
        if tickets.recv().is_err() {
            break;
        }
        let mut items = Vec::with_capacity(chunk);
        let mut ended = false;
        while items.len() < chunk {
            if records.is_empty() {
                records = spare.try_recv().unwrap_or_default();
            }
            let mut record = records.pop().unwrap_or_default();
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
    rows_out: &Mutex<Receiver<Numbered<Vec<Item>>>>,
    done_in: &SyncSender<Numbered<Result<Decided, Stop>>>,
    spare: &Sender<Vec<StringRecord>>,
) {
    let policy = job.settings.policy;
    let mut reader = job.columns.reader(policy);
    let mut text = text_rows(job.format, job.settings);
    let given = job.columns.given(policy);
    let mut scratch = Scratch {
        facts: Facts::new(policy, &job.columns.base(policy), job.as_of),
        evaluator: Evaluator::new(
            policy,
            job.only,
            |fact| given[fact],
            job.format.needs_reports(),
        ),
    };
    loop {
        let next = match rows_out.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok((sequence, items)) = next else {
            return;
        };
        let decided = decide_chunk(
            job,
            &mut reader,
            &mut scratch,
            text.as_deref_mut(),
            items,
            spare,
        );
        if done_in.send((sequence, decided)).is_err() {
            return;
        }
    }
}

/// A worker's memory for evaluating, reused from row to row.
struct Scratch<'p> {
    /// The facts of the row being decided; those no column gives keep their defaults throughout.
    facts: Facts<'p>,
    evaluator: Evaluator<'p>,
}

fn decide_chunk<'p>(
    job: Job<'p>,
    reader: &mut RowReader,
    scratch: &mut Scratch<'p>,
    mut text: Option<&mut (dyn TextRows + '_)>,
    items: Vec<Item>,
    spare: &Sender<Vec<StringRecord>>,
) -> Result<Decided, Stop> {
    let mut summary = Summary::new(job.settings.policy, job.only);
    let mut rows = Vec::new();
    let mut records = Vec::with_capacity(items.len());
    for item in items {
        let done = decide(job, reader, scratch, item);
        let outcomes = match done {
            Done::Evaluated(..) => scratch.evaluator.outcomes(),
            _ => &[],
        };
        count(job, &done, outcomes, &mut summary)?;
        match text.as_deref_mut() {
            Some(text) => records.extend(write_row(job, done, outcomes, text)?),
            None => rows.push((done, outcomes.to_vec())),
        }
    }
    if !records.is_empty() {
        let _ = spare.send(records);
    }
    Ok(Decided {
        text: text.map(|t| t.take()).unwrap_or_default(),
        rows,
        summary,
    })
}

fn decide<'p>(job: Job<'p>, reader: &mut RowReader, scratch: &mut Scratch<'p>, item: Item) -> Done {
    let (row, record) = match item {
        Item::Unreadable(row, message) => return Done::Failed(row, None, message),
        Item::Row(row, record) => (row, record),
    };
    if is_blank(&record) {
        return Done::Blank(record);
    }
    if note(&record).is_some() {
        return Done::Note(row, record);
    }
    let facts = &mut scratch.facts;
    if let Err(message) = reader.read(&record, row, &mut facts.values, &mut facts.choices) {
        return Done::Failed(row, Some(record), message);
    }
    facts.values_changed();
    // Values the policy cannot compute with (a division by zero, a date out of range) fail this
    // row only. An intake's rows are people.
    let outcomes = match scratch.evaluator.evaluate(facts, Subject::Person) {
        Ok(outcomes) => outcomes,
        Err(e) => return Done::Failed(row, Some(record), Msg::row_error(row, e.message())),
    };
    let reports = if job.format.needs_reports() {
        listed(outcomes, job.settings.all)
            .map(|o| measure_report(facts, o, job.settings.lang))
            .collect()
    } else {
        Vec::new()
    };
    Done::Evaluated(row, record, reports)
}

/// Counts one row, with its outcomes if it was evaluated.
fn count(job: Job, done: &Done, outcomes: &[Outcome], summary: &mut Summary) -> Result<(), Stop> {
    summary.rows_read += 1;
    match done {
        Done::Blank(_) => summary.rows_blank += 1,
        Done::Note(row, record) => summary.add_note(*row, note(record).unwrap_or_default()),
        Done::Failed(row, ..) => summary.error_rows.push(*row),
        Done::Evaluated(..) => summary
            .add(job.settings.policy, outcomes)
            .map_err(|e| Stop::Failed(Error::invalid(e)))?,
    }
    Ok(())
}

/// Hands one row to `rows`, with its outcomes if it was evaluated, giving back its record.
fn write_row(
    job: Job,
    done: Done,
    outcomes: &[Outcome],
    rows: &mut dyn Rows,
) -> io::Result<Option<StringRecord>> {
    Ok(match done {
        Done::Blank(record) | Done::Note(_, record) => Some(record),
        Done::Failed(row, record, message) => {
            let (name, id) = record.as_ref().map_or(("", ""), |r| job.columns.echo(r));
            rows.failed(&Hire { row, name, id }, &message)?;
            record
        }
        Done::Evaluated(row, record, reports) => {
            let (name, id) = job.columns.echo(&record);
            rows.evaluated(&Hire { row, name, id }, outcomes, &reports)?;
            Some(record)
        }
    })
}

/// Puts the decided chunks back in order and writes them.
fn write(
    job: Job,
    done_out: Receiver<Numbered<Result<Decided, Stop>>>,
    tickets: SyncSender<()>,
    spare: Sender<Vec<StringRecord>>,
    destination: &mut Destination,
    summary: &mut Summary,
) -> Result<(), Stop> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (sequence, decided) in done_out {
        waiting.insert(sequence, decided);
        while let Some(decided) = waiting.remove(&next) {
            next += 1;
            let decided = decided?;
            summary
                .merge(job.settings.policy, &decided.summary)
                .map_err(|e| Stop::Failed(Error::invalid(e)))?;
            match destination {
                Destination::Text(out) => out.write_all(&decided.text)?,
                Destination::Xlsx(sink) => {
                    let mut records = Vec::with_capacity(decided.rows.len());
                    for (done, outcomes) in decided.rows {
                        records.extend(write_row(job, done, &outcomes, sink.as_mut())?);
                    }
                    let _ = spare.send(records);
                }
            }
            let _ = tickets.send(());
        }
    }
    Ok(())
}
