//! The run over one capture: each response (entry) is checked in the capture's session as it
//! is read, its findings are placed at once (its body is gone after), and where the
//! multi-response rules may point on each page is remembered for when the capture ends.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use mtlint_capture::position::Span;
use mtlint_capture::{record, Body, CaptureError, Origin, Record};
use mtlint_json::Value;
use mtlint_rules::{
    BodyState, CaptureSession, Checker, Diagnostic, Headers, RequestContext, ResponseInput, Target,
};

use super::discover::status_of_path;
use super::place::{BodySpans, Place};
use super::RunOptions;
use crate::report::{Accounting, FileError, FileReport, Finding, Skip, SkipReason, Verdict};

/// The findings of one file as they accumulate.
pub(super) struct FileRun<'k, 'c, 'o> {
    checker: &'k Checker<'c>,
    session: CaptureSession<'k, 'c>,
    display: String,
    /// The path as configuration path ignores see it (relative to the configuration's folder).
    relative: PathBuf,
    options: &'o RunOptions,
    /// Whether findings name their entry (files of many responses).
    numbered: bool,
    findings: Vec<Finding>,
    /// What became of each response read so far, and every error.
    accounting: Accounting,
    /// Configuration ignores every finding in this file: its responses are skipped.
    filtered: bool,
    /// How many responses the file holds (one past the highest entry index seen).
    entries: usize,
    /// The status its folder names, with `--status-from-path`.
    path_status: Option<u16>,
    /// Where the multi-response rules may point: (entry, pointer or `#request`) -> place.
    page_places: HashMap<(usize, String), (usize, usize, Option<Span>)>,
}

/// Key of a page's request URL in [`FileRun::page_places`].
const REQUEST: &str = "#request";

/// A response's body as the rules see it, and the text its positions count in.
struct BodyView<'b> {
    value: Option<&'b Value<'b>>,
    state: BodyState,
    /// The body's text; for a body parsed with its file, the file from the body's start on.
    text: &'b [u8],
    /// Where `text` sits in the file; `None` when no body was recorded.
    origin: Option<Origin>,
}

impl<'b> BodyView<'b> {
    /// The view of `record`'s body; `parsed` is its text body parsed (when it is one and is
    /// JSON). `None` when the recorder kept no body.
    fn of(record: &'b Record<'_>, file: &'b [u8], parsed: Option<&'b Value<'b>>) -> Option<Self> {
        let view = |value, state, text, origin| Self {
            value,
            state,
            text,
            origin,
        };
        Some(match &record.body {
            Body::Absent => view(None, BodyState::Absent, &[], None),
            Body::NotSaved { .. } => return None,
            Body::Json(value, origin) => {
                let start = match origin {
                    Origin::Slice(s) => *s,
                    _ => 0,
                };
                view(
                    Some(value),
                    BodyState::Present,
                    file.get(start..).unwrap_or_default(),
                    Some(*origin),
                )
            }
            Body::Text(text, origin) if text.trim().is_empty() => {
                view(None, BodyState::Empty, text.as_bytes(), Some(*origin))
            }
            Body::Text(text, origin) => {
                view(parsed, BodyState::Present, text.as_bytes(), Some(*origin))
            }
        })
    }
}

impl<'k, 'c, 'o> FileRun<'k, 'c, 'o> {
    /// A run over the file at `path`, shown as `display`; `numbered` when its findings name
    /// their entry.
    pub(super) fn new(
        checker: &'k Checker<'c>,
        display: &str,
        path: &Path,
        options: &'o RunOptions,
        numbered: bool,
    ) -> Self {
        let relative = checker.settings().path_for_ignores(path);
        Self {
            checker,
            session: checker.session(),
            display: display.to_string(),
            options,
            numbered,
            findings: Vec::new(),
            accounting: Accounting::default(),
            filtered: checker.settings().ignores_every_finding_in(&relative),
            entries: 0,
            path_status: options
                .status_from_path
                .then(|| status_of_path(path))
                .flatten(),
            page_places: HashMap::new(),
            relative,
        }
    }

