//! `caiju policy lint`: problems in a policy file.

use crate::cli::Cli;
use crate::error::Error;

#[derive(Debug, clap::Args)]
pub struct LintArgs {}

pub fn run(_cli: &Cli, _args: &LintArgs) -> Result<u8, Error> {
    Err(Error::Usage(
        "`caiju policy lint` is not available yet".into(),
    ))
}
