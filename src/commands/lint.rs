//! `caiju policy lint`: problems in a policy file.

use crate::cli::Cli;
use crate::cli::LintArgs;
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::exit;
use crate::lint::{lint, summary};
use crate::messages::Msg;
use crate::policy::{overlay, Policy};

pub fn run(cli: &Cli, args: &LintArgs) -> Result<u8, Error> {
    let lang = cli.lang();
    let overlay_file = match &args.file {
        Some(path) => {
            let source = super::read_source(path)?;
            overlay::is_overlay(&source.text).then_some(source)
        }
        None => None,
    };
    let policy_path = match (&overlay_file, &args.file) {
        (None, Some(file)) => Some(file.as_str()),
        _ => cli.policy.as_deref(),
    };
    let loaded = load(policy_path, &cli.overlay).and_then(|policy| match overlay_file {
        Some(source) => overlay::apply(policy, source).map_err(Found::Errors),
        None => Ok(policy),
    });
    let policy = match loaded {
        Ok(policy) => policy,
        Err(Found::Errors(errors)) => {
            let count = errors.0.len();
            crate::stdio::out(&format!(
                "{}\n{}\n",
                errors.render(lang),
                summary(count, 0).render(lang)
            ))?;
            return Ok(exit::INVALID);
        }
        Err(Found::Other(e)) => return Err(e),
    };
    let errors = crate::lint::errors(&policy);
    let mut warnings = lint(&policy);
    if args.file.is_some() && !policy.overlays.is_empty() && policy_path != args.file.as_deref() {
        // Linting an overlay: only what is written in it.
        let name = policy.overlays.last().map(|o| o.source.name.clone());
        warnings.retain(|w| {
            w.position()
                .is_some_and(|p| Some(file_of(&p)) == name.as_deref())
        });
    }
    let count = warnings.len();
    if !errors.is_empty() {
        let found = errors.len();
        let mut all = errors;
        all.extend(warnings);
        crate::stdio::out(&format!(
            "{}\n{}\n",
            Diagnostics(all).render(lang),
            summary(found, count).render(lang)
        ))?;
        return Ok(exit::INVALID);
    }
    let names: Vec<&str> = std::iter::once(policy.source.name.as_str())
        .chain(policy.overlays.iter().map(|o| o.source.name.as_str()))
        .collect();
    let text = if count == 0 {
        format!("{}\n", Msg::no_problems(names.join(" + ")).render(lang))
    } else {
        format!(
            "{}\n{}\n",
            Diagnostics(warnings).render(lang),
            summary(0, count).render(lang)
        )
    };
    crate::stdio::out(&text)?;
    Ok(exit::OK)
}

/// The file part of `file:line:col`.
fn file_of(position: &str) -> &str {
    let mut parts = position.rsplitn(3, ':');
    parts.next();
    parts.next();
    parts.next().unwrap_or(position)
}

enum Found {
    Errors(Diagnostics),
    Other(Error),
}

/// The policy and overlays, or every mistake the loader found.
fn load(path: Option<&str>, overlays: &[String]) -> Result<Policy, Found> {
    let mut policy = match path {
        None => Policy::embedded().map_err(Found::Errors)?,
        Some(path) => {
            let source = super::read_source(path).map_err(Found::Other)?;
            crate::policy::load(source).map_err(Found::Errors)?
        }
    };
    for path in overlays {
        let source = super::read_source(path).map_err(Found::Other)?;
        policy = overlay::apply(policy, source).map_err(Found::Errors)?;
    }
    Ok(policy)
}
