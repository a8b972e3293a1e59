//! Maps an intake's header to the policy's facts, and reads each row into a profile.

use super::input::{Input, Next};
use super::is_blank;
use crate::diagnostic::{did_you_mean, excerpt};
use crate::lang::value::{Type, Value};
use crate::messages::{Arg, Msg};
use crate::policy::value::{parse_id_number, plain_chars};
use crate::policy::{Policy, Subject};
use crate::profile::{fill_birth_date, parse_text};
use csv::StringRecord;
use std::collections::HashMap;

/// Column titles that are echoed in the output rather than read as facts.
const NAME_TITLES: [&str; 2] = ["name", "姓名"];
const ID_TITLES: [&str; 2] = ["id", "工号"];

/// What each column of the intake holds.
#[derive(Debug)]
pub struct Columns {
    titles: Vec<String>,
    /// (column, fact index) for every column read as a fact.
    facts: Vec<(usize, usize)>,
    name: Option<usize>,
    id: Option<usize>,
    /// Values given for the whole file (`--set`), by fact: where a row has no such column or an
    /// empty cell.
    fixed: Vec<(usize, Value)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Target {
    Fact(usize),
    Name,
    Id,
    /// A title that several facts answer to.
    Ambiguous(Vec<usize>),
}

/// A title as it is compared: trimmed, ASCII lower case, full-width brackets made plain, no spaces.
fn key(title: &str) -> String {
    title
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Every title the policy's facts answer to: field name, Chinese and English label, aliases.
fn known_titles(policy: &Policy) -> HashMap<String, Target> {
    let mut titles: HashMap<String, Target> = HashMap::new();
    for (index, fact) in policy.facts.iter().enumerate() {
        let names = [&fact.name, &fact.label.zh, &fact.label.en]
            .into_iter()
            .chain(&fact.aliases);
        for name in names {
            let entry = titles.entry(key(name)).or_insert(Target::Fact(index));
            match entry {
                Target::Fact(other) if *other != index => {
                    *entry = Target::Ambiguous(vec![*other, index]);
                }
                Target::Ambiguous(list) if !list.contains(&index) => list.push(index),
                _ => {}
            }
        }
    }
    for (list, target) in [(NAME_TITLES, Target::Name), (ID_TITLES, Target::Id)] {
        for title in list {
            titles.insert(key(title), target.clone());
        }
    }
    titles
}

/// The header is looked for among this many first rows.
const HEADER_SEARCH: usize = 10;

/// The intake's header and what came above it.
pub struct Header {
    pub columns: Columns,
    pub warnings: Vec<Msg>,
    /// Rows above the header (titles, blank rows), skipped.
    pub above: u64,
}

/// Reads the header: the first of the first rows in which at least two cells are known titles
/// (fact, name or staff number), title rows above it being skipped; failing that, the first row
/// that is not blank.
pub fn read_header(policy: &Policy, input: &mut Input) -> Result<Header, Msg> {
    let known = known_titles(policy);
    let mut seen: Vec<(u64, StringRecord)> = Vec::new();
    let mut record = StringRecord::new();
    loop {
        match input.next(&mut record)? {
            Next::Row(number) => {
                let titles = record
                    .iter()
                    .filter(|cell| known.contains_key(&key(cell)))
                    .count();
                let searching = seen.len() < HEADER_SEARCH;
                if titles >= 2 && searching
                    || !searching && !is_blank(&record) && seen.iter().all(|(_, r)| is_blank(r))
                {
                    return header(policy, input, &record, seen.len(), Vec::new());
                }
                seen.push((number, record.clone()));
                if seen.len() >= HEADER_SEARCH && seen.iter().any(|(_, r)| !is_blank(r)) {
                    break;
                }
            }
            Next::Unreadable(_, message) => return Err(message),
            Next::End => break,
        }
    }
    let Some(first) = seen.iter().position(|(_, r)| !is_blank(r)) else {
        return Err(Msg::no_header_row());
    };
    let after = seen.split_off(first + 1);
    let (_, titles) = seen.swap_remove(first);
    header(policy, input, &titles, first, after)
}

fn header(
    policy: &Policy,
    input: &mut Input,
    titles: &StringRecord,
    above: usize,
    after: Vec<(u64, StringRecord)>,
) -> Result<Header, Msg> {
    input.set_width(titles.len());
    input.give_back(after);
    let (columns, warnings) = Columns::new(policy, titles)?;
    Ok(Header {
        columns,
        warnings,
        above: above as u64,
    })
}

impl Columns {
    /// Reads the header; unknown titles come back as warnings, a header that cannot be used as an error.
    pub fn new(policy: &Policy, header: &StringRecord) -> Result<(Columns, Vec<Msg>), Msg> {
        let known = known_titles(policy);
        let mut columns = Columns {
            titles: header.iter().map(|t| t.trim().to_string()).collect(),
            facts: Vec::new(),
            name: None,
            id: None,
            fixed: Vec::new(),
        };
        let mut warnings = Vec::new();
        let mut taken: HashMap<Target, usize> = HashMap::new();
        for (column, title) in columns.titles.iter().enumerate() {
            if title.is_empty() {
                continue;
            }
            let Some(target) = known.get(&key(title)) else {
                let candidates = policy
                    .facts
                    .iter()
                    .flat_map(|f| [&f.name, &f.label.zh].into_iter().chain(&f.aliases))
                    .map(String::as_str)
                    .chain(NAME_TITLES)
                    .chain(ID_TITLES);
                let help = did_you_mean(title, candidates);
                warnings.push(Msg::column_ignored(column + 1, excerpt(title)).or_suggest(help));
                continue;
            };
            if let Target::Ambiguous(facts) = target {
                let names = facts.iter().map(|&f| policy.facts[f].arg());
                return Err(Msg::column_ambiguous(
                    column + 1,
                    excerpt(title),
                    Arg::list(names),
                ));
            }
            if let Some(before) = taken.insert(target.clone(), column) {
                return Err(Msg::columns_both(
                    before + 1,
                    excerpt(&columns.titles[before]),
                    column + 1,
                    excerpt(title),
                    match target {
                        Target::Fact(f) => policy.facts[*f].arg(),
                        Target::Name => Msg::the_name().into(),
                        _ => Msg::the_staff_number().into(),
                    },
                ));
            }
            match target {
                Target::Fact(fact) if policy.facts[*fact].subject != Subject::Person => {
                    let fact = &policy.facts[*fact];
                    warnings.push(Msg::column_other_subject(
                        column + 1,
                        excerpt(title),
                        fact.name.as_str(),
                        fact.subject.label(),
                    ));
                }
                Target::Fact(fact) => columns.facts.push((column, *fact)),
                Target::Name => columns.name = Some(column),
                Target::Id => columns.id = Some(column),
                Target::Ambiguous(_) => {}
            }
        }
        if columns.facts.is_empty() {
            let titles = columns.titles.iter().map(|t| excerpt(t));
            return Err(Msg::no_known_column(Arg::list(titles)));
        }
        Ok((columns, warnings))
    }

    /// Gives `FIELD=VALUE` to every row without a column for it or with an empty cell: FIELD a
    /// fact's name, label or alias, VALUE spelled as a cell.
    pub fn set(&mut self, policy: &Policy, given: &str) -> Result<(), Msg> {
        let Some((field, value)) = given.split_once('=') else {
            return Err(Msg::set_syntax(excerpt(given)));
        };
        let (field, value) = (field.trim(), value.trim());
        let index = match known_titles(policy).get(&key(field)) {
            Some(Target::Fact(index)) => *index,
            Some(Target::Ambiguous(facts)) => {
                let names = facts.iter().map(|&f| policy.facts[f].arg());
                return Err(Msg::set_ambiguous(excerpt(field), Arg::list(names)));
            }
            _ => {
                let candidates = policy
                    .facts
                    .iter()
                    .flat_map(|f| [&f.name, &f.label.zh].into_iter().chain(&f.aliases))
                    .map(String::as_str);
                let help = did_you_mean(field, candidates);
                return Err(Msg::set_unknown(excerpt(field)).or_suggest(help));
            }
        };
        let fact = &policy.facts[index];
        if fact.birth_date_of.is_some() {
            return Err(Msg::set_id_number(excerpt(field)));
        }
        if fact.subject != Subject::Person {
            return Err(Msg::set_other_subject(
                excerpt(field),
                fact.name.as_str(),
                fact.subject.label(),
            ));
        }
        let value = parse_text(policy, fact, value, true)
            .map_err(|message| Msg::set_invalid(excerpt(field), &fact.name, message))?;
        self.fixed.retain(|(f, _)| *f != index);
        self.fixed.push((index, value));
        Ok(())
    }

    /// The values every row starts from: those given with `--set`, the rest unknown.
    pub fn base(&self, policy: &Policy) -> crate::profile::Profile {
        let mut profile = crate::profile::Profile::empty(policy);
        for (fact, value) in &self.fixed {
            profile.facts[*fact] = Some(value.clone());
        }
        profile
    }

    /// The facts neither a column nor `--set` gives.
    pub fn not_given(&self, policy: &Policy) -> Vec<bool> {
        let mut given = self.given(policy);
        for &(fact, _) in &self.fixed {
            given[fact] = true;
        }
        given.iter().map(|g| !g).collect()
    }

    /// The name and staff number a row gives, trimmed (empty when there is no such column).
    pub fn echo<'r>(&self, record: &'r StringRecord) -> (&'r str, &'r str) {
        let cell = |column: Option<usize>| column.and_then(|c| record.get(c)).map_or("", str::trim);
        (cell(self.name), cell(self.id))
    }

    /// Which facts a row can give: those with a column, the birth date an ID number column gives,
    /// and the yes/no facts a column's cell words set.
    pub fn given(&self, policy: &Policy) -> Vec<bool> {
        let mut given = vec![false; policy.facts.len()];
        for &(_, fact) in &self.facts {
            given[fact] = true;
            if let Some(born) = policy.facts[fact].birth_date_of {
                given[born] = true;
            }
            for &(_, set) in &policy.facts[fact].cell_words {
                given[set] = true;
            }
        }
        given
    }

    /// A reader of rows into fact values, with its own memory of cells already converted.
    pub fn reader<'c>(&'c self, policy: &'c Policy) -> RowReader<'c> {
        let given = self.given(policy);
        let in_columns = |fact: usize| self.facts.iter().any(|&(_, f)| f == fact);
        RowReader {
            columns: self,
            policy,
            memo: self.facts.iter().map(|_| Memo::default()).collect(),
            fixed: self
                .facts
                .iter()
                .map(|&(_, fact)| {
                    self.fixed
                        .iter()
                        .find(|(f, _)| *f == fact)
                        .map(|(_, v)| v.clone())
                })
                .collect(),
            given: (0..given.len()).filter(|&f| given[f]).collect(),
            implied_only: (0..given.len())
                .filter(|&f| given[f] && !in_columns(f))
                .collect(),
        }
    }

    /// `column 3 `学历` (education): message`.
    fn at(&self, column: usize, fact: usize, policy: &Policy, message: Msg) -> Msg {
        let title = &self.titles[column];
        let name = &policy.facts[fact].name;
        if title == name {
            Msg::column_problem(column + 1, excerpt(title), message)
        } else {
            Msg::column_problem_named(column + 1, excerpt(title), name, message)
        }
    }
}

/// Cells converted per column that are remembered: intakes repeat the same few answers (是, 硕士,
/// 3) over and over, and this bounds the memory it takes.
const MEMO_PER_COLUMN: usize = 4096;
/// The first few are kept in a list, which is quicker to search than a table to hash into.
const FEW: usize = 16;

/// A column's cells already converted.
#[derive(Default)]
struct Memo {
    few: Vec<(Box<str>, Result<Value, Msg>)>,
    many: HashMap<Box<str>, Result<Value, Msg>, foldhash::fast::RandomState>,
}

impl Memo {
    fn get(&self, cell: &str) -> Option<&Result<Value, Msg>> {
        match self.few.iter().find(|(text, _)| **text == *cell) {
            Some((_, converted)) => Some(converted),
            None => self.many.get(cell),
        }
    }

