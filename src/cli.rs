//! Command-line arguments, as clap reads them.

use crate::i18n::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

#[derive(Debug, Parser)]
#[command(
    name = "caiju",
    version,
    long_version = concat!(env!("CARGO_PKG_VERSION"), "\npolicy: ", env!("CAIJU_POLICY_VERSION")),
    about = "What Nanping's talent policy (南委人才〔2021〕2号) gives you — 南平“才聚武夷”人才政策计算器",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Output language [default: $CAIJU_LANG, then $LANG, then zh]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Use this policy file instead of the embedded policies.toml
    #[arg(long, global = true, value_name = "FILE")]
    pub policy: Option<String>,

    /// Layer a county overlay file over the policy (repeatable, applied in order)
    #[arg(long, global = true, value_name = "FILE")]
    pub overlay: Vec<String>,
}

impl Cli {
    /// The language asked for, else the environment's.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check one profile (TOML or JSON; `-` for stdin) against the policy
    Check(CheckArgs),
    /// Check a whole intake (CSV or XLSX), one output record per row
    Batch(crate::commands::batch::BatchArgs),
    /// Write an xlsx roster to fill in for `batch`: a column per person fact, drop-down lists, instructions
    Template(crate::commands::template::TemplateArgs),
    /// Answer a few questions and see what you get
    Ask(crate::commands::ask::AskArgs),
    /// List the policy's measures (the catalog)
    Measures(crate::commands::measures::MeasuresArgs),
    /// Explain one measure, and with a profile, how it was decided
    Explain(crate::commands::explain::ExplainArgs),
    /// Tools for the people who maintain the policy file
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `caiju manpage > caiju.1`
    Manpage,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The profile: a .toml or .json file, or `-` for standard input
    pub profile: String,

    /// Evaluate as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Also list the measures that do not apply, with their reasons
    #[arg(long)]
    pub all: bool,

    /// With --all: `any` also lists the measures meant for the other kind of profile
    /// (an organisation's for a person, a person's for an organisation)
    #[arg(long, value_enum, default_value_t = SubjectShown::Own, value_name = "WHOSE")]
    pub subject: SubjectShown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SubjectShown {
    /// Only measures for the profile's own kind (a person or an organisation)
    Own,
    /// Measures for persons and organisations alike
    Any,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Run policy test cases (default: tests/policy)
    Test {
        /// Test files or folders of them
        paths: Vec<String>,
    },
    /// Check a policy file (default: the one in use) and report problems
    Lint(crate::commands::lint::LintArgs),
    /// List what changed between two policy files
    Diff(crate::commands::diff::DiffArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// Reads an ISO date argument.
pub fn parse_date(text: &str) -> Result<Date, String> {
    crate::profile::parse_date(text, false).map_err(|m| m.render(early_lang()).into_owned())
}

/// The language before clap has read the arguments (for the messages of its value parsers, and
/// when the arguments cannot be read): a `--lang` among them, else the environment's.
pub fn early_lang() -> Lang {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let given = args
        .iter()
        .enumerate()
        .find_map(|(i, arg)| match arg.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        });
    match given {
        Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        _ => Lang::from_env(),
    }
}
