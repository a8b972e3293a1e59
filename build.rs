//! Puts the embedded policy's id, document and date into `caiju --version`.

// reason: a build script fails the build by panicking; policies.toml is part of the source tree.
#![allow(clippy::expect_used)]

fn main() {
    println!("cargo:rerun-if-changed=policies.toml");
    let text = std::fs::read_to_string("policies.toml").expect("policies.toml is readable");
    let table: toml::Table = toml::from_str(&text).expect("policies.toml is valid TOML");
    let header = table.get("policy").and_then(toml::Value::as_table);
    let field = |key: &str| {
        header
            .and_then(|h| h.get(key))
            .map(|v| match v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                other => other.to_string(),
            })
            .unwrap_or_default()
    };
    println!(
        "cargo:rustc-env=CAIJU_POLICY_VERSION={} ({}, {})",
        field("id"),
        field("document"),
        field("issued")
    );
}
