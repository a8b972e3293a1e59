//! The types and values that expressions compute with, and the typed tree the checker produces.

use crate::diagnostic::Span;
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::sync::Arc;

/// A calendar date in the years 1–9999, the range every date caiju reads must fall in.
pub fn calendar_date(year: i64, month: i64, day: i64) -> Option<Date> {
    let year = i16::try_from(year)
        .ok()
        .filter(|y| (1..=9999).contains(y))?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The type of a fact, parameter, derived value or expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Bool,
    Number,
    Money,
    Date,
    Text,
    /// An enumeration, by its index in the policy's list of enums.
    Enum(usize),
}

impl Type {
    pub fn is_numeric(self) -> bool {
        matches!(self, Type::Number | Type::Money)
    }

    /// Whether a value of type `self` may stand where `wanted` is expected.
    pub fn fits(self, wanted: Type) -> bool {
        self == wanted || (self == Type::Number && wanted == Type::Money)
    }
}

/// A known value. Money and numbers are both exact decimals.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    Bool(bool),
    Number(Decimal),
    Date(Date),
    Text(Arc<str>),
    /// An option of an enum, by its index.
    Option(usize),
}

impl Value {
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_date(&self) -> Option<Date> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
}

/// What a name in an expression refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ref {
    Fact(usize),
    Param(usize),
    Derived(usize),
    /// The date the evaluation is made for.
    AsOf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    Min,
    Max,
    YearsBetween,
    AddYears,
    AddMonths,
}

/// A checked expression: names resolved, types known.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Const(Value),
    Ref(Ref),
    Not(Box<Node>),
    Neg(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Compare(Compare, Box<Node>, Box<Node>),
    Arith(Arith, Box<Node>, Box<Node>),
    In {
        value: Box<Node>,
        list: Vec<Node>,
        negated: bool,
    },
    If(Box<Node>, Box<Node>, Box<Node>),
    Call(Function, Vec<Node>),
}

impl Node {
    /// The expressions this one is made of.
    pub fn children(&self) -> Vec<&Node> {
        match self {
            Node::Const(_) | Node::Ref(_) => Vec::new(),
            Node::Not(a) | Node::Neg(a) => vec![a],
            Node::And(a, b) | Node::Or(a, b) | Node::Compare(_, a, b) | Node::Arith(_, a, b) => {
                vec![a, b]
            }
            Node::In { value, list, .. } => std::iter::once(value.as_ref()).chain(list).collect(),
            Node::If(c, a, b) => vec![c, a, b],
            Node::Call(_, args) => args.iter().collect(),
        }
    }

    /// Every name the expression reads, in order of first appearance.
    pub fn refs(&self) -> Vec<Ref> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        out
    }

    fn collect_refs(&self, out: &mut Vec<Ref>) {
        match self {
            Node::Const(_) => {}
            Node::Ref(r) => {
                if !out.contains(r) {
                    out.push(*r);
                }
            }
            Node::Not(a) | Node::Neg(a) => a.collect_refs(out),
            Node::And(a, b) | Node::Or(a, b) | Node::Compare(_, a, b) | Node::Arith(_, a, b) => {
                a.collect_refs(out);
                b.collect_refs(out);
            }
            Node::In { value, list, .. } => {
                value.collect_refs(out);
                list.iter().for_each(|n| n.collect_refs(out));
            }
            Node::If(c, a, b) => {
                c.collect_refs(out);
                a.collect_refs(out);
                b.collect_refs(out);
            }
            Node::Call(_, args) => args.iter().for_each(|n| n.collect_refs(out)),
        }
    }
}

/// A checked expression with its type, where it stands in the policy file, and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub node: Node,
    pub ty: Type,
    pub span: Span,
    pub text: String,
}
