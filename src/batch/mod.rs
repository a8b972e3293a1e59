//! Batch checks: reading an intake row by row, and the words its outputs share.

pub mod columns;
pub mod decode;
pub mod input;
pub mod lines;
pub mod output;
pub mod pipeline;
pub mod sheet;
pub mod summary;

use crate::engine::Status;
use crate::messages::Msg;
use crate::policy::Beneficiary;
use csv::StringRecord;

/// A status as a table heading or cell shows it.
pub fn status_label(status: Status) -> Msg {
    match status {
        Status::Eligible => Msg::status_eligible(),
        Status::Pending => Msg::status_pending(),
        Status::MayApply => Msg::status_may_apply(),
        Status::NeedsInfo => Msg::status_needs_info(),
        Status::NotEligible => Msg::status_not_eligible(),
    }
}

/// Who is paid, as a batch (many people, many employers) names them.
pub fn beneficiary_label(beneficiary: Beneficiary) -> Msg {
    match beneficiary {
        Beneficiary::Individual => Msg::batch_individuals(),
        Beneficiary::Employer => Msg::batch_employers(),
        Beneficiary::Organization => Msg::batch_organizations(),
    }
}

/// A row with nothing in any cell.
pub fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|cell| cell.trim().is_empty())
}

/// A row that is a note under the table rather than a hire (`制表人：张三`, `合计`): a single
/// cell of text, labelled with a colon or starting with a word tables end with. Its text, if so.
pub fn note(record: &StringRecord) -> Option<&str> {
    const ENDINGS: [&str; 10] = [
        "制表",
        "填表",
        "审核",
        "负责人",
        "合计",
        "总计",
        "备注",
        "说明",
        "注",
        "联系",
    ];
    let mut cells = record.iter().map(str::trim).filter(|c| !c.is_empty());
    let only = cells.next()?;
    if cells.next().is_some() {
        return None;
    }
    let labelled = only.contains(['：', ':']);
    (labelled || ENDINGS.iter().any(|w| only.starts_with(w))).then_some(only)
}
