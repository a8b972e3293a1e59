//! Every text a person reads comes from the message catalog: no string literal elsewhere in the
//! Rust code (the CLI, the core and the page's engine) may hold words, except the machine texts
//! listed here.
//!
//! The rule: in `SOURCE_DIRS/**/*.rs` other than `core/src/messages.rs`, every string literal of the code —
//! not of comments, attributes (clap's help is written in doc comments and attributes) or items
//! under `#[cfg(test)]` — that holds a letter (Latin, Chinese or any other) once its `{…}` format
//! arguments are taken out is either a machine token (lower-case ASCII letters and digits joined
//! by `_ . - /`, with at least one of those or a digit: ids, keys, file names) or one of the
//! `NOT_MESSAGES` below. A new text for people goes into the catalog instead.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failing test

use std::path::{Path, PathBuf};

/// The Rust code scanned: the CLI, the core library and the page's engine.
const SOURCE_DIRS: &[&str] = &["src", "core/src", "web/src"];

/// Literals with letters that are not messages for people, as written between the quotes.
const NOT_MESSAGES: &[&str] = &[
    // Ids and keys of the stable interfaces (JSON, CSV columns, policy files, the plain-mode
    // protocol of `ask`, the place table), English whatever the language.
    "added",
    "amount",
    "beneficiary",
    "both",
    "caiju",
    "changed",
    "checklist",
    "clause",
    "competitive",
    "default",
    "derived",
    "divided",
    "document",
    "eligible",
    "employer",
    "en",
    "entitlement",
    "error",
    "expr",
    "fact",
    "help",
    "id",
    "individual",
    "kind",
    "label",
    "measure",
    "met",
    "missing",
    "name",
    "note",
    "off",
    "options",
    "organization",
    "overlay",
    "param",
    "pending",
    "person",
    "policy",
    "question",
    "removed",
    "row",
    "status",
    "subject",
    "type",
    "unknown",
    "value",
    "zh",
    // Keys of the page's JSON requests and answers, and its kinds of question.
    "changes",
    "choice",
    "detail",
    "done",
    "file",
    "lang",
    "left",
    "message",
    "notes",
    "ok",
    "overlays",
    "profile",
    "questions",
    "quote",
    "report",
    "steps",
    "title",
    // Formats and file endings, as options and names of files.
    "csv",
    "jsonl",
    "ndjson",
    "toml",
    "xlsx",
    // What standard input is called where a file name would be.
    "<stdin>",
    // JSON's null, read and written in profiles, policy tests and summaries.
    "null",
    // The saved answers of `caiju ask`: TOML keys of a profile.
    r"subject = {}\n",
    r"name = {}\n",
    // An overlay's header, looked for in a file that does not parse.
    "[overlay]",
    // The template's heading colour.
    "#DDEBF7",
    // The policy language: types, keywords, functions, and expressions as a maintainer writes
    // them (`policy diff`, `explain`).
    "bool",
    "date",
    "money",
    "number",
    "text",
    "enum",
    "and",
    "or",
    "not",
    "in",
    "if",
    "then",
    "else",
    "true",
    "false",
    "min",
    "max",
    "not {a}",
    "{value} in [{}]",
    "{value} not in [{}]",
    "if {c} then {a} else {b}",
    // Words read in answers, cells and column titles, never shown: yes and no, going back, the
    // name and staff number columns, units after numbers, Chinese numerals, the words notes
    // under a table start with, the endings of place names, a province typed in Pinyin.
    "yes",
    "no",
    "y",
    "n",
    "是",
    "否",
    "有",
    "无",
    "back",
    "返回",
    "姓名",
    "工号",
    "年期",
    "年",
    "元",
    "周岁",
    "岁",
    "零一二三四五六七八九",
    "制表",
    "填表",
    "审核",
    "负责人",
    "合计",
    "总计",
    "备注",
    "说明",
    "注",
    "联系",
    "市",
    "地区",
    "盟",
    "州",
    "县",
    "区",
    "自治州",
    "省",
    "特别行政区",
    "自治区",
    "city",
    "shi",
    "{}province",
    // The words of the TOML and JSON readers' own English messages, read to say them in the
    // reader's language; and the kind of value the JSON reader is told to expect, which ends up
    // in its English message.
    "unknown field ",
    "expected one of ",
    "expected ",
    "missing field ",
    "duplicate key",
    "invalid type: ",
    "invalid value: ",
    "unknown variant ",
    "invalid date-time",
    "recursion limit exceeded",
    " at line ",
    "an object",
];

