//! `caiju template`: an xlsx roster for HR to fill in, with a column per person fact of the policy.

use super::Context;
use crate::batch::output::guard;
use crate::batch::output::target::{self, cannot_write, Target};
use crate::cli::TemplateArgs;
use crate::error::Error;
use crate::exit;
use crate::i18n::Lang;
use crate::lang::value::Type;
use crate::policy::{Fact, Policy, Subject};
use crate::report::show_value;
use rust_xlsxwriter::{
    column_number_to_name, worksheet_range_absolute, DataValidation, Format, FormatAlign, Formula,
    Note, Workbook, Worksheet, XlsxError,
};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The last row (0-based) that drop-down lists and formats cover: the whole sheet.
const LAST_ROW: u32 = 1_048_575;

pub fn run(context: &Context, args: &TemplateArgs) -> Result<u8, Error> {
    let lang = context.lang;
    let book = guard::catch(|| template(&context.policy, lang).map_err(io::Error::other))
        .map_err(|e| Error::Invalid(format!("error: cannot make the template: {e}")))?;
    let path = match &args.output {
        Some(path) => path.clone(),
        None if !io::stdout().is_terminal() => return to_stdout(book),
        None => {
            let path = PathBuf::from(lang.pick("花名册模板.xlsx", "roster-template.xlsx"));
            if path.exists() {
                return Err(Error::Usage(format!(
                    "error: {} already exists; pass --output FILE.xlsx to say where the template goes",
                    path.display()
                )));
            }
            path
        }
    };
    save(book, &path)?;
    let columns = person_facts(&context.policy).count() + 2;
    // A note for the person who asked; if standard error is gone, the file is still written.
    let _ = writeln!(
        io::stderr(),
        "{}",
        match lang {
            Lang::Zh => format!(
                "已写入 {}：{columns} 列，填写说明见“说明”工作表。",
                path.display()
            ),
            Lang::En => format!(
                "wrote {}: {columns} columns; the Instructions sheet says what goes in each.",
                path.display()
            ),
        }
    );
    Ok(exit::OK)
}

/// Saves the workbook through a temporary file beside `path`, renamed over it once complete.
fn save(mut book: Workbook, path: &Path) -> Result<(), Error> {
    target::remove_parts_on_signals();
    let target = Target::open(path)?;
    let file = target.file().map_err(|e| cannot_write(path, &e))?;
    guard::save(&mut book, file).map_err(|e| cannot_write(path, &e))?;
    target.finish(path)
}

fn to_stdout(mut book: Workbook) -> Result<u8, Error> {
    let cannot = |e: &dyn std::fmt::Display| {
        Error::Invalid(format!("error: cannot write the template: {e}"))
    };
    let bytes =
        guard::catch(|| book.save_to_buffer().map_err(io::Error::other)).map_err(|e| cannot(&e))?;
    let mut stdout = io::stdout().lock();
    match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(exit::OK),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(exit::OK),
        Err(e) => Err(cannot(&e)),
    }
}

/// The facts a roster row is about, in the policy's order.
fn person_facts(policy: &Policy) -> impl Iterator<Item = &Fact> {
    policy.facts.iter().filter(|f| f.subject == Subject::Person)
}

/// What a fact's cells take, as the instructions say it.
fn how_to_fill(policy: &Policy, fact: &Fact, lang: Lang) -> String {
    match fact.ty {
        _ if fact.birth_date_of.is_some() => lang
            .pick("18位身份证号码（文本）", "18-character ID number (text)")
            .into(),
        Type::Enum(id) => {
            let options: Vec<&str> = policy.enums[id]
                .options
                .iter()
                .map(|o| o.label.get(lang))
                .collect();
            format!(
                "{}{}",
                lang.pick("从下拉列表选择：", "choose from the list: "),
                options.join(lang.pick("、", ", "))
            )
        }
        Type::Bool => lang.pick("是 / 否", "yes / no").into(),
        Type::Date => lang
            .pick("日期，如 2024-07-01", "a date, e.g. 2024-07-01")
            .into(),
        Type::Money => lang.pick("金额（元）", "an amount in yuan").into(),
        Type::Number => lang.pick("数字", "a number").into(),
        Type::Text => lang.pick("文字", "text").into(),
    }
}

/// What an empty cell means.
fn if_empty(policy: &Policy, fact: &Fact, lang: Lang) -> String {
    if let Some(default) = &fact.default {
        return format!(
            "{}{}",
            lang.pick("按默认值：", "the default: "),
            show_value(policy, fact.ty, default, lang)
        );
    }
    let gives_it = |f: &&Fact| {
        f.birth_date_of
            .and_then(|d| policy.facts.get(d))
            .is_some_and(|d| std::ptr::eq(d, fact))
    };
    match policy.facts.iter().find(gives_it) {
        Some(id) => match lang {
            Lang::Zh => format!("由“{}”得出；都没有时视为未知", id.label.zh),
            Lang::En => format!("read from “{}”; unknown if neither is given", id.label.en),
        },
        None => lang
            .pick(
                "视为未知：用到它的措施显示“需补充信息”",
                "unknown: measures that need it show “needs info”",
            )
            .into(),
    }
}

