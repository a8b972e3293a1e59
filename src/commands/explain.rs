//! `caiju explain`: one measure in words, and how it was decided.

use super::Context;
use crate::error::Error;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {}

pub fn run(_context: &Context, _args: &ExplainArgs) -> Result<u8, Error> {
    Err(Error::Usage("`caiju explain` is not available yet".into()))
}
