//! The outcome of a run as data: one [`FileReport`] per input file, sorted, ready to render.
//!
//! Every file, every entry of a capture and every response ends one way: checked, skipped
//! (with a [`SkipReason`]) or could not be checked (an error). [`Accounting`] holds a file's
//! tally and [`Summary`] the run's, so every format reports the same counts.

use std::sync::Arc;

use mtlint_capture::position::Span;
use mtlint_rules::Diagnostic;
use mtlint_schema::Severity;
use serde::{Serialize, Serializer};

/// A 1-based line or column, `null` in JSON when there is no place (held as 0).
#[allow(clippy::trivially_copy_pass_by_ref)]
pub(crate) fn position<S: Serializer>(n: &usize, serializer: S) -> Result<S::Ok, S::Error> {
    if *n == 0 {
        serializer.serialize_none()
    } else {
        serializer.serialize_some(n)
    }
}

/// A finding placed in the user's file.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index of the response within its file (NDJSON line, HAR entry, cassette interaction);
    /// `None` for a file that holds one raw body.
    pub entry: Option<usize>,
    /// The finding itself.
    pub diagnostic: Diagnostic,
    /// 1-based line of the offending value in the file given (0 when it has no place).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The bytes of the offending value in the file.
    pub span: Option<Span>,
    /// Spans of the related locations, same order as `diagnostic.related`.
    pub related_spans: Vec<Option<Span>>,
    /// Line and column of the related locations (0 when unknown), same order.
    pub related_at: Vec<(usize, usize)>,
}

/// A finding as the JSON report writes it: the diagnostic's fields, its entry, its place, and
/// each related place with its own line and column.
#[derive(Serialize)]
struct FindingJson<'a> {
    entry: Option<usize>,
    rule: &'a str,
    severity: Severity,
    target: mtlint_rules::Target,
    #[serde(skip_serializing_if = "Option::is_none")]
    header: Option<&'a str>,
    pointer: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    related: Vec<RelatedJson<'a>>,
    #[serde(serialize_with = "position")]
    line: usize,
    #[serde(serialize_with = "position")]
    column: usize,
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    pointer: &'a str,
    message: &'a str,
    #[serde(serialize_with = "position")]
    line: usize,
    #[serde(serialize_with = "position")]
    column: usize,
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = &self.diagnostic;
        FindingJson {
            entry: self.entry,
            rule: &d.rule,
            severity: d.severity,
            target: d.target,
            header: d.header.as_deref(),
            pointer: &d.pointer,
            message: &d.message,
            help: d.help.as_deref(),
            related: d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let (line, column) = self.related_at.get(i).copied().unwrap_or((0, 0));
                    RelatedJson {
                        pointer: &r.pointer,
                        message: &r.message,
                        line,
                        column,
                    }
                })
                .collect(),
            line: self.line,
            column: self.column,
        }
        .serialize(serializer)
    }
}

/// Why a file, or one response of it, could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// The response it is about, in a file of many; `None` for the file as a whole (or a file
    /// of one response).
    pub entry: Option<usize>,
    /// What went wrong.
    pub message: String,
    /// Where, when known (1-based; 0 otherwise, `null` in JSON).
    #[serde(serialize_with = "position")]
    pub line: usize,
    /// Where, when known (1-based; 0 otherwise, `null` in JSON).
    #[serde(serialize_with = "position")]
    pub column: usize,
}

/// A file's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No finding at or above the failing severity.
    Pass,
    /// At least one finding at or above the failing severity.
    Fail,
    /// Nothing in the file was checked, and nothing failed to be: every response in it was
    /// skipped, or it holds none (an empty HAR or cassette).
    Skipped,
    /// The file, or a response in it, could not be checked.
    Error,
}

/// Why a response that was read was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// It answers another operation (another path or method), recorded alongside.
    OtherOperation,
    /// The entry records no response (a browser's blocked or aborted request, status 0).
    NotAResponse,
    /// Configuration ignores every finding in this file (an `ignore:` entry with its path and
    /// neither rules nor pointer).
    Filtered,
}

impl SkipReason {
    /// Every reason, in the order reports list them.
    pub const ALL: [SkipReason; 3] = [
        SkipReason::OtherOperation,
        SkipReason::NotAResponse,
        SkipReason::Filtered,
    ];

