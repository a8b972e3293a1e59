//! The policy as the program holds it once loaded: facts, parameters, derived values and measures.

mod load;

use crate::diagnostic::{Source, Span};
use crate::i18n::{Lang, Texts};
use crate::lang::checker::Scope;
use crate::lang::value::{Expr, Ref, Type, Value};
use jiff::civil::Date;
use std::collections::HashMap;

pub use load::{load, toml_error};

/// The policy compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../policies.toml");
pub const EMBEDDED_NAME: &str = "policies.toml";

#[derive(Debug)]
pub struct Policy {
    pub id: String,
    pub document: String,
    pub title: Texts,
    pub issued: Date,
    pub effective_from: Date,
    pub facts: Vec<Fact>,
    pub params: Vec<Param>,
    pub derived: Vec<Derived>,
    pub measures: Vec<Measure>,
    pub enums: Vec<EnumType>,
    pub source: Source,
    names: HashMap<String, (Ref, Type)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Person,
    Organization,
}

impl Subject {
    pub const ALL: [(&'static str, Subject); 2] = [
        ("person", Subject::Person),
        ("organization", Subject::Organization),
    ];

    pub fn id(self) -> &'static str {
        match self {
            Subject::Person => "person",
            Subject::Organization => "organization",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Subject::Person => lang.pick("个人", "a person"),
            Subject::Organization => lang.pick("单位", "an organization"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Kind {
    #[serde(rename = "entitlement")]
    Entitlement,
    #[serde(rename = "competitive")]
    Competitive,
    #[serde(rename = "in-kind")]
    InKind,
}

impl Kind {
    pub const ALL: [(&'static str, Kind); 3] = [
        ("entitlement", Kind::Entitlement),
        ("competitive", Kind::Competitive),
        ("in-kind", Kind::InKind),
    ];

    pub fn id(self) -> &'static str {
        Kind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(id, _)| id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Beneficiary {
    Individual,
    Employer,
    Organization,
}

impl Beneficiary {
    pub const ALL: [(&'static str, Beneficiary); 3] = [
        ("individual", Beneficiary::Individual),
        ("employer", Beneficiary::Employer),
        ("organization", Beneficiary::Organization),
    ];

    pub fn id(self) -> &'static str {
        Beneficiary::ALL
            .iter()
            .find(|(_, b)| *b == self)
            .map_or("", |(id, _)| id)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Beneficiary::Individual => lang.pick("本人", "you"),
            Beneficiary::Employer => lang.pick("用人单位", "employer"),
            Beneficiary::Organization => lang.pick("单位", "organization"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Fact {
    pub name: String,
    pub ty: Type,
    /// For an ID-number fact: the date fact it supplies.
    pub birth_date_of: Option<usize>,
    pub subject: Subject,
    pub label: Texts,
    pub question: Texts,
    pub help: Option<Texts>,
    pub default: Option<Value>,
    pub aliases: Vec<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EnumOption {
    pub id: String,
    pub label: Texts,
    pub aliases: Vec<String>,
}

/// The options of an enum fact.
#[derive(Clone, Debug)]
pub struct EnumType {
    pub fact: String,
    pub options: Vec<EnumOption>,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub ty: Type,
    pub value: Value,
    pub clause: String,
    pub label: Texts,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Derived {
    pub name: String,
    pub expr: Expr,
    pub label: Texts,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Condition {
    pub id: String,
    pub expr: Expr,
    pub text: Texts,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub options: Vec<usize>,
    pub when: Option<Expr>,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub enum AmountRule {
    Formula(Expr),
    Table {
        by: Ref,
        enum_id: usize,
        rows: Vec<Row>,
    },
}

#[derive(Clone, Debug)]
pub struct Measure {
    pub id: String,
    pub area: String,
    pub name: Texts,
    pub clause: String,
    pub source: String,
    pub kind: Kind,
    pub subject: Subject,
    pub beneficiary: Beneficiary,
    pub note: Option<Texts>,
    pub conditions: Vec<Condition>,
    pub amount: Option<AmountRule>,
    pub amount_max: Option<Expr>,
    pub available_from: Option<Expr>,
    pub span: Span,
}

impl Policy {
    /// The embedded policy.
    pub fn embedded() -> Result<Policy, crate::diagnostic::Diagnostics> {
        load(Source::new(EMBEDDED_NAME, EMBEDDED))
    }

    pub fn fact_index(&self, name: &str) -> Option<usize> {
        match self.names.get(name) {
            Some((Ref::Fact(i), _)) => Some(*i),
            _ => None,
        }
    }

    pub fn measure_index(&self, id: &str) -> Option<usize> {
        self.measures.iter().position(|m| m.id == id)
    }

    /// The label of whatever `r` names.
    pub fn ref_label(&self, r: Ref) -> &Texts {
        static AS_OF: Texts = Texts {
            zh: String::new(),
            en: String::new(),
        };
        match r {
            Ref::Fact(i) => &self.facts[i].label,
            Ref::Param(i) => &self.params[i].label,
            Ref::Derived(i) => &self.derived[i].label,
            Ref::AsOf => &AS_OF,
        }
    }

    pub fn ref_type(&self, r: Ref) -> Type {
        match r {
            Ref::Fact(i) => self.facts[i].ty,
            Ref::Param(i) => self.params[i].ty,
            Ref::Derived(i) => self.derived[i].expr.ty,
            Ref::AsOf => Type::Date,
        }
    }

    /// The enum option labelled `option` of enum `id`.
    pub fn option(&self, id: usize, option: usize) -> &EnumOption {
        &self.enums[id].options[option]
    }
}

impl Scope for Policy {
    fn lookup(&self, name: &str) -> Option<(Ref, Type)> {
        self.names.get(name).copied()
    }

    fn names(&self) -> Vec<&str> {
        self.names.keys().map(String::as_str).collect()
    }

    fn option(&self, id: usize, option: &str) -> Option<usize> {
        self.enums[id].options.iter().position(|o| o.id == option)
    }

    fn options(&self, id: usize) -> Vec<&str> {
        self.enums[id]
            .options
            .iter()
            .map(|o| o.id.as_str())
            .collect()
    }

    fn enum_name(&self, id: usize) -> &str {
        &self.enums[id].fact
    }
}
