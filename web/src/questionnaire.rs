//! The page's questionnaire: its answers put through `caiju ask`'s own interview, the questions that reached, and the result.
//!
//! The page keeps every answer given, by field. Each request replays them through `interview`,
//! which picks each question exactly as `caiju ask` does; an answer is used when its question is
//! reached, and the first question without one (or with one that does not read) is the next.
//! Changing an early answer can so change which later questions count.

use crate::dispatch::Failure;
use caiju_core::ask::question::{parse, prompt, Form, Parsed, Question, CHECKLIST_FIELD};
use caiju_core::ask::{change, interview, save, Asker, Known, Reply, Turn};
use caiju_core::error::Error;
use caiju_core::i18n::Lang;
use caiju_core::lang::value::{Type, Value};
use caiju_core::messages::Msg;
use caiju_core::policy::Policy;
use caiju_core::report::{self, json, Shown};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The answers given, by field (`subject`, a fact name, or `checklist`), and the profile's name.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub values: indexmap::IndexMap<String, Given>,
}

/// One answer: what was typed or chosen (empty: "I don't know"), or the checklist items ticked.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Given {
    Text(String),
    Ticked(Vec<String>),
}

/// A question as the page shows it.
#[derive(Serialize)]
struct Step {
    field: String,
    /// How it is answered: `choice`, `checklist`, `date`, `date_or_id`, `number`, `money` or `text`.
    kind: &'static str,
    /// The question.
    text: String,
    /// What it asks about, in a few words (the fact's label).
    label: String,
    help: Option<String>,
    /// The format expected, for a typed answer.
    hint: Option<String>,
    options: Vec<Choice>,
    /// The answer used, if the question has one that reads.
    answer: Option<Given>,
    /// Why the answer given does not read.
    error: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

/// Answers each question reached from the page's answers, and notes each one.
struct Replay<'a> {
    answers: &'a Answers,
    lang: Lang,
    steps: Vec<Step>,
    /// The question left without an answer, and at most how many follow it.
    open: Option<(usize, usize)>,
}

impl Asker for Replay<'_> {
    fn ask(&mut self, policy: &Policy, turn: &Turn) -> Result<Reply, Error> {
        let lang = self.lang;
        let mut step = step(policy, turn.question, lang);
        let given = match (self.answers.values.get(&step.field), turn.question) {
            (Some(Given::Ticked(ticked)), Question::Checklist(items)) => {
                let offered: Vec<&String> = ticked
                    .iter()
                    .filter(|t| items.iter().any(|&f| policy.facts[f].name == **t))
                    .collect();
                Some((
                    Given::Ticked(offered.iter().map(|t| t.to_string()).collect()),
                    offered
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                ))
            }
            (Some(Given::Text(text)), _) => Some((Given::Text(text.clone()), text.clone())),
            _ => None,
        };
        let reply = match given {
            None => None,
            Some((given, text)) => {
                let parsed = parse(policy, turn.question, &text);
                step.answer = Some(given);
                match parsed {
                    Ok(Parsed::Answer(answer)) => Some(answer),
                    Ok(Parsed::Help) => {
                        step.error = Some(prompt(policy, turn.question, lang).help_text(lang));
                        None
                    }
                    Err(reason) => {
                        step.error = Some(reason.render(lang).into_owned());
                        None
                    }
                }
            }
        };
        self.steps.push(step);
        match reply {
            Some(answer) => Ok(Reply::Answer(answer)),
            None => {
                self.open = Some((turn.number, turn.left));
                Ok(Reply::EndOfInput)
            }
        }
    }
}

