//! Reads the policy's named lists: the offices the text names with each measure's `departments`,
//! and the areas' names.

use super::load::Loader;
use super::Departments;
use crate::diagnostic::{did_you_mean, Span};
use crate::i18n::Texts;
use crate::messages::Msg;
use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

/// A measure's `departments = { lead = [...], responsible = [...], payer = "..." }`, by office id.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDepartments {
    lead: Vec<Spanned<String>>,
    #[serde(default)]
    responsible: Vec<Spanned<String>>,
    payer: Option<Spanned<String>>,
}

impl Loader {
    /// Declares the `[offices.*]` names, each in both languages.
    pub(super) fn offices(&mut self, offices: IndexMap<Spanned<String>, Spanned<Texts>>) {
        for (id, texts) in offices {
            self.texts(&texts, Msg::what_office(id.get_ref()));
            self.policy
                .offices
                .insert(id.into_inner(), texts.into_inner());
        }
    }

    /// Declares the `[areas.*]` names, each in both languages.
    pub(super) fn area_names(&mut self, areas: IndexMap<Spanned<String>, Spanned<Texts>>) {
        for (id, texts) in areas {
            self.texts(&texts, Msg::what_area(id.get_ref()));
            self.policy
                .areas
                .insert(id.into_inner(), texts.into_inner());
        }
    }

    /// A measure's offices, each id resolved to its names; `None` when the measure names none.
    pub(super) fn departments(
        &mut self,
        raw: Option<Spanned<RawDepartments>>,
    ) -> Option<Departments> {
        let raw = raw?;
        let span: Span = raw.span().into();
        let raw = raw.into_inner();
        if raw.lead.is_empty() {
            self.error_at(span, Msg::departments_need_lead());
        }
        let lead = raw.lead.iter().filter_map(|id| self.office(id)).collect();
        let responsible = raw
            .responsible
            .iter()
            .filter_map(|id| self.office(id))
            .collect();
        let payer = raw.payer.as_ref().and_then(|id| self.office(id));
        Some(Departments {
            lead,
            responsible,
            payer,
        })
    }

    fn office(&mut self, id: &Spanned<String>) -> Option<Texts> {
        if let Some(texts) = self.policy.offices.get(id.get_ref()) {
            return Some(texts.clone());
        }
        let help = did_you_mean(id.get_ref(), self.policy.offices.keys().map(String::as_str));
        let d = self
            .source()
            .error(id.span().into(), Msg::unknown_office(id.get_ref()))
            .with_help_opt(help);
        self.err(d);
        None
    }
}
