//! The result of a check in the reader's language, shared by every output format.

pub mod json;

use crate::engine::{total, AmountTrace, Facts, Outcome, Status};
use crate::i18n::Lang;
use crate::lang::eval::Tri;
use crate::lang::value::{Node, Ref, Type, Value};
use crate::places::Ambiguity;
use crate::policy::{AmountRule, Beneficiary, Departments, Kind, Policy, Subject};
use jiff::civil::Date;
use rust_decimal::Decimal;

/// One measure's result, with every text rendered.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MeasureReport {
    pub id: String,
    pub name: String,
    pub clause: String,
    pub kind: Kind,
    pub beneficiary: Beneficiary,
    pub status: Status,
    #[serde(serialize_with = "json::decimal")]
    pub amount: Option<Decimal>,
    #[serde(serialize_with = "json::decimal")]
    pub amount_max: Option<Decimal>,
    #[serde(serialize_with = "json::date")]
    pub available_from: Option<Date>,
    pub missing: Vec<String>,
    pub reasons: Vec<String>,
    /// Who handles the measure, as the policy names them; `null` where it names none.
    pub departments: Option<DepartmentsReport>,
    /// Which files the measure and its amount come from; only when overlays are layered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::catalog::Origins>,
    /// The questions that would settle the missing facts.
    #[serde(skip)]
    pub questions: Vec<String>,
    /// The few reasons a table row shows: the amount, the date, or what failed.
    #[serde(skip)]
    pub detail: Vec<String>,
}

/// The offices that handle a measure, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct DepartmentsReport {
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    /// Who pays, where the text says so.
    pub payer: Option<String>,
}

impl DepartmentsReport {
    pub fn of(departments: &Departments, lang: Lang) -> DepartmentsReport {
        let names =
            |list: &[crate::i18n::Texts]| list.iter().map(|t| t.get(lang).to_string()).collect();
        DepartmentsReport {
            lead: names(&departments.lead),
            responsible: names(&departments.responsible),
            payer: departments.payer.as_ref().map(|t| t.get(lang).to_string()),
        }
    }
}

/// Totals of eligible (or pending) amounts per beneficiary.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    #[serde(with = "rust_decimal::serde::str")]
    pub individual: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub employer: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub organization: Decimal,
}

impl Totals {
    /// The money claimable now: eligible amounts.
    pub fn of(policy: &Policy, outcomes: &[Outcome]) -> Totals {
        Totals::with_status(policy, outcomes, Status::Eligible)
    }

    /// The money claimable later: pending amounts.
    pub fn pending(policy: &Policy, outcomes: &[Outcome]) -> Totals {
        Totals::with_status(policy, outcomes, Status::Pending)
    }

    fn with_status(policy: &Policy, outcomes: &[Outcome], status: Status) -> Totals {
        let sum = |b| total(policy, outcomes, status, b).normalize();
        Totals {
            individual: sum(Beneficiary::Individual),
            employer: sum(Beneficiary::Employer),
            organization: sum(Beneficiary::Organization),
        }
    }

    pub fn get(&self, beneficiary: Beneficiary) -> Decimal {
        match beneficiary {
            Beneficiary::Individual => self.individual,
            Beneficiary::Employer => self.employer,
            Beneficiary::Organization => self.organization,
        }
    }
}

/// A whole check, ready to print.
#[derive(Clone, Debug)]
pub struct Report {
    pub as_of: Date,
    pub subject: Subject,
    pub name: Option<String>,
    pub measures: Vec<MeasureReport>,
    pub totals: Totals,
    pub pending_totals: Totals,
    pub lang: Lang,
    /// Measures for this subject that do not apply and are not listed (without `all`).
    pub left_out: usize,
    /// Measures for the other subject that are not listed.
    pub other_subject: usize,
}

/// Which measures a report lists besides those that apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    /// Also those that do not apply, with their reasons.
    pub all: bool,
    /// With `all`: also those meant for the other subject (an organisation's for a person).
    pub any_subject: bool,
}

impl Report {
    /// Renders `outcomes`; without `all`, measures that do not apply are left out.
    pub fn new(
        facts: &mut Facts,
        outcomes: &[Outcome],
        subject: Subject,
        name: Option<String>,
        lang: Lang,
        shown: Shown,
    ) -> Report {
        let policy = facts.policy;
        let listed = |o: &Outcome| {
            o.status != Status::NotEligible
                || (shown.all && (shown.any_subject || !o.wrong_subject))
        };
        let measures = outcomes
            .iter()
            .filter(|o| listed(o))
            .map(|o| measure_report(facts, o, lang))
            .collect();
        let hidden = |other: bool| {
            outcomes
                .iter()
                .filter(|o| !listed(o) && o.wrong_subject == other)
                .count()
        };
        Report {
            as_of: facts.as_of(),
            subject,
            name,
            measures,
            totals: Totals::of(policy, outcomes),
            pending_totals: Totals::pending(policy, outcomes),
            lang,
            left_out: hidden(false),
            other_subject: hidden(true),
        }
    }
}

