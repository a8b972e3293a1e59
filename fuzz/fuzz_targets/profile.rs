//! Reading an arbitrary profile (as TOML and as JSON) and checking it never panics.
#![no_main]

use caiju::diagnostic::Source;
use caiju::engine::{evaluate, Facts};
use caiju::policy::Policy;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| Policy::embedded().expect("the embedded policy loads"))
}

fuzz_target!(|text: &str| {
    let policy = policy();
    for name in ["fuzz.toml", "fuzz.json"] {
        if let Ok(profile) = caiju::profile::parse(policy, &Source::new(name, text)) {
            let mut facts = Facts::new(policy, &profile, jiff::civil::Date::constant(2026, 6, 30));
            let _ = evaluate(&mut facts, profile.subject, None);
        }
    }
});
