//! `caiju ask`: a questionnaire that asks only what matters.

use super::Context;
use crate::error::Error;

#[derive(Debug, clap::Args)]
pub struct AskArgs {}

pub fn run(_context: &Context, _args: &AskArgs) -> Result<u8, Error> {
    Err(Error::Usage("`caiju ask` is not available yet".into()))
}
