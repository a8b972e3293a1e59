//! The errors a command can end with.

use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// A bad profile, policy or input file: the message names the file, the line and the field.
    Invalid(String),
    /// Arguments that make no sense together.
    Usage(String),
    /// The reader of standard output or error went away; nothing more is said.
    Closed,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(m) | Error::Usage(m) => f.write_str(m.trim_end()),
            Error::Closed => f.write_str("error: the output was closed by its reader"),
        }
    }
}

impl From<crate::diagnostic::Diagnostics> for Error {
    fn from(d: crate::diagnostic::Diagnostics) -> Error {
        Error::Invalid(d.to_string())
    }
}

impl From<crate::diagnostic::Diagnostic> for Error {
    fn from(d: crate::diagnostic::Diagnostic) -> Error {
        Error::Invalid(d.to_string())
    }
}

impl From<crate::engine::EngineError> for Error {
    fn from(e: crate::engine::EngineError) -> Error {
        Error::Invalid(format!("error: {e}"))
    }
}
