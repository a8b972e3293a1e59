//! Properties of the engine over generated profiles: unknowns are sound, totals add up, results are repeatable.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failing test

use caiju::engine::{evaluate, Evaluator, Facts, Outcome, Status};
use caiju::i18n::Lang;
use caiju::lang::value::{Type, Value};
use caiju::policy::{Beneficiary, DateBound, Policy, Subject};
use caiju::profile::Profile;
use caiju::report::{json, Report, Shown, Totals};
use jiff::civil::Date;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| Policy::embedded().expect("the embedded policy loads"))
}

/// A value of the given type, from a few raw numbers, biased towards the values rules care about.
fn value_of(ty: Type, pick: u32, n: i64) -> Option<Value> {
    Some(match ty {
        Type::Bool => Value::Bool(pick % 2 == 0),
        Type::Number => Value::Number(Decimal::from(n.rem_euclid(12))),
        Type::Money => Value::Number(
            Decimal::from(n.rem_euclid(3_000_000))
                / Decimal::from(if pick % 3 == 0 { 100 } else { 1 }),
        ),
        Type::Date => {
            let day = n.rem_euclid(365 * 30) as i32;
            Value::Date(
                Date::constant(2004, 1, 1)
                    .checked_add(jiff::Span::new().days(day))
                    .ok()?,
            )
        }
        Type::Text => return None,
        Type::Enum(id) => Value::Option(pick as usize % policy().enums[id].options.len()),
    })
}

/// A date that must fall between another date and the as-of date (the date of leaving an
/// employer) is moved into that span: after its lower bound and before the earliest as-of date
/// drawn; left out when its lower bound comes later than that.
fn within_bounds(mut facts: Vec<Option<Value>>) -> Vec<Option<Value>> {
    let earliest_as_of = Date::constant(2021, 4, 9);
    for (i, fact) in policy().facts.iter().enumerate() {
        let (Some(DateBound::Fact(lower)), Some(DateBound::AsOf)) =
            (fact.not_before, fact.not_after)
        else {
            continue;
        };
        let low = match facts[lower] {
            Some(Value::Date(d)) => d,
            _ => Date::constant(2004, 1, 1),
        };
        facts[i] = match facts[i] {
            Some(Value::Date(d)) if low <= earliest_as_of => {
                Some(Value::Date(d.clamp(low, earliest_as_of)))
            }
            _ => None,
        };
    }
    facts
}

fn profiles() -> impl Strategy<Value = Profile> {
    let count = policy().facts.len();
    (
        any::<bool>(),
        proptest::collection::vec((0u32..10, any::<u32>(), any::<i64>()), count),
    )
        .prop_map(|(organization, raw)| {
            let facts = policy()
                .facts
                .iter()
                .zip(raw)
                .map(|(fact, (present, pick, n))| {
                    if present < 8 && fact.not_after.is_some() && fact.not_before.is_none() {
                        // A birth date: before every other date and every as-of date, as the
                        // policy's order of dates requires.
                        let day = n.rem_euclid(365 * 40) as i32;
                        Date::constant(1963, 1, 1)
                            .checked_add(jiff::Span::new().days(day))
                            .ok()
                            .map(Value::Date)
                    } else if present < 8 {
                        value_of(fact.ty, pick, n)
                    } else {
                        None
                    }
                })
                .collect();
            let facts = within_bounds(facts);
            Profile {
                subject: if organization {
                    Subject::Organization
                } else {
                    Subject::Person
                },
                name: None,
                facts,
                undecided: Vec::new(),
            }
        })
}

fn as_of() -> impl Strategy<Value = Date> {
    (0i32..3000).prop_map(|d| {
        Date::constant(2021, 4, 9)
            .checked_add(jiff::Span::new().days(d))
            .unwrap()
    })
}

