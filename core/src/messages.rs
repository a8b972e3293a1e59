//! Every text a person reads, in Chinese and English: one catalog of messages by key, each shown in a language only when printed.
//!
//! A message is a value (`Msg`): its key and its arguments. Errors carry messages, and the
//! command that prints them picks the language. `Display` shows English.

use crate::i18n::{Lang, Texts};
use std::borrow::Cow;
use std::fmt;

/// A message: which one, and its arguments in the order its catalog entry names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    key: Key,
    args: Vec<Arg>,
}

/// A value shown inside a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is in either language: a name, a number, a date, a piece of the input.
    Plain(String),
    /// A text the policy gives in both languages.
    Texts(Texts),
    /// A field of a profile, policy or intake: `name`, and in Chinese also its Chinese label.
    Field { name: String, label: Option<String> },
    /// Another message, in the same language.
    Msg(Box<Msg>),
    /// Values one after another: `a, b` in English, `a、b` in Chinese.
    List(Vec<Arg>),
}

/// One entry of the catalog: the names of its arguments, and its text in each language, where
/// `{name}` stands for an argument and `{{` / `}}` for a brace.
#[derive(Debug)]
pub struct Entry {
    pub key: &'static str,
    pub args: &'static [&'static str],
    pub zh: &'static str,
    pub en: &'static str,
}

impl Entry {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

impl Msg {
    fn entry(&self) -> Option<&'static Entry> {
        CATALOG.get(self.key as usize)
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> Cow<'static, str> {
        match self.entry() {
            Some(entry) if self.args.is_empty() && !entry.text(lang).contains(['{', '}']) => {
                Cow::Borrowed(entry.text(lang))
            }
            _ => {
                let mut out = String::new();
                self.write_to(lang, &mut out);
                Cow::Owned(out)
            }
        }
    }

    fn write_to(&self, lang: Lang, out: &mut String) {
        let Some(entry) = self.entry() else {
            return;
        };
        let mut rest = entry.text(lang);
        while let Some(at) = rest.find(['{', '}']) {
            out.push_str(&rest[..at]);
            let tail = &rest[at..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                out.push_str(&tail[..1]);
                rest = &tail[2..];
            } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
                let name = &tail[1..end];
                let arg = entry.args.iter().position(|a| *a == name);
                if let Some(arg) = arg.and_then(|i| self.args.get(i)) {
                    arg.write_to(lang, out);
                }
                rest = &tail[end + 1..];
            } else {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
        out.push_str(rest);
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// So that a failed write can carry a message of the catalog (see `Msg::io`).
impl std::error::Error for Msg {}

impl Arg {
    /// A field, with its Chinese label when one is known.
    pub fn field(name: impl Into<String>, label: Option<&Texts>) -> Arg {
        Arg::Field {
            name: name.into(),
            label: label.map(|l| l.zh.clone()).filter(|l| !l.is_empty()),
        }
    }

    /// Values shown one after another.
    pub fn list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
        Arg::List(items.into_iter().map(Into::into).collect())
    }

    fn write_to(&self, lang: Lang, out: &mut String) {
        match self {
            Arg::Plain(text) => out.push_str(text),
            Arg::Texts(texts) => out.push_str(texts.get(lang)),
            Arg::Field { name, label } => {
                out.push('`');
                out.push_str(name);
                out.push('`');
                if let (Lang::Zh, Some(label)) = (lang, label) {
                    out.push('（');
                    out.push_str(label);
                    out.push('）');
                }
            }
            Arg::Msg(msg) => msg.write_to(lang, out),
            Arg::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(lang.pick("、", ", "));
                    }
                    item.write_to(lang, out);
                }
            }
        }
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Plain(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Plain(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Plain(text.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(text: Cow<'_, str>) -> Arg {
        Arg::Plain(text.into_owned())
    }
}

impl From<Msg> for Arg {
    fn from(msg: Msg) -> Arg {
        Arg::Msg(Box::new(msg))
    }
}

/// An optional part: nothing when absent.
impl From<Option<Msg>> for Arg {
    fn from(msg: Option<Msg>) -> Arg {
        match msg {
            Some(msg) => Arg::Msg(Box::new(msg)),
            None => Arg::Plain(String::new()),
        }
    }
}

impl From<Texts> for Arg {
    fn from(texts: Texts) -> Arg {
        Arg::Texts(texts)
    }
}

impl From<&Texts> for Arg {
    fn from(texts: &Texts) -> Arg {
        Arg::Texts(texts.clone())
    }
}

/// Values shown as they print: numbers, amounts, dates.
macro_rules! shown_as_printed {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Plain(n.to_string())
            }
        }
    )*};
}

shown_as_printed!(
    usize,
    u64,
    u32,
    i64,
    rust_decimal::Decimal,
    jiff::civil::Date
);

impl Msg {
    /// A failed read or write as the system reported it: in English its own words, in Chinese
    /// what happened, by its kind.
    pub fn io(e: &std::io::Error) -> Msg {
        use std::io::ErrorKind;
        if let Some(message) = e.get_ref().and_then(|inner| inner.downcast_ref::<Msg>()) {
            return message.clone();
        }
        let detail = e.to_string();
        let code = e.raw_os_error().map(|c| Msg::os_code(c as i64));
        // The kinds that say "disk full" or "is a folder" are newer than the Rust this builds
        // with; their Unix error numbers are the same on Linux and macOS.
        match (e.kind(), e.raw_os_error()) {
            (ErrorKind::NotFound, _) => Msg::io_not_found(detail),
            (ErrorKind::PermissionDenied, _) => Msg::io_permission_denied(detail),
            (ErrorKind::AlreadyExists, _) => Msg::io_already_exists(detail),
            (_, Some(28)) if cfg!(unix) => Msg::io_disk_full(detail, code),
            (_, Some(21)) if cfg!(unix) => Msg::io_is_a_folder(detail),
            (_, Some(20)) if cfg!(unix) => Msg::io_not_a_folder(detail),
            (_, Some(30)) if cfg!(unix) => Msg::io_read_only(detail),
            (ErrorKind::UnexpectedEof, _) => Msg::io_ended_early(detail),
            (ErrorKind::InvalidData, _) => Msg::io_invalid_data(detail),
            _ => Msg::io_other(detail, code),
        }
    }
}

impl Msg {
    /// `message; did you mean …?` when there is a suggestion, else `message`.
    pub fn or_suggest(self, help: Option<Msg>) -> Msg {
        match help {
            Some(help) => Msg::with_suggestion(self, help),
            None => self,
        }
    }
}

/// Declares the catalog: for each message its key, its arguments and its two texts; makes a
/// constructor `Msg::key(args…)` for each.
macro_rules! catalog {
    ($($key:ident($($arg:ident),*) $zh:literal $en:literal)*) => {
        /// Which message.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key {
            $($key),*
        }

        /// Every message, in the order of `Key`.
        pub const CATALOG: &[Entry] = &[
            $(Entry { key: stringify!($key), args: &[$(stringify!($arg)),*], zh: $zh, en: $en }),*
        ];

        impl Msg {
            $(
                pub fn $key($($arg: impl Into<Arg>),*) -> Msg {
                    Msg { key: Key::$key, args: vec![$($arg.into()),*] }
                }
            )*
        }
    };
}

