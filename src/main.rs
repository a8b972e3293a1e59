use caiju::error::{exit, Error};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match caiju::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(usage(&e)),
    };
    match caiju::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Error::Closed) => ExitCode::from(exit::CLOSED),
        Err(e) => {
            // Nothing more can be said if standard error fails too; the exit code still tells.
            let _ = caiju::stdio::err(&format!("{e}\n"));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Prints clap's help, version or usage error; the exit code clap gives it, unless printing fails.
fn usage(e: &clap::Error) -> u8 {
    match e.print() {
        Ok(()) => u8::try_from(e.exit_code()).unwrap_or(exit::USAGE),
        Err(io) => match caiju::stdio::failed(&io, stream(e)) {
            Error::Closed => exit::CLOSED,
            failed => {
                let _ = caiju::stdio::err(&format!("{failed}\n"));
                failed.exit_code()
            }
        },
    }
}

fn stream(e: &clap::Error) -> &'static str {
    if e.use_stderr() {
        "standard error"
    } else {
        "standard output"
    }
}
