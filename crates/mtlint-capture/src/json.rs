//! JSON captures: a raw body, an envelope, or a HAR file given as `.json`; and the JSON parser
//! that turns every kind of bad input into one message with a position.

use mtlint_json::{self as tree, Value};

use crate::position::{locate_all, Span};
use crate::record::{Body, CaptureError, HeaderField, Origin, Record, RecordedRequest};

/// Parses a JSON text. Empty input, invalid UTF-8, binary data, truncated or invalid JSON and
/// nesting deeper than `serde_json`'s limit (128) each give one message, with the byte offset
/// when there is one.
///
/// # Errors
/// The bytes are not one JSON value.
pub fn parse(bytes: &[u8]) -> Result<Value<'_>, CaptureError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(CaptureError::at(
            "empty file: expected a JSON response body",
            None,
        ));
    }
    if let Some(error) = crate::utf16(bytes, "a JSON text") {
        return Err(error);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(CaptureError::at(
            "the file starts with a UTF-8 byte order mark (EF BB BF), which a JSON text must not \
             (RFC 8259, section 8.1): save it as UTF-8 without one",
            Some(0),
        ));
    }
    // A NUL byte cannot appear in a JSON text (not even inside a string), so it means binary.
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(CaptureError::at(
            format!(
                "binary file (it contains NUL bytes): not a JSON text (first at offset {offset})"
            ),
            Some(offset),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.valid_up_to();
            return Err(CaptureError::at(
                format!("invalid UTF-8: not a JSON text (first bad byte at offset {offset})"),
                Some(offset),
            ));
        }
    };
    // Already known to be UTF-8: parsing from `str` does not check each string again.
    tree::from_str(text).map_err(|error| {
        let reason = match error.classify() {
            serde_json::error::Category::Eof => "truncated JSON",
            _ => "invalid JSON",
        };
        let mut message = error.to_string();
        // serde_json appends " at line L column C"; the caller reports the place separately.
        if let Some(i) = message.rfind(" at line ") {
            message.truncate(i);
        }
        let message = if message.contains("recursion limit") {
            "invalid JSON: nested deeper than 128 levels, which no response of this API is"
                .to_string()
        } else if message == "number out of range" {
            "a number out of range: valid JSON, but beyond what a 64-bit float holds (about \
             1.8e308), so no client can read it"
                .to_string()
        } else if let Some(detail) = message.strip_prefix("number out of range: ") {
            format!("a number out of range: valid JSON, but {detail}")
        } else {
            format!("{reason}: {message}")
        };
        CaptureError::at(message, offset_of(bytes, error.line(), error.column()))
    })
}

/// The byte offset of serde_json's 1-based line and column (the column counts bytes).
fn offset_of(bytes: &[u8], line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut start = 0;
    for _ in 1..line {
        start += bytes[start..].iter().position(|b| *b == b'\n')? + 1;
    }
    Some((start + column.saturating_sub(1)).min(bytes.len()))
}

/// What a JSON file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A response body.
    Body,
    /// `{"status": N, "headers": ..., "body": ...}`.
    Envelope,
    /// A HAR 1.2 log.
    Har,
}

/// Tells a body from an envelope or a HAR log, by shape alone.
///
/// An envelope is an object with an integer `status` and a `body` or `headers` member, and
/// none of the members a body of this API has at its top (`api_version`, `kind`, `data`,
/// `errors`): a list body has `api_version`/`data`, an error body `errors`, so neither can be
/// taken for an envelope. A HAR log is an object whose `log` has an `entries` array.
#[must_use]
pub fn shape(value: &Value) -> Shape {
    let Some(object) = value.as_object() else {
        return Shape::Body;
    };
    if object
        .get("log")
        .and_then(|l| l.get("entries"))
        .is_some_and(Value::is_array)
    {
        return Shape::Har;
    }
    let body_member = ["api_version", "kind", "data", "errors"]
        .iter()
        .any(|k| object.contains_key(k));
    let status = object
        .get("status")
        .is_some_and(|s| s.is_u64() || s.is_i64());
    if status && !body_member && (object.contains_key("body") || object.contains_key("headers")) {
        Shape::Envelope
    } else {
        Shape::Body
    }
}

