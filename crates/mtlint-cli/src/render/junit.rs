//! `--format junit`: JUnit XML, the format every CI test-report view reads.
//!
//! One test suite `mtlint`, one test case per response: per file for a file that holds one raw
//! body, per entry for a multi-response file (named `PATH (entry N)`). A case fails when it has
//! a finding at or above `--fail-on`; the `<failure>` lists all its findings. Findings below the
//! threshold go to the passing case's `<system-out>`. A response that was not checked is
//! `<skipped>` with its reason; one that could not be checked is an `<error>` (with any findings
//! it still had in `<system-out>`). An error about a multi-response file as a whole (and any
//! finding with no entry) is a case of its own named `PATH`; a capture with no response is a
//! skipped case `PATH`. A run that checked no response at all ends with an error case saying
//! why. No timestamps or durations are written, so the same input gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{location, plural, portable_path, Run};
use crate::report::{FileError, FileReport, Finding, SkipReason};

/// The class name every case carries (JUnit viewers group by it).
const CLASS_NAME: &str = "mtlint";

pub(super) fn render(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    let mut suite = TestSuite::new("mtlint");
    for report in run.reports {
        suite.add_test_cases(cases(report, run));
    }
    if let Some(reason) = run.summary().nothing_checked_reason() {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status
            .set_message(reason.clone())
            .set_type("operational error")
            .set_description(reason);
        suite.add_test_case(case("mtlint: no response checked".into(), status));
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

/// What became of one response (or of the file as a whole), as one case shows it.
#[derive(Default)]
struct Outcome<'r> {
    findings: Vec<&'r Finding>,
    skipped: Option<SkipReason>,
    errors: Vec<&'r FileError>,
}

/// The cases of one file: one per response, and one for the file as a whole when something
/// is about it alone.
fn cases(report: &FileReport, run: &Run<'_>) -> Vec<TestCase> {
    let path = portable_path(&report.path);
    // By entry: `None` (the file itself, or its one raw body) first, then entries in order.
    let mut outcomes: BTreeMap<Option<usize>, Outcome<'_>> = BTreeMap::new();
    match report.entries {
        Some(entries) => {
            for entry in 0..entries {
                outcomes.insert(Some(entry), Outcome::default());
            }
        }
        None => {
            outcomes.insert(None, Outcome::default());
        }
    }
    for finding in &report.diagnostics {
        outcomes
            .entry(finding.entry)
            .or_default()
            .findings
            .push(finding);
    }
    for skip in &report.accounting.skipped {
        outcomes.entry(skip.entry).or_default().skipped = Some(skip.reason);
    }
    for error in &report.accounting.errors {
        outcomes.entry(error.entry).or_default().errors.push(error);
    }
    if outcomes.is_empty() {
        let mut status = TestCaseStatus::skipped();
        status.set_message("the capture holds no response");
        return vec![case(path, status)];
    }
    outcomes
        .into_iter()
        .map(|(entry, outcome)| {
            let name = match entry {
                Some(entry) => format!("{path} (entry {entry})"),
                None => path.clone(),
            };
            outcome_case(name, &path, &outcome, run)
        })
        .collect()
}

/// The case of one response: an error, skipped, a failure, or passed.
fn outcome_case(name: String, path: &str, outcome: &Outcome<'_>, run: &Run<'_>) -> TestCase {
    let findings = &outcome.findings;
    if !outcome.errors.is_empty() {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        let first = outcome.errors[0];
        let description: Vec<String> = outcome
            .errors
            .iter()
            .map(|e| {
                let at = if e.line > 0 {
                    format!("{path}:{}:{}", e.line, e.column)
                } else {
                    path.to_string()
                };
                format!("{at}: {}", e.message)
            })
            .collect();
        status
            .set_message(format!("could not check: {}", first.message))
            .set_type("operational error")
            .set_description(description.join("\n"));
        let mut errored = case(name, status);
        if !findings.is_empty() {
            errored.set_system_out(describe(path, findings));
        }
        return errored;
    }
    if let Some(reason) = outcome.skipped {
        let mut status = TestCaseStatus::skipped();
        status.set_message(format!("not checked: {}", reason.describe_one()));
        return case(name, status);
    }
    match failure(path, findings, run) {
        Some(failure) => case(name, failure),
        None => {
            let mut passed = case(name, TestCaseStatus::success());
            if !findings.is_empty() {
                passed.set_system_out(describe(path, findings));
            }
            passed
        }
    }
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

    use mtlint_rules::Diagnostic;
    use mtlint_schema::Severity;

    use super::*;
    use crate::report::{Accounting, Skip, Verdict};

    fn finding(entry: Option<usize>, severity: Severity) -> Finding {
        Finding {
            entry,
            diagnostic: Diagnostic::body("some-rule", severity, "/x".into(), "wrong".into()),
            line: 4,
            column: 2,
            span: None,
            related_spans: Vec::new(),
            related_at: Vec::new(),
        }
    }

    fn render_xml(reports: &[FileReport]) -> String {
        let run = Run::for_tests(reports);
        let mut out = Vec::new();
        render(&mut out, &run).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The `<testcase>` elements, each on one line: name and what is inside it.
    fn case_lines(xml: &str) -> Vec<String> {
        xml.split("<testcase ")
            .skip(1)
            .map(|c| {
                let name = &c[c.find("name=\"").unwrap() + 6..];
                let name = &name[..name.find('"').unwrap()];
                let inner = ["<failure", "<error", "<skipped", "<system-out"]
                    .iter()
                    .filter(|tag| c.split("</testcase>").next().unwrap().contains(*tag))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("{name}: {inner}")
            })
            .collect()
    }

    #[test]
    fn an_unreadable_entry_does_not_hide_the_other_entries_or_their_findings() {
        let unreadable = FileError {
            entry: Some(1),
            message: "HAR entry 1: response.content is missing".into(),
            line: 9,
            column: 3,
        };
        let stream_broken = FileError {
            entry: None,
            message: "cannot read: broken pipe".into(),
            line: 0,
            column: 0,
        };
        let mut accounting = Accounting::checked(2);
        accounting.responses.errors = 1;
        accounting.responses.skip(SkipReason::OtherOperation);
        accounting.skipped.push(Skip {
            entry: Some(3),
            reason: SkipReason::OtherOperation,
        });
        accounting.errors = vec![unreadable.clone(), stream_broken];
        let reports = [FileReport {
            path: "rec.har".into(),
            path_bytes: None,
            verdict: Verdict::Error,
            diagnostics: vec![
                finding(Some(0), Severity::Error),
                finding(Some(2), Severity::Warning),
            ],
            entries: Some(4),
            accounting,
            error: Some(unreadable),
            source: None,
        }];
        let xml = render_xml(&reports);
        assert_eq!(
            case_lines(&xml),
            [
                "rec.har: <error",
                "rec.har (entry 0): <failure",
                "rec.har (entry 1): <error",
                "rec.har (entry 2): <system-out",
                "rec.har (entry 3): <skipped",
            ],
            "{xml}"
        );
        assert!(
            xml.contains(r#"tests="5" skipped="1" failures="1" errors="2""#),
            "{xml}"
        );
        assert!(xml.contains("not checked: other operation"), "{xml}");
        assert!(xml.contains("rec.har:9:3: HAR entry 1"), "{xml}");
    }

    #[test]
    fn a_run_that_checked_nothing_says_so_in_a_case_of_its_own() {
        let mut accounting = Accounting::default();
        accounting.responses.skip(SkipReason::OtherOperation);
        accounting.skipped.push(Skip {
            entry: Some(0),
            reason: SkipReason::OtherOperation,
        });
        let empty = FileReport {
            path: "empty.har".into(),
            path_bytes: None,
            verdict: Verdict::Skipped,
            diagnostics: Vec::new(),
            entries: Some(0),
            accounting: Accounting::default(),
            error: None,
            source: None,
        };
        let other = FileReport {
            path: "other.har".into(),
            path_bytes: None,
            entries: Some(1),
            accounting,
            ..empty.clone()
        };
        let xml = render_xml(&[empty, other]);
        assert_eq!(
            case_lines(&xml),
            [
                "empty.har: <skipped",
                "other.har (entry 0): <skipped",
                "mtlint: no response checked: <error",
            ],
            "{xml}"
        );
        assert!(
            xml.contains("no response was checked: 1 response skipped (other operations)"),
            "{xml}"
        );
    }

    #[test]
    fn a_multi_response_file_has_one_case_per_entry() {
        let reports = [FileReport {
            path: "./rec.ndjson".into(),
            path_bytes: None,
            verdict: Verdict::Fail,
            diagnostics: vec![
                finding(None, Severity::Warning),
                finding(Some(1), Severity::Error),
            ],
            entries: Some(3),
            accounting: Accounting::checked(3),
            error: None,
            source: None,
        }];
        let run = Run::for_tests(&reports);
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
