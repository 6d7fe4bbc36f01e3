//! The position scanner on any text: the first line holds pointers separated by spaces; the
//! rest is the text. Spans must lie inside the text, and line:column lookups must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint_capture::position::{locate_all, locate_or_parent, LineIndex};

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let (head, text) = data.split_at(split);
    let head = String::from_utf8_lossy(head);
    let mut pointers: Vec<&str> = head.split(' ').collect();
    pointers.push("");
    pointers.push("/data/0/spec/columns/0/type");
    let spans = locate_all(text, &pointers);
    assert_eq!(spans.len(), pointers.len());
    let index = LineIndex::new(text);
    for span in spans.into_iter().flatten() {
        assert!(span.start <= span.end && span.end <= text.len());
        let at = index.line_column(text, span.start);
        assert!(at.line >= 1 && at.column >= 1);
    }
    let _ = locate_or_parent(text, pointers[0]);
});