fn run(profile: &Profile, as_of: Date) -> Vec<Outcome> {
    let mut facts = Facts::new(policy(), profile, as_of);
    evaluate(&mut facts, profile.subject, None).expect("the embedded policy evaluates")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Forgetting a fact (one the policy gives no default for) only moves results towards `needs_info`.
    #[test]
    fn removing_a_fact_never_decides_differently(profile in profiles(), as_of in as_of(), which in any::<usize>()) {
        let given: Vec<usize> = (0..profile.facts.len())
            .filter(|&i| profile.facts[i].is_some() && policy().facts[i].default.is_none())
            .collect();
        prop_assume!(!given.is_empty());
        let removed = given[which % given.len()];
        let mut fewer = profile.clone();
        fewer.facts[removed] = None;
        let before = run(&profile, as_of);
        let after = run(&fewer, as_of);
        for (b, a) in before.iter().zip(&after) {
            let id = &policy().measures[b.measure].id;
            let fact = &policy().facts[removed].name;
            if a.status != b.status {
                prop_assert_eq!(a.status, Status::NeedsInfo, "{}: {:?} became {:?} without {}", id, b.status, a.status, fact);
            }
            if let (Some(x), Some(y)) = (b.amount, a.amount) {
                prop_assert_eq!(x, y, "{}: amount changed without {}", id, fact);
            }
            if let (Some(x), Some(y)) = (b.available_from, a.available_from) {
                prop_assert_eq!(x, y, "{}: date changed without {}", id, fact);
            }
        }
    }

    /// Totals are the sums of the eligible amounts, and pending totals of the pending ones, to the fen.
    #[test]
    fn totals_are_sums_of_eligible_amounts(profile in profiles(), as_of in as_of()) {
        let outcomes = run(&profile, as_of);
        for (status, totals) in [
            (Status::Eligible, Totals::of(policy(), &outcomes)),
            (Status::Pending, Totals::pending(policy(), &outcomes)),
        ] {
            for beneficiary in [Beneficiary::Individual, Beneficiary::Employer, Beneficiary::Organization] {
                let sum: Decimal = outcomes
                    .iter()
                    .filter(|o| o.status == status && policy().measures[o.measure].beneficiary == beneficiary)
                    .filter_map(|o| o.amount)
                    .sum();
                prop_assert_eq!(totals.get(beneficiary), sum.normalize());
            }
        }
    }

    /// Statuses are consistent with what they claim.
    #[test]
    fn statuses_mean_what_they_say(profile in profiles(), as_of in as_of()) {
        for o in run(&profile, as_of) {
            let measure = &policy().measures[o.measure];
            match o.status {
                Status::NeedsInfo => prop_assert!(!o.missing.is_empty(), "{}", measure.id),
                Status::Pending => prop_assert!(o.available_from.is_some_and(|d| d > as_of), "{}", measure.id),
                Status::Eligible | Status::MayApply => {
                    prop_assert!(o.missing.is_empty());
                    prop_assert!(o.conditions.iter().all(|c| *c == Some(true)), "{}", measure.id);
                }
                Status::NotEligible => {}
            }
        }
    }

    /// Deciding once the measures that read none of the facts profiles give changes no outcome.
    #[test]
    fn reused_outcomes_equal_fresh_ones(
        profiles in proptest::collection::vec(profiles(), 4),
        given in proptest::collection::vec(any::<bool>(), policy().facts.len()),
        as_of in as_of(),
    ) {
        let mut evaluator = Evaluator::new(policy(), None, |fact| given[fact], true);
        for mut profile in profiles {
            profile.subject = Subject::Person;
            for (value, given) in profile.facts.iter_mut().zip(&given) {
                if !given {
                    *value = None;
                }
            }
            let mut facts = Facts::new(policy(), &profile, as_of);
            let fresh = run(&profile, as_of);
            let reused = evaluator.evaluate(&mut facts, profile.subject).unwrap();
            prop_assert_eq!(reused, fresh.as_slice());
        }
    }

    /// Without details, every outcome is the same but for conditions left unread in measures that failed.
    #[test]
    fn decisions_without_details_are_the_same(
        profiles in proptest::collection::vec(profiles(), 8),
        given in proptest::collection::vec(any::<bool>(), policy().facts.len()),
        as_of in as_of(),
    ) {
        let mut evaluator = Evaluator::new(policy(), None, |fact| given[fact], false);
        for mut profile in profiles {
            profile.subject = Subject::Person;
            for (value, given) in profile.facts.iter_mut().zip(&given) {
                if !given {
                    *value = None;
                }
            }
            let mut facts = Facts::new(policy(), &profile, as_of);
            let quick = evaluator.evaluate(&mut facts, profile.subject).unwrap().to_vec();
            for (mut q, full) in quick.into_iter().zip(run(&profile, as_of)) {
                let failed = full.conditions.contains(&Some(false));
                prop_assert_eq!(q.conditions.len(), full.conditions.len());
                for (q, f) in q.conditions.iter().zip(&full.conditions) {
                    prop_assert!(q == f || (failed && q.is_none()));
                }
                q.conditions.clone_from(&full.conditions);
                prop_assert_eq!(q, full);
            }
        }
    }

    /// The same input renders byte-identical output.
    #[test]
    fn output_is_repeatable(profile in profiles(), as_of in as_of()) {
        let render = || {
            let mut facts = Facts::new(policy(), &profile, as_of);
            let outcomes = evaluate(&mut facts, profile.subject, None).unwrap();
            let report = Report::new(&mut facts, &outcomes, profile.subject, None, Lang::En, Shown { all: true, any_subject: true });
            json::render(policy(), &report).unwrap()
        };
        prop_assert_eq!(render(), render());
    }
}

