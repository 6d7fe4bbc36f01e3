//! HAR 1.2 logs: every entry's response (status, headers, `content.mimeType`, `content.text`,
//! base64 when `content.encoding` is `base64`) and its request URL.
//!
//! All positions come from one scan of the file for every entry's members; a body inside
//! `content.text` keeps the offset of its string literal, so findings in it are mapped through
//! the string's escapes.

use base64::Engine as _;
use serde_json::Value;

use crate::position::{locate_all, Span};
use crate::record::{Body, CaptureError, HeaderField, Origin, Record, RecordedRequest};

/// Reads every entry of a HAR log (`value` parsed from `text`). Entries come back in the
/// file's order; an entry that cannot be read is an error naming it.
///
/// # Errors
/// The log has no `log.entries` array.
pub fn read(
    value: &Value,
    text: &[u8],
) -> Result<Vec<Result<Record<'static>, CaptureError>>, CaptureError> {
    let Some(entries) = value.pointer("/log/entries").and_then(Value::as_array) else {
        return Err(CaptureError::at(
            "not a HAR file: it has no log.entries array",
            None,
        ));
    };
    // Every place we may point at, for every entry, found in one pass.
    let mut wanted: Vec<String> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let base = format!("/log/entries/{i}");
        for suffix in [
            "",
            "/request/url",
            "/response",
            "/response/status",
            "/response/headers",
            "/response/content",
            "/response/content/mimeType",
            "/response/content/text",
        ] {
            wanted.push(format!("{base}{suffix}"));
        }
        let headers = entry
            .pointer("/response/headers")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for j in 0..headers {
            wanted.push(format!("{base}/response/headers/{j}/value"));
            wanted.push(format!("{base}/response/headers/{j}"));
        }
    }
    let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let spans = locate_all(text, &refs);
    let mut at = 0;
    let mut records = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let headers = entry
            .pointer("/response/headers")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let own = &spans[at..at + 8 + 2 * headers];
        at += 8 + 2 * headers;
        records.push(entry_record(i, entry, own));
    }
    Ok(records)
}

fn entry_record(
    i: usize,
    entry: &Value,
    spans: &[Option<Span>],
) -> Result<Record<'static>, CaptureError> {
    let place = Entry {
        index: i,
        spans,
        whole: spans[0].unwrap_or(Span { start: 0, end: 0 }),
    };
    let request = match entry.pointer("/request/url") {
        Some(Value::String(url)) => Some(RecordedRequest {
            method: entry
                .pointer("/request/method")
                .and_then(Value::as_str)
                .map(str::to_string),
            url: url.clone(),
            url_at: spans[1],
        }),
        _ => return Err(place.error("request.url is missing or not a string".into(), 0)),
    };
    let Some(response) = entry.get("response").filter(|r| r.is_object()) else {
        return Err(place.error("it has no response object".into(), 0));
    };
    let status = match response.get("status").and_then(Value::as_u64) {
        Some(s @ 100..=599) => u16::try_from(s).ok(),
        Some(0) => {
            let mut error = place.error(
                "response.status is 0: the browser recorded no response (blocked or aborted)"
                    .into(),
                3,
            );
            error.no_response = true;
            return Err(error);
        }
        _ => {
            let message = match response.get("status") {
                Some(Value::String(text)) => {
                    format!("response.status is the string {text:?}: HAR 1.2 gives it as a number")
                }
                _ => "response.status is not an HTTP status".into(),
            };
            return Err(place.error(message, 3));
        }
    };
    let headers = match response.get("headers") {
        Some(Value::Array(items)) => Some(header_fields(items, &place)?),
        None => None,
        Some(_) => return Err(place.error("response.headers is not a list".into(), 4)),
    };
    let Some(content) = response.get("content").filter(|c| c.is_object()) else {
        return Err(place.error(
            "response.content is missing (HAR 1.2 requires it, with mimeType and the body in text)"
                .into(),
            2,
        ));
    };
    let content_type = match content.get("mimeType").and_then(Value::as_str) {
        Some(mime) if !mime.is_empty() => Some(HeaderField {
            name: "Content-Type".into(),
            value: mime.to_string(),
            at: spans[6],
        }),
        _ => headers.as_ref().and_then(|h| {
            h.iter()
                .find(|f| f.name.eq_ignore_ascii_case("content-type"))
                .cloned()
        }),
    };
    let body = content_body(content, &place)?;
    Ok(Record {
        entry: i,
        status,
        status_at: spans[3],
        headers,
        headers_at: spans[4],
        content_type,
        body,
        body_at: spans[7].or(spans[5]),
        request,
        at: place.whole,
    })
}

