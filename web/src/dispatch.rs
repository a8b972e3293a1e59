//! Reads a request, runs the operation it names on the loaded policy, and writes `{"ok": …}` or `{"error": {"message": …}}`.

use crate::questionnaire::{self, Answers};
use caiju_core::catalog::{self, Filter};
use caiju_core::diagnostic::Source;
use caiju_core::error::Error;
use caiju_core::i18n::Lang;
use caiju_core::messages::Msg;
use caiju_core::policy::Policy;
use caiju_core::report::{self, json, Shown};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{json, Value};
use std::cell::RefCell;

thread_local! {
    /// The policy with the page's overlays, once `init` (or the first other request) loaded it.
    static POLICY: RefCell<Option<Policy>> = const { RefCell::new(None) };
}

/// One request, by its `op`.
#[derive(Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
enum Request {
    /// Loads the embedded policy with these overlays layered over it; tells their ids and titles.
    Init {
        #[serde(default)]
        overlays: Vec<OverlayText>,
    },
    /// What `caiju check --format json` prints for the profile.
    Check {
        profile: Value,
        as_of: String,
        #[serde(default)]
        lang: Language,
    },
    /// What `caiju measures --format json` prints.
    Measures {
        as_of: String,
        #[serde(default)]
        lang: Language,
    },
    /// The questions `caiju ask` puts with these answers, the next one, and the result so far.
    Next {
        #[serde(default)]
        answers: Answers,
        as_of: String,
        #[serde(default)]
        lang: Language,
    },
    /// The answers as a profile in TOML, as `caiju ask --save` writes it.
    Save {
        #[serde(default)]
        answers: Answers,
        as_of: String,
        #[serde(default)]
        lang: Language,
    },
    /// A profile (TOML or JSON) read as answers.
    Load {
        text: String,
        #[serde(default)]
        lang: Language,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayText {
    name: String,
    text: String,
}

#[derive(Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Language {
    #[default]
    Zh,
    En,
}

impl From<Language> for Lang {
    fn from(l: Language) -> Lang {
        match l {
            Language::Zh => Lang::Zh,
            Language::En => Lang::En,
        }
    }
}

/// A failed request's message, in one language.
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string().trim_end().to_string())
    }
}

/// `{"error": {"message": …}}` for a request whose language is unknown: both languages.
pub fn failure(message: Msg) -> String {
    error_json(&format!(
        "{} / {}",
        message.render(Lang::Zh),
        message.render(Lang::En)
    ))
}

fn error_json(message: &str) -> String {
    json!({ "error": { "message": message } }).to_string()
}

/// Answers one request (JSON in, JSON out).
pub fn call(request: &str) -> String {
    let request: Request = match serde_json::from_str(request) {
        Ok(r) => r,
        Err(e) => {
            let lang = serde_json::from_str::<Value>(request)
                .ok()
                .and_then(|v| v.get("lang").cloned())
                .and_then(|l| serde_json::from_value::<Language>(l).ok())
                .unwrap_or_default();
            let message = Msg::request_not_understood(e.to_string());
            return error_json(&message.render(lang.into()));
        }
    };
    match run(request) {
        Ok(value) => json!({ "ok": value }).to_string(),
        Err(Failure(message)) => error_json(&message),
    }
}

fn run(request: Request) -> Result<Value, Failure> {
    if let Request::Init { overlays } = request {
        return init(&overlays);
    }
    POLICY.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Policy::embedded()?);
        }
        match slot.as_ref() {
            Some(policy) => run_with(policy, request),
            None => Err(Failure(Msg::no_policy().render(Lang::Zh).into_owned())),
        }
    })
}

fn init(overlays: &[OverlayText]) -> Result<Value, Failure> {
    let mut policy = Policy::embedded()?;
    for overlay in overlays {
        let source = Source::new(overlay.name.clone(), overlay.text.clone());
        policy = caiju_core::policy::overlay::apply(policy, source)?;
    }
    let info = json!({
        "id": policy.id,
        "document": policy.document,
        "title": { "zh": policy.title.zh, "en": policy.title.en },
        "overlays": policy.overlays.iter().map(|o| json!({
            "file": o.source.name,
            "id": o.id,
            "document": o.document,
            "title": { "zh": o.title.zh, "en": o.title.en },
        })).collect::<Vec<_>>(),
    });
    POLICY.with(|cell| *cell.borrow_mut() = Some(policy));
    Ok(info)
}

