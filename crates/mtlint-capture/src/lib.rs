//! Reading recorded responses and pointing into the files they came from.
//!
//! A capture is any common recording of HTTP responses; each response becomes a
//! [`record::Record`] that knows where its status, headers, content type, body and request URL
//! are written, so that a finding can name the exact line:column of the file the user gave:
//!
//! | format | files | module |
//! |---|---|---|
//! | raw body | `*.json` | [`json`] |
//! | envelope `{"status", "headers", "body", "request"}` | `*.json` (detected by shape) | [`json`] |
//! | NDJSON, one body or envelope per line (streamed) | `*.ndjson`, `*.jsonl`, `-` | [`ndjson`] |
//! | HAR 1.2 | `*.har` (or a `.json` holding `log.entries`) | [`har`] |
//! | VCR cassettes (go-vcr, vcrpy, Ruby VCR) | `*.yaml`, `*.yml` | [`vcr`] |
//!
//! - [`position`]: RFC 6901 pointer to byte span in one pass, byte offset to line:column.
//! - [`json_string`], [`yaml`]: a body written inside a string (HAR's `content.text`, a YAML
//!   scalar) is decoded with an offset map, so positions inside it map back to the file.
//!
//! ```
//! use mtlint_capture::position::{locate_or_parent, LineIndex};
//!
//! let text = b"{\n  \"data\": [\n    {\"name\": \"orders\"}\n  ]\n}";
//! let span = locate_or_parent(text, "/data/0/name").unwrap();
//! let at = LineIndex::new(text).line_column(text, span.start);
//! assert_eq!((at.line, at.column), (3, 14));
//! ```

pub mod har;
pub mod json;
pub mod json_string;
pub mod ndjson;
pub mod position;
pub mod record;
pub mod vcr;
pub mod yaml;

use std::path::Path;

pub use record::{Body, CaptureError, HeaderField, Origin, Record, RecordedRequest};

/// A capture format, chosen by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `*.json`: a raw body, an envelope, or a HAR log (by shape).
    Json,
    /// `*.ndjson`, `*.jsonl`, or `-` (stdin): streamed.
    Ndjson,
    /// `*.har`.
    Har,
    /// `*.yaml`, `*.yml`: a VCR cassette.
    Cassette,
}

impl Format {
    /// The format of a file by its extension (case-insensitive); `None` for other files.
    #[must_use]
    pub fn of(path: &Path) -> Option<Format> {
        if path.as_os_str() == "-" {
            return Some(Format::Ndjson);
        }
        let ext = path.extension()?.to_str()?;
        let is = |name: &str| ext.eq_ignore_ascii_case(name);
        if is("json") {
            Some(Format::Json)
        } else if is("ndjson") || is("jsonl") {
            Some(Format::Ndjson)
        } else if is("har") {
            Some(Format::Har)
        } else if is("yaml") || is("yml") {
            Some(Format::Cassette)
        } else {
            None
        }
    }
}

/// What kind of capture a whole file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One raw body.
    Body,
    /// One envelope.
    Envelope,
    /// A HAR log.
    Har,
    /// A VCR cassette.
    Cassette,
}

/// The responses of one file read whole (every format but NDJSON).
#[derive(Debug, Clone)]
pub struct Capture<'a> {
    /// What the file is.
    pub kind: Kind,
    /// Its responses in order; an entry that cannot be read is an error naming it.
    pub records: Vec<Result<Record<'a>, CaptureError>>,
}

/// Reads a whole file of the given format (not NDJSON, which [`ndjson::Reader`] streams).
///
/// # Errors
/// The file is not of that format at all (empty, not UTF-8, not JSON or YAML, no entries).
pub fn read(format: Format, bytes: &[u8]) -> Result<Capture<'_>, CaptureError> {
    match format {
        Format::Cassette => {
            let text = utf8(bytes, "a VCR cassette")?;
            if text.trim().is_empty() {
                return Err(CaptureError::at(
                    "empty file: expected a VCR cassette",
                    None,
                ));
            }
            Ok(Capture {
                kind: Kind::Cassette,
                records: vcr::read(text)?,
            })
        }
        Format::Json | Format::Har | Format::Ndjson => {
            let value = json::parse(bytes)?;
            match json::shape(&value) {
                // A HAR log is read as a `serde_json::Value`: its bodies are strings anyway.
                json::Shape::Har => Ok(Capture {
                    kind: Kind::Har,
                    records: har::read(&value.to_serde(), bytes)?,
                }),
                _ if format == Format::Har => {
                    har::read(&value.to_serde(), bytes).map(|records| Capture {
                        kind: Kind::Har,
                        records,
                    })
                }
                json::Shape::Envelope => Ok(Capture {
                    kind: Kind::Envelope,
                    records: vec![json::envelope_record(value, bytes, 0)],
                }),
                json::Shape::Body => Ok(Capture {
                    kind: Kind::Body,
                    records: vec![Ok(json::body_record(value, bytes))],
                }),
            }
        }
    }
}

/// UTF-16 text, recognised by its byte order mark or by the NUL of every other byte that ASCII
/// text in UTF-16 has: one message that says what the file is, rather than "binary".
pub(crate) fn utf16(bytes: &[u8], what: &str) -> Option<CaptureError> {
    let bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let pairs = bytes.len() >= 4
        && bytes.len().is_multiple_of(2)
        && bytes
            .chunks_exact(2)
            .take(64)
            .all(|pair| (pair[0] == 0) != (pair[1] == 0) && (pair[0] | pair[1]).is_ascii());
    (bom || pairs).then(|| {
        CaptureError::at(
            format!(
                "the file is UTF-16 text, not {what}: JSON and YAML recordings are UTF-8 \
                 (RFC 8259, section 8.1); convert it, e.g. iconv -f UTF-16 -t UTF-8"
            ),
            Some(0),
        )
    })
}

fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, CaptureError> {
    if let Some(error) = utf16(bytes, what) {
        return Err(error);
    }
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        return Err(CaptureError::at(
            format!("binary file (it contains NUL bytes): not {what} (first at offset {offset})"),
            Some(offset),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        CaptureError::at(
            format!("invalid UTF-8: not {what} (first bad byte at offset {offset})"),
            Some(offset),
        )
    })
}
