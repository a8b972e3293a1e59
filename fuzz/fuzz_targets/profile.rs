//! Reading an arbitrary profile (as TOML and as JSON), evaluating it, adding up its totals and a batch summary of it twice, and checking nothing panics.
#![no_main]

use caiju::batch::summary::Summary;
use caiju::diagnostic::Source;
use caiju::engine::{evaluate, Facts};
use caiju::i18n::Lang;
use caiju::policy::Policy;
use caiju::report::Totals;
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
            let Ok(outcomes) = evaluate(&mut facts, profile.subject, None) else {
                continue;
            };
            let _ = Totals::of(policy, &outcomes);
            let mut summary = Summary::new(policy, None);
            if summary.add(policy, &outcomes).is_ok() && summary.add(policy, &outcomes).is_ok() {
                let copy = Summary::new(policy, None);
                let _ = summary.merge(policy, &copy);
                let _ = summary.render(policy, Lang::Zh);
            }
        }
    }
});
