//! `caiju batch`: check a whole intake.

use super::Context;
use crate::error::Error;

#[derive(Debug, clap::Args)]
pub struct BatchArgs {}

pub fn run(_context: &Context, _args: &BatchArgs) -> Result<u8, Error> {
    Err(Error::Usage("`caiju batch` is not available yet".into()))
}
