//! Checking one response: its status, content type, headers and body, against the contract and
//! every enabled rule.

use mtlint_json::pointer::label;
use mtlint_json::Value;
use mtlint_schema::{Contract, Response, SchemaError, Severity, Violation};

use super::walk::{walk, ByHook, Facts};
use crate::config::Settings;
use crate::context::RequestContext;
use crate::diagnostic::Diagnostic;
use crate::meta::{Hooks, RuleMeta};
use crate::pages::{EntryDiagnostic, Page, PagesCx};
use crate::registry;
use crate::response::{ResponseInput, ResponseView};
use crate::rule::Rule;

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
    /// Whether a rule of pages is active, so that a session keeps page digests.
    keeps_pages: bool,
    /// The drift rule (`undocumented-member`) and its severity; `None` when it is off (then no
    /// drift validation).
    drift: Option<(&'static RuleMeta, Severity)>,
}

impl<'c> Checker<'c> {
    /// A checker for `contract`; compiles every documented body validator now, so that errors
    /// in a user's spec surface before any file is read.
    ///
    /// # Errors
    /// A response schema that does not compile.
    pub fn new(contract: &'c Contract, settings: Settings) -> Result<Self, SchemaError> {
        let drift = registry::drift().and_then(|meta| Some((meta, settings.level(meta.name)?)));
        for response in contract.responses.values() {
            response.body_validator()?;
            if drift.is_some() {
                response.drift_validator()?;
            }
        }
        let active: Vec<_> = registry::semantic()
            .filter_map(|rule| settings.level(rule.meta().name).map(|s| (rule, s)))
            .collect();
        let by_hook = ByHook::new(&active);
        let keeps_pages = active
            .iter()
            .any(|(rule, _)| rule.meta().hooks.contains(Hooks::PAGES));
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
            keeps_pages,
            drift,
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
        let clean = self.drift.is_some()
            && matches!(response.drift_validator(), Ok(Some(drift)) if drift.is_valid(body));
        if clean {
            facts.schema_valid = true;
            walk(body, &self.by_hook, facts, &mut out);
            return out;
        }
        if let Ok(Some(validator)) = response.body_validator() {
            // Here the closed schema said no (or drift is off). The open schema's yes/no pass
            // tells whether there are violations; its detailed pass runs only when there are.
            let violations = if validator.is_valid(body) {
                Vec::new()
            } else {
                validator.violations_of_invalid(body)
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
        let Some((meta, severity)) = self.drift else {
            return;
        };
        let Ok(Some(drift)) = response.drift_validator() else {
            return;
        };
        // Only called once the closed schema's yes/no pass has failed. Most such bodies fail it
        // for schema violations alone; the structure-only pass tells them apart cheaply, and the
        // detailed pass (which needs the validator's own value type) runs for the others.
        if !drift.may_have_undocumented(body) {
            return;
        }
        let owned = body.to_serde();
        for member in drift.undocumented_of_invalid_serde(&owned, violations) {
            let message = format!(
                "{} is a member the spec does not define for {}: the API may have grown beyond its spec",
                label(&member.pointer),
                label(&member.object)
            );
            let help = format!(
                "clients generated from the spec ignore \"{}\"; if it is part of the API now, check the response against a newer spec (--spec)",
                member.name
            );
            let mut diagnostic = Diagnostic::body(meta.name, severity, member.pointer, message);
            diagnostic.help(help);
            out.push(diagnostic);
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
        if self.checker.keeps_pages {
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
