//! Resolves names and checks types, turning a syntax tree into a typed `Node`.

use super::parser::{BinaryOp, Syntax, SyntaxKind};
use super::value::{Arith, Compare, Function, Node, Ref, Type, Value};
use crate::diagnostic::{did_you_mean, Span};
use crate::messages::{Arg, Msg};

/// The names an expression may use.
pub trait Scope {
    fn lookup(&self, name: &str) -> Option<(Ref, Type)>;
    fn names(&self) -> Vec<&str>;
    /// The index of `option` in enum `id`.
    fn option(&self, id: usize, option: &str) -> Option<usize>;
    fn options(&self, id: usize) -> Vec<&str>;
    /// How an enum type reads in messages (the fact that declares it).
    fn enum_name(&self, id: usize) -> &str;
}

#[derive(Debug, PartialEq)]
pub struct CheckError {
    pub span: Span,
    pub message: Msg,
    pub help: Option<Msg>,
}

fn error(span: Span, message: Msg) -> CheckError {
    CheckError {
        span,
        message,
        help: None,
    }
}

/// How a type reads in messages.
pub fn type_name(scope: &dyn Scope, ty: Type) -> Msg {
    match ty {
        Type::Bool => Msg::type_bool(),
        Type::Number => Msg::type_number(),
        Type::Money => Msg::type_money(),
        Type::Date => Msg::type_date(),
        Type::Text => Msg::type_text(),
        Type::Enum(id) => Msg::type_enum(scope.enum_name(id)),
    }
}

/// Checks `syntax`, which must have a type that fits `wanted`.
pub fn check(scope: &dyn Scope, syntax: &Syntax, wanted: Type) -> Result<(Node, Type), CheckError> {
    let checker = Checker { scope };
    let (node, ty) = checker.check(syntax, Some(wanted))?;
    if !ty.fits(wanted) {
        return Err(error(
            syntax.span,
            Msg::expected_type(type_name(scope, wanted), type_name(scope, ty)),
        ));
    }
    Ok((
        node,
        if ty == Type::Number && wanted == Type::Money {
            wanted
        } else {
            ty
        },
    ))
}

struct Checker<'a> {
    scope: &'a dyn Scope,
}

