//! Resolves a place — a province or prefecture-level city, in Chinese or Pinyin — to an option of
//! the fact that the place table (data/travel-origins.toml) names, or says why it cannot.

use crate::i18n::Texts;
use crate::lang::value::Type;
use crate::messages::{Arg, Msg};
use crate::policy::{Fact, Policy};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The place table compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../data/travel-origins.toml");

/// A side that is not one option: the place lies on both banks, or (a province) the river divides it.
const BOTH: &str = "both";
const DIVIDED: &str = "divided";
/// The options a place on both banks may be.
const BANKS: [&str; 2] = ["south_yangtze", "north_yangtze"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    fact: String,
    provinces: Vec<Province>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Province {
    zh: String,
    en: String,
    side: String,
    /// "长沙 Changsha": cities on the province's side.
    #[serde(default)]
    cities: Vec<String>,
    /// "武汉 Wuhan" = "both": cities with a side of their own.
    #[serde(default)]
    sides: BTreeMap<String, String>,
}

/// One named place: its Chinese name, its Pinyin name and as a key (letters only, lower case),
/// its side.
#[derive(Debug)]
struct Place {
    zh: String,
    en: String,
    key: String,
    side: String,
    /// For a city, its province's index.
    province: Option<usize>,
}

struct Places {
    fact: String,
    provinces: Vec<Place>,
    cities: Vec<Place>,
}

/// What a text names.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// One option, by id.
    One(String),
    /// More than one option is possible: why, and the option ids to choose from.
    Ambiguous(Why, Vec<String>),
}

/// Why a place does not tell one option; places are named in both languages.
#[derive(Debug, PartialEq, Eq)]
pub enum Why {
    /// "武汉（湖北）" lies on both banks.
    BothBanks(Texts),
    /// The river divides this province, named alone.
    Divided(Texts),
    /// The name is that of several places.
    Several(Vec<Texts>),
}

impl Why {
    fn message(&self) -> Msg {
        match self {
            Why::BothBanks(place) => Msg::place_both_banks(place),
            Why::Divided(place) => Msg::place_divided(place),
            Why::Several(places) => Msg::place_several(alternatives(places.iter().map(Arg::from))),
        }
    }
}

/// `a 或 b 或 c`, `a or b or c`.
fn alternatives(items: impl Iterator<Item = Arg>) -> Arg {
    items
        .reduce(|a, b| Msg::either_or(a, b).into())
        .unwrap_or_else(|| Arg::list(Vec::<Arg>::new()))
}

fn key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn places() -> Option<&'static Places> {
    static PLACES: OnceLock<Option<Places>> = OnceLock::new();
    PLACES.get_or_init(|| read(EMBEDDED)).as_ref()
}

/// Reads a place table; `None` if it is malformed (a test keeps the embedded one well-formed).
fn read(text: &str) -> Option<Places> {
    let table: Table = toml::from_str(text).ok()?;
    let mut provinces = Vec::new();
    let mut cities = Vec::new();
    for (p, province) in table.provinces.into_iter().enumerate() {
        let own = province
            .cities
            .into_iter()
            .map(|c| (c, province.side.clone()));
        for (name, side) in own.chain(province.sides) {
            let (zh, en) = name.split_once(' ')?;
            cities.push(Place {
                zh: zh.to_string(),
                en: en.to_string(),
                key: key(en),
                side,
                province: Some(p),
            });
        }
        provinces.push(Place {
            key: key(&province.en),
            en: province.en,
            zh: province.zh,
            side: province.side,
            province: None,
        });
    }
    Some(Places {
        fact: table.fact,
        provinces,
        cities,
    })
}

/// What may follow a city's name: 市, 地区, 盟, 自治州 (after the people's name), 县, 区.
fn is_city(text: &str, name: &str) -> bool {
    text.strip_prefix(name).is_some_and(|rest| {
        ["", "市", "地区", "盟", "州", "县", "区"].contains(&rest) || rest.ends_with("自治州")
    })
}

/// The lengths (in bytes) of the ways `text` may start with a province's name: 湖南, 湖南省,
/// 广西壮族自治区, 香港特别行政区.
fn province_prefixes(text: &str, name: &str) -> Vec<usize> {
    let Some(rest) = text.strip_prefix(name) else {
        return Vec::new();
    };
    let mut lengths = vec![name.len()];
    for suffix in ["省", "市", "特别行政区"] {
        if rest.starts_with(suffix) {
            lengths.push(name.len() + suffix.len());
        }
    }
    if let Some(at) = rest.find("自治区") {
        lengths.push(name.len() + at + "自治区".len());
    }
    lengths
}