/// A raw body as a record: status from the user, no headers.
#[must_use]
pub fn body_record<'a>(value: Value<'a>, text: &[u8]) -> Record<'a> {
    // The text parsed as one JSON value: it spans from the first to the last non-blank byte
    // (no need to scan it again).
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let end = text
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(text.len(), |i| i + 1)
        .max(start);
    let at = Span { start, end };
    Record {
        entry: 0,
        status: None,
        status_at: None,
        headers: None,
        headers_at: None,
        content_type: None,
        body: Body::Json(value, Origin::Slice(at.start)),
        body_at: Some(at),
        request: None,
        at,
    }
}

/// An RFC 6901 reference token.
pub(crate) fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// An envelope as a record. `text` is the envelope's JSON text (the file, or one NDJSON line).
///
/// # Errors
/// The status is not an HTTP status, or the headers or request are not of the documented shape.
pub fn envelope_record<'a>(
    mut value: Value<'a>,
    text: &[u8],
    entry: usize,
) -> Result<Record<'a>, CaptureError> {
    let headers_value = value.get("headers");
    let mut wanted: Vec<String> = vec![
        String::new(),
        "/status".into(),
        "/headers".into(),
        "/body".into(),
        "/request/url".into(),
    ];
    wanted.extend(header_pointers(headers_value));
    let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let spans = locate_all(text, &refs);
    let root = spans[0].unwrap_or(Span {
        start: 0,
        end: text.len(),
    });
    let status_at = spans[1];
    let status = envelope_status(&value, status_at)?;
    let headers = envelope_headers(headers_value, spans[2], &spans[5..])?;
    let content_type = headers.as_ref().and_then(|h| {
        h.iter()
            .find(|f| f.name.eq_ignore_ascii_case("content-type"))
            .cloned()
    });
    let request = envelope_request(&value, spans[4])?;
    let body_at = spans[3];
    let taken = match &mut value {
        Value::Object(object) => object.remove("body"),
        _ => None,
    };
    let body = match taken {
        None | Some(Value::Null) => Body::Absent,
        Some(body) => Body::Json(body, Origin::Slice(body_at.map_or(0, |s| s.start))),
    };
    Ok(Record {
        entry,
        status: u16::try_from(status).ok(),
        status_at,
        headers,
        headers_at: spans[2],
        content_type,
        body,
        body_at: body_at.or(Some(root)),
        request,
        at: root,
    })
}

/// The pointer of each header value of an envelope, in the order [`envelope_headers`] reads them:
/// `/headers/<name>`, or `/headers/<name>/<k>` for each value of a list.
fn header_pointers(headers: Option<&Value<'_>>) -> Vec<String> {
    let mut pointers = Vec::new();
    if let Some(Value::Object(map)) = headers {
        for (name, v) in map {
            let base = format!("/headers/{}", token(name));
            match v {
                Value::Array(items) => {
                    pointers.extend((0..items.len()).map(|k| format!("{base}/{k}")));
                }
                _ => pointers.push(base),
            }
        }
    }
    pointers
}

/// The envelope's `status`, when it is an HTTP status.
fn envelope_status(value: &Value<'_>, status_at: Option<Span>) -> Result<u64, CaptureError> {
    value
        .get("status")
        .and_then(Value::as_u64)
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| {
            CaptureError::at(
                format!(
                    "envelope status {} is not an HTTP status (100-599)",
                    value
                        .get("status")
                        .map(Value::to_string)
                        .unwrap_or_default()
                ),
                status_at.map(|s| s.start),
            )
        })
}

/// The envelope's header fields (`None`: no headers recorded), each with the span
/// [`header_pointers`] located for it.
fn envelope_headers(
    headers: Option<&Value<'_>>,
    headers_at: Option<Span>,
    value_spans: &[Option<Span>],
) -> Result<Option<Vec<HeaderField>>, CaptureError> {
    let map = match headers {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(map)) => map,
        Some(_) => {
            return Err(CaptureError::at(
                "envelope headers must be an object of strings or of lists of strings",
                headers_at.map(|s| s.start),
            ))
        }
    };
    let mut value_spans = value_spans.iter();
    let mut fields = Vec::new();
    for (name, v) in map {
        let values: Vec<&Value> = match v {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for v in values {
            let at = value_spans.next().copied().flatten();
            let text = match v {
                Value::String(s) => s.to_string(),
                Value::Number(_) | Value::Bool(_) => v.to_string(),
                _ => {
                    return Err(CaptureError::at(
                        format!(
                        "envelope header {name:?} is not a string, a number or a list of strings"
                    ),
                        at.map(|s| s.start),
                    ))
                }
            };
            fields.push(HeaderField {
                name: name.to_string(),
                value: text,
                at,
            });
        }
    }
    Ok(Some(fields))
}

