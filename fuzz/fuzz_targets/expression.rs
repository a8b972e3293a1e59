//! Parsing, checking and evaluating an arbitrary expression against the embedded policy never panics.
#![no_main]

use caiju::diagnostic::Source;
use caiju::engine::Facts;
use caiju::lang::compile;
use caiju::lang::value::Type;
use caiju::policy::Policy;
use caiju::profile::Profile;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| Policy::embedded().expect("the embedded policy loads"))
}

fuzz_target!(|text: &str| {
    let policy = policy();
    let source = Source::new("fuzz", text);
    for wanted in [Type::Bool, Type::Money, Type::Date] {
        if let Ok(expr) = compile(policy, &source, text, 0, wanted) {
            let profile = Profile::empty(policy);
            let as_of = jiff::civil::Date::constant(2026, 6, 30);
            let _ = Facts::new(policy, &profile, as_of).eval(&expr);
        }
    }
});
