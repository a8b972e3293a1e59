//! `caiju completions` and `caiju manpage`: shell completion scripts and the manual page, from the clap definitions.

use crate::cli::Cli;
use crate::error::Error;
use crate::exit;
use clap::CommandFactory;

pub fn completions(shell: clap_complete::Shell) -> Result<u8, Error> {
    let mut command = Cli::command();
    // Into memory first: `generate` panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "caiju", &mut script);
    crate::stdio::write(&mut std::io::stdout().lock(), &script, "standard output")?;
    Ok(exit::OK)
}

pub fn manpage() -> Result<u8, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::Invalid(format!("error: cannot render the manual page: {e}")))?;
    crate::stdio::write(&mut std::io::stdout().lock(), &page, "standard output")?;
    Ok(exit::OK)
}
