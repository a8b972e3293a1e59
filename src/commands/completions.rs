//! `caiju completions` and `caiju manpage`: shell completion scripts and the manual page, from the clap definitions.

use crate::cli::Cli;
use crate::error::{exit, Error};
use clap::CommandFactory;
use std::io::Write;

pub fn completions(shell: clap_complete::Shell) -> Result<u8, Error> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "caiju", &mut std::io::stdout());
    Ok(exit::OK)
}

pub fn manpage() -> Result<u8, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::Invalid(format!("error: cannot render the manual page: {e}")))?;
    std::io::stdout()
        .write_all(&page)
        .map_err(|e| Error::Invalid(format!("error: cannot write the manual page: {e}")))?;
    Ok(exit::OK)
}
