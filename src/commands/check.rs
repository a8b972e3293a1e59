//! `caiju check`: one profile, every measure.

use super::{as_of_or_today, Context};
use crate::cli::{CheckArgs, Format, SubjectShown};
use crate::error::Error;
use crate::exit;
use crate::report::{self, json, Shown};
use crate::table;

pub fn run(context: &Context, args: &CheckArgs) -> Result<u8, Error> {
    let policy = &context.policy;
    let profile = crate::read_profile(policy, &args.profile)?;
    let shown = Shown {
        all: args.all,
        // The JSON interface keeps listing every measure with --all.
        any_subject: args.subject == SubjectShown::Any || args.format == Format::Json,
    };
    let as_of = as_of_or_today(args.as_of);
    let (report, _) = report::of_profile(policy, &profile, as_of, context.lang, shown)?;
    let text = match args.format {
        Format::Json => json::render(policy, &report)?,
        Format::Table => table::report::render(policy, &report),
    };
    crate::stdio::out(&text)?;
    Ok(exit::OK)
}
