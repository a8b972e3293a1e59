//! Policy differences as text: one line per difference, `+` added, `-` removed, `~` changed.

use super::Difference;
use crate::i18n::Lang;
use crate::messages::Msg;

fn item_word(item: &str) -> Msg {
    match item {
        "policy" => Msg::diff_item_policy(),
        "fact" => Msg::diff_item_fact(),
        "param" => Msg::diff_item_param(),
        "derived" => Msg::diff_item_derived(),
        _ => Msg::diff_item_measure(),
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
        let mut line = format!("{sign} {}", item_word(d.item).render(lang));
        if !d.id.is_empty() {
            line.push_str(&format!(" {}", d.id));
        }
        if let Some(period) = &d.period {
            line.push_str(&format!(" [{}]", period.describe(lang)));
        }
        if let Some(aspect) = &d.aspect {
            line.push_str(&format!(" {}", aspect.render(lang)));
        }
        match (&d.old, &d.new) {
            (Some(a), Some(b)) => {
                line.push_str(&format!(": {} → {}", a.render(lang), b.render(lang)))
            }
            (Some(v), None) | (None, Some(v)) => line.push_str(&format!(": {}", v.render(lang))),
            _ => {}
        }
        out.push_str(&line);
        out.push('\n');
    }
    let count = match changes.len() {
        0 => Msg::no_differences(),
        1 => Msg::one_difference(),
        n => Msg::differences_count(n),
    };
    out.push_str(&count.render(lang));
    out.push('\n');
    out
}
