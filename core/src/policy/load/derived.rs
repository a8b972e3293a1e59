//! Declares derived values, compiles their expressions, and refuses chains that loop or run too deep.

use super::raw::RawDerived;
use super::{Loader, PLAIN_TYPES};
use crate::diagnostic::did_you_mean;
use crate::lang::value::{Expr, Node, Ref, Type, Value};
use crate::messages::Msg;
use crate::policy::Derived;
use indexmap::IndexMap;
use toml::Spanned;

/// The longest chain of derived values that rest on one another: far above any real policy, and
/// a bound on the stack that evaluating one takes.
pub const MAX_DERIVED_CHAIN: usize = 64;

impl Loader {
    fn derived_type(&mut self, ty: &Spanned<String>) -> Type {
        if let Some((_, t)) = PLAIN_TYPES.iter().find(|(n, _)| n == ty.get_ref()) {
            return *t;
        }
        if let Some(id) = self
            .policy
            .enums
            .iter()
            .position(|e| &e.fact == ty.get_ref())
        {
            return Type::Enum(id);
        }
        let mut names: Vec<&str> = PLAIN_TYPES.iter().map(|(n, _)| *n).collect();
        names.extend(self.policy.enums.iter().map(|e| e.fact.as_str()));
        let d = self
            .source()
            .error(ty.span().into(), Msg::unknown_type(ty.get_ref()))
            .with_help_opt(did_you_mean(ty.get_ref(), names));
        self.err(d);
        Type::Bool
    }

    pub(in crate::policy) fn declare_derived(
        &mut self,
        derived: &IndexMap<Spanned<String>, RawDerived>,
    ) {
        let first = self.policy.derived.len();
        for (offset, (name, raw)) in derived.iter().enumerate() {
            let ty = self.derived_type(&raw.ty);
            self.declare(name, Ref::Derived(first + offset), ty);
        }
    }

    pub(in crate::policy) fn derived_exprs(
        &mut self,
        derived: IndexMap<Spanned<String>, RawDerived>,
    ) {
        for (name, raw) in derived {
            let (_, ty) = self.policy.names[name.get_ref()];
            let what = Msg::what_derived(name.get_ref());
            self.texts(&raw.label, Msg::part_of("label", what.clone()));
            if let Some(note) = &raw.note {
                self.texts(note, Msg::part_of("note", what));
            }
            let expr = self.expr(&raw.expr, ty).unwrap_or(Expr {
                node: Node::Const(Value::Bool(false)),
                ty,
                span: raw.expr.span().into(),
                text: String::new(),
            });
            self.policy.derived.push(Derived {
                name: name.get_ref().clone(),
                expr,
                label: raw.label.into_inner(),
                span: name.span().into(),
                file: self.file,
            });
        }
    }

    /// Refuses derived values that depend on each other in a cycle, or through a chain longer
    /// than `MAX_DERIVED_CHAIN` (evaluation follows the chain on the stack). Walks the graph with
    /// a stack of its own, so a long chain cannot overflow the loader's stack either.
    pub(in crate::policy) fn check_derived_cycles(&mut self) {
        let count = self.policy.derived.len();
        let refs: Vec<Vec<usize>> = self
            .policy
            .derived
            .iter()
            .map(|d| {
                let mut on: Vec<usize> = d
                    .expr
                    .node
                    .refs()
                    .into_iter()
                    .filter_map(|r| match r {
                        Ref::Derived(j) => Some(j),
                        _ => None,
                    })
                    .collect();
                on.dedup();
                on
            })
            .collect();
        // 0 = not visited, 1 = on the current path, 2 = done (its chain length known).
        let mut state = vec![0u8; count];
        let mut chain = vec![0usize; count];
        for root in 0..count {
            if state[root] == 2 {
                continue;
            }
            let mut path: Vec<(usize, usize)> = vec![(root, 0)];
            state[root] = 1;
            while let Some(&mut (i, ref mut next)) = path.last_mut() {
                if let Some(&j) = refs[i].get(*next) {
                    *next += 1;
                    match state[j] {
                        0 => {
                            state[j] = 1;
                            path.push((j, 0));
                        }
                        1 => {
                            let at = path.iter().position(|&(p, _)| p == j).unwrap_or(0);
                            let names: Vec<&str> = path[at..]
                                .iter()
                                .map(|&(k, _)| self.policy.derived[k].name.as_str())
                                .collect();
                            let cycle =
                                format!("{} → {}", names.join(" → "), self.policy.derived[j].name);
                            let message = Msg::derived_cycle(cycle);
                            let span = self.policy.derived[j].span;
                            self.error_at(span, message);
                            return;
                        }
                        _ => {}
                    }
                    continue;
                }
                chain[i] = 1 + refs[i].iter().map(|&j| chain[j]).max().unwrap_or(0);
                state[i] = 2;
                if chain[i] > MAX_DERIVED_CHAIN {
                    let message = Msg::derived_chain(
                        &self.policy.derived[i].name,
                        chain[i],
                        MAX_DERIVED_CHAIN,
                    );
                    let span = self.policy.derived[i].span;
                    self.error_at(span, message);
                    return;
                }
                path.pop();
            }
        }
    }
}
