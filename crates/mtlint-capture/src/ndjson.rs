//! NDJSON (`*.ndjson`, `*.jsonl`, stdin): one body or envelope per line, read as a stream.
//!
//! The reader keeps one line in a buffer that it reuses, so memory stays bounded by the limit on
//! a line however long the stream; a line longer than the limit is reported once the limit is
//! passed, and the rest of it is read and dropped as it comes, never held.
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
            let Some(length) = self.read_line()? else {
                return Ok(None);
            };
            if let Some(length) = length {
                let entry = self.entry;
                self.entry += 1;
                return Ok(Some(Line {
                    number: self.number,
                    text: &[],
                    record: Err(CaptureError::at(
                        format!(
                            "record {entry} is {length} bytes long, more than the {} allowed (--max-file-size)",
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
    /// Reads one line into the buffer, without its line break. `None` at the end of the stream;
    /// `Some(Some(length))` when the line is longer than the limit: then the buffer holds no
    /// more than the limit, the rest of the line was read and dropped as it came, and `length`
    /// is the whole line's.
    fn read_line(&mut self) -> Result<Option<Option<u64>>, std::io::Error> {
        let mut read_any = false;
        let mut overlong: Option<u64> = None;
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            read_any = true;
            let (piece, done) = match chunk.iter().position(|b| *b == b'\n') {
                Some(p) => (&chunk[..p], true),
                None => (chunk, false),
            };
            let used = piece.len() + usize::from(done);
            if let Some(length) = overlong.as_mut() {
                *length += piece.len() as u64;
            } else if (self.buffer.len() + piece.len()) as u64 > self.max_line {
                // Over the limit: from here on the line is only counted, and what it held so
                // far is let go rather than kept for the lines after it.
                overlong = Some((self.buffer.len() + piece.len()) as u64);
                self.buffer = Vec::new();
            } else {
                grow_for(&mut self.buffer, piece.len(), self.max_line);
                self.buffer.extend_from_slice(piece);
            }
            self.input.consume(used);
            if done {
                break;
            }
        }
        if !read_any {
            return Ok(None);
        }
        Ok(Some(overlong))
    }
}

/// Below this a line's buffer grows as a vector does; past it, straight to the limit.
const GROW_TO_LIMIT_PAST: usize = 1 << 20;

/// Makes room in `buffer` for `more` bytes, never past `limit`. Doubling a large buffer copies
/// it into one twice its size while the old one is still held, and the allocator may keep the
/// smaller ones freed on the way for a while: a line near the limit would cost two to three
/// times the limit. A long line's buffer is therefore made the limit's size at once; the memory
/// it costs is what the line writes into it.
fn grow_for(buffer: &mut Vec<u8>, more: usize, limit: u64) {
    let needed = buffer.len() + more;
    if needed <= buffer.capacity() {
        return;
    }
    let cap = usize::try_from(limit).unwrap_or(usize::MAX);
    let doubled = needed.max(buffer.capacity().saturating_mul(2));
    let target = if doubled > GROW_TO_LIMIT_PAST {
        cap
    } else {
        doubled.min(cap)
    };
    buffer.reserve_exact(target.max(needed) - buffer.len());
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

    /// A stream served a few bytes at a time, as a pipe may serve it.
    fn trickle(bytes: &[u8]) -> std::io::BufReader<&[u8]> {
        std::io::BufReader::with_capacity(7, bytes)
    }

    #[test]
    fn a_line_is_never_held_in_more_than_the_limit() {
        let at_limit = format!("[{}]", "1,".repeat(23) + "11");
        assert_eq!(at_limit.len(), 50);
        let stream = format!("{at_limit}\n[{}]\n{{\"a\": 1}}\n", "2,".repeat(500) + "2");
        let mut reader = Reader::new(trickle(stream.as_bytes()), 50);
        assert!(reader.next_line().unwrap().unwrap().record.is_ok());
        assert!(
            reader.buffer.capacity() <= 50,
            "{}",
            reader.buffer.capacity()
        );
        let long = reader.next_line().unwrap().unwrap();
        assert_eq!(long.number, 2);
        let message = long.record.unwrap_err().message;
        assert!(message.contains("record 1 is 1003 bytes long"), "{message}");
        assert!(
            reader.buffer.capacity() <= 50,
            "{}",
            reader.buffer.capacity()
        );
        let after = reader.next_line().unwrap().unwrap();
        assert_eq!((after.number, after.record.unwrap().entry), (3, 2));
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
