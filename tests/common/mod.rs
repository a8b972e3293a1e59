//! Running the binary from integration tests: a clean language environment, no colour, optional stdin.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failing test

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `caiju ARGS`, feeding `stdin` if given, with `LANG` and `CAIJU_LANG` removed.
pub fn caiju(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caiju"))
        .args(args)
        .env_remove("LANG")
        .env_remove("CAIJU_LANG")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("caiju runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}