    /// Records that the file as a whole could not be read (or read on).
    pub(super) fn error(&mut self, message: String, line: usize, column: usize) {
        self.push_error(None, message, line, column);
    }

    /// Records an error about the response of `entry` (the caller counts the response).
    fn push_error(&mut self, entry: Option<usize>, message: String, line: usize, column: usize) {
        self.accounting.errors.push(FileError {
            entry: entry.filter(|_| self.numbered),
            message,
            line,
            column,
        });
    }

    /// Records an entry of the capture that could not be read as a response: one that records
    /// no response at all is skipped, any other could not be checked.
    pub(super) fn unreadable(
        &mut self,
        entry: usize,
        error: CaptureError,
        line: usize,
        column: usize,
    ) {
        self.entries = self.entries.max(entry + 1);
        if error.no_response {
            self.skip(entry, SkipReason::NotAResponse);
        } else {
            self.push_error(Some(entry), error.message, line, column);
            self.accounting.responses.errors += 1;
        }
    }

    fn skip(&mut self, entry: usize, reason: SkipReason) {
        self.accounting.responses.skip(reason);
        self.accounting.skipped.push(Skip {
            entry: self.numbered.then_some(entry),
            reason,
        });
    }

    /// Whether part of the file could not be checked.
    pub(super) fn has_error(&self) -> bool {
        !self.accounting.errors.is_empty()
    }

    fn ignored(&self, d: &Diagnostic) -> bool {
        let settings = self.checker.settings();
        settings.has_ignores() && settings.is_ignored(&self.relative, &d.rule, &d.pointer)
    }

    /// Checks one response and places its findings; counts it as checked, skipped or could
    /// not be checked.
    pub(super) fn record(&mut self, record: &Record, place: &Place<'_>) {
        self.entries = self.entries.max(record.entry + 1);
        let Some(request) = self.request_of(record) else {
            // Another operation's traffic, recorded alongside: not ours to check.
            self.skip(record.entry, SkipReason::OtherOperation);
            return;
        };
        if self.filtered {
            self.skip(record.entry, SkipReason::Filtered);
            return;
        }
        let errors_before = self.accounting.errors.len();
        self.check_record(record, place, &request);
        if self.accounting.errors.len() > errors_before {
            self.accounting.responses.errors += 1;
        } else {
            self.accounting.responses.checked += 1;
        }
    }

    /// Checks one response of this operation and places its findings.
    fn check_record(&mut self, record: &Record, place: &Place<'_>, request: &RequestContext) {
        let status = record
            .status
            .or(self.path_status)
            .unwrap_or(self.options.status);
        let entry_label = if self.numbered {
            format!("entry {}: ", record.entry)
        } else {
            String::new()
        };
        let parsed = self.parse_text_body(record, place, status, &entry_label);
        let Some(body) = BodyView::of(record, place.text, parsed.as_ref()) else {
            self.body_not_saved(record, place, &entry_label);
            return;
        };
        let diagnostics = self.check_response(record, status, request, &body);
        self.remember_page_places(record, place, &body);
        if !diagnostics.is_empty() {
            self.place_findings(record, place, &body, diagnostics);
        }
    }

    /// The request a response answers: the recorded URL's facts, filled in from the flags;
    /// `None` when it answers another operation's request.
    fn request_of(&self, record: &Record) -> Option<RequestContext> {
        let contract = self.checker.contract();
        let mut request = RequestContext::default();
        if let Some(recorded) = &record.request {
            let other_method = recorded
                .method
                .as_deref()
                .is_some_and(|m| !m.eq_ignore_ascii_case(&contract.method));
            match RequestContext::from_url(&recorded.url, &contract.path_template) {
                Some(context) if !other_method => request = context,
                _ => return None,
            }
        }
        request.fill_from(&self.options.request);
        Some(request)
    }

