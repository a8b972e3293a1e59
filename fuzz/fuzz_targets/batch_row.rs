//! A batch header and one row of arbitrary cells are read and evaluated without panicking.
#![no_main]

use caiju::batch::columns::Columns;
use caiju::engine::{evaluate, Facts};
use caiju::policy::Policy;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| Policy::embedded().expect("the embedded policy loads"))
}

fuzz_target!(|data: &[u8]| {
    let policy = policy();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut records = reader.records().filter_map(Result::ok);
    let (Some(header), Some(row)) = (records.next(), records.next()) else {
        return;
    };
    let Ok((columns, _warnings)) = Columns::new(policy, &header) else {
        return;
    };
    let mut rows = columns.reader(policy);
    if let Ok(profile) = rows.read(&row, 2) {
        let mut facts = Facts::new(policy, profile, jiff::civil::Date::constant(2026, 6, 30));
        let _ = evaluate(&mut facts, profile.subject, None);
    }
});
