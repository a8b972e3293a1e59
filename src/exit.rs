//! Exit codes, as documented in the README, and the one each error ends with.

use crate::error::Error;

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

/// The exit code an error ends the command with.
pub fn code(e: &Error) -> u8 {
    match e {
        Error::Invalid(_) => INVALID,
        Error::Usage(_) => USAGE,
        Error::Closed => CLOSED,
    }
}
