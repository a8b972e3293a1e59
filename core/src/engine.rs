//! Decides each measure for a profile: status, amount, claimable date, missing facts, and why.

use crate::lang::eval::{eval, eval_bool, Env, EvalError, Missing, Tri};
use crate::lang::value::{Expr, Node, Ref, Value};
use crate::messages::Msg;
use crate::policy::{AmountRule, Beneficiary, DateBound, Kind, Measure, Policy, Subject};
use crate::profile::Profile;
use jiff::civil::Date;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Eligible,
    Pending,
    MayApply,
    NeedsInfo,
    NotEligible,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Eligible,
        Status::Pending,
        Status::MayApply,
        Status::NeedsInfo,
        Status::NotEligible,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::Pending => "pending",
            Status::MayApply => "may_apply",
            Status::NeedsInfo => "needs_info",
            Status::NotEligible => "not_eligible",
        }
    }
}

/// How the amount was arrived at.
#[derive(Clone, Debug, PartialEq)]
pub enum AmountTrace {
    None,
    Formula,
    Row(usize),
    /// The table's key had a value no row covers.
    NoRow,
}

/// The decision on one measure.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub measure: usize,
    /// The version of the measure that decided it (see `Measure::version`).
    pub version: usize,
    pub status: Status,
    /// The profile's subject is not the measure's.
    pub wrong_subject: bool,
    /// The measure is not in force on the date that decides it (not yet, no longer, or switched off).
    pub out_of_force: bool,
    /// Each condition's result, in order (`None` = unknown, or not looked at: see `Evaluator::new`);
    /// empty when the subject is wrong.
    pub conditions: Vec<Option<bool>>,
    pub amount: Option<Decimal>,
    pub amount_max: Option<Decimal>,
    pub amount_trace: AmountTrace,
    pub available_from: Option<Date>,
    /// The facts that would decide the measure, by index.
    pub missing: Vec<usize>,
}

/// A failure to evaluate, which points at a mistake in the policy.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineError {
    pub measure: String,
    /// What went wrong, the measure not named.
    pub problem: Msg,
}

