//! `caiju explain`: one measure in words, and how it was decided.

use super::{as_of_or_today, Context};
use crate::cli::ExplainArgs;
use crate::cli::Format;
use crate::diagnostic::did_you_mean;
use crate::error::Error;
use crate::exit;
use crate::explain::{describe, evaluate_for, json, text};

pub fn run(context: &Context, args: &ExplainArgs) -> Result<u8, Error> {
    let policy = &context.policy;
    let Some(index) = policy.measure_index(&args.measure) else {
        let ids = policy.measures.iter().map(|m| m.id.as_str());
        let help =
            did_you_mean(&args.measure, ids).map_or(String::new(), |h| format!("\n  = help: {h}"));
        return Err(Error::Usage(format!(
            "error: unknown measure `{}` (`caiju measures` lists them){help}",
            args.measure
        )));
    };
    let as_of = as_of_or_today(args.as_of);
    let explanation = match &args.profile {
        None => describe(policy, index, as_of, context.lang),
        Some(path) => {
            let profile = crate::read_profile(policy, path, context.lang)?;
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
