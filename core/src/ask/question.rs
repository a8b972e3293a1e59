//! A question as the person sees it (text, options, help, in their language) and how an answer is read.

use crate::i18n::Lang;
use crate::lang::value::{Type, Value};
use crate::messages::{Arg, Msg};
use crate::policy::value::parse_date;
use crate::policy::{Policy, Subject};
use crate::profile::parse_text;
use jiff::civil::Date;
use std::sync::Arc;

/// What to ask next.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// Who is asking: a person or an organization.
    Subject,
    /// One fact (for a date that an ID number supplies, the ID number is accepted too).
    Fact(usize),
    /// Facts whose usual answer (their default) is assumed unless ticked here.
    Checklist(Vec<usize>),
}

/// What the person answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Subject(Subject),
    Value(Value),
    /// An ID number given for a birth date: the number, and the date inside it.
    IdNumber(Arc<str>, Date),
    /// "I don't know": the fact stays unknown.
    Unknown,
    /// The checklist items ticked.
    Ticked(Vec<usize>),
}

/// A reply that is not an answer: show the help text.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    Answer(Answer),
    Help,
}

/// One option of a choice: what may be typed, and what is shown.
#[derive(Clone, Debug)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// How the question is answered.
#[derive(Clone, Debug)]
pub enum Form {
    /// One of these (enums, yes/no, who is asking).
    Choices(Vec<Choice>),
    /// Any number of these.
    Checklist(Vec<Choice>),
    /// Typed text, described by a hint.
    Text(String),
}

/// A question rendered in one language.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub field: String,
    pub text: String,
    pub help: Option<String>,
    pub form: Form,
}

/// The name of the checklist question in the plain-mode protocol.
pub const CHECKLIST_FIELD: &str = "checklist";

/// The ID-number fact that supplies the date fact `fact`, if any.
pub fn id_fact_for(policy: &Policy, fact: usize) -> Option<usize> {
    policy
        .facts
        .iter()
        .position(|f| f.birth_date_of == Some(fact))
}

fn yes_no(lang: Lang) -> Vec<Choice> {
    [("yes", Msg::yes()), ("no", Msg::no())]
        .into_iter()
        .map(|(id, label)| Choice {
            id: id.into(),
            label: label.render(lang).into(),
        })
        .collect()
}

pub fn prompt(policy: &Policy, question: &Question, lang: Lang) -> Prompt {
    match question {
        Question::Subject => Prompt {
            field: "subject".into(),
            text: Msg::ask_subject().render(lang).into(),
            help: Some(Msg::ask_subject_help().render(lang).into()),
            form: Form::Choices(
                Subject::ALL
                    .iter()
                    .map(|(id, s)| Choice {
                        id: (*id).into(),
                        label: s.label().render(lang).into(),
                    })
                    .collect(),
            ),
        },
        Question::Fact(f) => {
            let fact = &policy.facts[*f];
            let form = match fact.ty {
                Type::Bool => Form::Choices(yes_no(lang)),
                Type::Enum(id) => Form::Choices(
                    policy.enums[id]
                        .options
                        .iter()
                        .map(|o| Choice {
                            id: o.id.clone(),
                            label: o.label.get(lang).into(),
                        })
                        .collect(),
                ),
                Type::Date if id_fact_for(policy, *f).is_some() => {
                    Form::Text(Msg::hint_date_or_id().render(lang).into())
                }
                Type::Date => Form::Text(Msg::hint_date().render(lang).into()),
                Type::Number => Form::Text(Msg::hint_number().render(lang).into()),
                Type::Money => Form::Text(Msg::hint_money().render(lang).into()),
                Type::Text if fact.birth_date_of.is_some() => {
                    Form::Text(Msg::hint_id_number().render(lang).into())
                }
                Type::Text => Form::Text(Msg::hint_text().render(lang).into()),
            };
            Prompt {
                field: fact.name.clone(),
                text: fact.question.get(lang).into(),
                help: fact.help.as_ref().map(|h| h.get(lang).to_string()),
                form,
            }
        }
        Question::Checklist(items) => Prompt {
            field: CHECKLIST_FIELD.into(),
            text: if items
                .iter()
                .all(|&f| policy.facts[f].subject == Subject::Organization)
            {
                Msg::ask_checklist_organization()
            } else {
                Msg::ask_checklist_person()
            }
            .render(lang)
            .into(),
            help: Some(Msg::ask_checklist_help().render(lang).into()),
            form: Form::Checklist(
                items
                    .iter()
                    .map(|&f| Choice {
                        id: policy.facts[f].name.clone(),
                        label: policy.facts[f].label.get(lang).into(),
                    })
                    .collect(),
            ),
        },
    }
}

