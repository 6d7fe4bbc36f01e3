//! From paths to reports: finding the files, reading and parsing each, checking, and placing
//! each finding in the file. Files are checked in parallel; the result is sorted by path, then
//! position, whatever the thread count.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use mtlint_capture::position::{locate_all, LineIndex, Span};
use mtlint_rules::{Checker, Diagnostic, RequestContext};
use rayon::prelude::*;
use serde_json::Value;

use crate::report::{FileReport, Finding};

/// What a run checks and how.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The status for raw bodies.
    pub status: u16,
    /// Request facts from flags.
    pub request: RequestContext,
    /// Where `mtlint.yaml` was found (path ignores are relative to it).
    pub config_root: Option<PathBuf>,
}

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path to open.
    pub path: PathBuf,
    /// The path as shown in reports.
    pub display: String,
}

/// Finds the files to check. A file given by name is always checked; a folder is walked for
/// `*.json`. Problems (a missing path, an unreadable folder, a symlink loop) become error
/// reports, never a stop.
#[must_use]
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<FileReport>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(entry) => {
                        if entry.file_type().is_file() && is_checked_extension(entry.path()) {
                            inputs.push(Input {
                                display: entry.path().display().to_string(),
                                path: entry.path().to_path_buf(),
                            });
                        }
                    }
                    Err(error) => {
                        let shown = error.path().map_or_else(
                            || path.display().to_string(),
                            |p| p.display().to_string(),
                        );
                        let message = if error.loop_ancestor().is_some() {
                            "symlink loop: this folder links back to one of its ancestors"
                                .to_string()
                        } else {
                            error
                                .io_error()
                                .map_or_else(|| error.to_string(), ToString::to_string)
                        };
                        errors.push(FileReport::error(shown, message, 0, 0));
                    }
                }
            }
        } else {
            inputs.push(Input {
                display: path.display().to_string(),
                path: path.clone(),
            });
        }
    }
    inputs.sort();
    inputs.dedup();
    (inputs, errors)
}

fn is_checked_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Checks every input in parallel and returns the reports sorted by path.
#[must_use]
pub fn run(checker: &Checker<'_>, inputs: &[Input], options: &RunOptions) -> Vec<FileReport> {
    run_with_progress(checker, inputs, options, &|| {})
}

/// [`run`], calling `file_done` as each file is finished (from the worker threads).
#[must_use]
pub fn run_with_progress(
    checker: &Checker<'_>,
    inputs: &[Input],
    options: &RunOptions,
    file_done: &(dyn Fn() + Sync),
) -> Vec<FileReport> {
    let mut reports: Vec<FileReport> = inputs
        .par_iter()
        .map(|input| {
            let report = check_file(checker, input, options);
            file_done();
            report
        })
        .collect();
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    reports
}

/// Reads, parses and checks one file holding one response body.
#[must_use]
pub fn check_file(checker: &Checker<'_>, input: &Input, options: &RunOptions) -> FileReport {
    let bytes = match std::fs::read(&input.path) {
        Ok(bytes) => bytes,
        Err(error) => {
            let message = if input.path.is_dir() {
                "is a folder".to_string()
            } else {
                format!("cannot read: {error}")
            };
            return FileReport::error(input.display.clone(), message, 0, 0);
        }
    };
    check_bytes(checker, &input.display, &input.path, bytes, options)
}

