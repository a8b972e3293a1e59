//! Policy differences as text: one line per difference, `+` added, `-` removed, `~` changed.

use super::Difference;
use crate::i18n::Lang;

fn item_word(item: &str, lang: Lang) -> &'static str {
    match item {
        "policy" => lang.pick("政策", "policy"),
        "fact" => lang.pick("事实", "fact"),
        "param" => lang.pick("参数", "param"),
        "derived" => lang.pick("派生值", "derived"),
        _ => lang.pick("措施", "measure"),
    }
}

pub fn render(old: &str, new: &str, changes: &[Difference], lang: Lang) -> String {
    let mut out = format!("{old} → {new}\n");
    for d in changes {
        let sign = match d.change {
            "added" => "+",
            "removed" => "-",
            _ => "~",
        };
        let mut line = format!("{sign} {}", item_word(d.item, lang));
        if !d.id.is_empty() {
            line.push_str(&format!(" {}", d.id));
        }
        if let Some(period) = &d.period {
            line.push_str(&format!(" [{period}]"));
        }
        if !d.aspect.is_empty() {
            line.push_str(&format!(" {}", d.aspect));
        }
        match (&d.old, &d.new) {
            (Some(a), Some(b)) => line.push_str(&format!(": {a} → {b}")),
            (Some(v), None) | (None, Some(v)) => line.push_str(&format!(": {v}")),
            _ => {}
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&match (lang, changes.len()) {
        (Lang::Zh, 0) => "没有差异\n".to_string(),
        (Lang::Zh, n) => format!("共{n}处差异\n"),
        (Lang::En, 0) => "no differences\n".to_string(),
        (Lang::En, 1) => "1 difference\n".to_string(),
        (Lang::En, n) => format!("{n} differences\n"),
    });
    out
}
