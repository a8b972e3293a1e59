//! Where an output file is written: beside it, renamed over it once complete, and never over the input.

use crate::error::Error;
use crate::messages::Msg;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where an output file is written: a regular (or new) file through a temporary file renamed over
/// it once complete, so that an interrupted run leaves the old one in place; anything else (a
/// device such as `/dev/null`, a named pipe) directly, as renaming would replace it.
pub enum Target {
    Replace(Part),
    Direct(std::fs::File),
}

/// A temporary file being written, known to the signal watcher until it is renamed or dropped.
pub struct Part(Option<tempfile::NamedTempFile>);

impl Drop for Part {
    fn drop(&mut self) {
        if let Some(temp) = &self.0 {
            if let Ok(mut parts) = PARTS.lock() {
                parts.retain(|part| part != temp.path());
            }
        }
    }
}

impl Target {
    pub fn open(path: &Path) -> Result<Target, Error> {
        match std::fs::metadata(path) {
            Ok(found) if !found.is_file() => std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map(Target::Direct)
                .map_err(|e| cannot_write(path, Msg::io(&e))),
            _ => {
                let mut parts = PARTS.lock().map_err(|_| poisoned(path))?;
                let temp = temporary_beside(path)?;
                parts.push(temp.path().to_path_buf());
                Ok(Target::Replace(Part(Some(temp))))
            }
        }
    }

    /// A handle to write the output through.
    pub fn file(&self) -> io::Result<std::fs::File> {
        match self {
            Target::Replace(Part(Some(temp))) => temp.reopen(),
            Target::Replace(Part(None)) => Err(io::Error::other(Msg::already_renamed())),
            Target::Direct(file) => file.try_clone(),
        }
    }

    /// Puts the complete output in place.
    pub fn finish(self, path: &Path) -> Result<(), Error> {
        match self {
            Target::Replace(mut part) => {
                // Held while renaming, so that a signal arriving now waits for the rename.
                let mut parts = PARTS.lock().map_err(|_| poisoned(path))?;
                let Some(temp) = part.0.take() else {
                    return Ok(());
                };
                parts.retain(|part| part != temp.path());
                temp.persist(path)
                    .map(drop)
                    .map_err(|e| cannot_write(path, Msg::io(&e.error)))
            }
            Target::Direct(_) => Ok(()),
        }
    }
}

/// The temporary files being written, removed if the process is told to stop.
static PARTS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn poisoned(path: &Path) -> Error {
    cannot_write(path, Msg::writer_thread_failed())
}

/// On SIGINT, SIGTERM or SIGHUP, removes the temporary files being written and then ends as the
/// signal would have: any earlier output file stays as it was, and nothing is left beside it.
#[cfg(unix)]
pub fn remove_parts_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use std::sync::Once;
    static WATCH: Once = Once::new();
    WATCH.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Kept locked: no file is renamed into place after this.
                let parts = PARTS
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                for part in parts.iter() {
                    let _ = std::fs::remove_file(part);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
pub fn remove_parts_on_signals() {}

pub fn cannot_write(path: &Path, reason: Msg) -> Error {
    let path = path.display().to_string();
    Error::invalid(Msg::in_file(path, Msg::cannot_write(reason)))
}

/// A temporary file in the folder of `path`, to be renamed over it once complete.
fn temporary_beside(path: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".caiju-")
        .suffix(".part")
        .tempfile_in(folder)
        .map_err(|e| cannot_write(path, Msg::io(&e)))
}

/// Writes `text` to `path` through a temporary file.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let target = Target::open(path)?;
    let mut file = target.file().map_err(|e| cannot_write(path, Msg::io(&e)))?;
    io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| cannot_write(path, Msg::io(&e)))?;
    target.finish(path)
}

/// Whether two paths name the same file: the same device and inode (so also through a link or
/// another spelling), or failing that the same canonical path.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
        if same_metadata(&x, &y) {
            return true;
        }
    }
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// Whether two output paths end up as the same regular file, whether or not it exists yet
/// (`o.csv` and `./o.csv`). A device or pipe (`/dev/null`) may take both.
pub fn same_target(a: &Path, b: &Path) -> bool {
    if std::fs::metadata(a).is_ok_and(|m| !m.is_file()) {
        return false;
    }
    let resolved = |path: &Path| {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Some(folder.canonicalize().ok()?.join(path.file_name()?))
    };
    a == b || same_file(a, b) || matches!((resolved(a), resolved(b)), (Some(x), Some(y)) if x == y)
}

/// Whether `path` is the file behind standard input (`caiju batch - --output in.csv < in.csv`).
pub fn is_standard_input(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
            return false;
        };
        let stdin = std::fs::File::from(fd);
        match (stdin.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.is_file() && same_metadata(&a, &b),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

#[cfg(unix)]
fn same_metadata(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_metadata(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}