/// The whole workbook: the roster, the instructions and the (hidden) lists behind the drop-downs.
fn template(policy: &Policy, lang: Lang) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let lists_name = lang.pick("选项", "Options");
    let mut roster = Worksheet::new();
    let mut lists = Worksheet::new();
    let mut instructions = Worksheet::new();
    roster.set_name(lang.pick("花名册", "Roster"))?;
    instructions.set_name(lang.pick("说明", "Instructions"))?;
    lists.set_name(lists_name)?;
    lists.set_hidden(true);

    let title = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#DDEBF7");
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let bold = Format::new().set_bold();

    // 姓名 and 工号 are not facts: batch echoes them so that each result can be traced.
    let echoed = [
        (
            lang.pick("姓名", "name"),
            lang.pick(
                "填写人员姓名，结果中原样列出。",
                "The person's name, shown with the results.",
            ),
        ),
        (
            lang.pick("工号", "id"),
            lang.pick(
                "本单位的工号或编号（文本），结果中原样列出。",
                "Your staff number (text), shown with the results.",
            ),
        ),
    ];
    for (column, (heading, help)) in echoed.iter().enumerate() {
        let column = column as u16;
        roster.write_string_with_format(0, column, *heading, &title)?;
        roster.set_column_format(column, &text)?;
        roster.set_column_width(column, 12)?;
        roster.insert_note(0, column, &note(help))?;
    }
    instructions.set_column_width(0, 6)?;
    instructions.set_column_width(1, 24)?;
    instructions.set_column_width(2, 26)?;
    instructions.set_column_width(3, 50)?;
    instructions.set_column_width(4, 36)?;
    instructions.set_column_width(5, 36)?;
    instructions.write_string_with_format(
        0,
        0,
        lang.pick(
            "每行填写一位人员，第一行的列标题不要修改。不知道的可以留空；填好后保存，运行 caiju batch 文件名.xlsx --output 结果.xlsx。",
            "One person per row; do not change the titles in the first row. Leave a cell empty when you do not know; then save and run caiju batch FILE.xlsx --output results.xlsx.",
        ),
        &bold,
    )?;
    let headings = [
        lang.pick("列", "column"),
        lang.pick("列标题", "title"),
        lang.pick("字段名", "field"),
        lang.pick("含义", "meaning"),
        lang.pick("填写", "what to enter"),
        lang.pick("留空时", "if left empty"),
    ];
    for (column, heading) in headings.iter().enumerate() {
        instructions.write_string_with_format(2, column as u16, *heading, &title)?;
    }
    for (line, (heading, help)) in echoed.iter().enumerate() {
        let line = 3 + line as u32;
        instructions.write_string(line, 0, column_number_to_name(line as u16 - 3))?;
        instructions.write_string(line, 1, *heading)?;
        instructions.write_string_with_format(line, 3, *help, &wrap)?;
        instructions.write_string(line, 4, lang.pick("文字", "text"))?;
        instructions.write_string(line, 5, lang.pick("可以留空", "may be left empty"))?;
    }

    let yes_no = [lang.pick("是", "yes"), lang.pick("否", "no")];
    let mut list_column: u16 = 0;
    for (index, fact) in person_facts(policy).enumerate() {
        let column = index as u16 + echoed.len() as u16;
        let heading = fact.label.get(lang);
        roster.write_string_with_format(0, column, heading, &title)?;
        let width = heading.chars().count().clamp(8, 24) as f64 * 1.6;
        roster.set_column_width(column, width)?;
        let help = fact.help.as_ref().unwrap_or(&fact.question).get(lang);
        roster.insert_note(0, column, &note(help))?;

        let options: Vec<&str> = match fact.ty {
            Type::Enum(id) => policy.enums[id]
                .options
                .iter()
                .map(|o| o.label.get(lang))
                .collect(),
            Type::Bool => yes_no.to_vec(),
            _ => Vec::new(),
        };
        if !options.is_empty() {
            // The options live on the hidden sheet: a list typed into the rule is limited to 255 characters.
            lists.write_string_with_format(0, list_column, fact.name.as_str(), &bold)?;
            for (row, option) in options.iter().enumerate() {
                lists.write_string(row as u32 + 1, list_column, *option)?;
            }
            let range = worksheet_range_absolute(
                lists_name,
                1,
                list_column,
                options.len() as u32,
                list_column,
            );
            let rule = DataValidation::new()
                .allow_list_formula(Formula::new(format!("={range}")))
                .set_error_title(lang.pick("请从列表中选择", "Choose from the list"))?
                .set_error_message(format!(
                    "{}{}",
                    lang.pick("可选：", "One of: "),
                    truncated(&options.join(lang.pick("、", ", ")), 200)
                ))?;
            roster.add_data_validation(1, column, LAST_ROW, column, &rule)?;
            list_column += 1;
        }
        match fact.ty {
            _ if fact.birth_date_of.is_some() => {
                roster.set_column_format(column, &text)?;
                roster.set_column_width(column, 22)?;
            }
            Type::Date => {
                roster.set_column_format(column, &date)?;
            }
            Type::Money => {
                roster.set_column_format(column, &money)?;
            }
            _ => {}
        }

        let line = 3 + column as u32;
        instructions.write_string(line, 0, column_number_to_name(column))?;
        instructions.write_string(line, 1, heading)?;
        instructions.write_string(line, 2, fact.name.as_str())?;
        instructions.write_string_with_format(line, 3, help, &wrap)?;
        instructions.write_string_with_format(line, 4, how_to_fill(policy, fact, lang), &wrap)?;
        instructions.write_string_with_format(line, 5, if_empty(policy, fact, lang), &wrap)?;
    }
    roster.set_row_height(0, 48)?;
    roster.set_freeze_panes(1, 1)?;
    roster.set_active(true);
    book.push_worksheet(roster);
    book.push_worksheet(instructions);
    book.push_worksheet(lists);
    Ok(book)
}

/// A title's help as a cell note, large enough to read without resizing.
fn note(text: &str) -> Note {
    Note::new(text)
        .add_author_prefix(false)
        .set_width(320)
        .set_height(140)
}

/// At most `chars` characters of `text`, ending in `…` when cut.
fn truncated(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}