    /// The reason as the text formats say it, after "skipped": `(other operations)`.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::OtherOperation => "other operations",
            SkipReason::NotAResponse => "not responses",
            SkipReason::Filtered => "filtered by configuration",
        }
    }

    /// The reason for one response: `other operation`.
    #[must_use]
    pub fn describe_one(self) -> &'static str {
        match self {
            SkipReason::OtherOperation => "other operation",
            SkipReason::NotAResponse => "not a response",
            SkipReason::Filtered => "filtered by configuration",
        }
    }
}

/// Skipped responses by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SkippedByReason {
    /// Answers to other operations.
    pub other_operation: usize,
    /// Entries that record no response.
    pub not_a_response: usize,
    /// Responses in files that configuration ignores whole.
    pub filtered: usize,
}

impl SkippedByReason {
    /// The count for one reason.
    #[must_use]
    pub fn get(&self, reason: SkipReason) -> usize {
        match reason {
            SkipReason::OtherOperation => self.other_operation,
            SkipReason::NotAResponse => self.not_a_response,
            SkipReason::Filtered => self.filtered,
        }
    }

    fn get_mut(&mut self, reason: SkipReason) -> &mut usize {
        match reason {
            SkipReason::OtherOperation => &mut self.other_operation,
            SkipReason::NotAResponse => &mut self.not_a_response,
            SkipReason::Filtered => &mut self.filtered,
        }
    }
}

/// How the responses of a file (or a run) ended: each is counted exactly once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Responses {
    /// Checked by the rules.
    pub checked: usize,
    /// Read but not checked, for a reason (`skipped_by_reason` splits them).
    pub skipped: usize,
    /// Could not be checked (unreadable entry, body not JSON, body not kept).
    pub errors: usize,
    /// `skipped`, by reason.
    pub skipped_by_reason: SkippedByReason,
}

impl Responses {
    /// Adds another tally to this one.
    pub fn add(&mut self, other: &Responses) {
        self.checked += other.checked;
        self.skipped += other.skipped;
        self.errors += other.errors;
        for reason in SkipReason::ALL {
            *self.skipped_by_reason.get_mut(reason) += other.skipped_by_reason.get(reason);
        }
    }

    /// Counts one skipped response.
    pub fn skip(&mut self, reason: SkipReason) {
        self.skipped += 1;
        *self.skipped_by_reason.get_mut(reason) += 1;
    }
}

/// One response that was read and not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Skip {
    /// Its entry in a file of many; `None` in a file of one response.
    pub entry: Option<usize>,
    /// Why it was not checked.
    pub reason: SkipReason,
}

/// What became of each response of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Accounting {
    /// The counts.
    pub responses: Responses,
    /// The responses skipped, in entry order.
    pub skipped: Vec<Skip>,
    /// Every error, in the order met: those of a response name its entry (in a file of many);
    /// one with no entry is about the file as a whole.
    pub errors: Vec<FileError>,
}

impl Accounting {
    /// A file whose `n` responses were all checked.
    #[must_use]
    pub fn checked(n: usize) -> Self {
        Self {
            responses: Responses {
                checked: n,
                ..Responses::default()
            },
            ..Self::default()
        }
    }
}

/// Everything found in one input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The path as the user gave it (or as found under a folder they gave).
    pub path: String,
    /// The path's bytes, when they are not UTF-8 text (on Unix): `path` then shows `U+FFFD`
    /// where they were, and this is how a tool finds the file again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    /// Pass, fail, skipped or error.
    pub verdict: Verdict,
    /// How many responses a multi-response file holds (its entries are indexed `0..entries`);
    /// `None` for a file that holds one raw body.
    pub entries: Option<usize>,
    /// What became of its responses (`responses`, `skipped` and `errors` in JSON).
    #[serde(flatten)]
    pub accounting: Accounting,
    /// The operational error, for verdict `error`: the first one, saying how many more there
    /// are (`errors` lists them all).
    pub error: Option<FileError>,
    /// Findings, by position.
    pub diagnostics: Vec<Finding>,
    /// The file's text, kept only when there is something to show in a code frame.
    #[serde(skip)]
    pub source: Option<Arc<String>>,
}

/// The bytes of `path` when they are not UTF-8 (see [`FileReport::path_bytes`]).
#[must_use]
pub fn path_bytes(path: &std::path::Path) -> Option<Vec<u8>> {
    if path.to_str().is_some() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(path.as_os_str().as_bytes().to_vec())
    }
    // Elsewhere a name is not bytes: `path` is all there is.
    #[cfg(not(unix))]
    {
        None
    }
}

