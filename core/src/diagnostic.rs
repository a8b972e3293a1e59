//! Positioned error messages: `file:line:col`, the source line, and a caret under the culprit.

use crate::i18n::Lang;
use crate::messages::Msg;
use std::borrow::Cow;
use std::fmt;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The most characters of an input value echoed in a message.
pub const EXCERPT_CHARS: usize = 64;

/// The widest source line shown under a message, in columns; a longer one is cut around the caret.
pub const LINE_COLUMNS: usize = 100;

/// At most `EXCERPT_CHARS` characters of `text`, for echoing it in a message; a cut is marked `…`.
pub fn excerpt(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => Cow::Borrowed(text),
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
    }
}

/// A byte range in a source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

/// A named text that diagnostics point into.
#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// An error at `span`.
    pub fn error(&self, span: Span, message: Msg) -> Diagnostic {
        self.diagnostic(Severity::Error, span, message)
    }

    pub fn diagnostic(&self, severity: Severity, span: Span, message: Msg) -> Diagnostic {
        Diagnostic {
            severity,
            message,
            location: Some(Box::new(self.locate(span))),
            help: None,
        }
    }

    /// `file:line:col` of `span`.
    pub fn position(&self, span: Span) -> String {
        let l = self.locate(span);
        format!("{}:{}:{}", l.file, l.line, l.col)
    }

    /// The line `span` starts on, from 1.
    pub fn line(&self, span: Span) -> usize {
        self.locate(span).line
    }

    fn locate(&self, span: Span) -> Location {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, span.end.clamp(start, self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let line = self.text[..start].matches('\n').count() + 1;
        let col = self.text[line_start..start].chars().count() + 1;
        let caret_start = (start - line_start).min(line_text.len());
        let caret_end = (end - line_start).clamp(caret_start, line_text.len());
        let (line_text, indent, caret) = window(line_text, caret_start, caret_end);
        Location {
            file: self.name.clone(),
            line,
            col,
            line_text,
            indent,
            caret,
        }
    }
}

/// The line to show, the caret's indent and its width: all of `line` when it fits in
/// `LINE_COLUMNS`, else a part around the caret (at `start..end`) with `…` where it is cut.
fn window(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    if line.width() <= LINE_COLUMNS {
        let caret = line[start..end].width().max(1);
        return (line.to_string(), line[..start].width(), caret);
    }
    // Up to a third of the columns before the caret, the rest from it on.
    let mut from = start;
    let mut before = 0;
    for (i, c) in line[..start].char_indices().rev() {
        before += c.width().unwrap_or(0);
        if before > LINE_COLUMNS / 3 {
            break;
        }
        from = i;
    }
    let head = if from > 0 { "…" } else { "" };
    let room = LINE_COLUMNS.saturating_sub(head.width() + line[from..start].width() + 1);
    let mut to = start;
    let mut after = 0;
    for (i, c) in line[start..].char_indices() {
        after += c.width().unwrap_or(0);
        if after > room {
            break;
        }
        to = start + i + c.len_utf8();
    }
    let tail = if to < line.len() { "…" } else { "" };
    let indent = head.width() + line[from..start].width();
    let caret = line[start..end.min(to)].width().max(1);
    (format!("{head}{}{tail}", &line[from..to]), indent, caret)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Location {
    file: String,
    line: usize,
    col: usize,
    line_text: String,
    indent: usize,
    caret: usize,
}

/// One finding, printable as a compiler-style message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: Msg,
    location: Option<Box<Location>>,
    pub help: Option<Msg>,
}

