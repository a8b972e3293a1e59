//! Writing to standard output and standard error: a reader that went away ends the command quietly, any other failure is an error.

use crate::error::Error;
use crate::messages::Msg;
use std::io::{self, Write};

/// Standard output or standard error, as named in a message.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Out,
    Err,
}

impl Stream {
    pub fn name(self) -> Msg {
        match self {
            Stream::Out => Msg::standard_output(),
            Stream::Err => Msg::standard_error(),
        }
    }
}

/// Writes `text` to standard output and flushes it.
pub fn out(text: &str) -> Result<(), Error> {
    write(&mut io::stdout().lock(), text.as_bytes(), Stream::Out)
}

/// Writes `text` to standard error.
pub fn err(text: &str) -> Result<(), Error> {
    write(&mut io::stderr().lock(), text.as_bytes(), Stream::Err)
}

/// Writes `bytes` to `to` (the stream `what`) and flushes it.
pub fn write(to: &mut dyn Write, bytes: &[u8], what: Stream) -> Result<(), Error> {
    to.write_all(bytes)
        .and_then(|()| to.flush())
        .map_err(|e| failed(&e, what))
}

/// The error for a failed write: `Closed` when the reader went away (a pipe into `head`).
pub fn failed(e: &io::Error, what: Stream) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::Closed
    } else {
        Error::invalid(Msg::cannot_write_to(what.name(), Msg::io(e)))
    }
}