impl Prompt {
    /// What `?` shows: the help text, or else the answers expected.
    pub fn help_text(&self, lang: Lang) -> String {
        match &self.help {
            Some(help) => help.clone(),
            None => Msg::no_further_help(self.options_text(lang))
                .render(lang)
                .into(),
        }
    }

    /// The `[OPTIONS]` part of a plain-mode question line.
    pub fn options_text(&self, lang: Lang) -> String {
        match &self.form {
            Form::Choices(choices) if choices.len() == 2 && choices[0].id == "yes" => {
                Msg::yes_no_options().render(lang).into()
            }
            Form::Choices(choices) | Form::Checklist(choices) => choices
                .iter()
                .map(|c| format!("{}={}", c.id, c.label))
                .collect::<Vec<_>>()
                .join(" | "),
            Form::Text(hint) => hint.clone(),
        }
    }
}

/// Reads a typed answer: empty is "I don't know", `?` asks for help.
pub fn parse(policy: &Policy, question: &Question, text: &str) -> Result<Parsed, Msg> {
    let text = text.trim();
    if text == "?" || text == "？" {
        return Ok(Parsed::Help);
    }
    let answer = match question {
        Question::Subject => parse_subject(text)?,
        Question::Fact(_) if text.is_empty() => Answer::Unknown,
        Question::Fact(f) => parse_fact(policy, *f, text)?,
        Question::Checklist(items) => parse_checklist(policy, items, text)?,
    };
    Ok(Parsed::Answer(answer))
}

fn parse_subject(text: &str) -> Result<Answer, Msg> {
    if text.is_empty() {
        return Ok(Answer::Subject(Subject::Person));
    }
    let lower = text.to_lowercase();
    Subject::ALL
        .iter()
        .find(|(id, s)| {
            let label = s.label();
            *id == lower
                || label.render(Lang::Zh) == text
                || label.render(Lang::En).to_lowercase() == lower
        })
        .map(|(_, s)| Answer::Subject(*s))
        .ok_or_else(|| Msg::answer_not_subject(crate::diagnostic::excerpt(text)))
}

fn parse_fact(policy: &Policy, f: usize, text: &str) -> Result<Answer, Msg> {
    let fact = &policy.facts[f];
    if fact.ty == Type::Date {
        if let Some(id_fact) = id_fact_for(policy, f) {
            // A birth date, or the ID number that holds it (18 characters; shorter is a date).
            match parse_date(text, true) {
                Ok(date) => return Ok(Answer::Value(Value::Date(date))),
                Err(detail) if text.chars().count() < 15 => {
                    return Err(reason(policy, f, text, detail))
                }
                Err(_) => {}
            }
            let id = parse_text(policy, &policy.facts[id_fact], text, true)
                .map_err(|detail| reason(policy, id_fact, text, detail))?;
            return match id {
                Value::Text(id) => crate::policy::value::id_number_birth_date(&id)
                    .map(|born| Answer::IdNumber(id.clone(), born))
                    .map_err(|detail| reason(policy, id_fact, text, detail)),
                _ => Err(reason(
                    policy,
                    id_fact,
                    text,
                    Msg::answer_invalid(crate::diagnostic::excerpt(text)),
                )),
            };
        }
    }
    parse_text(policy, fact, text, true)
        .map(Answer::Value)
        .map_err(|detail| reason(policy, f, text, detail))
}

/// Why an answer was not accepted: in English the detail, in Chinese a plainer word for the
/// kind of answer expected.
fn reason(policy: &Policy, f: usize, text: &str, detail: Msg) -> Msg {
    let fact = &policy.facts[f];
    let text = crate::diagnostic::excerpt(text);
    match fact.ty {
        Type::Bool => Msg::answer_not_yes_no(text, detail),
        Type::Number => Msg::answer_not_number(text, detail),
        Type::Money => Msg::answer_not_money(text, detail),
        Type::Date if id_fact_for(policy, f).is_some() => Msg::answer_not_date_or_id(text, detail),
        Type::Date => Msg::answer_not_date(text, detail),
        Type::Text if fact.birth_date_of.is_some() => Msg::answer_not_id_number(text, detail),
        Type::Text => Msg::answer_not_understood(text, detail),
        Type::Enum(id) => {
            let labels = policy.enums[id].options.iter().map(|o| Arg::from(&o.label));
            Msg::answer_not_option(text, Arg::list(labels), detail)
        }
    }
}

