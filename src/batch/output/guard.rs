//! Turns a panic inside the xlsx writer (it unwraps failed writes, e.g. on a full disk) into an error.

use std::cell::Cell;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside `catch`: its panics are reported as errors, not printed.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `write`; a panic in it becomes an error. rust_xlsxwriter writes its XML with `expect`,
/// so a disk that fills up mid-write panics instead of returning an error: this is the one place
/// such a panic is caught. The workbook is abandoned afterwards, never saved.
pub fn catch<T>(write: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    CATCHING.with(|c| c.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(write));
    CATCHING.with(|c| c.set(false));
    result.unwrap_or_else(|panic| {
        let cause = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unknown cause");
        Err(io::Error::other(format!(
            "the workbook could not be written (is the disk full?): {cause}"
        )))
    })
}

#[cfg(test)]
mod tests {
    use super::catch;
    use std::io;

    #[test]
    fn a_panic_becomes_an_error_and_results_pass_through() {
        let failed = catch::<()>(|| panic!("Couldn't write to xml file: StorageFull"));
        assert_eq!(
            failed.unwrap_err().to_string(),
            "the workbook could not be written (is the disk full?): Couldn't write to xml file: StorageFull"
        );
        assert_eq!(catch(|| Ok(7)).unwrap(), 7);
        let error = catch::<()>(|| Err(io::Error::other("no room")));
        assert_eq!(error.unwrap_err().to_string(), "no room");
    }
}
