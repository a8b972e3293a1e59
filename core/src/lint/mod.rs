//! Policy hygiene: findings a policy can load with but should not keep — amount tables with
//! options left out, rows that can both match, conditions that can never hold, names nothing uses.

mod search;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::value::{Node, Ref, Value};
use crate::messages::{Arg, Msg};
use crate::policy::{AmountRule, Measure, Policy};
use search::{exists, is};
use std::collections::HashSet;

/// Mistakes a policy loads with but must not be used with: an amount that can come out
/// negative, whatever the facts (a county top-up below the amount it tops up).
pub fn errors(policy: &Policy) -> Vec<Diagnostic> {
    let profile = crate::profile::Profile::empty(policy);
    let mut facts = crate::engine::Facts::new(policy, &profile, policy.effective_from);
    let mut out = Vec::new();
    for measure in &policy.measures {
        for version in measure.all_versions() {
            let low = crate::reach::lowest_amount(&mut facts, version)
                .ok()
                .flatten();
            if let (Some(low), Some(span)) = (low, version.amount_span) {
                if low < rust_decimal::Decimal::ZERO {
                    out.push(policy.file_source(version.origin.file).diagnostic(
                        Severity::Error,
                        span,
                        Msg::amount_can_be_negative(&measure.id, low, changed_by(policy, version)),
                    ));
                }
            }
        }
    }
    out
}

/// ` as changed by FILE (CLAUSE)` when an overlay changed the amount, else nothing.
fn changed_by(policy: &Policy, version: &Measure) -> Option<Msg> {
    version
        .amount_origins
        .iter()
        .rfind(|o| o.file != version.origin.file)
        .map(|o| Msg::as_changed_by(policy.file_name(o.file), &o.clause))
}

/// Every hygiene warning about a loaded policy (and its overlays), in file order.
pub fn lint(policy: &Policy) -> Vec<Diagnostic> {
    let mut findings = Findings {
        policy,
        out: Vec::new(),
        seen: HashSet::new(),
    };
    for measure in &policy.measures {
        for version in measure.all_versions() {
            findings.conditions(version);
            findings.table(version);
        }
    }
    findings.unused();
    let mut out = findings.out;
    out.sort_by_key(|(file, at, _)| (*file, *at));
    out.into_iter().map(|(_, _, d)| d).collect()
}

struct Findings<'a> {
    policy: &'a Policy,
    /// (file, byte offset, finding), for sorting.
    out: Vec<(usize, usize, Diagnostic)>,
    /// Findings already made: versions of a measure share most of their parts.
    seen: HashSet<(usize, usize, String)>,
}