impl EngineError {
    /// What went wrong, naming the measure if there is one.
    pub fn message(&self) -> Msg {
        if self.measure.is_empty() {
            self.problem.clone()
        } else {
            Msg::in_measure(&self.measure, self.problem.clone())
        }
    }
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

/// An evaluation failure in measure `index`, pointing at the expression that failed as
/// `file:line:col` where it can be found again.
fn failure(facts: &mut Facts, index: usize, e: EvalError) -> EngineError {
    let message = match locate(facts, index) {
        Some(at) => Msg::at_position(e.0, at),
        None => e.0,
    };
    EngineError {
        measure: facts.policy.measures[index].id.clone(),
        problem: message,
    }
}

/// The position of the first expression of measure `index` (in its version on the as-of date)
/// that fails to evaluate. Only run after a failure, so it may evaluate again.
fn locate(facts: &mut Facts, index: usize) -> Option<String> {
    let policy = facts.policy;
    let (version, _) = facts.version_on_as_of(index);
    let measure = policy.measures[index].version(version);
    let amount_file = measure
        .amount_origins
        .last()
        .map_or(measure.origin.file, |o| o.file);
    let mut exprs: Vec<(&Expr, usize)> = measure
        .conditions
        .iter()
        .map(|c| (&c.expr, c.origin.file))
        .collect();
    exprs.extend(measure.amount_max.iter().map(|e| (e, amount_file)));
    match &measure.amount {
        Some(AmountRule::Formula(expr)) => exprs.push((expr, amount_file)),
        Some(AmountRule::Table { by, rows, .. }) => {
            let key = match facts.value_of(*by) {
                Ok(Tri::Known(Value::Option(key))) => Some(key),
                _ => None,
            };
            for row in rows
                .iter()
                .filter(|r| key.map_or(true, |k| r.options.contains(&k)))
            {
                if let Some(when) = &row.when {
                    match facts.eval(when) {
                        Ok(Tri::Known(Value::Bool(false))) => continue,
                        Ok(_) => {}
                        Err(_) => exprs.push((when, row.file)),
                    }
                }
                exprs.push((&row.value, row.file));
            }
        }
        None => {}
    }
    exprs.extend(
        measure
            .available_from
            .iter()
            .map(|e| (e, measure.origin.file)),
    );
    exprs.into_iter().find_map(|(expr, file)| {
        facts.eval(expr).err()?;
        Some(policy.file_source(file).position(expr.span))
    })
}

/// Refuses a profile whose dates contradict each other (born after graduating) or the date of
/// the evaluation (born after it), by the order the policy declares between date facts.
pub fn check_dates(facts: &Facts) -> Result<(), EngineError> {
    let date = |i: usize| match facts.values.get(i) {
        Some(Some(Value::Date(d))) => Some(*d),
        _ => None,
    };
    for (i, fact) in facts.policy.facts.iter().enumerate() {
        if fact.not_before.is_none() && fact.not_after.is_none() {
            continue;
        }
        let Some(this) = date(i) else {
            continue;
        };
        let other = |bound: Option<DateBound>| match bound? {
            DateBound::AsOf => Some((facts.as_of, bound?)),
            DateBound::Fact(j) => date(j).map(|d| (d, DateBound::Fact(j))),
        };
        // Named only once wrong: this runs for every row of a batch.
        let name = |bound: DateBound| match bound {
            DateBound::AsOf => Msg::evaluation_date().into(),
            DateBound::Fact(j) => facts.policy.facts[j].arg(),
        };
        let wrong = match (other(fact.not_before), other(fact.not_after)) {
            (Some((d, b)), _) if this < d => Some(Msg::dates_before(fact.arg(), this, name(b), d)),
            (_, Some((d, b))) if this > d => Some(Msg::dates_after(fact.arg(), this, name(b), d)),
            _ => None,
        };
        if let Some(message) = wrong {
            return Err(EngineError {
                measure: String::new(),
                problem: message,
            });
        }
    }
    Ok(())
}

/// The values a profile gives, with defaults applied and derived values computed on demand.
pub struct Facts<'a> {
    pub policy: &'a Policy,
    pub values: Vec<Option<Value>>,
    /// Unknown enum facts that can only be one of a few options, by fact (a city on both banks
    /// of the Yangtze: south or north of it): the amounts a measure can still reach are worked
    /// out over those options alone.
    pub choices: Vec<(usize, Vec<usize>)>,
    as_of: Date,
    derived: Vec<Option<Tri>>,
    /// Per measure, once worked out: its version on `as_of`, and whether it is in force then
    /// (the whole policy included).
    versions: Vec<Option<(usize, bool)>>,
}

impl<'a> Facts<'a> {
    pub fn new(policy: &'a Policy, profile: &Profile, as_of: Date) -> Facts<'a> {
        let values = profile
            .facts
            .iter()
            .zip(&policy.facts)
            .map(|(given, fact)| given.clone().or_else(|| fact.default.clone()))
            .collect();
        let choices = profile
            .undecided
            .iter()
            .map(|(fact, ambiguity)| (*fact, ambiguity.options.clone()))
            .collect();
        Facts {
            policy,
            values,
            choices,
            as_of,
            derived: vec![None; policy.derived.len()],
            versions: vec![None; policy.measures.len()],
        }
    }

    /// The date the evaluation is made for, fixed for these facts' life.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// See `versions`.
    fn version_on_as_of(&mut self, index: usize) -> (usize, bool) {
        if let Some(known) = self.versions[index] {
            return known;
        }
        let (version, in_force) = self.policy.measures[index].version_at(self.as_of);
        let known = (
            version,
            in_force && self.policy.period().contains(self.as_of),
        );
        self.versions[index] = Some(known);
        known
    }

    /// Forgets what was computed from `values`, after they changed.
    pub fn values_changed(&mut self) {
        self.derived.fill(None);
    }

    pub fn eval(&mut self, expr: &Expr) -> Result<Tri, EvalError> {
        eval(&expr.node, self)
    }

    /// The value of a name, computing it if needed.
    pub fn value_of(&mut self, r: Ref) -> Result<Tri, EvalError> {
        self.get(r)
    }

    /// The options an unknown enum fact can still be, when they are fewer than all (see `choices`).
    pub fn choices_of(&self, fact: usize) -> Option<&[usize]> {
        self.choices
            .iter()
            .find(|(f, _)| *f == fact)
            .map(|(_, options)| options.as_slice())
    }
}

impl Env for Facts<'_> {
    fn stored(&self, r: Ref) -> Option<Option<&Value>> {
        match r {
            Ref::Fact(i) => Some(self.values[i].as_ref()),
            Ref::Param(i) => {
                let param = &self.policy.params[i];
                param.versions.is_empty().then_some(Some(&param.value))
            }
            // A derived value once computed, if it is known.
            Ref::Derived(i) => match &self.derived[i] {
                Some(Tri::Known(v)) => Some(Some(v)),
                _ => None,
            },
            Ref::AsOf => None,
        }
    }