/// The envelope's request, when it records a URL.
fn envelope_request(
    value: &Value<'_>,
    url_at: Option<Span>,
) -> Result<Option<RecordedRequest>, CaptureError> {
    match value.pointer("/request/url") {
        Some(Value::String(url)) => Ok(Some(RecordedRequest {
            method: value
                .pointer("/request/method")
                .and_then(Value::as_str)
                .map(str::to_string),
            url: url.to_string(),
            url_at,
        })),
        None | Some(Value::Null) => Ok(None),
        Some(_) => Err(CaptureError::at(
            "envelope request.url must be a string",
            url_at.map(|s| s.start),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tree(value: serde_json::Value) -> Value<'static> {
        Value::from(value)
    }

    #[test]
    fn shapes() {
        assert_eq!(
            shape(&tree(json!({"status": 404, "body": {}}))),
            Shape::Envelope
        );
        assert_eq!(
            shape(&tree(json!({"status": 429, "headers": {}}))),
            Shape::Envelope
        );
        assert_eq!(
            shape(&tree(json!({"status": "404", "body": {}}))),
            Shape::Body
        );
        assert_eq!(shape(&tree(json!({"status": 404}))), Shape::Body);
        assert_eq!(
            shape(&tree(json!({"status": 404, "body": {}, "errors": []}))),
            Shape::Body
        );
        assert_eq!(
            shape(&tree(
                json!({"api_version": "sql/v1", "status": 1, "headers": {}})
            )),
            Shape::Body
        );
        assert_eq!(shape(&tree(json!({"log": {"entries": []}}))), Shape::Har);
        assert_eq!(shape(&tree(json!([1]))), Shape::Body);
    }

    #[test]
    fn an_envelope_with_headers_as_strings_and_lists() {
        let text =
            br#"{"status": 429, "headers": {"Retry-After": "3", "X-A": ["1", "2"], "X-N": 5},
 "request": {"method": "GET", "url": "/x"}}"#;
        let value = parse(text).unwrap();
        let r = envelope_record(value, text, 0).unwrap();
        assert_eq!(r.status, Some(429));
        let h = r.headers.unwrap();
        assert_eq!(h.len(), 4);
        assert_eq!(h[2].value, "2");
        assert_eq!(
            &text[h[2].at.unwrap().start..h[2].at.unwrap().end],
            b"\"2\""
        );
        assert_eq!(h[3].value, "5");
        assert_eq!(r.body, Body::Absent);
        assert_eq!(r.request.unwrap().url, "/x");
    }

    #[test]
    fn bad_envelopes_are_errors_with_a_place() {
        let text = br#"{"status": 99, "body": 1}"#;
        let e = envelope_record(parse(text).unwrap(), text, 0).unwrap_err();
        assert_eq!(e.offset, Some(11));
        let text = br#"{"status": 200, "headers": [1]}"#;
        assert!(envelope_record(parse(text).unwrap(), text, 0).is_err());
    }

    #[test]
    fn parse_errors_have_offsets() {
        // serde_json places an error at the last byte it read.
        assert_eq!(parse(b"{\n  \"a\": tru").unwrap_err().offset, Some(11));
        assert!(parse(b"  ").unwrap_err().message.starts_with("empty"));
        assert!(parse(b"{\"a\": \"\xff\"}")
            .unwrap_err()
            .message
            .starts_with("invalid UTF-8"));
        assert!(parse(b"\0\0").unwrap_err().message.starts_with("binary"));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(deep.as_bytes())
            .unwrap_err()
            .message
            .contains("deeper"));
    }

    #[test]
    fn text_that_is_almost_json_says_what_it_is() {
        let message = |bytes: &[u8]| parse(bytes).unwrap_err().message;
        assert!(message(b"\xEF\xBB\xBF{}").contains("byte order mark"));
        let utf16: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(message(&utf16).contains("UTF-16"), "{}", message(&utf16));
        let with_bom: Vec<u8> = [0xFF, 0xFE].into_iter().chain(utf16).collect();
        assert!(message(&with_bom).contains("UTF-16"));
        // Binary data is still binary.
        assert!(message(b"\x7fELF\x02\x01\x01\0\0\0").starts_with("binary"));
        let big = message(b"{\"a\": 1e999}");
        assert!(
            big.starts_with("a number out of range: valid JSON"),
            "{big}"
        );
        let tiny = message(b"{\"a\": 1e-999}");
        assert!(
            tiny.starts_with("a number out of range: valid JSON, but 1e-999 is too small"),
            "{tiny}"
        );
    }
}
