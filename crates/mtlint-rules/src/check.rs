//! Checking one response: its status, content type, headers and body, against the contract and
//! every enabled rule.

use mtlint_json::pointer::label;
use mtlint_json::Value;
use mtlint_schema::{Contract, Response, SchemaError, Severity, Violation};

use crate::config::Settings;
use crate::context::RequestContext;
use crate::diagnostic::Diagnostic;
use crate::headers::Headers;
use crate::pages::{EntryDiagnostic, Page, PagesCx};
use crate::registry;
use crate::rule::{Hooks, Rule};
use crate::rules::drift::undocumented_member::UndocumentedMember;
use crate::walk::{walk, ByHook, Facts};

/// One recorded response, as far as it was recorded.
#[derive(Debug, Clone, Copy)]
pub struct ResponseInput<'a> {
    /// Its HTTP status.
    pub status: u16,
    /// Its headers; `None` when the capture did not record any (a raw body).
    pub headers: Option<&'a Headers>,
    /// Its content type as recorded (the `Content-Type` header, or HAR's `content.mimeType`);
    /// `None` when the capture has no place for it.
    pub content_type: Option<&'a str>,
    /// Its JSON body; `None` when there was none, or it was not JSON (see `body_state`).
    pub body: Option<&'a Value<'a>>,
    /// Whether a body was recorded at all.
    pub body_state: BodyState,
    /// What is known of the request.
    pub request: &'a RequestContext,
}

/// Whether a response carried a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyState {
    /// The capture recorded no body.
    Absent,
    /// The capture recorded an empty (or whitespace-only) body.
    Empty,
    /// A body with content (JSON in [`ResponseInput::body`] when it parsed).
    Present,
}

impl<'a> ResponseInput<'a> {
    /// A bare JSON body recorded with `status` (no headers, no content type).
    #[must_use]
    pub fn body(status: u16, body: &'a Value<'a>, request: &'a RequestContext) -> Self {
        Self {
            status,
            headers: None,
            content_type: None,
            body: Some(body),
            body_state: BodyState::Present,
            request,
        }
    }
}

/// What response-level rules see (the `response` hook).
#[derive(Debug, Clone, Copy)]
pub struct ResponseView<'a> {
    /// The recorded response.
    pub input: ResponseInput<'a>,
    /// The documented response for its status, if any.
    pub documented: Option<&'a Response>,
    /// The contract.
    pub contract: &'a Contract,
}

/// Checks responses against one contract with one set of settings; share it across threads.
#[derive(Debug)]
pub struct Checker<'c> {
    contract: &'c Contract,
    settings: Settings,
    active: Vec<(&'static dyn Rule, Severity)>,
    /// The active rules of each body hook.
    by_hook: ByHook<'static>,
    page_size_max: Option<u64>,
    page_size_default: Option<u64>,
    /// `undocumented-member`'s severity; `None` when it is off (then no drift validation).
    drift_severity: Option<Severity>,
}

impl<'c> Checker<'c> {
    /// A checker for `contract`; compiles every documented body validator now, so that errors
    /// in a user's spec surface before any file is read.
    ///
    /// # Errors
    /// A response schema that does not compile.
    pub fn new(contract: &'c Contract, settings: Settings) -> Result<Self, SchemaError> {
        let drift_severity = settings.level(UndocumentedMember::META.name);
        for response in contract.responses.values() {
            response.body_validator()?;
            if drift_severity.is_some() {
                response.drift_validator()?;
            }
        }
        let active: Vec<_> = registry::semantic()
            .filter_map(|rule| settings.level(rule.meta().name).map(|s| (rule, s)))
            .collect();
        let by_hook = ByHook::new(&active);
        let page_size = |keyword| {
            contract
                .parameter("page_size", "query")
                .and_then(|p| p.schema.get(keyword))
                .and_then(serde_json::Value::as_u64)
        };
        Ok(Self {
            contract,
            settings,
            active,
            by_hook,
            page_size_max: page_size("maximum"),
            page_size_default: page_size("default"),
            drift_severity,
        })
    }