fn step(policy: &Policy, question: &Question, lang: Lang) -> Step {
    let prompt = prompt(policy, question, lang);
    let (kind, label) = match question {
        Question::Subject => ("choice", Msg::asking_for().render(lang).into_owned()),
        Question::Checklist(_) => ("checklist", Msg::what_applies().render(lang).into_owned()),
        Question::Fact(f) => {
            let fact = &policy.facts[*f];
            let kind = match fact.ty {
                Type::Bool | Type::Enum(_) => "choice",
                Type::Date if caiju_core::ask::question::id_fact_for(policy, *f).is_some() => {
                    "date_or_id"
                }
                Type::Date => "date",
                Type::Number => "number",
                Type::Money => "money",
                Type::Text => "text",
            };
            (kind, fact.label.get(lang).to_string())
        }
    };
    let (options, hint) = match prompt.form {
        Form::Choices(list) | Form::Checklist(list) => (list, None),
        Form::Text(hint) => (Vec::new(), Some(hint)),
    };
    Step {
        field: prompt.field,
        kind,
        text: prompt.text,
        label,
        help: prompt.help,
        hint,
        options: options
            .into_iter()
            .map(|c| Choice {
                value: c.id,
                label: c.label,
            })
            .collect(),
        answer: None,
        error: None,
    }
}

/// What the questionnaire knows once the answers are replayed, and the questions they reached.
fn replay<'a>(
    policy: &Policy,
    answers: &'a Answers,
    as_of: Date,
    lang: Lang,
) -> Result<(Known, Replay<'a>), Error> {
    let mut known = Known::new(policy, None);
    known.name = answers.name.clone().filter(|n| !n.is_empty());
    let mut asker = Replay {
        answers,
        lang,
        steps: Vec::new(),
        open: None,
    };
    interview(policy, &mut known, as_of, &mut asker)?;
    Ok((known, asker))
}

/// The questions reached, the next one, the result so far and what would change it.
pub fn next(
    policy: &Policy,
    answers: &Answers,
    as_of: Date,
    lang: Lang,
) -> Result<serde_json::Value, Failure> {
    let (known, replayed) = replay(policy, answers, as_of, lang)?;
    let profile = known.profile();
    let (report, outcomes) = report::of_profile(policy, &profile, as_of, lang, Shown::default())?;
    // What the table shows besides the JSON: the quoted sentence, the row's few reasons, the
    // questions still open.
    let notes: Vec<serde_json::Value> = report
        .measures
        .iter()
        .map(|m| {
            let quote = outcomes
                .iter()
                .map(|o| o.version_of(policy))
                .find(|v| v.id == m.id)
                .map(|v| v.source.clone());
            json!({ "quote": quote, "detail": m.detail, "questions": m.questions })
        })
        .collect();
    let changes = change::render(policy, &profile, &outcomes, as_of, lang)?;
    let changes: Vec<&str> = changes
        .lines()
        .filter(|l| !l.trim().is_empty())
        .skip(1)
        .map(|l| l.trim_start_matches(['•', ' ']))
        .collect();
    let report: serde_json::Value = serde_json::from_str(&json::render(policy, &report)?)?;
    let (number, left) = replayed.open.unwrap_or((replayed.steps.len(), 0));
    Ok(json!({
        "steps": replayed.steps,
        "done": replayed.open.is_none(),
        "number": number,
        "left": left,
        "report": report,
        "notes": notes,
        "changes": changes,
    }))
}

/// The answers as a TOML profile that `caiju check` reads.
pub fn save(
    policy: &Policy,
    answers: &Answers,
    as_of: Date,
    lang: Lang,
) -> Result<String, Failure> {
    let (known, _) = replay(policy, answers, as_of, lang)?;
    Ok(save::toml_text(policy, &known, lang))
}