catalog! {
    // Diagnostics: the frame around every error and warning.
    error_label() "错误" "error"
    warning_label() "警告" "warning"
    column_other_subject(n, title, name, owner) "第 {n} 列“{title}”（{name}）是{owner}的信息，而每一行都是一个人：此列不读取" "column {n} `{title}` ({name}) describes {owner}, but every row is a person: the column is ignored"
    set_other_subject(given, name, owner) "--set `{given}`（{name}）是{owner}的信息，而每一行都是一个人" "--set `{given}` ({name}) describes {owner}, but every row is a person"
    help_label() "提示" "help"
    labelled(label, message) "{label}：{message}" "{label}: {message}"
    in_file(file, message) "{file}：{message}" "{file}: {message}"
    did_you_mean(name) "是否想写 `{name}`？" "did you mean `{name}`?"
    usage_error(problem) "错误：{problem}\n\n用 --help 查看用法（帮助文字为英文）。" "error: {problem}\n\nFor more information, try '--help'."
    bad_argument_value(arg, value, why) "参数 {arg} 的值 `{value}` 无效：{why}" "invalid value `{value}` for {arg}: {why}"
    expected_one_of(values) "可选 {values}" "possible values: {values}"
    unknown_argument(arg) "不认识的参数 `{arg}`" "unexpected argument `{arg}`"
    unknown_command(name) "不认识的命令 `{name}`" "unrecognized subcommand `{name}`"
    missing_argument(args) "缺少必需的参数：{args}" "the following required arguments were not provided: {args}"

    // Reading and writing files and streams.
    standard_output() "标准输出" "standard output"
    standard_error() "标准错误输出" "standard error"
    output_closed() "输出已被读取方关闭" "the output was closed by its reader"
    cannot_read(reason) "无法读取：{reason}" "cannot read: {reason}"
    cannot_write(reason) "无法写入：{reason}" "cannot write: {reason}"
    cannot_write_to(what, reason) "无法写入{what}：{reason}" "cannot write to {what}: {reason}"
    larger_than_mib(mib) "文件超过 {mib} MiB" "larger than {mib} MiB"
    not_utf8(offset) "不是 UTF-8 文本（偏移量 {offset} 处的字节无效）" "not UTF-8 text (invalid byte at offset {offset})"
    os_code(code) "（系统错误码 {code}）" " (os error {code})"
    io_not_found(detail) "文件或文件夹不存在" "{detail}"
    io_permission_denied(detail) "没有权限" "{detail}"
    io_already_exists(detail) "文件已存在" "{detail}"
    io_disk_full(detail, code) "磁盘空间已满{code}" "{detail}"
    io_is_a_folder(detail) "这是一个文件夹，不是文件" "{detail}"
    io_not_a_folder(detail) "路径中有一部分不是文件夹" "{detail}"
    io_read_only(detail) "文件系统只读" "{detail}"
    io_ended_early(detail) "数据意外结束" "{detail}"
    io_invalid_data(detail) "数据无效" "{detail}"
    io_other(detail, code) "读写失败{code}" "{detail}"

    // Commands and their arguments.
    unknown_measure_listed(id) "未知措施 `{id}`（`caiju measures` 可列出全部措施）" "unknown measure `{id}` (`caiju measures` lists them)"
    unknown_measure(id) "未知措施 `{id}`" "unknown measure `{id}`"
    expected_beneficiary() "应为 individual（个人）、employer（用人单位）或 organization（申报单位）" "expected individual, employer or organization"
    unknown_area(area, areas) "未知领域 `{area}`（领域：{areas}）" "unknown area `{area}` (areas: {areas})"
    with_suggestion(message, help) "{message}；{help}" "{message}; {help}"
    from_stdin_impossible() "不能使用 `--from -`：标准输入用于回答问题" "`--from -` is not possible: standard input carries the answers"
    saved_to(path) "已保存：{path}" "saved: {path}"
    diff_no_overlay_option() "`policy diff` 比较给出的两个文件；叠加文件请作为 NEW 给出" "`policy diff` compares the two files it is given; give an overlay as NEW"
    cannot_render_manpage(reason) "无法生成手册页：{reason}" "cannot render the manual page: {reason}"

    // Profiles and the values of facts.
    json_ended(detail) "JSON 不完整：在此处意外结束" "invalid JSON: {detail}"
    json_not_object(detail) "JSON 的最外层应是一个对象 {{ … }}" "invalid JSON: {detail}"
    json_syntax(detail) "JSON 语法错误" "invalid JSON: {detail}"
    nested_too_deep(detail) "嵌套层数过多" "{detail}"
    duplicate_key(key, line, col) "重复的键 `{key}`（第 {line} 行第 {col} 列已给出）" "duplicate key `{key}` (first given at line {line}, column {col})"
    a_list() "列表" "a list"
    an_object() "对象" "an object"
    a_table() "表" "a table"
    a_date_with_time() "带时间的日期" "a date with a time"
    invalid_subject(value) "`subject` 的值无效：{value} 不是 person（个人）或 organization（单位）" "invalid value for `subject`: {value} is not one of: person, organization"
    invalid_name(value) "`name` 的值无效：应为文本，实为 {value}" "invalid value for `name`: expected text, found {value}"
    unknown_field(field) "未知字段 `{field}`" "unknown field `{field}`"
    invalid_fact(field, reason) "{field}无效：{reason}" "invalid {field}: {reason}"
    invalid_value(field, reason) "{field}的值无效：{reason}" "invalid value for {field}: {reason}"
    too_many_mistakes(max) "已发现 {max} 处错误，不再继续检查；可能还有更多" "stopped after {max} mistakes; there may be more"
    id_number_disagrees(id, born, date, given) "{id}无效：其中的出生日期是 {born}，但{date}是 {given}" "invalid {id}: it gives the birth date {born}, but {date} is {given}"
    below_min(n, min) "{n} 小于允许的最小值（{min}）" "{n} is below the smallest value allowed ({min})"
    above_max(n, max) "{n} 大于允许的最大值（{max}）" "{n} is above the largest value allowed ({max})"
    not_exact_number(n) "`{n}` 不是精确的数" "`{n}` is not an exact number"
    expected_found(expected, found) "应为{expected}，实为 {found}" "expected {expected}, found {found}"
    true_or_false() "true 或 false" "true or false"
    a_number() "数字" "a number"
    an_amount_in_yuan() "以元为单位的金额" "an amount in yuan"
    a_date_like() "形如 2024-07-01 的日期" "a date like 2024-07-01"
    text_value() "文本" "text"
    one_of(options) "以下之一：{options}" "one of: {options}"
    option_with_label(id, label) "{id}（{label}）" "{id} ({label})"
    not_yes_no(text) "`{text}` 不是“是/否”的回答（可写：是/否、有/无、√/×、1/0、true/false、yes/no）" "`{text}` is not a yes/no answer (expected true/false, yes/no, y/n, 1/0, √/×)"
    is_not(text, expected) "`{text}` 不是{expected}" "`{text}` is not {expected}"
    not_an_option(text, options) "`{text}` 不是可选项（可选：{options}）" "`{text}` is not an option (expected one of: {options})"
    not_calendar_date(text) "`{text}` 不是有效的日期" "`{text}` is not a calendar date"
    not_a_date(text) "`{text}` 不是日期" "`{text}` is not a date"
    month_without_day(text) "`{text}` 只有年月，没有日：请写完整的日期，如 2024年7月1日" "`{text}` gives a month but no day: write the whole date, e.g. 2024-07-01"
    not_a_date_lenient(text) "`{text}` 不是日期（应写作 2024-07-01、2024/7/1 或 2024年7月1日）" "`{text}` is not a date (expected 2024-07-01, 2024/7/1 or 20240701)"
    not_a_date_iso(text) "`{text}` 不是日期（应写作 2024-07-01）" "`{text}` is not a date (expected 2024-07-01)"
    not_calendar_date_in_range(text) "`{text}` 不是 0001–9999 年间的有效日期" "`{text}` is not a calendar date in the years 0001–9999"
    id_number_excel_exponent(id) "`{id}` 是被 Excel 存成数字的身份证号，末几位已经丢失：请把身份证号这一列设为“文本”格式，再重新输入号码" "`{id}` is an ID number that Excel stored as a number, which loses its last digits: format the ID number column as text and type the numbers again"
    id_number_length(id) "`{id}` 不是 18 位：应为 17 位数字加 1 位校验码" "`{id}` is not 18 characters: 17 digits and a check character"
    id_number_excel_zeros(id) "`{id}` 像是被 Excel 存成数字的身份证号，只保留了 15 位数字（其余变成了 0）：请把身份证号这一列设为“文本”格式，再重新输入号码" "`{id}` looks like an ID number that Excel stored as a number, which keeps only 15 digits (the rest became 0): format the ID number column as text and type the numbers again"
    id_number_check(id, last, want) "校验码错误：`{id}` 的最后一位是 `{last}`，按前 17 位应为 `{want}`" "wrong check character: `{id}` ends in `{last}`, but its digits give `{want}`"
    id_number_birth_date(digits, id) "`{id}` 中的出生日期 `{digits}` 不是有效日期" "the birth date `{digits}` inside `{id}` is not a calendar date"

    // The policy's expression language.
    token_number(n) "数字 `{n}`" "number `{n}`"
    token_date(d) "日期 `{d}`" "date `{d}`"
    token_text(t) "文本 \"{t}\"" "text \"{t}\""
    token_code(t) "`{t}`" "`{t}`"
    number_out_of_range_literal(n) "数字 `{n}` 超出范围" "number `{n}` is out of range"
    unterminated_text() "文本没有结束：缺少右引号 `\"`" "unterminated text: a closing `\"` is missing"
    unexpected_equals() "意外的字符 `=`（比较请用 `==`）" "unexpected character `=` (use `==` to compare)"
    unexpected_logic(ch) "意外的字符 `{ch}`（请用 `and`、`or`、`not`）" "unexpected character `{ch}` (use `and`, `or`, `not`)"
    unexpected_character(ch) "意外的字符 `{ch}`" "unexpected character `{ch}`"
    expression_too_long(len, max) "表达式长 {len} 字节；最多允许 {max} 字节" "expression is {len} bytes long; at most {max} are allowed"
    empty_expression() "表达式为空" "empty expression"
    unexpected_after_expression(token) "完整的表达式之后出现了多余的{token}" "unexpected {token} after a complete expression"
    end_of_expression() "表达式结尾" "the end of the expression"
    expected_token(expected, found) "此处应为{expected}，实为{found}" "expected {expected}, found {found}"
    expression_too_deep(max) "表达式嵌套超过 {max} 层" "expression nests deeper than {max} levels"
    list_start() "表示列表开始的 `[`" "`[` to start a list"
    comma_or(token) "`,` 或 {token}" "`,` or {token}"
    value_name_or_paren() "值、名称或 `(`" "a value, a name or `(`"

    type_bool() "布尔值（bool）" "bool"
    type_number() "数字（number）" "number"
    type_money() "金额（money）" "money"
    type_date() "日期（date）" "date"
    type_text() "文本（text）" "text"
    type_enum(name) "枚举 `{name}`" "enum `{name}`"
    expected_type(wanted, found) "应为{wanted}，实为{found}" "expected {wanted}, found {found}"
    negate_needs_number(found) "`-` 需要数字，实为{found}" "`-` needs a number, found {found}"
    in_list_type(item, value) "`in` 列表中是{item}，但被比较的值是{value}" "`in` list holds {item}, but the value is {value}"
    if_branches_differ(a, b) "`if` 的两个分支类型不同：{a}与{b}" "the branches of `if` differ: {a} and {b}"
    operand_needs(context, wanted, found) "{context} 需要{wanted}，实为{found}" "{context} needs {wanted}, found {found}"
    not_an_option_of(name, of, options) "`{name}` 不是{of}的选项（选项：{options}）" "`{name}` is not an option of {of} (options: {options})"
    unknown_name(name) "未知名称 `{name}`" "unknown name `{name}`"
    cannot_compare(op, a, b) "`{op}` 不能比较{a}与{b}" "`{op}` cannot compare {a} with {b}"
    cannot_combine(op, a, b) "`{op}` 不能用于{a}与{b}" "`{op}` cannot combine {a} and {b}"
    unknown_function(name, functions) "未知函数 `{name}`（可用函数：{functions}）" "unknown function `{name}` (functions: {functions})"
    wrong_arity_one(name, found) "`{name}` 需要 1 个参数，实有 {found} 个" "`{name}` takes 1 argument, found {found}"
    wrong_arity(name, n, found) "`{name}` 需要 {n} 个参数，实有 {found} 个" "`{name}` takes {n} arguments, found {found}"
    needs_an_argument(name) "`{name}` 至少需要一个参数" "`{name}` needs at least one argument"
    needs_numbers_or_dates(name, found) "`{name}` 需要数字、金额或日期，实为{found}" "`{name}` needs numbers, money or dates, found {found}"
    mixes_types(name, a, b) "`{name}` 的参数混用了{a}与{b}" "`{name}` mixes {a} and {b}"

    division_by_zero(a) "除以零（{a} / 0）" "division by zero ({a} / 0)"
    number_out_of_range() "数值超出范围" "number out of range"
    argument_missing(k) "缺少第 {k} 个参数" "argument {k} is missing"
    expected_a_date() "应为日期" "expected a date"
    expected_whole_number(found) "应为整数，实为 {found}" "expected a whole number, found {found}"
    min_max_need_values() "`min` 和 `max` 至少需要一个值" "`min` and `max` need at least one value"
    date_out_of_range(date, months) "日期超出范围：{date} 加 {months} 个月" "date out of range: {date} plus {months} months"
    date_error(detail) "日期超出范围" "{detail}"

    // Evaluating measures.
    in_measure(id, message) "措施 `{id}`：{message}" "measure `{id}`: {message}"
    at_position(message, at) "{message}（位置：{at}）" "{message} (at {at})"
    evaluation_date() "评估日期" "the date of the evaluation"
    dates_before(fact, this, other, d) "{fact} = {this}，早于{other} = {d}：两个日期必有一个有误" "{fact} ({this}) is before {other} ({d}): one of the two dates is wrong"
    dates_after(fact, this, other, d) "{fact} = {this}，晚于{other} = {d}：两个日期必有一个有误" "{fact} ({this}) is after {other} ({d}): one of the two dates is wrong"
    effective_by_not_date() "`effective_by` 不是日期" "`effective_by` is not a date"
    total_overflows(amount, total, max) "加上它的金额（{amount}）后，{total}合计超过了能表示的最大金额（{max}）" "adding its amount ({amount}) makes the {total} total larger than the largest amount that can be held ({max})"
    total_of_individual() "个人" "individual"
    total_of_employer() "用人单位" "employer"
    total_of_organization() "申报单位" "organization"
    negative_amount(amount) "金额算得 {amount}；金额不会是负数（可能是某项信息超出范围，或规则需要更正：`caiju policy lint` 会指出）" "the amount came to {amount}; an amount is never negative (a fact out of its range, or a rule to correct: `caiju policy lint` names it)"

    period_from(f) "{f}起" "from {f}"
    period_until(u) "至{u}" "until {u}"
    period_from_until(f, u) "{f}至{u}" "from {f} until {u}"

    // Reading a policy file.
    toml_unknown_field(detail, field, fields) "未知字段 {field}（此处可用的字段：{fields}）" "{detail}"
    toml_no_fields_here(detail, field) "未知字段 {field}（此处不能有字段）" "{detail}"
    toml_missing_field(detail, field) "缺少字段 {field}" "{detail}"
    toml_duplicate_key(detail, key) "重复的键 {key}" "{detail}"
    toml_wrong_type(detail) "值的类型不对" "{detail}"
    toml_bad_date(detail) "不是有效的日期或时间" "{detail}"
    toml_unknown_variant(detail) "不是可选的值" "{detail}"
    toml_syntax(detail) "TOML 语法错误" "{detail}"
    policy_date_out_of_range() "不是 0001–9999 年间的有效日期" "not a calendar date in the years 0001–9999"
    date_without_time() "应为不带时间的日期，如 2021-04-09" "expected a date without a time, like 2021-04-09"
    unknown_choice(what, value, options) "未知的{what} `{value}`（应为以下之一：{options}）" "unknown {what} `{value}` (expected one of: {options})"
    choice_subject() "对象（subject）" "subject"
    choice_fact_type() "事实类型" "fact type"
    choice_parameter_type() "参数类型" "parameter type"
    choice_kind() "措施类别（kind）" "kind"
    choice_beneficiary() "受益方（beneficiary）" "beneficiary"
    key_title() "标题（title）" "title"
    until_before_from(u, f) "`effective_until`（{u}）早于 `effective_from`（{f}）" "`effective_until` ({u}) is before `effective_from` ({f})"
    needs_chinese(what) "{what}缺少中文：`zh` 为空" "{what} needs a Chinese text: `zh` is empty"
    needs_english(what) "{what}缺少英文：`en` 为空" "{what} needs an English text: `en` is empty"
    part_of(key, what) "{what}的 `{key}`" "the {key} of {what}"
    what_fact(name) "事实 `{name}`" "fact `{name}`"
    what_parameter(name) "参数 `{name}`" "parameter `{name}`"
    what_derived(name) "派生值 `{name}`" "derived value `{name}`"
    what_measure(id) "措施 `{id}`" "measure `{id}`"
    what_option(id) "选项 `{id}`" "option `{id}`"
    what_condition(id) "条件 `{id}`" "condition `{id}`"
    what_office(id) "部门 `{id}`" "office `{id}`"
    what_area(id) "领域 `{id}`" "area `{id}`"
    what_change() "一项变更" "a change"
    invalid_declared_name(name) "`{name}` 不是有效的名称：只能用小写字母、数字和 `_`" "`{name}` is not a valid name: use lower-case letters, digits and `_`"
    reserved_name(name) "`{name}` 是保留字，不能声明" "`{name}` is reserved and cannot be declared"
    declared_twice(name) "`{name}` 声明了两次" "`{name}` is declared twice"
    only_enum_options() "只有枚举（enum）事实才有 `options`" "only an enum fact has `options`"
    only_id_number_birth_date() "只有 id_number 事实才有 `birth_date`" "only an id_number fact has `birth_date`"
    not_yes_no_fact(name) "`{name}` 不是“是/否”事实" "`{name}` is not a yes/no fact"
    id_number_needs_birth_date() "id_number 事实需要 `birth_date = \"<日期事实>\"`" "an id_number fact needs `birth_date = \"<date fact>\"`"
    not_date_fact(name) "`{name}` 不是日期事实" "`{name}` is not a date fact"
    date_facts_only(key) "只有日期事实才有 `{key}`" "`{key}` belongs to date facts only"
    not_date_fact_or_as_of(name) "`{name}` 既不是另一个日期事实，也不是 `as_of`" "`{name}` is neither another date fact nor `as_of`"
    enum_needs_options(name) "枚举事实 `{name}` 需要 `options`" "enum fact `{name}` needs `options`"
    option_twice(id) "选项 `{id}` 列了两次" "option `{id}` is listed twice"
    needs_clause(what) "{what}缺少条款：`clause` 为空" "{what} needs a clause: `clause` is empty"
    needs_label(what) "{what}缺少 `label`" "{what} needs a `label`"
    parameter_dated_value(name) "参数总有一个值；有日期的值请写在 `[[params.{name}.versions]]` 下" "a parameter always has a value; put dated values under `[[params.{name}.versions]]`"
    effective_by_without_versions() "`effective_by` 用于在有日期的版本中选择，但这里没有版本" "`effective_by` picks among dated versions, but there are none"
    version_needs_dates() "版本需要 `effective_from` 或 `effective_until`" "a version needs `effective_from` or `effective_until`"
    version_clause_empty() "版本的条款不能为空" "a version's clause cannot be empty"
    parameter_selector_reads() "参数的 `effective_by` 只能读取事实、`as_of` 和不分日期的参数" "a parameter's `effective_by` may read facts, `as_of` and undated parameters only"
    range_on_non_number(name) "事实 `{name}` 不是数字：不能有 `min` 或 `max`" "fact `{name}` is not a number: it takes no `min` or `max`"
    max_below_min(name, high, low) "事实 `{name}`：`max` {high} 小于 `min` {low}" "fact `{name}`: `max` {high} is below its `min` {low}"
    expected_constant() "应为常量" "expected a constant"
    float_number() "TOML 浮点数不精确；请把数写成字符串，如 \"0.02\" 或 \"2%\"" "a TOML float is not exact; write the number as a string, like \"0.02\" or \"2%\""
    expected_constant_kind() "应为数字、布尔值、日期或字符串" "expected a number, a boolean, a date or a string"
    expected_a(what) "应为{what}" "expected {what}"
    word_boolean() "布尔值" "a boolean"
    word_number() "数字" "a number"
    word_money() "金额" "a money amount"
    word_date() "日期" "a date"
    word_text() "文本" "a text"
    word_enum_option() "枚举选项" "an enum option"
    unknown_type(name) "未知类型 `{name}`（应为 bool、number、money、date、text 或某个枚举事实的名称）" "unknown type `{name}` (expected bool, number, money, date, text or the name of an enum fact)"
    bad_default(reason) "默认值（default）：{reason}" "default: {reason}"
    float_amount() "TOML 浮点数不精确；请把金额写成字符串，如 \"1500.50\"" "a TOML float is not exact; write the amount as a string, like \"1500.50\""
    expected_amount() "应为金额：整数，或写有表达式的字符串" "expected an amount: an integer or a string holding an expression"
    derived_cycle(cycle) "派生值相互依赖，形成循环：{cycle}" "derived values depend on each other in a cycle: {cycle}"
    derived_chain(name, n, max) "派生值 `{name}` 依赖一条由 {n} 个派生值组成的链；最多允许 {max} 个" "derived value `{name}` rests on a chain of {n} derived values; at most {max} are allowed"
    measure_in_other_file(id, file) "措施 `{id}` 已由 {file} 声明；叠加文件应在 `[[changes]]` 下修改它" "measure `{id}` is already declared by {file}; an overlay changes it under `[[changes]]`"
    measure_twice(id) "措施 `{id}` 声明了两次（同一措施的各个版本都需要 `effective_from` 或 `effective_until`）" "measure `{id}` is declared twice (versions of a measure each need `effective_from` or `effective_until`)"
    versions_overlap(id, period, line, other) "措施 `{id}` 的这个版本（{period}）与第 {line} 行的版本（{other}）时间重叠" "this version of measure `{id}` ({period}) overlaps the one on line {line} ({other})"
    versions_effective_by(id) "措施 `{id}` 的各个版本必须有相同的 `effective_by`" "versions of measure `{id}` must have the same `effective_by`"
    needs_area(what) "{what}缺少领域：`area` 为空" "{what} needs an area: `area` is empty"
    needs_source(what) "{what}缺少引用的原文：`source` 为空" "{what} needs its quoted source sentence: `source` is empty"
    in_kind_amount(id) "非资金措施 `{id}` 不能有金额" "in-kind measure `{id}` cannot have an amount"
    condition_twice(id) "条件 `{id}` 在本措施中声明了两次" "condition `{id}` is declared twice in this measure"
    value_and_by() "金额要么用 `value`，要么用 `by` 加 `rows`，不能同时用" "an amount has either `value` or `by` with `rows`, not both"
    rows_need_by() "`rows` 需要 `by`：按哪个枚举分行" "`rows` need `by`, the enum they are keyed by"
    amount_needs_value() "`amount` 需要 `value`、`by` 加 `rows`，或 `amount_max`" "`amount` needs `value`, `by` with `rows`, or `amount_max`"
    uncovered_needs_table() "`uncovered` 列出的是金额表（`by` 加 `rows`）的选项" "`uncovered` lists options of an amount table (`by` with `rows`)"
    uncovered_has_row(option) "`{option}` 已有一行；`uncovered` 只列没有行的选项" "`{option}` has a row; `uncovered` lists only options without one"
    by_needs_enum(name) "`by` 需要枚举，但 `{name}` 不是枚举" "`by` needs an enum, but `{name}` is not one"
    table_needs_rows() "金额表需要 `rows`" "an amount table needs `rows`"
    constant_reads_names() "常量不能读取名称" "a constant cannot read names"

    departments_need_lead() "`departments` 至少需要一个牵头部门：`lead` 为空" "`departments` needs at least one lead office: `lead` is empty"
    unknown_office(id) "未知部门 `{id}`：部门在 `[offices.*]` 下声明" "unknown office `{id}`: offices are declared under `[offices.*]`"

    // Overlays.
    facts_and_derived() "事实和派生值" "facts and derived values"
    overlay_needs_document() "叠加文件需要写明所依据的文件：`document` 为空" "an overlay needs the document it cites: `document` is empty"
    overlay_redeclares(name, file, what) "`{name}` 已由 {file} 声明；叠加文件只能新增{what}，不能修改" "`{name}` is already declared by {file}; an overlay adds {what}, it does not change them"
    overlay_keeps_label(what) "叠加文件只给{what}新的值；它的 `label` 保持不变" "an overlay gives {what} a new value; its `label` stays as it is"
    overlay_keeps_effective_by() "叠加文件不能修改参数的 `effective_by`" "an overlay cannot change a parameter's `effective_by`"
    overlay_no_versions() "叠加文件用 `effective_from` / `effective_until` 给值标注日期，不用 `versions`" "an overlay dates its value with `effective_from` / `effective_until`, not `versions`"
    overlay_keeps_type(what, ty) "{what}是{ty}；叠加文件不能改变它的类型" "{what} is {ty}; an overlay cannot change its type"
    change_needs_clause(what) "对{what}的修改需要写明叠加文件的条款：`clause` 为空" "the change to {what} needs the overlay's clause: `clause` is empty"
    a_change_needs_clause() "变更需要写明所依据的叠加文件条款：`clause` 为空" "a change needs the overlay's clause it applies: `clause` is empty"
    change_source_empty() "`source` 为空：请引用叠加文件的原文，或者不写这一项" "`source` is empty: quote the overlay's sentence or leave it out"
    change_needs_something() "变更需要 `off = true`、`amount`、`top_up` 或 `conditions`" "a change needs `off = true`, `amount`, `top_up` or `conditions`"
    off_alone() "`off = true` 表示停止该措施，不能与其他变更同时使用" "`off = true` switches the measure off; it cannot be combined with other changes"
    top_up_and_amount() "`top_up` 是在原金额上增加，不能与新的 `amount` 同时使用" "`top_up` adds to the measure's amount; it cannot be combined with a new `amount`"
    nothing_to_top_up(id) "措施 `{id}` 没有可以增加的金额" "measure `{id}` has no amount to top up"


    // Places of departure.
    place_both_banks(place) "{place}城区跨长江两岸" "{place} lies on both banks of the Yangtze"
    place_divided(place) "长江流经{place}，请写到城市，或写明在长江哪一岸" "the Yangtze divides {place}: name the city, or say which bank"
    place_several(places) "可能是{places}" "it may be {places}"
    either_or(a, b) "{a}或{b}" "{a} or {b}"
    place_ambiguous(text, why, options) "`{text}` 无法确定：{why}；请填写以下之一：{options}" "`{text}` is ambiguous: {why}; give one of: {options}"
    place_choice(id, label) "{label}" "{id} ({label})"
    place_undecided(label, text, why, options) "{label}“{text}”无法判断：{why}；请填写{options}" "{label} “{text}” cannot be told: {why}; give {options}"


    // Outputs.
    cannot_write_json(what, detail) "无法以 JSON 格式写出{what}" "cannot write the {what} as JSON: {detail}"
    json_what_catalog() "措施目录" "catalog"
    json_what_report() "结果" "report"
    json_what_explanation() "说明" "explanation"
    json_what_differences() "差异" "differences"
    json_what_summary() "汇总" "summary"


    // Policy lint.
    no_value_for(name) "没有 {name} 的值" "no value for {name}"
    amount_can_be_negative(id, low, changed) "措施 `{id}` 的金额{changed}可能算得 {low}；金额不会是负数" "the amount of measure `{id}` can come to {low}{changed}; an amount is never negative"
    as_changed_by(file, clause) "（经 {file}（{clause}）修改后）" " as changed by {file} ({clause})"
    condition_never_true(condition, id) "措施 `{id}` 的条件 `{condition}` 永远不会成立" "condition `{condition}` of measure `{id}` can never be true"
    table_misses_option(id, option) "措施 `{id}` 的金额表没有 {option} 的行，也没有条件排除它（请加一行，或把它列入 `uncovered`）" "the amount table of measure `{id}` has no row for {option}, and no condition excludes it (add a row, or list it in `uncovered`)"
    table_misses_options(id, options) "措施 `{id}` 的金额表没有 {options} 的行，也没有条件排除它们（请加行，或把它们列入 `uncovered`）" "the amount table of measure `{id}` has no row for {options}, and no condition excludes them (add a row, or list them in `uncovered`)"
    row_never_applies(row, id) "措施 `{id}` 金额表的第 {row} 行永远不会适用" "row {row} of the amount table of measure `{id}` can never apply"
    rows_overlap(first, second, id, option) "措施 `{id}` 金额表的第 {first} 行和第 {second} 行都可能匹配 `{option}`；以第一行为准" "rows {first} and {second} of the amount table of measure `{id}` can both match `{option}`; the first one wins"
    fact_unused(name) "事实 `{name}` 已声明，但没有任何措施或派生值用到它" "fact `{name}` is declared but no measure or derived value uses it"
    parameter_unused(name) "参数 `{name}` 已声明，但没有用到" "parameter `{name}` is declared but nothing uses it"
    derived_unused(name) "派生值 `{name}` 已声明，但没有用到" "derived value `{name}` is declared but nothing uses it"
    one_error() "1 个错误" "1 error"
    errors_count(n) "{n} 个错误" "{n} errors"
    one_warning() "1 个警告" "1 warning"
    warnings_count(n) "{n} 个警告" "{n} warnings"
    lint_counts(errors, warnings) "{errors}，{warnings}" "{errors}, {warnings}"
    no_problems(files) "{files}：没有发现问题" "{files}: no problems found"


    // Policy differences.
    verbatim(text) "{text}" "{text}"
    no() "否" "no"
    aspect_dated_value(period) "value（{period}）" "value {period}"
    aspect_condition(id) "条件 {id}" "condition {id}"
    aspect_amount_by() "金额依据" "amount by"
    aspect_row(options, when, period) "金额 [{options}]{when}{period}" "amount [{options}]{when}{period}"
    aspect_when(expr) "，当 {expr}" " when {expr}"
    aspect_period(period) "（{period}）" " {period}"
    aspect_in_force() "有效" "in force"
    diff_item_policy() "政策" "policy"
    diff_item_fact() "事实" "fact"
    diff_item_param() "参数" "param"
    diff_item_derived() "派生值" "derived"
    diff_item_measure() "措施" "measure"
    no_differences() "没有差异" "no differences"
    one_difference() "共 1 处差异" "1 difference"
    differences_count(n) "共 {n} 处差异" "{n} differences"


    // Who measures are for and whom they pay; when they are in force.
    subject_person() "个人" "a person"
    subject_organization() "单位" "an organization"
    other_subject_fact(field, owner, profile, default, subject) "{field}是{owner}的信息，但本档案描述的是{profile}{default}：请删去这一项，或写明 subject = \"{subject}\"" "{field} describes {owner}, but this profile describes {profile}{default}: remove it, or write subject = \"{subject}\""
    subject_defaults_to_person() "（未写 subject 时默认为个人）" " (subject is \"person\" when not given)"
    paid_to_you() "本人" "you"
    paid_to_employer() "用人单位" "employer"
    paid_to_organization() "申报单位" "organization"
    policy_out_of_force(period, date) "本政策{period}施行，评估日期{date}不在施行期内" "the policy is in force {period}; the as-of date {date} is outside it"
    switched_off_from(date, by) "自{date}起已由{by}停止执行" "switched off from {date} by {by}"
    switched_off(by) "已由{by}停止执行" "switched off by {by}"
    the_as_of_date() "评估日期" "the as-of date"
    unknown_value() "未知" "unknown"
    measure_out_of_force(period, label, date) "本措施{period}施行，{label}{date}不在施行期内" "the measure is in force {period}; {label} {date} is outside it"


    // Questions of `caiju ask`.
    yes() "是" "yes"
    yes_no_options() "是/否" "yes/no"
    ask_subject() "您是以个人身份还是代表单位（企业、院校、机构）查询？" "Are you asking for yourself or for an organization (enterprise, college, institute)?"
    ask_subject_help() "个人：毕业生、技能人才、科研人员、返乡创业者等，包括人事专员查询新员工的吸纳人才补贴（按员工本人情况填写）。单位：以单位名义申报的补助，如研发机构、工作站、技能大师工作室、产教融合。" "A person: graduates, skilled workers, researchers, returning entrepreneurs — and an HR officer checking a new hire's hiring subsidy (answer about the hire). An organization: grants an organization applies for itself, such as R&D institutions, workstations, skill-master studios, industry–education integration."
    hint_date_or_id() "YYYY-MM-DD 或18位身份证号码" "YYYY-MM-DD or 18-character ID number"
    hint_date() "YYYY-MM-DD" "YYYY-MM-DD"
    hint_number() "数字" "number"
    hint_money() "金额（元）" "amount in yuan"
    hint_id_number() "18位身份证号码" "18-character ID number"
    hint_text() "文字" "text"
    ask_checklist_organization() "以下哪些情况适用于贵单位？（可多选；都不适用请直接回车）" "Which of these apply to your organization? (any number; none: just press Enter)"
    ask_checklist_person() "以下哪些情况适用于您？（可多选；都不适用请直接回车）" "Which of these apply to you? (any number; none: just press Enter)"
    ask_checklist_help() "未勾选的各项按通常情况（“否”或“无”）处理。勾选的是/否项即视为“是”；其他项随后会再细问。" "Items not ticked are taken as the usual case (“no” or “none”). A ticked yes/no item counts as yes; the others are asked in detail next."
    no_further_help(options) "此题没有补充说明。可以回答：{options}" "No further help for this question. Answers: {options}"
    answer_not_subject(text) "“{text}”不是可选项，请回答 person（个人）或 organization（单位）" "`{text}` is not an option: answer person or organization"
    answer_invalid(text) "“{text}”不是有效的回答" "`{text}` is not a valid answer"
    answer_not_yes_no(text, detail) "“{text}”不是有效的回答，请回答 是 或 否" "{detail}"
    answer_not_number(text, detail) "“{text}”不是数字" "{detail}"
    answer_not_money(text, detail) "“{text}”不是有效的金额（元）" "{detail}"
    answer_not_date_or_id(text, detail) "“{text}”不是有效日期（如 1998-05-12），也不是18位身份证号码" "{detail}"
    answer_not_date(text, detail) "“{text}”不是有效日期，请按 2024-07-01 的格式填写" "{detail}"
    answer_not_id_number(text, detail) "“{text}”不是有效的18位身份证号码（位数、校验位或出生日期有误）" "{detail}"
    answer_not_understood(text, detail) "“{text}”无法识别" "{detail}"
    answer_not_option(text, labels, detail) "“{text}”不是可选项，请从以下选择：{labels}" "{detail}"
    answer_not_in_list(text) "“{text}”不在清单中，请用逗号分隔清单中的名称" "`{text}` is not in the list: give names from the list, separated by commas"
    answer_too_long(max) "回答过长（最多 {max} 字节）" "the answer is too long (at most {max} bytes)"
    answer_not_utf8() "回答不是有效的 UTF-8 文字" "the answer is not UTF-8 text"
    cannot_read_stdin(reason) "无法读取标准输入：{reason}" "cannot read standard input: {reason}"

    question_last(n) "第{n}题 — 最后一题" "question {n} — the last one"
    question_left(n, left) "第{n}题 — 最多还有{left}题" "question {n} — at most {left} left"
    first_question() "这已是第一题。" "This is the first question."
    cannot_ask(detail) "无法在终端上提问" "cannot ask: {detail}"
    dont_know() "不知道" "I don't know"
    show_help() "？查看说明" "? show help"
    keys_choose() "↑↓ 选择，回车确认 · Esc 返回上一题 · Ctrl-C 退出" "↑↓ to move, Enter to choose · Esc: previous question · Ctrl-C: quit"
    keys_tick() "空格勾选，回车确认 · 都不适用直接回车 · Esc 返回上一题" "Space to tick, Enter to confirm · none: just Enter · Esc: previous question"
    keys_type() "回车确认 · 不知道请留空回车 · 输入 ? 查看说明 · Esc 返回上一题" "Enter to confirm · empty if you don't know · ? for help · Esc: previous question"
    confirm_yes() "是" "Yes"
    confirm_no() "否" "No"
    confirm_default_yes() "(是/否，默认 是)" "(Y/n)"
    confirm_default_no() "(是/否，默认 否)" "(y/N)"
    offer_save() "要保存已回答的内容吗？" "Save your answers so far?"
    answer_yes_or_no() "请回答 是 或 否" "Please answer yes or no"
    save_to_file() "保存到文件：" "Save to file:"
    saved_answers_comment() "caiju ask 的回答。复核：caiju check 本文件" "Answers given to caiju ask. Check them with: caiju check THIS-FILE"
    not_ticked_comment() "清单中未勾选（按通常情况）" "not ticked in the checklist (the usual case)"


    // Reasons in reports.
    as_of_label() "评估日期" "as-of date"
    value_separator() "；" "; "
    with_values(text, values) "{text}（{values}）" "{text} ({values})"
    measure_is_for(subject) "本措施面向{subject}，不适用于本档案" "this measure is for {subject}, not for this profile"
    condition_met(text) "✓ 满足：{text}" "✓ met: {text}"
    condition_not_met(text) "✗ 不满足：{text}" "✗ not met: {text}"
    condition_unknown(text) "? 待确认：{text}" "? unknown: {text}"
    claimable_from_not_yet(date) "自 {date} 起可申领（尚未到期）" "claimable from {date} (not yet)"
    claimable_since(date) "自 {date} 起可申领" "claimable since {date}"
    selective() "择优评选：符合基本条件即可申报，是否获得由评审决定" "selective: you meet the basic conditions and may apply; selection decides"
    still_needed(labels) "尚需了解：{labels}" "still needed: {labels}"
    to_be_settled() "待确认" "unknown"
    amount_from(parts) "金额：{parts}" "amount: {parts}"
    no_amount_for(seen) "无对应金额：{seen}" "no amount for {seen}"
    up_to(amount) "最高 {amount}" "up to {amount}"
    amount_decimals_range(max) "`amount_decimals` 必须是 0 到 {max} 的整数（2：精确到分）" "`amount_decimals` must be a whole number from 0 to {max} (2: to the fen)"
    request_not_utf8() "请求不是 UTF-8 文字" "the request is not UTF-8 text"
    no_policy() "政策尚未载入" "no policy is loaded"
    asking_for() "查询对象" "asking for"
    what_applies() "适用的情况" "what applies"
    cannot_read_profile(problem) "无法读取档案：{problem}" "cannot read the profile: {problem}"
    request_not_understood(detail) "请求无法识别：{detail}" "the request is not understood: {detail}"
    bad_as_of(problem) "评估日期有误：{problem}" "bad as-of date: {problem}"
    rounded_to_fen() "（四舍五入到分）" " (rounded half up to the fen)"
    rounded_to_yuan() "（四舍五入到元）" " (rounded half up to the yuan)"
    rounded_to_decimals(n) "（四舍五入保留{n}位小数）" " (rounded half up to {n} decimals)"

    handled_by(names, departments) "经办：{names} — {departments}" "Handled by: {names} — {departments}"
    departments(lead, responsible, payer) "牵头单位 {lead}{responsible}{payer}" "lead: {lead}{responsible}{payer}"
    responsible(names) "；责任单位 {names}" "; responsible: {names}"
    paid_by(payer) "；由{payer}支出" "; paid by {payer}"
    more_do_not_apply(n) "另有 {n} 项措施不适用；加 --all 查看原因。" "{n} more measures do not apply; add --all to see why."
    for_organisations() "单位" "organisations"
    for_persons() "个人" "persons"
    other_subject_left_out(n, other) "另有 {n} 项面向{other}的措施未列出；加 --all --subject any 一并查看。" "{n} measures for {other} are not listed; add --all --subject any to see them too."
    report_title(title, document, date) "{title}（{document}） — 评估日期 {date}" "{title} ({document}) — as of {date}"
    profile_name(name) "档案：{name}" "profile: {name}"
    column_measure() "措施" "measure"
    column_paid_to() "领取方" "paid to"
    column_amount() "金额（元）" "amount (yuan)"
    column_clause() "依据" "clause"
    column_why() "说明" "why"
    column_claimable_from() "可领取日期" "claimable from"
    column_questions() "还需回答" "questions to answer"
    section_money() "【可领取的补贴】" "[Money you get]"
    section_later() "【以后可领取】" "[Money coming later]"
    section_awards() "【可申报的评选奖励】" "[Awards you may apply for]"
    section_services() "【权利与服务】" "[Rights and services]"
    section_unknown() "【还需了解的信息】" "[What we still need to know]"
    section_excluded() "【不适用】" "[Does not apply]"
    no_measure_applies() "没有适用的措施。" "No measure applies."
    total_part(who, amount) "{who} {amount}" "{who} {amount}"
    semicolons(a, b) "{a}；{b}" "{a}; {b}"
    total(parts) "合计：{parts}" "Total: {parts}"


    // Explanations of one measure.
    change_switches_off() "停止执行本措施" "switches the measure off"
    change_sets_amount() "改定金额" "sets a new amount"
    change_tops_up(amount) "在原金额上增加 {amount}" "adds {amount} to the amount"
    change_adds_conditions(ids) "增加条件：{ids}" "adds conditions: {ids}"
    amount_label() "金额" "amount"
    table_row(n, key) "第{n}行（{key}）" "row {n} ({key})"
    in_brackets(text) "（{text}）" " ({text})"
    row_applies() "适用" "applies"
    row_does_not_apply() "不适用" "does not apply"
    row_verdict(row, verdict, seen) "{row}：{verdict}{seen}" "{row}: {verdict}{seen}"
    no_row_for_value() "没有对应的金额行" "no row gives an amount for this value"
    ceiling_label() "最高金额" "ceiling"
    claimable_label() "可申领日期" "claimable from"
    explain_eligible() "可领取" "eligible"
    explain_pending() "待满期后可领取" "pending (claimable later)"
    explain_may_apply() "可申报（择优评选）" "may apply (selective)"
    explain_needs_info() "信息不足" "needs information"
    explain_not_eligible() "不符合" "not eligible"
    explain_clause(document, clause, file) "依据：{document} {clause}，见 {file}" "clause: {document} {clause} — {file}"
    label_source() "原文" "source"
    explain_kind(kind, subject, beneficiary) "类型：{kind} · 对象：{subject} · 领取方：{beneficiary}" "kind: {kind} · for: {subject} · paid to: {beneficiary}"
    label_handled_by() "经办" "handled by"
    label_in_force() "施行" "in force"
    label_note() "说明" "note"
    versions_heading() "各版本：" "versions:"
    always() "长期" "always"
    amendments_heading() "叠加文件的修改：" "changed by overlays:"
    conditions_none() "条件：无" "conditions: none"
    conditions_heading() "条件（须全部满足）：" "conditions (all must hold):"
    added_by(by) "由叠加文件增加：{by}" "added by {by}"
    amount_heading() "金额：" "amount:"
    amount_sources(sources) "金额来源：{sources}" "amount from: {sources}"
    evaluation_of(name, date) "评估（档案 {name}，评估日期 {date}）：" "evaluation (for {name}, as of {date}):"
    evaluation(date) "评估（评估日期 {date}）：" "evaluation (as of {date}):"
    explain_met(id, text) "✓ 满足 {id}：{text}" "✓ met {id}: {text}"
    explain_not_met(id, text) "✗ 不满足 {id}：{text}" "✗ not met {id}: {text}"
    explain_unknown(id, text) "? 待确认 {id}：{text}" "? unknown {id}: {text}"
    derived_heading() "派生值：" "derived values:"
    amount_steps_heading() "金额计算：" "amount, step by step:"
    result(status) "结果：{status}" "result: {status}"
    result_claimable(date) "，自 {date} 起可申领" ", claimable from {date}"


    // The catalog of measures.
    kind_entitlement() "符合条件即享受" "entitlement"
    kind_competitive() "择优评选" "competitive"
    kind_in_kind() "权利或服务" "in-kind"
    catalog_title(title, document, date, count) "{title}（{document}） — 措施目录，{date}，共{count}项" "{title} ({document}) — catalog as of {date}, {count} measures"
    overlay_line(file, document) "叠加：{file}（{document}）" "overlay: {file} ({document})"
    column_kind() "类型" "kind"
    column_conditions() "条件" "conditions"
    column_from_file() "来源文件" "from file"
    in_force_period(period) "施行：{period}" "in force {period}"
    not_in_force() "【未施行】" "[not in force]"
    area_heading(name, id) "【{name} · {id}】" "[{name} · {id}]"
    area_heading_id(id) "【{id}】" "[{id}]"


    // Intakes (`caiju batch`).
    no_header_row() "输入为空：没有表头行" "the input is empty: no header row"
    column_ignored(column, title) "第 {column} 列 `{title}` 不是政策中的字段，已忽略" "column {column} `{title}` is not a field of the policy and is ignored"
    column_ambiguous(column, title, fields) "第 {column} 列 `{title}` 可能是以下任一字段：{fields}；请改用字段名作列标题" "column {column} `{title}` could be any of: {fields}; title it with the field name instead"
    columns_both(first, first_title, second, title, what) "第 {first} 列 `{first_title}` 和第 {second} 列 `{title}` 给出的都是{what}" "columns {first} `{first_title}` and {second} `{title}` both give {what}"
    the_name() "姓名" "the name"
    the_staff_number() "工号" "the staff number"
    no_known_column(titles) "没有一个列标题是政策中的字段（列标题为：{titles}）；第一行必须是列标题" "no column title is a field of the policy (the titles are: {titles}); the first row must hold the column titles"
    set_syntax(given) "--set `{given}`：应写作 字段=值，如 --set 单位在南平=是" "--set `{given}`: expected FIELD=VALUE, e.g. --set employer_in_nanping=yes"
    set_ambiguous(field, fields) "--set `{field}` 可能是以下任一字段：{fields}；请改用字段名" "--set `{field}` could be any of: {fields}; use the field name instead"
    set_unknown(field) "--set `{field}` 不是政策中的字段" "--set `{field}` is not a field of the policy"
    set_id_number(field) "--set `{field}`：身份证号因人而异，请放在一列中给出" "--set `{field}`: an ID number is each person's own; give it in a column"
    set_invalid(field, name, reason) "--set `{field}`（{name}）：{reason}" "--set `{field}` ({name}): {reason}"
    column_problem(column, title, reason) "第 {column} 列 `{title}`：{reason}" "column {column} `{title}`: {reason}"
    column_problem_named(column, title, name, reason) "第 {column} 列 `{title}`（{name}）：{reason}" "column {column} `{title}` ({name}): {reason}"
    row_width(row, cells, columns) "第 {row} 行：有 {cells} 个单元格，但表头有 {columns} 列" "row {row}: {cells} cells, but the header has {columns} columns"
    row_error(row, reason) "第 {row} 行：{reason}" "row {row}: {reason}"

    cannot_read_sheet(name, detail) "无法读取工作表 `{name}`（文件可能已损坏）" "cannot read sheet `{name}`: {detail}"
    not_a_workbook(detail) "不是可读取的 xlsx、xlsm、xlsb、xls 或 ods 工作簿，或文件已损坏" "{detail}"
    workbook_too_large(size, max) "工作簿有 {size} MiB，超过 .xls 或 .ods 名单允许的 {max} MiB（请另存为 .xlsx 或 CSV）" "the workbook is {size} MiB, more than the {max} MiB an .xls or .ods intake may have (save it as .xlsx or CSV)"
    no_sheet() "工作簿中没有工作表" "the workbook has no sheet"
    no_sheet_named(name, sheets) "没有名为 `{name}` 的工作表（工作表有：{sheets}）" "no sheet named `{name}` (the sheets are: {sheets})"
    workbook_part_too_large(name, max) "工作簿中的 `{name}` 解压后超过 {max} MiB，这是名单中单个部分的上限" "`{name}` in the workbook unpacks to more than {max} MiB, the limit for a part of an intake"
    cannot_read_part(name, reason) "无法读取工作簿中的 `{name}`：{reason}" "cannot read `{name}` in the workbook: {reason}"
    workbook_unpacks_too_large(max) "工作簿解压后超过 {max} MiB，这是名单的上限" "the workbook unpacks to more than {max} MiB, the limit for an intake"
    cell_out_of_bounds(cell, rows, columns) "工作表在 {cell} 有单元格，超出名单允许的 {rows} 行、{columns} 列" "the sheet has a cell at {cell}, beyond the {rows} rows and {columns} columns an intake may have"
    cells_out_of_order(row, after) "工作表的单元格顺序错乱（第 {row} 行出现在第 {after} 行之后）" "the sheet's cells are out of order (row {row} after row {after})"
    quote_never_closed(quote) "第 {quote} 行开始的引号（\"）一直没有结束，文件其余部分都被读成了一个单元格（单元格中的引号要写两次：\"\"）" "a quote (\") opened on row {quote} is never closed, so the rest of the file was read as one cell (a quote inside a cell is written twice: \"\")"
    row_not_utf8() "文字不是有效的 UTF-8（请把文件另存为“CSV UTF-8”，或加 --encoding gbk）" "the text is not valid UTF-8 (save the file as CSV UTF-8, or pass --encoding gbk)"
    cannot_read_row(row, reason) "无法读取第 {row} 行：{reason}" "cannot read row {row}: {reason}"
    csv_error(detail) "CSV 格式有误" "{detail}"

    status_eligible() "可领取" "eligible"
    status_pending() "待到期" "pending"
    status_may_apply() "可申报" "may apply"
    status_needs_info() "需补充信息" "needs info"
    status_not_eligible() "不符合" "not eligible"
    batch_individuals() "个人" "individuals"
    batch_employers() "用人单位" "employers"
    batch_organizations() "申报单位" "organizations"
    column_row() "行号" "row"
    column_name() "姓名" "name"
    column_staff_number() "工号" "ID"
    column_total_now() "现可领取合计（元）" "total now (yuan)"
    column_total_later() "待到期合计（元）" "total later (yuan)"
    column_measure_id() "措施编号" "measure id"
    column_status() "状态" "status"
    column_still_needed() "还需了解" "still needed"
    column_error() "错误" "error"
    row_number(row) "第 {row} 行" "row {row}"
    staff_number(id) "工号 {id}" "ID {id}"
    eligible_in_total(parts) "可领取合计：{parts}" "eligible in total: {parts}"
    row_unreadable(reason) "无法读取：{reason}" "cannot read: {reason}"

    cannot_write_workbook(detail) "无法写出工作簿" "{detail}"
    sheet_results() "结果" "Results"
    sheet_results_numbered(n) "结果 {n}" "Results {n}"
    sheet_summary() "汇总" "Summary"
    rows_read() "读取行数" "rows read"
    rows_evaluated() "评估行数" "rows evaluated"
    rows_blank() "空行（跳过）" "blank rows (skipped)"
    rows_with_errors() "有错误的行数" "rows with errors"
    error_row_numbers() "有错误的行号" "numbers of the rows with errors"
    column_eligible_amount() "可领取金额（元）" "eligible (yuan)"
    column_pending_amount() "待到期金额（元）" "pending (yuan)"
    total_eligible() "合计可领取" "total eligible"
    total_pending() "合计待到期" "total pending"
    workbook_not_written(cause) "无法写出工作簿（磁盘是否已满？）" "the workbook could not be written (is the disk full?): {cause}"
    already_renamed() "文件已移到位" "already renamed"
    writer_thread_failed() "负责写入的线程出错" "a thread writing it failed"

    batch_total_overflows(what, max) "本批的 `{what}` 合计超过了能表示的最大金额（{max}）" "the batch's total for `{what}` is larger than the largest amount that can be held ({max})"
    note_row(row, text) "提示：第 {row} 行“{text}”是表格下的说明，不是人员，未评估" "notice: row {row} `{text}` is a note under the table, not a hire, and was not evaluated"
    one_row() "1 行" "1 row"
    rows_count(n) "{n} 行" "{n} rows"
    summary_read(read, evaluated) "汇总：读取 {read}，评估 {evaluated} 行" "summary: {read} read, {evaluated} evaluated"
    summary_above_header(rows) "，跳过表头上方 {rows}" ", {rows} above the header skipped"
    one_note() "1 行" "1 note"
    notes_count(n) "{n} 行" "{n} notes"
    summary_notes(notes) "，说明行 {notes}" ", {notes} not a hire"
    summary_blank(n) "，跳过空行 {n} 行" ", {n} blank skipped"
    summary_error_row(n, rows) "，{n} 行有错误（第 {rows} 行）" ", {n} with errors (row {rows})"
    summary_error_rows(n, rows) "，{n} 行有错误（第 {rows} 行）" ", {n} with errors (rows {rows})"
    set_example_option(id, label) "{label}" "{id}"
    missing_column_hint(count, total, name, label, example) "提示：{count} 行（共 {total} 行）需要“{label}”，而文件中没有这一列；如果对所有人员都相同，可用 --set {label}={example} 给出" "hint: {count} of {total} rows need `{name}` ({label}), for which the file has no column; if it is the same for every hire, give it with --set {name}={example}"

    encoding_for_csv_only() "--encoding 只适用于 CSV 输入" "--encoding applies to CSV input only"
    sheet_for_spreadsheets_only() "--sheet 只适用于电子表格输入（.xlsx）" "--sheet applies to spreadsheet input (.xlsx) only"
    the_file_on_stdin() "标准输入上的文件" "the file on standard input"
    the_input() "输入文件" "the input"
    would_overwrite_input(file, input) "{file} 就是{input}；输入文件不会被覆盖" "{file} is {input}; the input is never overwritten"
    output_is_summary(file) "--output 和 --summary 是同一个文件（{file}）；请分别指定" "--output and --summary are the same file ({file}); give each its own"
    xlsx_on_terminal() "xlsx 工作簿不能显示在终端上；请加 --output 文件名.xlsx" "an xlsx workbook cannot be shown on a terminal; pass --output FILE.xlsx"


    // Policy tests.
    tests_passed_failed(passed, failed) "{passed} 个通过，{failed} 个失败" "{passed} passed, {failed} failed"
    no_such_path() "文件或文件夹不存在" "no such file or folder"
    test_failed_at(at) "失败 {at}" "FAIL {at}"
    case_mismatch(name, id, mismatches) "{name} — {id}：{mismatches}" "{name} — {id}: {mismatches}"
    case_total_mismatch(name, who, want, got) "{name} — {who} 合计：应为 {want}，实为 {got}" "{name} — total for {who}: expected {want}, got {got}"
    unknown_status(status) "未知状态 `{status}`" "unknown status `{status}`"
    expected_got(what, want, got) "{what} 应为 {want}，实为 {got}" "expected {what} {want}, got {got}"
    not_an_amount(text) "`{text}` 不是金额" "`{text}` is not an amount"
    expected_amount_string() "应为写成字符串的金额，如 \"70000\"，或 \"null\"" "expected an amount as a string, like \"70000\", or \"null\""


    // The roster template.
    cannot_make_template(reason) "无法生成模板：{reason}" "cannot make the template: {reason}"
    cannot_write_template(reason) "无法写出模板：{reason}" "cannot write the template: {reason}"
    template_file_name() "花名册模板.xlsx" "roster-template.xlsx"
    template_exists(path) "{path} 已存在；请用 --output 文件名.xlsx 指定模板写到哪里" "{path} already exists; pass --output FILE.xlsx to say where the template goes"
    template_written(path, columns) "已写入 {path}：{columns} 列，填写说明见“说明”工作表。" "wrote {path}: {columns} columns; the Instructions sheet says what goes in each."
    fill_id_number() "18位身份证号码（文本）" "18-character ID number (text)"
    fill_choose(options) "从下拉列表选择：{options}" "choose from the list: {options}"
    fill_yes_no() "是 / 否" "yes / no"
    fill_date() "日期，如 2024-07-01" "a date, e.g. 2024-07-01"
    empty_means_default(value) "按默认值：{value}" "the default: {value}"
    empty_read_from(label) "由“{label}”得出；都没有时视为未知" "read from “{label}”; unknown if neither is given"
    empty_means_unknown() "视为未知：用到它的措施显示“需补充信息”" "unknown: measures that need it show “needs info”"
    sheet_options() "选项" "Options"
    sheet_roster() "花名册" "Roster"
    sheet_instructions() "说明" "Instructions"
    template_name_help() "填写人员姓名，结果中原样列出。" "The person's name, shown with the results."
    template_id_title() "工号" "id"
    template_id_help() "本单位的工号或编号（文本），结果中原样列出。" "Your staff number (text), shown with the results."
    template_instructions() "每行填写一位人员，第一行的列标题不要修改。不知道的可以留空；填好后保存，运行 caiju batch 文件名.xlsx --output 结果.xlsx。" "One person per row; do not change the titles in the first row. Leave a cell empty when you do not know; then save and run caiju batch FILE.xlsx --output results.xlsx."
    template_column() "列" "column"
    template_title() "列标题" "title"
    template_field() "字段名" "field"
    template_meaning() "含义" "meaning"
    template_what_to_enter() "填写" "what to enter"
    template_if_empty() "留空时" "if left empty"
    may_be_left_empty() "可以留空" "may be left empty"
    choose_from_list() "请从列表中选择" "Choose from the list"
    one_of_options(options) "可选：{options}" "One of: {options}"


    // Rules in words.
    row_when(key, when) "{key}，且{when}" "{key}, when {when}"
    with_period(text, period) "{text}（{period}）" "{text} ({period})"
    period_by(period, label) "{period}（按{label}）" "{period} (by {label})"
    amount_by(label) "按{label}：" "by {label}:"
    no_amount_row(options) "{options}：无金额" "{options}: no amount"
    up_to_words(amount) "最高{amount}" "up to {amount}"
    no_sum_of_money() "无金额（权利或服务）" "no sum of money (a right or a service)"
    claimable_from_words(date) "自{date}起可申领" "claimable from {date}"
    word_not(a) "非{a}" "not {a}"
    word_and() "且" "and"
    word_or() "或" "or"
    is_one_of(value, items) "{value} 为 {items} 之一" "{value} is one of {items}"
    is_none_of(value, items) "{value} 不为 {items} 之一" "{value} is none of {items}"
    if_then_otherwise(c, a, b) "若 {c} 则 {a}，否则 {b}" "if {c} then {a}, otherwise {b}"
    and_last(rest, last) "{rest} 与 {last}" "{rest} and {last}"
    lesser_of(list) "{list} 中较小者" "the lesser of {list}"
    greater_of(list) "{list} 中较大者" "the greater of {list}"
    whole_years_between(from, to) "{from} 至 {to} 的周岁数" "whole years from {from} to {to}"
    plus_years(date, n) "{date} 后 {n} 年" "{date} plus {n} years"
    plus_months(date, n) "{date} 后 {n} 个月" "{date} plus {n} months"
    dated_value(period, value) "{period}{value}" "{period}: {value}"
    param_with_versions(label, value, dated) "{label}（{value}；{dated}）" "{label} ({value}; {dated})"


    // What would change the outcome (`caiju ask`).
    chance_to_apply_up_to(name, amount) "可申报{name}（最高{amount}元）" "the chance to apply for {name} (up to {amount})"
    chance_to_apply(name, amount) "可申报{name}（{amount}元）" "the chance to apply for {name} ({amount})"
    gain_amount(name, amount) "{name} {amount}元" "{name} {amount}"
    paid_to_the_employer(gain) "{gain}（付给用人单位）" "{gain} (paid to the employer)"
    what_would_change() "【什么会改变结果】" "[What would change the outcome]"
    condition_would_add(condition, gains) "若满足“{condition}”，可增加：{gains}" "{condition} would add: {gains}"
    condition_could_add(condition, gains) "若满足“{condition}”，且其余尚未询问的条件也满足，可增加：{gains}" "{condition} could add, if the conditions not yet asked also hold: {gains}"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names between braces in a text, `{{` and `}}` left out.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find(['{', '}']) {
            let tail = &rest[at..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                rest = &tail[2..];
            } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
                names.push(&tail[1..end]);
                rest = &tail[end + 1..];
            } else {
                panic!("a lone brace in `{text}`");
            }
        }
        names
    }

    #[test]
    fn every_entry_fills_only_its_arguments_and_uses_each() {
        for entry in CATALOG {
            let zh = placeholders(entry.zh);
            let en = placeholders(entry.en);
            for name in zh.iter().chain(&en) {
                assert!(
                    entry.args.contains(name),
                    "{}: no argument `{name}`",
                    entry.key
                );
            }
            for arg in entry.args {
                assert!(
                    zh.contains(arg) || en.contains(arg),
                    "{}: `{arg}` is never shown",
                    entry.key
                );
            }
        }
    }

    #[test]
    fn keys_are_unique_and_texts_filled() {
        let mut keys: Vec<&str> = CATALOG.iter().map(|e| e.key).collect();
        keys.sort_unstable();
        let count = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), count, "a key is declared twice");
        for entry in CATALOG {
            assert!(!entry.zh.trim().is_empty(), "{}: no Chinese", entry.key);
            assert!(!entry.en.trim().is_empty(), "{}: no English", entry.key);
        }
    }

    #[test]
    fn renders_arguments_in_each_language() {
        let label = Texts {
            zh: "最高全日制学历".into(),
            en: "highest full-time education".into(),
        };
        let msg = Msg::labelled(
            Msg::error_label(),
            Msg::in_file(Arg::field("education", Some(&label)), Arg::list(["a", "b"])),
        );
        assert_eq!(
            msg.render(Lang::Zh),
            "错误：`education`（最高全日制学历）：a、b"
        );
        assert_eq!(msg.render(Lang::En), "error: `education`: a, b");
        assert_eq!(msg.to_string(), "error: `education`: a, b");
    }
}
