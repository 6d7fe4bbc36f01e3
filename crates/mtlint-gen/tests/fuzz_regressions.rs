//! Inputs the fuzz targets (`fuzz/`) found problems with, kept as ordinary tests.

use mtlint_capture::position::{locate_all, LineIndex};

/// Runs the `locate_all` fuzz target's logic: the first line holds pointers, the rest is text.
fn locate_all_target(data: &[u8]) {
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
        let _ = index.line_column(text, span.start);
    }
}

/// `locate_all` looped forever when an array held a `}` (found by `fuzz/locate_all` as a
/// timeout: a generated body whose `data` array was opened with `[` and then closed with `}`).
#[test]
fn a_brace_closing_an_array_does_not_hang_the_scanner() {
    locate_all_target(include_bytes!("fuzz/locate_all-timeout-2b3b111a"));
    // The same, minimal: every pointer gets an answer, and the scan ends.
    assert_eq!(locate_all(b"[}", &["", "/0"]), vec![None, None]);
    assert_eq!(
        locate_all(b"{\"a\": [ }", &["/a", "/a/0"]),
        vec![None, None]
    );
    // Well-formed input is unaffected.
    let spans = locate_all(b"[1, {\"b\": 2}]", &["", "/1/b"]);
    assert_eq!(spans[1].map(|s| (s.start, s.end)), Some((10, 11)));
}
