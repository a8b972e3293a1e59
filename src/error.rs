//! The errors a command can end with, and the exit code of each.

use std::fmt;

/// Exit codes, as documented in the README.
pub mod exit {
    /// Evaluated, whatever the outcome.
    pub const OK: u8 = 0;
    /// Invalid input or policy; a failing policy test.
    pub const INVALID: u8 = 1;
    /// Wrong usage (bad arguments).
    pub const USAGE: u8 = 2;
    /// A batch in which some rows had errors; every other row was still written.
    pub const SOME_ROWS_FAILED: u8 = 3;
    /// `caiju ask` left with Ctrl-C before the end (the answers may have been saved).
    pub const INTERRUPTED: u8 = 130;
    /// The reader of standard output or error went away (a pipe into `head`): the command stops
    /// quietly, with the status a shell shows for a program ended by SIGPIPE.
    pub const CLOSED: u8 = 141;
}

#[derive(Debug)]
pub enum Error {
    /// A bad profile, policy or input file: the message names the file, the line and the field.
    Invalid(String),
    /// Arguments that make no sense together.
    Usage(String),
    /// The reader of standard output or error went away; nothing more is said.
    Closed,
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => exit::INVALID,
            Error::Usage(_) => exit::USAGE,
            Error::Closed => exit::CLOSED,
        }
    }
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
