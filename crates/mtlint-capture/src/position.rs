//! From an RFC 6901 pointer to the bytes of the value it names, and from a byte offset to a
//! line and column, without building a tree.
//!
//! `serde_json::Value` keeps no positions, so positions are found afterwards, only for files
//! that have findings: one forward scan over the text finds every wanted pointer at once
//! (linear in the file's size however many findings it has), descending only into containers
//! on the way to a wanted pointer and skipping the rest. The scan keeps its own stack, so
//! nesting depth costs memory, not recursion. No crate offered that: position-keeping parsers
//! (json-spanned-value, jsonc-parser) build a whole spanned tree recursively, which is what a
//! 100 MB body or a 100,000-deep nesting must not do.

use mtlint_json::quote_or_backslash;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A byte range in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineColumn {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// Line starts of a text, and character counts at fixed byte checkpoints, for
/// offset-to-line:column lookups that cost O(log lines + one block) however long the line:
/// a minified 100 MB body is one line, and counting its characters from the line's start for
/// every finding would be quadratic.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters before each [`BLOCK`]-byte checkpoint.
    chars_before_block: Vec<usize>,
}

/// Bytes between character-count checkpoints.
const BLOCK: usize = 4096;

/// Characters in UTF-8 bytes: every byte that is not a continuation byte (`10xxxxxx`) starts
/// one. (Invalid UTF-8 is counted byte by byte there, which is what a lossy decoding shows.)
fn count_chars(bytes: &[u8]) -> usize {
    // Most JSON is ASCII, which the standard library checks a word at a time.
    if bytes.is_ascii() {
        return bytes.len();
    }
    // `b as i8 >= -64` is `b & 0xC0 != 0x80`, in a form that vectorizes.
    bytes
        .iter()
        .map(|&b| usize::from(i8::from_ne_bytes([b]) >= -64))
        .sum()
}

impl LineIndex {
    /// Indexes a text's lines.
    #[must_use]
    pub fn new(text: &[u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut total = 0;
        for block in text.chunks(BLOCK) {
            chars_before_block.push(total);
            total += count_chars(block);
        }
        chars_before_block.push(total);
        Self {
            starts,
            chars_before_block,
        }
    }

    /// Characters before a byte offset.
    fn chars_before(&self, text: &[u8], offset: usize) -> usize {
        let block = offset / BLOCK;
        self.chars_before_block.get(block).copied().unwrap_or(0)
            + count_chars(&text[block * BLOCK..offset])
    }

    /// The line and column of a byte offset in `text` (the text this index was built from).
    #[must_use]
    pub fn line_column(&self, text: &[u8], offset: usize) -> LineColumn {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        let start = self.starts[line];
        let column = if offset - start <= BLOCK {
            count_chars(&text[start..offset]) + 1
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start) + 1
        };
        LineColumn {
            line: line + 1,
            column,
        }
    }
}

/// Finds the spans of several pointers in one JSON text in one pass. A pointer that names
/// nothing (a missing member) gets `None`; callers then ask for its parent. With duplicate
/// keys the last one wins, as in `serde_json`.
#[must_use]
pub fn locate_all(text: &[u8], pointers: &[&str]) -> Vec<Option<Span>> {
    let mut trie = Trie::default();
    for (i, pointer) in pointers.iter().enumerate() {
        trie.insert(pointer, i);
    }
    let mut found = vec![None; pointers.len()];
    let mut scanner = Scanner { text, pos: 0 };
    scanner.scan(&trie, &mut found);
    found
}

/// The span of one pointer's value, or of its nearest existing ancestor (for a missing member,
/// the object where it belongs). `None` only when the text is not JSON at all.
#[must_use]
pub fn locate_or_parent(text: &[u8], pointer: &str) -> Option<Span> {
    let mut candidates = vec![pointer];
    let mut current = pointer;
    while let Some(i) = current.rfind('/') {
        current = &current[..i];
        candidates.push(current);
    }
    locate_all(text, &candidates).into_iter().flatten().next()
}

