//! VCR cassettes (YAML), in the layouts of the three common recorders:
//!
//! | recorder | interactions | request URL | status | body |
//! |---|---|---|---|---|
//! | go-vcr v1 / v2 | `interactions[]` | `request.url` | `response.code` (v1, v2), or `response.status_code` | `response.body` (a string) |
//! | vcrpy | `interactions[]` | `request.uri` | `response.status.code` | `response.body.string` (`!!binary` for bytes) |
//! | Ruby VCR | `http_interactions[]` | `request.uri` | `response.status.code` | `response.body.string`, or `base64_string` |
//!
//! Headers are a mapping from name to a string or a list of strings (all three write lists).

use base64::Engine as _;
use yaml_rust2::parser::Event;

use crate::position::Span;
use crate::record::{Body, CaptureError, HeaderField, Origin, Record, RecordedRequest};
use crate::yaml::{self, Document, Node};

/// What a YAML file found while walking a folder is, as far as its first bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkedYaml {
    /// Its top level is a mapping with an `interactions` or `http_interactions` key.
    Cassette,
    /// Its top level is a mapping without one (a configuration, an OpenAPI document, a CI
    /// workflow): passed over.
    Other,
    /// Not YAML as far as it goes, not valid UTF-8, or its top level is not a mapping: kept, so
    /// that reading it says what is wrong instead of the file vanishing from the run.
    Unsure,
}

/// What the YAML file beginning with `head` is ([`WalkedYaml`]), from its top level as the YAML
/// parser reads it (a byte order mark, quoted keys and flow style included), not from how its
/// lines look. `head` may end anywhere, inside a character too.
#[must_use]
pub fn walked_yaml(head: &[u8]) -> WalkedYaml {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        // A character cut by the end of `head` is no error; a bad byte before that is.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return WalkedYaml::Unsure,
    };
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    let mut depth = 0usize;
    // At depth 1 of a top-level mapping, scalars alternate between key and value.
    let mut next_is_key = true;
    let mut keys = 0usize;
    loop {
        let Ok((event, _)) = parser.next_token() else {
            // Cut short (by the end of `head`, most often): what was read decides.
            return if keys > 0 {
                WalkedYaml::Other
            } else {
                WalkedYaml::Unsure
            };
        };
        match event {
            Event::StreamEnd | Event::DocumentEnd => {
                return if keys > 0 || depth == 0 && next_is_key {
                    WalkedYaml::Other
                } else {
                    WalkedYaml::Unsure
                };
            }
            Event::MappingStart(..) if depth == 0 => depth = 1,
            Event::SequenceStart(..) | Event::Scalar(..) if depth == 0 => {
                return WalkedYaml::Unsure;
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    next_is_key = true;
                }
            }
            Event::Scalar(value, ..) if depth == 1 => {
                if next_is_key {
                    if value == "interactions" || value == "http_interactions" {
                        return WalkedYaml::Cassette;
                    }
                    keys += 1;
                }
                next_is_key = !next_is_key;
            }
            Event::Alias(_) if depth == 1 => next_is_key = !next_is_key,
            _ => {}
        }
    }
}

/// Reads every interaction of a cassette.
///
/// # Errors
/// The text is not YAML, or has no interactions list.
pub fn read(text: &str) -> Result<Vec<Result<Record<'static>, CaptureError>>, CaptureError> {
    let doc = Document::parse(text)
        .map_err(|e| CaptureError::at(format!("invalid YAML: {}", e.message), Some(e.offset)))?;
    let root = doc
        .root()
        .ok_or_else(|| CaptureError::at("empty file: expected a VCR cassette", None))?;
    let list = doc
        .get(root, "interactions")
        .or_else(|| doc.get(root, "http_interactions"))
        .filter(|id| matches!(doc.node(*id), Node::Seq { .. }))
        .ok_or_else(|| {
            CaptureError::at(
                "not a VCR cassette: no top-level interactions (go-vcr, vcrpy) or http_interactions (Ruby VCR) list",
                Some(doc.node(root).at()),
            )
        })?;
    Ok(doc
        .items(list)
        .iter()
        .enumerate()
        .map(|(i, id)| interaction(text, &doc, i, *id))
        .collect())
}

