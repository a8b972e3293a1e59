//! Running totals of a batch — rows, statuses and amounts per measure, grand totals — and how they are shown.

use super::{beneficiary_label, status_label};
use crate::engine::{Outcome, Status};
use crate::error::Error;
use crate::i18n::Lang;
use crate::messages::{Arg, Msg};
use crate::policy::{Beneficiary, Policy};
use crate::render::money;
use crate::report::Totals;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

/// What a batch came to; it grows with each row, but holds only counts and sums (and bad row numbers).
pub struct Summary {
    pub rows_read: u64,
    pub rows_evaluated: u64,
    pub rows_blank: u64,
    pub error_rows: Vec<u64>,
    /// Title rows (and blank rows) above the header, skipped.
    pub rows_above_header: u64,
    /// Rows that are notes, not hires (`制表人：…` under the table): their number and an excerpt
    /// of their text, the first `NOTES_KEPT` of them.
    pub notes: Vec<(u64, String)>,
    pub notes_count: u64,
    /// Per fact: the evaluated rows that need it for some measure, the measures of all rows that
    /// need it, and the last row counted.
    missing: Vec<(u64, u64, u64)>,
    /// Per fact: whether neither a column nor `--set` gives it (set for the whole run's summary).
    pub not_given: Vec<bool>,
    /// Per measure (by index), or `None` for a measure that was not evaluated.
    measures: Vec<Option<Tally>>,
    /// Eligible amounts per beneficiary.
    pub totals: Totals,
    /// Amounts not yet claimable (`pending`) per beneficiary.
    pub pending: Totals,
}

/// Notes whose text is kept for the summary.
const NOTES_KEPT: usize = 20;

/// One measure's count of rows per status, and its eligible and pending amounts.
#[derive(Clone, Default)]
pub struct Tally {
    /// Rows per status, in the order of `Status::ALL`.
    pub counts: [u64; 5],
    pub amount: Decimal,
    pub pending_amount: Decimal,
}

/// Adds `amount` to the sum of `what` (a measure id or a beneficiary), refusing an overflow.
fn add_to(sum: &mut Decimal, amount: Decimal, what: &str) -> Result<(), Msg> {
    *sum = sum
        .checked_add(amount)
        .ok_or_else(|| Msg::batch_total_overflows(what, Decimal::MAX))?;
    Ok(())
}

fn slot(totals: &mut Totals, beneficiary: Beneficiary) -> &mut Decimal {
    match beneficiary {
        Beneficiary::Individual => &mut totals.individual,
        Beneficiary::Employer => &mut totals.employer,
        Beneficiary::Organization => &mut totals.organization,
    }
}

impl Summary {
    /// An empty summary for every measure, or those in `only`.
    pub fn new(policy: &Policy, only: Option<&[usize]>) -> Summary {
        let measures = (0..policy.measures.len())
            .map(|i| {
                let evaluated = only.map_or(true, |list| list.contains(&i));
                evaluated.then(Tally::default)
            })
            .collect();
        Summary {
            rows_read: 0,
            rows_evaluated: 0,
            rows_blank: 0,
            error_rows: Vec::new(),
            rows_above_header: 0,
            notes: Vec::new(),
            notes_count: 0,
            missing: vec![(0, 0, 0); policy.facts.len()],
            not_given: Vec::new(),
            measures,
            totals: Totals::default(),
            pending: Totals::default(),
        }
    }

    /// Counts a row that is a note rather than a hire.
    pub fn add_note(&mut self, row: u64, text: &str) {
        self.notes_count += 1;
        if self.notes.len() < NOTES_KEPT {
            let mut excerpt: String = text.chars().take(40).collect();
            if excerpt.len() < text.len() {
                excerpt.push('…');
            }
            self.notes.push((row, excerpt));
        }
    }

