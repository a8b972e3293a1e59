//! Plain mode, for scripts and tests: each question is one line on standard error, each answer one line of input.
//!
//! `? FIELD: QUESTION [OPTIONS]` is written; the next input line answers it. An empty line means
//! "I don't know", `?` shows the help text, and a bad answer is reported as `! FIELD: REASON`
//! before the same question is asked again.

use super::question::{parse, prompt, Parsed};
use super::{Asker, Reply, Turn};
use crate::error::Error;
use crate::i18n::Lang;
use crate::messages::Msg;
use crate::policy::Policy;
use std::io::{self, BufRead, Read, Write};

/// The longest answer line, in bytes: far above any real answer. A longer line is refused, and
/// skipped without being kept in memory.
pub const MAX_ANSWER_BYTES: usize = 4096;

pub struct Plain<R, W> {
    input: R,
    output: W,
    lang: Lang,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Asks on `output` (standard error) and reads the answers from `input`.
    pub fn new(input: R, output: W, lang: Lang) -> Plain<R, W> {
        Plain {
            input,
            output,
            lang,
        }
    }

    fn say(&mut self, text: &str) -> Result<(), Error> {
        crate::stdio::write(&mut self.output, text.as_bytes(), crate::stdio::Stream::Err)
    }
}

/// One line of input.
enum Line {
    Text(Vec<u8>),
    TooLong,
    End,
}

/// Reads a line of at most `MAX_ANSWER_BYTES`; the rest of a longer line is read and dropped.
fn read_line(input: &mut impl BufRead) -> io::Result<Line> {
    let mut bytes = Vec::new();
    let limit = MAX_ANSWER_BYTES as u64 + 1;
    if input.take(limit).read_until(b'\n', &mut bytes)? == 0 {
        return Ok(Line::End);
    }
    if bytes.len() <= MAX_ANSWER_BYTES || bytes.ends_with(b"\n") {
        return Ok(Line::Text(bytes));
    }
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            break;
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => {
                input.consume(at + 1);
                break;
            }
            None => {
                let all = buffer.len();
                input.consume(all);
            }
        }
    }
    Ok(Line::TooLong)
}

impl<R: BufRead, W: Write> Asker for Plain<R, W> {
    fn ask(&mut self, policy: &Policy, turn: &Turn) -> Result<Reply, Error> {
        let lang = self.lang;
        let prompt = prompt(policy, turn.question, lang);
        loop {
            self.say(&format!(
                "? {}: {} [{}]\n",
                prompt.field,
                prompt.text,
                prompt.options_text(lang)
            ))?;
            let line = read_line(&mut self.input)
                .map_err(|e| Error::invalid(Msg::cannot_read_stdin(Msg::io(&e))))?;
            let bytes = match line {
                Line::Text(bytes) => bytes,
                Line::End => return Ok(Reply::EndOfInput),
                Line::TooLong => {
                    let reason = Msg::answer_too_long(MAX_ANSWER_BYTES).render(lang);
                    self.say(&format!("! {}: {reason}\n", prompt.field))?;
                    continue;
                }
            };
            let Ok(line) = String::from_utf8(bytes) else {
                self.say(&format!(
                    "! {}: {}\n",
                    prompt.field,
                    Msg::answer_not_utf8().render(lang)
                ))?;
                continue;
            };
            match parse(policy, turn.question, &line) {
                Ok(Parsed::Answer(answer)) => return Ok(Reply::Answer(answer)),
                Ok(Parsed::Help) => {
                    let help: String = prompt
                        .help_text(lang)
                        .lines()
                        .map(|line| format!("  {line}\n"))
                        .collect();
                    self.say(&help)?;
                }
                Err(reason) => {
                    self.say(&format!("! {}: {}\n", prompt.field, reason.render(lang)))?
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ask::{interview, End, Known};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever comes in, each line is an answer, a refusal or help, the end of input ends the
        /// questionnaire, and the answers save and read back.
        #[test]
        fn any_input_ends_the_questionnaire(lines in prop::collection::vec(
            prop_oneof![
                Just(String::new()),
                Just("?".to_string()),
                Just("yes".to_string()),
                Just("是".to_string()),
                Just("master".to_string()),
                Just("1998-05-12".to_string()),
                Just("11010519491231002X".to_string()),
                Just("3".to_string()),
                Just("organization".to_string()),
                "[a-z_, ]{0,30}",
                "[0-9./年月日-]{0,12}",
                any::<String>(),
            ],
            0..40,
        )) {
            let policy = Policy::embedded().expect("the embedded policy loads");
            let mut input: Vec<u8> = Vec::new();
            for line in &lines {
                input.extend(line.replace('\n', " ").as_bytes());
                input.push(b'\n');
            }
            input.extend([0xff, 0xfe, b'\n']);
            let mut plain = Plain::new(input.as_slice(), io::sink(), Lang::En);
            let mut known = Known::new(&policy, None);
            let end = interview(&policy, &mut known, jiff::civil::Date::constant(2026, 8, 1), &mut plain);
            prop_assert_eq!(end.ok(), Some(End::Done));
            // What was answered is saved as a profile that reads back to the same values …
            let as_of = jiff::civil::Date::constant(2026, 8, 1);
            let profile = known.profile();
            let values = crate::engine::Facts::new(&policy, &profile, as_of).values;
            for (name, text) in [
                ("saved.toml", crate::ask::save::toml_text(&policy, &known, Lang::En)),
                ("saved.json", crate::ask::save::json_text(&policy, &known)),
            ] {
                let source = crate::diagnostic::Source::new(name, text);
                let back = crate::profile::parse(&policy, &source);
                prop_assert!(back.is_ok(), "{}", source.text);
                let back = back.expect("checked");
                prop_assert_eq!(back.subject, profile.subject);
                prop_assert_eq!(&crate::engine::Facts::new(&policy, &back, as_of).values, &values);
            }
            // … and the result, with what would change it, renders.
            let mut facts = crate::engine::Facts::new(&policy, &profile, as_of);
            let outcomes = crate::engine::evaluate(&mut facts, profile.subject, None);
            prop_assert!(outcomes.is_ok());
            let outcomes = outcomes.expect("checked");
            prop_assert!(crate::ask::change::render(&policy, &profile, &outcomes, as_of, Lang::Zh).is_ok());
        }
    }
}