fn span(doc: &Document, id: usize) -> Span {
    let at = doc.node(id).at();
    let len = doc.scalar(id).map_or(1, |s| s.len().max(1));
    Span {
        start: at,
        end: at + len,
    }
}

fn interaction(
    text: &str,
    doc: &Document,
    i: usize,
    id: usize,
) -> Result<Record<'static>, CaptureError> {
    let place = Interaction {
        index: i,
        whole: span(doc, id),
    };
    let request = recorded_request(doc, id);
    let Some(response) = doc.get(id, "response") else {
        return Err(place.error("it has no response", None));
    };
    let (status, status_node) = status(doc, response, &place)?;
    let headers_id = doc.get(response, "headers");
    let headers = match headers_id {
        Some(h) if !doc.is_null(h) => Some(header_fields(doc, h, &place)?),
        _ => None,
    };
    let content_type = headers.as_ref().and_then(|h| {
        h.iter()
            .find(|f| f.name.eq_ignore_ascii_case("content-type"))
            .cloned()
    });
    let (body, body_at) = response_body(text, doc, response, &place)?;
    Ok(Record {
        entry: i,
        status: Some(status),
        status_at: Some(span(doc, status_node)),
        headers,
        headers_at: headers_id.map(|h| span(doc, h)),
        content_type,
        body,
        body_at,
        request,
        at: place.whole,
    })
}

/// Which interaction of the cassette is being read, for its errors.
struct Interaction {
    index: usize,
    whole: Span,
}

impl Interaction {
    /// An error about this interaction, at `at` or else at the interaction itself.
    fn error(&self, message: &str, at: Option<usize>) -> CaptureError {
        CaptureError::at(
            format!("cassette interaction {}: {message}", self.index),
            at.or(Some(self.whole.start)),
        )
    }
}

/// The interaction's request, when it records a URL (`url`, or Ruby VCR's `uri`).
fn recorded_request(doc: &Document, id: usize) -> Option<RecordedRequest> {
    let request = doc.get(id, "request");
    let url = request.and_then(|r| doc.get(r, "url").or_else(|| doc.get(r, "uri")));
    url.and_then(|u| doc.scalar(u).map(|s| (u, s)))
        .map(|(u, s)| RecordedRequest {
            method: request
                .and_then(|r| doc.get(r, "method"))
                .and_then(|m| doc.scalar(m))
                .map(|m| m.trim_start_matches(':').to_string()),
            url: s.to_string(),
            url_at: Some(span(doc, u)),
        })
}

/// The response's status and its node: `code`, `status_code`, `status.code` or `status`.
fn status(
    doc: &Document,
    response: usize,
    place: &Interaction,
) -> Result<(u16, usize), CaptureError> {
    let status_node = doc
        .get(response, "code")
        .or_else(|| doc.get(response, "status_code"))
        .or_else(|| doc.get(response, "status").and_then(|s| doc.get(s, "code")))
        .or_else(|| doc.get(response, "status"));
    let Some(status_node) = status_node else {
        return Err(place.error(
            "its response has no status (code, status_code or status.code)",
            Some(doc.node(response).at()),
        ));
    };
    let status_text = doc.scalar(status_node).unwrap_or_default();
    let digits: String = status_text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse::<u16>()
        .ok()
        .filter(|s| (100..=599).contains(s))
        .map(|status| (status, status_node))
        .ok_or_else(|| {
            place.error(
                &format!("response status {status_text:?} is not an HTTP status"),
                Some(doc.node(status_node).at()),
            )
        })
}

