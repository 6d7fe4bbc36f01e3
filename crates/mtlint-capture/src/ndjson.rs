//! NDJSON (`*.ndjson`, `*.jsonl`, stdin): one body or envelope per line, read as a stream.
//!
//! The reader keeps one line in a buffer that it reuses, so memory stays bounded by the longest
//! line however long the stream; a line longer than the limit is skipped (reported, not held).
//! Blank lines are skipped. Positions in a record are offsets in its line.

use std::io::BufRead;

use crate::json::{self, Shape};
use crate::record::{CaptureError, Record};

/// One line of the stream.
#[derive(Debug)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// The line's bytes (without the line break).
    pub text: &'a [u8],
    /// Its record, or why it has none. Offsets are into `text`.
    pub record: Result<Record<'a>, CaptureError>,
}

/// Reads an NDJSON stream line by line.
#[derive(Debug)]
pub struct Reader<R> {
    input: R,
    buffer: Vec<u8>,
    number: usize,
    entry: usize,
    max_line: u64,
}

impl<R: BufRead> Reader<R> {
    /// A reader whose lines may be at most `max_line` bytes.
    pub fn new(input: R, max_line: u64) -> Self {
        Self {
            input,
            buffer: Vec::new(),
            number: 0,
            entry: 0,
            max_line,
        }
    }

    /// The next non-blank line, `None` at the end of the stream.
    ///
    /// # Errors
    /// Reading the stream failed (the stream cannot go on).
    pub fn next_line(&mut self) -> Result<Option<Line<'_>>, std::io::Error> {
        loop {
            self.buffer.clear();
            self.number += 1;
            let limit = self.max_line.saturating_add(1);
            let read =
                std::io::Read::take(&mut self.input, limit).read_until(b'\n', &mut self.buffer)?;
            if read == 0 {
                return Ok(None);
            }
            let complete = self.buffer.last() == Some(&b'\n');
            if !complete && read as u64 >= limit {
                // Too long: drop the rest of the line without keeping it.
                let mut skipped = read as u64;
                loop {
                    let chunk = self.input.fill_buf()?;
                    if chunk.is_empty() {
                        break;
                    }
                    match chunk.iter().position(|b| *b == b'\n') {
                        Some(p) => {
                            self.input.consume(p + 1);
                            skipped += p as u64;
                            break;
                        }
                        None => {
                            let n = chunk.len();
                            self.input.consume(n);
                            skipped += n as u64;
                        }
                    }
                }
                let entry = self.entry;
                self.entry += 1;
                return Ok(Some(Line {
                    number: self.number,
                    text: &[],
                    record: Err(CaptureError::at(
                        format!(
                            "record {entry} is {skipped} bytes long, more than the {} allowed (--max-file-size)",
                            self.max_line
                        ),
                        None,
                    )),
                }));
            }
            while matches!(self.buffer.last(), Some(b'\n' | b'\r')) {
                self.buffer.pop();
            }
            if self.buffer.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let entry = self.entry;
            self.entry += 1;
            let text = &self.buffer[..];
            let record = json::parse(text).and_then(|value| match json::shape(&value) {
                Shape::Envelope => json::envelope_record(value, text, entry),
                Shape::Har => Err(CaptureError::at(
                    "a HAR log cannot be an NDJSON record",
                    Some(0),
                )),
                Shape::Body => {
                    let mut record = json::body_record(value, text);
                    record.entry = entry;
                    Ok(record)
                }
            });
            return Ok(Some(Line {
                number: self.number,
                text,
                record,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Body;

    #[test]
    fn lines_bodies_envelopes_and_blank_lines() {
        let input =
            b"{\"errors\": []}\n\n  \r\n{\"status\": 429, \"headers\": {}}\r\nnot json\n{\"a\": 1}";
        let mut reader = Reader::new(&input[..], 1000);
        let first = reader.next_line().unwrap().unwrap();
        assert_eq!(first.number, 1);
        assert!(matches!(first.record.unwrap().body, Body::Json(..)));
        let second = reader.next_line().unwrap().unwrap();
        assert_eq!(second.number, 4);
        let r = second.record.unwrap();
        assert_eq!((r.status, r.entry), (Some(429), 1));
        let third = reader.next_line().unwrap().unwrap();
        assert_eq!(third.number, 5);
        assert!(third.record.is_err());
        let fourth = reader.next_line().unwrap().unwrap();
        assert_eq!((fourth.number, fourth.record.unwrap().entry), (6, 3));
        assert!(reader.next_line().unwrap().is_none());
    }

    #[test]
    fn an_overlong_line_is_skipped_and_reported() {
        let long = format!("[{}]\n{{\"a\": 1}}\n", "1,".repeat(100) + "1");
        let mut reader = Reader::new(long.as_bytes(), 50);
        let first = reader.next_line().unwrap().unwrap();
        assert!(first
            .record
            .unwrap_err()
            .message
            .contains("more than the 50 allowed"));
        let second = reader.next_line().unwrap().unwrap();
        assert_eq!(second.number, 2);
        assert!(second.record.is_ok());
    }
}