    fn get(&mut self, r: Ref) -> Result<Tri, EvalError> {
        Ok(match r {
            Ref::Fact(i) => match &self.values[i] {
                Some(v) => Tri::Known(v.clone()),
                None => Tri::Unknown(Missing::one(i)),
            },
            Ref::Param(i) => return param_value(self, i),
            Ref::AsOf => Tri::Known(Value::Date(self.as_of)),
            Ref::Derived(i) => {
                if let Some(t) = &self.derived[i] {
                    return Ok(t.clone());
                }
                let policy = self.policy;
                let t = eval(&policy.derived[i].expr.node, self)?;
                self.derived[i] = Some(t.clone());
                t
            }
        })
    }
}

/// A parameter's value, from the version in force on the date that picks it.
fn param_value(facts: &mut Facts, i: usize) -> Result<Tri, EvalError> {
    let param = &facts.policy.params[i];
    if param.versions.is_empty() {
        return Ok(Tri::Known(param.value.clone()));
    }
    let date = match &param.effective_by {
        None => facts.as_of,
        Some(by) => match facts.eval(by)? {
            Tri::Known(Value::Date(d)) => d,
            Tri::Known(_) => return Err(EvalError(Msg::effective_by_not_date())),
            unknown => return Ok(unknown),
        },
    };
    Ok(Tri::Known(param.value_at(date).clone()))
}

/// The version of measure `index` for this evaluation, whether it is in force (unknown while the
/// date that picks it is), and the facts that date waits for.
fn version_in_force(
    facts: &mut Facts,
    index: usize,
) -> Result<(usize, Option<bool>, Missing), EvalError> {
    let policy = facts.policy;
    let measure = &policy.measures[index];
    let (version, in_force) = facts.version_on_as_of(index);
    let by = match &measure.effective_by {
        Some(by) if policy.period().contains(facts.as_of) => by,
        _ => return Ok((version, Some(in_force), Missing::default())),
    };
    let date = match facts.eval(by)? {
        Tri::Known(Value::Date(d)) => d,
        Tri::Known(_) => return Err(EvalError(Msg::effective_by_not_date())),
        Tri::Unknown(m) => return Ok((0, None, m)),
    };
    let (version, in_force) = measure.version_at(date);
    Ok((version, Some(in_force), Missing::default()))
}

impl Outcome {
    /// The version of the measure this outcome was decided by.
    pub fn version_of<'p>(&self, policy: &'p Policy) -> &'p Measure {
        policy.measures[self.measure].version(self.version)
    }
}

/// Evaluates every measure (or those in `only`, by index) for one profile.
pub fn evaluate(
    facts: &mut Facts,
    subject: Subject,
    only: Option<&[usize]>,
) -> Result<Vec<Outcome>, EngineError> {
    let mut outcomes = Vec::new();
    evaluate_into(facts, subject, only, &mut outcomes)?;
    Ok(outcomes)
}

