//! `caiju completions` and `caiju manpage`: shell completion scripts and the manual page, from the clap definitions.

use crate::cli::Cli;
use crate::error::Error;
use crate::exit;
use crate::messages::Msg;
use crate::stdio::Stream;
use clap::CommandFactory;

pub fn completions(shell: clap_complete::Shell) -> Result<u8, Error> {
    let mut command = Cli::command();
    // Into memory first: `generate` panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "caiju", &mut script);
    crate::stdio::write(&mut std::io::stdout().lock(), &script, Stream::Out)?;
    Ok(exit::OK)
}

pub fn manpage() -> Result<u8, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::invalid(Msg::cannot_render_manpage(Msg::io(&e))))?;
    crate::stdio::write(&mut std::io::stdout().lock(), &page, Stream::Out)?;
    Ok(exit::OK)
}
