//! The maintainers' tools through the binary: `measures`, `explain`, `policy lint`, `policy test`,
//! `policy diff`, county overlays and effective dates, with whole outputs compared.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failing test

use std::process::{Command, Stdio};

/// What a run printed and how it ended.
struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn caiju(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_caiju"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CAIJU_LANG")
        .env_remove("LANG")
        .env_remove("COLUMNS")
        // A `-` profile reads standard input: empty, whatever the test runner's is.
        .stdin(Stdio::null())
        .output()
        .expect("caiju runs");
    Run {
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 output"),
        code: output.status.code().unwrap_or(-1),
    }
}

const CITY: &str = "tests/fixtures/overlay/city.toml";
const COUNTY: &str = "tests/fixtures/overlay/county.toml";
const DATED: &str = "tests/fixtures/dates/dated.toml";

// ---- policy test ------------------------------------------------------------------------

#[test]
fn the_shipped_policy_tests_pass() {
    let run = caiju(&["--lang", "en", "policy", "test"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(" passed, 0 failed"), "{}", run.stdout);
}

#[test]
fn a_failing_policy_test_shows_expected_against_actual_and_why() {
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        CITY,
        "policy",
        "test",
        "tests/fixtures/policy-test/failing.toml",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "FAIL tests/fixtures/policy-test/failing.toml:2:1\n  \
         a master's graduate who does not work in the city — city.housing: expected status eligible, got not_eligible; expected amount 70000, got null\n      \
         ✗ not met: works in the city (works in the city = no)\n      \
         ✓ met: a postgraduate (degree = master's)\n\
         1 passed, 1 failed\n"
    );
}

// ---- effective dates and overlays ---------------------------------------------------------

#[test]
fn dated_rules_pick_the_version_in_force_on_both_sides_of_each_boundary() {
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        DATED,
        "policy",
        "test",
        "tests/fixtures/dates/cases.toml",
    ]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "15 passed, 0 failed\n")
    );
}

#[test]
fn overlay_changes_apply_from_their_dates() {
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        CITY,
        "--overlay",
        COUNTY,
        "policy",
        "test",
        "tests/fixtures/overlay/cases.toml",
    ]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "7 passed, 0 failed\n"));
}

#[test]
fn overlays_layer_in_order_and_a_later_one_replaces_an_amount_from_its_date() {
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        CITY,
        "--overlay",
        COUNTY,
        "--overlay",
        "tests/fixtures/overlay/county-amount.toml",
        "policy",
        "test",
        "tests/fixtures/overlay/amount-cases.toml",
    ]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "3 passed, 0 failed\n"));
}

#[test]
fn the_example_overlay_tops_up_housing_and_raises_the_class_rate_from_its_date() {
    let run = caiju(&[
        "--lang",
        "en",
        "--overlay",
        "examples/county-overlay.toml",
        "policy",
        "test",
        "tests/fixtures/overlay/example-cases.toml",
    ]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "4 passed, 0 failed\n"));
}