/// The source files to look at.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("messages.rs") {
            out.push(path);
        }
    }
}

/// A string literal of the code: its line and its text (escapes decoded as far as matters).
struct Literal {
    line: usize,
    text: String,
}

/// The string literals of `code`, outside comments, attributes and `#[cfg(test)]` items.
fn literals(code: &str) -> Vec<Literal> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut skip_next_item = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if chars[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                }
            }
            '#' if next == Some('[') || (next == Some('!') && chars.get(i + 2) == Some(&'[')) => {
                let start = i;
                i = skip_balanced(&chars, i + if next == Some('[') { 1 } else { 2 }, &mut line);
                let attribute: String = chars[start..i].iter().collect();
                if attribute.replace(' ', "") == "#[cfg(test)]" {
                    skip_next_item = true;
                }
            }
            '\'' => i = skip_char_or_lifetime(&chars, i),
            '"' | 'r' | 'b'
                if c == '"'
                    || starts_raw_or_byte_string(&chars, i) && !is_ident_char(&chars, i) =>
            {
                let (text, end, lines, byte) = read_string(&chars, i);
                if !skip_next_item && !byte {
                    out.push(Literal { line, text });
                }
                line += lines;
                i = end;
            }
            '{' | ';' if skip_next_item => {
                // The item under `#[cfg(test)]`: a block, or a declaration ending at `;`.
                i = if c == '{' {
                    skip_balanced(&chars, i, &mut line)
                } else {
                    i + 1
                };
                skip_next_item = false;
            }
            _ => i += 1,
        }
    }
    out
}

fn is_ident_char(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// `r"`, `r#"`, `b"`, `br"`, `br#"` at `i`.
fn starts_raw_or_byte_string(chars: &[char], i: usize) -> bool {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) == Some(&'r') {
        j += 1;
        while chars.get(j) == Some(&'#') {
            j += 1;
        }
    }
    j > i && chars.get(j) == Some(&'"')
}

/// Reads the string literal at `i`: its text, the index after it, the line breaks in it, and
/// whether it is a byte string.
fn read_string(chars: &[char], mut i: usize) -> (String, usize, usize, bool) {
    let byte = chars[i] == 'b';
    if byte {
        i += 1;
    }
    let mut lines = 0;
    let mut text = String::new();
    if chars[i] == 'r' {
        i += 1;
        let mut hashes = 0;
        while chars[i] == '#' {
            hashes += 1;
            i += 1;
        }
        i += 1;
        loop {
            if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                return (text, i + 1 + hashes, lines, byte);
            }
            if chars[i] == '\n' {
                lines += 1;
            }
            text.push(chars[i]);
            i += 1;
        }
    }
    i += 1;
    loop {
        match chars[i] {
            '"' => return (text, i + 1, lines, byte),
            '\\' if chars[i + 1] == '\n' => {
                // A line continuation: the break and the next line's indent are dropped.
                lines += 1;
                i += 2;
                while chars[i] == ' ' {
                    i += 1;
                }
            }
            '\\' => {
                text.push('\\');
                text.push(chars[i + 1]);
                i += 2;
            }
            c => {
                if c == '\n' {
                    lines += 1;
                }
                text.push(c);
                i += 1;
            }
        }
    }
}

/// Skips `'x'`, `'\n'`, `'\u{…}'`, or a lifetime's quote.
fn skip_char_or_lifetime(chars: &[char], i: usize) -> usize {
    match (chars.get(i + 1), chars.get(i + 2)) {
        (Some('\\'), _) => {
            let mut j = i + 2;
            while chars.get(j).is_some_and(|c| *c != '\'') {
                j += 1;
            }
            j + 1
        }
        (Some(_), Some('\'')) => i + 3,
        _ => i + 1,
    }
}