/// The wanted pointers as a tree of reference tokens, so the scan compares one token per level
/// instead of hashing whole pointers (which would be quadratic in the nesting depth).
#[derive(Default)]
struct Trie {
    nodes: Vec<TrieNode>,
}

#[derive(Default)]
struct TrieNode {
    children: BTreeMap<String, usize>,
    /// Indexes (into the caller's pointer list) of the pointers that end here.
    ends: Vec<usize>,
}

impl Trie {
    fn insert(&mut self, pointer: &str, index: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(TrieNode::default());
        }
        let mut node = 0;
        if !pointer.is_empty() {
            for token in pointer.split('/').skip(1) {
                let token = token.replace("~1", "/").replace("~0", "~");
                let next = self.nodes.len();
                node = *self.nodes[node].children.entry(token).or_insert(next);
                if node == next {
                    self.nodes.push(TrieNode::default());
                }
            }
        }
        self.nodes[node].ends.push(index);
    }

    fn child(&self, node: usize, token: &str) -> Option<usize> {
        self.nodes[node].children.get(token).copied()
    }
}

/// An open container on the scanner's stack.
struct Frame {
    /// Its trie node.
    node: usize,
    /// Where it starts.
    start: usize,
    /// `Some(next index)` for an array, `None` for an object.
    index: Option<usize>,
}

struct Scanner<'t> {
    text: &'t [u8],
    pos: usize,
}