impl Findings<'_> {
    fn warn(&mut self, file: usize, span: crate::diagnostic::Span, message: Msg) {
        if self.seen.insert((file, span.start, message.to_string())) {
            let d = self
                .policy
                .file_source(file)
                .diagnostic(Severity::Warning, span, message);
            self.out.push((file, span.start, d));
        }
    }

    /// A condition no values can make true.
    fn conditions(&mut self, m: &Measure) {
        for c in &m.conditions {
            if exists(self.policy, &[&c.expr.node], &[], |r| is(&r[0], true)) == Some(false) {
                self.warn(
                    c.origin.file,
                    c.expr.span,
                    Msg::condition_never_true(&c.id, &m.id),
                );
            }
        }
    }

    fn table(&mut self, m: &Measure) {
        let Some(AmountRule::Table { by, enum_id, rows }) = &m.amount else {
            return;
        };
        let (by, enum_id) = (*by, *enum_id);
        let file = m.amount_origins.first().map_or(m.origin.file, |o| o.file);
        let options = &self.policy.enums[enum_id].options;
        // Options without a row: deliberate when listed in `uncovered` or excluded by a condition.
        let missing: Vec<&str> = (0..options.len())
            .filter(|o| !rows.iter().any(|r| r.options.contains(o)))
            .filter(|o| !m.uncovered.contains(o))
            .filter(|&o| !self.excluded(m, by, o))
            .map(|o| options[o].id.as_str())
            .collect();
        if let (false, Some(span)) = (missing.is_empty(), m.amount_span) {
            let list = Arg::list(missing.iter().map(|o| Msg::token_code(*o)));
            let message = if missing.len() == 1 {
                Msg::table_misses_option(&m.id, list)
            } else {
                Msg::table_misses_options(&m.id, list)
            };
            self.warn(file, span, message);
        }
        let always = Node::Const(Value::Bool(true));
        let when = |i: usize| rows[i].when.as_ref().map_or(&always, |w| &w.node);
        for (j, later) in rows.iter().enumerate() {
            let key = |o: usize| [(by, Value::Option(o))];
            let can_apply = later
                .options
                .iter()
                .map(|&o| exists(self.policy, &[when(j)], &key(o), |r| is(&r[0], true)))
                .collect::<Vec<_>>();
            if !later.options.is_empty() && can_apply.iter().all(|c| *c == Some(false)) {
                self.warn(later.file, later.span, Msg::row_never_applies(j + 1, &m.id));
                continue;
            }
            for (i, earlier) in rows.iter().enumerate().take(j) {
                let shared = later
                    .options
                    .iter()
                    .find(|&&o| {
                        earlier.options.contains(&o)
                            && exists(self.policy, &[when(i), when(j)], &key(o), |r| {
                                is(&r[0], true) && is(&r[1], true)
                            }) == Some(true)
                    })
                    .copied();
                if let Some(o) = shared {
                    self.warn(
                        later.file,
                        later.span,
                        Msg::rows_overlap(i + 1, j + 1, &m.id, &options[o].id),
                    );
                    break;
                }
            }
        }
    }

    /// Whether some condition of `m` is false whatever else holds, once the table key is `option`.
    fn excluded(&self, m: &Measure, by: Ref, option: usize) -> bool {
        let key = [(by, Value::Option(option))];
        m.conditions.iter().any(|c| {
            exists(self.policy, &[&c.expr.node], &key, |r| !is(&r[0], false)) == Some(false)
        })
    }

    /// Facts, parameters and derived values nothing reads.
    fn unused(&mut self) {
        let policy = self.policy;
        let mut used: HashSet<Ref> = HashSet::new();
        let mut read = |node: &Node| used.extend(node.refs());
        for d in &policy.derived {
            read(&d.expr.node);
        }
        for p in &policy.params {
            if let Some(by) = &p.effective_by {
                read(&by.node);
            }
        }
        for measure in &policy.measures {
            for m in measure.all_versions() {
                for c in &m.conditions {
                    read(&c.expr.node);
                }
                match &m.amount {
                    Some(AmountRule::Formula(e)) => read(&e.node),
                    Some(AmountRule::Table { by, rows, .. }) => {
                        read(&Node::Ref(*by));
                        for row in rows {
                            read(&row.value.node);
                            if let Some(w) = &row.when {
                                read(&w.node);
                            }
                        }
                    }
                    None => {}
                }
                for e in [&m.amount_max, &m.available_from, &m.effective_by]
                    .into_iter()
                    .flatten()
                {
                    read(&e.node);
                }
            }
        }
        for (i, f) in policy.facts.iter().enumerate() {
            if f.birth_date_of.is_none() && !used.contains(&Ref::Fact(i)) {
                self.warn(f.file, f.span, Msg::fact_unused(&f.name));
            }
        }
        for (i, p) in policy.params.iter().enumerate() {
            if !used.contains(&Ref::Param(i)) {
                self.warn(p.file, p.span, Msg::parameter_unused(&p.name));
            }
        }
        for (i, d) in policy.derived.iter().enumerate() {
            if !used.contains(&Ref::Derived(i)) {
                self.warn(d.file, d.span, Msg::derived_unused(&d.name));
            }
        }
    }
}

/// Counts in words: "1 error, 2 warnings".
pub fn summary(errors: usize, warnings: usize) -> Msg {
    let errors = match errors {
        1 => Msg::one_error(),
        n => Msg::errors_count(n),
    };
    let warnings = match warnings {
        1 => Msg::one_warning(),
        n => Msg::warnings_count(n),
    };
    Msg::lint_counts(errors, warnings)
}
