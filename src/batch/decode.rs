//! Turns CSV bytes in UTF-8 (with or without a BOM) or GBK into a UTF-8 stream, without reading it all.

use encoding_rs::{CoderResult, Decoder, GBK};
use std::io::{self, Read};

/// The text encoding of a CSV input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 if the start of the file is valid UTF-8 (or has a BOM), else GBK
    Auto,
    /// UTF-8, with or without a BOM
    #[value(name = "utf-8")]
    Utf8,
    /// GBK (GB18030), as Excel saves CSV on Chinese Windows
    Gbk,
}

/// How much of the input is looked at to tell UTF-8 from GBK.
const SAMPLE: usize = 64 * 1024;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Wraps `input` so that it reads as UTF-8 without a BOM; `Auto` decides from the first 64 KiB.
pub fn utf8_reader(
    mut input: Box<dyn Read + Send>,
    encoding: Encoding,
) -> io::Result<Box<dyn Read + Send>> {
    let mut sample = Vec::with_capacity(SAMPLE);
    (&mut input).take(SAMPLE as u64).read_to_end(&mut sample)?;
    let has_bom = sample.starts_with(BOM);
    let encoding = match encoding {
        Encoding::Auto if has_bom || looks_like_utf8(&sample) => Encoding::Utf8,
        Encoding::Auto => Encoding::Gbk,
        chosen => chosen,
    };
    if encoding == Encoding::Gbk {
        let whole = io::Cursor::new(sample).chain(input);
        return Ok(Box::new(Decode::new(whole, GBK.new_decoder())));
    }
    let skip = if has_bom { BOM.len() } else { 0 };
    sample.drain(..skip);
    Ok(Box::new(io::Cursor::new(sample).chain(input)))
}

/// Valid UTF-8, allowing the sample to end in the middle of a character.
fn looks_like_utf8(sample: &[u8]) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// A reader that decodes another one to UTF-8 as it goes.
struct Decode<R> {
    inner: R,
    decoder: Decoder,
    input: Box<[u8]>,
    input_at: usize,
    input_end: usize,
    input_done: bool,
    output: Box<[u8]>,
    output_at: usize,
    output_end: usize,
    finished: bool,
}

impl<R: Read> Decode<R> {
    fn new(inner: R, decoder: Decoder) -> Decode<R> {
        Decode {
            inner,
            decoder,
            input: vec![0; 32 * 1024].into_boxed_slice(),
            input_at: 0,
            input_end: 0,
            input_done: false,
            output: vec![0; 64 * 1024].into_boxed_slice(),
            output_at: 0,
            output_end: 0,
            finished: false,
        }
    }

    /// Decodes more, until there is output to hand out or nothing is left.
    fn fill(&mut self) -> io::Result<()> {
        while self.output_at == self.output_end && !self.finished {
            if self.input_at == self.input_end && !self.input_done {
                let n = loop {
                    match self.inner.read(&mut self.input) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        other => break other?,
                    }
                };
                self.input_at = 0;
                self.input_end = n;
                self.input_done = n == 0;
            }
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.input_at..self.input_end],
                &mut self.output,
                self.input_done,
            );
            self.input_at += read;
            self.output_at = 0;
            self.output_end = written;
            self.finished = self.input_done && result == CoderResult::InputEmpty;
        }
        Ok(())
    }
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.fill()?;
        let n = buf.len().min(self.output_end - self.output_at);
        buf[..n].copy_from_slice(&self.output[self.output_at..self.output_at + n]);
        self.output_at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], encoding: Encoding) -> String {
        let mut reader = utf8_reader(Box::new(io::Cursor::new(bytes.to_vec())), encoding)
            .expect("in-memory input reads");
        let mut text = String::new();
        reader.read_to_string(&mut text).expect("valid UTF-8 out");
        text
    }

    #[test]
    fn detects_and_decodes() {
        let text = "姓名,学历\n张三,硕士\n";
        let (gbk, _, _) = GBK.encode(text);
        let with_bom = [BOM, text.as_bytes()].concat();
        let cases: [(&[u8], Encoding); 5] = [
            (text.as_bytes(), Encoding::Auto),
            (&with_bom, Encoding::Auto),
            (&with_bom, Encoding::Utf8),
            (&gbk, Encoding::Auto),
            (&gbk, Encoding::Gbk),
        ];
        for (bytes, asked) in cases {
            assert_eq!(decoded(bytes, asked), text, "{asked:?}");
        }
    }

    #[test]
    fn decodes_gbk_longer_than_the_buffers() {
        let line = "王晓明,硕士研究生,2024年7月1日\n";
        let text = line.repeat(20_000);
        let (gbk, _, _) = GBK.encode(&text);
        assert!(gbk.len() > 3 * SAMPLE);
        assert_eq!(decoded(&gbk, Encoding::Auto), text);
    }

    #[test]
    fn a_character_cut_by_the_sample_is_still_utf8() {
        // 3-byte characters: the sample ends one byte into a character.
        assert_eq!(SAMPLE % 3, 1);
        let text = "学".repeat(SAMPLE);
        assert_eq!(decoded(text.as_bytes(), Encoding::Auto), text);
    }
}