/// Which entry of the HAR is being read, and the spans located for it, for its errors.
struct Entry<'s> {
    index: usize,
    /// The entry's spans, in the order `entries` locates them.
    spans: &'s [Option<Span>],
    whole: Span,
}

impl Entry<'_> {
    /// An error about this entry, at its `k`-th located span or else at the entry itself.
    fn error(&self, message: String, k: usize) -> CaptureError {
        CaptureError::at(
            format!("HAR entry {}: {message}", self.index),
            self.spans[k].map(|s| s.start).or(Some(self.whole.start)),
        )
    }
}

/// `response.headers`: a list of `{name, value}` objects.
fn header_fields(items: &[Value], place: &Entry<'_>) -> Result<Vec<HeaderField>, CaptureError> {
    let mut fields = Vec::with_capacity(items.len());
    for (j, h) in items.iter().enumerate() {
        let (Some(name), Some(value)) = (
            h.get("name").and_then(Value::as_str),
            h.get("value").and_then(Value::as_str),
        ) else {
            return Err(place.error(
                format!("response.headers[{j}] needs a string name and value"),
                8 + 2 * j + 1,
            ));
        };
        fields.push(HeaderField {
            name: name.to_string(),
            value: value.to_string(),
            at: place.spans[8 + 2 * j].or(place.spans[8 + 2 * j + 1]),
        });
    }
    Ok(fields)
}