/// A cell as an intake would hold it: ids for options, ISO dates, plain decimals.
fn cell(value: &Option<Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Date(d)) => d.to_string(),
        Some(Value::Text(t)) => t.to_string(),
        Some(Value::Option(_)) => unreachable!("written with its enum below"),
    }
}

/// Batch and check agree on every row of a generated intake.
#[test]
fn batch_agrees_with_check_on_generated_rows() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let as_of = Date::constant(2026, 6, 30);
    let rows: Vec<Profile> = (0..200)
        .map(|_| {
            let mut p = profiles().new_tree(&mut runner).unwrap().current();
            p.subject = Subject::Person;
            p
        })
        .collect();
    let facts = &policy().facts;
    let mut csv = facts
        .iter()
        .map(|f| f.name.as_str())
        .collect::<Vec<_>>()
        .join(",");
    csv.push('\n');
    for row in &rows {
        let cells: Vec<String> = row
            .facts
            .iter()
            .zip(facts)
            .map(|(value, fact)| match (value, fact.ty) {
                (Some(Value::Option(o)), Type::Enum(id)) => {
                    policy().enums[id].options[*o].id.clone()
                }
                _ => cell(value),
            })
            .collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("intake.csv");
    std::fs::write(&input, csv).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caiju"))
        .args([
            "batch",
            input.to_str().unwrap(),
            "--format",
            "jsonl",
            "--all",
            "--as-of",
            "2026-06-30",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), rows.len());
    for (row, line) in rows.iter().zip(&lines) {
        let mut facts = Facts::new(policy(), row, as_of);
        let outcomes = evaluate(&mut facts, row.subject, None).unwrap();
        let report = Report::new(
            &mut facts,
            &outcomes,
            row.subject,
            None,
            Lang::En,
            Shown {
                all: true,
                any_subject: true,
            },
        );
        assert_eq!(
            line["measures"],
            serde_json::to_value(&report.measures).unwrap(),
            "row {}",
            line["row"]
        );
        assert_eq!(
            line["totals"],
            serde_json::to_value(&report.totals).unwrap(),
            "row {}",
            line["row"]
        );
        assert_eq!(
            line["pending_totals"],
            serde_json::to_value(&report.pending_totals).unwrap(),
            "row {}",
            line["row"]
        );
    }
}

/// A measure that fails on a fact the profiles give is decided afresh for the next profile.
#[test]
fn failures_on_given_facts_are_decided_again() {
    let fact = |name: &str| policy().fact_index(name).expect(name);
    let invited = fact("invited_to_recruitment_event");
    let given = [invited, fact("education"), fact("travel_origin")];
    let as_of = Date::constant(2026, 6, 30);
    let mut evaluator = Evaluator::new(policy(), None, |f| given.contains(&f), false);
    for invited_then in [false, true, false] {
        let mut profile = Profile::empty(policy());
        profile.facts[invited] = Some(Value::Bool(invited_then));
        profile.facts[given[1]] = Some(Value::Option(0));
        profile.facts[given[2]] = Some(Value::Option(3));
        let mut facts = Facts::new(policy(), &profile, as_of);
        let quick = evaluator.evaluate(&mut facts, profile.subject).unwrap();
        let statuses = |outcomes: &[Outcome]| outcomes.iter().map(|o| o.status).collect::<Vec<_>>();
        let full = run(&profile, as_of);
        assert!(full.iter().any(|o| o.status == Status::Eligible) || !invited_then);
        assert_eq!(statuses(quick), statuses(&full), "invited: {invited_then}");
    }
}
