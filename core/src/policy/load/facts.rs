//! Declares the policy's facts: their types, options, ranges, date order, ID numbers and defaults.

use super::raw::RawFact;
use super::{pick, Loader, PLAIN_TYPES};
use crate::i18n::Texts;
use crate::lang::checker::Scope;
use crate::lang::value::{Ref, Type, Value};
use crate::messages::Msg;
use crate::policy::{DateBound, EnumOption, EnumType, Fact, Subject};
use indexmap::IndexMap;
use rust_decimal::Decimal;
use toml::Spanned;

impl Loader {
    pub(in crate::policy) fn declare_facts(&mut self, facts: &IndexMap<Spanned<String>, RawFact>) {
        let first = self.policy.facts.len();
        for (name, raw) in facts {
            let index = self.policy.facts.len();
            let subject = pick(
                &Subject::ALL,
                &raw.subject,
                Msg::choice_subject(),
                self.source(),
            )
            .unwrap_or_else(|e| {
                self.errors.push(e);
                Subject::Person
            });
            let type_name = raw.ty.get_ref().as_str();
            let ty = match type_name {
                "enum" => {
                    let options = self.enum_options(name, raw);
                    self.policy.enums.push(EnumType {
                        fact: name.get_ref().clone(),
                        options,
                    });
                    Type::Enum(self.policy.enums.len() - 1)
                }
                "id_number" => Type::Text,
                _ => {
                    let mut table = PLAIN_TYPES.to_vec();
                    table.extend([("enum", Type::Text), ("id_number", Type::Text)]);
                    pick(&table, &raw.ty, Msg::choice_fact_type(), self.source()).unwrap_or_else(
                        |e| {
                            self.errors.push(e);
                            Type::Text
                        },
                    )
                }
            };
            if type_name != "enum" && raw.options.is_some() {
                self.error_at(raw.ty.span().into(), Msg::only_enum_options());
            }
            if type_name != "id_number" && raw.birth_date.is_some() {
                self.error_at(raw.ty.span().into(), Msg::only_id_number_birth_date());
            }
            let what = |key: &str| Msg::part_of(key, Msg::what_fact(name.get_ref()));
            self.texts(&raw.label, what("label"));
            self.texts(&raw.question, what("question"));
            if let Some(help) = &raw.help {
                self.texts(help, what("help"));
            }
            let (min, max) = self.fact_range(name.get_ref(), ty, raw);
            self.policy.facts.push(Fact {
                name: name.get_ref().clone(),
                ty,
                min,
                max,
                birth_date_of: None,
                not_before: None,
                not_after: None,
                cell_words: Vec::new(),
                subject,
                label: raw.label.get_ref().clone(),
                question: raw.question.get_ref().clone(),
                help: raw.help.as_ref().map(|h| h.get_ref().clone()),
                default: None,
                aliases: raw.aliases.clone(),
                span: name.span().into(),
                file: self.file,
            });
            self.declare(name, Ref::Fact(index), ty);
        }
        // An ID number names the date fact it supplies, a cell word the yes/no fact it sets; all
        // facts are declared by now.
        for (offset, raw) in facts.values().enumerate() {
            let index = first + offset;
            for (word, target) in &raw.cell_words {
                match self.policy.lookup(target.get_ref()) {
                    Some((Ref::Fact(f), Type::Bool)) => {
                        self.policy.facts[index].cell_words.push((word.clone(), f))
                    }
                    _ => {
                        self.error_at(target.span().into(), Msg::not_yes_no_fact(target.get_ref()))
                    }
                }
            }
            let bounds = [
                (&raw.not_before, "not_before"),
                (&raw.not_after, "not_after"),
            ];
            for (bound, key) in bounds {
                let Some(bound) = bound else {
                    continue;
                };
                let resolved = self.date_bound(index, bound, key);
                let fact = &mut self.policy.facts[index];
                match key {
                    "not_before" => fact.not_before = resolved,
                    _ => fact.not_after = resolved,
                }
            }
            if raw.ty.get_ref() == "id_number" {
                let Some(target) = &raw.birth_date else {
                    self.error_at(raw.ty.span().into(), Msg::id_number_needs_birth_date());
                    continue;
                };
                match self.policy.lookup(target.get_ref()) {
                    Some((Ref::Fact(f), Type::Date)) => {
                        self.policy.facts[index].birth_date_of = Some(f)
                    }
                    _ => self.error_at(target.span().into(), Msg::not_date_fact(target.get_ref())),
                }
            }
        }
    }

