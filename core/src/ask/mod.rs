//! The questionnaire behind `caiju ask`: what is known so far, and the loop that asks until nothing more matters.

pub mod change;
pub mod question;
pub mod save;
pub mod select;

use crate::engine::Facts;
use crate::error::Error;
use crate::lang::value::{Type, Value};
use crate::policy::{Policy, Subject};
use crate::profile::Profile;
use jiff::civil::Date;
use question::{Answer, Question};

/// Everything known so far, and what has been settled by asking.
#[derive(Clone, Debug)]
pub struct Known {
    /// `None` until asked, when the policy has measures for more than one subject.
    pub subject: Option<Subject>,
    pub name: Option<String>,
    /// The values given, by fact index.
    pub values: Vec<Option<Value>>,
    /// Given, answered or answered "I don't know": never asked again.
    settled: Vec<bool>,
    /// Ticked in the checklist: the default no longer holds, the value is still to ask.
    pending: Vec<bool>,
    /// Offered in the checklist and not ticked: the default holds by the person's word.
    declined: Vec<bool>,
    /// The checklist has been shown.
    screened: bool,
}

impl Known {
    /// Starts from a profile (`--from`) or from nothing.
    pub fn new(policy: &Policy, from: Option<Profile>) -> Known {
        let n = policy.facts.len();
        let (subject, name, values) = match from {
            Some(p) => (Some(p.subject), p.name, p.facts),
            None => {
                let mut subjects = policy.measures.iter().map(|m| m.subject);
                let first = subjects.next().unwrap_or(Subject::Person);
                let single = subjects.all(|s| s == first);
                (single.then_some(first), None, vec![None; n])
            }
        };
        Known {
            subject,
            name,
            settled: values.iter().map(Option::is_some).collect(),
            values,
            pending: vec![false; n],
            declined: vec![false; n],
            screened: false,
        }
    }

    /// The answers as a profile, as `caiju check` would read it.
    pub fn profile(&self) -> Profile {
        Profile {
            subject: self.subject.unwrap_or(Subject::Person),
            name: self.name.clone(),
            facts: self.values.clone(),
            undecided: Vec::new(),
        }
    }

    /// The facts not ticked in the checklist: they keep their default.
    pub fn declined(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.declined.len()).filter(|&f| self.declined[f])
    }

    /// The values to evaluate with: defaults apply except to ticked facts and to `unknown`.
    fn facts<'p>(&self, policy: &'p Policy, as_of: Date, unknown: Option<usize>) -> Facts<'p> {
        let mut facts = Facts::new(policy, &self.profile(), as_of);
        for (f, pending) in self.pending.iter().enumerate() {
            if *pending {
                facts.values[f] = None;
            }
        }
        if let Some(f) = unknown {
            facts.values[f] = None;
        }
        facts
    }

    /// Those of `facts` not yet settled.
    fn unsettled(&self, facts: &[usize]) -> Vec<usize> {
        facts
            .iter()
            .copied()
            .filter(|&f| !self.settled[f])
            .collect()
    }

    fn settle(&mut self, f: usize, value: Option<Value>) {
        self.settled[f] = true;
        self.pending[f] = false;
        if value.is_some() {
            self.values[f] = value;
        }
    }

    fn apply(&mut self, policy: &Policy, question: &Question, answer: &Answer) {
        match (question, answer) {
            (_, Answer::Subject(s)) => self.subject = Some(*s),
            (Question::Fact(f), Answer::IdNumber(id, born)) => {
                self.settle(*f, Some(Value::Date(*born)));
                if let Some(id_fact) = question::id_fact_for(policy, *f) {
                    self.settle(id_fact, Some(Value::Text(id.clone())));
                }
            }
            (Question::Fact(f), Answer::Value(v)) => {
                if let (Some(target), Value::Text(id)) = (policy.facts[*f].birth_date_of, v) {
                    if let Ok(born) = crate::policy::value::id_number_birth_date(id) {
                        self.settle(target, Some(Value::Date(born)));
                    }
                }
                self.settle(*f, Some(v.clone()));
            }
            (Question::Fact(f), _) => self.settle(*f, None),
            (Question::Checklist(items), Answer::Ticked(ticked)) => {
                self.screened = true;
                for &f in items {
                    if !ticked.contains(&f) {
                        self.declined[f] = true;
                        self.settled[f] = true;
                    } else if policy.facts[f].ty == Type::Bool {
                        self.settle(f, Some(Value::Bool(true)));
                    } else {
                        self.pending[f] = true;
                    }
                }
            }
            (Question::Checklist(_) | Question::Subject, _) => {}
        }
    }
}

