//! `caiju batch`: check a whole intake, one output record per row, streaming.

use super::{as_of_or_today, Context};
use crate::batch::columns;
use crate::batch::decode::Encoding;
use crate::batch::input::{self, Input};
use crate::batch::output::target::{self, Target};
use crate::batch::output::{self, Format, Out, Settings};
use crate::batch::pipeline::{self, Job, Stop};
use crate::batch::summary::Summary;
use crate::cli::BatchArgs;
use crate::diagnostic::did_you_mean;
use crate::error::Error;
use crate::exit;
use crate::messages::Msg;
use crate::policy::Policy;
use std::io::{self, IsTerminal};
use std::path::Path;

/// Inputs at least this large (bytes of CSV, rows of a sheet) get a progress bar on a terminal.
const LARGE_BYTES: u64 = 4 * 1024 * 1024;
const LARGE_ROWS: u64 = 20_000;

pub fn run(context: &Context, args: &BatchArgs) -> Result<u8, Error> {
    let policy = &context.policy;
    let only = measure_indices(policy, &args.measures)?;
    let format = choose_format(args)?;
    let as_of = as_of_or_today(args.as_of);
    let name = if args.input == "-" {
        "<stdin>"
    } else {
        &args.input
    };
    let invalid = |message: Msg| Error::invalid(Msg::in_file(name, message));
    if input::is_spreadsheet(&args.input) && args.encoding != Encoding::Auto {
        return Err(Error::usage(Msg::encoding_for_csv_only()));
    }
    if !input::is_spreadsheet(&args.input) && args.sheet.is_some() {
        return Err(Error::usage(Msg::sheet_for_spreadsheets_only()));
    }
    refuse_overwrites(args)?;

    let mut input =
        input::open(&args.input, args.encoding, args.sheet.as_deref()).map_err(invalid)?;
    let header = columns::read_header(policy, &mut input).map_err(invalid)?;
    for warning in header.warnings {
        let warning = Msg::labelled(Msg::warning_label(), warning);
        crate::stdio::err(&format!("{}\n", warning.render(context.lang)))?;
    }
    let mut columns = header.columns;
    for given in &args.set {
        columns.set(policy, given).map_err(Error::usage)?;
    }

    if args.output.is_some() || args.summary.is_some() {
        target::remove_parts_on_signals();
    }
    let target = match &args.output {
        Some(path) => Some(Target::open(path)?),
        None => None,
    };
    let out = match &target {
        Some(target) => Out::File(target.file().map_err(|e| write_error(args, &e))?),
        None => Out::Stdout,
    };
    let settings = Settings {
        policy,
        lang: context.lang,
        all: args.all,
    };
    let mut destination = output::open(format, out, settings).map_err(|e| write_error(args, &e))?;
    let mut summary = Summary::new(policy, only.as_deref());
    summary.rows_above_header = header.above;
    summary.not_given = columns.not_given(policy);
    let job = Job {
        settings,
        format,
        columns: &columns,
        only: only.as_deref(),
        as_of,
    };
    let progress = progress_bar(&input);
    let result = pipeline::run(
        job,
        input,
        name,
        &mut destination,
        &mut summary,
        progress.as_ref(),
    );
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    match result.and_then(|()| destination.finish(&summary).map_err(Stop::from)) {
        Ok(()) => {}
        Err(Stop::PipeClosed) => return Err(Error::Closed),
        Err(Stop::Failed(e)) => return Err(e),
        Err(Stop::Write(e)) => return Err(write_error(args, &e)),
    }
    if let (Some(target), Some(path)) = (target, &args.output) {
        target.finish(path)?;
    }
    if let Some(path) = &args.summary {
        target::write_atomically(path, &summary.to_json(policy, as_of)?)?;
    }
    crate::stdio::err(&summary.render(policy, context.lang))?;
    Ok(if summary.error_rows.is_empty() {
        exit::OK
    } else {
        exit::SOME_ROWS_FAILED
    })
}

/// Refuses an output or summary file that is the input (named, or behind standard input), or
/// that is the other one.
fn refuse_overwrites(args: &BatchArgs) -> Result<(), Error> {
    for written in [&args.output, &args.summary].into_iter().flatten() {
        let input = if args.input == "-" {
            target::is_standard_input(written).then(Msg::the_file_on_stdin)
        } else {
            target::same_file(written, Path::new(&args.input)).then(Msg::the_input)
        };
        if let Some(input) = input {
            let written = written.display().to_string();
            return Err(Error::usage(Msg::would_overwrite_input(written, input)));
        }
    }
    if let (Some(output), Some(summary)) = (&args.output, &args.summary) {
        if target::same_target(output, summary) {
            let file = summary.display().to_string();
            return Err(Error::usage(Msg::output_is_summary(file)));
        }
    }
    Ok(())
}

fn write_error(args: &BatchArgs, e: &io::Error) -> Error {
    match &args.output {
        Some(path) => target::cannot_write(path, Msg::io(e)),
        None => crate::stdio::failed(e, crate::stdio::Stream::Out),
    }
}

/// The policy's indices of the `--measure` ids; `None` when none were given.
fn measure_indices(policy: &Policy, ids: &[String]) -> Result<Option<Vec<usize>>, Error> {
    if ids.is_empty() {
        return Ok(None);
    }
    let mut indices = Vec::new();
    for id in ids {
        let Some(index) = policy.measure_index(id) else {
            let help = did_you_mean(id, policy.measures.iter().map(|m| m.id.as_str()));
            return Err(Error::usage(Msg::unknown_measure(id).or_suggest(help)));
        };
        indices.push(index);
    }
    // In the policy's order, as `check` lists them.
    indices.sort_unstable();
    indices.dedup();
    Ok(Some(indices))
}

fn choose_format(args: &BatchArgs) -> Result<Format, Error> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) => Format::of_path(path).unwrap_or(Format::Csv),
        (None, None) if io::stdout().is_terminal() => Format::Table,
        (None, None) => Format::Csv,
    };
    if format == Format::Xlsx && args.output.is_none() && io::stdout().is_terminal() {
        return Err(Error::usage(Msg::xlsx_on_terminal()));
    }
    Ok(format)
}

/// A progress bar on standard error, when it is a terminal and the input is large.
fn progress_bar(input: &Input) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let progress = input.progress()?;
    let large = if progress.in_bytes {
        progress.total >= LARGE_BYTES
    } else {
        progress.total >= LARGE_ROWS
    };
    if !large {
        return None;
    }
    let template = if progress.in_bytes {
        "{bar:40} {bytes}/{total_bytes} {elapsed_precise}"
    } else {
        "{bar:40} {pos}/{len} {elapsed_precise}"
    };
    let bar = indicatif::ProgressBar::new(progress.total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    Some(bar)
}