    /// The other end of a date fact's `not_before` or `not_after`: a date fact, or `as_of`.
    fn date_bound(
        &mut self,
        index: usize,
        bound: &Spanned<String>,
        key: &str,
    ) -> Option<DateBound> {
        if self.policy.facts[index].ty != Type::Date {
            self.error_at(bound.span().into(), Msg::date_facts_only(key));
            return None;
        }
        if bound.get_ref() == "as_of" {
            return Some(DateBound::AsOf);
        }
        match self.policy.lookup(bound.get_ref()) {
            Some((Ref::Fact(f), Type::Date)) if f != index => Some(DateBound::Fact(f)),
            _ => {
                self.error_at(
                    bound.span().into(),
                    Msg::not_date_fact_or_as_of(bound.get_ref()),
                );
                None
            }
        }
    }

    fn enum_options(&mut self, name: &Spanned<String>, raw: &RawFact) -> Vec<EnumOption> {
        let Some(options) = &raw.options else {
            self.error_at(
                raw.ty.span().into(),
                Msg::enum_needs_options(name.get_ref()),
            );
            return Vec::new();
        };
        let mut out: Vec<EnumOption> = Vec::new();
        for option in options {
            let id = option.id.get_ref();
            if out.iter().any(|o| &o.id == id) {
                self.error_at(option.id.span().into(), Msg::option_twice(id));
            }
            self.required(&option.zh, Msg::needs_chinese(Msg::what_option(id)));
            self.required(&option.en, Msg::needs_english(Msg::what_option(id)));
            out.push(EnumOption {
                id: id.clone(),
                label: Texts {
                    zh: option.zh.get_ref().clone(),
                    en: option.en.get_ref().clone(),
                },
                aliases: option.aliases.clone(),
            });
        }
        out
    }

    /// A number or money fact's `min` and `max`; money is never below 0 unless it says so.
    fn fact_range(
        &mut self,
        name: &str,
        ty: Type,
        raw: &RawFact,
    ) -> (Option<Decimal>, Option<Decimal>) {
        let mut bound = |value: &Option<Spanned<toml::Value>>| {
            let value = value.as_ref()?;
            if !matches!(ty, Type::Number | Type::Money) {
                self.error_at(value.span().into(), Msg::range_on_non_number(name));
                return None;
            }
            match self.constant(value, Some(Type::Number)) {
                Ok((Value::Number(n), _)) => Some(n),
                Ok(_) => None,
                Err(d) => {
                    self.err(d);
                    None
                }
            }
        };
        let min = bound(&raw.min);
        let max = bound(&raw.max);
        let min = min.or((ty == Type::Money).then_some(Decimal::ZERO));
        if let (Some(low), Some(high), Some(at)) = (min, max, raw.max.as_ref()) {
            if low > high {
                self.error_at(at.span().into(), Msg::max_below_min(name, high, low));
            }
        }
        (min, max)
    }

    pub(in crate::policy) fn fact_defaults(&mut self, facts: &IndexMap<Spanned<String>, RawFact>) {
        let first = self.policy.facts.len() - facts.len();
        for (offset, raw) in facts.values().enumerate() {
            let Some(default) = &raw.default else {
                continue;
            };
            let index = first + offset;
            let fact = &self.policy.facts[index];
            match crate::policy::value::convert_toml(&self.policy, fact, default.get_ref()) {
                Ok(v) => self.policy.facts[index].default = Some(v),
                Err(message) => self.error_at(default.span().into(), Msg::bad_default(message)),
            }
        }
    }
}