fn parse_checklist(policy: &Policy, items: &[usize], text: &str) -> Result<Answer, Msg> {
    let mut ticked = Vec::new();
    for token in text
        .split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let lower = token.to_lowercase();
        let found = items.iter().copied().find(|&f| {
            let fact = &policy.facts[f];
            fact.name == token || fact.label.zh == token || fact.label.en.to_lowercase() == lower
        });
        match found {
            Some(f) if !ticked.contains(&f) => ticked.push(f),
            Some(_) => {}
            None => return Err(Msg::answer_not_in_list(crate::diagnostic::excerpt(token))),
        }
    }
    ticked.sort_unstable();
    Ok(Answer::Ticked(ticked))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy::embedded().expect("the embedded policy loads")
    }

    #[test]
    fn answers() {
        let policy = policy();
        let fact = |name: &str| Question::Fact(policy.fact_index(name).unwrap());
        let education = policy.fact_index("education").unwrap();
        let master = match &policy.facts[education].ty {
            Type::Enum(id) => policy.enums[*id]
                .options
                .iter()
                .position(|o| o.id == "master")
                .unwrap(),
            _ => unreachable!(),
        };
        let cases: Vec<(Question, &str, Result<Parsed, String>)> = vec![
            (
                fact("employer_in_nanping"),
                "是",
                Ok(Parsed::Answer(Answer::Value(Value::Bool(true)))),
            ),
            (
                fact("employer_in_nanping"),
                "no",
                Ok(Parsed::Answer(Answer::Value(Value::Bool(false)))),
            ),
            (
                fact("employer_in_nanping"),
                "",
                Ok(Parsed::Answer(Answer::Unknown)),
            ),
            (fact("employer_in_nanping"), "?", Ok(Parsed::Help)),
            (
                fact("employer_in_nanping"),
                "maybe",
                Err("“maybe”不是有效的回答，请回答 是 或 否".into()),
            ),
            (
                fact("education"),
                "硕士",
                Ok(Parsed::Answer(Answer::Value(Value::Option(master)))),
            ),
            (
                fact("education"),
                "master",
                Ok(Parsed::Answer(Answer::Value(Value::Option(master)))),
            ),
            (
                fact("birth_date"),
                "1998-05-12",
                Ok(Parsed::Answer(Answer::Value(Value::Date(Date::constant(
                    1998, 5, 12,
                ))))),
            ),
            (
                fact("birth_date"),
                "11010519491231002X",
                Ok(Parsed::Answer(Answer::IdNumber(
                    "11010519491231002X".into(),
                    Date::constant(1949, 12, 31),
                ))),
            ),
            (
                fact("birth_date"),
                "110105194912310021",
                Err(
                    "“110105194912310021”不是有效的18位身份证号码（位数、校验位或出生日期有误）"
                        .into(),
                ),
            ),
            (
                fact("contract_start"),
                "2024-13-01",
                Err("“2024-13-01”不是有效日期，请按 2024-07-01 的格式填写".into()),
            ),
            (
                Question::Subject,
                "organization",
                Ok(Parsed::Answer(Answer::Subject(Subject::Organization))),
            ),
            (
                Question::Subject,
                "",
                Ok(Parsed::Answer(Answer::Subject(Subject::Person))),
            ),
        ];
        for (question, text, expected) in cases {
            assert_eq!(
                parse(&policy, &question, text).map_err(|m| m.render(Lang::Zh).into_owned()),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn checklist() {
        let policy = policy();
        let a = policy.fact_index("high_skilled_worker").unwrap();
        let b = policy.fact_index("skill_competition").unwrap();
        let q = Question::Checklist(vec![a, b]);
        assert_eq!(
            parse(&policy, &q, "skill_competition, 高技能人才"),
            Ok(Parsed::Answer(Answer::Ticked(vec![a.min(b), a.max(b)])))
        );
        assert_eq!(
            parse(&policy, &q, ""),
            Ok(Parsed::Answer(Answer::Ticked(vec![])))
        );
        assert_eq!(
            parse(&policy, &q, "astronaut").map_err(|m| m.to_string()),
            Err(
                "`astronaut` is not in the list: give names from the list, separated by commas"
                    .into()
            )
        );
    }
}