impl Places {
    /// The places `text` may name: cities, else provinces, else a province followed by one of its cities.
    fn find(&self, text: &str) -> Vec<&Place> {
        let text: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !",，、·.-".contains(*c))
            .collect();
        if text.is_ascii() {
            return self.find_pinyin(&key(&text));
        }
        let cities: Vec<&Place> = self
            .cities
            .iter()
            .filter(|c| is_city(&text, &c.zh))
            .collect();
        if !cities.is_empty() {
            return cities;
        }
        let provinces: Vec<&Place> = self
            .provinces
            .iter()
            .filter(|p| province_prefixes(&text, &p.zh).contains(&text.len()))
            .collect();
        if !provinces.is_empty() {
            return provinces;
        }
        let mut found = Vec::new();
        for (p, province) in self.provinces.iter().enumerate() {
            for at in province_prefixes(&text, &province.zh) {
                let rest = &text[at..];
                found.extend(
                    self.cities
                        .iter()
                        .filter(|c| c.province == Some(p) && is_city(rest, &c.zh)),
                );
            }
        }
        found
    }

    /// `xian`, `xiancity`, `changshahunan`, `hunanchangsha`, `hunanprovince`.
    fn find_pinyin(&self, text: &str) -> Vec<&Place> {
        let cities: Vec<&Place> = self
            .cities
            .iter()
            .filter(|c| {
                let province = c.province.and_then(|p| self.provinces.get(p));
                let with = |other: &str| {
                    [format!("{}{other}", c.key), format!("{other}{}", c.key)]
                        .contains(&text.to_string())
                };
                c.key == text
                    || with("city")
                    || with("shi")
                    || province.is_some_and(|p| with(&p.key))
            })
            .collect();
        if !cities.is_empty() {
            return cities;
        }
        self.provinces
            .iter()
            .filter(|p| p.key == text || format!("{}province", p.key) == text)
            .collect()
    }

    /// What `text` resolves to, or `None` when it names no place.
    fn resolve(&self, text: &str) -> Option<Resolved> {
        let found = self.find(text);
        let first = found.first()?;
        let mut options: Vec<String> = Vec::new();
        for place in &found {
            let sides: Vec<&str> = match place.side.as_str() {
                BOTH | DIVIDED => BANKS.to_vec(),
                side => vec![side],
            };
            for side in sides {
                if !options.iter().any(|o| o == side) {
                    options.push(side.to_string());
                }
            }
        }
        if options.len() == 1 {
            return Some(Resolved::One(options.remove(0)));
        }
        let mut names: Vec<Texts> = found.iter().map(|p| self.describe(p)).collect();
        let why = match (found.len(), first.side.as_str()) {
            (1, BOTH) => Why::BothBanks(names.remove(0)),
            (1, _) => Why::Divided(names.remove(0)),
            _ => Why::Several(names),
        };
        Some(Resolved::Ambiguous(why, options))
    }

    /// "武汉（湖北）", "Wuhan (Hubei)", or a province's name.
    fn describe(&self, place: &Place) -> Texts {
        match place.province.and_then(|p| self.provinces.get(p)) {
            Some(province) if province.zh != place.zh => Texts {
                zh: format!("{}（{}）", place.zh, province.zh),
                en: format!("{} ({})", place.en, province.en),
            },
            _ => Texts {
                zh: place.zh.clone(),
                en: place.en.clone(),
            },
        }
    }
}

/// For the fact the place table names: the option a place resolves to, or why it cannot be told
/// (the options to choose from, with their labels). `None` when `text` names no place, or the
/// fact is not the table's.
pub fn resolve(policy: &Policy, fact: &Fact, text: &str) -> Option<Result<usize, Msg>> {
    let places = places()?;
    let Type::Enum(id) = fact.ty else {
        return None;
    };
    if fact.name != places.fact {
        return None;
    }
    let options = &policy.enums.get(id)?.options;
    let index = |option: &str| options.iter().position(|o| o.id == option);
    match places.resolve(text)? {
        Resolved::One(option) => index(&option).map(Ok),
        Resolved::Ambiguous(why, choices) => {
            let listed = choices
                .iter()
                .filter_map(|c| index(c))
                .map(|i| Msg::option_with_label(&options[i].id, &options[i].label));
            Some(Err(Msg::place_ambiguous(
                crate::diagnostic::excerpt(text),
                why.message(),
                Arg::list(listed),
            )))
        }
    }
}

/// A place that tells no one option of its fact: why, and the options it may be.
#[derive(Clone, Debug, PartialEq)]
pub struct Ambiguity {
    /// Why, and which to give.
    pub why: Msg,
    /// The options the place may be, by index (both banks of the Yangtze).
    pub options: Vec<usize>,
}

