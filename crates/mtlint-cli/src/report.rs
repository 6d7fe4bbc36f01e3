//! The outcome of a run as data: one [`FileReport`] per input file, sorted, ready to render.

use std::sync::Arc;

use mtlint_capture::position::Span;
use mtlint_rules::Diagnostic;
use mtlint_schema::Severity;
use serde::Serialize;

/// A finding placed in the user's file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Index of the response within its file (NDJSON line, HAR entry, cassette interaction);
    /// `None` for a file that holds one raw body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<usize>,
    /// The finding itself.
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// 1-based line of the offending value in the file given (0 when it has no place).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The bytes of the offending value in the file.
    #[serde(skip)]
    pub span: Option<Span>,
    /// Spans of the related locations, same order as `diagnostic.related`.
    #[serde(skip)]
    pub related_spans: Vec<Option<Span>>,
}

/// Why a file could not be checked.
#[derive(Debug, Clone, Serialize)]
pub struct FileError {
    /// What went wrong.
    pub message: String,
    /// Where, when known (1-based; 0 otherwise).
    pub line: usize,
    /// Where, when known (1-based; 0 otherwise).
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
    /// The file could not be checked.
    Error,
}

/// Everything found in one input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The path as the user gave it (or as found under a folder they gave).
    pub path: String,
    /// Pass, fail or error.
    pub verdict: Verdict,
    /// Findings, by position.
    pub diagnostics: Vec<Finding>,
    /// How many responses a multi-response file holds (its entries are indexed `0..entries`);
    /// `None` for a file that holds one raw body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entries: Option<usize>,
    /// The operational error, for verdict `error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<FileError>,
    /// The file's text, kept only when there is something to show in a code frame.
    #[serde(skip)]
    pub source: Option<Arc<String>>,
    /// Responses of the capture that answer other operations (another path or method) and so
    /// were not checked.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl FileReport {
    /// A report for a file that could not be checked.
    #[must_use]
    pub fn error(path: String, message: String, line: usize, column: usize) -> Self {
        Self {
            path,
            verdict: Verdict::Error,
            diagnostics: Vec::new(),
            entries: None,
            error: Some(FileError {
                message,
                line,
                column,
            }),
            source: None,
            skipped: 0,
        }
    }

    /// Sets the verdict from the findings and the failing severity.
    pub fn judge(&mut self, fail_on: Severity) {
        if self.error.is_some() {
            self.verdict = Verdict::Error;
        } else if self
            .diagnostics
            .iter()
            .any(|f| f.diagnostic.severity >= fail_on)
        {
            self.verdict = Verdict::Fail;
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
    /// Files that could not be checked.
    pub errors: usize,
    /// Findings in all (not counting those the baseline holds).
    pub diagnostics: usize,
    /// Findings hidden because `--baseline` holds them; absent without a baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
    /// Responses in captures that answer other operations, passed over (absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
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
                Verdict::Error => s.errors += 1,
            }
            s.diagnostics += r.diagnostics.len();
            s.skipped += r.skipped;
        }
        s
    }

    /// The process exit code: 2 if any file could not be checked, else 1 if any failed, else 0.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        if self.errors > 0 {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }
}
