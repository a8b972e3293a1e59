//! The policy as the program holds it once loaded: facts, parameters, derived values and measures.

mod load;
mod offices;
pub mod overlay;
mod period;
pub mod value;

use crate::diagnostic::{Source, Span};
use crate::i18n::Texts;
use crate::lang::checker::Scope;
use crate::lang::value::{Expr, Node, Ref, Type, Value};
use crate::messages::Msg;
use jiff::civil::Date;
use std::collections::HashMap;

pub use load::{load, toml_error};
pub use period::Period;

/// The policy compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../../policies.toml");
pub const EMBEDDED_NAME: &str = "policies.toml";

#[derive(Debug)]
pub struct Policy {
    pub id: String,
    pub document: String,
    pub title: Texts,
    pub issued: Date,
    pub effective_from: Date,
    /// The last day the whole policy is in force, if it ends.
    pub effective_until: Option<Date>,
    /// The decimals every amount is rounded to, a half upwards (2: to the fen).
    pub amount_decimals: u32,
    pub facts: Vec<Fact>,
    pub params: Vec<Param>,
    pub derived: Vec<Derived>,
    pub measures: Vec<Measure>,
    /// The offices measures name as handling them, by id.
    pub offices: indexmap::IndexMap<String, Texts>,
    /// The areas' names, by id (an area without one is shown by its id).
    pub areas: indexmap::IndexMap<String, Texts>,
    pub enums: Vec<EnumType>,
    pub source: Source,
    /// The overlays layered over the policy file, in order (file 1, 2, …).
    pub overlays: Vec<Overlay>,
    names: HashMap<String, (Ref, Type)>,
}

/// A county (or other) file layered over the policy: it changes and adds, citing its own document.
#[derive(Clone, Debug)]
pub struct Overlay {
    pub id: String,
    pub document: String,
    pub title: Texts,
    /// The default period of its changes.
    pub period: Period,
    pub source: Source,
}

/// Where a part of the policy was written: the file (0 = the policy file, then each overlay) and the clause it cites.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    pub file: usize,
    pub clause: String,
}

/// What an overlay changed in a measure.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    SwitchedOff,
    Amount,
    TopUp(Expr),
    Conditions(Vec<String>),
}

/// One overlay change applied to a measure, with the clause it cites and the sentence it quotes.
#[derive(Clone, Debug, PartialEq)]
pub struct Amendment {
    pub origin: Origin,
    pub source: String,
    pub note: Option<Texts>,
    pub change: Change,
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

