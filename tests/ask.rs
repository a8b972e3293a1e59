//! `caiju ask` through the binary: plain mode answered from known profiles, `--save`/`--from`,
//! and terminal mode in a pseudo-terminal.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const AS_OF: &str = "2026-08-01";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ask")
        .join(name)
}

fn caiju() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_caiju"));
    command.env_remove("CAIJU_LANG").env_remove("LANG");
    command
}

/// What a plain-mode run printed, and the fields it asked, in order.
struct Run {
    stdout: String,
    stderr: String,
    asked: Vec<String>,
    code: Option<i32>,
}

/// The answer a person with `profile` would give to a question line `? FIELD: TEXT [OPTIONS]`.
fn answer(profile: &toml::Table, line: &str) -> String {
    let field = line[2..].split(':').next().unwrap_or_default();
    let text = |v: &toml::Value| match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Boolean(b) => (if *b { "yes" } else { "no" }).to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        other => other.to_string(),
    };
    match field {
        "subject" => profile.get("subject").map_or("person".to_string(), text),
        "checklist" => {
            let options = &line[line.rfind(" [").expect("options") + 2..line.len() - 1];
            options
                .split(" | ")
                .filter_map(|o| o.split('=').next())
                .filter(|id| profile.contains_key(*id))
                .collect::<Vec<_>>()
                .join(", ")
        }
        // A person who knows their ID number better than their birth date.
        "birth_date" if !profile.contains_key("birth_date") => {
            profile.get("id_number").map(text).unwrap_or_default()
        }
        field => profile.get(field).map(text).unwrap_or_default(),
    }
}

/// Runs `caiju ask` in plain mode, answering every question from `profile`.
fn ask_from(profile: &toml::Table, args: &[&str]) -> Run {
    let mut child = caiju()
        .arg("ask")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("caiju runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).expect("stdout");
        text
    });
    let mut stderr = String::new();
    let mut asked = Vec::new();
    for line in BufReader::new(child.stderr.take().expect("stderr")).lines() {
        let line = line.expect("stderr line");
        stderr.push_str(&line);
        stderr.push('\n');
        assert!(
            !line.starts_with("! "),
            "an answer was refused: {line}\n{stderr}"
        );
        if let Some(rest) = line.strip_prefix("? ") {
            asked.push(rest.split(':').next().unwrap_or_default().to_string());
            assert!(asked.len() < 60, "too many questions:\n{stderr}");
            writeln!(stdin, "{}", answer(profile, &line)).expect("answer");
            stdin.flush().expect("flush");
        }
    }
    drop(stdin);
    let status = child.wait().expect("caiju ends");
    Run {
        stdout: reader.join().expect("stdout thread"),
        stderr,
        asked,
        code: status.code(),
    }
}

fn read_profile(path: &Path) -> toml::Table {
    toml::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("fixture is TOML")
}

