//! A YAML document as a tree whose nodes remember where they start, and decoding of a scalar's
//! text with an offset map back into the file.
//!
//! `serde_yaml` gives no positions for values (only for its errors), so cassettes are read with
//! `yaml-rust2`'s event parser, whose events carry byte markers. Events are consumed one by one
//! with an explicit stack (the crate's own loader recurses, which a deeply nested file must not
//! make us do). A scalar's marker is its first byte: the quote of a quoted scalar, the first
//! content byte of a block scalar (`|`, `>`), the first byte of a plain one. From there
//! [`scalar_map`] re-reads the scalar as YAML defines it (escapes, `''`, line folding, block
//! indentation) and maps each decoded byte to the file byte it came from; the result is checked
//! against the parser's own value, so a mismatch falls back to the scalar's start rather than
//! pointing somewhere wrong.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// No quotes.
    Plain,
    /// `'...'`.
    SingleQuoted,
    /// `"..."`.
    DoubleQuoted,
    /// `|`.
    Literal,
    /// `>`.
    Folded,
}

/// One node of a YAML document.
#[derive(Debug, Clone)]
pub enum Node {
    /// A scalar: its text, how it was written, whether it is tagged `!binary`/`!!binary`.
    Scalar {
        /// The decoded text.
        value: String,
        /// How it was written.
        style: Style,
        /// Tagged `!!binary` (base64).
        binary: bool,
        /// Byte offset of its first byte (see the module docs).
        at: usize,
    },
    /// A sequence of node ids.
    Seq {
        /// Element node ids.
        items: Vec<usize>,
        /// Byte offset of its first element (or of the sequence marker when empty).
        at: usize,
    },
    /// A mapping with scalar keys (other keys are dropped), in document order.
    Map {
        /// `(key, key offset, value node id)`.
        entries: Vec<(String, usize, usize)>,
        /// Byte offset of its first key (or of the mapping marker when empty).
        at: usize,
    },
}

impl Node {
    /// Where the node starts in the file.
    #[must_use]
    pub fn at(&self) -> usize {
        match self {
            Node::Scalar { at, .. } | Node::Seq { at, .. } | Node::Map { at, .. } => *at,
        }
    }
}

/// An open container while parsing: its node id, a mapping's key waiting for its value, and
/// whether no child has been attached yet.
type Open = (usize, Option<(String, usize)>, bool);

/// A parsed YAML document: nodes in an arena, the root first.
#[derive(Debug, Clone, Default)]
pub struct Document {
    nodes: Vec<Node>,
    root: Option<usize>,
}

/// A YAML syntax error with its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The parser's message.
    pub message: String,
    /// Byte offset in the file.
    pub offset: usize,
}

/// How deep mappings and sequences may nest: as deep as a JSON body may (`serde_json`'s limit),
/// which bounds the parser's stack whatever the file holds.
const MAX_DEPTH: usize = 128;

