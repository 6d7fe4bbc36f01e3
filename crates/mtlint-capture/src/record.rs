//! One recorded response as read from a capture, with where each of its parts sits in the file.

use mtlint_json::Value;

use crate::json_string;
use crate::position::{locate_all, Span};
use crate::yaml::{self, Style};

/// Why a capture (or one of its entries) cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
pub struct CaptureError {
    /// What is wrong, naming the entry when there is one.
    pub message: String,
    /// Byte offset in the file (for NDJSON: in the record's line), when known.
    pub offset: Option<usize>,
    /// The entry records a request that got no response (a browser's blocked or aborted
    /// request): nothing to check rather than something broken.
    pub no_response: bool,
}

impl CaptureError {
    /// An error at a byte offset.
    #[must_use]
    pub fn at(message: impl Into<String>, offset: Option<usize>) -> Self {
        Self {
            message: message.into(),
            offset,
            no_response: false,
        }
    }
}

/// A header as recorded, with the span of its value (or name) in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderField {
    /// Its name as recorded.
    pub name: String,
    /// Its value.
    pub value: String,
    /// Where its value is written (where its name is, when the value has no place of its own).
    pub at: Option<Span>,
}

/// The request a response answers, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The method, when recorded.
    pub method: Option<String>,
    /// The URL (absolute, or a path with a query).
    pub url: String,
    /// Where the URL is written.
    pub url_at: Option<Span>,
}

/// How the body's own positions map to positions in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The body is written in the file as is, starting at this offset.
    Slice(usize),
    /// The body is the content of a JSON string literal whose opening quote is at this offset.
    JsonString(usize),
    /// The body is a YAML scalar written in this style, its marker at this offset.
    Yaml(Style, usize),
    /// The body is encoded (base64): every position in it is the start of the encoded text.
    Encoded(usize),
}

/// A recorded body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body<'a> {
    /// No body was recorded (an envelope without `body`, a cassette without one).
    Absent,
    /// The recorder says there was a body but did not keep it (HAR `content.size` > 0 without
    /// `content.text`).
    NotSaved {
        /// The size the recorder reports.
        size: u64,
    },
    /// A JSON body already parsed as part of the capture (raw file, envelope, NDJSON line).
    Json(Value<'a>, Origin),
    /// A body held as text (HAR `content.text`, a cassette's body string), not yet parsed.
    Text(String, Origin),
}

/// One response of a capture.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'a> {
    /// Its index in the file's list of responses (HAR entry, cassette interaction, NDJSON
    /// record); 0 for a file holding one response.
    pub entry: usize,
    /// Its status, when the capture recorded one (raw bodies take it from the user).
    pub status: Option<u16>,
    /// Where the status is written.
    pub status_at: Option<Span>,
    /// Its headers; `None` when the capture has no place for them.
    pub headers: Option<Vec<HeaderField>>,
    /// Where the headers are written as a whole.
    pub headers_at: Option<Span>,
    /// Its content type: HAR's `content.mimeType`, else the `Content-Type` header.
    pub content_type: Option<HeaderField>,
    /// Its body.
    pub body: Body<'a>,
    /// Where the body is (or belongs, when absent).
    pub body_at: Option<Span>,
    /// The request, when recorded.
    pub request: Option<RecordedRequest>,
    /// The whole record.
    pub at: Span,
}

impl Record<'_> {
    /// A header's value span by name (case-insensitive, first occurrence).
    #[must_use]
    pub fn header_at(&self, name: &str) -> Option<Span> {
        self.headers
            .as_ref()?
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .and_then(|h| h.at)
    }
}