/// Checks one body held in memory (`path` is used for path-based ignores).
#[must_use]
pub fn check_bytes(
    checker: &Checker<'_>,
    display: &str,
    path: &Path,
    bytes: Vec<u8>,
    options: &RunOptions,
) -> FileReport {
    let body: Value = match parse_body(&bytes) {
        Ok(body) => body,
        Err((message, line, column)) => {
            return FileReport::error(display.to_string(), message, line, column)
        }
    };
    let mut diagnostics = checker.check_body(options.status, &body, &options.request);
    drop(body);
    let settings = checker.settings();
    if settings.has_path_ignores() {
        let relative = options
            .config_root
            .as_deref()
            .and_then(|root| path.strip_prefix(root).ok())
            .unwrap_or(path);
        diagnostics.retain(|d| !settings.is_ignored(relative, &d.rule, &d.pointer));
    }
    let mut report = FileReport {
        path: display.to_string(),
        verdict: crate::report::Verdict::Pass,
        diagnostics: Vec::new(),
        entries: None,
        error: None,
        source: None,
    };
    if !diagnostics.is_empty() {
        report.diagnostics = place(&bytes, diagnostics);
        report.source = Some(Arc::new(String::from_utf8_lossy(&bytes).into_owned()));
    }
    report.judge(settings.fail_on);
    report
}

/// Parses a body, turning every kind of bad input into one message with a position.
pub fn parse_body(bytes: &[u8]) -> Result<Value, (String, usize, usize)> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(("empty file: expected a JSON response body".into(), 0, 0));
    }
    if let Err(error) = std::str::from_utf8(bytes) {
        let offset = error.valid_up_to();
        let at = LineIndex::new(bytes).line_column(bytes, offset);
        let what = if bytes.contains(&0) {
            "binary file (it contains NUL bytes)"
        } else {
            "invalid UTF-8"
        };
        return Err((
            format!("{what}: not a JSON text (first bad byte at offset {offset})"),
            at.line,
            at.column,
        ));
    }
    serde_json::from_slice(bytes).map_err(|error| {
        let reason = match error.classify() {
            serde_json::error::Category::Eof => "truncated JSON",
            _ => "invalid JSON",
        };
        let mut message = error.to_string();
        // serde_json appends " at line L column C"; we report those separately.
        if let Some(i) = message.rfind(" at line ") {
            message.truncate(i);
        }
        let message = if message.contains("recursion limit") {
            "invalid JSON: nested deeper than 128 levels, which no response of this API is"
                .to_string()
        } else {
            format!("{reason}: {message}")
        };
        (message, error.line(), error.column())
    })
}

/// Places findings in the text: one scan for all their pointers; a missing member is placed at
/// the object where it belongs. Sorted by position, then rule.
fn place(bytes: &[u8], diagnostics: Vec<Diagnostic>) -> Vec<Finding> {
    let mut wanted: Vec<String> = Vec::new();
    for d in &diagnostics {
        push_with_ancestors(&mut wanted, &d.pointer);
        for r in &d.related {
            push_with_ancestors(&mut wanted, &r.pointer);
        }
    }
    wanted.sort();
    wanted.dedup();
    let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let spans = locate_all(bytes, &refs);
    let span_of = |pointer: &str| -> Option<Span> {
        let mut current = pointer;
        loop {
            if let Ok(i) = refs.binary_search(&current) {
                if let Some(span) = spans[i] {
                    return Some(span);
                }
            }
            current = &current[..current.rfind('/')?];
        }
    };
    let index = LineIndex::new(bytes);
    let mut findings: Vec<Finding> = diagnostics
        .into_iter()
        .map(|diagnostic| {
            let span = span_of(&diagnostic.pointer);
            let at = span.map(|s| index.line_column(bytes, s.start));
            let related_spans = diagnostic
                .related
                .iter()
                .map(|r| span_of(&r.pointer))
                .collect();
            Finding {
                entry: None,
                line: at.map_or(0, |a| a.line),
                column: at.map_or(0, |a| a.column),
                span,
                related_spans,
                diagnostic,
            }
        })
        .collect();
    findings.sort_by(|a, b| {
        (a.line, a.column, &a.diagnostic.rule, &a.diagnostic.pointer).cmp(&(
            b.line,
            b.column,
            &b.diagnostic.rule,
            &b.diagnostic.pointer,
        ))
    });
    findings
}

fn push_with_ancestors(out: &mut Vec<String>, pointer: &str) {
    let mut current = pointer;
    out.push(current.to_string());
    while let Some(i) = current.rfind('/') {
        current = &current[..i];
        out.push(current.to_string());
    }
}
