//! A batch header and rows of arbitrary cells are read and evaluated without panicking.
#![no_main]

use caiju::batch::columns::Columns;
use caiju::engine::{Evaluator, Facts};
use caiju::policy::{Policy, Subject};
use caiju::profile::Profile;
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
    let Some(header) = records.next() else {
        return;
    };
    let Ok((columns, _warnings)) = Columns::new(policy, &header) else {
        return;
    };
    let mut rows = columns.reader(policy);
    let given = columns.given(policy);
    let as_of = jiff::civil::Date::constant(2026, 6, 30);
    let mut facts = Facts::new(policy, &Profile::empty(policy), as_of);
    let mut evaluator = Evaluator::new(policy, None, |fact| given[fact], false);
    for (n, row) in records.enumerate() {
        if rows
            .read(&row, n as u64 + 2, &mut facts.values, &mut facts.choices)
            .is_ok()
        {
            facts.values_changed();
            let _ = evaluator.evaluate(&mut facts, Subject::Person);
        }
    }
});