fn check(profile: &Path, lang: &str) -> String {
    let out = caiju()
        .args([
            "check", "--format", "json", "--as-of", AS_OF, "--lang", lang,
        ])
        .arg(profile)
        .output()
        .expect("caiju check runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// What each measure came to: the decision, not the wording of the reasons.
fn decisions(json: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    for m in v["measures"].as_array_mut().expect("measures") {
        let m = m.as_object_mut().expect("measure");
        m.retain(|k, _| {
            [
                "id",
                "status",
                "amount",
                "amount_max",
                "available_from",
                "beneficiary",
            ]
            .contains(&k.as_str())
        });
    }
    serde_json::json!({ "measures": v["measures"], "totals": v["totals"] })
}

/// The typical cases of the policy reading, and the most questions each may take (docs/ask.md).
const CASES: [(&str, usize); 6] = [
    ("graduate.toml", 11),
    ("graduate-travel.toml", 12),
    ("junior-college.toml", 12),
    ("employer-hire.toml", 12),
    ("skilled-worker.toml", 12),
    ("organization.toml", 8),
];

#[test]
fn answers_from_known_profiles_match_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut counts = Vec::new();
    for (name, bound) in CASES {
        for lang in ["zh", "en"] {
            let saved = dir.path().join(format!("{lang}-{name}"));
            let run = ask_from(
                &read_profile(&fixture(name)),
                &[
                    "--format",
                    "json",
                    "--as-of",
                    AS_OF,
                    "--lang",
                    lang,
                    "--save",
                    saved.to_str().expect("path"),
                ],
            );
            assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
            assert!(
                run.asked.len() <= bound,
                "{name} ({lang}): {} questions, more than {bound}: {:?}",
                run.asked.len(),
                run.asked
            );
            // The same facts as the full profile decide every measure the same way …
            assert_eq!(
                decisions(&run.stdout),
                decisions(&check(&fixture(name), lang)),
                "{name} ({lang}) asked {:?}",
                run.asked
            );
            // … and the saved answers give exactly the same report through `check`.
            assert_eq!(run.stdout, check(&saved, lang), "{name} ({lang}) saved");
            if lang == "en" {
                counts.push(format!("{name}: {} {:?}", run.asked.len(), run.asked));
            }
        }
    }
    insta::assert_snapshot!(counts.join("\n"));
}

/// Runs `caiju ask` in plain mode with all of `input` at once.
fn ask_with_input(args: &[&str], input: &str) -> Run {
    let mut child = caiju()
        .arg("ask")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("caiju runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input");
    let out = child.wait_with_output().expect("caiju ends");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    Run {
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        asked: stderr
            .lines()
            .filter_map(|l| l.strip_prefix("? "))
            .map(|l| l.split(':').next().unwrap_or_default().to_string())
            .collect(),
        stderr,
        code: out.status.code(),
    }
}

/// The protocol, exactly: help with `?`, a refused answer and its reason, "I don't know", and
/// the end of input in the middle of the questions.
#[test]
fn plain_protocol_transcript() {
    let input = "person\n?\nmaybe\n是\n硕士\n1998-02-30\n1998512\n\n";
    let zh = ask_with_input(&["--as-of", AS_OF, "--lang", "zh"], input);
    assert_eq!(zh.code, Some(0), "{}", zh.stderr);
    insta::assert_snapshot!("plain_protocol_zh", zh.stderr);
    let en = ask_with_input(&["--as-of", AS_OF, "--lang", "en"], input);
    insta::assert_snapshot!("plain_protocol_en", en.stderr);
}

/// A contract one year too short: what meeting that condition would add, in the table.
#[test]
fn what_would_change_the_outcome() {
    let mut profile = read_profile(&fixture("graduate.toml"));
    profile.insert("contract_years".into(), toml::Value::Integer(2));
    for lang in ["zh", "en"] {
        let run = ask_from(&profile, &["--as-of", AS_OF, "--lang", lang]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let heading = if lang == "zh" {
            "【什么会改变结果】"
        } else {
            "[What would change the outcome]"
        };
        let section = &run.stdout[run.stdout.find(heading).expect("the section")..];
        insta::assert_snapshot!(format!("what_would_change_{lang}"), section);
    }
}

/// `--from` asks only what the profile leaves open; JSON profiles are saved and read back too.
#[test]
fn from_a_partial_profile() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("answers.json");
    let from = fixture("partial.toml");
    let args = [
        "--from",
        from.to_str().expect("path"),
        "--save",
        saved.to_str().expect("path"),
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "--lang",
        "en",
    ];
    let run = ask_with_input(&args, "enterprise\n2024-07-01\n\n");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.asked, ["employer_type", "contract_start", "checklist"]);
    assert_eq!(run.stdout, check(&saved, "en"));
    // Everything is known now: starting from the saved answers asks nothing.
    let again = ask_with_input(
        &[
            "--from",
            saved.to_str().expect("path"),
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--lang",
            "en",
        ],
        "",
    );
    assert_eq!(again.asked, Vec::<String>::new());
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn usage_and_input_errors() {
    let stdin = ask_with_input(&["--from", "-", "--as-of", AS_OF, "--lang", "en"], "");
    assert_eq!(stdin.code, Some(2));
    assert_eq!(
        stdin.stderr,
        "error: `--from -` is not possible: standard input carries the answers\n"
    );
    let missing = ask_with_input(&["--from", "no-such-profile.toml", "--lang", "en"], "");
    assert_eq!(missing.code, Some(1));
    assert!(missing.stderr.starts_with("error: "), "{}", missing.stderr);
    assert!(
        missing.stderr.contains("no-such-profile.toml"),
        "{}",
        missing.stderr
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let unwritable = dir.path().join("no-such-dir/answers.toml");
    let save = ask_with_input(
        &[
            "--save",
            unwritable.to_str().expect("path"),
            "--as-of",
            AS_OF,
            "--lang",
            "en",
        ],
        "",
    );
    assert_eq!(save.code, Some(1));
    assert!(save.stderr.contains("cannot write"), "{}", save.stderr);
}

#[cfg(unix)]
mod terminal {
    use super::*;
    use expectrl::process::unix::WaitStatus;
    use expectrl::session::OsSession as Session;
    use expectrl::{Eof, Expect};
    use std::time::Duration;

    const DOWN: &str = "\x1b[B";
    const ESC: &str = "\x1b";
    const BACKSPACE: &str = "\x7f";

    fn spawn(args: &[&str]) -> Session {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_caiju"));
        command
            .env_remove("CAIJU_LANG")
            .env_remove("LANG")
            .env("NO_COLOR", "1")
            .args(["ask", "--lang", "en", "--as-of", AS_OF])
            .args(args);
        let mut session = Session::spawn(command).expect("caiju runs in a pseudo-terminal");
        session
            .get_process_mut()
            .set_window_size(160, 50)
            .expect("window size");
        session.set_expect_timeout(Some(Duration::from_secs(5)));
        session
    }

    fn exit_code(session: &Session) -> i32 {
        match session.get_process().wait().expect("caiju ends") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("caiju did not exit normally: {other:?}"),
        }
    }

    /// A choice, a date with a bad answer first, then back from the checklist to change the date.
    #[test]
    fn choice_date_bad_answer_and_back() {
        let from = fixture("partial.toml");
        let mut s = spawn(&["--from", from.to_str().expect("path")]);
        s.expect("question 1 — at most 2 left").expect("count");
        s.expect("What type of organisation is your employer?")
            .expect("choice");
        // Down to "government body", back up to "enterprise", choose it.
        s.send(DOWN).expect("down");
        s.send("\x1b[A").expect("up");
        s.send("\r").expect("enter");
        s.expect("question 2").expect("second question");
        s.expect("On what date does your labour contract start?")
            .expect("date");
        s.send("2024-13-01\r").expect("bad date");
        s.expect("`2024-13-01` is not a calendar date")
            .expect("the reason, inline");
        s.send(BACKSPACE.repeat(10)).expect("clear");
        s.send("2024-07-01\r").expect("date");
        s.expect("question 3 — the last one").expect("count");
        s.expect("Which of these apply to you?").expect("checklist");
        s.send(ESC).expect("back");
        s.expect("question 2").expect("back to the date");
        s.expect("On what date does your labour contract start?")
            .expect("date again");
        // The earlier answer is there to change: make it a day later.
        s.send(BACKSPACE).expect("backspace");
        s.send("2\r").expect("changed date");
        s.expect("Which of these apply to you?")
            .expect("checklist again");
        s.send("\r").expect("none ticked");
        s.expect("附件2 第二条").expect("the report");
        s.expect("70,000").expect("the housing subsidy");
        s.expect(Eof).expect("end");
        assert_eq!(exit_code(&s), 0);
    }

    /// Ctrl-C leaves, offering to save what was answered.
    #[test]
    fn ctrl_c_offers_to_save() {
        let dir = tempfile::tempdir().expect("temp dir");
        let saved = dir.path().join("answers.toml");
        let from = fixture("partial.toml");
        let mut s = spawn(&[
            "--from",
            from.to_str().expect("path"),
            "--save",
            saved.to_str().expect("path"),
        ]);
        s.expect("What type of organisation is your employer?")
            .expect("choice");
        s.send("\r").expect("enterprise");
        s.expect("On what date does your labour contract start?")
            .expect("date");
        s.send("\x03").expect("ctrl-c");
        s.expect("Save your answers so far?").expect("offer");
        s.send("y\r").expect("yes");
        s.expect(Eof).expect("end");
        assert_eq!(exit_code(&s), 130);
        let text = std::fs::read_to_string(&saved).expect("saved");
        assert!(text.contains("employer_type = \"enterprise\""), "{text}");
        assert!(!text.contains("contract_start"), "{text}");
    }

    /// With NO_COLOR set, the prompts carry no colour codes (every session here sets it).
    #[test]
    fn no_colour_under_no_color() {
        let from = fixture("partial.toml");
        let mut s = spawn(&["--from", from.to_str().expect("path")]);
        let shown = s
            .expect("What type of organisation is your employer?")
            .expect("choice");
        let text = String::from_utf8_lossy(shown.before()).to_string();
        assert!(text.contains("question 1"), "{text:?}");
        assert!(!text.contains("\x1b[38;"), "colour codes in {text:?}");
        s.send("\x03").expect("ctrl-c");
        s.expect("Save your answers so far?").expect("offer");
        s.send("n\r").expect("no");
        s.expect(Eof).expect("end");
        assert_eq!(exit_code(&s), 130);
    }
}
