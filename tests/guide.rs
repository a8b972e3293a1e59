//! The user guides' examples are real: every `$ caiju …` line in a ```console block is run and its output compared.
//!
//! To refresh the guides after a deliberate change: `UPDATE_GUIDES=1 cargo test --test guide`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failing test

use std::process::{Command, Stdio};

const GUIDES: [&str; 2] = ["docs/guide.zh.md", "docs/guide.en.md"];

/// Runs one example command line: words separated by spaces, `'…'` quoting, an optional `< FILE`.
fn run(line: &str) -> String {
    let mut words = Vec::new();
    let mut stdin_file = None;
    let mut rest = line.trim();
    while !rest.is_empty() {
        let (word, tail) = if let Some(quoted) = rest.strip_prefix('\'') {
            let end = quoted.find('\'').expect("closing quote");
            (quoted[..end].to_string(), &quoted[end + 1..])
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            (rest[..end].to_string(), &rest[end..])
        };
        words.push(word);
        rest = tail.trim_start();
    }
    if let Some(at) = words.iter().position(|w| w == "<") {
        stdin_file = Some(words[at + 1].clone());
        words.truncate(at);
    }
    assert_eq!(words[0], "caiju", "{line}");
    let stdin = match &stdin_file {
        Some(path) => {
            Stdio::from(std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}")))
        }
        None => Stdio::null(),
    };
    let out = Command::new(env!("CARGO_BIN_EXE_caiju"))
        .args(&words[1..])
        .env_remove("LANG")
        .env_remove("CAIJU_LANG")
        .stdin(stdin)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    // Questions (on stderr) come before the answer's result; error messages after any output.
    if stdin_file.is_some() {
        stderr + &stdout
    } else {
        stdout + &stderr
    }
}

/// The guide with every example's output replaced by what the program prints now.
fn refreshed(guide: &str) -> String {
    let mut out = String::new();
    let mut lines = guide.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line.trim() != "```console" {
            continue;
        }
        while let Some(line) = lines.next() {
            if line.trim() == "```" {
                out.push_str("```\n");
                break;
            }
            if let Some(command) = line.strip_prefix("$ ") {
                out.push_str(line);
                out.push('\n');
                out.push_str(&run(command));
                while lines
                    .peek()
                    .is_some_and(|l| !l.starts_with("$ ") && l.trim() != "```")
                {
                    lines.next();
                }
            }
        }
    }
    out
}

#[test]
fn guides_show_real_output() {
    for path in GUIDES {
        let guide = std::fs::read_to_string(path).unwrap();
        let fresh = refreshed(&guide);
        if std::env::var_os("UPDATE_GUIDES").is_some() {
            std::fs::write(path, &fresh).unwrap();
        } else {
            assert!(
                guide == fresh,
                "{path} is out of date; run `UPDATE_GUIDES=1 cargo test --test guide` and review the diff"
            );
        }
    }
}
