//! `caiju template`: an xlsx roster for HR to fill in, with a column per person fact of the policy.

use super::Context;
use crate::batch::output::guard;
use crate::batch::output::target::{self, cannot_write, Target};
use crate::cli::TemplateArgs;
use crate::error::Error;
use crate::exit;
use crate::i18n::Lang;
use crate::lang::value::Type;
use crate::messages::{Arg, Msg};
use crate::policy::{Fact, Policy, Subject};
use crate::render::show_value;
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
        .map_err(|e| Error::invalid(Msg::cannot_make_template(Msg::io(&e))))?;
    let path = match &args.output {
        Some(path) => path.clone(),
        None if !io::stdout().is_terminal() => return to_stdout(book),
        None => {
            let path = PathBuf::from(&*Msg::template_file_name().render(lang));
            if path.exists() {
                let path = path.display().to_string();
                return Err(Error::usage(Msg::template_exists(path)));
            }
            path
        }
    };
    save(book, &path)?;
    let columns = person_facts(&context.policy).count() + 2;
    // A note for the person who asked; if standard error is gone, the file is still written.
    let wrote = Msg::template_written(path.display().to_string(), columns);
    let _ = writeln!(io::stderr(), "{}", wrote.render(lang));
    Ok(exit::OK)
}

/// Saves the workbook through a temporary file beside `path`, renamed over it once complete.
fn save(mut book: Workbook, path: &Path) -> Result<(), Error> {
    target::remove_parts_on_signals();
    let target = Target::open(path)?;
    let file = target.file().map_err(|e| cannot_write(path, Msg::io(&e)))?;
    guard::save(&mut book, file).map_err(|e| cannot_write(path, Msg::io(&e)))?;
    target.finish(path)
}

fn to_stdout(mut book: Workbook) -> Result<u8, Error> {
    let cannot = |e: &io::Error| Error::invalid(Msg::cannot_write_template(Msg::io(e)));
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
        _ if fact.birth_date_of.is_some() => Msg::fill_id_number(),
        Type::Enum(id) => {
            let options = policy.enums[id].options.iter().map(|o| &o.label);
            Msg::fill_choose(Arg::list(options))
        }
        Type::Bool => Msg::fill_yes_no(),
        Type::Date => Msg::fill_date(),
        Type::Money => Msg::an_amount_in_yuan(),
        Type::Number => Msg::a_number(),
        Type::Text => Msg::hint_text(),
    }
    .render(lang)
    .into()
}

/// What an empty cell means.
fn if_empty(policy: &Policy, fact: &Fact, lang: Lang) -> String {
    if let Some(default) = &fact.default {
        let shown = show_value(policy, fact.ty, default, lang);
        return Msg::empty_means_default(shown).render(lang).into();
    }
    let gives_it = |f: &&Fact| {
        f.birth_date_of
            .and_then(|d| policy.facts.get(d))
            .is_some_and(|d| std::ptr::eq(d, fact))
    };
    match policy.facts.iter().find(gives_it) {
        Some(id) => Msg::empty_read_from(&id.label),
        None => Msg::empty_means_unknown(),
    }
    .render(lang)
    .into()
}

/// The whole workbook: the roster, the instructions and the (hidden) lists behind the drop-downs.
fn template(policy: &Policy, lang: Lang) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let show = |m: Msg| m.render(lang);
    let lists_name = show(Msg::sheet_options());
    let lists_name = &*lists_name;
    let mut roster = Worksheet::new();
    let mut lists = Worksheet::new();
    let mut instructions = Worksheet::new();
    roster.set_name(show(Msg::sheet_roster()))?;
    instructions.set_name(show(Msg::sheet_instructions()))?;
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
        (show(Msg::column_name()), show(Msg::template_name_help())),
        (
            show(Msg::template_id_title()),
            show(Msg::template_id_help()),
        ),
    ];
    for (column, (heading, help)) in echoed.iter().enumerate() {
        let column = column as u16;
        roster.write_string_with_format(0, column, &**heading, &title)?;
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
    instructions.write_string_with_format(0, 0, show(Msg::template_instructions()), &bold)?;
    let headings = [
        Msg::template_column(),
        Msg::template_title(),
        Msg::template_field(),
        Msg::template_meaning(),
        Msg::template_what_to_enter(),
        Msg::template_if_empty(),
    ];
    for (column, heading) in headings.into_iter().enumerate() {
        instructions.write_string_with_format(2, column as u16, show(heading), &title)?;
    }
    for (line, (heading, help)) in echoed.iter().enumerate() {
        let line = 3 + line as u32;
        instructions.write_string(line, 0, column_number_to_name(line as u16 - 3))?;
        instructions.write_string(line, 1, &**heading)?;
        instructions.write_string_with_format(line, 3, &**help, &wrap)?;
        instructions.write_string(line, 4, show(Msg::hint_text()))?;
        instructions.write_string(line, 5, show(Msg::may_be_left_empty()))?;
    }

    let (yes, no) = (show(Msg::yes()), show(Msg::no()));
    let yes_no = [&*yes, &*no];
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
            let listed = Msg::verbatim(Arg::list(options.iter().copied())).render(lang);
            let rule = DataValidation::new()
                .allow_list_formula(Formula::new(format!("={range}")))
                .set_error_title(show(Msg::choose_from_list()))?
                .set_error_message(show(Msg::one_of_options(truncated(&listed, 200))))?;
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
