//! `caiju ask` through the binary: plain mode answered from known profiles, `--save`/`--from`,
//! and terminal mode in a pseudo-terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failing test

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
            let ticked = profile
                .get("$ticked")
                .and_then(toml::Value::as_table)
                .unwrap_or(profile);
            let options = &line[line.rfind(" [").expect("options") + 2..line.len() - 1];
            options
                .split(" | ")
                .filter_map(|o| o.split('=').next())
                .filter(|id| ticked.contains_key(*id))
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

/// A stream that cannot be written: `/dev/full`, or a pipe whose only reader has exited.
fn failing_stream(full: bool) -> Stdio {
    if full {
        return std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
            .into();
    }
    let mut reader = caiju()
        .arg("--version")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("caiju runs");
    let write_end = reader.stdin.take().expect("stdin");
    reader.wait().expect("caiju ends");
    write_end.into()
}

/// `caiju ask --from` the graduate example, answering with `input`, with standard output
/// (`on_stderr` false) or standard error sent to a failing stream.
fn ask_into_failing(full: bool, on_stderr: bool, input: &str) -> std::process::Output {
    let mut command = caiju();
    command
        .args(["ask", "--from", "examples/graduate.toml", "--as-of", AS_OF])
        .args(["--lang", "en"])
        .stdin(Stdio::piped());
    if on_stderr {
        command.stdout(Stdio::piped()).stderr(failing_stream(full));
    } else {
        command.stdout(failing_stream(full)).stderr(Stdio::piped());
    }
    let mut child = command.spawn().expect("caiju runs");
    // The questions may already have failed to print; then nobody reads the answers.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    child.wait_with_output().expect("caiju ends")
}