/// The index after the bracketed group opening at `i` (`[`, `(` or `{`), strings inside skipped.
fn skip_balanced(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    let mut depth = 0;
    while i < chars.len() {
        match chars[i] {
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            '\n' => *line += 1,
            '\'' => {
                i = skip_char_or_lifetime(chars, i);
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            c if c == '"' || starts_raw_or_byte_string(chars, i) && !is_ident_char(chars, i) => {
                let (_, end, lines, _) = read_string(chars, i);
                *line += lines;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// The text without its escapes (`\n`, `\"`, `\u{…}`), each a space.
fn without_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        if chars.next() == Some('u') {
            for c in chars.by_ref() {
                if c == '}' {
                    break;
                }
            }
        }
        out.push(' ');
    }
    out
}

/// The text without its `{…}` format arguments (`{{` and `}}` are braces).
fn without_arguments(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' if chars.peek() == Some(&c) => {
                chars.next();
                out.push(c);
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    out
}

/// Lower-case ASCII words and digits joined by `_ . - /`, with one of those or a digit (ids,
/// keys, file names); or upper-case letters, digits and `_` (environment variables).
fn is_machine_token(text: &str) -> bool {
    let lower = text
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-/".contains(c))
        && text
            .chars()
            .any(|c| c.is_ascii_digit() || "_.-/".contains(c));
    let upper = text
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    !text.is_empty() && (lower || upper)
}

/// The literals of the Rust code with words that are not machine tokens, as (`file:line`, text).
fn worded_literals() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in SOURCE_DIRS {
        sources(Path::new(dir), &mut files);
    }
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let code = std::fs::read_to_string(&file).unwrap();
        for literal in literals(&code) {
            let words = without_arguments(&without_escapes(&literal.text));
            if words.chars().any(char::is_alphabetic) && !is_machine_token(words.trim()) {
                out.push((format!("{}:{}", file.display(), literal.line), literal.text));
            }
        }
    }
    out
}

#[test]
fn every_text_for_people_is_in_the_catalog() {
    let stray: Vec<String> = worded_literals()
        .into_iter()
        .filter(|(_, text)| !NOT_MESSAGES.contains(&text.as_str()))
        .map(|(at, text)| format!("{at}: {text:?}"))
        .collect();
    assert!(
        stray.is_empty(),
        "texts outside core/src/messages.rs (put them in the catalog, or list a machine text in \
         NOT_MESSAGES):\n{}",
        stray.join("\n")
    );
}

#[test]
fn every_listed_machine_text_is_still_in_use() {
    let found: Vec<String> = worded_literals().into_iter().map(|(_, t)| t).collect();
    for text in NOT_MESSAGES {
        assert!(
            found.iter().any(|t| t == text),
            "{text:?} is no longer in the Rust code"
        );
    }
}

#[test]
fn the_scan_sees_what_it_should_and_only_that() {
    let code = r##"
/// A doc comment with "words" in quotes.
#[arg(help = "clap's own words")]
fn f<'a>(x: &'a str) -> char {
    let shown = format!("{x} is not a date");
    let key = "effective_from";
    let raw = r#"raw "words" here"#;
    let bytes = b"bytes are not text";
    let quote = '"';
    let both = "line one \
                line two";
    '\''
}

#[cfg(test)]
mod tests {
    const T: &str = "test text";
}

const AFTER: &str = "after the tests";
"##;
    let found: Vec<(usize, String)> = literals(code)
        .into_iter()
        .map(|l| (l.line, l.text))
        .collect();
    assert_eq!(
        found,
        [
            (5, "{x} is not a date".to_string()),
            (6, "effective_from".to_string()),
            (7, "raw \"words\" here".to_string()),
            (10, "line one line two".to_string()),
            (20, "after the tests".to_string()),
        ]
    );
    assert_eq!(without_escapes(r#"a\n\"b\" \u{feff}c"#), "a  b   c");
    assert_eq!(without_arguments("{x} is {{not}} {:>8}"), "  is {not}  ");
    assert!(is_machine_token("policies.toml"));
    assert!(is_machine_token("effective_from"));
    assert!(!is_machine_token("measure"));
    assert!(!is_machine_token("paid to"));
}

#[test]
fn every_message_of_the_catalog_is_used() {
    let mut files = Vec::new();
    for dir in SOURCE_DIRS {
        sources(Path::new(dir), &mut files);
    }
    files.push(PathBuf::from("core/src/messages.rs"));
    let code: String = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        })
        .collect();
    for entry in caiju::messages::CATALOG {
        let call = format!("Msg::{}", entry.key);
        let used = code.match_indices(&call).any(|(at, _)| {
            !code[at + call.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        });
        assert!(used, "`{}` is in the catalog but never said", entry.key);
    }
}
