//! `caiju policy diff`: what changed between two policy files.

use crate::cli::Cli;
use crate::error::Error;

#[derive(Debug, clap::Args)]
pub struct DiffArgs {}

pub fn run(_cli: &Cli, _args: &DiffArgs) -> Result<u8, Error> {
    Err(Error::Usage(
        "`caiju policy diff` is not available yet".into(),
    ))
}
