//! Makes a synthetic intake of N hires (`gen N`), or reads a CSV file doing nothing with it (`parse FILE`).

use std::io::{self, BufWriter, Write};
use std::time::Instant;

const HEADER: &str = "工号,姓名,身份证号码,学历,毕业日期,南平生源,本地高校毕业,双一流引进,\
用人单位性质,单位在南平,合同起始日期,合同期限,无固定期限,参保日期,此前在南平参保,市外连续年数,\
受邀参加招聘会,出发地,紧缺急需专业";

const SURNAMES: [&str; 8] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵"];
const GIVEN: [&str; 8] = ["晓明", "娜", "伟", "洋", "敏", "静", "磊", "芳"];
const EDUCATION: [&str; 7] = ["博士", "硕士", "本科", "大专", "硕士研究生", "本科", ""];
const EMPLOYER: [&str; 4] = ["企业", "民营企业", "事业单位", "企业"];
const ORIGIN: [&str; 5] = ["长江以北", "福建省内", "长江以南", "南平", ""];
const YES_NO: [&str; 3] = ["是", "否", "否"];

/// A small deterministic generator (xorshift), so every run makes the same file.
struct Random(u64);

impl Random {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next(list.len())]
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// A resident ID with a correct check character.
fn id_number(year: usize, month: usize, day: usize, serial: usize) -> String {
    let body = format!("350702{year:04}{month:02}{day:02}{:03}", serial % 1000);
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{body}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

fn generate(rows: usize) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "{HEADER}")?;
    let mut r = Random(0x2021_0409);
    for i in 0..rows {
        let born = (1986 + r.next(18), 1 + r.next(12), 1 + r.next(28));
        let graduated = born.0 + 22 + r.next(6);
        let start = (graduated.min(2025), 1 + r.next(12), 1 + r.next(28));
        // Dates in the forms spreadsheets export: ISO, slashes, Chinese.
        let date = |(y, m, d): (usize, usize, usize), form: usize| match form {
            0 => format!("{y}-{m:02}-{d:02}"),
            1 => format!("{y}/{m}/{d}"),
            _ => format!("{y}年{m}月{d}日"),
        };
        let form = r.next(3);
        writeln!(
            out,
            "E{i:07},{}{},{},{},{},{},{},{},{},是,{},{},{},{},{},{},{},{},{}",
            r.pick(&SURNAMES),
            r.pick(&GIVEN),
            id_number(born.0, born.1, born.2, i),
            r.pick(&EDUCATION),
            date((graduated.min(2025), 6, 30), form),
            r.pick(&YES_NO),
            r.pick(&YES_NO),
            r.pick(&YES_NO),
            r.pick(&EMPLOYER),
            date(start, form),
            ["3", "5", "", "1"][r.next(4)],
            r.pick(&YES_NO),
            date(start, form),
            r.pick(&YES_NO),
            ["", "4", "2"][r.next(3)],
            r.pick(&YES_NO),
            r.pick(&ORIGIN),
            r.pick(&YES_NO),
        )?;
    }
    out.flush()
}

/// Reads every record and touches every field: the least any CSV consumer must do.
fn parse(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(64 * 1024)
        .from_path(path)?;
    let mut record = csv::StringRecord::new();
    let (mut rows, mut bytes) = (0u64, 0usize);
    while reader.read_record(&mut record)? {
        rows += 1;
        bytes += record.iter().map(|f| f.trim().len()).sum::<usize>();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{rows} records, {bytes} bytes of fields in {seconds:.2} s: {:.0} rows/s",
        rows as f64 / seconds
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("gen") => generate(
            args.get(2)
                .and_then(|n| n.parse().ok())
                .unwrap_or(1_000_000),
        )?,
        Some("parse") if args.len() == 3 => parse(&args[2])?,
        _ => {
            eprintln!("usage: bench-batch gen [ROWS] > FILE.csv | bench-batch parse FILE.csv");
            std::process::exit(2);
        }
    }
    Ok(())
}
