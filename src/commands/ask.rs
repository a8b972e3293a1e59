//! `caiju ask`: a questionnaire that asks only what matters.

use super::{as_of_or_today, Context};
use crate::ask::{change, interview, plain::Plain, save, terminal, End, Known};
use crate::cli::Format;
use crate::engine::{evaluate, Facts};
use crate::error::{exit, Error};
use crate::messages::Msg;
use crate::report::{json, table, Report, Shown};
use jiff::civil::Date;
use std::io::IsTerminal;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
On a terminal: arrow keys and Enter to choose, Esc for the previous question, Ctrl-C to leave.
Otherwise (plain mode) each question is a line `? FIELD: QUESTION [OPTIONS]` on standard error
and the next line of standard input answers it; an empty line means \"I don't know\".
See docs/ask.md.")]
pub struct AskArgs {
    /// Evaluate as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date)]
    pub as_of: Option<Date>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write the answers to this profile (TOML; JSON if the name ends in .json)
    #[arg(long, value_name = "FILE")]
    pub save: Option<String>,

    /// Start from this profile (TOML or JSON) and ask only what it leaves open
    #[arg(long, value_name = "PROFILE")]
    pub from: Option<String>,
}

pub fn run(context: &Context, args: &AskArgs) -> Result<u8, Error> {
    let policy = &context.policy;
    let lang = context.lang;
    let as_of = as_of_or_today(args.as_of);
    let from = match args.from.as_deref() {
        Some("-") => return Err(Error::usage(Msg::from_stdin_impossible())),
        Some(path) => Some(crate::profile::read(policy, path)?),
        None => None,
    };
    let mut known = Known::new(policy, from);
    let terminal_mode = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let end = if terminal_mode {
        interview(
            policy,
            &mut known,
            as_of,
            &mut terminal::Terminal::new(lang),
        )?
    } else {
        let mut plain = Plain::new(std::io::stdin().lock(), std::io::stderr().lock(), lang);
        interview(policy, &mut known, as_of, &mut plain)?
    };
    if end == End::Interrupted {
        if let Some(path) = terminal::offer_save(lang, args.save.as_deref()) {
            save::write(policy, &known, &path, lang)?;
            crate::stdio::err(&format!("{}\n", Msg::saved_to(&path).render(lang)))?;
        }
        return Ok(exit::INTERRUPTED);
    }
    if let Some(path) = &args.save {
        save::write(policy, &known, path, lang)?;
    }
    let profile = known.profile();
    let mut facts = Facts::new(policy, &profile, as_of);
    let outcomes = evaluate(&mut facts, profile.subject, None)?;
    let report = Report::new(
        &mut facts,
        &outcomes,
        profile.subject,
        profile.name.clone(),
        lang,
        Shown::default(),
    );
    let text = match args.format {
        Format::Json => json::render(policy, &report)?,
        Format::Table => {
            let changes = change::render(policy, &profile, &outcomes, as_of, lang)?;
            table::render(policy, &report) + &changes
        }
    };
    crate::stdio::out(&text)?;
    Ok(exit::OK)
}
