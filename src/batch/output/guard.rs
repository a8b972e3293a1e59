//! Turns a failed write inside the xlsx writer (which unwraps some, e.g. on a full disk) into an error.

use rust_xlsxwriter::Workbook;
use std::cell::Cell;
use std::io;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex, Once};

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
    let outer = CATCHING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(write));
    CATCHING.with(|c| c.set(outer));
    result.unwrap_or_else(|panic| {
        let cause = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        Err(io::Error::other(
            crate::messages::Msg::workbook_not_written(cause),
        ))
    })
}

/// Saves `book` to `file`, a panic or a failed write inside the writer being an error.
pub fn save(book: &mut Workbook, file: std::fs::File) -> io::Result<()> {
    let failure = Arc::new(Mutex::new(None));
    let saved = catch(|| {
        book.save_to_writer(StopAtFailure::new(file, &failure))
            .map_err(io::Error::other)
    });
    // The first failed write says best what went wrong (e.g. the disk is full).
    match failure.lock().ok().and_then(|mut f| f.take()) {
        Some(e) => Err(e),
        None => saved,
    }
}

/// The workbook's file, which keeps the first write error and then takes nothing more, only
/// counting where it would be: the zip writer, dropped after a failure, would otherwise try again
/// and print its own complaint.
struct StopAtFailure {
    file: std::fs::File,
    failure: Arc<Mutex<Option<io::Error>>>,
    /// Where the next byte goes, and the length so far.
    at: u64,
    end: u64,
}

impl StopAtFailure {
    fn new(file: std::fs::File, failure: &Arc<Mutex<Option<io::Error>>>) -> StopAtFailure {
        StopAtFailure {
            file,
            failure: Arc::clone(failure),
            at: 0,
            end: 0,
        }
    }

    fn failed(&self) -> bool {
        self.failure.lock().map_or(true, |f| f.is_some())
    }

    fn fail(&self, e: io::Error) {
        if let Ok(mut failure) = self.failure.lock() {
            failure.get_or_insert(e);
        }
    }

    fn moved(&mut self, at: u64) -> u64 {
        self.at = at;
        self.end = self.end.max(at);
        at
    }
}

impl Write for StopAtFailure {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if !self.failed() {
            match self.file.write(bytes) {
                Ok(n) => {
                    self.moved(self.at.saturating_add(n as u64));
                    return Ok(n);
                }
                Err(e) => self.fail(e),
            }
        }
        self.moved(self.at.saturating_add(bytes.len() as u64));
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.failed() {
            if let Err(e) = self.file.flush() {
                self.fail(e);
            }
        }
        Ok(())
    }
}

impl io::Seek for StopAtFailure {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        if !self.failed() {
            match self.file.seek(to) {
                Ok(at) => return Ok(self.moved(at)),
                Err(e) => self.fail(e),
            }
        }
        let at = match to {
            io::SeekFrom::Start(at) => Some(at),
            io::SeekFrom::Current(by) => self.at.checked_add_signed(by),
            io::SeekFrom::End(by) => self.end.checked_add_signed(by),
        };
        Ok(self.moved(at.unwrap_or(self.at)))
    }
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
