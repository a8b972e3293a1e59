//! `caiju batch` through the binary: agreement with `check`, encodings, spreadsheets, bad rows, output safety, totals.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failing test

mod common;

use common::{caiju, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

const AS_OF: &str = "2026-06-30";
const HIRES: &str = "tests/fixtures/batch/hires.csv";
const BAD_ROWS: &str = "tests/fixtures/batch/bad-rows.csv";
/// The measures the whole-output snapshots keep to, so that they follow the hiring subsidies only.
const YOUTH: [&str; 6] = [
    "--measure",
    "youth.housing",
    "--measure",
    "youth.employer_subsidy",
    "--measure",
    "youth.travel",
];

/// `caiju batch INPUT --as-of … --lang en` with more arguments.
fn batch(input: &str, more: &[&str]) -> Output {
    let mut args = vec!["batch", input, "--as-of", AS_OF, "--lang", "en"];
    args.extend_from_slice(more);
    caiju(&args, None)
}

fn jsonl(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// A fresh folder for files a test writes.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write_file(folder: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn every_row_agrees_with_check_on_the_same_profile() {
    let out = batch(HIRES, &["--format", "jsonl", "--all"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = jsonl(&out);
    assert_eq!(rows.len(), 6);
    for row in rows {
        let number = row["row"].as_u64().unwrap();
        let profile = format!("tests/fixtures/batch/profiles/row-{number}.toml");
        let checked = caiju(
            &[
                "check", &profile, "--format", "json", "--all", "--as-of", AS_OF, "--lang", "en",
            ],
            None,
        );
        assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
        let checked: Value = serde_json::from_str(&stdout(&checked)).unwrap();
        assert_eq!(row["error"], Value::Null);
        assert_eq!(row["measures"], checked["measures"], "row {number}");
        assert_eq!(row["totals"], checked["totals"], "row {number}");
        assert_eq!(row["name"], checked["name"], "row {number}");
    }
}

#[test]
fn csv_output_for_an_intake_with_chinese_titles_and_lenient_cells() {
    let mut args = vec!["--format", "csv"];
    args.extend(YOUTH);
    let out = batch(HIRES, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("hires_csv", stdout(&out));
}

#[test]
fn table_output_in_both_languages() {
    for lang in ["zh", "en"] {
        let mut args = vec![
            "batch", HIRES, "--as-of", AS_OF, "--lang", lang, "--format", "table",
        ];
        args.extend(YOUTH);
        let out = caiju(&args, None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        insta::assert_snapshot!(format!("hires_table_{lang}"), stdout(&out));
        insta::assert_snapshot!(format!("hires_summary_{lang}"), stderr(&out));
    }
}

#[test]
fn summary_totals_to_the_yuan() {
    let folder = scratch();
    let summary = folder.path().join("summary.json");
    let out = batch(HIRES, &["--summary", summary.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary: Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(
        summary["rows"],
        serde_json::json!({"read": 6, "evaluated": 6, "blank": 0, "with_errors": 0, "above_header": 0, "notes": 0})
    );
    assert_eq!(summary["error_rows"], serde_json::json!([]));
    // 70,000 + 200,000 + 20,000 + 20,000 housing; 1,500 + 500 travel.
    assert_eq!(
        summary["totals"],
        serde_json::json!({"individual": "312000", "employer": "10000", "organization": "0"})
    );
    // Master's hire from 2024-07-01 (5,000) and bachelor's from 2025-03-01 (1,000) are claimable later.
    assert_eq!(
        summary["pending_totals"],
        serde_json::json!({"individual": "0", "employer": "6000", "organization": "0"})
    );
    let housing = summary["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "youth.housing")
        .unwrap();
    assert_eq!(housing["amount"], "310000");
    assert_eq!(housing["counts"]["eligible"], 4);
    assert_eq!(housing["counts"]["needs_info"], 1);
    assert_eq!(housing["counts"]["not_eligible"], 1);

    // The grand totals are the sums of what `check` gives for each hire.
    let mut individual = 0;
    for number in 2..=7 {
        let profile = format!("tests/fixtures/batch/profiles/row-{number}.toml");
        let checked = caiju(
            &[
                "check", &profile, "--format", "json", "--as-of", AS_OF, "--lang", "en",
            ],
            None,
        );
        let checked: Value = serde_json::from_str(&stdout(&checked)).unwrap();
        individual += checked["totals"]["individual"]
            .as_str()
            .unwrap()
            .parse::<i64>()
            .unwrap();
    }
    assert_eq!(individual.to_string(), summary["totals"]["individual"]);
    assert!(stderr(&out).contains("total eligible: individuals 312,000; employers 10,000"));
}

#[test]
fn gbk_and_bom_inputs_read_as_the_utf8_original() {
    let original = std::fs::read(HIRES).unwrap();
    let text = String::from_utf8(original.clone()).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let folder = scratch();
    let gbk = write_file(folder.path(), "hires-gbk.csv", &gbk);
    let bom = write_file(
        folder.path(),
        "hires-bom.csv",
        &[b"\xEF\xBB\xBF", &original[..]].concat(),
    );
    let want = batch(HIRES, &["--format", "jsonl"]);
    for (path, encoding) in [
        (&gbk, "auto"),
        (&gbk, "gbk"),
        (&bom, "auto"),
        (&bom, "utf-8"),
    ] {
        let out = batch(
            path.to_str().unwrap(),
            &["--format", "jsonl", "--encoding", encoding],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(
            stdout(&out),
            stdout(&want),
            "{} as {encoding}",
            path.display()
        );
    }
}

#[test]
fn gbk_read_as_utf8_is_a_row_error_not_a_crash() {
    let text = "姓名,学历\n张三,硕士\n李四,博士\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    // A UTF-8 header, then GBK rows: as if two files were pasted together.
    let rows = &gbk[gbk.iter().position(|&b| b == b'\n').unwrap() + 1..];
    let mixed = [&b"name,education\n"[..], rows].concat();
    let out = caiju(
        &[
            "batch",
            "-",
            "--as-of",
            AS_OF,
            "--lang",
            "en",
            "--encoding",
            "utf-8",
            "--format",
            "csv",
        ],
        Some(&mixed),
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(
        "\n2,,,,,,,,,\"row 2: the text is not valid UTF-8 (save the file as CSV UTF-8, or pass --encoding gbk)\"\n"
    ));
    assert!(text.contains("\n3,,,,,,,,,\"row 3: the text is not valid UTF-8"));
}

/// Writes `hires.csv` as a workbook the way Excel holds it: dates as dates, small numbers as numbers.
fn hires_as_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("新员工").unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(HIRES)
        .unwrap();
    for (row, record) in reader.records().enumerate() {
        for (column, cell) in record.unwrap().iter().enumerate() {
            let (row, column) = (row as u32, column as u16);
            let iso = jiff::civil::Date::strptime("%Y-%m-%d", cell).ok();
            let slashed = jiff::civil::Date::strptime("%Y/%m/%d", cell).ok();
            if let Some(date) = iso.or(slashed) {
                let date = rust_xlsxwriter::ExcelDateTime::from_ymd(
                    date.year() as u16,
                    date.month() as u8,
                    date.day() as u8,
                )
                .unwrap();
                sheet
                    .write_datetime_with_format(row, column, &date, &date_format)
                    .unwrap();
            } else if let Ok(n) = cell.parse::<u8>() {
                sheet.write_number(row, column, n).unwrap();
            } else {
                sheet.write_string(row, column, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_intake_gives_the_same_results_as_its_csv() {
    let folder = scratch();
    let xlsx = folder.path().join("hires.xlsx");
    hires_as_xlsx(&xlsx);
    let want = batch(HIRES, &["--format", "csv", "--all"]);
    for sheet in [None, Some("新员工")] {
        let mut args = vec!["--format", "csv", "--all"];
        if let Some(name) = sheet {
            args.extend(["--sheet", name]);
        }
        let out = batch(xlsx.to_str().unwrap(), &args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout(&out), stdout(&want));
    }
    let out = batch(xlsx.to_str().unwrap(), &["--sheet", "新员"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out)
        .contains("no sheet named `新员` (the sheets are: 新员工); did you mean `新员工`?"));
}

#[test]
fn bad_rows_are_reported_and_the_others_still_evaluated() {
    let out = batch(BAD_ROWS, &["--format", "csv", "--measure", "youth.housing"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    insta::assert_snapshot!("bad_rows_csv", stdout(&out));
    let text = stdout(&out);
    let error_of = |row: &str| {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        reader
            .records()
            .map(Result::unwrap)
            .find(|r| &r[0] == row)
            .map(|r| r[9].to_string())
            .unwrap()
    };
    assert_eq!(
        error_of("3"),
        "row 3: column 2 `学历` (education): `研究生` is not an option (expected one of: \
         phd (doctorate (PhD)), master (master's degree), bachelor (bachelor's degree), \
         junior_college (junior college (dazhuan) diploma), none (none))"
    );
    assert_eq!(
        error_of("4"),
        "row 4: column 3 `出生日期` (birth_date): `1999-02-30` is not a calendar date in the years 0001–9999"
    );
    assert_eq!(
        error_of("5"),
        "row 5: column 4 `身份证号码` (id_number): wrong check character: \
         `350702199805121233` ends in `3`, but its digits give `2`"
    );
    assert_eq!(
        error_of("6"),
        "row 6: 5 cells, but the header has 6 columns"
    );
    assert_eq!(
        error_of("8"),
        "row 8: column 4 `身份证号码` (id_number): invalid `id_number`: \
         it gives the birth date 1998-05-12, but `birth_date` is 1998-05-13"
    );
    // The good rows around them were evaluated.
    assert!(text.contains("\n2,好人甲,,youth.housing,"));
    assert!(text.contains("\n7,好人乙,,youth.housing,"));
    assert!(stderr(&out).contains("7 rows read, 2 evaluated, 5 with errors (rows 3, 4, 5, 6, 8)"));
}

#[test]
fn bad_rows_in_json_lines_and_the_summary() {
    let folder = scratch();
    let summary = folder.path().join("summary.json");
    let out = batch(
        BAD_ROWS,
        &["--format", "jsonl", "--summary", summary.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let rows = jsonl(&out);
    let numbers: Vec<u64> = rows.iter().map(|r| r["row"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(rows[1]["name"], "坏学历");
    assert_eq!(rows[1]["measures"], serde_json::json!([]));
    assert_eq!(rows[1]["totals"], Value::Null);
    assert!(rows[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("row 3: column 2 `学历`"));
    assert_eq!(rows[0]["error"], Value::Null);
    let summary: Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(summary["error_rows"], serde_json::json!([3, 4, 5, 6, 8]));
    assert_eq!(summary["rows"]["evaluated"], 2);
}

#[test]
fn formulas_in_cells_are_neutralised() {
    let out = batch(
        "tests/fixtures/batch/formulas.csv",
        &["--format", "csv", "--measure", "eco.hukou"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(
        "\n2,\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点击\"\")\",'+8613800000000,eco.hukou,"
    ));
    assert!(text.contains("\n3,'-1,'@SUM(A1),eco.hukou,"));
    // The column the policy does not know is named once, and ignored.
    assert_eq!(
        stderr(&out).lines().next().unwrap(),
        "warning: column 4 `备注` is not a field of the policy and is ignored"
    );
}

#[test]
fn a_column_of_an_organization_fact_is_named_and_ignored_as_every_row_is_a_person() {
    let input = "学历,受邀参加招聘活动,出发地,本年度登记的技术交易额（元）\n硕士,是,西安,5000\n";
    for (lang, warning) in [
        ("zh", "警告：第 4 列“本年度登记的技术交易额（元）”（tech_transfer_volume）是单位的信息，而每一行都是一个人：此列不读取"),
        ("en", "warning: column 4 `本年度登记的技术交易额（元）` (tech_transfer_volume) describes an organization, but every row is a person: the column is ignored"),
    ] {
        let out = caiju(
            &["--lang", lang, "batch", "-", "--format", "csv", "--measure", "youth.travel", "--as-of", AS_OF],
            Some(input.as_bytes()),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stderr(&out).lines().next(), Some(warning), "{lang}");
        assert_eq!(
            stdout(&out),
            "row,name,id,measure,status,amount,available_from,beneficiary,missing,error\n\
             2,,,youth.travel,eligible,1500,,individual,,\n"
        );
    }
}

#[test]
fn standard_input_blank_rows_and_rows_with_nothing_that_applies() {
    // Line 2 is empty, line 3 has only empty cells; the cell on lines 5–6 is one spreadsheet row.
    let input = "name,education,employer_type\n\n,,\n陈,phd,government\n\"王\n小明\",phd,government\n李,phd,government\n";
    let out = caiju(
        &[
            "batch",
            "-",
            "--as-of",
            AS_OF,
            "--lang",
            "en",
            "--format",
            "csv",
            "--measure",
            "youth.housing",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Every evaluated row gets a line, though no listed measure applies to it.
    assert_eq!(
        stdout(&out),
        "row,name,id,measure,status,amount,available_from,beneficiary,missing,error\n\
         4,陈,,,,,,,,\n\
         5,\"王\n小明\",,,,,,,,\n\
         6,李,,,,,,,,\n"
    );
    assert!(stderr(&out).starts_with("summary: 5 rows read, 3 evaluated, 2 blank skipped\n"));
}

#[test]
fn output_file_is_replaced_whole_and_in_the_format_its_name_asks_for() {
    let folder = scratch();
    let target = folder.path().join("results.csv");
    std::fs::write(&target, "old contents").unwrap();
    let out = batch(BAD_ROWS, &["--output", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let piped = batch(BAD_ROWS, &["--format", "csv"]);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), stdout(&piped));
    let left: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind");

    let jsonl_target = folder.path().join("results.jsonl");
    let out = batch(HIRES, &["--output", jsonl_target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first = std::fs::read_to_string(&jsonl_target).unwrap();
    assert!(first.starts_with("{\"row\":2,\"name\":\"王晓明\",\"id\":\"A001\",\"error\":null,"));
}

/// A named pipe (like `/dev/null`, or a shell's `>(…)`) is written to, not replaced by a file.
#[cfg(unix)]
#[test]
fn output_to_a_pipe_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let folder = scratch();
    let pipe = folder.path().join("results.fifo");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo works");
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap())
    };
    let out = batch(
        HIRES,
        &["--format", "csv", "--output", pipe.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let kind = std::fs::metadata(&pipe).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe is still a pipe");
    let piped = batch(HIRES, &["--format", "csv"]);
    assert_eq!(reader.join().unwrap(), stdout(&piped));
}

#[test]
fn a_failed_run_leaves_the_old_output_in_place() {
    let folder = scratch();
    let target = folder.path().join("results.csv");
    std::fs::write(&target, "old contents").unwrap();
    let empty = write_file(folder.path(), "empty.csv", b"");
    let out = batch(
        empty.to_str().unwrap(),
        &["--output", target.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}: the input is empty: no header row\n",
            empty.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old contents");
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 2);

    let out = batch(HIRES, &["--output", HIRES]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is the input; the input is never overwritten"));
}

#[test]
fn xlsx_output_has_a_results_and_a_summary_sheet() {
    use calamine::Reader;
    let folder = scratch();
    let target = folder.path().join("results.xlsx");
    let mut args = vec!["--output", target.to_str().unwrap()];
    args.extend(YOUTH);
    let out = batch(HIRES, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut book = calamine::open_workbook_auto(&target).unwrap();
    assert_eq!(book.sheet_names(), ["Results", "Summary"]);
    let results = book.worksheet_range("Results").unwrap();
    let first: Vec<String> = results
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        first,
        // 46204 is how Excel counts 2026-07-01 (the cell is a date).
        [
            "2",
            "王晓明",
            "A001",
            "71500",
            "5000",
            "youth.employer_subsidy",
            "employer hiring subsidy",
            "pending",
            "5000",
            "46204",
            "employers",
            "",
            ""
        ]
    );
    let summary = book.worksheet_range("Summary").unwrap();
    let housing = calamine::Data::String("youth.housing".into());
    assert!(summary.rows().any(|row| row.first() == Some(&housing)));
}

#[test]
fn usage_and_unreadable_input_errors() {
    let out = batch(HIRES, &["--measure", "youth.housng"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: unknown measure `youth.housng`; did you mean `youth.housing`?\n"
    );
    let out = batch("tests/fixtures/batch/missing.csv", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: tests/fixtures/batch/missing.csv: cannot read: "));
    let out = caiju(
        &["batch", "-", "--as-of", AS_OF, "--lang", "en"],
        Some("备注,说明\n1,2\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(
        "error: <stdin>: no column title is a field of the policy (the titles are: 备注, 说明)"
    ));
    let out = caiju(
        &["batch", "-", "--as-of", AS_OF, "--lang", "en"],
        Some("学历,education\n硕士,master\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: <stdin>: columns 1 `学历` and 2 `education` both give `education`\n"
    );
}

#[test]
fn a_row_the_policy_cannot_compute_is_a_row_error() {
    let out = batch(
        "tests/fixtures/batch/shares.csv",
        &[
            "--policy",
            "tests/fixtures/batch/share-policy.toml",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "row,name,id,measure,status,amount,available_from,beneficiary,missing,error\n\
         2,甲,,test.share,eligible,300,,individual,,\n\
         3,乙,,,,,,,,row 3: measure `test.share`: division by zero (900 / 0) (at tests/fixtures/batch/share-policy.toml:31:10)\n\
         4,丙,,test.share,eligible,250,,individual,,\n"
    );
    assert!(stderr(&out).starts_with("summary: 3 rows read, 2 evaluated, 1 with errors (row 3)\n"));
}

/// An intake of `count` rows, each with an education that is not an option.
fn bad_intake(folder: &Path, count: usize) -> PathBuf {
    let mut text = String::from("姓名,学历\n");
    for i in 0..count {
        text += &format!("p{i},xx\n");
    }
    write_file(folder, "bad.csv", text.as_bytes())
}

#[test]
fn any_number_of_bad_rows_fits_every_output_format() {
    use calamine::Reader;
    let folder = scratch();
    let input = bad_intake(folder.path(), 10_000);
    for name in ["r.xlsx", "r.csv", "r.jsonl"] {
        let target = folder.path().join(name);
        let out = batch(
            input.to_str().unwrap(),
            &["--output", target.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(3), "{name}: {}", stderr(&out));
        assert!(target.exists(), "{name}");
    }
    let out = batch(input.to_str().unwrap(), &["--format", "excel-csv"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 10_001);

    // Every bad row is listed on the summary sheet, in cells Excel can hold.
    let mut book = calamine::open_workbook_auto(folder.path().join("r.xlsx")).unwrap();
    let summary = book.worksheet_range("Summary").unwrap();
    let listed: Vec<u64> = summary
        .rows()
        .skip_while(|row| row[0] != "numbers of the rows with errors")
        .take_while(|row| row.len() > 1 && row[1] != calamine::Data::Empty)
        .flat_map(|row| {
            let cell = row[1].to_string();
            assert!(cell.chars().count() <= 32_767);
            cell.split(", ")
                .map(|n| n.parse::<u64>().unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(listed, (2..=10_001).collect::<Vec<u64>>());
}

#[test]
fn a_cell_longer_than_excel_allows_is_cut_not_fatal() {
    let folder = scratch();
    let long = "名".repeat(40_000);
    let input = write_file(
        folder.path(),
        "long.csv",
        format!("姓名,学历\n{long},硕士\n").as_bytes(),
    );
    let target = folder.path().join("r.xlsx");
    let out = batch(
        input.to_str().unwrap(),
        &["--output", target.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&target).unwrap();
    let results = book.worksheet_range("Results").unwrap();
    let name = results.get_value((1, 1)).unwrap().to_string();
    assert_eq!(name.chars().count(), 32_767);
    assert!(name.ends_with("名…"));
}

/// The results sheet's lines, as text.
fn results_lines(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn xlsx_results_show_each_hire_total_now_and_later() {
    let folder = scratch();
    let target = folder.path().join("results.xlsx");
    let mut args = vec!["--output", target.to_str().unwrap()];
    args.extend(YOUTH);
    let out = batch(HIRES, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = results_lines(&target, "Results");
    assert_eq!(
        lines[0],
        [
            "row",
            "name",
            "ID",
            "total now (yuan)",
            "total later (yuan)",
            "measure id",
            "measure",
            "status",
            "amount (yuan)",
            "claimable from",
            "paid to",
            "still needed",
            "error"
        ]
    );
    // 王晓明: housing and travel now (70,000 + 1,500), the employer's 5,000 from 2026-07-01.
    assert_eq!(
        lines[1],
        [
            "2",
            "王晓明",
            "A001",
            "71500",
            "5000",
            "youth.employer_subsidy",
            "employer hiring subsidy",
            "pending",
            "5000",
            "46204",
            "employers",
            "",
            ""
        ]
    );
    assert_eq!(
        lines[2][..5],
        ["2", "王晓明", "A001", "", ""],
        "totals once per hire"
    );

    // The totals column adds up, hire by hire, to what jsonl gives.
    let mut jsonl_args = vec!["--format", "jsonl"];
    jsonl_args.extend(YOUTH);
    for row in jsonl(&batch(HIRES, &jsonl_args)) {
        let number = row["row"].as_u64().unwrap().to_string();
        let first = lines.iter().find(|l| l[0] == number).unwrap();
        let totals = &row["totals"];
        let now: u64 = ["individual", "employer", "organization"]
            .iter()
            .map(|b| totals[b].as_str().unwrap().parse::<u64>().unwrap())
            .sum();
        assert_eq!(first[3], now.to_string(), "row {number}");
    }
}

#[test]
fn excel_csv_is_for_people_and_csv_stays_for_scripts() {
    let mut args = vec!["batch", HIRES, "--as-of", AS_OF, "--format", "excel-csv"];
    args.extend(YOUTH);
    let out = caiju(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("\u{feff}行号,姓名,工号,现可领取合计（元）,待到期合计（元）,"));
    let crlf = text.matches("\r\n").count();
    assert_eq!(crlf, text.matches('\n').count(), "CRLF, as Excel writes");
    insta::assert_snapshot!("hires_excel_csv_zh", text.replace("\r\n", "⏎\n"));

    let mut args = vec!["--format", "excel-csv"];
    args.extend(YOUTH);
    let english = stdout(&batch(HIRES, &args));
    assert!(english.starts_with("\u{feff}row,name,ID,total now (yuan),total later (yuan),"));
    assert!(english.contains(",pending,5000,2026-07-01,employers,"));

    // The machine form keeps its ids, its header and no BOM, whatever the language.
    let mut args = vec![
        "batch", HIRES, "--as-of", AS_OF, "--format", "csv", "--lang", "zh",
    ];
    args.extend(YOUTH);
    let machine = stdout(&caiju(&args, None));
    assert!(machine.starts_with("row,name,id,measure,status,amount,available_from,"));
    assert!(machine
        .contains("2,王晓明,A001,youth.employer_subsidy,pending,5000,2026-07-01,employer,,\n"));
}

#[cfg(unix)]
#[test]
fn output_that_is_the_input_on_standard_input_or_the_summary_is_refused() {
    let folder = scratch();
    let input = write_file(folder.path(), "in.csv", &std::fs::read(HIRES).unwrap());
    let before = std::fs::read(&input).unwrap();
    let stdin = std::fs::File::open(&input).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caiju"))
        .args([
            "batch",
            "-",
            "--output",
            input.to_str().unwrap(),
            "--lang",
            "en",
        ])
        .stdin(stdin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {} is the file on standard input; the input is never overwritten\n",
            input.display()
        )
    );
    assert_eq!(std::fs::read(&input).unwrap(), before);

    let output = folder.path().join("o.csv");
    let other_spelling = folder.path().join(".").join("o.csv");
    for summary in [&output, &other_spelling] {
        let out = batch(
            HIRES,
            &[
                "--output",
                output.to_str().unwrap(),
                "--summary",
                summary.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            format!(
                "error: --output and --summary are the same file ({}); give each its own\n",
                summary.display()
            )
        );
        assert!(!output.exists());
    }
    // A device takes both.
    let out = batch(HIRES, &["--output", "/dev/null", "--summary", "/dev/null"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // A hard link to the input is the input.
    let link = folder.path().join("link.csv");
    std::fs::hard_link(&input, &link).unwrap();
    let out = batch(
        input.to_str().unwrap(),
        &["--output", link.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).ends_with("is the input; the input is never overwritten\n"));
}

/// The files in `folder`, by name.
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_and_the_old_file_stays() {
    for format in ["xlsx", "csv", "excel-csv"] {
        let out = batch(HIRES, &["--format", format, "--output", "/dev/full"]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert_eq!(
            stderr(&out),
            "error: /dev/full: cannot write: No space left on device (os error 28)\n",
            "{format}"
        );
    }
    // A small file system that fills up half-way (needs the right to mount one: root).
    let folder = scratch();
    let small = folder.path().join("small");
    std::fs::create_dir(&small).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&small)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped the small file system: cannot mount a tmpfs here");
        return;
    }
    let input = big_intake(folder.path(), 20_000);
    let target = small.join("r.xlsx");
    std::fs::write(&target, "old contents").unwrap();
    let out = batch(
        input.to_str().unwrap(),
        &["--output", target.to_str().unwrap()],
    );
    let left = names_in(&small);
    let old = std::fs::read_to_string(&target).unwrap();

    // The results sheets' own temporary files (in TMPDIR) fill the disk: the writer panics inside.
    let beside = folder.path().join("r.xlsx");
    std::fs::write(&beside, "old contents").unwrap();
    std::fs::remove_file(&target).unwrap();
    let spilled = std::process::Command::new(env!("CARGO_BIN_EXE_caiju"))
        .args(["batch", input.to_str().unwrap(), "--lang", "en", "--output"])
        .arg(&beside)
        .env("TMPDIR", &small)
        .output()
        .unwrap();
    let _ = std::process::Command::new("umount").arg(&small).status();
    assert_eq!(spilled.status.code(), Some(1), "{}", stderr(&spilled));
    assert!(stderr(&spilled).starts_with(&format!(
        "error: {}: cannot write: the workbook could not be written (is the disk full?): ",
        beside.display()
    )));
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), "old contents");
    assert_eq!(names_in(folder.path()), ["big.csv", "r.xlsx", "small"]);

    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}: cannot write: No space left on device (os error 28)\n",
            target.display()
        )
    );
    assert_eq!(old, "old contents");
    assert_eq!(left, ["r.xlsx"]);
}

/// An intake of `count` good rows, large enough to take a while.
fn big_intake(folder: &Path, count: usize) -> PathBuf {
    let mut text = String::from("姓名,学历,出生日期,毕业日期,合同起始日期,合同期限\n");
    for i in 0..count {
        text += &format!("p{i},硕士,1998-01-01,2024-06-30,2024-07-01,3\n");
    }
    write_file(folder, "big.csv", text.as_bytes())
}

#[cfg(unix)]
#[test]
fn a_signal_removes_the_unfinished_output_and_keeps_the_old_one() {
    use std::os::unix::process::ExitStatusExt;
    let folder = scratch();
    let input = big_intake(folder.path(), 300_000);
    let target = folder.path().join("results.jsonl");
    for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
        std::fs::write(&target, "old contents").unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_caiju"))
            .args(["batch", input.to_str().unwrap(), "--output"])
            .arg(&target)
            .args(["--as-of", AS_OF])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the temporary file has some of the output.
        let started = std::time::Instant::now();
        let part = loop {
            let part = std::fs::read_dir(folder.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.to_string_lossy().ends_with(".part"));
            if let Some(part) = part.filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0)) {
                break part;
            }
            assert!(started.elapsed().as_secs() < 60, "the output never started");
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
        assert!(!part.exists(), "SIG{signal} left {}", part.display());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old contents");
        assert_eq!(names_in(folder.path()), ["big.csv", "results.jsonl"]);
    }
}

#[test]
fn a_batch_total_too_large_to_hold_stops_with_an_error_naming_the_measure() {
    let out = caiju(
        &[
            "--lang",
            "en",
            "batch",
            "tests/fixtures/overflow/two-rows.csv",
            "--format",
            "jsonl",
            "--as-of",
            "2026-06-30",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "error: the batch's total for `rural.maker_match` is larger than the largest amount that can be held (79228162514264337593543950335)"
        ),
        "{}",
        stderr(&out)
    );
}

/// `caiju batch -` on `input`, as JSON lines for `youth.housing`, and its exit code.
fn batch_stdin(input: &[u8], more: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        "-",
        "--as-of",
        AS_OF,
        "--lang",
        "en",
        "--format",
        "jsonl",
        "--measure",
        "youth.housing",
    ];
    args.extend_from_slice(more);
    caiju(&args, Some(input))
}

fn row_numbers(out: &Output) -> Vec<u64> {
    jsonl(out)
        .iter()
        .map(|r| r["row"].as_u64().unwrap())
        .collect()
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them_whatever_the_line_ends() {
    let cases: [(&str, &[u8]); 4] = [
        ("LF", b"\xe5\xa7\x93\xe5\x90\x8d,education\na,phd\nb,xx\n"),
        (
            "CRLF",
            b"\xe5\xa7\x93\xe5\x90\x8d,education\r\na,phd\r\nb,xx\r\n",
        ),
        ("CR", b"\xe5\xa7\x93\xe5\x90\x8d,education\ra,phd\rb,xx\r"),
        (
            "CRLF, no last line end",
            b"\xe5\xa7\x93\xe5\x90\x8d,education\r\na,phd\r\nb,xx",
        ),
    ];
    for (what, input) in cases {
        let out = batch_stdin(input, &[]);
        assert_eq!(row_numbers(&out), [2, 3], "{what}");
        assert!(
            jsonl(&out)[1]["error"]
                .as_str()
                .unwrap()
                .starts_with("row 3: "),
            "{what}"
        );
    }
    // A blank line is a row; a cell's line breaks (CRLF too) are not.
    let input = b"name,education\r\n\r\n\"a\r\nb\",phd\r\nc,xx\r\n";
    let out = batch_stdin(input, &[]);
    assert_eq!(row_numbers(&out), [3, 4]);
    assert!(
        stderr(&out).starts_with(
            "summary: 3 rows read, 1 evaluated, 1 blank skipped, 1 with errors (row 4)\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_quote_never_closed_is_named_with_its_row() {
    let input = "name,education\na,phd\nb,\"phd\nc,phd\nd,phd\n";
    let out = batch_stdin(input.as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(3));
    let rows = jsonl(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1]["error"],
        "row 3: a quote (\") opened on row 3 is never closed, so the rest of the file was read \
         as one cell (a quote inside a cell is written twice: \"\")"
    );
    // A quote inside a cell that did not start with one is a plain character.
    let out = batch_stdin(b"name,education\na\"b,phd\nc,phd\n", &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(row_numbers(&out), [2, 3]);
}

/// CRC-32 (the zip one), bit by bit: the test workbooks are small.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip file of `(name, method, data, unpacked size, crc)` parts, written by hand so that a test
/// can give a part compressed data it made itself.
fn zip_of(parts: &[(&str, u16, Vec<u8>, u32, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, size, crc) in parts {
        let offset = out.len() as u32;
        let fields = |sig: u32, central: bool| {
            let mut h = sig.to_le_bytes().to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend(0u32.to_le_bytes());
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                h.extend([0u8; 6]);
                h.extend(0u32.to_le_bytes());
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(fields(0x0403_4b50, false));
        out.extend(data);
        central.extend(fields(0x0201_4b50, true));
    }
    let at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// The smallest xlsx calamine reads, its one sheet given as `sheet` (zip data, method, size, crc).
fn tiny_xlsx(sheet: (u16, Vec<u8>, u32, u32)) -> Vec<u8> {
    let stored = |name: &'static str, text: &str| {
        let data = text.as_bytes().to_vec();
        let crc = crc32(&data);
        (name, 0u16, data.clone(), data.len() as u32, crc)
    };
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let (method, data, size, crc) = sheet;
    zip_of(&[
        stored(
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        ),
        stored(
            "xl/workbook.xml",
            &format!(
                r#"<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{rels}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        stored(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", method, data, size, crc),
    ])
}

/// A sheet of inline-text cells `(reference, text)`, stored.
fn sheet_of(dimension: &str, cells: &[(&str, &str)]) -> (u16, Vec<u8>, u32, u32) {
    let mut rows: Vec<(u32, String)> = Vec::new();
    for (reference, text) in cells {
        let row: u32 = reference
            .trim_start_matches(|c: char| c.is_ascii_uppercase())
            .parse()
            .unwrap();
        let cell = format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#);
        match rows.last_mut() {
            Some((r, xml)) if *r == row => xml.push_str(&cell),
            _ => rows.push((row, cell)),
        }
    }
    let body: String = rows
        .iter()
        .map(|(r, xml)| format!(r#"<row r="{r}">{xml}</row>"#))
        .collect();
    let xml = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>"#
    );
    let data = xml.into_bytes();
    (0, data.clone(), data.len() as u32, crc32(&data))
}

/// Deflate data (fixed Huffman codes) that unpacks to `size` bytes of `a`: a literal, then copies of 258.
fn deflate_bomb(size: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut bits, mut count) = (0u64, 0u32);
    let mut put = |value: u64, n: u32, reversed: bool| {
        let value = if reversed {
            value.reverse_bits() >> (64 - n)
        } else {
            value
        };
        bits |= value << count;
        count += n;
        while count >= 8 {
            out.push(bits as u8);
            bits >>= 8;
            count -= 8;
        }
    };
    put(1, 1, false); // the last block
    put(1, 2, false); // fixed codes
    put(0x30 + u64::from(b'a'), 8, true); // literal `a`
    for _ in 0..(size - 1) / 258 {
        put(0b1100_0101, 8, true); // length 258
        put(0, 5, true); // distance 1
    }
    put(0, 7, true); // end of block
    put(0, 7, false);
    out
}

/// `caiju batch` with its address space bounded to 1 GiB, as a shell's `ulimit -v` does.
fn batch_within_1_gib(input: &Path) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 1048576; exec "$0" batch "$1" --as-of 2026-06-30 --lang en --format csv"#)
        .arg(env!("CARGO_BIN_EXE_caiju"))
        .arg(input)
        .output()
        .unwrap()
}

#[test]
fn a_workbook_is_read_within_bounds_on_its_dimensions_and_size() {
    let folder = scratch();
    // One cell in the last column of the last row: a 2 KB file that once asked for 512 GB.
    let far = write_file(
        folder.path(),
        "far.xlsx",
        &tiny_xlsx(sheet_of(
            "A1:XFD1048576",
            &[("A1", "姓名"), ("B1", "学历"), ("XFD1048576", "x")],
        )),
    );
    let out = batch_within_1_gib(&far);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}: the sheet has a cell at XFD1048576, beyond the 1048576 rows and 1024 \
             columns an intake may have\n",
            far.display()
        )
    );
    // A cell at ZZ200000 (once 4.4 GB): the rows between are blank, its column has no title.
    let wide = write_file(
        folder.path(),
        "wide.xlsx",
        &tiny_xlsx(sheet_of(
            "A1:ZZ200000",
            &[
                ("A1", "姓名"),
                ("B1", "学历"),
                ("A2", "张"),
                ("B2", "硕士"),
                ("ZZ200000", "x"),
            ],
        )),
    );
    let out = batch_within_1_gib(&wide);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("summary: 199999 rows read, 1 evaluated, 199998 blank skipped\n"),
        "{}",
        stderr(&out)
    );
    // A sheet that unpacks to 2 GiB.
    let size: u32 = 2 << 30;
    let bomb = write_file(
        folder.path(),
        "bomb.xlsx",
        &tiny_xlsx((8, deflate_bomb(u64::from(size)), size, 0)),
    );
    let out = batch_within_1_gib(&bomb);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}: `xl/worksheets/sheet1.xml` in the workbook unpacks to more than 1024 MiB, \
             the limit for a part of an intake\n",
            bomb.display()
        )
    );
}

/// Checks each JSON line of a batch against `caiju check` on the profile (TOML text) given for it.
fn agrees_with_check(rows: &[Value], profiles: &[&str]) {
    assert_eq!(rows.len(), profiles.len(), "{rows:?}");
    let folder = scratch();
    for (row, profile) in rows.iter().zip(profiles) {
        let path = write_file(folder.path(), "p.toml", profile.as_bytes());
        let checked = caiju(
            &[
                "check",
                path.to_str().unwrap(),
                "--format",
                "json",
                "--all",
                "--as-of",
                AS_OF,
                "--lang",
                "en",
            ],
            None,
        );
        assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
        let checked: Value = serde_json::from_str(&stdout(&checked)).unwrap();
        assert_eq!(row["error"], Value::Null, "{profile}");
        assert_eq!(row["measures"], checked["measures"], "{profile}");
        assert_eq!(row["totals"], checked["totals"], "{profile}");
    }
}

#[test]
fn cells_as_people_type_them_give_what_check_gives() {
    let input = "姓名,学历,出生日期,用人单位性质,单位在南平,合同起始日期,合同期限,参保日期,此前在南平参保\n\
        甲,全日制本科,19980512,企业,有,45474,无固定期限,2024/07/01 00:00:00,×\n\
        乙,研究生（硕士）,1998.5.12,企业,√,2024年7月1日,三年,2024-7-1,无\n\
        丙,中专,1998-05-12,企业,Y,2024-07-01,3年期,2024-07-01,N\n";
    let common = "birth_date = 1998-05-12\nemployer_type = \"enterprise\"\nemployer_in_nanping = true\n\
        contract_start = 2024-07-01\npension_start = 2024-07-01\nprevious_nanping_pension = false\n";
    let out = caiju(
        &[
            "batch", "-", "--as-of", AS_OF, "--lang", "en", "--format", "jsonl", "--all",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    agrees_with_check(
        &jsonl(&out),
        &[
            &format!("{common}education = \"bachelor\"\nopen_ended_contract = true\n"),
            &format!("{common}education = \"master\"\ncontract_years = 3\n"),
            &format!("{common}education = \"none\"\ncontract_years = 3\n"),
        ],
    );
    // The cell word applies to its own column only, and a month alone is an error.
    let input = "姓名,学历,合同起始日期,无固定期限\n丁,本科,2025年6月,无固定期限\n";
    let out = batch_stdin(input.as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        jsonl(&out)[0]["error"],
        "row 2: column 3 `合同起始日期` (contract_start): `2025年6月` gives a month but no day: \
         write the whole date, e.g. 2024-07-01; column 4 `无固定期限` (open_ended_contract): \
         `无固定期限` is not a yes/no answer (expected true/false, yes/no, y/n, 1/0, √/×)"
    );
}

#[test]
fn title_rows_blank_rows_and_a_note_under_the_table() {
    let input = "南平某某公司2025年新进员工花名册,,\n\
        ,,\n\
        姓名,学历,单位性质\n\
        甲,硕士,企业\n\
        ,,\n\
        乙,本科,机关\n\
        制表人：张三,,\n";
    let out = batch_stdin(input.as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(row_numbers(&out), [4, 6]);
    assert!(
        stderr(&out).starts_with(
            "notice: row 7 `制表人：张三` is a note under the table, not a hire, and was not evaluated\n\
             summary: 4 rows read, 2 evaluated, 2 rows above the header skipped, 1 note not a hire, \
             1 blank skipped\n"
        ),
        "{}",
        stderr(&out)
    );
    // Without a row of two known titles among the first ten, the first row that is not blank is the header.
    let out = batch_stdin("\n学历\nphd\n".as_bytes(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(row_numbers(&out), [3]);
}

#[test]
fn facts_for_the_whole_file_are_given_with_set() {
    let input = "姓名,学历,出生日期,合同起始日期,合同期限,参保日期,此前在南平参保,单位性质\n\
        甲,硕士,1998-05-12,2024-07-01,3,2024-07-01,否,\n\
        乙,本科,1998-05-12,2024-07-01,3,2024-07-01,否,机关\n";
    let run = |more: &[&str]| {
        let mut args = vec![
            "batch", "-", "--as-of", AS_OF, "--lang", "en", "--format", "jsonl", "--all",
        ];
        args.extend_from_slice(more);
        caiju(&args, Some(input.as_bytes()))
    };
    // Without: the summary names the missing column and suggests --set.
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).ends_with(
            "hint: 2 of 2 rows need `employer_in_nanping` (employer located in Nanping), for which \
             the file has no column; if it is the same for every hire, give it with --set \
             employer_in_nanping=yes\n"
        ),
        "{}",
        stderr(&out)
    );
    // With: every row has it; an empty cell takes the --set value, a filled one keeps its own.
    let out = run(&["--set", "单位在南平=是", "--set", "单位性质=企业"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("hint:"), "{}", stderr(&out));
    let common =
        "birth_date = 1998-05-12\nemployer_in_nanping = true\ncontract_start = 2024-07-01\n\
        contract_years = 3\npension_start = 2024-07-01\nprevious_nanping_pension = false\n";
    agrees_with_check(
        &jsonl(&out),
        &[
            &format!("{common}education = \"master\"\nemployer_type = \"enterprise\"\n"),
            &format!("{common}education = \"bachelor\"\nemployer_type = \"government\"\n"),
        ],
    );
    // A field or value that cannot be used is wrong usage.
    let cases = [
        ("单位在南平", "error: --set `单位在南平`: expected FIELD=VALUE, e.g. --set employer_in_nanping=yes\n"),
        ("单位在南平=也许", "error: --set `单位在南平` (employer_in_nanping): `也许` is not a yes/no answer (expected true/false, yes/no, y/n, 1/0, √/×)\n"),
        ("单位在北京=是", "error: --set `单位在北京` is not a field of the policy; did you mean `单位在南平`?\n"),
        ("身份证号=350702199805121232", "error: --set `身份证号`: an ID number is each person's own; give it in a column\n"),
        ("单位类型=企业", "error: --set `单位类型` (org_type) describes an organization, but every row is a person\n"),
    ];
    for (given, want) in cases {
        let out = run(&["--set", given]);
        assert_eq!(out.status.code(), Some(2), "{given}");
        assert_eq!(stderr(&out), want, "{given}");
    }
}

#[test]
fn excel_damage_to_id_numbers_is_explained_and_dates_read_whatever_their_format() {
    let folder = scratch();
    let path = folder.path().join("damaged.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, title) in ["姓名", "身份证号码", "合同起始日期", "参保日期", "合同期限"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *title).unwrap();
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 7, 1).unwrap();
    let chinese = rust_xlsxwriter::Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let years = rust_xlsxwriter::Format::new().set_num_format("0\"年\"");
    // Row 2: the ID typed into a number cell; the dates as a Chinese-formatted date and a bare serial number.
    sheet.write_string(1, 0, "甲").unwrap();
    sheet.write_number(1, 1, 350702199805121232.0).unwrap();
    sheet
        .write_datetime_with_format(1, 2, &date, &chinese)
        .unwrap();
    sheet.write_number(1, 3, 45474).unwrap();
    sheet.write_number_with_format(1, 4, 3, &years).unwrap();
    // Row 3: the same ID as text.
    sheet.write_string(2, 0, "乙").unwrap();
    sheet.write_string(2, 1, "350702199805121232").unwrap();
    sheet
        .write_datetime_with_format(2, 2, &date, &chinese)
        .unwrap();
    sheet.write_number(2, 3, 45474).unwrap();
    sheet.write_number_with_format(2, 4, 3, &years).unwrap();
    book.save(&path).unwrap();
    let out = batch(path.to_str().unwrap(), &["--format", "jsonl", "--all"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let rows = jsonl(&out);
    assert_eq!(
        rows[0]["error"],
        "row 2: column 2 `身份证号码` (id_number): `3.507021998051212E17` is an ID number that \
         Excel stored as a number, which loses its last digits: format the ID number column as \
         text and type the numbers again"
    );
    let profile = "id_number = \"350702199805121232\"\ncontract_start = 2024-07-01\n\
        pension_start = 2024-07-01\ncontract_years = 3\n";
    agrees_with_check(&rows[1..], &[profile]);
}

/// The three hires of the roster fixtures, as `check` profiles.
const ROSTER: [&str; 3] = [
    "id_number = \"350702199805121232\"\neducation = \"master\"\ngraduation_date = 2024-06-30\n\
     contract_start = 2024-07-01\ncontract_years = 3\npension_start = 2024-07-01\n\
     previous_nanping_pension = false\nemployer_type = \"enterprise\"\nemployer_in_nanping = true\n\
     origin_nanping = false\n",
    "id_number = \"350702199503031231\"\neducation = \"bachelor\"\ngraduation_date = 2022-06-30\n\
     contract_start = 2023-03-01\nopen_ended_contract = true\npension_start = 2023-03-01\n\
     previous_nanping_pension = false\nemployer_type = \"enterprise\"\nemployer_in_nanping = true\n\
     origin_nanping = false\n",
    "id_number = \"35070220010315123X\"\neducation = \"junior_college\"\ngraduation_date = 2025-06-30\n\
     contract_start = 2025-07-01\ncontract_years = 5\npension_start = 2025-07-01\n\
     previous_nanping_pension = false\nemployer_type = \"enterprise\"\nemployer_in_nanping = true\n\
     origin_nanping = true\n",
];

#[test]
fn rosters_as_hr_keeps_them_give_what_check_gives() {
    let all = ["--format", "jsonl", "--all", "--set", "单位在南平=是"];
    // GBK with CRLF line ends, a title row, a numbering column, a blank row and a note under the table.
    let out = batch("tests/fixtures/batch/gbk-crlf-title.csv", &all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = jsonl(&out);
    assert_eq!(
        rows.iter()
            .map(|r| r["row"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [3, 4, 6]
    );
    agrees_with_check(&rows, &ROSTER);
    assert!(stderr(&out).contains(
        "notice: row 7 `制表人：陈红` is a note under the table, not a hire, and was not evaluated\n\
         summary: 5 rows read, 3 evaluated, 1 row above the header skipped, 1 note not a hire, \
         1 blank skipped\n"
    ));
    // UTF-8 with a BOM, and a cell holding a line break.
    let out = batch("tests/fixtures/batch/bom-multiline.csv", &all[..3]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = jsonl(&out);
    assert_eq!(
        rows.iter()
            .map(|r| r["row"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [2, 3, 4]
    );
    agrees_with_check(&rows, &ROSTER);
    // An xlsx saved by LibreOffice: a merged title, date cells, an ID number in a number cell.
    let out = batch("tests/fixtures/batch/roster.xlsx", &all);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let rows = jsonl(&out);
    assert_eq!(
        rows[0]["error"],
        "row 3: column 3 `身份证号码` (id_number): `3.50702199805121E17` is an ID number that \
         Excel stored as a number, which loses its last digits: format the ID number column as \
         text and type the numbers again"
    );
    assert_eq!(
        rows.iter()
            .map(|r| r["row"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [3, 4, 5]
    );
    agrees_with_check(&rows[1..], &ROSTER[1..]);
}

#[test]
fn year_zero_is_not_a_date_in_a_cell() {
    let out = caiju(
        &["--lang", "en", "batch", "-", "--format", "jsonl"],
        Some("出生日期\n0000-03-01\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(3));
    let line: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(
        line["error"],
        "row 2: column 1 `出生日期` (birth_date): `0000-03-01` is not a calendar date in the years 0001–9999"
    );
}

#[test]
fn a_cell_outside_its_fact_range_is_a_row_error() {
    let out = caiju(
        &["--lang", "en", "batch", "-", "--format", "jsonl"],
        Some("劳动合同期限\n-3\n3\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(3));
    let lines = jsonl(&out);
    assert_eq!(
        lines[0]["error"],
        "row 2: column 1 `劳动合同期限` (contract_years): -3 is below the smallest value allowed (0)"
    );
    assert_eq!(lines[1]["error"], Value::Null);
}

#[test]
fn a_row_whose_dates_contradict_each_other_is_a_row_error() {
    let out = caiju(
        &[
            "--lang",
            "en",
            "batch",
            "-",
            "--format",
            "jsonl",
            "--as-of",
            "2026-06-30",
        ],
        Some("出生日期,合同起始日期\n2000-01-01,1999-01-01\n1990-01-01,2020-01-01\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(3));
    let lines = jsonl(&out);
    assert_eq!(
        lines[0]["error"],
        "row 2: `contract_start` (1999-01-01) is before `birth_date` (2000-01-01): one of the two dates is wrong"
    );
    assert_eq!(lines[1]["error"], Value::Null);
}

#[test]
fn a_place_on_both_banks_leaves_the_travel_subsidy_waiting_not_the_row_failed() {
    let out = caiju(
        &[
            "batch",
            "-",
            "--format",
            "csv",
            "--as-of",
            "2026-06-30",
            "--measure",
            "youth.travel",
        ],
        Some("学历,受邀参加招聘活动,出发地\n硕士,是,武汉\n硕士,是,西安\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "row,name,id,measure,status,amount,available_from,beneficiary,missing,error\n\
         2,,,youth.travel,needs_info,,,individual,travel_origin,\n\
         3,,,youth.travel,eligible,1500,,individual,,\n"
    );
    // The amounts the subsidy can still reach are those of the two banks, as in `check`; the
    // next rows are not held to them: a row with no starting place can still reach any amount.
    let out = caiju(
        &[
            "batch",
            "-",
            "--format",
            "jsonl",
            "--as-of",
            "2026-06-30",
            "--measure",
            "youth.travel",
        ],
        Some(
            "学历,受邀参加招聘活动,出发地\n硕士,是,武汉\n硕士,是,西安\n硕士,是,福州\n硕士,是,\n"
                .as_bytes(),
        ),
    );
    let lines = jsonl(&out);
    let travel = |line: &serde_json::Value| {
        let m = &line["measures"][0];
        (
            m["status"].clone(),
            m["amount"].clone(),
            m["amount_max"].clone(),
        )
    };
    assert_eq!(
        travel(&lines[0]),
        ("needs_info".into(), "1000".into(), "1500".into())
    );
    assert_eq!(
        travel(&lines[1]),
        ("eligible".into(), "1500".into(), serde_json::Value::Null)
    );
    assert_eq!(
        travel(&lines[2]),
        ("eligible".into(), "500".into(), serde_json::Value::Null)
    );
    assert_eq!(
        travel(&lines[3]),
        ("needs_info".into(), "500".into(), "1500".into())
    );
}

/// A row's error in Chinese, the default language, in every output: the CSV and JSON lines error
/// field, the table, the excel-csv and xlsx 错误 column, and the summary.
#[test]
fn row_errors_are_in_the_language_asked_for_in_every_output() {
    let expected = "第 3 行：第 2 列 `学历`（education）：`研究生` 不是可选项（可选：phd（博士）、\
                    master（硕士）、bachelor（本科）、junior_college（大专）、none（无））";
    let run = |format: &str| {
        let args = [
            "batch",
            BAD_ROWS,
            "--as-of",
            AS_OF,
            "--measure",
            "youth.housing",
            "--format",
            format,
        ];
        let out = caiju(&args, None);
        assert_eq!(out.status.code(), Some(3), "{format}: {}", stderr(&out));
        out
    };
    let out = run("csv");
    assert!(stdout(&out).contains(&format!("\n3,坏学历,,,,,,,,{expected}\n")));
    assert!(
        stderr(&out).starts_with("汇总：读取 7 行，评估 2 行，5 行有错误（第 3、4、5、6、8 行）\n"),
        "{}",
        stderr(&out)
    );
    assert_eq!(jsonl(&run("jsonl"))[1]["error"], expected);
    assert!(stdout(&run("table")).contains(&format!("\n第 3 行  坏学历\n无法读取：{expected}\n")));
    assert!(stdout(&run("excel-csv")).contains(&format!(",{expected}\r\n")));
    let folder = scratch();
    let target = folder.path().join("结果.xlsx");
    let out = caiju(
        &[
            "batch",
            BAD_ROWS,
            "--as-of",
            AS_OF,
            "--measure",
            "youth.housing",
            "--output",
            target.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let lines = results_lines(&target, "结果");
    assert_eq!(lines[0][12], "错误");
    assert_eq!(lines[2][12], expected);
}

/// A column no fact answers to is a warning in the language asked for; a serial-number column is
/// not mistaken for the staff number, which shares one of its two characters.
#[test]
fn unknown_columns_are_warned_about_in_the_language_asked_for() {
    let input = "序号,姓名,学历,工资\n1,张三,硕士,1\n".as_bytes();
    let args = ["batch", "-", "--as-of", AS_OF, "--format", "csv"];
    let out = caiju(&args, Some(input));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(
            "警告：第 1 列 `序号` 不是政策中的字段，已忽略\n警告：第 4 列 `工资` 不是政策中的字段，已忽略\n"
        ),
        "{}",
        stderr(&out)
    );
    let mut english = args.to_vec();
    english.extend(["--lang", "en"]);
    let out = caiju(
        &english,
        Some("学历,birth_dat\n硕士,1990-01-01\n".as_bytes()),
    );
    assert!(
        stderr(&out).starts_with(
            "warning: column 2 `birth_dat` is not a field of the policy and is ignored; did you mean `birth_date`?\n"
        ),
        "{}",
        stderr(&out)
    );
}