/// `response.content.text`, decoded when `encoding` is base64; a body not saved when only
/// `size` was recorded.
fn content_body(content: &Value, place: &Entry<'_>) -> Result<Body<'static>, CaptureError> {
    let text_at = place.spans[7];
    Ok(match content.get("text") {
        Some(Value::String(text)) => {
            let literal = text_at.map_or(place.whole.start, |s| s.start);
            let encoding = content.get("encoding").and_then(Value::as_str);
            if let Some(other) = encoding.filter(|e| !e.is_empty() && *e != "base64") {
                return Err(place.error(
                    format!(
                        "content.encoding {other:?} is not supported: HAR 1.2 keeps text decoded \
                         (decompressed), or base64; record the body decoded"
                    ),
                    7,
                ));
            }
            if encoding == Some("base64") {
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(text.trim())
                    .or_else(|_| {
                        base64::engine::general_purpose::STANDARD_NO_PAD
                            .decode(text.trim().trim_end_matches('='))
                    });
                match decoded.map(String::from_utf8) {
                    Ok(Ok(text)) => Body::Text(text, Origin::Encoded(literal + 1)),
                    Ok(Err(_)) => {
                        return Err(place.error("the base64 body is not UTF-8 text".into(), 7))
                    }
                    Err(e) => {
                        return Err(place.error(format!("content.text is not valid base64: {e}"), 7))
                    }
                }
            } else {
                Body::Text(text.clone(), Origin::JsonString(literal))
            }
        }
        None | Some(Value::Null) => match content.get("size").and_then(Value::as_u64) {
            Some(size) if size > 0 => Body::NotSaved { size },
            _ => Body::Absent,
        },
        Some(_) => return Err(place.error("content.text is not a string".into(), 7)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAR: &str = r#"{"log": {"version": "1.2", "entries": [
  {"request": {"method": "GET", "url": "https://h/a?x=1"},
   "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
                "content": {"size": 9, "mimeType": "application/json", "text": "{\"a\": [1]}"}}},
  {"request": {"method": "GET", "url": "https://h/b"},
   "response": {"status": 404, "headers": [],
                "content": {"size": 8, "mimeType": "application/json", "text": "eyJhIjogMX0=", "encoding": "base64"}}},
  {"request": {"method": "GET", "url": "https://h/c"}, "response": {"status": 200, "headers": []}},
  {"request": {"method": "GET", "url": "https://h/d"},
   "response": {"status": 200, "headers": [], "content": {"size": 120, "mimeType": "application/json"}}},
  {"request": {"method": "GET", "url": "https://h/e"},
   "response": {"status": 429, "headers": [], "content": {"size": 0, "mimeType": "x-unknown"}}}
]}}"#;

    #[test]
    fn reads_entries_with_places() {
        let value: Value = serde_json::from_str(HAR).unwrap();
        let records = read(&value, HAR.as_bytes()).unwrap();
        assert_eq!(records.len(), 5);
        let r0 = records[0].as_ref().unwrap();
        assert_eq!(r0.status, Some(200));
        assert_eq!(r0.request.as_ref().unwrap().url, "https://h/a?x=1");
        let Body::Text(text, Origin::JsonString(at)) = &r0.body else {
            panic!("{:?}", r0.body)
        };
        assert_eq!(text, "{\"a\": [1]}");
        assert_eq!(&HAR[*at..*at + 3], "\"{\\");
        let ct = r0.content_type.as_ref().unwrap();
        assert_eq!(
            &HAR[ct.at.unwrap().start..ct.at.unwrap().end],
            "\"application/json\""
        );
        let r1 = records[1].as_ref().unwrap();
        assert!(matches!(&r1.body, Body::Text(t, Origin::Encoded(_)) if t == "{\"a\": 1}"));
        let e2 = records[2].as_ref().unwrap_err();
        assert!(e2
            .message
            .starts_with("HAR entry 2: response.content is missing"));
        assert!(matches!(
            records[3].as_ref().unwrap().body,
            Body::NotSaved { size: 120 }
        ));
        assert_eq!(records[4].as_ref().unwrap().body, Body::Absent);
    }

    #[test]
    fn an_entry_the_browser_got_no_response_for_says_so_and_a_broken_one_does_not() {
        let text = r#"{"log": {"entries": [
  {"request": {"method": "GET", "url": "https://h/a"}, "response": {"status": 0, "headers": [], "content": {"size": 0}}},
  {"request": {"method": "GET", "url": "https://h/b"}, "response": {"status": 99, "headers": [], "content": {"size": 0}}}
]}}"#;
        let value: Value = serde_json::from_str(text).unwrap();
        let records = read(&value, text.as_bytes()).unwrap();
        let no_response = records[0].as_ref().unwrap_err();
        assert!(no_response.no_response, "{no_response:?}");
        let broken = records[1].as_ref().unwrap_err();
        assert!(!broken.no_response, "{broken:?}");
    }

    #[test]
    fn a_status_as_a_string_and_a_compressed_body_say_so() {
        let text = r#"{"log": {"entries": [
  {"request": {"method": "GET", "url": "https://h/a"}, "response": {"status": "200", "headers": [], "content": {"size": 2, "text": "{}"}}},
  {"request": {"method": "GET", "url": "https://h/b"}, "response": {"status": 200, "headers": [], "content": {"size": 2, "text": "H4sI", "encoding": "gzip"}}}
]}}"#;
        let value: Value = serde_json::from_str(text).unwrap();
        let records = read(&value, text.as_bytes()).unwrap();
        let status = &records[0].as_ref().unwrap_err().message;
        assert!(status.contains(r#"the string "200""#), "{status}");
        let encoding = &records[1].as_ref().unwrap_err().message;
        assert!(
            encoding.contains(r#"content.encoding "gzip""#),
            "{encoding}"
        );
    }

    #[test]
    fn a_file_without_entries_is_an_error() {
        let value: Value = serde_json::from_str(r#"{"log": {}}"#).unwrap();
        assert!(read(&value, b"{\"log\": {}}").is_err());
    }
}
