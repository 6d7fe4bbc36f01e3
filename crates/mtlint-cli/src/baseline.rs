//! Baselines: adopt mtlint on a pile of recordings that already break the contract, and fail
//! only on what is new.
//!
//! `mtlint check --write-baseline FILE` records the current findings; `mtlint check --baseline
//! FILE` then hides the findings the file holds, and only the others are shown and can fail the
//! run.
//!
//! A finding is known by its **identity**: rule, path, entry, target, header and pointer. Not
//! its line and column (reformatting a file, or adding members above a value, must not turn old
//! findings into new ones), and not its message (messages quote the offending value and are
//! worded for people; a new wording in a later mtlint must not break every baseline). The cost:
//! a different wrong value for the same rule at the same place stays hidden, which is the same
//! known problem. Each entry records how many findings share the identity and matches at most
//! that many, so a second copy of a known problem in the same place is new.
//!
//! Paths are stored relative to the baseline file's folder, with forward slashes, so the same
//! baseline works from any working folder and on any platform. Rule names are compared after
//! resolving former names, so renaming a rule does not break a baseline.
//!
//! The file (version 1), sorted by path, entry, rule, target, header, pointer, and written the
//! same way every time so that it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {
//!       "path": "corpus/200/invalid-phase.json",
//!       "rule": "schema/enum",
//!       "target": "body",
//!       "pointer": "/data/0/status/phase",
//!       "count": 1,
//!       "message": "data[0].status.phase is \"RUNNIN\"; ..."
//!     }
//!   ]
//! }
//! ```
//!
//! `entry` (a response inside a multi-response file) and `header` (for header findings) appear
//! when set. `message` is the first matching finding's message, for the people who read the
//! file; it is not compared.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use mtlint_rules::{registry, Target};
use serde::{Deserialize, Serialize};

use crate::render::portable_path;
use crate::report::{FileReport, Finding};

/// The format version this mtlint reads and writes.
pub const VERSION: u32 = 1;

/// A baseline file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// The recorded findings, sorted.
    pub findings: Vec<Entry>,
}

/// One identity and how many findings have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The file, relative to the baseline's folder, with forward slashes.
    pub path: String,
    /// The response within a multi-response file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<usize>,
    /// The rule's name.
    pub rule: String,
    /// What part of the response.
    #[serde(default = "body")]
    pub target: Target,
    /// The header, for header findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// RFC 6901 pointer of the offending value.
    pub pointer: String,
    /// How many findings have this identity.
    pub count: usize,
    /// The first one's message (for people; not compared).
    #[serde(default)]
    pub message: String,
}

fn body() -> Target {
    Target::Body
}

/// What a baseline compares.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Identity {
    path: String,
    entry: Option<usize>,
    rule: String,
    target: Target,
    header: Option<String>,
    pointer: String,
}

