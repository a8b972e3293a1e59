//! The errors a command can end with.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::messages::Msg;
use std::fmt;

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
