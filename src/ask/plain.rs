//! Plain mode, for scripts and tests: each question is one line on standard error, each answer one line of input.
//!
//! `? FIELD: QUESTION [OPTIONS]` is written; the next input line answers it. An empty line means
//! "I don't know", `?` shows the help text, and a bad answer is reported as `! FIELD: REASON`
//! before the same question is asked again.

use super::question::{parse, prompt, Parsed};
use super::{Asker, Reply, Turn};
use crate::error::Error;
use crate::i18n::Lang;
use crate::policy::Policy;
use std::io::BufRead;

pub struct Plain<R> {
    input: R,
    lang: Lang,
}

impl<R: BufRead> Plain<R> {
    pub fn new(input: R, lang: Lang) -> Plain<R> {
        Plain { input, lang }
    }
}

impl<R: BufRead> Asker for Plain<R> {
    fn ask(&mut self, policy: &Policy, turn: &Turn) -> Result<Reply, Error> {
        let lang = self.lang;
        let prompt = prompt(policy, turn.question, lang);
        loop {
            eprintln!(
                "? {}: {} [{}]",
                prompt.field,
                prompt.text,
                prompt.options_text(lang)
            );
            let mut line = String::new();
            let read = self
                .input
                .read_line(&mut line)
                .map_err(|e| Error::Invalid(format!("error: cannot read standard input: {e}")))?;
            if read == 0 {
                return Ok(Reply::EndOfInput);
            }
            match parse(policy, turn.question, &line, lang) {
                Ok(Parsed::Answer(answer)) => return Ok(Reply::Answer(answer)),
                Ok(Parsed::Help) => {
                    for line in prompt.help_text(lang).lines() {
                        eprintln!("  {line}");
                    }
                }
                Err(reason) => eprintln!("! {}: {reason}", prompt.field),
            }
        }
    }
}