impl FileReport {
    /// A report for a file that could not be checked.
    #[must_use]
    pub fn error(path: String, message: String, line: usize, column: usize) -> Self {
        let error = FileError {
            entry: None,
            message,
            line,
            column,
        };
        Self {
            path,
            path_bytes: None,
            verdict: Verdict::Error,
            diagnostics: Vec::new(),
            entries: None,
            error: Some(error.clone()),
            source: None,
            accounting: Accounting {
                errors: vec![error],
                ..Accounting::default()
            },
        }
    }

    /// Sets the verdict from the findings, the failing severity and what was checked.
    pub fn judge(&mut self, fail_on: Severity) {
        if self.error.is_some() {
            self.verdict = Verdict::Error;
        } else if self
            .diagnostics
            .iter()
            .any(|f| f.diagnostic.severity >= fail_on)
        {
            self.verdict = Verdict::Fail;
        } else if self.accounting.responses.checked == 0 {
            self.verdict = Verdict::Skipped;
        } else {
            self.verdict = Verdict::Pass;
        }
    }
}

/// Counts over a run.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Files looked at.
    pub files: usize,
    /// Files that passed.
    pub passed: usize,
    /// Files that failed.
    pub failed: usize,
    /// Files in which nothing was checked (every response skipped, or none in them).
    pub skipped: usize,
    /// Files that could not be checked (whole, or some response in them).
    pub errors: usize,
    /// Findings in all (not counting those the baseline holds).
    pub diagnostics: usize,
    /// Findings hidden because `--baseline` holds them; `None` (`null`) without a baseline.
    pub baselined: Option<usize>,
    /// What became of the responses of every file.
    pub responses: Responses,
}

impl Summary {
    /// Counts a run's reports.
    #[must_use]
    pub fn of(reports: &[FileReport]) -> Self {
        let mut s = Summary {
            files: reports.len(),
            ..Self::default()
        };
        for r in reports {
            match r.verdict {
                Verdict::Pass => s.passed += 1,
                Verdict::Fail => s.failed += 1,
                Verdict::Skipped => s.skipped += 1,
                Verdict::Error => s.errors += 1,
            }
            s.diagnostics += r.diagnostics.len();
            s.responses.add(&r.accounting.responses);
        }
        s
    }

    /// Whether the run checked nothing at all: a gate that checked nothing must not pass.
    #[must_use]
    pub fn nothing_checked(&self) -> bool {
        self.responses.checked == 0
    }

    /// Why the run checked nothing, for the user; `None` when it checked something.
    #[must_use]
    pub fn nothing_checked_reason(&self) -> Option<String> {
        if !self.nothing_checked() {
            return None;
        }
        let mut why: Vec<String> = SkipReason::ALL
            .iter()
            .filter(|r| self.responses.skipped_by_reason.get(**r) > 0)
            .map(|r| {
                format!(
                    "{} skipped ({})",
                    responses(self.responses.skipped_by_reason.get(*r)),
                    r.describe()
                )
            })
            .collect();
        if self.responses.errors > 0 {
            why.push(format!(
                "{} could not be checked",
                responses(self.responses.errors)
            ));
        }
        let files_in_error = self.errors > 0 && self.responses.errors == 0;
        if files_in_error {
            why.push(format!(
                "{} could not be read",
                if self.errors == 1 {
                    "1 file".to_string()
                } else {
                    format!("{} files", self.errors)
                }
            ));
        }
        if why.is_empty() {
            why.push(if self.files == 0 {
                "no file to check".to_string()
            } else {
                "the captures hold no response".to_string()
            });
        }
        Some(format!(
            "no response was checked: {}; mtlint checks the responses of listSqlv1MaterializedTables (GET /sql/v1/organizations/{{organization_id}}/environments/{{environment_id}}/materialized-tables)",
            why.join(", ")
        ))
    }

    /// The process exit code: 2 if anything could not be checked or nothing was checked at all,
    /// else 1 if any file failed, else 0.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        if self.errors > 0 || self.nothing_checked() {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }
}

/// `1 response`, `3 responses`.
fn responses(n: usize) -> String {
    format!("{n} {}", if n == 1 { "response" } else { "responses" })
}
