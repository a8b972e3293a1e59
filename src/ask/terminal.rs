//! Terminal mode: arrow-key choices, inline validation, Esc to go back, a running count, Ctrl-C to leave.

use super::question::{parse, prompt, Answer, Choice, Form, Parsed, Prompt, Question};
use super::{Asker, Reply, Turn};
use crate::error::Error;
use crate::i18n::Lang;
use crate::lang::value::Value;
use crate::messages::Msg;
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
fn count(turn: &Turn) -> Msg {
    match turn.left {
        0 => Msg::question_last(turn.number),
        left => Msg::question_left(turn.number, left),
    }
}

fn is_back(text: &str) -> bool {
    matches!(text.trim(), "back" | "返回")
}

impl Asker for Terminal {
    fn ask(&mut self, policy: &Policy, turn: &Turn) -> Result<Reply, Error> {
        let lang = self.lang;
        let prompt = prompt(policy, turn.question, lang);
        crate::stdio::err(&format!("{}\n", count(turn).render(lang)))?;
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
                    crate::stdio::err(&format!("{}\n", Msg::first_question().render(lang)))?
                }
                Err(InquireError::OperationInterrupted) => return Ok(Reply::Interrupted),
                Err(e) => return Err(Error::invalid(Msg::cannot_ask(e.to_string()))),
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
            label: Msg::dont_know().render(lang).into(),
            pick: Pick::DontKnow,
        });
    }
    if prompt.help.is_some() {
        items.push(Item {
            label: Msg::show_help().render(lang).into(),
            pick: Pick::Help,
        });
    }
    let start = turn
        .previous
        .and_then(|answer| previous_choice(answer, &items))
        .unwrap_or(0);
    let page = items.len().min(12);
    let keys = Msg::keys_choose().render(lang);
    let picked = Select::new(&prompt.text, items)
        .with_help_message(&keys)
        .with_page_size(page)
        .with_starting_cursor(start)
        .prompt()?;
    Ok(match picked.pick {
        Pick::Help => Step::Help,
        Pick::DontKnow => Step::Answer(Answer::Unknown),
        Pick::Id(id) => match parse(policy, turn.question, &id) {
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
    let keys = Msg::keys_tick().render(lang);
    let ticked = MultiSelect::new(&prompt.text, labels)
        .with_help_message(&keys)
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
        Some(Answer::Value(v)) => crate::render::show_value(
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
        Ok(match parse(policy, question, text) {
            Ok(_) => Validation::Valid,
            Err(reason) => Validation::Invalid(reason.render(lang).into_owned().into()),
        })
    };
    let keys = Msg::keys_type().render(lang);
    let text = Text::new(&prompt.text)
        .with_placeholder(hint)
        .with_initial_value(&initial)
        .with_help_message(&keys)
        .with_validator(validator)
        .prompt()?;
    if is_back(&text) {
        return Ok(Step::Back);
    }
    Ok(match parse(policy, question, &text) {
        Ok(Parsed::Answer(answer)) => Step::Answer(answer),
        _ => Step::Help,
    })
}

/// After Ctrl-C: offers to save the answers so far, and returns where to.
pub fn offer_save(lang: Lang, save: Option<&str>) -> Option<String> {
    // inquire's own words are English; a Chinese reader answers and sees 是/否.
    let word = |yes: bool| {
        if yes {
            Msg::confirm_yes()
        } else {
            Msg::confirm_no()
        }
        .render(lang)
        .into_owned()
    };
    let hint = |yes: bool| {
        if yes {
            Msg::confirm_default_yes()
        } else {
            Msg::confirm_default_no()
        }
        .render(lang)
        .into_owned()
    };
    let parse = |text: &str| match text.trim().to_lowercase().as_str() {
        "是" | "y" | "yes" => Ok(true),
        "否" | "n" | "no" => Ok(false),
        _ => Err(()),
    };
    let question = Msg::offer_save().render(lang);
    let refusal = Msg::answer_yes_or_no().render(lang);
    let yes = Confirm::new(&question)
        .with_default(true)
        .with_default_value_formatter(&hint)
        .with_formatter(&word)
        .with_parser(&parse)
        .with_error_message(&refusal)
        .prompt();
    if !matches!(yes, Ok(true)) {
        return None;
    }
    match save {
        Some(path) => Some(path.to_string()),
        None => Text::new(&Msg::save_to_file().render(lang))
            .with_default("caiju-answers.toml")
            .prompt()
            .ok(),
    }
}