/// For a profile: why a place given for the table's fact tells no one option, and which it may
/// be; `None` when the text names one option, no place, or another fact.
pub fn ambiguity(policy: &Policy, fact: &Fact, text: &str) -> Option<Ambiguity> {
    let places = places()?;
    let Type::Enum(id) = fact.ty else {
        return None;
    };
    if fact.name != places.fact {
        return None;
    }
    let options = &policy.enums.get(id)?.options;
    let Resolved::Ambiguous(why, choices) = places.resolve(text)? else {
        return None;
    };
    let indices: Vec<usize> = choices
        .iter()
        .filter_map(|c| options.iter().position(|o| &o.id == c))
        .collect();
    let chosen = indices
        .iter()
        .map(|&i| Msg::place_choice(&options[i].id, &options[i].label).into());
    let why = Msg::place_undecided(
        &fact.label,
        crate::diagnostic::excerpt(text),
        why.message(),
        alternatives(chosen),
    );
    Some(Ambiguity {
        why,
        options: indices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(side: &str) -> Option<Resolved> {
        Some(Resolved::One(side.to_string()))
    }

    fn banks(why: Why) -> Option<Resolved> {
        Some(Resolved::Ambiguous(
            why,
            BANKS.iter().map(|s| s.to_string()).collect(),
        ))
    }

    fn name(zh: &str, en: &str) -> Texts {
        Texts {
            zh: zh.into(),
            en: en.into(),
        }
    }

    fn both(zh: &str, en: &str) -> Why {
        Why::BothBanks(name(zh, en))
    }

    #[test]
    fn the_embedded_table_reads_and_covers_every_province() {
        let places = places().expect("data/travel-origins.toml is well-formed");
        assert_eq!(places.fact, "travel_origin");
        assert_eq!(places.provinces.len(), 34);
        assert!(places.cities.len() > 330, "{}", places.cities.len());
        let sides = [
            "nanping",
            "fujian",
            "south_yangtze",
            "north_yangtze",
            BOTH,
            DIVIDED,
        ];
        for place in places.provinces.iter().chain(&places.cities) {
            assert!(sides.contains(&place.side.as_str()), "{place:?}");
            assert!(!place.key.is_empty(), "{place:?}");
        }
    }

    #[test]
    fn places_resolve_to_the_side_of_the_river() {
        let places = places().expect("table");
        let cases = [
            ("湖南长沙", one("south_yangtze")),
            ("长沙", one("south_yangtze")),
            ("长沙市", one("south_yangtze")),
            ("湖南省长沙市", one("south_yangtze")),
            ("湖南", one("south_yangtze")),
            ("Xi'an", one("north_yangtze")),
            ("xian", one("north_yangtze")),
            ("西安", one("north_yangtze")),
            ("陕西西安", one("north_yangtze")),
            ("Changsha, Hunan", one("south_yangtze")),
            ("Beijing", one("north_yangtze")),
            ("北京市", one("north_yangtze")),
            ("上海", one("south_yangtze")),
            ("福州", one("fujian")),
            ("福建厦门", one("fujian")),
            ("武夷山市", one("nanping")),
            ("南平", one("nanping")),
            ("广西壮族自治区", one("south_yangtze")),
            ("新疆维吾尔自治区乌鲁木齐市", one("north_yangtze")),
            ("延边朝鲜族自治州", one("north_yangtze")),
            ("香港特别行政区", one("south_yangtze")),
            ("拉萨", one("south_yangtze")),
            ("成都", one("north_yangtze")),
            ("南通", one("north_yangtze")),
            ("镇江", one("south_yangtze")),
            ("九江", one("south_yangtze")),
            ("岳阳", one("south_yangtze")),
            ("安庆", one("north_yangtze")),
            ("马鞍山", one("south_yangtze")),
            ("武汉", banks(both("武汉（湖北）", "Wuhan (Hubei)"))),
            ("湖北武汉", banks(both("武汉（湖北）", "Wuhan (Hubei)"))),
            ("南京", banks(both("南京（江苏）", "Nanjing (Jiangsu)"))),
            ("重庆", banks(both("重庆", "Chongqing"))),
            ("芜湖", banks(both("芜湖（安徽）", "Wuhu (Anhui)"))),
            ("宜昌", banks(both("宜昌（湖北）", "Yichang (Hubei)"))),
            ("湖北", banks(Why::Divided(name("湖北", "Hubei")))),
            ("江苏省", banks(Why::Divided(name("江苏", "Jiangsu")))),
            (
                "Fuzhou",
                Some(Resolved::Ambiguous(
                    Why::Several(vec![
                        name("福州（福建）", "Fuzhou (Fujian)"),
                        name("抚州（江西）", "Fuzhou (Jiangxi)"),
                    ]),
                    vec!["fujian".into(), "south_yangtze".into()],
                )),
            ),
            (
                "Taizhou",
                banks(Why::Several(vec![
                    name("泰州（江苏）", "Taizhou (Jiangsu)"),
                    name("台州（浙江）", "Taizhou (Zhejiang)"),
                ])),
            ),
            ("火星", None),
            ("", None),
            ("长沙县城东", None),
        ];
        for (text, expected) in cases {
            let mut got = places.resolve(text);
            if let Some(Resolved::Ambiguous(_, options)) = &mut got {
                options.sort_by_key(|o| BANKS.iter().position(|b| b == o).map_or(0, |i| i + 1));
            }
            assert_eq!(got, expected, "{text}");
        }
    }
}