/// Why a baseline could not be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BaselineError {
    /// The text is not JSON.
    #[error("not a JSON baseline: {0}")]
    NotJson(#[source] serde_json::Error),
    /// Another format version (or none).
    #[error("baseline version {}: this mtlint reads version {VERSION}; write a new one with --write-baseline", .0.map_or_else(|| "missing".to_string(), |v| v.to_string()))]
    Version(Option<u64>),
    /// JSON of the right version but not the right shape.
    #[error("bad baseline: {0}")]
    Shape(#[source] serde_json::Error),
}

/// Paths of findings as a baseline records them: relative to the baseline's folder.
#[derive(Debug, Clone)]
pub struct PathBase {
    cwd: PathBuf,
    folder: PathBuf,
}

impl PathBase {
    /// For a baseline file at `baseline` (relative to `cwd` unless absolute).
    #[must_use]
    pub fn new(cwd: &Path, baseline: &Path) -> Self {
        let file = lexical_absolute(cwd, baseline);
        let folder = file
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
        Self {
            cwd: cwd.to_path_buf(),
            folder,
        }
    }

    /// A report's path as recorded in the baseline.
    #[must_use]
    pub fn relative(&self, path: &str) -> String {
        let absolute = lexical_absolute(&self.cwd, Path::new(path));
        match relative_to(&absolute, &self.folder) {
            Some(relative) => portable_path(&relative.to_string_lossy()),
            None => portable_path(&absolute.to_string_lossy()),
        }
    }
}

/// `base/path` with `.` and `..` steps resolved by text (no file system access: the file may be
/// gone, and symlinks should not change what a path is called).
fn lexical_absolute(base: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `folder`, with `..` steps when it lies beside it; `None` when they share
/// no root (another drive).
fn relative_to(path: &Path, folder: &Path) -> Option<PathBuf> {
    let path_parts: Vec<_> = path.components().collect();
    let folder_parts: Vec<_> = folder.components().collect();
    let common = path_parts
        .iter()
        .zip(&folder_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..folder_parts.len() {
        out.push("..");
    }
    for part in &path_parts[common..] {
        out.push(part);
    }
    Some(out)
}

fn identity(base: &PathBase, path: &str, finding: &Finding) -> Identity {
    let d = &finding.diagnostic;
    Identity {
        path: base.relative(path),
        entry: finding.entry,
        rule: canonical(&d.rule),
        target: d.target,
        header: d.header.clone(),
        pointer: d.pointer.clone(),
    }
}

fn canonical(rule: &str) -> String {
    registry::canonical(rule).unwrap_or(rule).to_string()
}

impl Baseline {
    /// The baseline of a run's findings.
    #[must_use]
    pub fn of(reports: &[FileReport], base: &PathBase) -> Self {
        let mut grouped: BTreeMap<Identity, (usize, String)> = BTreeMap::new();
        for report in reports {
            for finding in &report.diagnostics {
                grouped
                    .entry(identity(base, &report.path, finding))
                    .or_insert_with(|| (0, finding.diagnostic.message.clone()))
                    .0 += 1;
            }
        }
        Self {
            version: VERSION,
            findings: grouped
                .into_iter()
                .map(|(id, (count, message))| Entry {
                    path: id.path,
                    entry: id.entry,
                    rule: id.rule,
                    target: id.target,
                    header: id.header,
                    pointer: id.pointer,
                    count,
                    message,
                })
                .collect(),
        }
    }

    /// Reads a baseline file's text.
    ///
    /// # Errors
    /// Not JSON, not this shape, or another version.
    pub fn parse(text: &str) -> Result<Self, BaselineError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(BaselineError::NotJson)?;
        let version = value.get("version").and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(VERSION)) {
            return Err(BaselineError::Version(version));
        }
        serde_json::from_value(value).map_err(BaselineError::Shape)
    }

    /// The file's text: pretty JSON and a final newline.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Removes from the reports the findings this baseline holds (each entry at most `count`
    /// times, earliest findings first), judges the files again with `fail_on`, and returns how
    /// many findings it removed.
    pub fn apply(
        &self,
        reports: &mut [FileReport],
        base: &PathBase,
        fail_on: mtlint_schema::Severity,
    ) -> usize {
        let mut remaining: HashMap<Identity, usize> = HashMap::new();
        for e in &self.findings {
            let id = Identity {
                path: e.path.clone(),
                entry: e.entry,
                rule: canonical(&e.rule),
                target: e.target,
                header: e.header.clone(),
                pointer: e.pointer.clone(),
            };
            *remaining.entry(id).or_insert(0) += e.count;
        }
        let mut removed = 0;
        for report in reports.iter_mut() {
            if report.diagnostics.is_empty() {
                continue;
            }
            let before = report.diagnostics.len();
            let path = report.path.clone();
            report.diagnostics.retain(|finding| {
                match remaining.get_mut(&identity(base, &path, finding)) {
                    Some(left) if *left > 0 => {
                        *left -= 1;
                        false
                    }
                    _ => true,
                }
            });
            removed += before - report.diagnostics.len();
            report.judge(fail_on);
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use mtlint_rules::Diagnostic;
    use mtlint_schema::Severity;

    use super::*;
    use crate::report::Verdict;

    fn finding(rule: &str, pointer: &str, line: usize) -> Finding {
        Finding {
            entry: None,
            diagnostic: Diagnostic::body(
                rule,
                Severity::Error,
                pointer.into(),
                format!("{rule} at line {line}"),
            ),
            line,
            column: 1,
            span: None,
            related_spans: Vec::new(),
            related_at: Vec::new(),
        }
    }

    fn report(path: &str, findings: Vec<Finding>) -> FileReport {
        let mut report = FileReport {
            path: path.into(),
            path_bytes: None,
            verdict: Verdict::Pass,
            diagnostics: findings,
            entries: None,
            accounting: crate::report::Accounting::checked(1),
            error: None,
            source: None,
        };
        report.judge(Severity::Error);
        report
    }

    fn base() -> PathBase {
        PathBase::new(Path::new("/repo"), Path::new("mtlint-baseline.json"))
    }

    #[test]
    fn a_baseline_hides_known_findings_even_after_they_move_lines() {
        let before = vec![report(
            "./corpus/a.json",
            vec![finding("schema/enum", "/phase", 3)],
        )];
        let baseline = Baseline::of(&before, &base());
        let mut after = vec![report(
            "corpus/a.json",
            vec![
                finding("schema/enum", "/phase", 40),
                finding("schema/type", "/x", 41),
            ],
        )];
        let removed = baseline.apply(&mut after, &base(), Severity::Error);
        assert_eq!(removed, 1);
        assert_eq!(after[0].diagnostics.len(), 1);
        assert_eq!(after[0].diagnostics[0].diagnostic.rule, "schema/type");
        assert_eq!(after[0].verdict, Verdict::Fail);
    }

    #[test]
    fn an_entry_matches_at_most_as_many_findings_as_it_recorded() {
        let one = vec![report("a.json", vec![finding("schema/enum", "/p", 1)])];
        let baseline = Baseline::of(&one, &base());
        let mut two = vec![report(
            "a.json",
            vec![
                finding("schema/enum", "/p", 1),
                finding("schema/enum", "/p", 2),
            ],
        )];
        assert_eq!(baseline.apply(&mut two, &base(), Severity::Error), 1);
        assert_eq!(two[0].diagnostics.len(), 1);
        assert_eq!(
            two[0].diagnostics[0].line, 2,
            "the later copy is the new one"
        );
    }

    #[test]
    fn a_file_whose_every_finding_is_known_passes() {
        let reports = vec![report("a.json", vec![finding("schema/enum", "/p", 1)])];
        let baseline = Baseline::of(&reports, &base());
        let mut again = reports.clone();
        assert_eq!(baseline.apply(&mut again, &base(), Severity::Error), 1);
        assert_eq!(again[0].verdict, Verdict::Pass);
    }

    #[test]
    fn the_file_is_sorted_versioned_and_reads_back() {
        let reports = vec![
            report("b.json", vec![finding("schema/type", "/z", 9)]),
            report(
                "a.json",
                vec![
                    finding("schema/type", "/b", 5),
                    finding("schema/enum", "/a", 7),
                ],
            ),
        ];
        let baseline = Baseline::of(&reports, &base());
        let order: Vec<(&str, &str, &str)> = baseline
            .findings
            .iter()
            .map(|e| (e.path.as_str(), e.rule.as_str(), e.pointer.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                ("a.json", "schema/enum", "/a"),
                ("a.json", "schema/type", "/b"),
                ("b.json", "schema/type", "/z"),
            ]
        );
        let text = baseline.to_text();
        assert!(text.starts_with("{\n  \"version\": 1,\n  \"findings\": ["));
        assert_eq!(Baseline::parse(&text).unwrap(), baseline);
    }

    #[test]
    fn other_versions_and_other_json_are_refused() {
        let error = Baseline::parse(r#"{"version": 2, "findings": []}"#).unwrap_err();
        assert!(error.to_string().contains("baseline version 2"), "{error}");
        let error = Baseline::parse("[]").unwrap_err();
        assert!(error.to_string().contains("version missing"), "{error}");
        let error = Baseline::parse("{").unwrap_err();
        assert!(
            error.to_string().starts_with("not a JSON baseline"),
            "{error}"
        );
    }

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let base = PathBase::new(Path::new("/repo/sub"), Path::new("../ci/baseline.json"));
        assert_eq!(base.relative("../corpus/a.json"), "../corpus/a.json");
        assert_eq!(base.relative("/repo/ci/x/a.json"), "x/a.json");
        assert_eq!(base.relative("./b.json"), "../sub/b.json");
    }
}
