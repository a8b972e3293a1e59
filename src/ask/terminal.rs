//! Terminal mode: arrow-key choices, inline validation, Esc to go back, a running count, Ctrl-C to leave.

use super::question::{parse, prompt, Answer, Choice, Form, Parsed, Prompt, Question};
use super::{Asker, Reply, Turn};
use crate::error::Error;
use crate::i18n::Lang;
use crate::lang::value::Value;
use crate::policy::Policy;
use inquire::validator::Validation;
use inquire::{Confirm, InquireError, MultiSelect, Select, Text};
use std::fmt;

pub struct Terminal {
    lang: Lang,
}

impl Terminal {
    pub fn new(lang: Lang) -> Terminal {
        // Colour only where the reader has not asked for none (https://no-color.org).
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            inquire::set_global_render_config(inquire::ui::RenderConfig::empty());
        }
        Terminal { lang }
    }
}

/// What a prompt gave back, before it becomes a reply.
enum Step {
    Answer(Answer),
    Help,
    Back,
}

/// An entry of a choice list.
#[derive(Clone)]
struct Item {
    label: String,
    pick: Pick,
}

#[derive(Clone)]
enum Pick {
    Id(String),
    DontKnow,
    Help,
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// "question 4 — at most 9 left".
fn count(turn: &Turn, lang: Lang) -> String {
    match (turn.left, lang) {
        (0, Lang::Zh) => format!("第{}题 — 最后一题", turn.number),
        (0, Lang::En) => format!("question {} — the last one", turn.number),
        (left, Lang::Zh) => format!("第{}题 — 最多还有{left}题", turn.number),
        (left, Lang::En) => format!("question {} — at most {left} left", turn.number),
    }
}

fn is_back(text: &str) -> bool {
    matches!(text.trim(), "back" | "返回")
}

impl Asker for Terminal {
    fn ask(&mut self, policy: &Policy, turn: &Turn) -> Result<Reply, Error> {
        let lang = self.lang;
        let prompt = prompt(policy, turn.question, lang);
        crate::stdio::err(&format!("{}\n", count(turn, lang)))?;
        loop {
            let step = match &prompt.form {
                Form::Choices(choices) => choose(policy, turn, &prompt, choices, lang),
                Form::Checklist(choices) => tick(turn, &prompt, choices, lang),
                Form::Text(hint) => type_in(policy, turn, &prompt, hint, lang),
            };
            match step {
                Ok(Step::Answer(answer)) => return Ok(Reply::Answer(answer)),
                Ok(Step::Help) => crate::stdio::err(&format!("{}\n", prompt.help_text(lang)))?,
                Ok(Step::Back) | Err(InquireError::OperationCanceled) if turn.number > 1 => {
                    return Ok(Reply::Back)
                }
                Ok(Step::Back) | Err(InquireError::OperationCanceled) => {
                    crate::stdio::err(&format!(
                        "{}\n",
                        lang.pick("这已是第一题。", "This is the first question.")
                    ))?
                }
                Err(InquireError::OperationInterrupted) => return Ok(Reply::Interrupted),
                Err(e) => return Err(Error::Invalid(format!("error: cannot ask: {e}"))),
            }
        }
    }
}

fn choose(
    policy: &Policy,
    turn: &Turn,
    prompt: &Prompt,
    choices: &[Choice],
    lang: Lang,
) -> Result<Step, InquireError> {
    let mut items: Vec<Item> = choices
        .iter()
        .map(|c| Item {
            label: c.label.clone(),
            pick: Pick::Id(c.id.clone()),
        })
        .collect();
    if *turn.question != Question::Subject {
        items.push(Item {
            label: lang.pick("不知道", "I don't know").into(),
            pick: Pick::DontKnow,
        });
    }
    if prompt.help.is_some() {
        items.push(Item {
            label: lang.pick("？查看说明", "? show help").into(),
            pick: Pick::Help,
        });
    }
    let start = turn
        .previous
        .and_then(|answer| previous_choice(answer, &items))
        .unwrap_or(0);
    let page = items.len().min(12);
    let picked = Select::new(&prompt.text, items)
        .with_help_message(lang.pick(
            "↑↓ 选择，回车确认 · Esc 返回上一题 · Ctrl-C 退出",
            "↑↓ to move, Enter to choose · Esc: previous question · Ctrl-C: quit",
        ))
        .with_page_size(page)
        .with_starting_cursor(start)
        .prompt()?;
    Ok(match picked.pick {
        Pick::Help => Step::Help,
        Pick::DontKnow => Step::Answer(Answer::Unknown),
        Pick::Id(id) => match parse(policy, turn.question, &id, lang) {
            Ok(Parsed::Answer(answer)) => Step::Answer(answer),
            _ => Step::Help,
        },
    })
}

/// Where the cursor starts when coming back to a question: on the answer given before.
fn previous_choice(answer: &Answer, items: &[Item]) -> Option<usize> {
    let id = match answer {
        Answer::Subject(s) => s.id().to_string(),
        Answer::Value(Value::Bool(b)) => (if *b { "yes" } else { "no" }).to_string(),
        Answer::Value(Value::Option(o)) => return Some(*o),
        Answer::Unknown => {
            return items.iter().position(|i| matches!(i.pick, Pick::DontKnow));
        }
        _ => return None,
    };
    items
        .iter()
        .position(|i| matches!(&i.pick, Pick::Id(x) if *x == id))
}

fn tick(
    turn: &Turn,
    prompt: &Prompt,
    choices: &[Choice],
    lang: Lang,
) -> Result<Step, InquireError> {
    let Question::Checklist(facts) = turn.question else {
        return Ok(Step::Help);
    };
    let before: Vec<usize> = match turn.previous {
        Some(Answer::Ticked(ticked)) => facts
            .iter()
            .enumerate()
            .filter(|(_, f)| ticked.contains(f))
            .map(|(i, _)| i)
            .collect(),
        _ => Vec::new(),
    };
    let labels: Vec<String> = choices.iter().map(|c| c.label.clone()).collect();
    let page = labels.len().min(15);
    let ticked = MultiSelect::new(&prompt.text, labels)
        .with_help_message(lang.pick(
            "空格勾选，回车确认 · 都不适用直接回车 · Esc 返回上一题",
            "Space to tick, Enter to confirm · none: just Enter · Esc: previous question",
        ))
        .with_page_size(page)
        .with_default(&before)
        .raw_prompt()?;
    let mut ticked: Vec<usize> = ticked.into_iter().map(|o| facts[o.index]).collect();
    ticked.sort_unstable();
    Ok(Step::Answer(Answer::Ticked(ticked)))
}

fn type_in(
    policy: &Policy,
    turn: &Turn,
    prompt: &Prompt,
    hint: &str,
    lang: Lang,
) -> Result<Step, InquireError> {
    let initial = match turn.previous {
        Some(Answer::Value(v)) => crate::report::show_value(
            policy,
            match turn.question {
                Question::Fact(f) => policy.facts[*f].ty,
                _ => crate::lang::value::Type::Text,
            },
            v,
            Lang::En,
        )
        .replace(',', ""),
        Some(Answer::IdNumber(id, _)) => id.to_string(),
        _ => String::new(),
    };
    let question = turn.question;
    let validator = move |text: &str| {
        if is_back(text) {
            return Ok(Validation::Valid);
        }
        Ok(match parse(policy, question, text, lang) {
            Ok(_) => Validation::Valid,
            Err(reason) => Validation::Invalid(reason.into()),
        })
    };
    let text = Text::new(&prompt.text)
        .with_placeholder(hint)
        .with_initial_value(&initial)
        .with_help_message(lang.pick(
            "回车确认 · 不知道请留空回车 · 输入 ? 查看说明 · Esc 返回上一题",
            "Enter to confirm · empty if you don't know · ? for help · Esc: previous question",
        ))
        .with_validator(validator)
        .prompt()?;
    if is_back(&text) {
        return Ok(Step::Back);
    }
    Ok(match parse(policy, question, &text, lang) {
        Ok(Parsed::Answer(answer)) => Step::Answer(answer),
        _ => Step::Help,
    })
}

/// After Ctrl-C: offers to save the answers so far, and returns where to.
pub fn offer_save(lang: Lang, save: Option<&str>) -> Option<String> {
    // inquire's own words are English; a Chinese reader answers and sees 是/否.
    let word = |yes: bool| {
        lang.pick(
            if yes { "是" } else { "否" },
            if yes { "Yes" } else { "No" },
        )
        .to_string()
    };
    let hint = |yes: bool| {
        lang.pick(
            if yes {
                "(是/否，默认 是)"
            } else {
                "(是/否，默认 否)"
            },
            if yes { "(Y/n)" } else { "(y/N)" },
        )
        .to_string()
    };
    let parse = |text: &str| match text.trim().to_lowercase().as_str() {
        "是" | "y" | "yes" => Ok(true),
        "否" | "n" | "no" => Ok(false),
        _ => Err(()),
    };
    let yes = Confirm::new(lang.pick("要保存已回答的内容吗？", "Save your answers so far?"))
        .with_default(true)
        .with_default_value_formatter(&hint)
        .with_formatter(&word)
        .with_parser(&parse)
        .with_error_message(lang.pick("请回答 是 或 否", "Please answer yes or no"))
        .prompt();
    if !matches!(yes, Ok(true)) {
        return None;
    }
    match save {
        Some(path) => Some(path.to_string()),
        None => Text::new(lang.pick("保存到文件：", "Save to file:"))
            .with_default("caiju-answers.toml")
            .prompt()
            .ok(),
    }
}
