//! `caiju measures`: the policy catalog.

use super::{as_of_or_today, Context};
use crate::catalog::{entries, json, table, Filter};
use crate::cli::Format;
use crate::error::{exit, Error};
use crate::messages::{Arg, Msg};
use crate::policy::Beneficiary;
use jiff::civil::Date;

#[derive(Debug, clap::Args)]
pub struct MeasuresArgs {
    /// Only the measures of this area (sci, youth, skill, rural, eco, or any the policy uses)
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,

    /// Only the measures paid to: individual, employer or organization
    #[arg(long, value_name = "WHO", value_parser = parse_beneficiary)]
    pub beneficiary: Option<Beneficiary>,

    /// List each measure as in force on this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date)]
    pub as_of: Option<Date>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn parse_beneficiary(text: &str) -> Result<Beneficiary, String> {
    Beneficiary::ALL
        .iter()
        .find(|(id, _)| *id == text)
        .map(|(_, b)| *b)
        .ok_or_else(|| {
            Msg::expected_beneficiary()
                .render(crate::cli::early_lang())
                .into_owned()
        })
}

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
        Format::Table => table::render(policy, &list, as_of, context.lang),
    };
    crate::stdio::out(&text)?;
    Ok(exit::OK)
}
