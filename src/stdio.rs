//! Writing to standard output and standard error: a reader that went away ends the command quietly, any other failure is an error.

use crate::error::Error;
use std::io::{self, Write};

/// Writes `text` to standard output and flushes it.
pub fn out(text: &str) -> Result<(), Error> {
    write(&mut io::stdout().lock(), text.as_bytes(), "standard output")
}

/// Writes `text` to standard error.
pub fn err(text: &str) -> Result<(), Error> {
    write(&mut io::stderr().lock(), text.as_bytes(), "standard error")
}

/// Writes `bytes` to `to` (named `what` in the message) and flushes it.
pub fn write(to: &mut dyn Write, bytes: &[u8], what: &str) -> Result<(), Error> {
    to.write_all(bytes)
        .and_then(|()| to.flush())
        .map_err(|e| failed(&e, what))
}

/// The error for a failed write: `Closed` when the reader went away (a pipe into `head`).
pub fn failed(e: &io::Error, what: &str) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::Closed
    } else {
        Error::Invalid(format!("error: cannot write to {what}: {e}"))
    }
}