    fn remember(&mut self, cell: &str, converted: &Result<Value, Msg>) {
        if self.few.len() < FEW {
            self.few.push((cell.into(), converted.clone()));
        } else if self.many.len() < MEMO_PER_COLUMN - FEW {
            self.many.insert(cell.into(), converted.clone());
        }
    }
}

/// `*slot = Some(value.clone())`, in place when the slot holds a value of the same kind, as it
/// does row after row: quicker than replacing the whole value.
fn set(slot: &mut Option<Value>, value: &Value) {
    match (slot.as_mut(), value) {
        (Some(Value::Bool(old)), Value::Bool(new)) => *old = *new,
        (Some(Value::Option(old)), Value::Option(new)) => *old = *new,
        (Some(Value::Number(old)), Value::Number(new)) => *old = *new,
        (Some(Value::Date(old)), Value::Date(new)) => *old = *new,
        _ => *slot = Some(value.clone()),
    }
}

/// Reads rows into fact values, one row at a time.
pub struct RowReader<'c> {
    columns: &'c Columns,
    policy: &'c Policy,
    /// Per fact column: cell text → its conversion (dates and ID numbers are not kept).
    memo: Vec<Memo>,
    /// Per fact column: the `--set` value an empty cell takes.
    fixed: Vec<Option<Value>>,
    /// The facts a row gives (see `Columns::given`).
    given: Vec<usize>,
    /// Those only another column implies (a birth date or a cell word's fact without a column of its own).
    implied_only: Vec<usize>,
}