    pub fn label(self) -> Msg {
        match self {
            Subject::Person => Msg::subject_person(),
            Subject::Organization => Msg::subject_organization(),
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

    /// The beneficiary as a total is named: the individual total, the employer total.
    pub fn total_name(self) -> Msg {
        match self {
            Beneficiary::Individual => Msg::total_of_individual(),
            Beneficiary::Employer => Msg::total_of_employer(),
            Beneficiary::Organization => Msg::total_of_organization(),
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Beneficiary::Individual => Msg::paid_to_you(),
            Beneficiary::Employer => Msg::paid_to_employer(),
            Beneficiary::Organization => Msg::paid_to_organization(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Fact {
    pub name: String,
    pub ty: Type,
    /// The range a number or money fact's value must fall in (money: at least 0 by default).
    pub min: Option<rust_decimal::Decimal>,
    pub max: Option<rust_decimal::Decimal>,
    /// For an ID-number fact: the date fact it supplies.
    pub birth_date_of: Option<usize>,
    /// For a date fact: the date it may not come before, or after (the profile contradicts
    /// itself otherwise).
    pub not_before: Option<DateBound>,
    pub not_after: Option<DateBound>,
    /// Words that, in this fact's column of an intake, mean that a yes/no fact is true (and this
    /// fact is not given): `无固定期限` as a contract term.
    pub cell_words: Vec<(String, usize)>,
    pub subject: Subject,
    pub label: Texts,
    pub question: Texts,
    pub help: Option<Texts>,
    pub default: Option<Value>,
    pub aliases: Vec<String>,
    pub span: Span,
    /// The file that declares it.
    pub file: usize,
}

impl Fact {
    /// The fact as a message names it: by its name, and in Chinese also by its label.
    pub fn arg(&self) -> crate::messages::Arg {
        crate::messages::Arg::field(&self.name, Some(&self.label))
    }
}

/// The other end of a date fact's order: another date fact, or the date of the evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateBound {
    Fact(usize),
    AsOf,
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
    /// The value wherever no version below is in force.
    pub value: Value,
    pub clause: String,
    pub label: Texts,
    pub note: Option<Texts>,
    pub span: Span,
    /// The file the value (and `clause`) comes from.
    pub file: usize,
    /// Dated values, later ones winning where they overlap.
    pub versions: Vec<ParamVersion>,
    /// The date that picks the version (default: the as-of date).
    pub effective_by: Option<Expr>,
    /// Declared as a percentage (`"2%"`): a rate, shown as one.
    pub percent: bool,
}

/// A parameter's value over a period.
#[derive(Clone, Debug)]
pub struct ParamVersion {
    pub period: Period,
    pub value: Value,
    pub origin: Origin,
    pub span: Span,
}

impl Param {
    /// The value in force on `date`.
    pub fn value_at(&self, date: Date) -> &Value {
        self.version_at(date).map_or(&self.value, |v| &v.value)
    }

    /// The dated version in force on `date`, if any.
    pub fn version_at(&self, date: Date) -> Option<&ParamVersion> {
        self.versions.iter().rev().find(|v| v.period.contains(date))
    }

    pub fn origin(&self) -> Origin {
        Origin {
            file: self.file,
            clause: self.clause.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Derived {
    pub name: String,
    pub expr: Expr,
    pub label: Texts,
    pub span: Span,
    pub file: usize,
}

#[derive(Clone, Debug)]
pub struct Condition {
    pub id: String,
    pub expr: Expr,
    pub text: Texts,
    /// The file that wrote the condition and the clause it stands for.
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub options: Vec<usize>,
    /// The row's `when`, with its period folded in; `text` is the `when` as written (empty if none).
    pub when: Option<Expr>,
    pub value: Expr,
    pub period: Period,
    pub span: Span,
    pub file: usize,
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

/// Who handles a measure: the text's 牵头单位 (lead) and 责任单位 (responsible), and who pays where it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Departments {
    pub lead: Vec<Texts>,
    pub responsible: Vec<Texts>,
    pub payer: Option<Texts>,
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
    /// Who handles the measure, as the text names them.
    pub departments: Option<Departments>,
    pub note: Option<Texts>,
    pub conditions: Vec<Condition>,
    pub amount: Option<AmountRule>,
    pub amount_max: Option<Expr>,
    pub available_from: Option<Expr>,
    pub span: Span,
    /// The days this version is in force (within the policy's own period).
    pub period: Period,
    /// The date that decides which version is in force (default: the as-of date).
    pub effective_by: Option<Expr>,
    /// Later versions, in date order; empty for a measure that never changed, and in every version itself.
    pub versions: Vec<Measure>,
    /// The file that declares the measure, and its clause.
    pub origin: Origin,
    /// The files the amount rule comes from: its declaration, then each overlay that changed it.
    pub amount_origins: Vec<Origin>,
    /// Where the amount is declared (the `value` or `by`), for findings about it.
    pub amount_span: Option<Span>,
    /// Options of an amount table's enum that deliberately have no row.
    pub uncovered: Vec<usize>,
    /// Switched off by an overlay.
    pub off: Option<Origin>,
    pub amendments: Vec<Amendment>,
}

impl Measure {
    /// Every expression of this version: conditions, amount (table rows' `when` before `value`),
    /// maximum, claimable date and the date that picks the version.
    pub fn expressions(&self) -> Vec<&Node> {
        let mut nodes: Vec<&Node> = self.conditions.iter().map(|c| &c.expr.node).collect();
        match &self.amount {
            Some(AmountRule::Formula(e)) => nodes.push(&e.node),
            Some(AmountRule::Table { rows, .. }) => {
                for row in rows {
                    nodes.extend(row.when.as_ref().map(|w| &w.node));
                    nodes.push(&row.value.node);
                }
            }
            None => {}
        }
        nodes.extend(self.amount_max.as_ref().map(|e| &e.node));
        nodes.extend(self.available_from.as_ref().map(|e| &e.node));
        nodes.extend(self.effective_by.as_ref().map(|e| &e.node));
        nodes
    }

    /// Version `k`: 0 is the measure itself, then `versions` in order.
    pub fn version(&self, k: usize) -> &Measure {
        match k {
            0 => self,
            k => self.versions.get(k - 1).unwrap_or(self),
        }
    }

    /// Every version, the first one first.
    pub fn all_versions(&self) -> impl Iterator<Item = &Measure> {
        std::iter::once(self).chain(self.versions.iter())
    }

    /// The version for `date` and whether it is in force then: the one whose period holds the date,
    /// else the last one that started before it (or the first), not in force.
    pub fn version_at(&self, date: Date) -> (usize, bool) {
        if let Some((k, v)) = self
            .all_versions()
            .enumerate()
            .find(|(_, v)| v.period.contains(date))
        {
            return (k, v.off.is_none());
        }
        let earlier = self
            .all_versions()
            .enumerate()
            .filter(|(_, v)| v.period.from.is_some_and(|f| f <= date))
            .last();
        (earlier.map_or(0, |(k, _)| k), false)
    }
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

    /// The days the whole policy is in force.
    pub fn period(&self) -> Period {
        Period::new(Some(self.effective_from), self.effective_until)
    }

    /// The text of file `file`: the policy file or an overlay.
    pub fn file_source(&self, file: usize) -> &Source {
        match file {
            0 => &self.source,
            k => self.overlays.get(k - 1).map_or(&self.source, |o| &o.source),
        }
    }

    pub fn file_name(&self, file: usize) -> &str {
        &self.file_source(file).name
    }

    /// The document file `file` cites: the policy's, or an overlay's.
    pub fn file_document(&self, file: usize) -> &str {
        match file {
            0 => &self.document,
            k => self
                .overlays
                .get(k - 1)
                .map_or(&self.document, |o| &o.document),
        }
    }

    /// "policies.toml (南委人才〔2021〕2号 附件2 第二条)".
    pub fn cite(&self, origin: &Origin) -> String {
        let document = self.file_document(origin.file);
        let clause = if origin.clause.is_empty() {
            document.to_string()
        } else {
            format!("{document} {}", origin.clause)
        };
        format!("{} ({clause})", self.file_name(origin.file))
    }

    /// The parameter a name refers to, if it is one.
    pub fn param_index(&self, name: &str) -> Option<usize> {
        match self.names.get(name) {
            Some((Ref::Param(i), _)) => Some(*i),
            _ => None,
        }
    }

    /// The name `r` is written as.
    pub fn ref_name(&self, r: Ref) -> &str {
        match r {
            Ref::Fact(i) => &self.facts[i].name,
            Ref::Param(i) => &self.params[i].name,
            Ref::Derived(i) => &self.derived[i].name,
            Ref::AsOf => "as_of",
        }
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

    /// Whether evaluating `node` can fail: arithmetic (a division by zero), date functions (a date
    /// out of range), or a name computed with them or picked by a date.
    pub fn can_fail(&self, node: &Node) -> bool {
        let mut nodes = vec![node];
        let mut seen: Vec<usize> = Vec::new();
        while let Some(node) = nodes.pop() {
            match node {
                Node::Arith(..) | Node::Call(..) => return true,
                Node::Ref(Ref::Param(i)) if self.params[*i].effective_by.is_some() => return true,
                Node::Ref(Ref::Derived(i)) if !seen.contains(i) => {
                    seen.push(*i);
                    nodes.push(&self.derived[*i].expr.node);
                }
                _ => nodes.extend(node.children()),
            }
        }
        false
    }

    /// Whether measure `index`, in any version, reads a fact for which `read` is true: directly,
    /// through derived values, or through the dates that pick parameter versions.
    pub fn measure_reads(&self, index: usize, read: impl Fn(usize) -> bool) -> bool {
        let mut refs: Vec<Ref> = Vec::new();
        let mut nodes: Vec<&Node> = Vec::new();
        for version in self.measures[index].all_versions() {
            nodes.extend(version.expressions());
            if let Some(AmountRule::Table { by, .. }) = &version.amount {
                refs.push(*by);
            }
        }
        self.reads(nodes, refs, read)
    }

    /// Whether `node` reads a fact for which `read` is true (see `measure_reads`).
    pub fn expression_reads(&self, node: &Node, read: impl Fn(usize) -> bool) -> bool {
        self.reads(vec![node], Vec::new(), read)
    }

    fn reads<'a>(
        &'a self,
        mut nodes: Vec<&'a Node>,
        mut refs: Vec<Ref>,
        read: impl Fn(usize) -> bool,
    ) -> bool {
        let mut seen: Vec<Ref> = Vec::new();
        loop {
            while let Some(node) = nodes.pop() {
                refs.extend(node.refs());
            }
            let Some(r) = refs.pop() else {
                return false;
            };
            if seen.contains(&r) {
                continue;
            }
            seen.push(r);
            match r {
                Ref::Fact(f) if read(f) => return true,
                Ref::Derived(i) => nodes.push(&self.derived[i].expr.node),
                Ref::Param(i) => {
                    nodes.extend(self.params[i].effective_by.as_ref().map(|e| &e.node))
                }
                Ref::Fact(_) | Ref::AsOf => {}
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::compile;

    #[test]
    fn what_can_fail() {
        let policy = Policy::embedded().expect("the embedded policy loads");
        let cases = [
            ("education in [phd, master]", false),
            (
                "not employer_in_nanping or contract_years >= min_contract_years",
                false,
            ),
            ("first_time_pension", false),
            ("age_at_contract_start <= max_age", true),
            ("fresh_graduate or education == phd", true),
            ("contract_years / 2 >= 1", true),
        ];
        for (text, fails) in cases {
            let source = Source::new("test", text);
            let expr = compile(&policy, &source, text, 0, Type::Bool).expect(text);
            assert_eq!(policy.can_fail(&expr.node), fails, "{text}");
        }
    }
}