/// The header fields of a `headers` mapping: each name with one value or a list of values.
fn header_fields(
    doc: &Document,
    headers: usize,
    place: &Interaction,
) -> Result<Vec<HeaderField>, CaptureError> {
    let mut fields = Vec::new();
    for (name, name_at, value) in doc.entries(headers) {
        let values: Vec<usize> = match doc.node(*value) {
            Node::Seq { items, .. } => items.clone(),
            _ => vec![*value],
        };
        for v in values {
            let Some(text) = doc.scalar(v) else {
                return Err(place.error(
                    &format!("header {name:?} is not a string or a list of strings"),
                    Some(doc.node(v).at()),
                ));
            };
            fields.push(HeaderField {
                name: name.clone(),
                value: text.to_string(),
                at: Some(span(doc, v)).or(Some(Span {
                    start: *name_at,
                    end: name_at + name.len(),
                })),
            });
        }
    }
    Ok(fields)
}

/// The response body and where it is: a scalar, or a mapping with `base64_string` or `string`.
fn response_body(
    text: &str,
    doc: &Document,
    response: usize,
    place: &Interaction,
) -> Result<(Body<'static>, Option<Span>), CaptureError> {
    let Some(b) = doc.get(response, "body") else {
        return Ok((Body::Absent, None));
    };
    if doc.is_null(b) {
        return Ok((Body::Absent, Some(span(doc, b))));
    }
    Ok(match doc.node(b) {
        Node::Scalar { .. } => (scalar_body(text, doc, b, false)?, Some(span(doc, b))),
        Node::Map { .. } => {
            if let Some(s) = doc.get(b, "base64_string") {
                (scalar_body(text, doc, s, true)?, Some(span(doc, s)))
            } else if let Some(s) = doc.get(b, "string") {
                (scalar_body(text, doc, s, false)?, Some(span(doc, s)))
            } else {
                (Body::Absent, Some(span(doc, b)))
            }
        }
        Node::Seq { .. } => {
            return Err(place.error("its response body is a list", Some(doc.node(b).at())))
        }
    })
}