impl Report {
    /// Facts a profile gave that tell no one value (a city on both banks of the Yangtze): the
    /// measures waiting for them say why and what to give, instead of only asking.
    pub fn note_undecided(&mut self, policy: &Policy, undecided: &[(usize, Ambiguity)]) {
        for (fact, ambiguity) in undecided {
            let Some(fact) = policy.facts.get(*fact) else {
                continue;
            };
            let question = fact.question.get(self.lang);
            let why = ambiguity.why.get(self.lang);
            for m in self
                .measures
                .iter_mut()
                .filter(|m| m.missing.contains(&fact.name))
            {
                for q in m.questions.iter_mut().filter(|q| *q == question) {
                    *q = why.to_string();
                }
                m.reasons.push(why.to_string());
            }
        }
    }
}

pub fn measure_report(facts: &mut Facts, outcome: &Outcome, lang: Lang) -> MeasureReport {
    let policy = facts.policy;
    let measure = outcome.version_of(policy);
    let Reasons {
        all: reasons,
        detail,
    } = reasons(facts, outcome, lang);
    // While facts are missing, the amounts the measure can still reach.
    let range = match outcome.status {
        Status::NeedsInfo => crate::reach::amount_range(facts, outcome).ok().flatten(),
        _ => None,
    };
    let (amount, amount_max) = match range {
        Some(r) if r.low == r.high => (r.low, None),
        Some(r) => (r.low, r.high),
        None => (outcome.amount, outcome.amount_max),
    };
    MeasureReport {
        id: measure.id.clone(),
        name: measure.name.get(lang).to_string(),
        clause: measure.clause.clone(),
        kind: measure.kind,
        beneficiary: measure.beneficiary,
        status: outcome.status,
        amount: amount.map(|a| a.normalize()),
        amount_max: amount_max.map(|a| a.normalize()),
        available_from: outcome.available_from,
        missing: outcome
            .missing
            .iter()
            .map(|&f| policy.facts[f].name.clone())
            .collect(),
        reasons,
        detail,
        departments: measure
            .departments
            .as_ref()
            .map(|d| DepartmentsReport::of(d, lang)),
        origin: (!policy.overlays.is_empty())
            .then(|| crate::catalog::Origins::of(policy, measure, facts.as_of())),
        questions: outcome
            .missing
            .iter()
            .map(|&f| policy.facts[f].question.get(lang).to_string())
            .collect(),
    }
}

/// Money as people write it: `70,000`, `1,234.50` (a fraction of a yuan to the fen at least).
pub fn money(amount: Decimal) -> String {
    let text = grouped(amount);
    match text.split_once('.') {
        Some((_, fraction)) if fraction.len() == 1 => format!("{text}0"),
        _ => text,
    }
}