    /// The settings in force.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The contract checked against.
    #[must_use]
    pub fn contract(&self) -> &'c Contract {
        self.contract
    }

    /// Every finding for one response, body findings by pointer.
    #[must_use]
    pub fn check(&self, input: &ResponseInput<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let documented = self
            .contract
            .response_for(input.status)
            .map(|m| m.response());
        let view = ResponseView {
            input: *input,
            documented,
            contract: self.contract,
        };
        let mut facts = Facts {
            status: input.status,
            request: input.request,
            page_size_max: self.page_size_max,
            page_size_default: self.page_size_default,
            path_template: &self.contract.path_template,
            schema_valid: false,
        };
        for hooked in self.by_hook.response() {
            let mut cx = facts.cx(hooked, &mut out);
            hooked.rule.response(&mut cx, &view);
        }
        let (Some(response), Some(body)) = (documented, input.body) else {
            return out;
        };
        // The closed (drift) schema's yes/no pass, when drift is on, answers "schema-valid and no
        // undocumented member" at once: the common clean body costs one validation, not two.
        let clean = self.drift_severity.is_some()
            && matches!(response.drift_validator(), Ok(Some(drift)) if drift.is_valid_json(body));
        if clean {
            facts.schema_valid = true;
            walk(body, &self.by_hook, facts, &mut out);
            return out;
        }
        if let Ok(Some(validator)) = response.body_validator() {
            // Here the closed schema said no (or drift is off). The open schema's yes/no pass
            // tells whether there are violations; its detailed pass runs only when there are.
            let violations = if validator.is_valid_json(body) {
                Vec::new()
            } else {
                validator.violations_of_invalid_json(body)
            };
            facts.schema_valid = violations.is_empty();
            self.drift(response, body, &violations, &mut out);
            for violation in violations {
                if let Some(severity) = self.settings.level(&violation.rule) {
                    let mut diagnostic = Diagnostic::from(violation);
                    diagnostic.severity = severity;
                    out.push(diagnostic);
                }
            }
        }
        walk(body, &self.by_hook, facts, &mut out);
        out
    }

    /// `undocumented-member`: the members the response's drift validator finds (see
    /// [`mtlint_schema::drift`]), given the body's schema violations.
    fn drift(
        &self,
        response: &Response,
        body: &Value,
        violations: &[Violation],
        out: &mut Vec<Diagnostic>,
    ) {
        let meta = &UndocumentedMember::META;
        let Some(severity) = self.drift_severity else {
            return;
        };
        let Ok(Some(drift)) = response.drift_validator() else {
            return;
        };
        // Only called once the closed schema's yes/no pass has failed. Most such bodies fail it
        // for schema violations alone; the structure-only pass tells them apart cheaply, and the
        // detailed pass (which needs the validator's own value type) runs for the others.
        if !drift.may_have_undocumented_json(body) {
            return;
        }
        let owned = body.to_serde();
        for member in drift.undocumented_of_invalid(&owned, violations) {
            let message = format!(
                "{} is a member the spec does not define for {}: the API may have grown beyond its spec",
                label(&member.pointer),
                label(&member.object)
            );
            let help = format!(
                "clients generated from the spec ignore \"{}\"; if it is part of the API now, check the response against a newer spec (--spec)",
                member.name
            );
            out.push(
                Diagnostic::body(meta.name, severity, member.pointer, message).with_help(help),
            );
        }
    }

    /// Shorthand: check a bare body recorded with `status`, given as a `serde_json::Value`
    /// (it is viewed as a [`mtlint_json::Value`], borrowing its strings).
    #[must_use]
    pub fn check_body(
        &self,
        status: u16,
        body: &serde_json::Value,
        request: &RequestContext,
    ) -> Vec<Diagnostic> {
        let body = Value::from_serde(body);
        self.check(&ResponseInput::body(status, &body, request))
    }

    /// A session for the responses of one capture file: each response is checked as it comes,
    /// and what the multi-response rules need of it is kept as a small [`Page`] digest (never
    /// the body), so a streamed capture stays in bounded memory per response.
    #[must_use]
    pub fn session(&self) -> CaptureSession<'_, 'c> {
        CaptureSession {
            checker: self,
            pages: Vec::new(),
        }
    }
}

/// The responses of one capture, in order (see [`Checker::session`]).
#[derive(Debug)]
pub struct CaptureSession<'k, 'c> {
    checker: &'k Checker<'c>,
    pages: Vec<Page>,
}

impl CaptureSession<'_, '_> {
    /// Checks one response (`entry`: its index in the file) and keeps its page digest when
    /// a multi-response rule is enabled.
    pub fn check(&mut self, entry: usize, input: &ResponseInput<'_>) -> Vec<Diagnostic> {
        let found = self.checker.check(input);
        if self
            .checker
            .active
            .iter()
            .any(|(r, _)| r.hooks().contains(Hooks::PAGES))
        {
            if let Some(page) = Page::of(entry, input) {
                self.pages.push(page);
            }
        }
        found
    }

    /// The page digest kept for `entry`, if it was the last response checked and is a page.
    /// Its [`Page::pointers`] are where multi-response findings may point into that body.
    #[must_use]
    pub fn page(&self, entry: usize) -> Option<&Page> {
        self.pages.last().filter(|p| p.entry == entry)
    }

    /// Runs the multi-response rules over every page kept, in recorded order.
    #[must_use]
    pub fn finish(self) -> Vec<EntryDiagnostic> {
        let mut out = Vec::new();
        if self.pages.is_empty() {
            return out;
        }
        for (rule, severity) in &self.checker.active {
            let mut cx = PagesCx {
                meta: rule.meta(),
                severity: *severity,
                out: &mut out,
            };
            rule.pages(&mut cx, &self.pages);
        }
        out
    }
}