/// One question as put to the person.
pub struct Turn<'a> {
    pub question: &'a Question,
    /// 1 for the first question asked.
    pub number: usize,
    /// At most this many questions after this one (if the usual cases hold).
    pub left: usize,
    /// The answer given before going back to this question.
    pub previous: Option<&'a Answer>,
}

/// What came back from asking.
pub enum Reply {
    Answer(Answer),
    /// Change the previous answer.
    Back,
    /// No more answers: evaluate with what is known.
    EndOfInput,
    /// The person asked to leave.
    Interrupted,
}

/// Asks one question: on standard input and error (plain mode) or with terminal prompts.
pub trait Asker {
    fn ask(&mut self, policy: &Policy, turn: &Turn) -> Result<Reply, Error>;
}

/// How the questionnaire ended.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// Nothing left that matters, or no more input.
    Done,
    Interrupted,
}

/// Asks until every measure is decided or nothing left unknown can change a result.
pub fn interview(
    policy: &Policy,
    known: &mut Known,
    as_of: Date,
    asker: &mut dyn Asker,
) -> Result<End, Error> {
    let index = select::Index::new(policy);
    let mut history: Vec<(Known, Answer)> = Vec::new();
    let mut previous: Option<Answer> = None;
    loop {
        let Some(question) = select::next(policy, &index, known, as_of)? else {
            return Ok(End::Done);
        };
        let remaining = select::remaining(policy, &index, known, as_of)?;
        let turn = Turn {
            question: &question,
            number: history.len() + 1,
            left: remaining.saturating_sub(1),
            previous: previous.as_ref(),
        };
        match asker.ask(policy, &turn)? {
            Reply::Answer(answer) => {
                let before = known.clone();
                known.apply(policy, &question, &answer);
                history.push((before, answer));
                previous = None;
            }
            Reply::Back => {
                if let Some((before, answer)) = history.pop() {
                    *known = before;
                    previous = Some(answer);
                }
            }
            Reply::EndOfInput => return Ok(End::Done),
            Reply::Interrupted => return Ok(End::Interrupted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Source;

    /// Answers from a profile, as the person it describes would, and notes each question's count.
    struct FromProfile<'p> {
        profile: &'p Profile,
        turns: Vec<(usize, usize, bool)>,
    }

    impl Asker for FromProfile<'_> {
        fn ask(&mut self, policy: &Policy, turn: &Turn) -> Result<Reply, Error> {
            let answer = match turn.question {
                Question::Subject => Answer::Subject(self.profile.subject),
                Question::Fact(f) => match &self.profile.facts[*f] {
                    Some(v) => Answer::Value(v.clone()),
                    None => Answer::Unknown,
                },
                Question::Checklist(items) => Answer::Ticked(
                    items
                        .iter()
                        .copied()
                        .filter(|&f| {
                            self.profile.facts[f].is_some()
                                && self.profile.facts[f] != policy.facts[f].default
                        })
                        .collect(),
                ),
            };
            let ticked = matches!(&answer, Answer::Ticked(t) if !t.is_empty());
            self.turns.push((turn.number, turn.left, ticked));
            Ok(Reply::Answer(answer))
        }
    }

    /// "At most N left" holds from every question on, unless a ticked checklist item adds its own.
    #[test]
    fn questions_left_is_an_upper_bound() {
        let policy = Policy::embedded().expect("the embedded policy loads");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/ask");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures") {
            let path = entry.expect("fixture").path();
            let text = std::fs::read_to_string(&path).expect("fixture");
            let source = Source::new(path.to_str().expect("path"), text);
            let profile = crate::profile::parse(&policy, &source).expect("fixture profile");
            let mut asker = FromProfile {
                profile: &profile,
                turns: Vec::new(),
            };
            let mut known = Known::new(&policy, None);
            let end = interview(&policy, &mut known, Date::constant(2026, 8, 1), &mut asker);
            assert_eq!(end.ok(), Some(End::Done));
            let total = asker.turns.len();
            let last_tick = asker.turns.iter().rposition(|t| t.2);
            for (i, &(number, left, _)) in asker.turns.iter().enumerate() {
                assert_eq!(number, i + 1);
                if last_tick.map_or(true, |t| i > t) {
                    assert!(
                        total - number <= left,
                        "{path:?}: question {number}, {left} left, {total} asked"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 20);
    }
}