impl Document {
    /// Parses the first document of a YAML stream.
    ///
    /// # Errors
    /// The text is not YAML.
    pub fn parse(text: &str) -> Result<Self, YamlError> {
        // A byte order mark is allowed before a YAML stream; places stay those of the file.
        let (text, shift) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, '\u{feff}'.len_utf8()),
            None => (text, 0),
        };
        let mut parser = Parser::new_from_str(text);
        let mut doc = Document::default();
        // Open containers: (node id, pending key for a mapping).
        let mut stack: Vec<Open> = Vec::new();
        let mut anchors: HashMap<usize, usize> = HashMap::new();
        loop {
            let (event, mark) = parser.next_token().map_err(|e| YamlError {
                message: e.info().to_string(),
                offset: e.marker().index() + shift,
            })?;
            let at = mark.index().min(text.len()) + shift;
            let new_node = match event {
                Event::StreamEnd => return Ok(doc),
                Event::DocumentEnd => {
                    if doc.root.is_some() {
                        return Ok(doc);
                    }
                    continue;
                }
                Event::Nothing | Event::StreamStart | Event::DocumentStart => continue,
                Event::Alias(id) => match anchors.get(&id) {
                    Some(node) => Some((*node, false)),
                    None => continue,
                },
                Event::Scalar(value, style, anchor, tag) => {
                    if value == "<<" && style == TScalarStyle::Plain && doc.wants_key(&stack) {
                        return Err(YamlError {
                            message: "a YAML merge key (`<<: *anchor`): mtlint reads recordings \
                                      as written and does not merge, so the merged members would \
                                      go unchecked; write them out in place"
                                .into(),
                            offset: at,
                        });
                    }
                    let binary = tag.as_ref().is_some_and(|t| t.suffix == "binary");
                    let style = match style {
                        TScalarStyle::SingleQuoted => Style::SingleQuoted,
                        TScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                        TScalarStyle::Literal => Style::Literal,
                        TScalarStyle::Folded => Style::Folded,
                        _ => Style::Plain,
                    };
                    let id = doc.push(Node::Scalar {
                        value,
                        style,
                        binary,
                        at,
                    });
                    if anchor > 0 {
                        anchors.insert(anchor, id);
                    }
                    Some((id, false))
                }
                Event::SequenceStart(anchor, _) => {
                    let id = doc.push(Node::Seq {
                        items: Vec::new(),
                        at,
                    });
                    if anchor > 0 {
                        anchors.insert(anchor, id);
                    }
                    Some((id, true))
                }
                Event::MappingStart(anchor, _) => {
                    let id = doc.push(Node::Map {
                        entries: Vec::new(),
                        at,
                    });
                    if anchor > 0 {
                        anchors.insert(anchor, id);
                    }
                    Some((id, true))
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some((done, _, _)) = stack.pop() else {
                        continue;
                    };
                    doc.attach(&mut stack, done);
                    None
                }
            };
            if let Some((id, container)) = new_node {
                if container {
                    if stack.len() == MAX_DEPTH {
                        return Err(YamlError {
                            message: format!(
                                "nested deeper than {MAX_DEPTH} levels, which no recording of this \
                                 API is"
                            ),
                            offset: at,
                        });
                    }
                    stack.push((id, None, true));
                } else {
                    doc.attach(&mut stack, id);
                }
            }
        }
    }

    /// Whether the open container on top of `stack` is a mapping waiting for its next key.
    fn wants_key(&self, stack: &[Open]) -> bool {
        stack.last().is_some_and(|(parent, pending, _)| {
            pending.is_none() && matches!(self.nodes[*parent], Node::Map { .. })
        })
    }

    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Attaches a finished node to the open container on top of the stack (as a mapping key, a
    /// mapping value or a sequence element), or makes it the root.
    fn attach(&mut self, stack: &mut [Open], id: usize) {
        let Some((parent, pending, first)) = stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(id);
            }
            return;
        };
        let child_at = self.nodes[id].at();
        let child_key = match &self.nodes[id] {
            Node::Scalar { value, .. } => Some(value.clone()),
            _ => None,
        };
        match &mut self.nodes[*parent] {
            Node::Seq { items, at } => {
                if *first {
                    *at = child_at;
                    *first = false;
                }
                items.push(id);
            }
            Node::Map { entries, at } => match pending.take() {
                Some((key, key_at)) => entries.push((key, key_at, id)),
                None => {
                    if *first {
                        *at = child_at;
                        *first = false;
                    }
                    // A non-scalar key cannot be looked up by name: keep its value out.
                    *pending = Some((child_key.unwrap_or_default(), child_at));
                }
            },
            Node::Scalar { .. } => {}
        }
    }

    /// The root node's id.
    #[must_use]
    pub fn root(&self) -> Option<usize> {
        self.root
    }

    /// A node by id.
    #[must_use]
    pub fn node(&self, id: usize) -> &Node {
        &self.nodes[id]
    }

    /// The value of a mapping's member (`None` for a non-mapping or a missing key).
    #[must_use]
    pub fn get(&self, id: usize, key: &str) -> Option<usize> {
        match &self.nodes[id] {
            Node::Map { entries, .. } => entries
                .iter()
                .rev()
                .find(|(k, _, _)| k == key)
                .map(|(_, _, v)| *v),
            _ => None,
        }
    }

    /// A mapping's members.
    #[must_use]
    pub fn entries(&self, id: usize) -> &[(String, usize, usize)] {
        match &self.nodes[id] {
            Node::Map { entries, .. } => entries,
            _ => &[],
        }
    }

    /// A sequence's elements.
    #[must_use]
    pub fn items(&self, id: usize) -> &[usize] {
        match &self.nodes[id] {
            Node::Seq { items, .. } => items,
            _ => &[],
        }
    }

    /// A scalar's text (`None` for a container; YAML's `null`/`~`/empty plain scalar is
    /// returned as written).
    #[must_use]
    pub fn scalar(&self, id: usize) -> Option<&str> {
        match &self.nodes[id] {
            Node::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Whether a node is a plain `null`, `~` or empty scalar.
    #[must_use]
    pub fn is_null(&self, id: usize) -> bool {
        matches!(&self.nodes[id], Node::Scalar { value, style: Style::Plain, .. }
            if value.is_empty() || value == "~" || value.eq_ignore_ascii_case("null"))
    }
}

/// Where a scalar's content starts: after the quote of a quoted scalar, else its first byte.
#[must_use]
pub fn content_start_bytes(file: &[u8], style: Style, at: usize) -> usize {
    match style {
        Style::SingleQuoted | Style::DoubleQuoted if at < file.len() => at + 1,
        _ => at,
    }
}

/// Maps each byte of a scalar's decoded value to the file byte it came from (`len + 1`
/// entries). `None` when re-reading the scalar from `at` does not give `expected` (the caller
/// then points at the scalar's start). Bytes, not text: a cassette was checked to be UTF-8 once
/// when it was read, and checking the whole file again for each scalar mapped would make the
/// cost of a cassette grow with the square of its size.
#[must_use]
pub fn scalar_map(bytes: &[u8], style: Style, at: usize, expected: &[u8]) -> Option<Vec<usize>> {
    let (out, mut map) = match style {
        Style::Literal | Style::Folded => block(bytes, at, style == Style::Folded, expected.len()),
        Style::SingleQuoted | Style::DoubleQuoted | Style::Plain => {
            flow(bytes, at, style, expected.len())?
        }
    };
    if out.len() < expected.len() || &out[..expected.len()] != expected {
        return None;
    }
    map.truncate(expected.len());
    let end = map.last().map_or(at, |last| last + 1);
    map.push(end);
    Some(map)
}

/// Re-reads a quoted or plain scalar, folding lines as YAML does, until `want` bytes are out.
fn flow(bytes: &[u8], at: usize, style: Style, want: usize) -> Option<(Vec<u8>, Vec<usize>)> {
    let mut out = Vec::new();
    let mut map = Vec::new();
    let mut i = if style == Style::Plain { at } else { at + 1 };
    // Spaces are held back: before a line break they are dropped.
    let mut held: Vec<(u8, usize)> = Vec::new();
    while out.len() < want {
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b'\'' if style == Style::SingleQuoted => {
                if bytes.get(i + 1) == Some(&b'\'') {
                    flush(&mut held, &mut out, &mut map);
                    out.push(b'\'');
                    map.push(i);
                    i += 2;
                } else {
                    break;
                }
            }
            b'"' if style == Style::DoubleQuoted => break,
            b'\\' if style == Style::DoubleQuoted => {
                let e = *bytes.get(i + 1)?;
                if e == b'\n' || e == b'\r' {
                    // An escaped line break: no output, and the next line's indentation goes.
                    flush(&mut held, &mut out, &mut map);
                    i += 2;
                    if e == b'\r' && bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
                        i += 1;
                    }
                    continue;
                }
                flush(&mut held, &mut out, &mut map);
                let (c, used) = yaml_escape(bytes, i)?;
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push(byte);
                    map.push(i);
                }
                i += used;
            }
            b' ' | b'\t' => {
                held.push((b, i));
                i += 1;
            }
            b'\n' | b'\r' => {
                held.clear();
                let break_at = i;
                i = skip_break(bytes, i);
                // Count empty lines; each is a line feed, else the break folds to a space.
                let mut empties = Vec::new();
                loop {
                    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
                        i += 1;
                    }
                    match bytes.get(i) {
                        Some(b'\n' | b'\r') => {
                            empties.push(i);
                            i = skip_break(bytes, i);
                        }
                        _ => break,
                    }
                }
                if empties.is_empty() {
                    out.push(b' ');
                    map.push(break_at);
                } else {
                    for e in empties {
                        out.push(b'\n');
                        map.push(e);
                    }
                }
            }
            _ => {
                flush(&mut held, &mut out, &mut map);
                out.push(b);
                map.push(i);
                i += 1;
            }
        }
    }
    if out.len() < want {
        flush(&mut held, &mut out, &mut map);
    }
    Some((out, map))
}

