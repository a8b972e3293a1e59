//! `caiju explain`: one measure in words, and how it was decided.

use super::{as_of_or_today, Context};
use crate::cli::ExplainArgs;
use crate::cli::Format;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::error::Error;
use crate::exit;
use crate::explain::{describe, evaluate_for, json, text};
use crate::messages::Msg;

pub fn run(context: &Context, args: &ExplainArgs) -> Result<u8, Error> {
    let policy = &context.policy;
    let Some(index) = policy.measure_index(&args.measure) else {
        let ids = policy.measures.iter().map(|m| m.id.as_str());
        let message = Msg::unknown_measure_listed(&args.measure);
        let help = did_you_mean(&args.measure, ids);
        return Err(Error::Usage(
            Diagnostic::new(message).with_help_opt(help).into(),
        ));
    };
    let as_of = as_of_or_today(args.as_of);
    let explanation = match &args.profile {
        None => describe(policy, index, as_of, context.lang),
        Some(path) => {
            let profile = crate::read_profile(policy, path)?;
            evaluate_for(policy, index, &profile, as_of, context.lang)?
        }
    };
    let out = match args.format {
        Format::Json => json::render(&explanation)?,
        Format::Table => text::render(&explanation, context.lang),
    };
    crate::stdio::out(&out)?;
    Ok(exit::OK)
}
