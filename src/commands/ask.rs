//! `caiju ask`: a questionnaire that asks only what matters.

use super::{as_of_or_today, Context};
use crate::ask::{change, interview, plain::Plain, terminal, write_profile, End, Known};
use crate::cli::AskArgs;
use crate::cli::Format;
use crate::error::Error;
use crate::exit;
use crate::messages::Msg;
use crate::report::{self, json, Shown};
use crate::table;
use std::io::IsTerminal;

pub fn run(context: &Context, args: &AskArgs) -> Result<u8, Error> {
    let policy = &context.policy;
    let lang = context.lang;
    let as_of = as_of_or_today(args.as_of);
    let from = match args.from.as_deref() {
        Some("-") => return Err(Error::usage(Msg::from_stdin_impossible())),
        Some(path) => Some(crate::read_profile(policy, path)?),
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
            write_profile(policy, &known, &path, lang)?;
            crate::stdio::err(&format!("{}\n", Msg::saved_to(&path).render(lang)))?;
        }
        return Ok(exit::INTERRUPTED);
    }
    if let Some(path) = &args.save {
        write_profile(policy, &known, path, lang)?;
    }
    let profile = known.profile();
    let (report, outcomes) = report::of_profile(policy, &profile, as_of, lang, Shown::default())?;
    let text = match args.format {
        Format::Json => json::render(policy, &report)?,
        Format::Table => {
            let changes = change::render(policy, &profile, &outcomes, as_of, lang)?;
            table::report::render(policy, &report) + &changes
        }
    };
    crate::stdio::out(&text)?;
    Ok(exit::OK)
}
