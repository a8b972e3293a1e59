//! `caiju measures`: the policy catalog.

use super::Context;
use crate::error::Error;

#[derive(Debug, clap::Args)]
pub struct MeasuresArgs {}

pub fn run(_context: &Context, _args: &MeasuresArgs) -> Result<u8, Error> {
    Err(Error::Usage("`caiju measures` is not available yet".into()))
}