#[test]
fn failing_output_streams_end_the_questionnaire_cleanly() {
    if Path::new("/dev/full").exists() {
        let out = ask_into_failing(true, false, "\n");
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        assert!(
            stderr.ends_with(
                "\nerror: cannot write to standard output: No space left on device (os error 28)\n"
            ),
            "{stderr}"
        );
        let out = ask_into_failing(true, true, "\n");
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
    }
    let out = ask_into_failing(false, false, "\n");
    assert_eq!(out.status.code(), Some(141));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(stderr.starts_with("? checklist: "), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    let out = ask_into_failing(false, true, "\n");
    assert_eq!(out.status.code(), Some(141));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_long_answer_is_refused_without_being_kept() {
    let input = format!(
        "{}\n{}\norganization\n",
        "x".repeat(10_000_000),
        "y".repeat(4096)
    );
    let run = ask_with_input(&["--as-of", AS_OF, "--lang", "en"], &input);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let question = "? subject: Are you asking for yourself or for an organization (enterprise, college, institute)? [person=a person | organization=an organization]\n";
    let expected = format!(
        "{question}! subject: the answer is too long (at most 4096 bytes)\n{question}! subject: `{}…` is not an option: answer person or organization\n{question}",
        "y".repeat(64)
    );
    assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    let zh = ask_with_input(&["--as-of", AS_OF, "--lang", "zh"], &"x".repeat(5000));
    assert_eq!(zh.code, Some(0), "{}", zh.stderr);
    assert!(
        zh.stderr
            .contains("\n! subject: 回答过长（最多 4096 字节）\n"),
        "{}",
        zh.stderr
    );
}

/// The most questions any policy test case may take (docs/ask.md).
const MOST_QUESTIONS: usize = 13;

/// A value as the profile means it: a date read inside an array of tables comes back as a table.
fn plain(v: &toml::Value) -> toml::Value {
    match v
        .get("$__toml_private_datetime")
        .and_then(toml::Value::as_str)
    {
        Some(d) => d.parse().map_or(v.clone(), toml::Value::Datetime),
        None => v.clone(),
    }
}

/// `ask_from`, except that a checklist item is ticked only when the profile's value is not the
/// policy's default (a profile may state the default, `returning_entrepreneur = false`).
fn ask_from_case(profile: &toml::Table, defaults: &toml::Table, args: &[&str]) -> Run {
    let ticked: toml::Table = profile
        .iter()
        .filter(|(k, v)| defaults.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut answers = profile.clone();
    answers.insert("$ticked".into(), toml::Value::Table(ticked));
    ask_from(&answers, args)
}

/// The money a report gives: per measure that pays or may pay, its status and amounts; and the totals.
fn money_results(json: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let measures: Vec<serde_json::Value> = v["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .filter(|m| m["kind"] != "in-kind")
        .map(|m| match m["status"].as_str() {
            // Undecided: the missing facts may differ, as `ask` stops asking about a measure
            // once a fact it needs is answered "I don't know"; the money is not decided either.
            Some("needs_info") => serde_json::json!([m["id"], m["status"]]),
            _ => serde_json::json!([m["id"], m["status"], m["amount"], m["amount_max"]]),
        })
        .collect();
    serde_json::json!({ "measures": measures, "totals": v["totals"] })
}

/// Every policy test case, answered through `ask` from its profile, gives the money `check` gives
/// on that profile — so no measure is out of the questionnaire's reach — asking each field at most
/// once and no more than `MOST_QUESTIONS` questions.
#[test]
fn every_policy_case_is_reached_by_ask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    let mut cases = 0;
    let policy: toml::Table =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("policies.toml"))
            .expect("policies.toml")
            .parse()
            .expect("policy is TOML");
    let defaults: toml::Table = policy["facts"]
        .as_table()
        .expect("facts")
        .iter()
        .filter_map(|(name, fact)| Some((name.clone(), fact.get("default")?.clone())))
        .collect();
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/policy"))
            .expect("tests/policy")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("policy cases");
        let file: toml::Table = text.parse().expect("policy cases are TOML");
        for case in file["cases"].as_array().expect("cases") {
            let name = format!(
                "{}: {}",
                path.display(),
                case["name"].as_str().unwrap_or("")
            );
            let as_of = match case.get("as_of").map(plain) {
                Some(toml::Value::Datetime(d)) => d.to_string(),
                _ => AS_OF.to_string(),
            };
            let profile: toml::Table = case["profile"]
                .as_table()
                .expect("profile")
                .iter()
                .map(|(k, v)| (k.clone(), plain(v)))
                .collect();
            let saved = dir.path().join(format!("case-{cases}.toml"));
            std::fs::write(&saved, toml::to_string(&profile).expect("TOML")).expect("write");
            cases += 1;
            let run = ask_from_case(
                &profile,
                &defaults,
                &["--format", "json", "--as-of", &as_of, "--lang", "en"],
            );
            assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
            let checked = caiju()
                .args([
                    "check", "--format", "json", "--lang", "en", "--as-of", &as_of,
                ])
                .arg(&saved)
                .output()
                .expect("check runs");
            assert!(checked.status.success(), "{name}");
            let checked = String::from_utf8(checked.stdout).expect("UTF-8");
            let mut fields = run.asked.clone();
            fields.sort();
            fields.dedup();
            let bound = MOST_QUESTIONS;
            if money_results(&run.stdout) != money_results(&checked) {
                failures.push(format!(
                    "{name}: ask {} ≠ check {} (asked {:?})",
                    money_results(&run.stdout),
                    money_results(&checked),
                    run.asked
                ));
            } else if fields.len() != run.asked.len() || run.asked.len() > bound {
                failures.push(format!("{name}: asked {:?} (bound {bound})", run.asked));
            }
        }
    }
    assert!(cases > 100, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The Chinese terminal questionnaire answers its own yes/no question in Chinese.
#[cfg(unix)]
mod terminal_zh {
    use super::*;
    use expectrl::session::OsSession as Session;
    use expectrl::{Eof, Expect};
    use std::time::Duration;

    #[test]
    fn the_save_offer_reads_and_shows_yes_in_chinese() {
        let dir = tempfile::tempdir().expect("temp dir");
        let saved = dir.path().join("answers.toml");
        let from = fixture("partial.toml");
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_caiju"));
        command
            .env_remove("CAIJU_LANG")
            .env_remove("LANG")
            .env("NO_COLOR", "1")
            .args(["ask", "--lang", "zh", "--as-of", AS_OF, "--from"])
            .arg(&from)
            .arg("--save")
            .arg(&saved);
        let mut s = Session::spawn(command).expect("caiju runs in a pseudo-terminal");
        s.get_process_mut()
            .set_window_size(160, 50)
            .expect("window size");
        s.set_expect_timeout(Some(Duration::from_secs(5)));
        s.expect("您的用人单位属于哪一类？").expect("choice");
        s.send("\x03").expect("ctrl-c");
        s.expect("要保存已回答的内容吗？")
            .expect("offer in Chinese");
        s.expect("(是/否，默认 是)").expect("the hint in Chinese");
        s.send("是\r").expect("yes in Chinese");
        let shown = s.expect(Eof).expect("end");
        let text = String::from_utf8_lossy(shown.get(0).unwrap_or_default()).to_string();
        assert!(text.contains("是"), "{text:?}");
        assert!(!text.contains("Yes"), "{text:?}");
        assert!(saved.exists());
    }
}

/// A place on both banks of the Yangtze is not guessed: `ask` says so and asks which side.
#[test]
fn ask_asks_which_bank_for_a_city_on_both() {
    let profile = dir_profile(
        "education = \"master\"\nemployer_in_nanping = false\nemployer_type = \"enterprise\"\nresides_in_nanping = false\ninvited_to_recruitment_event = true\n",
    );
    let run = ask_with_input(
        &[
            "--from",
            profile.1.to_str().expect("path"),
            "--as-of",
            AS_OF,
            "--lang",
            "en",
            "--format",
            "json",
        ],
        "武汉\nnorth_yangtze\n",
    );
    assert!(
        run.stderr.contains("! travel_origin: `武汉` is ambiguous: Wuhan (Hubei) lies on both banks of the Yangtze; give one of: south_yangtze (south of the Yangtze, outside Fujian), north_yangtze (north of the Yangtze)\n? travel_origin:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("\"amount\": \"1500\""),
        "{}",
        run.stdout
    );
}

/// A profile written to a fresh folder, kept alive with it.
fn dir_profile(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, text).expect("write");
    (dir, path)
}