impl RowReader<'_> {
    /// Reads a row into `values`: the facts its columns give and the birth date an ID number gives,
    /// a blank cell being an unknown fact (or its default). The other values are left as they are.
    /// `choices` gets the options of each fact left unknown by a cell that names several (a city
    /// on both banks of the Yangtze). The error names every bad cell.
    pub fn read(
        &mut self,
        record: &StringRecord,
        row: u64,
        values: &mut [Option<Value>],
        choices: &mut Vec<(usize, Vec<usize>)>,
    ) -> Result<(), Msg> {
        let (columns, policy) = (self.columns, self.policy);
        if record.len() != columns.titles.len() {
            return Err(Msg::row_width(row, record.len(), columns.titles.len()));
        }
        // Each column's fact is set below; a fact that only another column implies starts unknown.
        for &fact in &self.implied_only {
            values[fact] = None;
        }
        let mut problems = Vec::new();
        let mut born = None;
        let mut words = Vec::new();
        choices.clear();
        for ((&(column, index), memo), fixed) in
            columns.facts.iter().zip(&mut self.memo).zip(&self.fixed)
        {
            let cell = record[column].trim();
            if cell.is_empty() {
                values[index].clone_from(fixed);
                continue;
            }
            let fact = &policy.facts[index];
            if !fact.cell_words.is_empty() {
                let word = |w: &str| plain_chars(w).eq(plain_chars(cell));
                if let Some(&(_, set)) = fact.cell_words.iter().find(|(w, _)| word(w)) {
                    values[index] = None;
                    words.push(set);
                    continue;
                }
            }
            let fresh;
            let converted = if fact.birth_date_of.is_some() {
                // ID numbers never repeat: nothing to remember.
                fresh = parse_id_number(cell).map(|(id, date)| {
                    born = Some((column, index, date));
                    id
                });
                &fresh
            } else if fact.ty == Type::Date {
                // Dates are quicker to read again than to look up.
                fresh = parse_text(policy, fact, cell, true);
                &fresh
            } else {
                match memo.get(cell) {
                    Some(known) => known,
                    None => {
                        fresh = parse_text(policy, fact, cell, true);
                        memo.remember(cell, &fresh);
                        &fresh
                    }
                }
            };
            match converted {
                Ok(value) => set(&mut values[index], value),
                Err(message) => {
                    values[index] = None;
                    match crate::places::ambiguity(policy, fact, cell) {
                        // A place on both banks of the Yangtze tells no one option: the fact
                        // stays unknown, one of those options, and the measures that need it
                        // wait for it, as in `check`.
                        Some(ambiguity) => choices.push((index, ambiguity.options)),
                        None => problems.push(columns.at(column, index, policy, message.clone())),
                    }
                }
            }
        }
        for set in words {
            values[set] = Some(Value::Bool(true));
        }
        if let Some((column, index, date)) = born {
            if let Err(message) = fill_birth_date(policy, values, index, date) {
                problems.push(columns.at(column, index, policy, message));
            }
        }
        for &fact in &self.given {
            if values[fact].is_none() {
                values[fact].clone_from(&policy.facts[fact].default);
            }
        }
        match problems.into_iter().reduce(Msg::semicolons) {
            None => Ok(()),
            Some(problems) => Err(Msg::row_error(row, problems)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(titles: &[&str]) -> StringRecord {
        StringRecord::from(titles.to_vec())
    }

    #[test]
    fn every_title_of_the_embedded_policy_names_one_fact() {
        let policy = Policy::embedded().expect("the embedded policy loads");
        let ambiguous: Vec<(String, Vec<&str>)> = known_titles(&policy)
            .into_iter()
            .filter_map(|(title, target)| match target {
                Target::Ambiguous(facts) => Some((
                    title,
                    facts
                        .iter()
                        .map(|&f| policy.facts[f].name.as_str())
                        .collect(),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(ambiguous, []);
    }

    #[test]
    fn titles_match_by_name_label_or_alias() {
        let policy = Policy::embedded().expect("the embedded policy loads");
        let titles = [
            " 出生日期 ",
            "Education",
            "劳动合同期限(年)",
            "姓名",
            "工号",
            "备注",
            "",
        ];
        let (columns, warnings) = Columns::new(&policy, &header(&titles)).unwrap();
        let facts: Vec<(usize, &str)> = columns
            .facts
            .iter()
            .map(|&(column, fact)| (column, policy.facts[fact].name.as_str()))
            .collect();
        assert_eq!(
            facts,
            [(0, "birth_date"), (1, "education"), (2, "contract_years")]
        );
        assert_eq!((columns.name, columns.id), (Some(3), Some(4)));
        let warnings: Vec<String> = warnings.iter().map(Msg::to_string).collect();
        assert_eq!(
            warnings,
            ["column 6 `备注` is not a field of the policy and is ignored"]
        );
    }
}