impl Checker<'_> {
    fn name(&self, t: Type) -> Msg {
        type_name(self.scope, t)
    }

    /// `hint` is the type the context expects; it lets a bare name be read as an enum option.
    fn check(&self, syntax: &Syntax, hint: Option<Type>) -> Result<(Node, Type), CheckError> {
        let span = syntax.span;
        Ok(match &syntax.kind {
            SyntaxKind::Number(n) => (Node::Const(Value::Number(*n)), Type::Number),
            SyntaxKind::Date(d) => (Node::Const(Value::Date(*d)), Type::Date),
            SyntaxKind::Bool(b) => (Node::Const(Value::Bool(*b)), Type::Bool),
            SyntaxKind::Text(t) => (Node::Const(Value::Text(t.as_str().into())), Type::Text),
            SyntaxKind::Name(name) => self.name_ref(name, span, hint)?,
            SyntaxKind::Not(inner) => {
                let inner = self.expect(inner, Type::Bool, Msg::token_code("not"))?;
                (Node::Not(Box::new(inner)), Type::Bool)
            }
            SyntaxKind::Neg(inner) => {
                let (node, ty) = self.check(inner, None)?;
                if !ty.is_numeric() {
                    return Err(error(inner.span, Msg::negate_needs_number(self.name(ty))));
                }
                (Node::Neg(Box::new(node)), ty)
            }
            SyntaxKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), a, b) => {
                let word = || Msg::token_code(op.symbol());
                let a = Box::new(self.expect(a, Type::Bool, word())?);
                let b = Box::new(self.expect(b, Type::Bool, word())?);
                let node = if *op == BinaryOp::And {
                    Node::And(a, b)
                } else {
                    Node::Or(a, b)
                };
                (node, Type::Bool)
            }
            SyntaxKind::Binary(
                op @ (BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div),
                a,
                b,
            ) => self.arithmetic(*op, a, b, span)?,
            SyntaxKind::Binary(op, a, b) => self.comparison(*op, a, b)?,
            SyntaxKind::In {
                value,
                list,
                negated,
            } => {
                let (value_node, value_ty) = self.check(value, None)?;
                let mut items = Vec::with_capacity(list.len());
                for item in list {
                    let (node, ty) = self.check(item, Some(value_ty))?;
                    if !comparable(value_ty, ty) {
                        return Err(error(
                            item.span,
                            Msg::in_list_type(self.name(ty), self.name(value_ty)),
                        ));
                    }
                    items.push(node);
                }
                (
                    Node::In {
                        value: Box::new(value_node),
                        list: items,
                        negated: *negated,
                    },
                    Type::Bool,
                )
            }
            SyntaxKind::If(c, a, b) => {
                let c = self.expect(c, Type::Bool, Msg::token_code("if"))?;
                let (a_node, a_ty, b_node, b_ty) = self.pair(a, b, hint)?;
                let ty = unify(a_ty, b_ty).ok_or_else(|| {
                    error(
                        span,
                        Msg::if_branches_differ(self.name(a_ty), self.name(b_ty)),
                    )
                })?;
                (
                    Node::If(Box::new(c), Box::new(a_node), Box::new(b_node)),
                    ty,
                )
            }
            SyntaxKind::Call {
                name,
                name_span,
                args,
            } => self.call(name, *name_span, args, span)?,
        })
    }

    fn expect(&self, syntax: &Syntax, wanted: Type, context: Msg) -> Result<Node, CheckError> {
        let (node, ty) = self.check(syntax, Some(wanted))?;
        if ty.fits(wanted) {
            Ok(node)
        } else {
            Err(error(
                syntax.span,
                Msg::operand_needs(context, self.name(wanted), self.name(ty)),
            ))
        }
    }

    fn name_ref(
        &self,
        name: &str,
        span: Span,
        hint: Option<Type>,
    ) -> Result<(Node, Type), CheckError> {
        if let Some((r, ty)) = self.scope.lookup(name) {
            return Ok((Node::Ref(r), ty));
        }
        if let Some(Type::Enum(id)) = hint {
            if let Some(option) = self.scope.option(id, name) {
                return Ok((Node::Const(Value::Option(option)), Type::Enum(id)));
            }
            let options = self.scope.options(id);
            return Err(CheckError {
                span,
                message: Msg::not_an_option_of(
                    name,
                    self.name(Type::Enum(id)),
                    Arg::list(options.iter().copied()),
                ),
                help: did_you_mean(name, options.iter().copied()),
            });
        }
        Err(CheckError {
            span,
            message: Msg::unknown_name(name),
            help: did_you_mean(name, self.scope.names()),
        })
    }

    /// Checks two operands that must agree, letting either side give the other an enum hint.
    fn pair(
        &self,
        a: &Syntax,
        b: &Syntax,
        hint: Option<Type>,
    ) -> Result<(Node, Type, Node, Type), CheckError> {
        let a_is_bare = self.is_unresolved_name(a);
        if a_is_bare && !self.is_unresolved_name(b) {
            let (b_node, b_ty) = self.check(b, hint)?;
            let (a_node, a_ty) = self.check(a, Some(b_ty))?;
            Ok((a_node, a_ty, b_node, b_ty))
        } else {
            let (a_node, a_ty) = self.check(a, hint)?;
            let (b_node, b_ty) = self.check(b, Some(a_ty))?;
            Ok((a_node, a_ty, b_node, b_ty))
        }
    }

    fn is_unresolved_name(&self, syntax: &Syntax) -> bool {
        matches!(&syntax.kind, SyntaxKind::Name(n) if self.scope.lookup(n).is_none())
    }

    fn comparison(&self, op: BinaryOp, a: &Syntax, b: &Syntax) -> Result<(Node, Type), CheckError> {
        let (a_node, a_ty, b_node, b_ty) = self.pair(a, b, None)?;
        let compare = match op {
            BinaryOp::Eq => Compare::Eq,
            BinaryOp::Ne => Compare::Ne,
            BinaryOp::Lt => Compare::Lt,
            BinaryOp::Le => Compare::Le,
            BinaryOp::Gt => Compare::Gt,
            _ => Compare::Ge,
        };
        let ordered = matches!(
            compare,
            Compare::Lt | Compare::Le | Compare::Gt | Compare::Ge
        );
        let ok = comparable(a_ty, b_ty) && (!ordered || a_ty.is_numeric() || a_ty == Type::Date);
        if !ok {
            return Err(error(
                a.span.to(b.span),
                Msg::cannot_compare(op.symbol(), self.name(a_ty), self.name(b_ty)),
            ));
        }
        Ok((
            Node::Compare(compare, Box::new(a_node), Box::new(b_node)),
            Type::Bool,
        ))
    }

    fn arithmetic(
        &self,
        op: BinaryOp,
        a: &Syntax,
        b: &Syntax,
        span: Span,
    ) -> Result<(Node, Type), CheckError> {
        let (a_node, a_ty) = self.check(a, None)?;
        let (b_node, b_ty) = self.check(b, None)?;
        use Type::{Money, Number};
        let (arith, ty) = match (op, a_ty, b_ty) {
            (BinaryOp::Add, _, _) | (BinaryOp::Sub, _, _) => (
                if op == BinaryOp::Add {
                    Arith::Add
                } else {
                    Arith::Sub
                },
                match (a_ty, b_ty) {
                    (Number, Number) => Some(Number),
                    (Money, Money) | (Money, Number) | (Number, Money) => Some(Money),
                    _ => None,
                },
            ),
            (BinaryOp::Mul, _, _) => (
                Arith::Mul,
                match (a_ty, b_ty) {
                    (Number, Number) => Some(Number),
                    (Money, Number) | (Number, Money) => Some(Money),
                    _ => None,
                },
            ),
            _ => (
                Arith::Div,
                match (a_ty, b_ty) {
                    (Number, Number) | (Money, Money) => Some(Number),
                    (Money, Number) => Some(Money),
                    _ => None,
                },
            ),
        };
        let ty = ty.ok_or_else(|| {
            error(
                span,
                Msg::cannot_combine(op.symbol(), self.name(a_ty), self.name(b_ty)),
            )
        })?;
        Ok((Node::Arith(arith, Box::new(a_node), Box::new(b_node)), ty))
    }

    fn call(
        &self,
        name: &str,
        name_span: Span,
        args: &[Syntax],
        span: Span,
    ) -> Result<(Node, Type), CheckError> {
        const FUNCTIONS: [&str; 5] = ["min", "max", "years_between", "add_years", "add_months"];
        let function = match name {
            "min" => Function::Min,
            "max" => Function::Max,
            "years_between" => Function::YearsBetween,
            "add_years" => Function::AddYears,
            "add_months" => Function::AddMonths,
            _ => {
                return Err(CheckError {
                    span: name_span,
                    message: Msg::unknown_function(name, Arg::list(FUNCTIONS)),
                    help: did_you_mean(name, FUNCTIONS),
                })
            }
        };
        let arity = |n: usize| {
            if args.len() == n {
                Ok(())
            } else {
                Err(error(
                    span,
                    if n == 1 {
                        Msg::wrong_arity_one(name, args.len())
                    } else {
                        Msg::wrong_arity(name, n, args.len())
                    },
                ))
            }
        };
        let (nodes, ty) = match function {
            Function::Min | Function::Max => {
                if args.is_empty() {
                    return Err(error(span, Msg::needs_an_argument(name)));
                }
                let mut nodes = Vec::new();
                let mut ty: Option<Type> = None;
                for arg in args {
                    let (node, arg_ty) = self.check(arg, None)?;
                    if !(arg_ty.is_numeric() || arg_ty == Type::Date) {
                        return Err(error(
                            arg.span,
                            Msg::needs_numbers_or_dates(name, self.name(arg_ty)),
                        ));
                    }
                    ty = match ty {
                        None => Some(arg_ty),
                        Some(t) => Some(unify(t, arg_ty).ok_or_else(|| {
                            error(
                                arg.span,
                                Msg::mixes_types(name, self.name(t), self.name(arg_ty)),
                            )
                        })?),
                    };
                    nodes.push(node);
                }
                (nodes, ty.unwrap_or(Type::Number))
            }
            Function::YearsBetween => {
                arity(2)?;
                let a = self.expect(&args[0], Type::Date, Msg::token_code(name))?;
                let b = self.expect(&args[1], Type::Date, Msg::token_code(name))?;
                (vec![a, b], Type::Number)
            }
            Function::AddYears | Function::AddMonths => {
                arity(2)?;
                let a = self.expect(&args[0], Type::Date, Msg::token_code(name))?;
                let b = self.expect(&args[1], Type::Number, Msg::token_code(name))?;
                (vec![a, b], Type::Date)
            }
        };
        Ok((Node::Call(function, nodes), ty))
    }
}

fn comparable(a: Type, b: Type) -> bool {
    a == b || (a.is_numeric() && b.is_numeric())
}

fn unify(a: Type, b: Type) -> Option<Type> {
    if a == b {
        Some(a)
    } else if a.is_numeric() && b.is_numeric() {
        Some(Type::Money)
    } else {
        None
    }
}
