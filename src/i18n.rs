//! The two languages of every user-visible text, and how the language is chosen.

use serde::Deserialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `CAIJU_LANG`, then `LANG`, then Chinese.
    pub fn from_env() -> Lang {
        for var in ["CAIJU_LANG", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                let value = value.to_ascii_lowercase();
                if value.starts_with("zh") {
                    return Lang::Zh;
                }
                if value.starts_with("en") {
                    return Lang::En;
                }
            }
        }
        Lang::Zh
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A text given in Chinese and English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub zh: String,
    pub en: String,
}

impl Texts {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}
