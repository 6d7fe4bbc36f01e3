//! Placing findings: a byte offset becomes a line and column, and a body's JSON pointer becomes
//! the span of its value in the file the user gave (through the body's origin in that file).

use mtlint_capture::position::{LineIndex, Span};
use mtlint_capture::{record, Origin};
use mtlint_rules::{Diagnostic, Target};

/// Turns byte offsets into line:column: in a whole file, or in one NDJSON line.
pub(super) struct Place<'a> {
    /// The text offsets point into: the whole file, or one NDJSON line.
    pub(super) text: &'a [u8],
    /// For an NDJSON line: its 1-based number.
    line: Option<usize>,
    index: std::cell::OnceCell<LineIndex>,
}

impl<'a> Place<'a> {
    /// Places in a whole file.
    pub(super) fn file(text: &'a [u8]) -> Self {
        Self {
            text,
            line: None,
            index: std::cell::OnceCell::new(),
        }
    }

    /// Places in line `number` of an NDJSON stream, whose text is `text`.
    pub(super) fn line(text: &'a [u8], number: usize) -> Self {
        Self {
            text,
            line: Some(number),
            index: std::cell::OnceCell::new(),
        }
    }

    /// 1-based line and column (0, 0 when unknown).
    pub(super) fn at(&self, offset: Option<usize>) -> (usize, usize) {
        let Some(offset) = offset else {
            return (self.line.unwrap_or(0), 0);
        };
        let offset = offset.min(self.text.len());
        // One index per text, built on the first finding: columns on a long line (a minified
        // body, an NDJSON record) cost a block, not the line, however many findings it has.
        let at = self
            .index
            .get_or_init(|| LineIndex::new(self.text))
            .line_column(self.text, offset);
        match self.line {
            // An NDJSON record is one line of its stream.
            Some(number) => (number, at.column),
            None => (at.line, at.column),
        }
    }

    /// A finding's place: line, column, and the span to frame (only for whole files, whose
    /// text is kept for the code frame).
    pub(super) fn finding(&self, span: Option<Span>) -> (usize, usize, Option<Span>) {
        let (line, column) = self.at(span.map(|s| s.start));
        (line, column, span.filter(|_| self.line.is_none()))
    }
}

/// Where the values a response's body findings point at sit in the file: found in one scan for
/// all their pointers and the pointers' ancestors, so that a finding about a missing member is
/// placed at the nearest value that exists.
pub(super) struct BodySpans {
    /// Sorted, without repeats.
    pointers: Vec<String>,
    /// The span of each of `pointers` (empty when nothing was looked for).
    spans: Vec<Option<Span>>,
}

impl BodySpans {
    /// Locates the pointers of the body findings among `diagnostics` (and of the values they
    /// relate to) in `file`, where the body's `text` sits at `origin`. Without a parsed body
    /// (`has_body` false) nothing is looked for.
    pub(super) fn locate(
        file: &[u8],
        text: &[u8],
        origin: Option<Origin>,
        has_body: bool,
        diagnostics: &[Diagnostic],
    ) -> Self {
        let mut pointers: Vec<String> = Vec::new();
        if has_body {
            for d in diagnostics.iter().filter(|d| d.target == Target::Body) {
                push_with_ancestors(&mut pointers, &d.pointer);
                for r in &d.related {
                    push_with_ancestors(&mut pointers, &r.pointer);
                }
            }
        }
        pointers.sort();
        pointers.dedup();
        let spans = match origin {
            Some(origin) if !pointers.is_empty() => {
                let refs: Vec<&str> = pointers.iter().map(String::as_str).collect();
                record::locate_in_body(file, text, origin, &refs)
            }
            _ => Vec::new(),
        };
        Self { pointers, spans }
    }

    /// The span of `pointer`'s value, else of its nearest located ancestor's.
    pub(super) fn span(&self, pointer: &str) -> Option<Span> {
        let mut current = pointer;
        loop {
            if let Ok(i) = self.pointers.binary_search_by(|p| p.as_str().cmp(current)) {
                if let Some(span) = self.spans.get(i).copied().flatten() {
                    return Some(span);
                }
            }
            current = &current[..current.rfind('/')?];
        }
    }
}

/// Pushes `pointer` and every ancestor of it, up to the root (`""`).
fn push_with_ancestors(out: &mut Vec<String>, pointer: &str) {
    let mut current = pointer;
    out.push(current.to_string());
    while let Some(i) = current.rfind('/') {
        current = &current[..i];
        out.push(current.to_string());
    }
}