/// `evaluate`, into `outcomes`, reusing their memory: for evaluating many profiles in a row.
pub fn evaluate_into(
    facts: &mut Facts,
    subject: Subject,
    only: Option<&[usize]>,
    outcomes: &mut Vec<Outcome>,
) -> Result<(), EngineError> {
    check_dates(facts)?;
    let policy = facts.policy;
    let count = only.map_or(policy.measures.len(), <[usize]>::len);
    outcomes.truncate(count);
    outcomes.resize_with(count, || blank(0, 0, Vec::new(), Vec::new()));
    for (k, outcome) in outcomes.iter_mut().enumerate() {
        let i = only.map_or(k, |list| list[k]);
        if let Err(e) = decide(facts, i, subject, outcome, &[]) {
            return Err(failure(facts, i, e));
        }
    }
    check_totals(policy, outcomes)
}

/// Refuses outcomes whose eligible or pending amounts for one beneficiary add up to more than a
/// decimal holds, naming the measure at which the sum overflows; so `total` always fits.
fn check_totals(policy: &Policy, outcomes: &[Outcome]) -> Result<(), EngineError> {
    let mut sums = [[Decimal::ZERO; 3]; 2];
    for o in outcomes {
        let (Some(amount), Some(row)) = (
            o.amount,
            match o.status {
                Status::Eligible => Some(0),
                Status::Pending => Some(1),
                _ => None,
            },
        ) else {
            continue;
        };
        let beneficiary = o.version_of(policy).beneficiary as usize;
        let sum = &mut sums[row][beneficiary];
        *sum = sum.checked_add(amount).ok_or_else(|| EngineError {
            measure: policy.measures[o.measure].id.clone(),
            problem: Msg::total_overflows(
                amount,
                o.version_of(policy).beneficiary.total_name(),
                Decimal::MAX,
            ),
        })?;
    }
    Ok(())
}

/// Evaluates profile after profile that give values for the same few facts (an intake's columns):
/// a measure that reads none of them comes out the same for every profile, so it is decided for
/// the first one and its outcome kept for the rest.
pub struct Evaluator<'p> {
    only: Option<&'p [usize]>,
    /// Per outcome: whether it can differ from one profile to the next.
    varies: Vec<bool>,
    /// Per outcome, version and condition, without details: whether it cannot fail, so need not
    /// be looked at once another one has failed.
    skippable: Vec<Vec<Vec<bool>>>,
    /// Per outcome, version and condition, without details: whether it reads none of the facts
    /// the profiles give, so comes out the same for all of them.
    steady: Vec<Vec<Vec<bool>>>,
    /// The outcomes of the last profile.
    outcomes: Vec<Outcome>,
    first: Option<First>,
}

/// The first profile's subject and date, and which of its outcomes hold for every profile.
struct First {
    subject: Subject,
    as_of: Date,
    same: Vec<bool>,
}

impl<'p> Evaluator<'p> {
    /// For profiles that give values only for the facts for which `given` is true (the others
    /// keep their defaults, or stay unknown).
    ///
    /// Without `details`, only what statuses, amounts, dates and missing facts need is worked
    /// out, and conditions not needed read `None`: once a condition has failed, later ones that
    /// cannot fail are skipped, and a measure that fails on a condition reading none of the given
    /// facts, with none that can fail, is decided once. (Conditions that can fail are always
    /// looked at, so a row fails exactly as with details.)
    pub fn new(
        policy: &Policy,
        only: Option<&'p [usize]>,
        given: impl Fn(usize) -> bool,
        details: bool,
    ) -> Self {
        let measures: Vec<usize> = match only {
            Some(list) => list.to_vec(),
            None => (0..policy.measures.len()).collect(),
        };
        // Per version and condition of measure `i`, whether `test` holds (nothing with details).
        let per_condition = |i: usize, test: &dyn Fn(&Node) -> bool| -> Vec<Vec<bool>> {
            if details {
                return Vec::new();
            }
            let conditions = |m: &Measure| -> Vec<bool> {
                m.conditions.iter().map(|c| test(&c.expr.node)).collect()
            };
            policy.measures[i].all_versions().map(conditions).collect()
        };
        let cannot_fail = |node: &Node| !policy.can_fail(node);
        let reads_nothing_given = |node: &Node| !policy.expression_reads(node, &given);
        Evaluator {
            only,
            varies: measures
                .iter()
                .map(|&i| policy.measure_reads(i, &given))
                .collect(),
            skippable: measures
                .iter()
                .map(|&i| per_condition(i, &cannot_fail))
                .collect(),
            steady: measures
                .iter()
                .map(|&i| per_condition(i, &reads_nothing_given))
                .collect(),
            outcomes: Vec::new(),
            first: None,
        }
    }

