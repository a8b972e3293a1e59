//! The policy's expression language: lexer → parser → checker → evaluator.

pub mod checker;
pub mod eval;
pub mod lexer;
pub mod parser;
pub mod value;

use crate::diagnostic::{Diagnostic, Source, Span};
use checker::Scope;
use value::{Expr, Type};

/// Parses and checks the expression `text`, found at byte `offset` of `source`.
pub fn compile(
    scope: &dyn Scope,
    source: &Source,
    text: &str,
    offset: usize,
    wanted: Type,
) -> Result<Expr, Diagnostic> {
    let syntax = parser::parse(text).map_err(|e| source.error(e.span.shift(offset), e.message))?;
    let (node, ty) = checker::check(scope, &syntax, wanted).map_err(|e| {
        source
            .error(e.span.shift(offset), e.message)
            .with_help_opt(e.help)
    })?;
    Ok(Expr {
        node,
        ty,
        span: Span::new(offset, offset + text.len()),
        text: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::eval::{eval, eval_bool, Env, EvalError, Missing, Tri};
    use super::value::{Ref, Type, Value};
    use super::*;
    use crate::messages::Msg;
    use rust_decimal::Decimal;

    /// Facts: 0 flag (bool), 1 age (number), 2 start (date), 3 education (enum 0), 4 pay (money), 5 other (bool).
    struct TestScope;

    const NAMES: [(&str, Type); 6] = [
        ("flag", Type::Bool),
        ("age", Type::Number),
        ("start", Type::Date),
        ("education", Type::Enum(0)),
        ("pay", Type::Money),
        ("other", Type::Bool),
    ];
    const OPTIONS: [&str; 3] = ["phd", "master", "bachelor"];

    impl Scope for TestScope {
        fn lookup(&self, name: &str) -> Option<(Ref, Type)> {
            if name == "limit" {
                return Some((Ref::Param(0), Type::Number));
            }
            if name == "as_of" {
                return Some((Ref::AsOf, Type::Date));
            }
            NAMES
                .iter()
                .position(|(n, _)| *n == name)
                .map(|i| (Ref::Fact(i), NAMES[i].1))
        }
        fn names(&self) -> Vec<&str> {
            NAMES
                .iter()
                .map(|(n, _)| *n)
                .chain(["limit", "as_of"])
                .collect()
        }
        fn option(&self, _: usize, option: &str) -> Option<usize> {
            OPTIONS.iter().position(|o| *o == option)
        }
        fn options(&self, _: usize) -> Vec<&str> {
            OPTIONS.to_vec()
        }
        fn enum_name(&self, _: usize) -> &str {
            "education"
        }
    }

    struct TestEnv(Vec<Option<Value>>);

    const LIMIT: Value = Value::Number(Decimal::from_parts(35, 0, 0, false, 0));

    impl Env for TestEnv {
        fn stored(&self, r: Ref) -> Option<Option<&Value>> {
            match r {
                Ref::Fact(i) => Some(self.0[i].as_ref()),
                Ref::Param(_) => Some(Some(&LIMIT)),
                _ => None,
            }
        }

        fn get(&mut self, r: Ref) -> Result<Tri, EvalError> {
            Ok(match r {
                Ref::Fact(i) => match &self.0[i] {
                    Some(v) => Tri::Known(v.clone()),
                    None => Tri::Unknown(Missing::one(i)),
                },
                Ref::Param(_) => Tri::Known(LIMIT),
                Ref::AsOf => Tri::Known(Value::Date("2026-06-30".parse().unwrap())),
                Ref::Derived(_) => unreachable!(),
            })
        }
    }

    fn run(text: &str, facts: &TestEnv) -> Result<Tri, EvalError> {
        let source = Source::new("t", text);
        let expr = compile(&TestScope, &source, text, 0, Type::Bool)
            .or_else(|_| compile(&TestScope, &source, text, 0, Type::Money))
            .or_else(|_| compile(&TestScope, &source, text, 0, Type::Date))
            .unwrap_or_else(|e| panic!("{text}: {e}"));
        let result = eval(&expr.node, &mut TestEnv(facts.0.clone()));
        // The quick paths for stored values, and the boolean evaluator, decide the same.
        let computed = eval(&expr.node, &mut Computed(TestEnv(facts.0.clone())));
        assert_eq!(
            result, computed,
            "{text}: stored and computed values differ"
        );
        if expr.ty == Type::Bool {
            let mut missing = Missing::default();
            let boolean = eval_bool(&expr.node, &mut TestEnv(facts.0.clone()), &mut missing)
                .map(|b| match b {
                    Some(b) => Tri::Known(Value::Bool(b)),
                    None => Tri::Unknown(missing),
                })
                .map_err(|e| *e);
            assert_eq!(result, boolean, "{text}: eval_bool differs");
        }
        result
    }

    /// The same values, each computed by `get`: no quick paths.
    struct Computed(TestEnv);

    impl Env for Computed {
        fn get(&mut self, r: Ref) -> Result<Tri, EvalError> {
            self.0.get(r)
        }
    }

    fn num(n: i64) -> Value {
        Value::Number(Decimal::from(n))
    }

    #[test]
    fn three_valued_evaluation() {
        let all_unknown = TestEnv(vec![None; 6]);
        let known = TestEnv(vec![
            Some(Value::Bool(false)),
            Some(num(36)),
            Some(Value::Date("2024-07-01".parse().unwrap())),
            Some(Value::Option(1)),
            Some(num(3_000_000)),
            Some(Value::Bool(true)),
        ]);
        let t = |b: bool| Ok(Tri::Known(Value::Bool(b)));
        let unknown = |facts: &[usize]| {
            Ok(Tri::Unknown(
                facts
                    .iter()
                    .fold(Missing::default(), |m, f| m.merge(Missing::one(*f))),
            ))
        };
        let cases: Vec<(&str, &TestEnv, Result<Tri, EvalError>)> = vec![
            ("false and flag", &all_unknown, t(false)),
            ("flag and false", &all_unknown, t(false)),
            ("true or flag", &all_unknown, t(true)),
            ("flag or true", &all_unknown, t(true)),
            ("flag and true", &all_unknown, unknown(&[0])),
            ("flag or other", &all_unknown, unknown(&[0, 5])),
            ("not flag", &all_unknown, unknown(&[0])),
            ("age <= limit", &all_unknown, unknown(&[1])),
            ("age <= limit", &known, t(false)),
            ("age <= 36", &known, t(true)),
            ("education == master", &known, t(true)),
            ("education in [phd, master]", &known, t(true)),
            ("education not in [phd, master]", &known, t(false)),
            ("education in [phd]", &all_unknown, unknown(&[3])),
            ("age > pay", &all_unknown, unknown(&[1, 4])),
            ("age == age", &all_unknown, unknown(&[1])),
            (
                "(flag or other) and age > 30",
                &all_unknown,
                unknown(&[0, 1, 5]),
            ),
            ("(flag or other) and age > 40", &known, t(false)),
            ("not (flag and other)", &known, t(true)),
            (
                "education in [phd, if flag then master else phd]",
                &all_unknown,
                unknown(&[3]),
            ),
            (
                "education in [phd, if flag then master else phd]",
                &known,
                t(false),
            ),
            ("max(age, 30, 40) > 39", &known, t(true)),
            (
                "if flag then 5 else 5",
                &all_unknown,
                Ok(Tri::Known(num(5))),
            ),
            ("if flag then 5 else 6", &all_unknown, unknown(&[0])),
            // A branch's facts are waited for only once the condition chooses it.
            (
                "if flag then age > 3 else true",
                &all_unknown,
                unknown(&[0]),
            ),
            (
                "if flag then age > 3 else pay > 0",
                &all_unknown,
                unknown(&[0]),
            ),
            (
                "if other then age > 40 else true",
                &all_unknown,
                unknown(&[5]),
            ),
            ("if other then age > 40 else true", &known, t(false)),
            ("if flag then age > 40 else true", &known, t(true)),
            ("if other then age else 0", &known, Ok(Tri::Known(num(36)))),
            (
                "min(pay * 2%, 1000000)",
                &known,
                Ok(Tri::Known(Value::Number("60000.00".parse().unwrap()))),
            ),
            ("max(pay, 1) - pay", &known, Ok(Tri::Known(num(0)))),
            ("min(pay, 1)", &all_unknown, unknown(&[4])),
            (
                "years_between(start, as_of)",
                &known,
                Ok(Tri::Known(num(1))),
            ),
            (
                "add_years(start, 2)",
                &known,
                Ok(Tri::Known(Value::Date("2026-07-01".parse().unwrap()))),
            ),
            ("add_years(start, 2) <= as_of", &known, t(false)),
            ("-age + 40", &known, Ok(Tri::Known(num(4)))),
            (
                "pay / 0",
                &known,
                Err(EvalError(crate::messages::Msg::division_by_zero(
                    3000000u64,
                ))),
            ),
            (
                "pay / (age - 36) > 0 or true",
                &known,
                Err(EvalError(crate::messages::Msg::division_by_zero(
                    3000000u64,
                ))),
            ),
        ];
        for (text, env, expected) in cases {
            assert_eq!(run(text, env), expected, "{text}");
        }
    }

    #[test]
    fn check_errors() {
        let cases = [
            ("eduction == phd", Type::Bool, "unknown name `eduction`", Some("did you mean `education`?"), 0),
            ("education == phdd", Type::Bool, "`phdd` is not an option of enum `education` (options: phd, master, bachelor)", Some("did you mean `phd`?"), 13),
            ("phdd == education", Type::Bool, "`phdd` is not an option of enum `education` (options: phd, master, bachelor)", Some("did you mean `phd`?"), 0),
            ("age + start", Type::Number, "`+` cannot combine number and date", None, 0),
            ("age == start", Type::Bool, "`==` cannot compare number with date", None, 0),
            ("education < phd", Type::Bool, "`<` cannot compare enum `education` with enum `education`", None, 0),
            ("flag and age", Type::Bool, "`and` needs bool, found number", None, 9),
            ("age", Type::Bool, "expected bool, found number", None, 0),
            ("pay", Type::Number, "expected number, found money", None, 0),
            ("if flag then age else start", Type::Number, "the branches of `if` differ: number and date", None, 0),
            ("mni(age, 1)", Type::Number, "unknown function `mni` (functions: min, max, years_between, add_years, add_months)", Some("did you mean `min`?"), 0),
            ("years_between(start)", Type::Number, "`years_between` takes 2 arguments, found 1", None, 0),
            ("add_years(age, 1)", Type::Date, "`add_years` needs date, found number", None, 10),
            ("education in [phd, 3]", Type::Bool, "`in` list holds number, but the value is enum `education`", None, 19),
            ("pay * pay", Type::Money, "`*` cannot combine money and money", None, 0),
        ];
        for (text, wanted, message, help, at) in cases {
            let source = Source::new("t", text);
            let err = compile(&TestScope, &source, text, 0, wanted).unwrap_err();
            assert_eq!(err.message.to_string(), message, "{text}");
            assert_eq!(
                err.help.as_ref().map(Msg::to_string).as_deref(),
                help,
                "{text}"
            );
            assert_eq!(err.position(), Some(format!("t:1:{}", at + 1)), "{text}");
        }
    }

    #[test]
    fn number_fits_money_but_not_the_reverse() {
        let source = Source::new("t", "");
        assert_eq!(
            compile(&TestScope, &source, "70000", 0, Type::Money)
                .unwrap()
                .ty,
            Type::Money
        );
        assert_eq!(
            compile(&TestScope, &source, "pay * 2%", 0, Type::Money)
                .unwrap()
                .ty,
            Type::Money
        );
        assert_eq!(
            compile(&TestScope, &source, "pay / pay", 0, Type::Number)
                .unwrap()
                .ty,
            Type::Number
        );
    }
}
