//! A question as the person sees it (text, options, help, in their language) and how an answer is read.

use crate::i18n::Lang;
use crate::lang::value::{Type, Value};
use crate::policy::{Policy, Subject};
use crate::profile::{parse_date, parse_text};
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
    [("yes", "是", "yes"), ("no", "否", "no")]
        .into_iter()
        .map(|(id, zh, en)| Choice {
            id: id.into(),
            label: lang.pick(zh, en).into(),
        })
        .collect()
}

pub fn prompt(policy: &Policy, question: &Question, lang: Lang) -> Prompt {
    match question {
        Question::Subject => Prompt {
            field: "subject".into(),
            text: lang
                .pick(
                    "您是以个人身份还是代表单位（企业、院校、机构）查询？",
                    "Are you asking for yourself or for an organization (enterprise, college, institute)?",
                )
                .into(),
            help: Some(
                lang.pick(
                    "个人：毕业生、技能人才、科研人员、返乡创业者等，包括人事专员查询新员工的吸纳人才补贴（按员工本人情况填写）。单位：以单位名义申报的补助，如研发机构、工作站、技能大师工作室、产教融合。",
                    "A person: graduates, skilled workers, researchers, returning entrepreneurs — and an HR officer checking a new hire's hiring subsidy (answer about the hire). An organization: grants an organization applies for itself, such as R&D institutions, workstations, skill-master studios, industry–education integration.",
                )
                .into(),
            ),
            form: Form::Choices(
                Subject::ALL
                    .iter()
                    .map(|(id, s)| Choice {
                        id: (*id).into(),
                        label: s.label(lang).into(),
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
                Type::Date if id_fact_for(policy, *f).is_some() => Form::Text(
                    lang.pick("YYYY-MM-DD 或18位身份证号码", "YYYY-MM-DD or 18-character ID number")
                        .into(),
                ),
                Type::Date => Form::Text("YYYY-MM-DD".into()),
                Type::Number => Form::Text(lang.pick("数字", "number").into()),
                Type::Money => Form::Text(lang.pick("金额（元）", "amount in yuan").into()),
                Type::Text if fact.birth_date_of.is_some() => {
                    Form::Text(lang.pick("18位身份证号码", "18-character ID number").into())
                }
                Type::Text => Form::Text(lang.pick("文字", "text").into()),
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
                lang.pick(
                    "以下哪些情况适用于贵单位？（可多选；都不适用请直接回车）",
                    "Which of these apply to your organization? (any number; none: just press Enter)",
                )
            } else {
                lang.pick(
                    "以下哪些情况适用于您？（可多选；都不适用请直接回车）",
                    "Which of these apply to you? (any number; none: just press Enter)",
                )
            }
            .into(),
            help: Some(
                lang.pick(
                    "未勾选的各项按通常情况（“否”或“无”）处理。勾选的是/否项即视为“是”；其他项随后会再细问。",
                    "Items not ticked are taken as the usual case (“no” or “none”). A ticked yes/no item counts as yes; the others are asked in detail next.",
                )
                .into(),
            ),
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
            None => format!(
                "{}{}",
                lang.pick(
                    "此题没有补充说明。可以回答：",
                    "No further help for this question. Answers: "
                ),
                self.options_text(lang)
            ),
        }
    }

    /// The `[OPTIONS]` part of a plain-mode question line.
    pub fn options_text(&self, lang: Lang) -> String {
        match &self.form {
            Form::Choices(choices) if choices.len() == 2 && choices[0].id == "yes" => {
                lang.pick("是/否", "yes/no").into()
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
pub fn parse(
    policy: &Policy,
    question: &Question,
    text: &str,
    lang: Lang,
) -> Result<Parsed, String> {
    let text = text.trim();
    if text == "?" || text == "？" {
        return Ok(Parsed::Help);
    }
    let answer = match question {
        Question::Subject => parse_subject(text, lang)?,
        Question::Fact(_) if text.is_empty() => Answer::Unknown,
        Question::Fact(f) => parse_fact(policy, *f, text, lang)?,
        Question::Checklist(items) => parse_checklist(policy, items, text, lang)?,
    };
    Ok(Parsed::Answer(answer))
}

fn parse_subject(text: &str, lang: Lang) -> Result<Answer, String> {
    if text.is_empty() {
        return Ok(Answer::Subject(Subject::Person));
    }
    let lower = text.to_lowercase();
    Subject::ALL
        .iter()
        .find(|(id, s)| {
            *id == lower || s.label(Lang::Zh) == text || s.label(Lang::En).to_lowercase() == lower
        })
        .map(|(_, s)| Answer::Subject(*s))
        .ok_or_else(|| {
            format!(
                "{}{}{}",
                lang.pick("“", "`"),
                crate::diagnostic::excerpt(text),
                lang.pick(
                    "”不是可选项，请回答 person（个人）或 organization（单位）",
                    "` is not an option: answer person or organization",
                )
            )
        })
}

fn parse_fact(policy: &Policy, f: usize, text: &str, lang: Lang) -> Result<Answer, String> {
    let fact = &policy.facts[f];
    if fact.ty == Type::Date {
        if let Some(id_fact) = id_fact_for(policy, f) {
            // A birth date, or the ID number that holds it (18 characters; shorter is a date).
            match parse_date(text, true) {
                Ok(date) => return Ok(Answer::Value(Value::Date(date))),
                Err(detail) if text.chars().count() < 15 => {
                    return Err(reason(policy, f, text, &detail, lang))
                }
                Err(_) => {}
            }
            let id = parse_text(policy, &policy.facts[id_fact], text, true)
                .map_err(|detail| reason(policy, id_fact, text, &detail, lang))?;
            return match id {
                Value::Text(id) => crate::profile::id_number_birth_date(&id)
                    .map(|born| Answer::IdNumber(id.clone(), born))
                    .map_err(|detail| reason(policy, id_fact, text, &detail, lang)),
                _ => Err(reason(policy, id_fact, text, "", lang)),
            };
        }
    }
    parse_text(policy, fact, text, true)
        .map(Answer::Value)
        .map_err(|detail| reason(policy, f, text, &detail, lang))
}

/// Why an answer was not accepted, in the person's language.
fn reason(policy: &Policy, f: usize, text: &str, detail: &str, lang: Lang) -> String {
    let fact = &policy.facts[f];
    let text = crate::diagnostic::excerpt(text);
    let en = |fallback: &str| {
        if detail.is_empty() {
            fallback.to_string()
        } else {
            detail.to_string()
        }
    };
    match (lang, fact.ty) {
        (Lang::Zh, Type::Bool) => format!("“{text}”不是有效的回答，请回答 是 或 否"),
        (Lang::Zh, Type::Number) => format!("“{text}”不是数字"),
        (Lang::Zh, Type::Money) => format!("“{text}”不是有效的金额（元）"),
        (Lang::Zh, Type::Date) if id_fact_for(policy, f).is_some() => {
            format!("“{text}”不是有效日期（如 1998-05-12），也不是18位身份证号码")
        }
        (Lang::Zh, Type::Date) => format!("“{text}”不是有效日期，请按 2024-07-01 的格式填写"),
        (Lang::Zh, Type::Text) if fact.birth_date_of.is_some() => {
            format!("“{text}”不是有效的18位身份证号码（位数、校验位或出生日期有误）")
        }
        (Lang::Zh, Type::Text) => format!("“{text}”无法识别"),
        (Lang::Zh, Type::Enum(id)) => {
            let labels: Vec<&str> = policy.enums[id]
                .options
                .iter()
                .map(|o| o.label.zh.as_str())
                .collect();
            format!("“{text}”不是可选项，请从以下选择：{}", labels.join("、"))
        }
        (Lang::En, _) => en(&format!("`{text}` is not a valid answer")),
    }
}

fn parse_checklist(
    policy: &Policy,
    items: &[usize],
    text: &str,
    lang: Lang,
) -> Result<Answer, String> {
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
            None => {
                return Err(format!(
                    "{}{}{}",
                    lang.pick("“", "`"),
                    crate::diagnostic::excerpt(token),
                    lang.pick(
                        "”不在清单中，请用逗号分隔清单中的名称",
                        "` is not in the list: give names from the list, separated by commas",
                    )
                ))
            }
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
                parse(&policy, &question, text, Lang::Zh),
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
            parse(&policy, &q, "skill_competition, 高技能人才", Lang::En),
            Ok(Parsed::Answer(Answer::Ticked(vec![a.min(b), a.max(b)])))
        );
        assert_eq!(
            parse(&policy, &q, "", Lang::En),
            Ok(Parsed::Answer(Answer::Ticked(vec![])))
        );
        assert_eq!(
            parse(&policy, &q, "astronaut", Lang::En),
            Err(
                "`astronaut` is not in the list: give names from the list, separated by commas"
                    .into()
            )
        );
    }
}