impl Diagnostic {
    /// An error that points at no place.
    pub fn new(message: Msg) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message,
            location: None,
            help: None,
        }
    }

    /// A finding that points at a whole file rather than a place in it.
    pub fn file(file: &str, message: Msg) -> Diagnostic {
        Diagnostic::new(Msg::in_file(file, message))
    }

    pub fn with_help(mut self, help: Msg) -> Diagnostic {
        self.help = Some(help);
        self
    }

    pub fn with_help_opt(self, help: Option<Msg>) -> Diagnostic {
        match help {
            Some(help) => self.with_help(help),
            None => self,
        }
    }

    /// `file:line:col`, when the finding has a place.
    pub fn position(&self) -> Option<String> {
        self.location
            .as_ref()
            .map(|l| format!("{}:{}:{}", l.file, l.line, l.col))
    }

    /// The finding in `lang`: its message, then where it is, the line and a caret, and any help.
    pub fn render(&self, lang: Lang) -> String {
        use std::fmt::Write;
        let label = match self.severity {
            Severity::Error => Msg::error_label(),
            Severity::Warning => Msg::warning_label(),
        };
        let mut out = Msg::labelled(label, self.message.clone())
            .render(lang)
            .into_owned();
        out.push('\n');
        let help = self
            .help
            .as_ref()
            .map(|h| Msg::labelled(Msg::help_label(), h.clone()).render(lang));
        // Writing to a string cannot fail.
        if let Some(l) = &self.location {
            let number = l.line.to_string();
            let pad = " ".repeat(number.len());
            let _ = writeln!(out, "{pad}--> {}:{}:{}", l.file, l.line, l.col);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {}", l.line_text);
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(l.indent),
                "^".repeat(l.caret)
            );
            if let Some(help) = help {
                let _ = writeln!(out, "{pad} = {help}");
            }
        } else if let Some(help) = help {
            let _ = writeln!(out, "  = {help}");
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Several findings, printed one after another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// `Ok(value)` when nothing was found, else the findings.
    pub fn or_ok<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

impl Diagnostics {
    /// The findings in `lang`, a blank line between two.
    pub fn render(&self, lang: Lang) -> String {
        let shown: Vec<String> = self.0.iter().map(|d| d.render(lang)).collect();
        shown.join("\n")
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// "did you mean `x`?" for the closest candidate, if one is close enough.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Msg> {
    // No name is this long: a suggestion would take time and memory for nothing.
    if name.len() > EXCERPT_CHARS * 4 {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    let length = name.chars().count();
    // A Chinese character is a word or half of one: `序号` and `工号` share a character and
    // mean different things. Such names get one edit per three characters beyond the first.
    let max_edits = if name.is_ascii() {
        (length / 3).max(1)
    } else {
        (length.saturating_sub(1)) / 3
    };
    for candidate in candidates {
        let score = strsim::jaro_winkler(name, candidate);
        let close = score > 0.8 || strsim::damerau_levenshtein(name, candidate) <= max_edits;
        let better = best.map_or(true, |(s, c)| score > s || (score == s && candidate < c));
        if close && better {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| Msg::did_you_mean(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_line_and_caret() {
        let source = Source::new("p.toml", "a = 1\nwhen = \"eduction == phd\"\n");
        let d = source
            .error(Span::new(14, 22), Msg::unknown_name("eduction"))
            .with_help(Msg::did_you_mean("education"));
        assert_eq!(
            d.to_string(),
            "error: unknown name `eduction`\n --> p.toml:2:9\n  |\n2 | when = \"eduction == phd\"\n  |         ^^^^^^^^\n  = help: did you mean `education`?\n"
        );
        assert_eq!(
            d.render(Lang::Zh),
            "错误：未知名称 `eduction`\n --> p.toml:2:9\n  |\n2 | when = \"eduction == phd\"\n  |         ^^^^^^^^\n  = 提示：是否想写 `education`？\n"
        );
    }

    #[test]
    fn caret_accounts_for_wide_characters() {
        let source = Source::new("p.toml", "名 = x\n");
        let d = source.error(Span::new(6, 7), Msg::empty_expression());
        assert!(d.to_string().contains("1 | 名 = x\n  |      ^\n"), "{d}");
    }

    #[test]
    fn excerpts_cut_long_values() {
        let long = "名".repeat(EXCERPT_CHARS + 1);
        let cases = [
            ("short", "short".to_string()),
            (&long[..], format!("{}…", "名".repeat(EXCERPT_CHARS))),
        ];
        for (text, expected) in cases {
            assert_eq!(excerpt(text), expected);
        }
    }

    #[test]
    fn long_lines_show_a_window_around_the_caret() {
        let cases = [
            // (line, caret start, caret end) → (shown, indent, caret)
            ("a = 1", 4, 5, ("a = 1".to_string(), 4, 1)),
            (
                &format!("a = \"{}\"", "x".repeat(200))[..],
                4,
                206,
                (format!("a = \"{}…", "x".repeat(94)), 4, 95),
            ),
            (
                &format!("{}= 1", "名".repeat(100))[..],
                300,
                301,
                (format!("…{}= 1", "名".repeat(16)), 33, 1),
            ),
        ];
        for (line, start, end, expected) in cases {
            let (shown, indent, caret) = window(line, start, end);
            assert!(shown.width() <= LINE_COLUMNS, "{shown}");
            assert_eq!((shown, indent, caret), expected, "{line}");
        }
    }

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(
            did_you_mean("eduction", ["education", "birth_date"]),
            Some(Msg::did_you_mean("education"))
        );
        assert_eq!(did_you_mean("zzz", ["education"]), None);
    }

    #[test]
    fn short_chinese_names_need_more_than_one_shared_character() {
        let titles = ["工号", "姓名", "入职日期", "身份证号码", "毕业院校"];
        for (typed, expected) in [
            ("序号", None),
            ("工资", None),
            ("性名", None),
            ("入职日其", Some("入职日期")),
            ("身份证号", Some("身份证号码")),
            ("毕业学校", Some("毕业院校")),
            ("gonghao", None),
        ] {
            let help = did_you_mean(typed, titles);
            let wanted = expected.map(Msg::did_you_mean);
            assert_eq!(help, wanted, "{typed}");
        }
    }
}
