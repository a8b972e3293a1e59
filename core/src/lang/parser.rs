//! Turns tokens into an untyped syntax tree, with limits on size and nesting.

use super::lexer::{tokenize, Token};
use crate::diagnostic::Span;
use crate::messages::Msg;
use jiff::civil::Date;
use rust_decimal::Decimal;

/// Longest expression text accepted, in bytes.
pub const MAX_LENGTH: usize = 4096;
/// Deepest nesting of sub-expressions accepted.
pub const MAX_DEPTH: usize = 48;

#[derive(Clone, Debug, PartialEq)]
pub struct Syntax {
    pub kind: SyntaxKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum SyntaxKind {
    Number(Decimal),
    Date(Date),
    Bool(bool),
    Text(String),
    Name(String),
    Not(Box<Syntax>),
    Neg(Box<Syntax>),
    Binary(BinaryOp, Box<Syntax>, Box<Syntax>),
    In {
        value: Box<Syntax>,
        list: Vec<Syntax>,
        negated: bool,
    },
    If(Box<Syntax>, Box<Syntax>, Box<Syntax>),
    Call {
        name: String,
        name_span: Span,
        args: Vec<Syntax>,
    },
}

#[derive(Debug, PartialEq)]
pub struct ParseError {
    pub span: Span,
    pub message: Msg,
}

const KEYWORDS: [&str; 9] = [
    "and", "or", "not", "in", "if", "then", "else", "true", "false",
];

/// Parses one whole expression; spans are byte offsets into `text`.
pub fn parse(text: &str) -> Result<Syntax, ParseError> {
    if text.len() > MAX_LENGTH {
        return Err(ParseError {
            span: Span::new(0, 1),
            message: Msg::expression_too_long(text.len(), MAX_LENGTH),
        });
    }
    let tokens = tokenize(text).map_err(|e| ParseError {
        span: e.span,
        message: e.message,
    })?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
        end: text.len(),
    };
    if parser.tokens.is_empty() {
        return Err(ParseError {
            span: Span::new(0, 0),
            message: Msg::empty_expression(),
        });
    }
    let syntax = parser.expr()?;
    if let Some((token, span)) = parser.tokens.get(parser.pos) {
        return Err(ParseError {
            span: *span,
            message: Msg::unexpected_after_expression(token.describe()),
        });
    }
    Ok(syntax)
}

struct Parser {
    tokens: Vec<(Token, Span)>,
    pos: usize,
    depth: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn peek_span(&self) -> Span {
        self.tokens
            .get(self.pos)
            .map_or(Span::new(self.end, self.end), |(_, s)| *s)
    }