    /// Counts an evaluated row. A sum that would overflow is an error naming its measure or
    /// beneficiary; the summary is then incomplete and the batch stops.
    pub fn add(&mut self, policy: &Policy, outcomes: &[Outcome]) -> Result<(), Msg> {
        self.rows_evaluated += 1;
        for outcome in outcomes {
            for &fact in &outcome.missing {
                let (rows, measures, last_row) = &mut self.missing[fact];
                *measures += 1;
                // Each row once: `rows_evaluated` numbers this row within the summary.
                if *last_row != self.rows_evaluated {
                    *last_row = self.rows_evaluated;
                    *rows += 1;
                }
            }
        }
        for outcome in outcomes {
            let Some(tally) = &mut self.measures[outcome.measure] else {
                continue;
            };
            tally.counts[outcome.status as usize] += 1;
            let Some(amount) = outcome.amount else {
                continue;
            };
            let id = &policy.measures[outcome.measure].id;
            let beneficiary = outcome.version_of(policy).beneficiary;
            let (sum, total) = match outcome.status {
                Status::Eligible => (&mut tally.amount, slot(&mut self.totals, beneficiary)),
                Status::Pending => (
                    &mut tally.pending_amount,
                    slot(&mut self.pending, beneficiary),
                ),
                _ => continue,
            };
            add_to(sum, amount, id)?;
            add_to(total, amount, beneficiary.id())?;
        }
        Ok(())
    }