/// Finds the spans in the FILE of pointers into a body. `text` is the body's text (for a
/// [`Origin::Slice`] body: the file from its start), `file` the whole file (the line, for
/// NDJSON). A pointer that names nothing gets `None`.
#[must_use]
pub fn locate_in_body(
    file: &[u8],
    text: &[u8],
    origin: Origin,
    pointers: &[&str],
) -> Vec<Option<Span>> {
    let inner = locate_all(text, pointers);
    match origin {
        Origin::Slice(start) => inner
            .into_iter()
            .map(|s| {
                s.map(|s| Span {
                    start: s.start + start,
                    end: s.end + start,
                })
            })
            .collect(),
        Origin::Encoded(start) => inner
            .into_iter()
            .map(|s| {
                s.map(|_| Span {
                    start,
                    end: start + 1,
                })
            })
            .collect(),
        Origin::JsonString(start) => {
            let map = json_string::decode(file, start)
                .filter(|d| d.text.as_bytes() == text)
                .map(|d| d.map);
            remap(inner, map.as_deref(), start)
        }
        Origin::Yaml(style, at) => {
            let map = yaml::scalar_map(file, style, at, text);
            remap(
                inner,
                map.as_deref(),
                yaml::content_start_bytes(file, style, at),
            )
        }
    }
}

/// Maps inner spans through an offset map; without a map, every span is the literal's start.
fn remap(inner: Vec<Option<Span>>, map: Option<&[usize]>, fallback: usize) -> Vec<Option<Span>> {
    inner
        .into_iter()
        .map(|s| {
            s.map(|s| match map {
                Some(map) if s.end < map.len() && s.start < s.end => Span {
                    start: map[s.start],
                    end: map[s.end].max(map[s.end - 1] + 1),
                },
                Some(map) if s.start < map.len() => Span {
                    start: map[s.start],
                    end: map[s.start] + 1,
                },
                _ => Span {
                    start: fallback,
                    end: fallback + 1,
                },
            })
        })
        .collect()
}

/// Where a parse error at `offset` inside a body's text sits in the file.
#[must_use]
pub fn map_offset(file: &[u8], text: &[u8], origin: Origin, offset: usize) -> usize {
    match origin {
        Origin::Slice(start) => start + offset,
        Origin::Encoded(start) => start,
        Origin::JsonString(start) => json_string::decode(file, start)
            .filter(|d| d.text.as_bytes() == text)
            .and_then(|d| d.map.get(offset.min(d.map.len() - 1)).copied())
            .unwrap_or(start),
        Origin::Yaml(style, at) => yaml::scalar_map(file, style, at, text)
            .and_then(|map| map.get(offset.min(map.len() - 1)).copied())
            .unwrap_or_else(|| yaml::content_start_bytes(file, style, at)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::LineIndex;

    fn line_col(file: &[u8], span: Option<Span>) -> (usize, usize) {
        let at = LineIndex::new(file).line_column(file, span.unwrap().start);
        (at.line, at.column)
    }

    #[test]
    fn a_body_inside_a_json_string_maps_to_the_outer_file() {
        let file = b"{\"text\": \"{\\\"data\\\": [1, \\\"x\\\"]}\"}";
        let text = br#"{"data": [1, "x"]}"#;
        let spans = locate_in_body(file, text, Origin::JsonString(9), &["/data/1", "/data"]);
        // `"x"` starts at the backslash of `\"x\"`.
        assert_eq!(
            &file[spans[0].unwrap().start..spans[0].unwrap().end],
            b"\\\"x\\\""
        );
        // `[` is byte 21, so column 22.
        assert_eq!(line_col(file, spans[1]), (1, 22));
    }

    #[test]
    fn a_text_that_does_not_match_the_literal_points_at_the_literal() {
        let file = b"{\"text\": \"abc\"}";
        let spans = locate_in_body(file, b"[1]", Origin::JsonString(9), &["/0"]);
        assert_eq!(spans[0].unwrap().start, 9);
    }

    #[test]
    fn encoded_bodies_point_at_the_encoded_text() {
        let spans = locate_in_body(b"xx", b"{\"a\": 1}", Origin::Encoded(7), &["/a", "/b"]);
        assert_eq!(spans[0].unwrap().start, 7);
        assert!(spans[1].is_none());
    }
}