impl<'t> Scanner<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn record(trie: &Trie, node: usize, span: Span, found: &mut [Option<Span>]) {
        for &i in &trie.nodes[node].ends {
            found[i] = Some(span);
        }
    }

    /// One pass over the text. Containers on the way to a wanted pointer are entered with an
    /// explicit stack; every other value is skipped without looking inside.
    fn scan(&mut self, trie: &Trie, found: &mut [Option<Span>]) {
        if trie.nodes.is_empty() {
            return;
        }
        let mut stack: Vec<Frame> = Vec::new();
        // The trie node of the value about to be read; `None` when no wanted pointer is inside.
        let mut next: Option<usize> = Some(0);
        while self.read_value(trie, next, &mut stack, found) {
            match self.next_slot(trie, &mut stack, found) {
                Some(node) => next = node,
                None => return,
            }
        }
    }

    /// Reads one value: enters a container on the way to a wanted pointer, skips anything
    /// else (recording its span when it is wanted). `false` when there is nothing to read.
    #[inline]
    fn read_value(
        &mut self,
        trie: &Trie,
        node: Option<usize>,
        stack: &mut Vec<Frame>,
        found: &mut [Option<Span>],
    ) -> bool {
        self.skip_ws();
        let start = self.pos;
        match (node, self.peek()) {
            (Some(node), Some(b'{')) => {
                self.pos += 1;
                stack.push(Frame {
                    node,
                    start,
                    index: None,
                });
            }
            (Some(node), Some(b'[')) => {
                self.pos += 1;
                stack.push(Frame {
                    node,
                    start,
                    index: Some(0),
                });
            }
            (node, _) => {
                self.skip_value();
                if self.pos == start && !stack.is_empty() {
                    // No value here (a `}` closing an array, say): not JSON we understand.
                    // Stop, as below, rather than read the same nothing forever.
                    return false;
                }
                if let Some(node) = node {
                    let span = Span {
                        start,
                        end: self.pos,
                    };
                    Self::record(trie, node, span, found);
                }
            }
        }
        true
    }

    /// Finds the next value to read, closing finished containers: the trie node of that value
    /// (`Some(None)` when no wanted pointer is inside it), or `None` at the end of the text or
    /// of what this scan understands.
    #[inline]
    fn next_slot(
        &mut self,
        trie: &Trie,
        stack: &mut Vec<Frame>,
        found: &mut [Option<Span>],
    ) -> Option<Option<usize>> {
        loop {
            let frame = stack.last_mut()?;
            self.skip_ws();
            let first = self
                .text
                .get(frame.start + 1..self.pos)
                .is_none_or(|between| {
                    between
                        .iter()
                        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                });
            match (self.peek(), frame.index) {
                (None, _) => return None,
                (Some(b'}'), None) | (Some(b']'), Some(_)) => {
                    self.pos += 1;
                    let frame = stack.pop().expect("a frame is open");
                    let span = Span {
                        start: frame.start,
                        end: self.pos,
                    };
                    Self::record(trie, frame.node, span, found);
                    continue;
                }
                (Some(b','), _) => self.pos += 1,
                _ if first => {}
                // Neither a separator nor an end: not JSON we understand. Positions are
                // best effort, so stop quietly.
                _ => return None,
            }
            if let Some(index) = frame.index.as_mut() {
                if !first {
                    *index += 1;
                }
                return Some(trie.child(frame.node, &index.to_string()));
            }
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return None;
            }
            let key = self.string();
            self.skip_ws();
            if self.peek() == Some(b':') {
                self.pos += 1;
            }
            return Some(trie.child(frame.node, &key));
        }
    }

    /// Reads a string token at `self.pos` (which is a `"`), decoding escapes; borrowed from the
    /// text when it has none.
    fn string(&mut self) -> Cow<'t, str> {
        self.pos += 1;
        let start = self.pos;
        let text = self.text;
        let mut simple = true;
        loop {
            match text.get(self.pos..).and_then(quote_or_backslash) {
                Some(k) if text[self.pos + k] == b'"' => {
                    self.pos += k;
                    break;
                }
                Some(k) => {
                    simple = false;
                    self.pos += k + 2;
                }
                None => {
                    self.pos = text.len();
                    break;
                }
            }
        }
        let end = self.pos.min(text.len());
        self.pos = (self.pos + 1).min(text.len());
        let raw = &text[start..end];
        if simple {
            return String::from_utf8_lossy(raw);
        }
        let mut quoted = Vec::with_capacity(raw.len() + 2);
        quoted.push(b'"');
        quoted.extend_from_slice(raw);
        quoted.push(b'"');
        Cow::Owned(
            serde_json::from_slice(&quoted)
                .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned()),
        )
    }

    /// Skips one value (scalar or container) without looking inside; always advances unless
    /// at a delimiter or the end.
    fn skip_value(&mut self) {
        let text = self.text;
        let mut i = self.pos;
        let mut depth = 0usize;
        while let Some(&b) = text.get(i) {
            match b {
                b'"' => {
                    i += 1;
                    // To the closing quote, a run of plain bytes at a time (the end of the text
                    // when the string is not closed); eight bytes a step, not a `memchr2` call
                    // per string, which cost more than the short strings of a body.
                    loop {
                        match text.get(i..).and_then(quote_or_backslash) {
                            Some(k) if text[i + k] == b'"' => {
                                i += k;
                                break;
                            }
                            Some(k) => i += k + 2,
                            None => {
                                i = text.len();
                                break;
                            }
                        }
                    }
                    i = (i + 1).min(text.len());
                    if depth == 0 {
                        break;
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    i += 1;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
                b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => break,
                _ => i += 1,
            }
        }
        self.pos = i.min(text.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> Option<(LineColumn, String)> {
        let span = locate_all(text.as_bytes(), &[pointer])[0]?;
        let index = LineIndex::new(text.as_bytes());
        Some((
            index.line_column(text.as_bytes(), span.start),
            text[span.start..span.end].to_string(),
        ))
    }

    #[test]
    fn finds_members_elements_and_the_root() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"c\": null\n}";
        assert_eq!(at(text, "/a/1/b").unwrap().1, "\"x\\\"y\"");
        assert_eq!(
            at(text, "/a/1/b").unwrap().0,
            LineColumn {
                line: 2,
                column: 18
            }
        );
        assert_eq!(at(text, "/a/0").unwrap().1, "1");
        assert_eq!(at(text, "/c").unwrap().1, "null");
        assert_eq!(at(text, "/a").unwrap().1, "[1, {\"b\": \"x\\\"y\"}]");
        assert_eq!(at(text, "").unwrap().1, text);
        assert!(at(text, "/nope").is_none());
        assert!(at(text, "/a/7").is_none());
    }

    #[test]
    fn escaped_keys_and_duplicate_keys() {
        let text = r#"{"a/b": 1, "m~n": 2, "k": 1, "k": 2, "\u0041": 3}"#;
        assert_eq!(at(text, "/a~1b").unwrap().1, "1");
        assert_eq!(at(text, "/m~0n").unwrap().1, "2");
        assert_eq!(at(text, "/k").unwrap().1, "2");
        assert_eq!(at(text, "/A").unwrap().1, "3");
    }

    #[test]
    fn many_pointers_in_one_pass_and_parents_for_missing_members() {
        let text = r#"{"data": [{"x": 1}, {"y": [true, false]}]}"#;
        let spans = locate_all(text.as_bytes(), &["/data/1/y/1", "/data/0/x", "/data/0/z"]);
        assert_eq!(
            &text[spans[0].unwrap().start..spans[0].unwrap().end],
            "false"
        );
        assert_eq!(&text[spans[1].unwrap().start..spans[1].unwrap().end], "1");
        assert!(spans[2].is_none());
        let parent = locate_or_parent(text.as_bytes(), "/data/0/z").unwrap();
        assert_eq!(&text[parent.start..parent.end], r#"{"x": 1}"#);
    }

    #[test]
    fn columns_on_a_long_line_count_characters_across_checkpoints() {
        // One line of 3 x 5000 characters, two bytes each in the middle third.
        let text = format!(
            "{}{}{}",
            "a".repeat(5000),
            "é".repeat(5000),
            "b".repeat(5000)
        );
        let bytes = text.as_bytes();
        let index = LineIndex::new(bytes);
        for (offset, column) in [
            (0, 1),
            (4999, 5000),
            (5000, 5001),
            (15000, 10001),
            (19999, 15000),
        ] {
            assert_eq!(
                index.line_column(bytes, offset),
                LineColumn { line: 1, column },
                "offset {offset}"
            );
        }
        let text = format!("x\n{}", "é".repeat(9000));
        let index = LineIndex::new(text.as_bytes());
        assert_eq!(
            index.line_column(text.as_bytes(), 2 + 2 * 8000),
            LineColumn {
                line: 2,
                column: 8001
            }
        );
    }

    #[test]
    fn characters_are_counted_in_ascii_multibyte_and_invalid_text() {
        assert_eq!(count_chars(b""), 0);
        assert_eq!(count_chars(b"abc"), 3);
        assert_eq!(count_chars("aé€😀".as_bytes()), 4);
        // Invalid UTF-8: a stray continuation byte adds nothing, a lone lead byte one.
        assert_eq!(count_chars(&[b'a', 0x80, 0xC3, 0xBF, 0xE2]), 3);
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"é\": \"ü\", \"b\": 1}";
        assert_eq!(
            at(text, "/b").unwrap().0,
            LineColumn {
                line: 1,
                column: 17
            }
        );
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let depth = 200_000;
        let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let pointer = "/0".repeat(depth);
        let span = locate_all(text.as_bytes(), &[&pointer])[0].unwrap();
        assert_eq!(&text[span.start..span.end], "1");
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "{",
            "[",
            "{\"a\"",
            "{\"a\":",
            "[1,",
            "\"",
            "{]",
            "}}}",
            "[[[",
            "{\"a\" 1}",
        ] {
            let _ = locate_all(text.as_bytes(), &["/a", "/0", ""]);
            let _ = locate_or_parent(text.as_bytes(), "/a/b");
        }
    }
}
