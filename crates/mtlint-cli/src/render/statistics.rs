//! `--statistics`: one line per rule with its count and its first occurrence, so that 5,000
//! copies of one violation read as one line.

use std::collections::HashMap;
use std::io::{self, Write};

use mtlint_schema::Severity;
use serde::Serialize;

use super::json::{write_pretty, REPORT_VERSION};
use super::{human::write_error, summary_line, Run};
use crate::report::{position, FileError, Summary};

/// How often one rule fired, and where first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// The rule's name.
    pub rule: String,
    /// Its severity in this run.
    pub severity: Severity,
    /// How many findings it raised.
    pub count: usize,
    /// The first of them, in report order (by path, then position).
    pub example: Example,
}

/// The first occurrence of a rule's findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The file.
    pub path: String,
    /// The response within a multi-response file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<usize>,
    /// 1-based line (0 when it has no place, `null` in JSON).
    #[serde(serialize_with = "position")]
    pub line: usize,
    /// 1-based column, in characters.
    #[serde(serialize_with = "position")]
    pub column: usize,
    /// RFC 6901 pointer of the offending value.
    pub pointer: String,
    /// The finding's message.
    pub message: String,
}

/// Counts per rule (and severity), sorted by count, most first, then by rule.
#[must_use]
pub fn statistics(run: &Run<'_>) -> Vec<RuleCount> {
    let mut index: HashMap<(&str, Severity), usize> = HashMap::new();
    let mut counts: Vec<RuleCount> = Vec::new();
    for report in run.reports {
        for finding in &report.diagnostics {
            let d = &finding.diagnostic;
            match index.get(&(d.rule.as_str(), d.severity)) {
                Some(&i) => counts[i].count += 1,
                None => {
                    index.insert((d.rule.as_str(), d.severity), counts.len());
                    counts.push(RuleCount {
                        rule: d.rule.clone(),
                        severity: d.severity,
                        count: 1,
                        example: Example {
                            path: report.path.clone(),
                            entry: finding.entry,
                            line: finding.line,
                            column: finding.column,
                            pointer: d.pointer.clone(),
                            message: d.message.clone(),
                        },
                    });
                }
            }
        }
    }
    counts.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| b.severity.cmp(&a.severity))
    });
    counts
}

/// Operational errors to `errors` (they need fixing before anything else), then an aligned
/// table, then the summary line (none when `quiet`).
pub(super) fn human(
    out: &mut dyn Write,
    errors: &mut dyn Write,
    run: &Run<'_>,
    quiet: bool,
) -> io::Result<()> {
    for report in run.reports {
        write_error(errors, report)?;
    }
    let counts = statistics(run);
    if !counts.is_empty() {
        let count_width = counts[0].count.to_string().len().max("COUNT".len());
        let rule_width = counts
            .iter()
            .map(|c| c.rule.len())
            .max()
            .unwrap_or(0)
            .max("RULE".len());
        writeln!(
            out,
            "{:>count_width$}  {:rule_width$}  {:8}  FIRST OCCURRENCE",
            "COUNT", "RULE", "SEVERITY"
        )?;
        for c in &counts {
            let e = &c.example;
            let mut at = e.path.clone();
            if e.line > 0 {
                at.push_str(&format!(":{}:{}", e.line, e.column));
            }
            if let Some(entry) = e.entry {
                at.push_str(&format!(" (entry {entry})"));
            }
            writeln!(
                out,
                "{:>count_width$}  {:rule_width$}  {:8}  {at}: {}",
                c.count,
                c.rule,
                c.severity.as_str(),
                first_line(&e.message)
            )?;
        }
    }
    if quiet {
        return Ok(());
    }
    writeln!(out, "{}", summary_line(&run.summary()))
}

/// A message's first line: the table keeps one line per rule.
fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or("")
}

#[derive(Serialize)]
struct JsonStatistics<'a> {
    version: u32,
    mtlint: &'static str,
    summary: Summary,
    statistics: Vec<RuleCount>,
    errors: Vec<JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    #[serde(flatten)]
    error: &'a FileError,
}

/// `{"version": 1, "mtlint": "0.1.0", "summary": {...}, "statistics": [...], "errors": [...]}`.
pub(super) fn json(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    let document = JsonStatistics {
        version: REPORT_VERSION,
        mtlint: env!("CARGO_PKG_VERSION"),
        summary: run.summary(),
        statistics: statistics(run),
        errors: run
            .reports
            .iter()
            .filter_map(|r| {
                r.error.as_ref().map(|error| JsonError {
                    path: &r.path,
                    error,
                })
            })
            .collect(),
    };
    write_pretty(out, &document)
}

#[cfg(test)]
mod tests {

    use mtlint_rules::Diagnostic;

    use super::*;
    use crate::report::{Accounting, FileReport, Finding, Verdict};

    fn finding(rule: &str, line: usize) -> Finding {
        Finding {
            entry: None,
            diagnostic: Diagnostic::body(
                rule,
                Severity::Error,
                format!("/p{line}"),
                format!("{rule} at {line}"),
            ),
            line,
            column: 3,
            span: None,
            related_spans: Vec::new(),
            related_at: Vec::new(),
        }
    }

    fn report(path: &str, findings: Vec<Finding>) -> FileReport {
        FileReport {
            path: path.into(),
            path_bytes: None,
            verdict: Verdict::Fail,
            diagnostics: findings,
            entries: None,
            accounting: Accounting::checked(1),
            error: None,
            source: None,
        }
    }

    #[test]
    fn counts_are_sorted_by_count_then_rule_and_keep_the_first_occurrence() {
        let reports = vec![
            report(
                "a.json",
                vec![finding("schema/type", 1), finding("b-rule", 2)],
            ),
            report(
                "b.json",
                vec![
                    finding("b-rule", 5),
                    finding("a-rule", 6),
                    finding("b-rule", 7),
                ],
            ),
            report("c.json", vec![finding("schema/type", 9)]),
        ];
        let run = Run::for_tests(&reports);
        let counts = statistics(&run);
        let got: Vec<(&str, usize, &str, usize)> = counts
            .iter()
            .map(|c| {
                (
                    c.rule.as_str(),
                    c.count,
                    c.example.path.as_str(),
                    c.example.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("b-rule", 3, "a.json", 2),
                ("schema/type", 2, "a.json", 1),
                ("a-rule", 1, "b.json", 6),
            ]
        );
    }

    #[test]
    fn five_thousand_copies_read_as_one_line() {
        let findings: Vec<Finding> = (1..=5000).map(|i| finding("schema/enum", i)).collect();
        let reports = vec![report("big.json", findings)];
        let run = Run::for_tests(&reports);
        let mut out = Vec::new();
        human(&mut out, &mut io::sink(), &run, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "COUNT  RULE         SEVERITY  FIRST OCCURRENCE\n \
             5000  schema/enum  error     big.json:1:3: schema/enum at 1\n\
             1 file: 1 failed; 5000 findings; 1 response checked.\n"
        );
    }
}
