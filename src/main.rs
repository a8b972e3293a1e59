use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = caiju::cli::Cli::parse();
    match caiju::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}