fn flush(held: &mut Vec<(u8, usize)>, out: &mut Vec<u8>, map: &mut Vec<usize>) {
    for (b, at) in held.drain(..) {
        out.push(b);
        map.push(at);
    }
}

fn skip_break(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
        i + 2
    } else {
        i + 1
    }
}

/// One escape of a double-quoted scalar at `bytes[i]` (a backslash): the character and the
/// number of bytes it used.
fn yaml_escape(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let e = *bytes.get(i + 1)?;
    let simple = match e {
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b't' | b'\t' => '\t',
        b'n' => '\n',
        b'v' => '\u{b}',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'e' => '\u{1b}',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' | b'u' | b'U' => {
            let digits = match e {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            let hex = std::str::from_utf8(bytes.get(i + 2..i + 2 + digits)?).ok()?;
            let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            return Some((c, 2 + digits));
        }
        _ => return None,
    };
    Some((simple, 2))
}

/// Re-reads a block scalar whose first content byte is `at`: the content indentation is that
/// byte's column; each line loses it. Literal keeps line breaks; folded joins lines of the same
/// indentation with a space (empty lines become line feeds; more-indented lines keep theirs).
fn block(bytes: &[u8], at: usize, folded: bool, want: usize) -> (Vec<u8>, Vec<usize>) {
    let line_start = bytes[..at.min(bytes.len())]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let indent = at.saturating_sub(line_start);
    let mut out = Vec::new();
    let mut map = Vec::new();
    let mut i = line_start;
    let mut first = true;
    // The last line's break (offset) and whether it was more-indented.
    let mut prev: Option<(usize, bool)> = None;
    let mut empties: Vec<usize> = Vec::new();
    while i < bytes.len() && out.len() < want {
        let end = bytes[i..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |p| i + p);
        let line = &bytes[i..end];
        let content_end = if line.last() == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        let leading = line.iter().take_while(|b| **b == b' ').count();
        let blank = line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        if blank && !first {
            empties.push(end);
            i = end + 1;
            continue;
        }
        if !blank && leading < indent {
            break;
        }
        let content = (i + indent).min(content_end);
        let more = matches!(bytes.get(content), Some(b' ' | b'\t'));
        if let Some((break_at, prev_more)) = prev {
            if folded && !more && !prev_more {
                if empties.is_empty() {
                    out.push(b' ');
                    map.push(break_at);
                }
            } else {
                out.push(b'\n');
                map.push(break_at);
            }
            for e in empties.drain(..) {
                out.push(b'\n');
                map.push(e);
            }
        }
        for (k, b) in bytes[content..content_end].iter().enumerate() {
            out.push(*b);
            map.push(content + k);
        }
        prev = Some((end, more));
        first = false;
        i = end + 1;
    }
    if let Some((break_at, _)) = prev {
        if out.len() < want {
            out.push(b'\n');
            map.push(break_at);
        }
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text`, finds the scalar whose value is `value`, and returns the file text at the
    /// mapped offset of each byte of `needle` inside it.
    fn mapped(text: &str, path: &[&str], needle: &str) -> String {
        let doc = Document::parse(text).unwrap();
        let mut id = doc.root().unwrap();
        for key in path {
            id = doc.get(id, key).unwrap_or_else(|| panic!("no {key}"));
        }
        let Node::Scalar {
            value, style, at, ..
        } = doc.node(id)
        else {
            panic!("not a scalar")
        };
        let map = scalar_map(text.as_bytes(), *style, *at, value.as_bytes())
            .expect("the map agrees with the parser");
        let i = value.find(needle).unwrap();
        text[map[i]..]
            .chars()
            .take(needle.chars().count())
            .collect()
    }

    #[test]
    fn single_quoted_with_folding_and_doubled_quotes() {
        let text = "a:\n  body: '{\"x\": 1,\n    \"y\": ''q''}'\n";
        assert_eq!(mapped(text, &["a", "body"], "\"y\""), "\"y\"");
        assert_eq!(mapped(text, &["a", "body"], "'q'"), "''q");
    }

    #[test]
    fn double_quoted_with_escapes_and_escaped_breaks() {
        let text = "body: \"{\\\"x\\\": \\u00e9,\\\n   \\\"y\\\": 2}\"\n";
        // `"y"` decodes from `\"y\"`: its first byte maps to the backslash.
        assert_eq!(mapped(text, &["body"], "\"y"), "\\\"");
        assert_eq!(mapped(text, &["body"], "2"), "2");
    }

    #[test]
    fn literal_and_folded_blocks() {
        let text =
            "r:\n  lit: |\n    {\n      \"x\": 1\n    }\n  fold: >\n    {\"a\":\n    2}\n\n    z\n";
        assert_eq!(mapped(text, &["r", "lit"], "\"x\""), "\"x\"");
        assert_eq!(mapped(text, &["r", "lit"], "}"), "}");
        assert_eq!(mapped(text, &["r", "fold"], "2}"), "2}");
        assert_eq!(mapped(text, &["r", "fold"], "z"), "z");
    }

    #[test]
    fn plain_scalars_and_tags() {
        let text = "code: 200\nbin: !!binary |\n  eyJ4IjogMX0=\n";
        assert_eq!(mapped(text, &["code"], "200"), "200");
        let doc = Document::parse(text).unwrap();
        let bin = doc.get(doc.root().unwrap(), "bin").unwrap();
        assert!(matches!(doc.node(bin), Node::Scalar { binary: true, .. }));
    }

    #[test]
    fn a_wrong_expected_value_gives_none() {
        let text = "a: 'xyz'\n";
        let doc = Document::parse(text).unwrap();
        let id = doc.get(doc.root().unwrap(), "a").unwrap();
        assert!(scalar_map(
            text.as_bytes(),
            Style::SingleQuoted,
            doc.node(id).at(),
            b"xyw"
        )
        .is_none());
    }

    #[test]
    fn deep_flow_nesting_is_an_error_not_a_crash() {
        let text = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(Document::parse(&text).is_err());
        let text = format!("a: {}", "[".repeat(100_000));
        assert!(Document::parse(&text).is_err());
    }

    #[test]
    fn a_merge_key_is_named_and_a_value_spelt_the_same_is_not() {
        let text = "base: &b {code: 200}\nresponse:\n  <<: *b\n";
        let error = Document::parse(text).unwrap_err();
        assert!(error.message.contains("merge key"), "{}", error.message);
        assert_eq!(&text[error.offset..error.offset + 2], "<<");
        // As a value, or quoted as a key, `<<` is just text.
        assert!(Document::parse("a: <<\n'<<': 1\n").is_ok());
    }

    #[test]
    fn nesting_is_bounded_as_json_is() {
        let nested = |depth: usize| {
            let mut text = String::new();
            for level in 0..depth {
                text.push_str(&" ".repeat(level));
                text.push_str("a:\n");
            }
            text.push_str(&" ".repeat(depth));
            text.push_str("b: 1\n");
            text
        };
        assert!(Document::parse(&nested(MAX_DEPTH - 1)).is_ok());
        let error = Document::parse(&nested(MAX_DEPTH + 5)).unwrap_err();
        assert!(error.message.contains("nested deeper"), "{}", error.message);
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            ":",
            "- [",
            "a: 'x",
            "a: \"\\q\"",
            "\t- x",
            "? [a]\n: b",
            "&a x\n*a",
        ] {
            let _ = Document::parse(text);
        }
    }
}
