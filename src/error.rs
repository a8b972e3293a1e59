//! The errors a command can end with, and the exit code of each.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::messages::Msg;
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
    /// A bad profile, policy or input file: the messages name the file, the line and the field.
    Invalid(Diagnostics),
    /// Arguments that make no sense together.
    Usage(Diagnostics),
    /// The reader of standard output or error went away; nothing more is said.
    Closed,
}

impl Error {
    /// An invalid input, said in one message that points at no place.
    pub fn invalid(message: Msg) -> Error {
        Error::Invalid(Diagnostic::new(message).into())
    }

    /// A wrong use of the arguments, said in one message.
    pub fn usage(message: Msg) -> Error {
        Error::Usage(Diagnostic::new(message).into())
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => exit::INVALID,
            Error::Usage(_) => exit::USAGE,
            Error::Closed => exit::CLOSED,
        }
    }

    /// The error as printed in `lang`, ending without a line break.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Error::Invalid(d) | Error::Usage(d) => d.render(lang).trim_end().to_string(),
            Error::Closed => Diagnostic::new(Msg::output_closed())
                .render(lang)
                .trim_end()
                .to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Error {
        Error::Invalid(d)
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Error {
        Error::Invalid(d.into())
    }
}

impl From<crate::engine::EngineError> for Error {
    fn from(e: crate::engine::EngineError) -> Error {
        Error::invalid(e.message())
    }
}