fn run_with(policy: &Policy, request: Request) -> Result<Value, Failure> {
    match request {
        Request::Init { .. } => Err(Failure(Msg::no_policy().render(Lang::Zh).into_owned())),
        Request::Check {
            profile,
            as_of,
            lang,
        } => check(policy, &profile, date(&as_of, lang.into())?, lang.into()),
        Request::Measures { as_of, lang } => {
            let lang = lang.into();
            let as_of = date(&as_of, lang)?;
            let list = catalog::entries(policy, lang, as_of, &Filter::default());
            parsed(&catalog::json::render(policy, &list, as_of, lang)?)
        }
        Request::Next {
            answers,
            as_of,
            lang,
        } => questionnaire::next(policy, &answers, date(&as_of, lang.into())?, lang.into()),
        Request::Save {
            answers,
            as_of,
            lang,
        } => {
            let lang = lang.into();
            let toml = questionnaire::save(policy, &answers, date(&as_of, lang)?, lang)?;
            Ok(json!({ "toml": toml }))
        }
        Request::Load { text, lang } => questionnaire::load(policy, &text, lang.into()),
    }
}

/// The evaluation date, as `--as-of` takes it.
fn date(text: &str, lang: Lang) -> Result<Date, Failure> {
    caiju_core::policy::value::parse_date(text, false)
        .map_err(|e| Failure(Msg::bad_as_of(e).render(lang).into_owned()))
}

/// JSON text made by the report code, as a value to put in the answer.
fn parsed(text: &str) -> Result<Value, Failure> {
    Ok(serde_json::from_str(text)?)
}

/// A profile given as a JSON object, or as the text of a TOML or JSON file.
pub fn read_profile(
    policy: &Policy,
    profile: &Value,
    lang: Lang,
) -> Result<caiju_core::profile::Profile, Failure> {
    let source = match profile {
        Value::String(text) => Source::new("profile", text.clone()),
        other => Source::new("profile.json", serde_json::to_string_pretty(other)?),
    };
    caiju_core::profile::parse(policy, &source)
        .map_err(|d| Failure(d.render(lang).trim_end().to_string()))
}

fn check(policy: &Policy, profile: &Value, as_of: Date, lang: Lang) -> Result<Value, Failure> {
    let profile = read_profile(policy, profile, lang)?;
    let shown = Shown {
        all: false,
        any_subject: true,
    };
    let (report, _) = report::of_profile(policy, &profile, as_of, lang, shown)
        .map_err(|e| Failure(Error::from(e).render(lang)))?;
    parsed(&json::render(policy, &report)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(request: Value) -> Value {
        let answer: Value = serde_json::from_str(&call(&request.to_string())).unwrap();
        assert!(answer.get("error").is_none(), "{answer}");
        answer["ok"].clone()
    }

    fn error(request: Value) -> String {
        let answer: Value = serde_json::from_str(&call(&request.to_string())).unwrap();
        answer["error"]["message"].as_str().unwrap().to_string()
    }

    #[test]
    fn check_gives_the_check_json() {
        let report = ok(json!({
            "op": "check",
            "profile": {
                "birth_date": "1998-05-12", "education": "master", "employer_type": "enterprise",
                "employer_in_nanping": true, "contract_start": "2024-07-01", "contract_years": 3,
                "pension_start": "2024-07-01", "previous_nanping_pension": false,
                "talent_program_2020": false,
            },
            "as_of": "2026-08-01",
        }));
        assert_eq!(report["totals"]["individual"], "70000");
        assert_eq!(report["as_of"], "2026-08-01");
    }

    #[test]
    fn errors_are_in_the_language_asked() {
        let zh = error(json!({"op": "check", "profile": {}, "as_of": "2026-13-01"}));
        assert!(zh.starts_with("评估日期有误"), "{zh}");
        let en = error(json!({"op": "measures", "as_of": "soon", "lang": "en"}));
        assert!(en.starts_with("bad as-of date"), "{en}");
        let bad = error(json!({"op": "fly", "lang": "en"}));
        assert!(bad.starts_with("the request is not understood"), "{bad}");
        assert!(call("not json").contains("请求无法识别"));
    }

    #[test]
    fn a_bad_profile_is_refused_with_the_field_named() {
        let message = error(json!({
            "op": "check", "profile": {"education": "astronaut"}, "as_of": "2026-08-01",
        }));
        assert!(message.contains("astronaut"), "{message}");
    }

    #[test]
    fn overlays_are_layered() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../examples/county-overlay.toml"),
        )
        .unwrap();
        let info = ok(json!({
            "op": "init", "overlays": [{"name": "county-overlay.toml", "text": text}],
        }));
        assert_eq!(info["overlays"][0]["file"], "county-overlay.toml");
        let catalog = ok(json!({"op": "measures", "as_of": "2026-08-01", "lang": "en"}));
        assert_eq!(
            catalog["policy"]["overlays"][0]["file"],
            "county-overlay.toml"
        );
    }
}