    /// Decides every measure (or those in `only`) for the next profile.
    pub fn evaluate(
        &mut self,
        facts: &mut Facts,
        subject: Subject,
    ) -> Result<&[Outcome], EngineError> {
        let same = match &self.first {
            Some(first) if first.subject == subject && first.as_of == facts.as_of => &first.same,
            _ => {
                self.first = None;
                evaluate_into(facts, subject, self.only, &mut self.outcomes)?;
                let same = (0..self.outcomes.len())
                    .map(|k| self.holds_for_all(facts.policy, k))
                    .collect();
                self.first = Some(First {
                    subject,
                    as_of: facts.as_of,
                    same,
                });
                return Ok(&self.outcomes);
            }
        };
        check_dates(facts)?;
        let policy = facts.policy;
        for (k, outcome) in self.outcomes.iter_mut().enumerate() {
            if same[k] {
                continue;
            }
            let i = self.only.map_or(k, |list| list[k]);
            if let Err(e) = decide(facts, i, subject, outcome, &self.skippable[k]) {
                return Err(failure(facts, i, e));
            }
        }
        check_totals(policy, &self.outcomes)?;
        Ok(&self.outcomes)
    }

    /// The outcomes of the last profile evaluated.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// Whether the first profile's outcome `k` holds for every profile: it reads nothing given,
    /// or it fails steadily (see `new`), in which case only its steady failures are kept.
    fn holds_for_all(&mut self, policy: &Policy, k: usize) -> bool {
        if !self.varies[k] {
            return true;
        }
        let outcome = &mut self.outcomes[k];
        let i = self.only.map_or(k, |list| list[k]);
        let one_version = policy.measures[i]
            .all_versions()
            .all(|v| v.effective_by.is_none());
        let (Some(skippable), Some(steady)) = (
            self.skippable[k].get(outcome.version),
            self.steady[k].get(outcome.version),
        ) else {
            return false;
        };
        let steady_failure =
            |(result, steady): (&Option<bool>, &bool)| *steady && *result == Some(false);
        if !one_version
            || !skippable.iter().all(|s| *s)
            || !outcome.conditions.iter().zip(steady).any(steady_failure)
        {
            return false;
        }
        for (result, steady) in outcome.conditions.iter_mut().zip(steady) {
            if !steady_failure((result, steady)) {
                *result = None;
            }
        }
        true
    }
}

/// An outcome with nothing decided yet, its lists emptied.
fn blank(
    measure: usize,
    version: usize,
    mut conditions: Vec<Option<bool>>,
    mut missing: Vec<usize>,
) -> Outcome {
    conditions.clear();
    missing.clear();
    Outcome {
        measure,
        version,
        status: Status::NotEligible,
        wrong_subject: false,
        out_of_force: false,
        conditions,
        amount: None,
        amount_max: None,
        amount_trace: AmountTrace::None,
        available_from: None,
        missing,
    }
}

