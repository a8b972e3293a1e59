//! Runs the command the user asked for.

pub mod ask;
pub mod batch;
mod check;
mod completions;
pub mod diff;
pub mod explain;
pub mod lint;
pub mod measures;
pub mod policy_test;
pub mod template;

use crate::cli::{Cli, Command, PolicyCommand};
use crate::diagnostic::Source;
use crate::error::Error;
use crate::i18n::Lang;
use crate::messages::Msg;
use crate::policy::Policy;
use jiff::civil::Date;

/// What every command needs: the language and the policy.
pub struct Context {
    pub lang: Lang,
    pub policy: Policy,
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Result<Context, Error> {
        Ok(Context {
            lang: cli.lang(),
            policy: load_policy(cli.policy.as_deref(), &cli.overlay)?,
        })
    }
}

/// The embedded policy, or the file given, with `overlays` layered over it.
pub fn load_policy(path: Option<&str>, overlays: &[String]) -> Result<Policy, Error> {
    let mut policy = match path {
        None => Policy::embedded()?,
        Some(path) => crate::policy::load(read_source(path)?)?,
    };
    for overlay in overlays {
        policy = crate::policy::overlay::apply(policy, read_source(overlay)?)?;
    }
    Ok(policy)
}

/// A policy or overlay file's text, named for the messages that point into it.
pub fn read_source(path: &str) -> Result<Source, Error> {
    let text = crate::read_input(path).map_err(|e| Error::invalid(Msg::in_file(path, e)))?;
    Ok(Source::new(path, text))
}

/// The date to evaluate for: the one given, or today.
pub fn as_of_or_today(as_of: Option<Date>) -> Date {
    as_of.unwrap_or_else(|| jiff::Zoned::now().date())
}

/// Runs the command; the result is the exit code.
pub fn run(cli: Cli) -> Result<u8, Error> {
    let context = || Context::from_cli(&cli);
    match &cli.command {
        Command::Check(args) => check::run(&context()?, args),
        Command::Batch(args) => batch::run(&context()?, args),
        Command::Ask(args) => ask::run(&context()?, args),
        Command::Measures(args) => measures::run(&context()?, args),
        Command::Explain(args) => explain::run(&context()?, args),
        Command::Policy(PolicyCommand::Test { paths }) => policy_test::run(&context()?, paths),
        Command::Policy(PolicyCommand::Lint(args)) => lint::run(&cli, args),
        Command::Policy(PolicyCommand::Diff(args)) => diff::run(&cli, args),
        Command::Template(args) => template::run(&context()?, args),
        Command::Completions { shell } => completions::completions(*shell),
        Command::Manpage => completions::manpage(),
    }
}
