//! `caiju template`: the roster's columns, lists, notes and instructions, and a filled template through `batch`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failing test

mod common;

use caiju::lang::value::Type;
use caiju::policy::{Policy, Subject};
use common::{caiju, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const AS_OF: &str = "2026-06-30";
/// The hires of tests/fixtures/batch/hires.csv, as profiles: rows 2 to 7.
const PROFILES: &str = "tests/fixtures/batch/profiles";
/// A template filled with those hires and saved again by LibreOffice Calc.
const LIBREOFFICE_FILLED: &str = "tests/fixtures/template/filled-libreoffice.xlsx";

fn policy() -> Policy {
    caiju::commands::load_policy(None, &[]).unwrap()
}

/// `caiju template --output FOLDER/NAME` in `lang`.
fn template(folder: &Path, name: &str, lang: &str) -> PathBuf {
    let path = folder.join(name);
    let out = caiju(
        &[
            "template",
            "--lang",
            lang,
            "--output",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    path
}

/// Every file inside an xlsx (a zip), by name.
fn parts(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        parts.insert(file.name().to_string(), bytes);
    }
    parts
}

fn part(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts[name].clone()).unwrap()
}

/// The first row of a sheet, as text.
fn titles(path: &Path, sheet: &str) -> Vec<String> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn a_column_per_person_fact_with_lists_notes_and_instructions() {
    use calamine::Reader;
    let policy = policy();
    let folder = tempfile::tempdir().unwrap();
    let persons: Vec<_> = policy
        .facts
        .iter()
        .filter(|f| f.subject == Subject::Person)
        .collect();
    for (lang, roster, instructions) in [("zh", "花名册", "说明"), ("en", "Roster", "Instructions")]
    {
        let path = template(folder.path(), &format!("{lang}.xlsx"), lang);
        let mut want = vec![
            if lang == "zh" { "姓名" } else { "name" }.to_string(),
            if lang == "zh" { "工号" } else { "id" }.to_string(),
        ];
        want.extend(persons.iter().map(|f| {
            if lang == "zh" {
                f.label.zh.clone()
            } else {
                f.label.en.clone()
            }
        }));
        assert_eq!(titles(&path, roster), want, "{lang}");

        let book = calamine::open_workbook_auto(&path).unwrap();
        assert_eq!(
            book.sheet_names(),
            [
                roster,
                instructions,
                if lang == "zh" { "选项" } else { "Options" }
            ]
        );
        let parts = parts(&path);
        let sheet = part(&parts, "xl/worksheets/sheet1.xml");
        // One drop-down per option and yes/no column.
        let listed = persons
            .iter()
            .filter(|f| matches!(f.ty, Type::Enum(_) | Type::Bool))
            .count();
        assert!(sheet.contains(&format!("<dataValidations count=\"{listed}\">")));
        // A note on every title.
        let notes = part(&parts, "xl/comments1.xml");
        assert_eq!(notes.matches("<comment ").count(), want.len());
        let education = policy.facts[policy.fact_index("education").unwrap()]
            .help
            .clone()
            .unwrap();
        let help = if lang == "zh" {
            education.zh
        } else {
            education.en
        };
        assert!(notes.contains(&help), "{lang}");
        // The option labels behind the lists, in the language.
        let options = part(&parts, "xl/sharedStrings.xml");
        let wanted = if lang == "zh" {
            "事业单位"
        } else {
            "public institution"
        };
        assert!(options.contains(wanted), "{lang}");
        // The hidden sheet is hidden, and the ID column is text ("@"), dates are dates.
        let workbook = part(&parts, "xl/workbook.xml");
        assert!(workbook.contains("state=\"hidden\""));
        let styles = part(&parts, "xl/styles.xml");
        assert!(styles.contains("formatCode=\"yyyy-mm-dd\""));
        assert!(styles.contains("formatCode=\"@\""));
    }
}

#[test]
fn the_instructions_say_what_each_column_takes_and_what_empty_means() {
    use calamine::Reader;
    let folder = tempfile::tempdir().unwrap();
    let path = template(folder.path(), "t.xlsx", "en");
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let sheet = book.worksheet_range("Instructions").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let find = |field: &str| {
        rows.iter()
            .find(|r| r.get(2).map(String::as_str) == Some(field))
    };
    let education = find("education").unwrap();
    assert_eq!(education[1], "highest full-time degree");
    assert_eq!(
        education[4],
        "choose from the list: doctorate (PhD), master's degree, bachelor's degree, junior college (dazhuan) diploma, none"
    );
    assert_eq!(
        education[5],
        "unknown: measures that need it show “needs info”"
    );
    assert_eq!(find("open_ended_contract").unwrap()[5], "the default: no");
    assert_eq!(
        find("birth_date").unwrap()[5],
        "read from “resident ID number”; unknown if neither is given"
    );
    assert_eq!(
        find("id_number").unwrap()[4],
        "18-character ID number (text)"
    );
    assert_eq!(find("contract_start").unwrap()[0], "L");
}

#[test]
fn without_output_the_template_goes_to_a_pipe() {
    let out = caiju(&["template"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        out.stdout.starts_with(b"PK"),
        "a zip (xlsx) on standard output"
    );
    assert_eq!(stderr(&out), "");
}

/// Excel's serial number of a date: days since 1899-12-30.
fn serial(date: &str) -> i32 {
    let date: jiff::civil::Date = date.parse().unwrap();
    let base = jiff::civil::date(1899, 12, 30);
    date.since(base).unwrap().get_days()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The style index each column has (`<col min max style>`), as the template sets it.
fn column_styles(sheet: &str) -> BTreeMap<u16, String> {
    let mut styles = BTreeMap::new();
    for col in sheet.split("<col ").skip(1) {
        let attribute = |name: &str| {
            let start = col.find(&format!("{name}=\""))? + name.len() + 2;
            let end = col[start..].find('"')? + start;
            Some(col[start..end].to_string())
        };
        if let (Some(min), Some(max), Some(style)) =
            (attribute("min"), attribute("max"), attribute("style"))
        {
            for column in min.parse::<u16>().unwrap()..=max.parse().unwrap() {
                styles.insert(column - 1, style.clone());
            }
        }
    }
    styles
}

/// Fills a template in `lang` with the hires of `PROFILES` (rows 2 to 7) as HR would: labels
/// from the drop-downs, 是/否 (yes/no), dates as date cells, the ID number as text.
fn fill(template: &Path, filled: &Path, lang: &str) {
    let policy = policy();
    let zh = lang == "zh";
    let titles = titles(template, if zh { "花名册" } else { "Roster" });
    let mut parts = parts(template);
    let sheet = part(&parts, "xl/worksheets/sheet1.xml");
    let styles = column_styles(&sheet);
    let mut rows = String::new();
    for row in 2..=7 {
        let profile: toml::Table = std::fs::read_to_string(format!("{PROFILES}/row-{row}.toml"))
            .unwrap()
            .parse()
            .unwrap();
        rows += &format!("<row r=\"{row}\">");
        for (column, title) in titles.iter().enumerate() {
            let name = if title == "姓名" || title == "name" {
                "name"
            } else {
                let label =
                    |f: &&caiju::policy::Fact| if zh { &f.label.zh } else { &f.label.en } == title;
                let Some(fact) = policy.facts.iter().find(label) else {
                    continue;
                };
                fact.name.as_str()
            };
            let Some(value) = profile.get(name) else {
                continue;
            };
            let cell = format!(
                "{}{row}",
                rust_xlsxwriter::column_number_to_name(column as u16)
            );
            let fact = policy.fact_index(name).map(|i| &policy.facts[i]);
            let text = match (value, fact.map(|f| f.ty)) {
                (toml::Value::Datetime(d), _) => {
                    let style = &styles[&(column as u16)];
                    rows += &format!(
                        "<c r=\"{cell}\" s=\"{style}\"><v>{}</v></c>",
                        serial(&d.to_string())
                    );
                    continue;
                }
                (toml::Value::Integer(n), _) => {
                    rows += &format!("<c r=\"{cell}\"><v>{n}</v></c>");
                    continue;
                }
                (toml::Value::Boolean(b), _) => match (zh, *b) {
                    (true, true) => "是",
                    (true, false) => "否",
                    (false, true) => "yes",
                    (false, false) => "no",
                }
                .to_string(),
                (toml::Value::String(id), Some(Type::Enum(e))) => {
                    let option = policy.enums[e].options.iter().find(|o| &o.id == id);
                    let label = &option.unwrap().label;
                    if zh { &label.zh } else { &label.en }.clone()
                }
                (toml::Value::String(s), _) => s.clone(),
                (other, _) => panic!("{name}: {other:?} is not filled in"),
            };
            rows += &format!(
                "<c r=\"{cell}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                escape(&text)
            );
        }
        rows += "</row>";
    }
    let sheet = sheet.replace("</sheetData>", &format!("{rows}</sheetData>"));
    parts.insert("xl/worksheets/sheet1.xml".into(), sheet.into_bytes());
    let mut zip = zip::ZipWriter::new(std::fs::File::create(filled).unwrap());
    for (name, bytes) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// `batch` on a filled template: no warning, and every row exactly what `check` says of its profile.
fn agrees_with_check(filled: &Path) {
    let out = caiju(
        &[
            "batch",
            filled.to_str().unwrap(),
            "--format",
            "jsonl",
            "--all",
            "--as-of",
            AS_OF,
            "--lang",
            "en",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("summary: 6 rows read, 6 evaluated\n"),
        "no warning: {}",
        stderr(&out)
    );
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 6);
    for row in rows {
        let number = row["row"].as_u64().unwrap();
        let profile = format!("{PROFILES}/row-{number}.toml");
        let checked = caiju(
            &[
                "check", &profile, "--format", "json", "--all", "--as-of", AS_OF, "--lang", "en",
            ],
            None,
        );
        let checked: Value = serde_json::from_str(&stdout(&checked)).unwrap();
        assert_eq!(row["error"], Value::Null, "row {number}");
        assert_eq!(row["name"], checked["name"], "row {number}");
        assert_eq!(row["measures"], checked["measures"], "row {number}");
        assert_eq!(row["totals"], checked["totals"], "row {number}");
    }
}

#[test]
fn a_filled_template_goes_through_batch_as_check_sees_each_hire() {
    let folder = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        let blank = template(folder.path(), &format!("{lang}.xlsx"), lang);
        let filled = folder.path().join(format!("filled-{lang}.xlsx"));
        fill(&blank, &filled, lang);
        agrees_with_check(&filled);
    }
}

/// The same hires, filled in and saved again by LibreOffice Calc (how the fixture was made:
/// `soffice --headless --convert-to xlsx` on the file `fill` writes).
#[test]
fn a_template_saved_again_by_libreoffice_goes_through_batch() {
    agrees_with_check(Path::new(LIBREOFFICE_FILLED));
}

/// Where LibreOffice is installed, the round trip runs again on today's template.
#[test]
fn a_template_filled_and_saved_by_libreoffice_now() {
    let folder = tempfile::tempdir().unwrap();
    let blank = template(folder.path(), "template.xlsx", "zh");
    let filled = folder.path().join("filled.xlsx");
    fill(&blank, &filled, "zh");
    let resaved = folder.path().join("resaved");
    let profile = format!("file://{}", folder.path().join("profile").display());
    let converted = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&resaved)
        .arg(&filled)
        .output();
    match converted {
        Ok(out) if out.status.success() => {}
        _ => {
            eprintln!("skipped: LibreOffice (soffice) is not installed");
            return;
        }
    }
    let resaved = resaved.join("filled.xlsx");
    agrees_with_check(&resaved);
    // The drop-downs and notes survive the round trip.
    let parts = parts(&resaved);
    let sheet = part(&parts, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<dataValidation"));
    if std::env::var_os("UPDATE_TEMPLATE_FIXTURE").is_some() {
        std::fs::copy(&resaved, LIBREOFFICE_FILLED).unwrap();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_template_that_cannot_be_written_is_an_error() {
    let out = caiju(&["template", "--output", "/dev/full", "--lang", "en"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: /dev/full: cannot write: No space left on device (os error 28)\n"
    );
    let folder = tempfile::tempdir().unwrap();
    let missing = folder.path().join("no-such-folder").join("t.xlsx");
    let out = caiju(&["template", "--output", missing.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "错误：{}：无法写入：文件或文件夹不存在\n",
            missing.display()
        )
    );
}

#[test]
fn the_template_follows_the_policy_in_force() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("t.xlsx");
    let out = caiju(
        &[
            "template",
            "--policy",
            "tests/fixtures/batch/share-policy.toml",
            "--lang",
            "en",
            "--output",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "wrote {}: 4 columns; the Instructions sheet says what goes in each.\n",
            path.display()
        )
    );
    assert_eq!(titles(&path, "Roster"), ["name", "id", "cost", "people"]);
}