    /// Adds the counts and sums of `other` (the rows after this summary's).
    pub fn merge(&mut self, policy: &Policy, other: &Summary) -> Result<(), Msg> {
        self.rows_read += other.rows_read;
        self.rows_evaluated += other.rows_evaluated;
        self.rows_blank += other.rows_blank;
        self.error_rows.extend(&other.error_rows);
        self.rows_above_header += other.rows_above_header;
        self.notes_count += other.notes_count;
        for (mine, theirs) in self.missing.iter_mut().zip(&other.missing) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
        }
        let room = NOTES_KEPT.saturating_sub(self.notes.len());
        self.notes.extend(other.notes.iter().take(room).cloned());
        for ((mine, theirs), measure) in self
            .measures
            .iter_mut()
            .zip(&other.measures)
            .zip(&policy.measures)
        {
            if let (Some(mine), Some(theirs)) = (mine, theirs) {
                for (a, b) in mine.counts.iter_mut().zip(theirs.counts) {
                    *a += b;
                }
                add_to(&mut mine.amount, theirs.amount, &measure.id)?;
                add_to(&mut mine.pending_amount, theirs.pending_amount, &measure.id)?;
            }
        }
        for (id, b) in Beneficiary::ALL {
            add_to(slot(&mut self.totals, b), other.totals.get(b), id)?;
            add_to(slot(&mut self.pending, b), other.pending.get(b), id)?;
        }
        Ok(())
    }

    /// The `--summary` file: a stable interface for scripts.
    pub fn to_json(&self, policy: &Policy, as_of: Date) -> Result<String, Error> {
        let normal = |t: &Totals| Totals {
            individual: t.individual.normalize(),
            employer: t.employer.normalize(),
            organization: t.organization.normalize(),
        };
        let json = SummaryJson {
            as_of: as_of.to_string(),
            rows: RowsJson {
                read: self.rows_read,
                evaluated: self.rows_evaluated,
                blank: self.rows_blank,
                with_errors: self.error_rows.len() as u64,
                above_header: self.rows_above_header,
                notes: self.notes_count,
            },
            error_rows: &self.error_rows,
            measures: self
                .tallies()
                .map(|(i, t)| MeasureJson {
                    id: &policy.measures[i].id,
                    counts: Status::ALL
                        .iter()
                        .map(|s| (s.id(), t.counts[*s as usize]))
                        .collect(),
                    amount: t.amount.normalize().to_string(),
                    pending_amount: t.pending_amount.normalize().to_string(),
                })
                .collect(),
            totals: normal(&self.totals),
            pending_totals: normal(&self.pending),
        };
        let mut text = serde_json::to_string_pretty(&json).map_err(|e| {
            Error::invalid(Msg::cannot_write_json(
                Msg::json_what_summary(),
                e.to_string(),
            ))
        })?;
        text.push('\n');
        Ok(text)
    }

    /// The evaluated measures (by index) and their tallies.
    pub fn tallies(&self) -> impl Iterator<Item = (usize, &Tally)> {
        self.measures
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.as_ref().map(|t| (i, t)))
    }

    /// The summary for people, as printed on standard error.
    pub fn render(&self, policy: &Policy, lang: Lang) -> String {
        let mut out = String::new();
        let show = |m: Msg| m.render(lang).into_owned();
        for (row, text) in &self.notes {
            out += &show(Msg::note_row(*row, text));
            out.push('\n');
        }
        out += &show(Msg::summary_read(rows(self.rows_read), self.rows_evaluated));
        if self.rows_above_header > 0 {
            out += &show(Msg::summary_above_header(rows(self.rows_above_header)));
        }
        if self.notes_count > 0 {
            let notes = match self.notes_count {
                1 => Msg::one_note(),
                n => Msg::notes_count(n),
            };
            out += &show(Msg::summary_notes(notes));
        }
        if self.rows_blank > 0 {
            out += &show(Msg::summary_blank(self.rows_blank));
        }
        if !self.error_rows.is_empty() {
            const SHOWN: usize = 20;
            let mut rows: Vec<String> = self
                .error_rows
                .iter()
                .take(SHOWN)
                .map(u64::to_string)
                .collect();
            if self.error_rows.len() > SHOWN {
                rows.push("…".into());
            }
            let count = self.error_rows.len();
            out += &show(if count == 1 {
                Msg::summary_error_row(count, Arg::list(rows))
            } else {
                Msg::summary_error_rows(count, Arg::list(rows))
            });
        }
        out.push('\n');
        let shown: Vec<(usize, &Tally)> = self
            .tallies()
            .filter(|(_, t)| t.counts[Status::NotEligible as usize] < t.counts.iter().sum())
            .collect();
        if !shown.is_empty() {
            let mut header = vec![Msg::column_measure()];
            header.extend(Status::ALL.iter().map(|s| status_label(*s)));
            header.push(Msg::column_eligible_amount());
            header.push(Msg::column_pending_amount());
            let header: Vec<String> = header.into_iter().map(show).collect();
            let mut table = comfy_table::Table::new();
            table
                .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                .set_header(header);
            for (i, t) in shown {
                let mut row = vec![policy.measures[i].name.get(lang).to_string()];
                row.extend(t.counts.iter().map(u64::to_string));
                row.push(money(t.amount));
                row.push(money(t.pending_amount));
                table.add_row(row);
            }
            out += &format!("{table}\n");
        }
        for (heading, totals) in [
            (Msg::total_eligible(), &self.totals),
            (Msg::total_pending(), &self.pending),
        ] {
            let parts = Beneficiary::ALL
                .iter()
                .map(|(_, b)| Msg::total_part(beneficiary_label(*b), money(totals.get(*b))))
                .reduce(Msg::semicolons);
            out += &show(Msg::labelled(heading, parts));
            out.push('\n');
        }
        out += &self.missing_column_hint(policy, lang);
        out
    }

    /// Names the fact without a column that most rows need (then most measures), when more than
    /// half of the rows do, and suggests giving it with `--set`.
    fn missing_column_hint(&self, policy: &Policy, lang: Lang) -> String {
        let most = self
            .missing
            .iter()
            .enumerate()
            .filter(|&(fact, _)| self.not_given.get(fact).copied().unwrap_or(false))
            .max_by_key(|&(fact, &(rows, measures, _))| (rows, measures, std::cmp::Reverse(fact)));
        let Some((fact, &(count, _, _))) = most else {
            return String::new();
        };
        if count * 2 <= self.rows_evaluated {
            return String::new();
        }
        let fact = &policy.facts[fact];
        let example: Arg = match fact.ty {
            crate::lang::value::Type::Bool => Msg::yes().into(),
            crate::lang::value::Type::Enum(id) => match policy.enums[id].options.first() {
                Some(option) => Msg::set_example_option(&option.id, &option.label).into(),
                None => "…".into(),
            },
            _ => "…".into(),
        };
        let hint =
            Msg::missing_column_hint(count, self.rows_evaluated, &fact.name, &fact.label, example);
        format!("{}\n", hint.render(lang))
    }
}

/// `1 row`, `2 rows`.
fn rows(n: u64) -> Msg {
    if n == 1 {
        Msg::one_row()
    } else {
        Msg::rows_count(n)
    }
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    as_of: String,
    rows: RowsJson,
    error_rows: &'a [u64],
    measures: Vec<MeasureJson<'a>>,
    totals: Totals,
    pending_totals: Totals,
}

#[derive(Serialize)]
struct RowsJson {
    read: u64,
    evaluated: u64,
    blank: u64,
    with_errors: u64,
    above_header: u64,
    notes: u64,
}

#[derive(Serialize)]
struct MeasureJson<'a> {
    id: &'a str,
    counts: indexmap::IndexMap<&'static str, u64>,
    amount: String,
    pending_amount: String,
}