/// A body scalar: text as written, or base64 (Ruby's `base64_string`, a `!!binary` tag).
fn scalar_body(
    text: &str,
    doc: &Document,
    id: usize,
    base64: bool,
) -> Result<Body<'static>, CaptureError> {
    let Node::Scalar {
        value,
        style,
        binary,
        at,
    } = doc.node(id)
    else {
        return Err(CaptureError::at(
            "the response body is not a string",
            Some(doc.node(id).at()),
        ));
    };
    if doc.is_null(id) {
        return Ok(Body::Absent);
    }
    if base64 || *binary {
        let start = yaml::content_start_bytes(text.as_bytes(), *style, *at);
        let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map_err(|e| {
                CaptureError::at(
                    format!("the base64 body is not valid base64: {e}"),
                    Some(start),
                )
            })?;
        let decoded = String::from_utf8(bytes)
            .map_err(|_| CaptureError::at("the base64 body is not UTF-8 text", Some(start)))?;
        return Ok(Body::Text(decoded, Origin::Encoded(start)));
    }
    Ok(Body::Text(value.clone(), Origin::Yaml(*style, *at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walked_yaml_file_is_told_by_its_top_level() {
        let kind = |text: &[u8]| walked_yaml(text);
        assert_eq!(
            kind(b"interactions:\n- request: {}\n"),
            WalkedYaml::Cassette
        );
        assert_eq!(
            kind(b"version: 1\nhttp_interactions: []\n"),
            WalkedYaml::Cassette
        );
        // A byte order mark, a quoted key, flow style: still cassettes.
        assert_eq!(
            kind(b"\xEF\xBB\xBFinteractions: []\n"),
            WalkedYaml::Cassette
        );
        assert_eq!(kind(b"\"interactions\": []\n"), WalkedYaml::Cassette);
        assert_eq!(
            kind(b"{version: 2, interactions: [{}]}"),
            WalkedYaml::Cassette
        );
        // A key after a long nested value, and a head cut inside a character.
        let mut long = b"meta:\n  note: \"".to_vec();
        long.extend("é".repeat(100).as_bytes());
        long.extend(b"\"\ninteractions: []\n");
        assert_eq!(kind(&long), WalkedYaml::Cassette);
        let cut = "interactions:\n- note: é".as_bytes();
        assert_eq!(kind(&cut[..cut.len() - 1]), WalkedYaml::Cassette);
        // Other YAML is passed over; what is not a mapping, or not UTF-8, is kept and read.
        assert_eq!(kind(b"openapi: 3.0.3\npaths: {}\n"), WalkedYaml::Other);
        assert_eq!(kind(b"rules:\n  schema/enum: off\n"), WalkedYaml::Other);
        assert_eq!(kind(b"- a\n- b\n"), WalkedYaml::Unsure);
        assert_eq!(kind(b"interactions: [\xff]\n"), WalkedYaml::Unsure);
        assert_eq!(kind(b"just text"), WalkedYaml::Unsure);
    }
    use crate::record::locate_in_body;

    const GO_VCR: &str = r#"---
version: 2
interactions:
- id: 0
  request:
    url: https://h/a?page_size=1
    method: GET
  response:
    headers:
      Content-Type:
      - application/json
    body: '{"a": [1,
      2]}'
    status: 200 OK
    code: 200
"#;

    const VCRPY: &str = r#"interactions:
- request:
    body: null
    method: GET
    uri: https://h/a
  response:
    body:
      string: "{\"a\": [1, 2]}"
    headers:
      Content-Type:
      - application/json
    status:
      code: 404
      message: Not Found
version: 1
"#;

    const RUBY: &str = r#"---
http_interactions:
- request:
    method: get
    uri: https://h/a
  response:
    status:
      code: 200
      message: OK
    headers:
      Content-Type:
      - application/json
    body:
      encoding: ASCII-8BIT
      base64_string: |
        eyJhIjogWzEsIDJdfQ==
  recorded_at: Tue, 01 Nov 2011 04:58:44 GMT
recorded_with: VCR 6.0.0
"#;

    fn only(text: &str) -> Record<'static> {
        let mut records = read(text).unwrap();
        assert_eq!(records.len(), 1);
        records.remove(0).unwrap()
    }

    #[test]
    fn go_vcr() {
        let r = only(GO_VCR);
        assert_eq!(r.status, Some(200));
        assert_eq!(r.request.as_ref().unwrap().url, "https://h/a?page_size=1");
        assert_eq!(r.content_type.as_ref().unwrap().value, "application/json");
        let Body::Text(body, origin) = &r.body else {
            panic!()
        };
        assert_eq!(body, "{\"a\": [1, 2]}");
        let spans = locate_in_body(GO_VCR.as_bytes(), body.as_bytes(), *origin, &["/a/1"]);
        assert_eq!(&GO_VCR[spans[0].unwrap().start..spans[0].unwrap().end], "2");
    }

    #[test]
    fn vcrpy() {
        let r = only(VCRPY);
        assert_eq!(r.status, Some(404));
        let Body::Text(body, origin) = &r.body else {
            panic!()
        };
        let spans = locate_in_body(VCRPY.as_bytes(), body.as_bytes(), *origin, &["/a/1"]);
        assert_eq!(&VCRPY[spans[0].unwrap().start..spans[0].unwrap().end], "2");
    }

    #[test]
    fn ruby_vcr_base64() {
        let r = only(RUBY);
        let Body::Text(body, Origin::Encoded(at)) = &r.body else {
            panic!("{:?}", r.body)
        };
        assert_eq!(body, "{\"a\": [1, 2]}");
        assert!(RUBY[*at..].starts_with("eyJ"));
        assert_eq!(r.request.unwrap().method.as_deref(), Some("get"));
    }

    #[test]
    fn not_cassettes() {
        assert!(read("openapi: 3.0.3\n").is_err());
        assert!(read("a: [").is_err());
        assert!(read("").is_err());
        assert_eq!(walked_yaml(VCRPY.as_bytes()), WalkedYaml::Cassette);
        assert_eq!(walked_yaml(RUBY.as_bytes()), WalkedYaml::Cassette);
        assert_eq!(walked_yaml(b"rules:\n  x: off\n"), WalkedYaml::Other);
    }
}
