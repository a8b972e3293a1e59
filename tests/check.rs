//! `caiju check` through the binary: whole outputs for the examples, the JSON contract, worked examples, exact error texts.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failing test

mod common;

use common::{stderr, stdout};
use serde_json::Value;
use std::process::{Command, Output};

/// `caiju ARGS` with an optional profile on standard input.
fn caiju(args: &[&str], stdin: Option<&str>) -> Output {
    common::caiju(args, stdin.map(str::as_bytes))
}

/// `check --format json` on a profile given as TOML text.
fn check_json(profile: &str, as_of: &str) -> Value {
    let out = caiju(
        &["check", "-", "--format", "json", "--all", "--as-of", as_of],
        Some(profile),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn measure<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("{id} missing from {report:#}"))
}

const EXAMPLES: [&str; 7] = [
    "graduate",
    "junior-college",
    "employer-hire",
    "skilled-worker",
    "rural-entrepreneur",
    "organization",
    "partial",
];

#[test]
fn examples_as_json() {
    for name in EXAMPLES {
        let path = format!("examples/{name}.toml");
        let out = caiju(
            &[
                "check",
                &path,
                "--format",
                "json",
                "--all",
                "--as-of",
                "2026-06-30",
                "--lang",
                "en",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        insta::assert_snapshot!(format!("json_{name}"), stdout(&out));
    }
}

#[test]
fn examples_as_tables_in_both_languages() {
    for lang in ["zh", "en"] {
        for name in ["graduate", "partial"] {
            let path = format!("examples/{name}.toml");
            let out = caiju(
                &["check", &path, "--as-of", "2026-06-30", "--lang", lang],
                None,
            );
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            insta::assert_snapshot!(format!("table_{name}_{lang}"), stdout(&out));
        }
    }
}

#[test]
fn json_contract_keys() {
    let report = check_json("education = \"master\"\n", "2026-06-30");
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in ["policy", "as_of", "subject", "measures", "totals"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert_eq!(report["policy"]["document"], "南委人才〔2021〕2号");
    assert_eq!(report["as_of"], "2026-06-30");
    assert_eq!(report["subject"], "person");
    for key in ["individual", "employer", "organization"] {
        assert!(report["totals"][key].is_string(), "{key}");
    }
    for m in report["measures"].as_array().unwrap() {
        for key in [
            "id",
            "name",
            "clause",
            "kind",
            "beneficiary",
            "status",
            "amount",
            "amount_max",
            "available_from",
            "missing",
            "reasons",
        ] {
            assert!(m.get(key).is_some(), "{key} in {m}");
        }
    }
}

const GRADUATE: &str = r#"
education = "master"
graduation_date = 2024-06-30
employer_type = "enterprise"
employer_in_nanping = true
contract_years = 3
pension_start = 2024-07-01
previous_nanping_pension = false
talent_program_2020 = false
"#;

#[test]
fn age_35_on_the_start_day_qualifies_and_36_does_not() {
    let base = format!("{GRADUATE}birth_date = 1990-07-01\n");
    let at_35 = check_json(
        &format!("{base}contract_start = 2026-06-30\n"),
        "2026-08-01",
    );
    assert_eq!(measure(&at_35, "youth.housing")["status"], "eligible");
    assert_eq!(measure(&at_35, "youth.housing")["amount"], "70000");
    let at_36 = check_json(
        &format!("{base}contract_start = 2026-07-01\n"),
        "2026-08-01",
    );
    assert_eq!(measure(&at_36, "youth.housing")["status"], "not_eligible");
    assert_eq!(
        measure(&at_36, "youth.employer_subsidy")["status"],
        "not_eligible"
    );
}

#[test]
fn employer_subsidy_waits_for_the_second_anniversary() {
    let profile = format!("{GRADUATE}birth_date = 1995-03-01\ncontract_start = 2024-07-01\n");
    let before = check_json(&profile, "2026-06-30");
    let m = measure(&before, "youth.employer_subsidy");
    assert_eq!(m["status"], "pending");
    assert_eq!(m["available_from"], "2026-07-01");
    assert_eq!(m["amount"], "5000");
    assert_eq!(before["totals"]["employer"], "0");
    let on = check_json(&profile, "2026-07-01");
    assert_eq!(measure(&on, "youth.employer_subsidy")["status"], "eligible");
    assert_eq!(on["totals"]["employer"], "5000");
    assert_eq!(on["totals"]["individual"], "70000");
}

#[test]
fn junior_college_rules() {
    let base = r#"
education = "junior_college"
birth_date = 2003-05-01
graduation_date = 2024-06-30
employer_type = "enterprise"
employer_in_nanping = true
contract_years = 3
pension_start = 2024-07-01
previous_nanping_pension = false
"#;
    let cases = [
        (
            "contract_start = 2024-07-01\nschool_in_nanping = true\norigin_nanping = false\n",
            "eligible",
        ),
        (
            "contract_start = 2024-07-01\nschool_in_nanping = false\norigin_nanping = true\n",
            "eligible",
        ),
        (
            "contract_start = 2024-07-01\nschool_in_nanping = false\norigin_nanping = false\n",
            "not_eligible",
        ),
        (
            "contract_start = 2026-07-01\nschool_in_nanping = true\norigin_nanping = true\n",
            "not_eligible",
        ),
    ];
    for (extra, status) in cases {
        let report = check_json(&format!("{base}{extra}"), "2026-08-01");
        let housing = measure(&report, "youth.housing");
        assert_eq!(housing["status"], status, "{extra}");
        if status == "eligible" {
            assert_eq!(housing["amount"], "20000");
        }
        assert_eq!(
            measure(&report, "youth.employer_subsidy")["status"],
            "not_eligible",
            "{extra}"
        );
    }
}

#[test]
fn a_missing_fact_makes_needs_info_and_is_named() {
    let report = check_json(
        &format!("{GRADUATE}birth_date = 1995-03-01\n"),
        "2026-06-30",
    );
    let housing = measure(&report, "youth.housing");
    assert_eq!(housing["status"], "needs_info");
    assert_eq!(housing["missing"], serde_json::json!(["contract_start"]));
    assert_eq!(housing["amount"], "70000");
    assert_eq!(report["totals"]["individual"], "0");
}

#[test]
fn not_eligible_measures_are_left_out_without_all() {
    let out = caiju(
        &[
            "check",
            "examples/graduate.toml",
            "--format",
            "json",
            "--as-of",
            "2026-06-30",
        ],
        None,
    );
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(report["measures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["status"] != "not_eligible"));
}

#[test]
fn id_number_supplies_the_birth_date() {
    let with_id = check_json(
        &format!("{GRADUATE}id_number = \"350702199007011231\"\ncontract_start = 2026-07-01\n"),
        "2026-08-01",
    );
    let with_date = check_json(
        &format!("{GRADUATE}birth_date = 1990-07-01\ncontract_start = 2026-07-01\n"),
        "2026-08-01",
    );
    assert_eq!(with_id["measures"], with_date["measures"]);
}

#[test]
fn json_profiles_and_toml_profiles_agree() {
    let toml_out = caiju(
        &[
            "check",
            "examples/graduate.toml",
            "--format",
            "json",
            "--as-of",
            "2026-06-30",
        ],
        None,
    );
    let table: toml::Table =
        toml::from_str(&std::fs::read_to_string("examples/graduate.toml").unwrap()).unwrap();
    let object: serde_json::Map<String, Value> = table
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                toml::Value::Datetime(d) => Value::String(d.to_string()),
                other => serde_json::to_value(other).unwrap(),
            };
            (k, v)
        })
        .collect();
    let json = serde_json::to_string(&object).unwrap();
    let json_out = caiju(
        &["check", "-", "--format", "json", "--as-of", "2026-06-30"],
        Some(&json),
    );
    assert_eq!(
        stdout(&toml_out),
        stdout(&json_out),
        "{}",
        stderr(&json_out)
    );
}

#[test]
fn a_fact_of_the_other_subject_is_refused_naming_it_and_why() {
    let cases = [
        (
            "person-fact-in-organization.toml",
            "zh",
            "错误：`birth_date`（出生日期）是个人的信息，但本档案描述的是单位：请删去这一项，或写明 subject = \"person\"\n --> tests/fixtures/check/person-fact-in-organization.toml:3:1\n  |\n3 | birth_date = 1990-07-01\n  | ^^^^^^^^^^\n",
        ),
        (
            "person-fact-in-organization.toml",
            "en",
            "error: `birth_date` describes a person, but this profile describes an organization: remove it, or write subject = \"person\"\n --> tests/fixtures/check/person-fact-in-organization.toml:3:1\n  |\n3 | birth_date = 1990-07-01\n  | ^^^^^^^^^^\n",
        ),
        (
            "organization-fact-in-person.json",
            "zh",
            "错误：`tech_transfer_volume`（本年度登记的技术交易额（元））是单位的信息，但本档案描述的是个人（未写 subject 时默认为个人）：请删去这一项，或写明 subject = \"organization\"\n --> tests/fixtures/check/organization-fact-in-person.json:3:3\n  |\n3 |   \"tech_transfer_volume\": \"5000\"\n  |   ^^^^^^^^^^^^^^^^^^^^^^\n",
        ),
        (
            "organization-fact-in-person.json",
            "en",
            "error: `tech_transfer_volume` describes an organization, but this profile describes a person (subject is \"person\" when not given): remove it, or write subject = \"organization\"\n --> tests/fixtures/check/organization-fact-in-person.json:3:3\n  |\n3 |   \"tech_transfer_volume\": \"5000\"\n  |   ^^^^^^^^^^^^^^^^^^^^^^\n",
        ),
    ];
    for (file, lang, expected) in cases {
        let path = format!("tests/fixtures/check/{file}");
        let out = caiju(
            &["--lang", lang, "check", &path, "--as-of", "2026-06-30"],
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert_eq!(stderr(&out), expected, "{file}");
        assert!(out.stdout.is_empty(), "{file}");
    }
}

#[test]
fn profile_errors_exact_text() {
    let cases = [
        (
            "unknown-field.toml",
            "error: unknown field `eduction`; did you mean `education`?\n --> tests/fixtures/check/unknown-field.toml:2:1\n  |\n2 | eduction = \"master\"\n  | ^^^^^^^^\n",
        ),
        (
            "unknown-field.json",
            "error: unknown field `birth_dat`; did you mean `birth_date`?\n --> tests/fixtures/check/unknown-field.json:3:3\n  |\n3 |   \"birth_dat\": \"1990-07-01\"\n  |   ^^^^^^^^^^^\n",
        ),
        (
            "bad-enum.toml",
            "error: invalid value for `education`: `doctor` is not an option (expected one of: phd (doctorate (PhD)), master (master's degree), bachelor (bachelor's degree), junior_college (junior college (dazhuan) diploma), none (none))\n --> tests/fixtures/check/bad-enum.toml:1:13\n  |\n1 | education = \"doctor\"\n  |             ^^^^^^^^\n",
        ),
        (
            "bad-date.toml",
            "error: invalid value for `graduation_date`: `2024-02-30` is not a calendar date in the years 0001–9999\n --> tests/fixtures/check/bad-date.toml:1:19\n  |\n1 | graduation_date = \"2024-02-30\"\n  |                   ^^^^^^^^^^^^\n",
        ),
        (
            "bad-id-check.toml",
            "error: invalid value for `id_number`: wrong check character: `350702199007011232` ends in `2`, but its digits give `1`\n --> tests/fixtures/check/bad-id-check.toml:1:13\n  |\n1 | id_number = \"350702199007011232\"\n  |             ^^^^^^^^^^^^^^^^^^^^\n",
        ),
        (
            "bad-id-date.toml",
            "error: invalid value for `id_number`: the birth date `19900230` inside `35070219900230123X` is not a calendar date\n --> tests/fixtures/check/bad-id-date.toml:1:13\n  |\n1 | id_number = \"35070219900230123X\"\n  |             ^^^^^^^^^^^^^^^^^^^^\n",
        ),
        (
            "id-disagrees.toml",
            "error: invalid `id_number`: it gives the birth date 1990-07-01, but `birth_date` is 1990-07-02\n --> tests/fixtures/check/id-disagrees.toml:2:13\n  |\n2 | id_number = \"350702199007011231\"\n  |             ^^^^^^^^^^^^^^^^^^^^\n",
        ),
    ];
    for (file, expected) in cases {
        let path = format!("tests/fixtures/check/{file}");
        let out = caiju(
            &["--lang", "en", "check", &path, "--as-of", "2026-06-30"],
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert_eq!(stderr(&out), expected, "{file}");
        assert!(out.stdout.is_empty(), "{file}");
    }
}

#[test]
fn policy_errors_exact_text() {
    let cases = [
        (
            "unknown-name.toml",
            "error: unknown name `max_agee`\n  --> tests/fixtures/policy/unknown-name.toml:45:16\n   |\n45 | when = \"age <= max_agee\"\n   |                ^^^^^^^^\n   = help: did you mean `max_age`?\n",
        ),
        (
            "type-error.toml",
            "error: `<=` cannot compare number with date\n  --> tests/fixtures/policy/type-error.toml:45:9\n   |\n45 | when = \"age <= birth_date\"\n   |         ^^^^^^^^^^^^^^^^^\n",
        ),
        (
            "bad-option.toml",
            "error: `masters` is not an option of enum `education` (options: phd, master)\n  --> tests/fixtures/policy/bad-option.toml:52:14\n   |\n52 |   { match = [\"masters\"], value = 1000 },\n   |              ^^^^^^^^^\n   = help: did you mean `master`?\n",
        ),
        (
            "bad-option-expr.toml",
            "error: `phdd` is not an option of enum `education` (options: phd, master)\n  --> tests/fixtures/policy/bad-option-expr.toml:45:41\n   |\n45 | when = \"age <= max_age and education == phdd\"\n   |                                         ^^^^\n   = help: did you mean `phd`?\n",
        ),
        (
            "syntax-error.toml",
            "error: expected a value, a name or `(`, found the end of the expression\n  --> tests/fixtures/policy/syntax-error.toml:45:27\n   |\n45 | when = \"age <= max_age and\"\n   |                           ^\n",
        ),
        (
            "float-amount.toml",
            "error: a TOML float is not exact; write the amount as a string, like \"1500.50\"\n  --> tests/fixtures/policy/float-amount.toml:52:33\n   |\n52 |   { match = [\"master\"], value = 1000.5 },\n   |                                 ^^^^^^\n",
        ),
        (
            "too-many-decimals.toml",
            "error: `amount_decimals` must be a whole number from 0 to 8 (2: to the fen)\n --> tests/fixtures/policy/too-many-decimals.toml:7:19\n  |\n7 | amount_decimals = 9\n  |                   ^\n",
        ),
        (
            "duplicate-measure.toml",
            "error: measure `test.grant` is declared twice (versions of a measure each need `effective_from` or `effective_until`)\n  --> tests/fixtures/policy/duplicate-measure.toml:55:6\n   |\n55 | id = \"test.grant\"\n   |      ^^^^^^^^^^^^\n",
        ),
    ];
    for (file, expected) in cases {
        let path = format!("tests/fixtures/policy/{file}");
        let out = caiju(
            &[
                "--lang",
                "en",
                "--policy",
                &path,
                "check",
                "-",
                "--as-of",
                "2026-06-30",
            ],
            Some(""),
        );
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert_eq!(stderr(&out), expected, "{file}");
    }
}

#[test]
fn amounts_are_rounded_to_the_decimals_the_policy_declares() {
    // The embedded policy pays to the fen, a half fen upwards: 2% of 1,000.25 = 20.005 → 20.01,
    // shown with two decimals in the table and as the exact decimal string in JSON.
    let profile = "subject = \"organization\"\ntech_transfer_institution = true\n\
                   org_location = \"nanping\"\ntech_transfer_volume = \"1000.25\"\n";
    let report = check_json(profile, "2026-06-30");
    assert_eq!(measure(&report, "sci.tech_transfer")["amount"], "20.01");
    assert_eq!(report["totals"]["organization"], "20.01");
    let out = caiju(&["check", "-", "--as-of", "2026-06-30"], Some(profile));
    assert!(stdout(&out).contains("申报单位 20.01"), "{}", stdout(&out));
    // A fraction of a yuan shows to the fen in the table: 2% of 1,025 = 20.5 → 20.50.
    let profile = profile.replace("1000.25", "1025");
    let out = caiju(&["check", "-", "--as-of", "2026-06-30"], Some(&profile));
    assert!(stdout(&out).contains("申报单位 20.50"), "{}", stdout(&out));
    assert_eq!(
        measure(&check_json(&profile, "2026-06-30"), "sci.tech_transfer")["amount"],
        "20.5"
    );
    // A policy paying whole yuan rounds 1,000.5 up to 1,001.
    let out = caiju(
        &[
            "--policy",
            "tests/fixtures/policy/whole-yuan.toml",
            "check",
            "-",
            "--format",
            "json",
            "--as-of",
            "2026-06-30",
        ],
        Some("education = \"master\"\nbirth_date = 1990-07-01\n"),
    );
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(measure(&report, "test.grant")["amount"], "1001");
}

#[test]
fn a_formula_amount_reads_as_a_sentence_of_labels_and_values() {
    let organization = "subject = \"organization\"\norg_type = \"enterprise\"\norg_location = \"nanping\"\n\
        tech_transfer_institution = true\ntech_transfer_volume = \"1234567.89\"\n\
        industry_education_pilot = true\nvocational_investment = 800000\neducation_surcharge_due = 180000\n\
        joined_government_recruitment_trip = true\nrecruitment_trip_costs = \"12600.5\"\n\
        rural_partner_project = true\npartner_loan_principal = 333333\npartner_benchmark_rate = \"4.35\"\n";
    let college = "subject = \"organization\"\norg_type = \"vocational_college\"\norg_location = \"fujian\"\n\
        joint_class_student_years = 10\n";
    let person = "returning_entrepreneur = true\nprovincial_startup_subsidy = 15000\n";
    let amount_line = |profile: &str, id: &str, lang: &str| -> String {
        let out = caiju(
            &[
                "--lang",
                lang,
                "check",
                "-",
                "--format",
                "json",
                "--as-of",
                "2026-06-30",
            ],
            Some(profile),
        );
        let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let prefix = if lang == "zh" {
            "金额："
        } else {
            "amount: "
        };
        measure(&report, id)["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r.as_str())
            .find(|r| r.starts_with(prefix))
            .unwrap_or_else(|| panic!("{id}: no amount line"))
            .to_string()
    };
    let cases = [
        (organization, "sci.tech_transfer",
         "金额：本年度登记的技术交易额（元） 1,234,567.89 × 2% 与 每家技术转移机构每年奖励上限（元） 1,000,000 中较小者 = 24,691.36（四舍五入到分）",
         "amount: the lesser of registered technology transaction amount this year (yuan) 1,234,567.89 × 2% and technology-transfer reward cap per institution per year (yuan) 1,000,000 = 24,691.36 (rounded half up to the fen)"),
        (organization, "rural.partner",
         "金额：合伙人项目生产经营贷款本金（元） 333,333 × 贷款基准利率（%） 4.35 ÷ 100 × 50% 与 合伙人项目每年贴息上限（元） 200,000 中较小者 = 7,249.99（四舍五入到分）",
         "amount: the lesser of partner project's production loan principal (yuan) 333,333 × benchmark lending rate (%) 4.35 ÷ 100 × 50% and partner project interest subsidy cap per year (yuan) 200,000 = 7,249.99 (rounded half up to the fen)"),
        (organization, "skill.industry_education",
         "金额：本年度职业院校办学投资额（元） 800,000 × 30% 与 本年度应缴教育费附加和地方教育附加（元） 180,000 中较小者 = 180,000",
         "amount: the lesser of investment in vocational schooling this year (yuan) 800,000 × 30% and education surcharges due this year (yuan) 180,000 = 180,000"),
        (organization, "youth.recruit_trip",
         "金额：赴市外招聘差旅费用（元） 12,600.50",
         "amount: travel costs of the recruitment trip (yuan) 12,600.50"),
        (college, "skill.joint_class_school",
         "金额：与南平重点产业企业联合举办的“2+1”专班学生人·年数 10 × “2+1”专班补贴（元/人·年） 3,200 = 32,000",
         "amount: student-years of “2+1” classes run with Nanping key-industry enterprises 10 × “2+1” class subsidy (yuan per student-year) 3,200 = 32,000"),
        (person, "rural.maker_match",
         "金额：已获省级一次性创业补贴（元） 15,000 × 乡村创客配套比例（市:省） 1 = 15,000",
         "amount: provincial one-time start-up subsidy received (yuan) 15,000 × rural maker match ratio (city : province) 1 = 15,000"),
    ];
    for (profile, id, zh, en) in cases {
        assert_eq!(amount_line(profile, id, "zh"), zh, "{id}");
        assert_eq!(amount_line(profile, id, "en"), en, "{id}");
    }
}

#[test]
fn json_totals_money_now_and_money_later_as_the_table_does() {
    // The employer subsidy is claimable from 2026-07-01: pending on 2025-08-01.
    let report = check_json(
        &std::fs::read_to_string("examples/graduate.toml").unwrap(),
        "2025-08-01",
    );
    assert_eq!(
        report["totals"],
        serde_json::json!({"individual": "71500", "employer": "0", "organization": "0"})
    );
    assert_eq!(
        report["pending_totals"],
        serde_json::json!({"individual": "0", "employer": "5000", "organization": "0"})
    );
    let out = caiju(
        &["check", "examples/graduate.toml", "--as-of", "2025-08-01"],
        None,
    );
    let table = stdout(&out);
    assert!(table.contains("合计：本人 71,500\n"), "{table}");
    assert!(table.contains("合计：用人单位 5,000\n"), "{table}");
}

#[test]
fn another_policy_file_replaces_the_embedded_one() {
    let out = caiju(
        &[
            "--policy",
            "tests/fixtures/policy/minimal.toml",
            "check",
            "-",
            "--format",
            "json",
            "--as-of",
            "2026-06-30",
        ],
        Some("education = \"phd\"\nbirth_date = 1990-07-01\n"),
    );
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["policy"]["id"], "test-policy");
    assert_eq!(measure(&report, "test.grant")["amount"], "2000");
    assert_eq!(report["totals"]["individual"], "2000");
}

#[test]
fn usage_errors_exit_2() {
    let out = caiju(&["--lang", "en", "check"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = caiju(
        &["--lang", "en", "check", "x.toml", "--as-of", "2026-13-01"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`2026-13-01` is not a calendar date"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_are_said_in_chinese_by_default() {
    let see_help = "\n\n用 --help 查看用法（帮助文字为英文）。\n";
    let cases: [(&[&str], &str); 5] = [
        (&["check"], "错误：缺少必需的参数：<PROFILE>"),
        (&["chek", "x.toml"], "错误：不认识的命令 `chek`；是否想写 `check`？"),
        (
            &["check", "x.toml", "--formt", "json"],
            "错误：不认识的参数 `--formt`；是否想写 `--format`？",
        ),
        (
            &["check", "x.toml", "--format", "yaml"],
            "错误：参数 --format <FORMAT> 的值 `yaml` 无效：可选 table, json",
        ),
        (
            &["check", "x.toml", "--as-of", "2026-13-01"],
            "错误：参数 --as-of <DATE> 的值 `2026-13-01` 无效：`2026-13-01` 不是 0001–9999 年间的有效日期",
        ),
    ];
    for (args, want) in cases {
        let mut all = vec!["--lang", "zh"];
        all.extend_from_slice(args);
        let out = caiju(&all, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out), format!("{want}{see_help}"), "{args:?}");
    }
}

#[test]
fn unreadable_profile_exits_1_naming_the_file() {
    let out = caiju(&["--lang", "en", "check", "no/such/profile.toml"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: no/such/profile.toml: cannot read:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn language_comes_from_the_environment() {
    let run = |var: &str, value: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_caiju"))
            .args(["check", "examples/graduate.toml", "--as-of", "2026-06-30"])
            .env_remove("LANG")
            .env_remove("CAIJU_LANG")
            .env(var, value)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run("CAIJU_LANG", "en").contains("[Money you get]"));
    assert!(run("LANG", "en_US.UTF-8").contains("[Money you get]"));
    assert!(run("LANG", "C.UTF-8").contains("【可领取的补贴】"));
}

#[test]
fn input_that_is_not_text_is_refused_clearly() {
    let out = common::caiju(&["--lang", "en", "check", "-"], Some(b"\xff\xfe"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: <stdin>: not UTF-8 text (invalid byte at offset 0)\n"
    );
}

#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    let deep = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let out = caiju(&["--lang", "en", "check", "-"], Some(&deep));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: recursion limit exceeded"),
        "{}",
        stderr(&out)
    );
    let deep_json = format!("{{\"a\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let out = caiju(&["--lang", "en", "check", "-"], Some(&deep_json));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("recursion limit exceeded"),
        "{}",
        stderr(&out)
    );
}

/// Where a test points a stream of the binary.
#[derive(Clone, Copy, Debug)]
enum Sink {
    /// `/dev/full`: every write fails with "no space left".
    Full,
    /// A pipe whose reader has gone, as when `head` has read enough.
    Closed,
}

impl Sink {
    fn stdio(self) -> std::process::Stdio {
        match self {
            Sink::Full => std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap()
                .into(),
            Sink::Closed => {
                // The write end of a pipe whose only reader has exited.
                let mut reader = Command::new(env!("CARGO_BIN_EXE_caiju"))
                    .arg("--version")
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .unwrap();
                let write_end = reader.stdin.take().unwrap();
                reader.wait().unwrap();
                write_end.into()
            }
        }
    }
}

/// `caiju ARGS` with standard output (`to_stderr` false) or standard error sent to `sink`.
fn caiju_into(args: &[&str], sink: Sink, to_stderr: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_caiju"));
    command
        .args(args)
        .env_remove("LANG")
        .env_remove("CAIJU_LANG")
        .stdin(std::process::Stdio::null());
    if to_stderr {
        command
            .stdout(std::process::Stdio::piped())
            .stderr(sink.stdio());
    } else {
        command
            .stdout(sink.stdio())
            .stderr(std::process::Stdio::piped());
    }
    command.output().unwrap()
}

const WRITING_COMMANDS: [&[&str]; 9] = [
    &["check", "examples/graduate.toml", "--as-of", "2026-06-30"],
    &["check", "examples/graduate.toml", "--format", "json"],
    &["measures"],
    &["explain", "sci.workstation", "examples/graduate.toml"],
    &["policy", "lint"],
    &["policy", "test", "tests/policy/youth.toml"],
    &["completions", "bash"],
    &["manpage"],
    &["--help"],
];

#[test]
fn a_full_disk_is_an_error_not_a_crash() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    for args in WRITING_COMMANDS {
        let out = caiju_into(args, Sink::Full, false);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert_eq!(
            stderr(&out),
            "错误：无法写入标准输出：磁盘空间已满（系统错误码 28）\n",
            "{args:?}"
        );
    }
    let out = caiju_into(&["--lang", "en", "measures"], Sink::Full, false);
    assert_eq!(
        stderr(&out),
        "error: cannot write to standard output: No space left on device (os error 28)\n"
    );
    // An error message that cannot be written still ends with the error's exit code.
    let out = caiju_into(&["check", "no/such/profile.toml"], Sink::Full, true);
    assert_eq!(out.status.code(), Some(1));
    let out = caiju_into(&["check"], Sink::Full, true);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in WRITING_COMMANDS {
        let out = caiju_into(args, Sink::Closed, false);
        assert_eq!(out.status.code(), Some(141), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    // Standard error closed while an error is reported: the error's exit code, nothing else.
    let out = caiju_into(&["check", "no/such/profile.toml"], Sink::Closed, true);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let out = caiju_into(
        &["check", "--as-of", "2026-13-01", "x.toml"],
        Sink::Closed,
        true,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_json_key_given_twice_is_refused() {
    let out = caiju(
        &[
            "--lang",
            "en",
            "check",
            "tests/fixtures/check/duplicate-key.json",
            "--as-of",
            "2026-06-30",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: duplicate key `education` (first given at line 2, column 3)\n --> tests/fixtures/check/duplicate-key.json:4:3\n  |\n4 |   \"education\": \"none\"\n  |   ^^^^^^^^^^^\n"
    );
    assert!(out.stdout.is_empty());
    // Keys with the same text written differently, and duplicates inside a value, count too.
    let out = caiju(
        &["--lang", "en", "check", "-"],
        Some("{\"name\": {\"a\": 1}, \"education\": \"phd\", \"educ\\u0061tion\": \"none\"}"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: duplicate key `education` (first given at line 1, column 20)\n --> <stdin>:1:40\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let plain = "{\"education\": \"phd\", \"birth_date\": \"1990-07-01\"}";
    let args = ["check", "-", "--format", "json", "--as-of", "2026-06-30"];
    let expected = caiju(&args, Some(plain));
    assert_eq!(expected.status.code(), Some(0), "{}", stderr(&expected));
    for text in [
        format!("\u{feff}{plain}"),
        "\u{feff}education = \"phd\"\nbirth_date = 1990-07-01\n".to_string(),
    ] {
        let out = caiju(&args, Some(&text));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout(&out), stdout(&expected));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.json");
    std::fs::write(&path, format!("\u{feff}{plain}")).unwrap();
    let out = caiju(
        &[
            "check",
            path.to_str().unwrap(),
            "--format",
            "json",
            "--as-of",
            "2026-06-30",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), stdout(&expected));
}

#[test]
fn errors_echo_only_an_excerpt_of_the_input() {
    // A 10 MB value: 64 characters of it in the message, a window of the line under it (JSON
    // positions point at the key).
    let value = "x".repeat(10_000_000);
    let out = caiju(
        &["--lang", "en", "check", "-"],
        Some(&format!("{{\"education\": \"{value}\"}}")),
    );
    assert_eq!(out.status.code(), Some(1));
    let x64 = "x".repeat(64);
    let x84 = "x".repeat(84);
    assert_eq!(
        stderr(&out),
        format!(
            "error: invalid value for `education`: `{x64}…` is not an option (expected one of: phd (doctorate (PhD)), master (master's degree), bachelor (bachelor's degree), junior_college (junior college (dazhuan) diploma), none (none))\n --> <stdin>:1:2\n  |\n1 | {{\"education\": \"{x84}…\n  |  ^^^^^^^^^^^\n"
        )
    );
    // The same in TOML, where the caret is under the value, and as an unknown field's name.
    let out = caiju(
        &["--lang", "en", "check", "-"],
        Some(&format!("education = \"{value}\"\n")),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).len() < 1000, "{}", stderr(&out).len());
    let out = caiju(
        &["--lang", "en", "check", "-"],
        Some(&format!("{value} = 1\n")),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: unknown field `{x64}…`\n --> <stdin>:1:1\n  |\n1 | {}…\n  | {}\n",
            "x".repeat(99),
            "^".repeat(99)
        )
    );
    // Deep nesting: the parser's message, and a short window of the 200 KB line.
    let deep_json = format!("{{\"a\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let out = caiju(&["--lang", "en", "check", "-"], Some(&deep_json));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).len() < 400, "{}", stderr(&out));
}

#[test]
fn a_profile_larger_than_16_mib_is_refused() {
    let text = format!("name = \"{}\"\n", "x".repeat(16 * 1024 * 1024));
    let out = caiju(&["--lang", "en", "check", "-"], Some(&text));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: <stdin>: larger than 16 MiB\n");
}

#[test]
fn a_profile_stops_after_20_mistakes() {
    let toml: String = (0..100_000).map(|i| format!("k{i} = 1\n")).collect();
    let json = format!(
        "{{{}}}",
        (0..100_000)
            .map(|i| format!("\"k{i}\": 1"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for text in [toml, json] {
        let out = caiju(&["--lang", "en", "check", "-"], Some(&text));
        assert_eq!(out.status.code(), Some(1));
        let stderr = stderr(&out);
        assert_eq!(
            stderr.matches("error: unknown field").count(),
            20,
            "{stderr}"
        );
        assert!(
            stderr.ends_with("\nerror: <stdin>: stopped after 20 mistakes; there may be more\n"),
            "{stderr}"
        );
    }
}

#[test]
fn every_measure_names_the_offices_that_handle_it() {
    let report = check_json("education = \"master\"\n", "2026-06-30");
    for m in report["measures"].as_array().unwrap() {
        let d = &m["departments"];
        assert!(!d["lead"].as_array().unwrap().is_empty(), "{m:#}");
        assert!(d["responsible"].is_array(), "{m:#}");
    }
    let housing = &measure(&report, "youth.housing")["departments"];
    assert_eq!(housing["lead"], serde_json::json!(["市人社局"]));
    assert_eq!(
        housing["responsible"],
        serde_json::json!(["市工信局", "市财政局", "各县（市、区）"])
    );
    assert_eq!(housing["payer"], Value::Null);
    let org = check_json("subject = \"organization\"\n", "2026-06-30");
    let transfer = &measure(&org, "sci.tech_transfer")["departments"];
    assert_eq!(transfer["payer"], "受益地财政");
}

#[test]
fn the_table_names_the_offices_under_each_group_and_who_pays() {
    let profile = "subject = \"organization\"\ntech_transfer_institution = true\norg_location = \"nanping\"\ntech_transfer_volume = 10000000\n";
    let out = caiju(
        &["check", "-", "--as-of", "2026-06-30", "--lang", "en"],
        Some(profile),
    );
    assert!(
        stdout(&out).contains("Handled by: technology-transfer institution reward — lead: Municipal Science and Technology Bureau, Municipal Association for Science and Technology, Municipal Human Resources and Social Security Bureau; responsible: Organization Department of the CPC Nanping Municipal Committee, Municipal Finance Bureau, every county, county-level city and district; paid by the finance of the county or district that benefits\n"),
        "{}",
        stdout(&out)
    );
    let out = caiju(&["check", "-", "--as-of", "2026-06-30"], Some(profile));
    assert!(
        stdout(&out).contains("经办：技术转移机构奖励 — 牵头单位 市科技局、市科协、市人社局；责任单位 市委组织部、市财政局、各县（市、区）；由受益地财政支出\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_measure_waiting_for_facts_shows_the_amounts_it_can_still_reach() {
    let profile =
        "education = \"master\"\nemployer_type = \"enterprise\"\nemployer_in_nanping = true\n";
    let report = check_json(profile, "2026-06-30");
    let housing = measure(&report, "youth.housing");
    assert_eq!(housing["status"], "needs_info");
    assert_eq!(housing["amount"], "70000");
    assert_eq!(housing["amount_max"], "100000");
    // The education is known, so only one row of the hiring subsidy remains.
    let hiring = measure(&report, "youth.employer_subsidy");
    assert_eq!(hiring["amount"], "5000");
    assert_eq!(hiring["amount_max"], Value::Null);
    let out = caiju(&["check", "-", "--as-of", "2026-06-30"], Some(profile));
    assert!(
        stdout(&out).contains("┆ 70,000–100,000 ┆"),
        "{}",
        stdout(&out)
    );
    // Nothing known about the trip: any of the three classes.
    let travel = check_json(
        "education = \"master\"\ninvited_to_recruitment_event = true\n",
        "2026-06-30",
    );
    let travel = measure(&travel, "youth.travel");
    assert_eq!(
        (travel["amount"].as_str(), travel["amount_max"].as_str()),
        (Some("500"), Some("1500")),
        "{travel:#}"
    );
    // A formula capped by a parameter reaches up to the cap; the unknown volume gives no floor.
    let org = check_json(
        "subject = \"organization\"\ntech_transfer_institution = true\norg_location = \"nanping\"\n",
        "2026-06-30",
    );
    let transfer = measure(&org, "sci.tech_transfer");
    assert_eq!(transfer["amount"], Value::Null);
    assert_eq!(transfer["amount_max"], "1000000");
}

#[test]
fn the_table_ends_saying_what_was_left_out_and_how_to_see_it() {
    let out = caiju(
        &["check", "examples/partial.toml", "--as-of", "2026-06-30"],
        None,
    );
    assert!(
        stdout(&out).ends_with("\n另有 27 项措施不适用；加 --all 查看原因。\n"),
        "{}",
        stdout(&out)
    );
    let all = [
        "check",
        "examples/partial.toml",
        "--as-of",
        "2026-06-30",
        "--all",
        "--lang",
        "en",
    ];
    let out = caiju(&all, None);
    let text = stdout(&out);
    assert!(
        !text.contains("“open competition” major research projects"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "\n13 measures for organisations are not listed; add --all --subject any to see them too.\n"
        ),
        "{text}"
    );
    let out = caiju(&[&all[..], &["--subject", "any"]].concat(), None);
    let text = stdout(&out);
    assert!(
        text.contains("“open competition” major research projects"),
        "{text}"
    );
    assert!(!text.contains("not listed"), "{text}");
}

#[test]
fn a_measure_naming_an_unknown_office_is_a_policy_error_at_its_position() {
    let policy = std::fs::read_to_string("policies.toml").unwrap();
    let bad = policy.replacen("lead = [\"hrss\"]", "lead = [\"hrs\"]", 1);
    let line = bad[..bad.find("lead = [\"hrs\"]").unwrap()].lines().count();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, &bad).unwrap();
    let out = caiju(
        &["--lang", "en", "policy", "lint", path.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "error: unknown office `hrs`: offices are declared under `[offices.*]`\n    --> {}:{line}:",
            path.display()
        )),
        "{text}"
    );
    assert!(text.contains("= help: did you mean `hrss`?"), "{text}");
    let bad = policy.replacen("lead = [\"hrss\"]", "lead = [\"hrss\"], pays = \"x\"", 1);
    std::fs::write(&path, &bad).unwrap();
    let out = caiju(
        &["--lang", "en", "policy", "lint", path.to_str().unwrap()],
        None,
    );
    assert!(
        stdout(&out).starts_with(
            "error: unknown field `pays`, expected one of `lead`, `responsible`, `payer`\n"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_trip_may_start_from_a_named_province_or_city() {
    let profile = |origin: &str| {
        format!("education = \"master\"\ninvited_to_recruitment_event = true\ntravel_origin = \"{origin}\"\n")
    };
    for (origin, amount) in [
        ("湖南长沙", "1000"),
        ("长沙", "1000"),
        ("湖南", "1000"),
        ("Xi'an", "1500"),
        ("西安", "1500"),
        ("福建厦门", "500"),
    ] {
        let report = check_json(&profile(origin), "2026-06-30");
        let travel = measure(&report, "youth.travel");
        assert_eq!(travel["status"], "eligible", "{origin}");
        assert_eq!(travel["amount"], amount, "{origin}");
    }
    // A city on both banks is not guessed: the measure waits for the bank, and says why.
    let report = check_json(&profile("武汉"), "2026-06-30");
    let travel = measure(&report, "youth.travel");
    assert_eq!(travel["status"], "needs_info");
    assert_eq!(travel["missing"], serde_json::json!(["travel_origin"]));
    // The amount it can still reach is that of the two banks, not of every starting place.
    assert_eq!(travel["amount"], "1000");
    assert_eq!(travel["amount_max"], "1500");
    let out = caiju(
        &["check", "-", "--as-of", "2026-06-30"],
        Some(&profile("武汉")),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("1,000–1,500"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("出发地“武汉”无法判断：武汉（湖北）城区跨长江两岸；请填写长江以南（福建省除外）或长江以北"),
        "{}",
        stdout(&out)
    );
    let out = caiju(
        &[
            "check",
            "-",
            "--as-of",
            "2026-06-30",
            "--format",
            "json",
            "--lang",
            "en",
        ],
        Some(&profile("湖北")),
    );
    assert!(
        stdout(&out).contains("\"where the trip starts “湖北” cannot be told: the Yangtze divides Hubei: name the city, or say which bank; give south_yangtze (south of the Yangtze, outside Fujian) or north_yangtze (north of the Yangtze)\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn amounts_too_large_to_add_up_are_an_error_naming_the_measure() {
    let profile = "tests/fixtures/overflow/profile.toml";
    let max = "79228162514264337593543950335";
    let expected = format!(
        "error: measure `rural.return_startup`: adding its amount (10000) makes the individual total larger than the largest amount that can be held ({max})\n"
    );
    for args in [
        vec![
            "--lang",
            "en",
            "check",
            profile,
            "--format",
            "json",
            "--as-of",
            "2026-06-30",
        ],
        vec!["--lang", "en", "check", profile, "--as-of", "2026-06-30"],
        vec![
            "--lang",
            "en",
            "ask",
            "--from",
            profile,
            "--format",
            "json",
            "--as-of",
            "2026-06-30",
        ],
    ] {
        let out = caiju(&args, Some(""));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&out), expected, "{args:?}");
    }
    let out = caiju(
        &[
            "--lang",
            "en",
            "check",
            "tests/fixtures/overflow/master.toml",
            "--overlay",
            "tests/fixtures/overflow/top-up.toml",
            "--as-of",
            "2026-06-30",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    // The failing expression is named by its position: the master's row the profile matches.
    let policy = std::fs::read_to_string("policies.toml").unwrap();
    let row = "when = \"not talent_program_2020\", value = \"housing_master\"";
    let (line, text) = policy
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(row))
        .unwrap();
    let col = text.find("housing_master\"").unwrap() + 1;
    assert_eq!(
        stderr(&out),
        format!(
            "error: measure `youth.housing`: number out of range (at policies.toml:{}:{col})\n",
            line + 1
        )
    );
}

#[test]
fn year_zero_is_not_a_date_in_a_profile() {
    for profile in ["birth_date = 0000-03-01\n", "birth_date = \"0000-03-01\"\n"] {
        let out = caiju(&["--lang", "en", "check", "-"], Some(profile));
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).starts_with(
                "error: invalid value for `birth_date`: `0000-03-01` is not a calendar date in the years 0001–9999\n"
            ),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_number_outside_its_declared_range_is_refused() {
    let out = caiju(
        &[
            "--lang",
            "en",
            "check",
            "tests/fixtures/check/negative-money.toml",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: invalid value for `education_surcharge_due`: -50000 is below the smallest value allowed (0)\n --> tests/fixtures/check/negative-money.toml:5:27\n  |\n5 | education_surcharge_due = -50000\n  |                           ^^^^^^\n"
    );
    let out = caiju(
        &["--lang", "en", "check", "-"],
        Some("contract_years = -3\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "error: invalid value for `contract_years`: -3 is below the smallest value allowed (0)\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn dates_that_contradict_each_other_are_an_error_naming_both() {
    let cases = [
        (
            "birth_date = 2020-01-01\neducation = \"master\"\ncontract_start = 2019-07-01\n",
            "error: `contract_start` (2019-07-01) is before `birth_date` (2020-01-01): one of the two dates is wrong\n",
        ),
        (
            "birth_date = 1998-01-01\ngraduation_date = 1997-06-30\n",
            "error: `graduation_date` (1997-06-30) is before `birth_date` (1998-01-01): one of the two dates is wrong\n",
        ),
        (
            "id_number = \"35070220300101123X\"\n",
            "error: `birth_date` (2030-01-01) is after the date of the evaluation (2026-06-30): one of the two dates is wrong\n",
        ),
    ];
    for (profile, expected) in cases {
        let out = caiju(
            &[
                "--lang",
                "en",
                "check",
                "-",
                "--format",
                "json",
                "--as-of",
                "2026-06-30",
            ],
            Some(profile),
        );
        assert_eq!(out.status.code(), Some(1), "{profile}");
        assert_eq!(stderr(&out), expected, "{profile}");
    }
}

/// The same errors in Chinese, the default language: the field also by its Chinese label, the
/// place and the caret as in English.
#[test]
fn profile_errors_exact_text_in_chinese() {
    let cases = [
        (
            "unknown-field.toml",
            "错误：未知字段 `eduction`；是否想写 `education`？\n --> tests/fixtures/check/unknown-field.toml:2:1\n  |\n2 | eduction = \"master\"\n  | ^^^^^^^^\n",
        ),
        (
            "bad-enum.toml",
            "错误：`education`（最高全日制学历）的值无效：`doctor` 不是可选项（可选：phd（博士）、master（硕士）、bachelor（本科）、junior_college（大专）、none（无））\n --> tests/fixtures/check/bad-enum.toml:1:13\n  |\n1 | education = \"doctor\"\n  |             ^^^^^^^^\n",
        ),
        (
            "bad-date.toml",
            "错误：`graduation_date`（毕业日期）的值无效：`2024-02-30` 不是 0001–9999 年间的有效日期\n --> tests/fixtures/check/bad-date.toml:1:19\n  |\n1 | graduation_date = \"2024-02-30\"\n  |                   ^^^^^^^^^^^^\n",
        ),
        (
            "bad-id-date.toml",
            "错误：`id_number`（身份证号码）的值无效：`35070219900230123X` 中的出生日期 `19900230` 不是有效日期\n --> tests/fixtures/check/bad-id-date.toml:1:13\n  |\n1 | id_number = \"35070219900230123X\"\n  |             ^^^^^^^^^^^^^^^^^^^^\n",
        ),
    ];
    for (file, expected) in cases {
        let path = format!("tests/fixtures/check/{file}");
        let out = caiju(&["check", &path, "--as-of", "2026-06-30"], None);
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert_eq!(stderr(&out), expected, "{file}");
    }
}

#[test]
fn policy_errors_exact_text_in_chinese() {
    let cases = [
        (
            "unknown-name.toml",
            "错误：未知名称 `max_agee`\n  --> tests/fixtures/policy/unknown-name.toml:45:16\n   |\n45 | when = \"age <= max_agee\"\n   |                ^^^^^^^^\n   = 提示：是否想写 `max_age`？\n",
        ),
        (
            "type-error.toml",
            "错误：`<=` 不能比较数字（number）与日期（date）\n  --> tests/fixtures/policy/type-error.toml:45:9\n   |\n45 | when = \"age <= birth_date\"\n   |         ^^^^^^^^^^^^^^^^^\n",
        ),
    ];
    for (file, expected) in cases {
        let path = format!("tests/fixtures/policy/{file}");
        let out = caiju(
            &["--policy", &path, "check", "-", "--as-of", "2026-06-30"],
            Some(""),
        );
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert_eq!(stderr(&out), expected, "{file}");
    }
}

#[test]
fn dates_that_contradict_each_other_in_chinese() {
    let cases = [
        (
            "birth_date = 2020-01-01\neducation = \"master\"\ncontract_start = 2019-07-01\n",
            "错误：`contract_start`（劳动合同起始日期） = 2019-07-01，早于`birth_date`（出生日期） = 2020-01-01：两个日期必有一个有误\n",
        ),
        (
            "id_number = \"35070220300101123X\"\n",
            "错误：`birth_date`（出生日期） = 2030-01-01，晚于评估日期 = 2026-06-30：两个日期必有一个有误\n",
        ),
    ];
    for (profile, expected) in cases {
        let out = caiju(&["check", "-", "--as-of", "2026-06-30"], Some(profile));
        assert_eq!(out.status.code(), Some(1), "{profile}");
        assert_eq!(stderr(&out), expected, "{profile}");
    }
}

/// `--lang` decides the language of errors too, before anything is read; a value that clap
/// refuses is explained in it as well.
#[test]
fn errors_follow_the_language_asked_for() {
    let out = caiju(&["--lang", "en", "check", "no/such/profile.toml"], None);
    assert!(
        stderr(&out).starts_with("error: no/such/profile.toml: cannot read: "),
        "{}",
        stderr(&out)
    );
    let out = caiju(&["check", "no/such/profile.toml"], None);
    assert_eq!(
        stderr(&out),
        "错误：no/such/profile.toml：无法读取：文件或文件夹不存在\n"
    );
    let out = caiju(&["check", "x.toml", "--as-of", "2026-13-01"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`2026-13-01` 不是 0001–9999 年间的有效日期"),
        "{}",
        stderr(&out)
    );
    let out = caiju(&["explain", "youth.housin", "--lang", "en"], None);
    assert_eq!(
        stderr(&out),
        "error: unknown measure `youth.housin` (`caiju measures` lists them)\n  = help: did you mean `youth.housing`?\n"
    );
}