    /// Parses a body recorded as text (HAR, cassettes). When it is not JSON but should be (its
    /// status documents a JSON body, or its content type is JSON), that is the file's error,
    /// placed where the parser stopped.
    fn parse_text_body<'r>(
        &mut self,
        record: &'r Record<'_>,
        place: &Place<'_>,
        status: u16,
        entry_label: &str,
    ) -> Option<Value<'r>> {
        let Body::Text(text, origin) = &record.body else {
            return None;
        };
        if text.trim().is_empty() {
            return None;
        }
        match mtlint_capture::json::parse(text.as_bytes()) {
            Ok(value) => Some(value),
            Err(error) => {
                let documented_json = self
                    .checker
                    .contract()
                    .response_for(status)
                    .is_some_and(|m| m.response().body_schema.is_some());
                let json_expected = documented_json
                    || content_type(record)
                        .is_some_and(mtlint_schema::contract::is_json_media_type);
                if json_expected {
                    let offset = record::map_offset(
                        place.text,
                        text.as_bytes(),
                        *origin,
                        error.offset.unwrap_or(0),
                    );
                    let (line, column) = place.at(Some(offset));
                    self.push_error(
                        Some(record.entry),
                        format!("{entry_label}the body is not JSON: {}", error.message),
                        line,
                        column,
                    );
                }
                None
            }
        }
    }

    /// The recorder reports a body it did not keep: nothing to check, which the file's error says.
    fn body_not_saved(&mut self, record: &Record, place: &Place<'_>, entry_label: &str) {
        let Body::NotSaved { size } = record.body else {
            return;
        };
        let (line, column) = place.at(record.body_at.map(|s| s.start));
        self.push_error(
            Some(record.entry),
            format!("{entry_label}the recorder reports a body of {size} bytes but did not keep it (no content.text): record it with its content"),
            line,
            column,
        );
    }

    /// Runs the rules on one response, in the capture's session; drops what configuration
    /// ignores for this path.
    fn check_response(
        &mut self,
        record: &Record,
        status: u16,
        request: &RequestContext,
        body: &BodyView<'_>,
    ) -> Vec<Diagnostic> {
        let headers = record.headers.as_ref().map(|fields| {
            Headers::new(
                fields
                    .iter()
                    .map(|f| (f.name.clone(), f.value.clone()))
                    .collect(),
            )
        });
        let input = ResponseInput {
            status,
            headers: headers.as_ref(),
            content_type: content_type(record),
            body: body.value,
            body_state: body.state,
            request,
        };
        let mut diagnostics = self.session.check(record.entry, &input);
        diagnostics.retain(|d| !self.ignored(d));
        diagnostics
    }

    /// Where this page's multi-response findings may point, found now: the body is gone when
    /// the capture ends and those rules report.
    fn remember_page_places(&mut self, record: &Record, place: &Place<'_>, body: &BodyView<'_>) {
        let Some(page) = self.session.page(record.entry) else {
            return;
        };
        let pointers = page.pointers();
        let spans = match body.origin {
            Some(origin) if body.value.is_some() => {
                record::locate_in_body(place.text, body.text, origin, &pointers)
            }
            _ => vec![None; pointers.len()],
        };
        for (pointer, span) in pointers.iter().zip(spans) {
            let span = span.or(record.body_at).or(Some(record.at));
            self.page_places
                .insert((record.entry, (*pointer).to_string()), place.finding(span));
        }
        let url_at = record.request.as_ref().and_then(|r| r.url_at);
        self.page_places.insert(
            (record.entry, REQUEST.to_string()),
            place.finding(url_at.or(Some(record.at))),
        );
    }

    /// Places one response's findings: body findings at their values (one scan for all of
    /// them), the others at the recorded part they are about, else at the response.
    fn place_findings(
        &mut self,
        record: &Record,
        place: &Place<'_>,
        body: &BodyView<'_>,
        diagnostics: Vec<Diagnostic>,
    ) {
        let body_spans = BodySpans::locate(
            place.text,
            body.text,
            body.origin,
            body.value.is_some(),
            &diagnostics,
        );
        for diagnostic in diagnostics {
            let span = target_span(record, &diagnostic, &body_spans).or(Some(record.at));
            let (line, column, span) = place.finding(span);
            let (related_at, related_spans) = diagnostic
                .related
                .iter()
                .map(|r| {
                    let (line, column, span) = place.finding(body_spans.span(&r.pointer));
                    ((line, column), span)
                })
                .unzip();
            self.findings.push(Finding {
                entry: self.numbered.then_some(record.entry),
                diagnostic,
                line,
                column,
                span,
                related_spans,
                related_at,
            });
        }
    }

    /// The report: the multi-response findings placed where their pages were, every finding
    /// sorted by position, the verdict judged.
    pub(super) fn finish(mut self) -> FileReport {
        self.place_capture_findings();
        self.findings.sort_by(|a, b| {
            (a.line, a.column, &a.diagnostic.rule, &a.diagnostic.pointer).cmp(&(
                b.line,
                b.column,
                &b.diagnostic.rule,
                &b.diagnostic.pointer,
            ))
        });
        let error = self.file_error();
        let mut report = FileReport {
            path: self.display,
            path_bytes: None,
            verdict: Verdict::Pass,
            diagnostics: self.findings,
            error,
            source: None,
            accounting: self.accounting,
            entries: self.numbered.then_some(self.entries),
        };
        report.judge(self.checker.settings().fail_on);
        report
    }

    /// Ends the capture's session and places what its multi-response rules found, at the
    /// places remembered for their pages.
    fn place_capture_findings(&mut self) {
        let session = std::mem::replace(&mut self.session, self.checker.session());
        for found in session.finish() {
            let d = found.diagnostic;
            if self.ignored(&d) {
                continue;
            }
            let key = if d.target == Target::Request {
                REQUEST.to_string()
            } else {
                d.pointer.clone()
            };
            let (line, column, span) = self
                .page_places
                .get(&(found.entry, key))
                .or_else(|| self.page_places.get(&(found.entry, String::new())))
                .copied()
                .unwrap_or((0, 0, None));
            self.findings.push(Finding {
                entry: self.numbered.then_some(found.entry),
                diagnostic: d,
                line,
                column,
                span,
                related_spans: Vec::new(),
                related_at: Vec::new(),
            });
        }
    }

    /// The report's error: the first one, saying how many more entries could not be checked.
    fn file_error(&self) -> Option<FileError> {
        let more = self.accounting.errors.len().saturating_sub(1);
        self.accounting.errors.first().cloned().map(|mut e| {
            if more > 0 {
                e.message.push_str(&format!(
                    " (and {more} more {} not be checked)",
                    if more == 1 {
                        "entry could"
                    } else {
                        "entries could"
                    }
                ));
            }
            e
        })
    }
}

/// A response's content type as recorded.
fn content_type<'r>(record: &'r Record<'_>) -> Option<&'r str> {
    record.content_type.as_ref().map(|c| c.value.as_str())
}

/// Where in the recorded response a finding's target is written, when known.
fn target_span(record: &Record, diagnostic: &Diagnostic, body_spans: &BodySpans) -> Option<Span> {
    match diagnostic.target {
        Target::Body => body_spans.span(&diagnostic.pointer).or(record.body_at),
        Target::Header => diagnostic
            .header
            .as_deref()
            .and_then(|name| record.header_at(name))
            .or(record.headers_at),
        Target::Status => record.status_at,
        Target::ContentType => record
            .content_type
            .as_ref()
            .and_then(|c| c.at)
            .or(record.headers_at),
        Target::Request => record.request.as_ref().and_then(|r| r.url_at),
    }
}