#[test]
fn check_json_says_which_file_each_measure_and_amount_come_from() {
    let json = |overlay: bool| {
        let mut args = vec!["--lang", "en", "--policy", CITY];
        if overlay {
            args.extend(["--overlay", COUNTY]);
        }
        let profile = if overlay { "phd" } else { "phd-city" };
        let profile = format!("tests/fixtures/overlay/{profile}.toml");
        args.extend([
            "check",
            &profile,
            "--as-of",
            "2022-06-30",
            "--format",
            "json",
        ]);
        let run = caiju(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str::<serde_json::Value>(&run.stdout).expect("JSON")
    };
    let plain = json(false);
    assert!(plain["measures"][0].get("origin").is_none());
    let layered = json(true);
    let housing = &layered["measures"][0];
    assert_eq!(housing["id"], "city.housing");
    assert_eq!(housing["amount"], "110000");
    assert_eq!(
        housing["origin"],
        serde_json::json!({ "source_file": CITY, "amount_source_files": [CITY, COUNTY] })
    );
    let class = &layered["measures"][1];
    assert_eq!(class["amount"], "40000");
    assert_eq!(
        class["origin"]["amount_source_files"],
        serde_json::json!([CITY, COUNTY])
    );
}

#[test]
fn before_the_policy_takes_effect_nothing_is_in_force() {
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        CITY,
        "explain",
        "city.housing",
        "tests/fixtures/overlay/phd-city.toml",
        "--as-of",
        "2021-04-08",
    ]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.ends_with(
            "evaluation (for 博士, as of 2021-04-08):\n  \
             the policy is in force from 2021-04-09; the as-of date 2021-04-08 is outside it\n  \
             result: not eligible\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn overlay_mistakes_point_into_the_overlay() {
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        CITY,
        "--overlay",
        "tests/fixtures/overlay/bad.toml",
        "measures",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: unexpected `yuan` after a complete expression
 --> tests/fixtures/overlay/bad.toml:8:15
  |
8 | value = \"4000 yuan\"
  |               ^^^^

error: unknown measure `city.housng`
  --> tests/fixtures/overlay/bad.toml:12:11
   |
12 | measure = \"city.housng\"
   |           ^^^^^^^^^^^^^
   = help: did you mean `city.housing`?

error: unknown name `county_residnt`
  --> tests/fixtures/overlay/bad.toml:20:30
   |
20 |   { id = \"resident\", when = \"county_residnt\", zh = \"县户籍\", en = \"a county resident\" },
   |                              ^^^^^^^^^^^^^^

error: a change needs the overlay's clause it applies: `clause` is empty
  --> tests/fixtures/overlay/bad.toml:25:10
   |
25 | clause = \"\"
   |          ^^
"
    );
}

// ---- policy lint --------------------------------------------------------------------------

/// Each lint fixture, its exit code and its whole output.
const LINT: &[(&str, i32, &str)] = &[
    (
        "uncovered",
        0,
        "warning: the amount table of measure `demo.housing` has no row for `none`, and no condition excludes it (add a row, or list it in `uncovered`)
  --> tests/fixtures/lint/uncovered.toml:30:6
   |
30 | by = \"education\"
   |      ^^^^^^^^^^^

0 errors, 1 warning
",
    ),
    (
        "uncovered-deliberate",
        0,
        "tests/fixtures/lint/uncovered-deliberate.toml: no problems found\n",
    ),
    (
        "overlap",
        0,
        "warning: rows 1 and 2 of the amount table of measure `demo.housing` can both match `phd`; the first one wins
  --> tests/fixtures/lint/overlap.toml:40:3
   |
40 |   { match = [\"phd\"], when = \"recruited\", value = 200000 },
   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

0 errors, 1 warning
",
    ),
    (
        "row-never",
        0,
        "warning: row 2 of the amount table of measure `demo.housing` can never apply
  --> tests/fixtures/lint/row-never.toml:34:3
   |
34 |   { match = [\"master\"], when = \"education == phd\", value = 50000 },
   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

0 errors, 1 warning
",
    ),
    (
        "never-true",
        0,
        "warning: condition `young` of measure `demo.training` can never be true
  --> tests/fixtures/lint/never-true.toml:43:9
   |
43 | when = \"age <= max_age and age > 40\"
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^

warning: condition `graduate` of measure `demo.training` can never be true
  --> tests/fixtures/lint/never-true.toml:48:9
   |
48 | when = \"education in [phd, master] and education == none\"
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

warning: condition `switched_off` of measure `demo.training` can never be true
  --> tests/fixtures/lint/never-true.toml:53:9
   |
53 | when = \"false\"
   |         ^^^^^

0 errors, 3 warnings
",
    ),
    (
        "unused-fact",
        0,
        "warning: fact `hobby` is declared but no measure or derived value uses it
  --> tests/fixtures/lint/unused-fact.toml:21:8
   |
21 | [facts.hobby]
   |        ^^^^^

0 errors, 1 warning
",
    ),
    (
        "unknown-name",
        1,
        "error: unknown name `eduction`
  --> tests/fixtures/lint/unknown-name.toml:32:9
   |
32 | when = \"eduction in [phd, master]\"
   |         ^^^^^^^^
   = help: did you mean `education`?

1 error, 0 warnings
",
    ),
    (
        "type-error",
        1,
        "error: `>=` cannot compare enum `education` with number
  --> tests/fixtures/lint/type-error.toml:32:9
   |
32 | when = \"education >= 3\"
   |         ^^^^^^^^^^^^^^

1 error, 0 warnings
",
    ),
    (
        "duplicate-id",
        1,
        "error: measure `demo.hukou` is declared twice (versions of a measure each need `effective_from` or `effective_until`)
  --> tests/fixtures/lint/duplicate-id.toml:37:6
   |
37 | id = \"demo.hukou\"
   |      ^^^^^^^^^^^^

1 error, 0 warnings
",
    ),
    (
        "missing-text",
        1,
        "error: the name of measure `demo.hukou` needs an English text: `en` is empty
  --> tests/fixtures/lint/missing-text.toml:24:8
   |
24 | name = { zh = \"落户\", en = \"\" }
   |        ^^^^^^^^^^^^^^^^^^^^^^^^

error: measure `demo.hukou` needs a clause: `clause` is empty
  --> tests/fixtures/lint/missing-text.toml:25:10
   |
25 | clause = \"\"
   |          ^^

error: measure `demo.hukou` needs its quoted source sentence: `source` is empty
  --> tests/fixtures/lint/missing-text.toml:26:10
   |
26 | source = \" \"
   |          ^^^

error: condition `graduate` needs an English text: `en` is empty
  --> tests/fixtures/lint/missing-text.toml:34:6
   |
34 | en = \"\"
   |      ^^

4 errors, 0 warnings
",
    ),
];

#[test]
fn lint_findings_exact_text() {
    for (name, code, expected) in LINT {
        let file = format!("tests/fixtures/lint/{name}.toml");
        let run = caiju(&["--lang", "en", "policy", "lint", &file]);
        assert_eq!(run.stdout, *expected, "{name}");
        assert_eq!(run.code, *code, "{name}");
    }
}

#[test]
fn the_embedded_policy_lints_clean() {
    let run = caiju(&["--lang", "en", "policy", "lint"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "policies.toml: no problems found\n")
    );
}

#[test]
fn linting_an_overlay_shows_its_own_findings() {
    let run = caiju(&["--lang", "en", "--policy", CITY, "policy", "lint", COUNTY]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (
            0,
            "tests/fixtures/overlay/city.toml + tests/fixtures/overlay/county.toml: no problems found\n"
        )
    );
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        CITY,
        "policy",
        "lint",
        "tests/fixtures/overlay/bad.toml",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.ends_with("\n4 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
}

// ---- policy diff --------------------------------------------------------------------------

#[test]
fn diff_lists_what_an_overlay_changes() {
    let run = caiju(&["--lang", "en", "policy", "diff", CITY, COUNTY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "tests/fixtures/overlay/city.toml → tests/fixtures/overlay/county.toml
+ fact county_resident: bool
+ param class_rate value from 2022-01-01: 4000
+ param county_rent: 6000
~ measure city.housing [from 2022-01-01 until 2022-12-31] amount [phd]: 100000 → 100000 + 10000
~ measure city.housing [from 2022-01-01 until 2022-12-31] amount [master]: 70000 → 70000 + 10000
~ measure city.housing [from 2023-01-01] amount [phd]: 100000 → 100000 + 10000
~ measure city.housing [from 2023-01-01] amount [master]: 70000 → 70000 + 10000
+ measure city.housing [from 2023-01-01] condition resident: county_resident
+ measure city.hukou [from 2024-01-01] off: tests/fixtures/overlay/county.toml (县〔2022〕5号 第四条)
+ measure county.rent: county rent subsidy
10 differences
"
    );
}

#[test]
fn diff_between_two_policy_files_as_json() {
    let run = caiju(&["policy", "diff", CITY, DATED, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("diff_city_dated_json", run.stdout);
}

#[test]
fn diff_names_a_change_of_the_decimals_amounts_are_rounded_to() {
    let run = caiju(&[
        "policy",
        "diff",
        "tests/fixtures/policy/minimal.toml",
        "tests/fixtures/policy/whole-yuan.toml",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let header = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|d| d["item"] == "policy")
        .expect("a policy difference");
    assert_eq!(header["aspect"], "amount_decimals");
    assert_eq!((&header["old"], &header["new"]), (&"2".into(), &"0".into()));
}

// ---- measures -----------------------------------------------------------------------------

#[test]
fn the_catalog_lists_each_measure_in_force_on_the_date() {
    for (lang, as_of) in [("en", "2023-01-01"), ("zh", "2024-07-01")] {
        let run = caiju(&[
            "--lang", lang, "--policy", DATED, "measures", "--as-of", as_of,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("measures_dated_{lang}_{as_of}"), run.stdout);
    }
}

#[test]
fn the_catalog_as_json_names_the_overlay_files() {
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        CITY,
        "--overlay",
        COUNTY,
        "measures",
        "--as-of",
        "2023-06-30",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("measures_overlay_json", run.stdout);
}

#[test]
fn the_catalog_filters_by_area_and_beneficiary() {
    let ids = |args: &[&str]| {
        let mut all = vec!["measures", "--as-of", "2026-06-30", "--format", "json"];
        all.extend(args);
        let run = caiju(&all);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        json["measures"]
            .as_array()
            .expect("measures")
            .iter()
            .map(|m| {
                (
                    m["area"].as_str().unwrap().to_string(),
                    m["beneficiary"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let youth = ids(&["--area", "youth"]);
    assert!(!youth.is_empty() && youth.iter().all(|(area, _)| area == "youth"));
    let employers = ids(&["--beneficiary", "employer"]);
    assert!(!employers.is_empty() && employers.iter().all(|(_, b)| b == "employer"));
    let run = caiju(&["--lang", "en", "measures", "--area", "yuoth"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: unknown area `yuoth` (areas: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("; did you mean `youth`?\n"),
        "{}",
        run.stderr
    );
}

// ---- explain ------------------------------------------------------------------------------

#[test]
fn explain_snapshots_in_both_languages() {
    for lang in ["zh", "en"] {
        let run = caiju(&[
            "--lang",
            lang,
            "explain",
            "youth.housing",
            "tests/fixtures/explain/graduate.toml",
            "--as-of",
            "2026-06-30",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("explain_housing_graduate_{lang}"), run.stdout);
        let run = caiju(&[
            "--lang",
            lang,
            "explain",
            "youth.housing",
            "tests/fixtures/explain/junior-college.toml",
            "--as-of",
            "2026-06-30",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("explain_housing_junior_college_{lang}"), run.stdout);
    }
}

#[test]
fn explain_a_formula_step_by_step_with_an_overlay() {
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        CITY,
        "--overlay",
        COUNTY,
        "explain",
        "city.class",
        "tests/fixtures/overlay/phd.toml",
        "--as-of",
        "2022-06-30",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("explain_class_overlay_en", run.stdout);
}

#[test]
fn explain_without_a_profile_and_as_json() {
    let run = caiju(&[
        "--lang",
        "en",
        "--policy",
        DATED,
        "explain",
        "demo.housing",
        "--as-of",
        "2024-01-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("explain_dated_versions_en", run.stdout);
    let run = caiju(&[
        "--lang",
        "zh",
        "--policy",
        DATED,
        "explain",
        "demo.signing",
        "--as-of",
        "2026-06-30",
        "--format",
        "json",
        "-",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("explain_dated_signing_json", run.stdout);
}

#[test]
fn explain_an_unknown_measure_suggests_the_near_one() {
    let run = caiju(&["--lang", "en", "explain", "youth.housng"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: unknown measure `youth.housng` (`caiju measures` lists them)\n  = help: did you mean `youth.housing`?\n"
    );
}

/// The embedded policy with a chain of `n` derived values, each resting on the one before.
fn policy_with_chain(dir: &std::path::Path, n: usize) -> String {
    let mut text = std::fs::read_to_string("policies.toml").unwrap();
    for i in 0..n {
        let expr = if i == 0 {
            "contract_years + 1".to_string()
        } else {
            format!("chain_{} + 1", i - 1)
        };
        text.push_str(&format!(
            "\n[derived.chain_{i}]\ntype = \"number\"\nexpr = \"{expr}\"\nlabel = {{ zh = \"链\", en = \"chain\" }}\n"
        ));
    }
    let path = dir.join(format!("chain-{n}.toml"));
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_chain_of_derived_values_is_bounded_at_load() {
    let dir = tempfile::tempdir().unwrap();
    let fits = policy_with_chain(dir.path(), 64);
    let out = caiju(&["--lang", "en", "policy", "lint", &fits]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for n in [65, 6000] {
        let policy = policy_with_chain(dir.path(), n);
        for args in [
            vec!["--lang", "en", "policy", "lint", policy.as_str()],
            vec![
                "--lang",
                "en",
                "--policy",
                policy.as_str(),
                "check",
                "examples/graduate.toml",
            ],
            vec![
                "--lang",
                "en",
                "--policy",
                policy.as_str(),
                "batch",
                "tests/fixtures/batch/hires.csv",
            ],
        ] {
            let out = caiju(&args);
            let text = format!("{}{}", out.stdout, out.stderr);
            assert_eq!(out.code, 1, "{args:?}: {text}");
            assert!(
                text.contains("error: derived value `chain_64` rests on a chain of 65 derived values; at most 64 are allowed\n"),
                "{args:?}: {text}"
            );
            assert!(text.contains(&format!("--> {policy}:")), "{text}");
        }
    }
}

#[test]
fn an_overlay_parameter_of_the_wrong_type_names_the_type_it_takes() {
    let out = caiju(&[
        "--lang",
        "en",
        "--overlay",
        "tests/fixtures/limits/date-for-number.toml",
        "check",
        "examples/graduate.toml",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: expected a number\n --> tests/fixtures/limits/date-for-number.toml:9:9\n  |\n9 | value = 2026-01-01\n  |         ^^^^^^^^^^\n"
    );
}

#[test]
fn year_zero_is_not_a_date_in_a_policy() {
    let out = caiju(&[
        "--lang",
        "en",
        "--overlay",
        "tests/fixtures/limits/year-zero.toml",
        "check",
        "examples/graduate.toml",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: not a calendar date in the years 0001–9999\n --> tests/fixtures/limits/year-zero.toml:6:18\n  |\n6 | effective_from = 0000-01-01\n  |                  ^^^^^^^^^^\n"
    );
}

#[test]
fn an_amount_that_can_be_negative_is_a_lint_error_and_never_paid() {
    let overlay = "tests/fixtures/limits/negative-top-up.toml";
    let out = caiju(&["--lang", "en", "policy", "lint", overlay]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.starts_with(
            "error: the amount of measure `youth.housing` can come to -980000 as changed by tests/fixtures/limits/negative-top-up.toml (第一条); an amount is never negative\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with("\n1 error, 0 warnings\n"),
        "{}",
        out.stdout
    );
    let out = caiju(&[
        "--lang",
        "en",
        "--overlay",
        overlay,
        "check",
        "examples/graduate.toml",
        "--as-of",
        "2026-06-30",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: measure `youth.housing`: the amount came to -930000; an amount is never negative (a fact out of its range, or a rule to correct: `caiju policy lint` names it)\n"
    );
}

#[test]
fn a_range_belongs_to_number_facts_only() {
    let out = caiju(&[
        "--lang",
        "en",
        "policy",
        "lint",
        "tests/fixtures/limits/range-on-bool.toml",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "error: fact `county_resident` is not a number: it takes no `min` or `max`\n  --> tests/fixtures/limits/range-on-bool.toml:13:7\n   |\n13 | min = 0\n   |       ^\n\n1 error, 0 warnings\n"
    );
}

/// The maintainers' tools speak Chinese too: a failing policy test, a lint finding and the counts.
#[test]
fn policy_tools_in_chinese() {
    let run = caiju(&[
        "--policy",
        CITY,
        "policy",
        "test",
        "tests/fixtures/policy-test/failing.toml",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "失败 tests/fixtures/policy-test/failing.toml:2:1\n  \
         a master's graduate who does not work in the city — city.housing：status 应为 eligible，实为 not_eligible；amount 应为 70000，实为 null\n      \
         ✗ 不满足：在本市工作（在本市工作 = 否）\n      \
         ✓ 满足：研究生（学历 = 硕士）\n\
         1 个通过，1 个失败\n"
    );
    let run = caiju(&["policy", "lint", "tests/fixtures/lint/uncovered.toml"]);
    assert_eq!(
        run.stdout,
        "警告：措施 `demo.housing` 的金额表没有 `none` 的行，也没有条件排除它（请加一行，或把它列入 `uncovered`）\n  --> tests/fixtures/lint/uncovered.toml:30:6\n   |\n30 | by = \"education\"\n   |      ^^^^^^^^^^^\n\n0 个错误，1 个警告\n"
    );
}
