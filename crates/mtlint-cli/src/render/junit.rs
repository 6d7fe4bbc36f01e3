//! `--format junit`: JUnit XML, the format every CI test-report view reads.
//!
//! One test suite `mtlint`, one test case per response: per file for a file that holds one raw
//! body, per entry for a multi-response file (named `PATH (entry N)`; findings about the file
//! as a whole, with no entry, make a case named `PATH`). A case fails when it has a finding at
//! or above `--fail-on`; the `<failure>` lists all its findings. Findings below the threshold
//! go to the passing case's `<system-out>`. A file that could not be checked is an `<error>`.
//! No timestamps or durations are written, so the same input gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{location, plural, portable_path, Run};
use crate::report::{FileReport, Finding};

/// The class name every case carries (JUnit viewers group by it).
const CLASS_NAME: &str = "mtlint";

pub(super) fn render(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    let mut suite = TestSuite::new("mtlint");
    for report in run.reports {
        suite.add_test_cases(cases(report, run));
    }
    let mut junit = Report::new("mtlint");
    junit.add_test_suite(suite);
    // Serialized in memory first: quick-junit's error hides the io::Error inside, and a closed
    // pipe must stay recognisable as one.
    let xml = junit
        .to_string()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(xml.as_bytes())
}

/// The cases of one file: one, or one per entry.
fn cases(report: &FileReport, run: &Run<'_>) -> Vec<TestCase> {
    let path = portable_path(&report.path);
    if let Some(error) = &report.error {
        let at = if error.line > 0 {
            format!("{path}:{}:{}", error.line, error.column)
        } else {
            path.clone()
        };
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status
            .set_message(format!("could not check: {}", error.message))
            .set_type("operational error")
            .set_description(format!("{at}: {}", error.message));
        return vec![case(path, status)];
    }
    // Group by entry: `None` (the file itself, or a raw body) first, then entries in order.
    let mut groups: BTreeMap<Option<usize>, Vec<&Finding>> = BTreeMap::new();
    if let Some(entries) = report.entries {
        for entry in 0..entries {
            groups.insert(Some(entry), Vec::new());
        }
    } else {
        groups.insert(None, Vec::new());
    }
    for finding in &report.diagnostics {
        groups.entry(finding.entry).or_default().push(finding);
    }
    groups
        .into_iter()
        .map(|(entry, findings)| {
            let name = match entry {
                Some(entry) => format!("{path} (entry {entry})"),
                None => path.clone(),
            };
            match failure(&path, &findings, run) {
                Some(failure) => case(name, failure),
                None => {
                    let mut passed = case(name, TestCaseStatus::success());
                    if !findings.is_empty() {
                        passed.set_system_out(describe(&path, &findings));
                    }
                    passed
                }
            }
        })
        .collect()
}

fn case(name: String, status: TestCaseStatus) -> TestCase {
    let mut case = TestCase::new(name, status);
    case.set_classname(CLASS_NAME);
    case
}

/// A failure when a finding reaches `--fail-on`, listing all the case's findings.
fn failure(path: &str, findings: &[&Finding], run: &Run<'_>) -> Option<TestCaseStatus> {
    let failing: Vec<&&Finding> = findings
        .iter()
        .filter(|f| f.diagnostic.severity >= run.fail_on)
        .collect();
    if failing.is_empty() {
        return None;
    }
    let mut rules: Vec<&str> = failing.iter().map(|f| f.diagnostic.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    let worst = failing
        .iter()
        .map(|f| f.diagnostic.severity)
        .max()
        .unwrap_or(run.fail_on);
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    status
        .set_message(format!(
            "{}: {}",
            plural(findings.len(), "finding", "findings"),
            rules.join(", ")
        ))
        .set_type(worst.as_str())
        .set_description(describe(path, findings));
    Some(status)
}

/// One block per finding: where, what, why, and what to do.
fn describe(path: &str, findings: &[&Finding]) -> String {
    let mut text = String::new();
    for finding in findings {
        let d = &finding.diagnostic;
        let _ = writeln!(
            text,
            "{}: {} {}: {}",
            location(path, finding),
            d.severity,
            d.rule,
            d.message
        );
        if !d.pointer.is_empty() {
            let _ = writeln!(text, "  at {}", d.pointer);
        }
        if let Some(help) = &d.help {
            let _ = writeln!(text, "  help: {help}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use mtlint_rules::Diagnostic;
    use mtlint_schema::Severity;

    use super::*;
    use crate::report::Verdict;

    fn finding(entry: Option<usize>, severity: Severity) -> Finding {
        Finding {
            entry,
            diagnostic: Diagnostic::body("some-rule", severity, "/x".into(), "wrong".into()),
            line: 4,
            column: 2,
            span: None,
            related_spans: Vec::new(),
        }
    }

    #[test]
    fn a_multi_response_file_has_one_case_per_entry() {
        let reports = [FileReport {
            path: "./rec.ndjson".into(),
            verdict: Verdict::Fail,
            diagnostics: vec![
                finding(None, Severity::Warning),
                finding(Some(1), Severity::Error),
            ],
            entries: Some(3),
            skipped: 0,
            error: None,
            source: None,
        }];
        let run = Run {
            reports: &reports,
            fail_on: Severity::Error,
            baselined: None,
            cwd: Path::new("."),
        };
        let mut out = Vec::new();
        render(&mut out, &run).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let names: Vec<&str> = xml
            .lines()
            .filter_map(|l| l.trim().strip_prefix("<testcase name=\""))
            .map(|l| &l[..l.find('"').unwrap()])
            .collect();
        assert_eq!(
            names,
            [
                "rec.ndjson",
                "rec.ndjson (entry 0)",
                "rec.ndjson (entry 1)",
                "rec.ndjson (entry 2)"
            ]
        );
        assert!(
            xml.contains(r#"tests="4" skipped="0" failures="1" errors="0""#),
            "{xml}"
        );
        assert!(
            xml.contains("rec.ndjson:4:2 (entry 1): error some-rule: wrong"),
            "{xml}"
        );
        assert!(
            xml.contains("<system-out>rec.ndjson:4:2: warning some-rule: wrong"),
            "{xml}"
        );
    }
}
