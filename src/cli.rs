//! Command-line arguments, as clap reads them.

use crate::batch::decode::Encoding;
use crate::i18n::Lang;
use crate::messages::Msg;
use crate::policy::Beneficiary;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use std::path::PathBuf;

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
    #[arg(long, global = true, value_parser = lang_parser())]
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
        self.lang.unwrap_or_else(lang_from_env)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check one profile (TOML or JSON; `-` for stdin) against the policy
    Check(CheckArgs),
    /// Check a whole intake (CSV or XLSX), one output record per row
    Batch(BatchArgs),
    /// Write an xlsx roster to fill in for `batch`: a column per person fact, drop-down lists, instructions
    Template(TemplateArgs),
    /// Answer a few questions and see what you get
    Ask(AskArgs),
    /// List the policy's measures (the catalog)
    Measures(MeasuresArgs),
    /// Explain one measure, and with a profile, how it was decided
    Explain(ExplainArgs),
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
    Lint(LintArgs),
    /// List what changed between two policy files
    Diff(DiffArgs),
}

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// The intake: a .csv or .xlsx file (first row: column titles), or `-` for CSV on standard input
    pub input: String,

    /// Write the results to this file (replaced only once complete) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format [default: from the --output file's ending; else table on a terminal, csv otherwise]
    #[arg(long, value_enum)]
    pub format: Option<crate::batch::output::Format>,

    /// Evaluate as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Also list the measures that do not apply
    #[arg(long)]
    pub all: bool,

    /// Evaluate only this measure (repeatable)
    #[arg(long = "measure", value_name = "ID")]
    pub measures: Vec<String>,

    /// Text encoding of a CSV input
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    pub encoding: Encoding,

    /// The sheet of a spreadsheet input [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Give every row this value where the file has no such column or the cell is empty
    /// (repeatable), e.g. --set 单位在南平=是
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,

    /// Also write the summary as JSON to this file
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// Write the template to this file (replaced only once complete) [default: standard output
    /// when it is not a terminal; else 花名册模板.xlsx (roster-template.xlsx with --lang en), never
    /// over an existing file]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
On a terminal: arrow keys and Enter to choose, Esc for the previous question, Ctrl-C to leave.
Otherwise (plain mode) each question is a line `? FIELD: QUESTION [OPTIONS]` on standard error
and the next line of standard input answers it; an empty line means \"I don't know\".
See docs/ask.md.")]
pub struct AskArgs {
    /// Evaluate as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
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

#[derive(Debug, clap::Args)]
pub struct MeasuresArgs {
    /// Only the measures of this area (sci, youth, skill, rural, eco, or any the policy uses)
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,

    /// Only the measures paid to: individual, employer or organization
    #[arg(long, value_name = "WHO", value_parser = parse_beneficiary)]
    pub beneficiary: Option<Beneficiary>,

    /// List each measure as in force on this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
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
            crate::messages::Msg::expected_beneficiary()
                .render(early_lang())
                .into_owned()
        })
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The measure's id (`caiju measures` lists them)
    pub measure: String,

    /// A profile (.toml or .json, `-` for standard input) to show how the measure was decided for it
    pub profile: Option<String>,

    /// Evaluate as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// The policy file to check [default: the one in use, with any --overlay]; an overlay file is
    /// layered over the policy in use, and only its own findings are shown
    pub file: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The policy file before
    pub old: String,

    /// The policy file after, or an overlay (then: OLD with the overlay layered over it)
    pub new: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// Reads an ISO date argument.
pub fn parse_date(text: &str) -> Result<Date, String> {
    crate::policy::value::parse_date(text, false).map_err(|m| m.render(early_lang()).into_owned())
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
        _ => lang_from_env(),
    }
}

/// A usage error of the common kinds in caiju's own words, for a language clap does not speak;
/// `None` leaves it to clap (English, or a kind without its own message).
pub fn usage_message(e: &clap::Error, lang: Lang) -> Option<Msg> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if lang == Lang::En {
        return None;
    }
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join(", ")),
        _ => None,
    };
    let suggestion = text(ContextKind::SuggestedArg)
        .or_else(|| text(ContextKind::SuggestedSubcommand))
        .map(Msg::did_you_mean);
    let message = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let arg = text(ContextKind::InvalidArg)?;
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            let why = match (std::error::Error::source(e), text(ContextKind::ValidValue)) {
                (Some(source), _) => Some(Msg::verbatim(source.to_string())),
                (None, Some(valid)) => Some(Msg::expected_one_of(valid)),
                (None, None) => None,
            };
            Msg::bad_argument_value(arg, value, why)
        }
        ErrorKind::UnknownArgument => {
            Msg::unknown_argument(text(ContextKind::InvalidArg)?).or_suggest(suggestion)
        }
        ErrorKind::InvalidSubcommand => {
            Msg::unknown_command(text(ContextKind::InvalidSubcommand)?).or_suggest(suggestion)
        }
        ErrorKind::MissingRequiredArgument => Msg::missing_argument(text(ContextKind::InvalidArg)?),
        _ => return None,
    };
    Some(Msg::usage_error(message))
}

/// `--lang`: `zh` or `en`.
fn lang_parser() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(["zh", "en"]).map(|s| match s.as_str() {
        "en" => Lang::En,
        _ => Lang::Zh,
    })
}

/// The language when `--lang` is not given: `CAIJU_LANG`, then `LANG`, then Chinese.
pub fn lang_from_env() -> Lang {
    for var in ["CAIJU_LANG", "LANG"] {
        if let Ok(value) = std::env::var(var) {
            let value = value.to_ascii_lowercase();
            if value.starts_with("zh") {
                return Lang::Zh;
            }
            if value.starts_with("en") {
                return Lang::En;
            }
        }
    }
    Lang::Zh
}