/// Decides measure `index` into `outcome`, reusing its lists' memory. `skippable` tells, per
/// version and condition, which conditions need not be looked at once one has failed.
fn decide(
    facts: &mut Facts,
    index: usize,
    subject: Subject,
    outcome: &mut Outcome,
    skippable: &[Vec<bool>],
) -> Result<(), EvalError> {
    let policy = facts.policy;
    let (version, in_force, mut missing) = version_in_force(facts, index)?;
    let measure: &Measure = policy.measures[index].version(version);
    let conditions = std::mem::take(&mut outcome.conditions);
    let missing_facts = std::mem::take(&mut outcome.missing);
    *outcome = blank(index, version, conditions, missing_facts);
    if measure.subject != subject {
        outcome.wrong_subject = true;
        return Ok(());
    }
    if in_force == Some(false) {
        outcome.out_of_force = true;
        return Ok(());
    }
    let mut failed = false;
    outcome.conditions.reserve_exact(measure.conditions.len());
    let skippable = skippable.get(version).map_or(&[][..], Vec::as_slice);
    for (c, condition) in measure.conditions.iter().enumerate() {
        if failed && skippable.get(c) == Some(&true) {
            outcome.conditions.push(None);
            continue;
        }
        let result = eval_bool(&condition.expr.node, facts, &mut missing).map_err(|e| *e)?;
        failed |= result == Some(false);
        outcome.conditions.push(result);
    }
    if failed {
        return Ok(());
    }
    let known = |t: Tri, missing: &mut Missing| match t {
        Tri::Known(v) => Some(v),
        Tri::Unknown(m) => {
            *missing = std::mem::take(missing).merge(m);
            None
        }
    };
    if let Some(max) = &measure.amount_max {
        outcome.amount_max = paid(policy, known(facts.eval(max)?, &mut missing));
    }
    match &measure.amount {
        None => {}
        Some(AmountRule::Formula(expr)) => {
            outcome.amount_trace = AmountTrace::Formula;
            outcome.amount = paid(policy, known(facts.eval(expr)?, &mut missing));
        }
        Some(AmountRule::Table { by, rows, .. }) => {
            if let Some(Value::Option(key)) = known(facts.value_of(*by)?, &mut missing) {
                let mut undecided = false;
                let mut chosen = None;
                for (r, row) in rows
                    .iter()
                    .enumerate()
                    .filter(|(_, row)| row.options.contains(&key))
                {
                    let applies = match &row.when {
                        None => Some(true),
                        Some(when) => eval_bool(&when.node, facts, &mut missing).map_err(|e| *e)?,
                    };
                    match applies {
                        Some(true) => {
                            chosen = Some(r);
                            break;
                        }
                        Some(false) => {}
                        None => undecided = true,
                    }
                }
                match chosen {
                    Some(r) => {
                        outcome.amount_trace = AmountTrace::Row(r);
                        outcome.amount =
                            paid(policy, known(facts.eval(&rows[r].value)?, &mut missing));
                    }
                    None if undecided => {}
                    None => {
                        outcome.amount_trace = AmountTrace::NoRow;
                        return Ok(());
                    }
                }
            }
        }
    }
    if let Some(amount) = outcome
        .amount
        .filter(|a| a.is_sign_negative() && !a.is_zero())
    {
        return Err(EvalError(Msg::negative_amount(amount)));
    }
    if let Some(expr) = &measure.available_from {
        outcome.available_from = known(facts.eval(expr)?, &mut missing).and_then(|v| v.as_date());
    }
    if !missing.is_empty() {
        outcome.status = Status::NeedsInfo;
        outcome.missing.extend(missing.facts());
        return Ok(());
    }
    outcome.status = match (outcome.available_from, measure.kind) {
        (Some(date), _) if date > facts.as_of => Status::Pending,
        (_, Kind::Competitive) => Status::MayApply,
        _ => Status::Eligible,
    };
    Ok(())
}

/// An amount as it is paid: rounded to the policy's decimals, a half upwards (to the fen,
/// 0.005 → 0.01). Amounts are never negative, so "away from zero" is "upwards".
pub fn round_amount(policy: &Policy, amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(
        policy.amount_decimals,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    )
}

/// A computed amount, if known, as it is paid (see `round_amount`).
fn paid(policy: &Policy, value: Option<Value>) -> Option<Decimal> {
    value
        .and_then(|v| v.as_number())
        .map(|a| round_amount(policy, a))
}

/// The sum of the amounts of one status (eligible, or pending) for one beneficiary. Evaluation
/// refuses outcomes whose sum overflows (`check_totals`), so saturating never changes it.
pub fn total(
    policy: &Policy,
    outcomes: &[Outcome],
    status: Status,
    beneficiary: Beneficiary,
) -> Decimal {
    outcomes
        .iter()
        .filter(|o| o.status == status && o.version_of(policy).beneficiary == beneficiary)
        .filter_map(|o| o.amount)
        .fold(Decimal::ZERO, Decimal::saturating_add)
}