/// A number with its thousands grouped, as exact as it is: `1,234.5`, `0.02`.
pub fn grouped(number: Decimal) -> String {
    let text = number.normalize().to_string();
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (whole, fraction) = digits
        .split_once('.')
        .map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A value as a reader should see it.
pub fn show_value(policy: &Policy, ty: Type, value: &Value, lang: Lang) -> String {
    match (ty, value) {
        (_, Value::Bool(b)) => lang
            .pick(if *b { "是" } else { "否" }, if *b { "yes" } else { "no" })
            .into(),
        (Type::Money, Value::Number(n)) => money(*n),
        (_, Value::Number(n)) => n.normalize().to_string(),
        (_, Value::Date(d)) => d.to_string(),
        (_, Value::Text(t)) => t.to_string(),
        (Type::Enum(id), Value::Option(o)) => policy.option(id, *o).label.get(lang).to_string(),
        (_, Value::Option(o)) => o.to_string(),
    }
}

fn ref_label(policy: &Policy, r: Ref, lang: Lang) -> String {
    match r {
        Ref::AsOf => lang.pick("评估日期", "as-of date").into(),
        _ => policy.ref_label(r).get(lang).into(),
    }
}

/// `label = value` for every name `refs` reads.
pub fn values_seen(facts: &mut Facts, refs: &[Ref], lang: Lang) -> String {
    let policy = facts.policy;
    let sep = lang.pick("；", "; ");
    refs.iter()
        .map(|&r| {
            let shown = match facts.value_of(r) {
                Ok(Tri::Known(v)) => show_value(policy, policy.ref_type(r), &v, lang),
                _ => lang.pick("未知", "unknown").into(),
            };
            format!("{} = {shown}", ref_label(policy, r, lang))
        })
        .collect::<Vec<_>>()
        .join(sep)
}

fn with_values(text: String, values: String, lang: Lang) -> String {
    if values.is_empty() {
        text
    } else {
        format!(
            "{text}{}{values}{}",
            lang.pick("（", " ("),
            lang.pick("）", ")")
        )
    }
}

/// Every reason, and the few that matter most for the status.
pub struct Reasons {
    pub all: Vec<String>,
    pub detail: Vec<String>,
}

/// Why the measure came out as it did: every condition with the values it saw, then the amount.
pub fn reasons(facts: &mut Facts, outcome: &Outcome, lang: Lang) -> Reasons {
    let policy = facts.policy;
    let measure = outcome.version_of(policy);
    let mut out = Vec::new();
    let mut detail = Vec::new();
    if outcome.wrong_subject {
        detail.push(format!(
            "{}{}{}",
            lang.pick("本措施面向", "this measure is for "),
            measure.subject.label(lang),
            lang.pick("，不适用于本档案", ", not for this profile"),
        ));
        return Reasons {
            all: detail.clone(),
            detail,
        };
    }
    if outcome.out_of_force {
        detail.push(out_of_force_reason(facts, outcome, lang));
        return Reasons {
            all: detail.clone(),
            detail,
        };
    }
    for (condition, result) in measure.conditions.iter().zip(&outcome.conditions) {
        let mark = match result {
            Some(true) => lang.pick("✓ 满足：", "✓ met: "),
            Some(false) => lang.pick("✗ 不满足：", "✗ not met: "),
            None => lang.pick("? 待确认：", "? unknown: "),
        };
        let values = values_seen(facts, &condition.expr.node.refs(), lang);
        let line = with_values(format!("{mark}{}", condition.text.get(lang)), values, lang);
        if *result == Some(false) {
            detail.push(line.clone());
        }
        out.push(line);
    }
    if let Some(line) = amount_reason(facts, outcome, lang) {
        detail.push(line.clone());
        out.push(line);
    }
    if let Some(date) = outcome.available_from {
        let line = if outcome.status == Status::Pending {
            format!(
                "{}{date}{}",
                lang.pick("自 ", "claimable from "),
                lang.pick(" 起可申领（尚未到期）", " (not yet)")
            )
        } else {
            format!(
                "{}{date}{}",
                lang.pick("自 ", "claimable since "),
                lang.pick(" 起可申领", "")
            )
        };
        detail.push(line.clone());
        out.push(line);
    }
    match outcome.status {
        Status::MayApply => out.push(
            lang.pick(
                "择优评选：符合基本条件即可申报，是否获得由评审决定",
                "selective: you meet the basic conditions and may apply; selection decides",
            )
            .into(),
        ),
        Status::NeedsInfo => {
            let labels: Vec<&str> = outcome
                .missing
                .iter()
                .map(|&f| policy.facts[f].label.get(lang))
                .collect();
            out.push(format!(
                "{}{}",
                lang.pick("尚需了解：", "still needed: "),
                labels.join(lang.pick("、", ", "))
            ));
        }
        _ => {}
    }
    Reasons { all: out, detail }
}

/// What a rounded amount says of its rounding: "（四舍五入到分）".
fn rounded(decimals: u32, lang: Lang) -> String {
    match (decimals, lang) {
        (2, Lang::Zh) => "（四舍五入到分）".into(),
        (2, Lang::En) => " (rounded half up to the fen)".into(),
        (0, Lang::Zh) => "（四舍五入到元）".into(),
        (0, Lang::En) => " (rounded half up to the yuan)".into(),
        (n, Lang::Zh) => format!("（四舍五入保留{n}位小数）"),
        (n, Lang::En) => format!(" (rounded half up to {n} decimals)"),
    }
}

fn amount_reason(facts: &mut Facts, outcome: &Outcome, lang: Lang) -> Option<String> {
    let policy = facts.policy;
    let measure = outcome.version_of(policy);
    let result = |amount: Option<Decimal>| match amount {
        Some(a) => money(a),
        None => lang.pick("待确认", "unknown").into(),
    };
    let line = match (&measure.amount, &outcome.amount_trace) {
        (Some(AmountRule::Formula(expr)), AmountTrace::Formula) => {
            let sentence = crate::describe::labelled(facts, &expr.node, lang);
            let head = format!("{}{sentence}", lang.pick("金额：", "amount: "));
            let exact = facts.eval(expr).ok().and_then(|t| t.known()?.as_number());
            match (&expr.node, exact, outcome.amount) {
                // A fact or parameter alone: its value, shown, is the amount.
                (Node::Ref(_) | Node::Const(_), Some(exact), Some(amount)) if exact == amount => {
                    head
                }
                (_, Some(exact), Some(amount)) if exact != amount => format!(
                    "{head} = {}{}",
                    money(amount),
                    rounded(policy.amount_decimals, lang)
                ),
                _ => format!("{head} = {}", result(outcome.amount)),
            }
        }
        (Some(AmountRule::Table { by, enum_id, rows }), AmountTrace::Row(r)) => {
            let row = &rows[*r];
            let key = facts.value_of(*by).ok().and_then(|t| t.known().cloned());
            let mut parts = Vec::new();
            if let Some(Value::Option(o)) = key {
                parts.push(format!(
                    "{} = {}",
                    policy.ref_label(*by).get(lang),
                    policy.option(*enum_id, o).label.get(lang)
                ));
            }
            if let Some(when) = &row.when {
                let seen = values_seen(facts, &when.node.refs(), lang);
                if !seen.is_empty() {
                    parts.push(seen);
                }
            }
            format!(
                "{}{} → {}",
                lang.pick("金额：", "amount: "),
                parts.join(lang.pick("；", "; ")),
                result(outcome.amount)
            )
        }
        (Some(AmountRule::Table { by, .. }), AmountTrace::NoRow) => {
            let seen = values_seen(facts, &[*by], lang);
            format!("{}{seen}", lang.pick("无对应金额：", "no amount for "))
        }
        _ => {
            let max = outcome.amount_max?;
            format!("{}{}", lang.pick("最高 ", "up to "), money(max))
        }
    };
    Some(line)
}

/// "牵头单位 市人社局；责任单位 …；由受益地财政支出".
pub fn departments_text(d: &DepartmentsReport, lang: Lang) -> String {
    let list = |names: &[String]| names.join(lang.pick("、", ", "));
    let mut line = format!("{}{}", lang.pick("牵头单位 ", "lead: "), list(&d.lead));
    if !d.responsible.is_empty() {
        line.push_str(lang.pick("；责任单位 ", "; responsible: "));
        line.push_str(&list(&d.responsible));
    }
    if let Some(payer) = &d.payer {
        line.push_str(&match lang {
            Lang::Zh => format!("；由{payer}支出"),
            Lang::En => format!("; paid by {payer}"),
        });
    }
    line
}

/// Why a measure is not in force for this evaluation: the policy's dates, an overlay that switched
/// it off, or the measure's own dates.
pub fn out_of_force_reason(
    facts: &mut crate::engine::Facts,
    outcome: &crate::engine::Outcome,
    lang: Lang,
) -> String {
    let policy = facts.policy;
    let measure = outcome.version_of(policy);
    if !policy.period().contains(facts.as_of()) {
        return match lang {
            Lang::Zh => format!(
                "本政策{}施行，评估日期{}不在施行期内",
                policy.period().describe(lang),
                facts.as_of()
            ),
            Lang::En => format!(
                "the policy is in force {}; the as-of date {} is outside it",
                policy.period().describe(lang),
                facts.as_of()
            ),
        };
    }
    if let Some(origin) = &measure.off {
        let from = measure.period.from.map(|d| d.to_string());
        return match (lang, from) {
            (Lang::Zh, Some(d)) => format!("自{d}起已由{}停止执行", policy.cite(origin)),
            (Lang::Zh, None) => format!("已由{}停止执行", policy.cite(origin)),
            (Lang::En, Some(d)) => format!("switched off from {d} by {}", policy.cite(origin)),
            (Lang::En, None) => format!("switched off by {}", policy.cite(origin)),
        };
    }
    let (label, date) = match &measure.effective_by {
        None => (
            lang.pick("评估日期", "the as-of date").to_string(),
            facts.as_of().to_string(),
        ),
        Some(by) => {
            let label = match by.node {
                crate::lang::value::Node::Ref(r) => policy.ref_label(r).get(lang).to_string(),
                _ => by.text.clone(),
            };
            let date = facts
                .eval(by)
                .ok()
                .and_then(|t| t.known().and_then(Value::as_date))
                .map_or_else(
                    || lang.pick("未知", "unknown").to_string(),
                    |d| d.to_string(),
                );
            (label, date)
        }
    };
    match lang {
        Lang::Zh => format!(
            "本措施{}施行，{label}{date}不在施行期内",
            measure.period.describe(lang)
        ),
        Lang::En => format!(
            "the measure is in force {}; {label} {date} is outside it",
            measure.period.describe(lang)
        ),
    }
}
