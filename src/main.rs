use caiju::error::Error;
use caiju::exit;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match caiju::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(usage(&e)),
    };
    // Known before anything runs, so every error is said in it.
    let lang = cli.lang();
    match caiju::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Error::Closed) => ExitCode::from(exit::CLOSED),
        Err(e) => {
            // Nothing more can be said if standard error fails too; the exit code still tells.
            let _ = caiju::stdio::err(&format!("{}\n", e.render(lang)));
            ExitCode::from(exit::code(&e))
        }
    }
}

/// Prints clap's help, version or usage error. The exit code is clap's, unless the help or
/// version cannot be written (a usage error that cannot be written keeps its code). The
/// arguments could not be read, so a message of caiju's own is in the language of the environment.
fn usage(e: &clap::Error) -> u8 {
    let code = u8::try_from(e.exit_code()).unwrap_or(exit::USAGE);
    let lang = caiju::cli::early_lang();
    if let Some(message) = caiju::cli::usage_message(e, lang) {
        let _ = caiju::stdio::err(&format!("{}\n", message.render(lang)));
        return code;
    }
    match e.print() {
        Err(io) if !e.use_stderr() => match caiju::stdio::failed(&io, caiju::stdio::Stream::Out) {
            Error::Closed => exit::CLOSED,
            failed => {
                let _ =
                    caiju::stdio::err(&format!("{}\n", failed.render(caiju::cli::early_lang())));
                exit::code(&failed)
            }
        },
        _ => code,
    }
}
