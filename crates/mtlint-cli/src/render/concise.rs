//! `--format concise`: one line per finding, for grep, editors and quick reading, then the
//! summary line.
//!
//! ```text
//! corpus/200/a.json:31:20: error schema/enum: data[0].status.phase is "RUNNIN"; expected one of ...
//! corpus/404/b.json: warning missing-header: ...            (a finding with no place in the text)
//! corpus/bad.json:3:1: error could-not-check: EOF while parsing a list
//! ```
//!
//! `path:line:column: severity rule: message`, with the path as given and line and column as in
//! every other format (1-based, columns in characters). A finding in a multi-response file
//! (NDJSON, HAR, cassette) points into that file, so line and column name the entry; a finding
//! there with no place in the text ends with ` (entry N)`. A file or entry that could not be
//! checked reads `error could-not-check:` (no rule has that name). Line breaks in a message
//! become spaces: one finding, one line.

use std::io::{self, Write};

use super::{summary_line, visible, Run};

pub(super) fn render(out: &mut dyn Write, run: &Run<'_>, quiet: bool) -> io::Result<()> {
    for report in run.reports {
        for error in &report.accounting.errors {
            let mut message = one_line(&error.message);
            if let (0, Some(entry)) = (error.line, error.entry) {
                message.push_str(&format!(" (entry {entry})"));
            }
            writeln!(
                out,
                "{}: error could-not-check: {message}",
                place(&report.path, error.line, error.column),
            )?;
        }
        for finding in &report.diagnostics {
            let d = &finding.diagnostic;
            let mut message = one_line(&d.message);
            if let (0, Some(entry)) = (finding.line, finding.entry) {
                message.push_str(&format!(" (entry {entry})"));
            }
            writeln!(
                out,
                "{}: {} {}: {message}",
                place(&report.path, finding.line, finding.column),
                d.severity.as_str(),
                d.rule
            )?;
        }
    }
    if quiet {
        return Ok(());
    }
    writeln!(out, "{}", summary_line(&run.summary()))
}

/// `path:line:column`, or `path` alone when there is no line. A column of 0 (a parser's place
/// at the very end of a file) reads 1, as editors count.
fn place(path: &str, line: usize, column: usize) -> String {
    let path = visible(path);
    if line > 0 {
        format!("{path}:{line}:{}", column.max(1))
    } else {
        path.into_owned()
    }
}

/// A message on one line, safe for a terminal (see [`visible`]).
fn one_line(text: &str) -> String {
    visible(&text.replace("\r\n", " ").replace(['\n', '\r'], " ")).into_owned()
}

#[cfg(test)]
mod tests {

    use mtlint_rules::Diagnostic;
    use mtlint_schema::Severity;

    use super::*;
    use crate::report::{Accounting, FileReport, Finding, Verdict};

    fn finding(rule: &str, severity: Severity, line: usize, entry: Option<usize>) -> Finding {
        Finding {
            entry,
            diagnostic: Diagnostic::body(rule, severity, "/phase".into(), "bad\nphase".into()),
            line,
            column: 7,
            span: None,
            related_spans: Vec::new(),
            related_at: Vec::new(),
        }
    }

    #[test]
    fn one_line_per_finding_and_per_file_that_could_not_be_checked() {
        let reports = [
            FileReport {
                path: "dir/a.ndjson".into(),
                path_bytes: None,
                verdict: Verdict::Fail,
                diagnostics: vec![
                    finding("schema/enum", Severity::Error, 2, Some(1)),
                    finding("missing-header", Severity::Warning, 0, Some(3)),
                    finding("undocumented-member", Severity::Info, 0, None),
                ],
                entries: Some(4),
                accounting: Accounting::checked(4),
                error: None,
                source: None,
            },
            FileReport::error("b.json".into(), "EOF while parsing".into(), 3, 0),
        ];
        let run = Run::for_tests(&reports);
        let mut out = Vec::new();
        render(&mut out, &run, false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "dir/a.ndjson:2:7: error schema/enum: bad phase\n\
             dir/a.ndjson: warning missing-header: bad phase (entry 3)\n\
             dir/a.ndjson: info undocumented-member: bad phase\n\
             b.json:3:1: error could-not-check: EOF while parsing\n\
             2 files: 1 failed, 1 could not be checked; 3 findings; 4 responses checked.\n"
        );
    }
}