/// A profile's values as the answers the questionnaire takes: a fact with a default counts as
/// ticked in the checklist when the profile gives another value; a date with an ID number is
/// answered with the number.
pub fn load(policy: &Policy, text: &str, lang: Lang) -> Result<serde_json::Value, Failure> {
    let profile =
        crate::dispatch::read_profile(policy, &serde_json::Value::String(text.into()), lang)
            .map_err(|Failure(message)| {
                Failure(Msg::cannot_read_profile(message).render(lang).into_owned())
            })?;
    let mut answers = Answers {
        name: profile.name.clone(),
        values: indexmap::IndexMap::new(),
    };
    answers.values.insert(
        "subject".into(),
        Given::Text(profile.subject.id().to_string()),
    );
    let mut ticked = Vec::new();
    let mut screened = false;
    for (f, fact) in policy.facts.iter().enumerate() {
        let Some(value) = &profile.facts[f] else {
            continue;
        };
        if let Some(default) = &fact.default {
            screened = true;
            if value == default {
                continue;
            }
            ticked.push(fact.name.clone());
        }
        let field = match fact.birth_date_of {
            Some(date) => policy.facts[date].name.clone(),
            None => fact.name.clone(),
        };
        answers
            .values
            .insert(field, Given::Text(answer_text(policy, fact.ty, value)));
    }
    if screened {
        answers
            .values
            .insert(CHECKLIST_FIELD.into(), Given::Ticked(ticked));
    }
    Ok(serde_json::to_value(&answers)?)
}

/// A value as it would be typed or chosen.
fn answer_text(policy: &Policy, ty: Type, value: &Value) -> String {
    match (ty, value) {
        (_, Value::Bool(b)) => (if *b { "yes" } else { "no" }).into(),
        (_, Value::Number(n)) => n.normalize().to_string(),
        (_, Value::Date(d)) => d.to_string(),
        (_, Value::Text(t)) => t.to_string(),
        (Type::Enum(id), Value::Option(o)) => policy.option(id, *o).id.clone(),
        (_, Value::Option(o)) => o.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy::embedded().unwrap()
    }

    fn as_of() -> Date {
        Date::constant(2026, 8, 1)
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        Answers {
            name: None,
            values: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Given::Text(v.to_string())))
                .collect(),
        }
    }

    #[test]
    fn the_first_question_is_who_is_asking() {
        let out = next(&policy(), &Answers::default(), as_of(), Lang::Zh)
            .ok()
            .unwrap();
        assert_eq!(out["steps"][0]["field"], "subject");
        assert_eq!(out["done"], false);
        assert_eq!(out["number"], 1);
    }

    #[test]
    fn a_bad_answer_stops_at_its_question() {
        let given = answers(&[("subject", "person"), ("employer_in_nanping", "maybe")]);
        let out = next(&policy(), &given, as_of(), Lang::En).ok().unwrap();
        let steps = out["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[1]["field"], "employer_in_nanping");
        assert!(steps[1]["error"].as_str().unwrap().contains("maybe"));
    }

    /// The graduate of the ask tests, answered as in examples/graduate-answers.txt.
    #[test]
    fn the_graduate_reaches_the_end_and_saves_a_profile_check_reads() {
        let policy = policy();
        let mut given = answers(&[
            ("subject", "person"),
            ("employer_in_nanping", "yes"),
            ("education", "master"),
            ("birth_date", "1998-05-12"),
            ("employer_type", "enterprise"),
            ("contract_start", "2024-07-01"),
            ("contract_years", "3"),
            ("pension_start", "2024-07-01"),
            ("previous_nanping_pension", "no"),
            ("talent_program_2020", "no"),
        ]);
        given
            .values
            .insert(CHECKLIST_FIELD.into(), Given::Ticked(Vec::new()));
        let out = next(&policy, &given, as_of(), Lang::Zh).ok().unwrap();
        assert_eq!(out["done"], true, "{}", out["steps"]);
        assert_eq!(out["report"]["totals"]["individual"], "70000");
        let toml = save(&policy, &given, as_of(), Lang::Zh).ok().unwrap();
        let loaded = load(&policy, &toml, Lang::Zh).ok().unwrap();
        let again: Answers = serde_json::from_value(loaded).unwrap();
        let out_again = next(&policy, &again, as_of(), Lang::Zh).ok().unwrap();
        assert_eq!(out_again["report"], out["report"]);
        assert_eq!(out_again["done"], true);
    }
}