    fn at_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token::Name(n)) if n == keyword)
    }

    fn at_keyword_after(&self, keyword: &str) -> bool {
        matches!(self.tokens.get(self.pos + 1), Some((Token::Name(n), _)) if n == keyword)
    }

    fn bump(&mut self) -> Span {
        let span = self.peek_span();
        self.pos += 1;
        span
    }

    fn error(&self, expected: Msg) -> ParseError {
        let found = match self.peek() {
            Some(token) => token.describe(),
            None => Msg::end_of_expression(),
        };
        ParseError {
            span: self.peek_span(),
            message: Msg::expected_token(expected, found),
        }
    }

    fn expect(&mut self, token: Token, expected: Msg) -> Result<Span, ParseError> {
        if self.peek() == Some(&token) {
            Ok(self.bump())
        } else {
            Err(self.error(expected))
        }
    }

    fn expect_keyword(&mut self, keyword: &str) -> Result<Span, ParseError> {
        if self.at_keyword(keyword) {
            Ok(self.bump())
        } else {
            Err(self.error(Msg::token_code(keyword)))
        }
    }

    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, ParseError>,
    ) -> Result<T, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError {
                span: self.peek_span(),
                message: Msg::expression_too_deep(MAX_DEPTH),
            });
        }
        let result = f(self);
        self.depth -= 1;
        result
    }

    fn expr(&mut self) -> Result<Syntax, ParseError> {
        self.nested(|p| {
            if p.at_keyword("if") {
                let start = p.bump();
                let condition = p.expr()?;
                p.expect_keyword("then")?;
                let then = p.expr()?;
                p.expect_keyword("else")?;
                let otherwise = p.expr()?;
                let span = start.to(otherwise.span);
                Ok(Syntax {
                    kind: SyntaxKind::If(Box::new(condition), Box::new(then), Box::new(otherwise)),
                    span,
                })
            } else {
                p.or()
            }
        })
    }

    fn or(&mut self) -> Result<Syntax, ParseError> {
        let mut left = self.and()?;
        while self.at_keyword("or") {
            self.bump();
            let right = self.and()?;
            left = binary(BinaryOp::Or, left, right);
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Syntax, ParseError> {
        let mut left = self.not()?;
        while self.at_keyword("and") {
            self.bump();
            let right = self.not()?;
            left = binary(BinaryOp::And, left, right);
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Syntax, ParseError> {
        if self.at_keyword("not") {
            let start = self.bump();
            let inner = self.nested(|p| p.not())?;
            let span = start.to(inner.span);
            return Ok(Syntax {
                kind: SyntaxKind::Not(Box::new(inner)),
                span,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Syntax, ParseError> {
        let left = self.sum()?;
        let op = match self.peek() {
            Some(Token::Eq) => BinaryOp::Eq,
            Some(Token::Ne) => BinaryOp::Ne,
            Some(Token::Lt) => BinaryOp::Lt,
            Some(Token::Le) => BinaryOp::Le,
            Some(Token::Gt) => BinaryOp::Gt,
            Some(Token::Ge) => BinaryOp::Ge,
            _ => {
                let negated = self.at_keyword("not") && self.at_keyword_after("in");
                if negated || self.at_keyword("in") {
                    if negated {
                        self.bump();
                    }
                    self.bump();
                    let (list, list_span) = self.list()?;
                    let span = left.span.to(list_span);
                    return Ok(Syntax {
                        kind: SyntaxKind::In {
                            value: Box::new(left),
                            list,
                            negated,
                        },
                        span,
                    });
                }
                return Ok(left);
            }
        };
        self.bump();
        let right = self.sum()?;
        Ok(binary(op, left, right))
    }

    fn list(&mut self) -> Result<(Vec<Syntax>, Span), ParseError> {
        let start = self.expect(Token::LBracket, Msg::list_start())?;
        let mut items = Vec::new();
        loop {
            items.push(self.expr()?);
            if self.peek() == Some(&Token::Comma) {
                self.bump();
                if self.peek() == Some(&Token::RBracket) {
                    break;
                }
            } else {
                break;
            }
        }
        let end = self.expect(Token::RBracket, Msg::comma_or(Msg::token_code("]")))?;
        Ok((items, start.to(end)))
    }

    fn sum(&mut self) -> Result<Syntax, ParseError> {
        let mut left = self.term()?;
        loop {
            let op = match self.peek() {
                Some(Token::Plus) => BinaryOp::Add,
                Some(Token::Minus) => BinaryOp::Sub,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.term()?;
            left = binary(op, left, right);
        }
    }

    fn term(&mut self) -> Result<Syntax, ParseError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Token::Star) => BinaryOp::Mul,
                Some(Token::Slash) => BinaryOp::Div,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.unary()?;
            left = binary(op, left, right);
        }
    }

    fn unary(&mut self) -> Result<Syntax, ParseError> {
        if self.peek() == Some(&Token::Minus) {
            let start = self.bump();
            let inner = self.nested(|p| p.unary())?;
            let span = start.to(inner.span);
            return Ok(Syntax {
                kind: SyntaxKind::Neg(Box::new(inner)),
                span,
            });
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Syntax, ParseError> {
        let span = self.peek_span();
        let kind = match self.peek().cloned() {
            Some(Token::Number(n)) => SyntaxKind::Number(n),
            Some(Token::Date(d)) => SyntaxKind::Date(d),
            Some(Token::Text(t)) => SyntaxKind::Text(t),
            Some(Token::LParen) => {
                self.bump();
                let inner = self.expr()?;
                let end = self.expect(Token::RParen, Msg::token_code(")"))?;
                return Ok(Syntax {
                    kind: inner.kind,
                    span: span.to(end),
                });
            }
            Some(Token::Name(name)) if name == "true" || name == "false" => {
                SyntaxKind::Bool(name == "true")
            }
            Some(Token::Name(name)) if !KEYWORDS.contains(&name.as_str()) => {
                self.bump();
                if self.peek() == Some(&Token::LParen) {
                    self.bump();
                    let mut args = Vec::new();
                    if self.peek() != Some(&Token::RParen) {
                        loop {
                            args.push(self.expr()?);
                            if self.peek() == Some(&Token::Comma) {
                                self.bump();
                            } else {
                                break;
                            }
                        }
                    }
                    let end = self.expect(Token::RParen, Msg::comma_or(Msg::token_code(")")))?;
                    return Ok(Syntax {
                        kind: SyntaxKind::Call {
                            name,
                            name_span: span,
                            args,
                        },
                        span: span.to(end),
                    });
                }
                return Ok(Syntax {
                    kind: SyntaxKind::Name(name),
                    span,
                });
            }
            _ => return Err(self.error(Msg::value_name_or_paren())),
        };
        self.bump();
        Ok(Syntax { kind, span })
    }
}

fn binary(op: BinaryOp, left: Syntax, right: Syntax) -> Syntax {
    let span = left.span.to(right.span);
    Syntax {
        kind: SyntaxKind::Binary(op, Box::new(left), Box::new(right)),
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact rendering of the tree, to compare against expectations.
    fn show(s: &Syntax) -> String {
        match &s.kind {
            SyntaxKind::Number(n) => n.to_string(),
            SyntaxKind::Date(d) => d.to_string(),
            SyntaxKind::Bool(b) => b.to_string(),
            SyntaxKind::Text(t) => format!("{t:?}"),
            SyntaxKind::Name(n) => n.clone(),
            SyntaxKind::Not(e) => format!("(not {})", show(e)),
            SyntaxKind::Neg(e) => format!("(- {})", show(e)),
            SyntaxKind::Binary(op, a, b) => format!("({} {} {})", op.symbol(), show(a), show(b)),
            SyntaxKind::In {
                value,
                list,
                negated,
            } => format!(
                "({} {} [{}])",
                if *negated { "not-in" } else { "in" },
                show(value),
                list.iter().map(show).collect::<Vec<_>>().join(" ")
            ),
            SyntaxKind::If(c, a, b) => format!("(if {} {} {})", show(c), show(a), show(b)),
            SyntaxKind::Call { name, args, .. } => format!(
                "({name} {})",
                args.iter().map(show).collect::<Vec<_>>().join(" ")
            ),
        }
    }

    #[test]
    fn table_of_trees() {
        let cases = [
            ("a or b and c", "(or a (and b c))"),
            ("not a and b", "(and (not a) b)"),
            ("not a == b", "(not (== a b))"),
            ("a + b * c - d", "(- (+ a (* b c)) d)"),
            ("-a * 2", "(* (- a) 2)"),
            ("(a + b) * c", "(* (+ a b) c)"),
            ("x in [phd, master]", "(in x [phd master])"),
            ("x not in [none,]", "(not-in x [none])"),
            ("if a then 1 else if b then 2 else 3", "(if a 1 (if b 2 3))"),
            ("min(a * 2%, 1000000)", "(min (* a 0.02) 1000000)"),
            (
                "years_between(birth_date, contract_start) <= 35",
                "(<= (years_between birth_date contract_start) 35)",
            ),
            ("d <= 2021-04-09", "(<= d 2021-04-09)"),
            ("f(x) and true", "(and (f x) true)"),
        ];
        for (text, expected) in cases {
            assert_eq!(show(&parse(text).unwrap()), expected, "{text}");
        }
    }

    #[test]
    fn table_of_errors() {
        let cases = [
            ("", "empty expression", 0),
            (
                "a and",
                "expected a value, a name or `(`, found the end of the expression",
                5,
            ),
            ("a b", "unexpected `b` after a complete expression", 2),
            ("(a", "expected `)`, found the end of the expression", 2),
            (
                "if a then b",
                "expected `else`, found the end of the expression",
                11,
            ),
            ("x in phd", "expected `[` to start a list, found `phd`", 5),
            ("f(a b)", "expected `,` or `)`, found `b`", 4),
            (
                "a == then",
                "expected a value, a name or `(`, found `then`",
                5,
            ),
        ];
        for (text, message, at) in cases {
            let err = parse(text).unwrap_err();
            assert_eq!(err.message.to_string(), message, "{text}");
            assert_eq!(err.span.start, at, "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        let err = parse(&text).unwrap_err();
        assert!(
            err.message.to_string().contains("bytes long"),
            "{}",
            err.message
        );
        let text = format!("{}a{}", "(".repeat(1_000), ")".repeat(1_000));
        let err = parse(&text).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            format!("expression nests deeper than {MAX_DEPTH} levels")
        );
        let text = format!("{}a", "not ".repeat(500));
        assert!(parse(&text).is_err());
        let text = format!("{}a", "-".repeat(2000));
        assert!(parse(&text).is_err());
    }
}
