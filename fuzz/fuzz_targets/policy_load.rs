//! Loading a policy from arbitrary text never panics.
#![no_main]

use caiju::diagnostic::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = caiju::policy::load(Source::new("fuzz.toml", text));
});
