//! `caiju measures`: the policy catalog.

use super::{as_of_or_today, Context};
use crate::catalog::{entries, json, Filter};
use crate::cli::Format;
use crate::cli::MeasuresArgs;
use crate::error::Error;
use crate::exit;
use crate::messages::{Arg, Msg};
use crate::table;

pub fn run(context: &Context, args: &MeasuresArgs) -> Result<u8, Error> {
    let policy = &context.policy;
    if let Some(area) = &args.area {
        let mut areas: Vec<&str> = policy.measures.iter().map(|m| m.area.as_str()).collect();
        areas.dedup();
        if !areas.contains(&area.as_str()) {
            let help = crate::diagnostic::did_you_mean(area, areas.iter().copied());
            let message = Msg::unknown_area(area, Arg::list(areas.iter().copied()));
            return Err(Error::usage(message.or_suggest(help)));
        }
    }
    let as_of = as_of_or_today(args.as_of);
    let filter = Filter {
        area: args.area.clone(),
        beneficiary: args.beneficiary,
    };
    let list = entries(policy, context.lang, as_of, &filter);
    let text = match args.format {
        Format::Json => json::render(policy, &list, as_of, context.lang)?,
        Format::Table => table::catalog::render(policy, &list, as_of, context.lang),
    };
    crate::stdio::out(&text)?;
    Ok(exit::OK)
}
