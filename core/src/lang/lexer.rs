//! Splits an expression's text into tokens, each with its byte span.

use crate::diagnostic::Span;
use crate::messages::Msg;
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    Number(Decimal),
    Date(Date),
    Text(String),
    Name(String),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
}

impl Token {
    /// How the token reads in an error message.
    pub fn describe(&self) -> Msg {
        match self {
            Token::Number(n) => Msg::token_number(*n),
            Token::Date(d) => Msg::token_date(*d),
            Token::Text(t) => Msg::token_text(t),
            Token::Name(n) => Msg::token_code(n),
            other => Msg::token_code(other.symbol()),
        }
    }

    fn symbol(&self) -> &'static str {
        match self {
            Token::LParen => "(",
            Token::RParen => ")",
            Token::LBracket => "[",
            Token::RBracket => "]",
            Token::Comma => ",",
            Token::Eq => "==",
            Token::Ne => "!=",
            Token::Lt => "<",
            Token::Le => "<=",
            Token::Gt => ">",
            Token::Ge => ">=",
            Token::Plus => "+",
            Token::Minus => "-",
            Token::Star => "*",
            Token::Slash => "/",
            _ => "",
        }
    }
}

#[derive(Debug, PartialEq)]
pub struct LexError {
    pub span: Span,
    pub message: Msg,
}

/// The tokens of `text`; spans are byte offsets into `text`.
pub fn tokenize(text: &str) -> Result<Vec<(Token, Span)>, LexError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let token = if c.is_ascii_digit() {
            if let Some(date) = date_at(text, i)? {
                i += 10;
                Token::Date(date)
            } else {
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                    i += 1;
                }
                if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                let digits: String = text[start..i].chars().filter(|&c| c != '_').collect();
                let mut number = Decimal::from_str(&digits).map_err(|_| LexError {
                    span: Span::new(start, i),
                    message: Msg::number_out_of_range_literal(&text[start..i]),
                })?;
                if i < bytes.len() && bytes[i] == b'%' {
                    i += 1;
                    number /= Decimal::ONE_HUNDRED;
                }
                Token::Number(number)
            }
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            Token::Name(text[start..i].to_string())
        } else if c == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += 1;
            }
            if i == bytes.len() {
                return Err(LexError {
                    span: Span::new(start, i),
                    message: Msg::unterminated_text(),
                });
            }
            i += 1;
            Token::Text(text[start + 1..i - 1].to_string())
        } else {
            let two = text.get(i..i + 2).unwrap_or("");
            let (token, len) = match two {
                "==" => (Token::Eq, 2),
                "!=" => (Token::Ne, 2),
                "<=" => (Token::Le, 2),
                ">=" => (Token::Ge, 2),
                _ => match c {
                    b'(' => (Token::LParen, 1),
                    b')' => (Token::RParen, 1),
                    b'[' => (Token::LBracket, 1),
                    b']' => (Token::RBracket, 1),
                    b',' => (Token::Comma, 1),
                    b'<' => (Token::Lt, 1),
                    b'>' => (Token::Gt, 1),
                    b'+' => (Token::Plus, 1),
                    b'-' => (Token::Minus, 1),
                    b'*' => (Token::Star, 1),
                    b'/' => (Token::Slash, 1),
                    _ => {
                        let ch = text[i..].chars().next().unwrap_or('?');
                        let message = match ch {
                            '=' => Msg::unexpected_equals(),
                            '&' | '|' | '!' => Msg::unexpected_logic(ch.to_string()),
                            _ => Msg::unexpected_character(ch.to_string()),
                        };
                        return Err(LexError {
                            span: Span::new(i, i + ch.len_utf8()),
                            message,
                        });
                    }
                },
            };
            i += len;
            token
        };
        tokens.push((token, Span::new(start, i)));
    }
    Ok(tokens)
}

/// A `YYYY-MM-DD` literal starting at `i`, if there is one.
fn date_at(text: &str, i: usize) -> Result<Option<Date>, LexError> {
    let Some(candidate) = text.get(i..i + 10) else {
        return Ok(None);
    };
    let b = candidate.as_bytes();
    let shape = b.iter().enumerate().all(|(k, &c)| match k {
        4 | 7 => c == b'-',
        _ => c.is_ascii_digit(),
    });
    let followed_by_digit = text.as_bytes().get(i + 10).is_some_and(u8::is_ascii_digit);
    if !shape || followed_by_digit {
        return Ok(None);
    }
    let number = |r: std::ops::Range<usize>| candidate[r].parse::<i16>().unwrap_or(0);
    super::value::calendar_date(
        number(0..4).into(),
        number(5..7).into(),
        number(8..10).into(),
    )
    .map(Some)
    .ok_or_else(|| LexError {
        span: Span::new(i, i + 10),
        message: Msg::not_calendar_date_in_range(candidate),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn kinds(text: &str) -> Vec<Token> {
        tokenize(text)
            .unwrap()
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn table_of_tokens() {
        let cases: Vec<(&str, Vec<Token>)> = vec![
            ("35", vec![Token::Number(dec("35"))]),
            ("1_000_000", vec![Token::Number(dec("1000000"))]),
            ("0.5", vec![Token::Number(dec("0.5"))]),
            ("2%", vec![Token::Number(dec("0.02"))]),
            (
                "2021-04-09",
                vec![Token::Date(Date::new(2021, 4, 9).unwrap())],
            ),
            (
                "a>=b",
                vec![Token::Name("a".into()), Token::Ge, Token::Name("b".into())],
            ),
            (
                "x != \"t\"",
                vec![Token::Name("x".into()), Token::Ne, Token::Text("t".into())],
            ),
            (
                "2021-1",
                vec![
                    Token::Number(dec("2021")),
                    Token::Minus,
                    Token::Number(dec("1")),
                ],
            ),
            (
                "f([a], b)",
                vec![
                    Token::Name("f".into()),
                    Token::LParen,
                    Token::LBracket,
                    Token::Name("a".into()),
                    Token::RBracket,
                    Token::Comma,
                    Token::Name("b".into()),
                    Token::RParen,
                ],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(kinds(text), expected, "{text}");
        }
    }

    #[test]
    fn table_of_errors() {
        let cases = [
            ("a = b", "unexpected character `=` (use `==` to compare)", 2),
            (
                "a && b",
                "unexpected character `&` (use `and`, `or`, `not`)",
                2,
            ),
            (
                "2021-02-30",
                "`2021-02-30` is not a calendar date in the years 0001–9999",
                0,
            ),
            (
                "x > 0000-01-01",
                "`0000-01-01` is not a calendar date in the years 0001–9999",
                4,
            ),
            ("\"open", "unterminated text: a closing `\"` is missing", 0),
            ("年", "unexpected character `年`", 0),
        ];
        for (text, message, at) in cases {
            let err = tokenize(text).unwrap_err();
            assert_eq!(err.message.to_string(), message, "{text}");
            assert_eq!(err.span.start, at, "{text}");
        }
    }
}
