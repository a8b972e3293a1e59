//! `caiju policy diff`: what changed between two policy files.

use crate::cli::DiffArgs;
use crate::cli::{Cli, Format};
use crate::diff::{diff, json, text};
use crate::error::Error;
use crate::exit;
use crate::messages::Msg;
use crate::policy::overlay;

pub fn run(cli: &Cli, args: &DiffArgs) -> Result<u8, Error> {
    if !cli.overlay.is_empty() {
        return Err(Error::usage(Msg::diff_no_overlay_option()));
    }
    let old = crate::policy::load(super::read_source(&args.old)?)?;
    let source = super::read_source(&args.new)?;
    let new = if overlay::is_overlay(&source.text) {
        overlay::apply(crate::policy::load(super::read_source(&args.old)?)?, source)?
    } else {
        crate::policy::load(source)?
    };
    let changes = diff(&old, &new);
    let lang = cli.lang();
    let out = match args.format {
        Format::Json => json::render(&args.old, &args.new, &changes)?,
        Format::Table => text::render(&args.old, &args.new, &changes, lang),
    };
    crate::stdio::out(&out)?;
    Ok(exit::OK)
}
