//! Makes CSV text's rows those a spreadsheet shows: every line end (CRLF, CR or LF) outside quotes ends one, a blank line is one, and a quote never closed is noted.

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What the reader found, shared with whoever reads the rows it gives.
#[derive(Default)]
pub struct Found {
    /// Bytes given out so far.
    pub given: AtomicU64,
    /// Once the input has ended inside a quoted cell: the row where that quote opened (0: none).
    pub unclosed_quote: AtomicU64,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Outside quotes: a quote here opens a quoted cell only at the start of a cell.
    Plain,
    InQuotes,
    /// A quote inside quotes: the end of the quoted text, or the first of a doubled quote.
    QuoteInQuotes,
}

/// Reads CSV text with LF line ends only, a blank line given as `""` so that it reads as a row.
pub struct Lines<R> {
    inner: R,
    found: Arc<Found>,
    state: State,
    /// Whether the current row has any character yet, and the last one given.
    row_started: bool,
    last: u8,
    /// The last byte was a CR ending a row, so an LF right after it belongs to it.
    after_cr: bool,
    row: u64,
    quote_row: u64,
    input: Box<[u8]>,
    output: Vec<u8>,
    output_at: usize,
    done: bool,
}

impl<R: Read> Lines<R> {
    pub fn new(inner: R, found: Arc<Found>) -> Lines<R> {
        Lines {
            inner,
            found,
            state: State::Plain,
            row_started: false,
            last: b'\n',
            after_cr: false,
            row: 1,
            quote_row: 0,
            input: vec![0; 64 * 1024].into_boxed_slice(),
            output: Vec::with_capacity(64 * 1024 + 1024),
            output_at: 0,
            done: false,
        }
    }

    fn end_row(&mut self) {
        if !self.row_started {
            self.output.extend_from_slice(b"\"\"");
        }
        self.output.push(b'\n');
        self.last = b'\n';
        self.row += 1;
        self.row_started = false;
        self.state = State::Plain;
    }

    /// Converts one read's worth of input, copying runs of plain text whole: outside quotes
    /// only quotes and line ends are looked at.
    fn convert(&mut self, n: usize) {
        let input = std::mem::take(&mut self.input);
        let mut rest = &input[..n];
        while let Some((&byte, after)) = rest.split_first() {
            let after_cr = std::mem::replace(&mut self.after_cr, false);
            match self.state {
                State::InQuotes => {
                    // Everything up to the next quote is the cell's, line breaks included.
                    let end = match rest.iter().position(|&b| b == b'"') {
                        Some(quote) => {
                            self.state = State::QuoteInQuotes;
                            quote + 1
                        }
                        None => rest.len(),
                    };
                    self.give(&rest[..end]);
                    rest = &rest[end..];
                    continue;
                }
                State::QuoteInQuotes if byte == b'"' => {
                    self.state = State::InQuotes;
                    self.give(b"\"");
                    rest = after;
                    continue;
                }
                State::QuoteInQuotes | State::Plain => self.state = State::Plain,
            }
            match byte {
                b'\n' if after_cr => {}
                b'\n' => self.end_row(),
                b'\r' => {
                    self.after_cr = true;
                    self.end_row();
                }
                b'"' => {
                    if !self.row_started || self.last == b',' {
                        self.state = State::InQuotes;
                        self.quote_row = self.row;
                    }
                    self.give(b"\"");
                }
                _ => {
                    let end = rest
                        .iter()
                        .position(|b| matches!(b, b'"' | b'\r' | b'\n'))
                        .unwrap_or(rest.len());
                    self.give(&rest[..end]);
                    rest = &rest[end..];
                    continue;
                }
            }
            rest = after;
        }
        self.input = input;
    }

    /// Gives out `bytes` as they are, in the current row.
    fn give(&mut self, bytes: &[u8]) {
        self.output.extend_from_slice(bytes);
        if let Some(&last) = bytes.last() {
            self.last = last;
            self.row_started = true;
        }
    }
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.output_at == self.output.len() && !self.done {
            self.output.clear();
            self.output_at = 0;
            let n = loop {
                match self.inner.read(&mut self.input) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other?,
                }
            };
            if n == 0 {
                self.done = true;
                if matches!(self.state, State::InQuotes) {
                    self.found
                        .unclosed_quote
                        .store(self.quote_row, Ordering::Relaxed);
                }
            }
            self.convert(n);
        }
        let n = buf.len().min(self.output.len() - self.output_at);
        buf[..n].copy_from_slice(&self.output[self.output_at..self.output_at + n]);
        self.output_at += n;
        self.found.given.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives its bytes one at a time, so that every byte ends a read.
    struct OneByOne<'a>(&'a [u8]);

    impl Read for OneByOne<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    fn converted(text: &str) -> (String, u64) {
        let read = |reader: &mut dyn Read| {
            let found = Arc::new(Found::default());
            let mut out = String::new();
            Lines::new(reader, Arc::clone(&found))
                .read_to_string(&mut out)
                .unwrap();
            (out, found.unclosed_quote.load(Ordering::Relaxed))
        };
        let whole = read(&mut text.as_bytes());
        assert_eq!(
            read(&mut OneByOne(text.as_bytes())),
            whole,
            "{text:?} read a byte at a time"
        );
        whole
    }

    #[test]
    fn line_ends_blank_lines_and_quotes() {
        let cases = [
            ("a,b\r\nc,d\r\n", "a,b\nc,d\n", 0),
            ("a,b\rc,d\r", "a,b\nc,d\n", 0),
            ("a\n\nb\n", "a\n\"\"\nb\n", 0),
            ("a\r\n\r\nb", "a\n\"\"\nb", 0),
            ("\"x\r\ny\",b\r\nc\n", "\"x\r\ny\",b\nc\n", 0),
            ("a\"b,c\n\"d\"\"\ne\",f\n", "a\"b,c\n\"d\"\"\ne\",f\n", 0),
            ("a,b\nc,\"d\ne,f\n", "a,b\nc,\"d\ne,f\n", 2),
            ("\"a\"x\"\n", "\"a\"x\"\n", 0),
        ];
        for (input, want, unclosed) in cases {
            assert_eq!(converted(input), (want.to_string(), unclosed), "{input:?}");
        }
    }
}
