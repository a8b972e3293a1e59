//! `caiju check`: one profile, every measure.

use super::{as_of_or_today, Context};
use crate::cli::{CheckArgs, Format, SubjectShown};
use crate::engine::{evaluate, Facts};
use crate::error::Error;
use crate::exit;
use crate::report::{json, Report, Shown};
use crate::table;

pub fn run(context: &Context, args: &CheckArgs) -> Result<u8, Error> {
    let policy = &context.policy;
    let profile = crate::read_profile(policy, &args.profile)?;
    let mut facts = Facts::new(policy, &profile, as_of_or_today(args.as_of));
    let outcomes = evaluate(&mut facts, profile.subject, None)?;
    let mut report = Report::new(
        &mut facts,
        &outcomes,
        profile.subject,
        profile.name.clone(),
        context.lang,
        Shown {
            all: args.all,
            // The JSON interface keeps listing every measure with --all.
            any_subject: args.subject == SubjectShown::Any || args.format == Format::Json,
        },
    );
    report.note_undecided(policy, &profile.undecided);
    let text = match args.format {
        Format::Json => json::render(policy, &report)?,
        Format::Table => table::report::render(policy, &report),
    };
    crate::stdio::out(&text)?;
    Ok(exit::OK)
}
