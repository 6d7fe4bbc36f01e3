use crate::diagnostic::{Diagnostic, Target};
use crate::Cx;
use crate::{declare_rule, BodyState, ResponseView, Rule};

declare_rule! {
    /// A response carries a body although the spec documents none for its status.
    ///
    /// ## What it checks
    /// For a documented status whose response has no `content` (429 in this spec), that the
    /// capture recorded no body, or an empty one. Whatever the body is (JSON or not), it is not
    /// checked further against a schema.
    ///
    /// ## Why it matters
    /// The documented 429 ("Rate Limit Exceeded") has only headers: the spec documents no body
    /// for it, and forbids none either. A body there (often the same `Failure` the other errors
    /// carry) is drift, as information: the API says more than its spec, clients generated from
    /// the spec ignore it, and if what it says matters (a retry hint, an error code), the spec
    /// should document it. Nothing the documentation promises is broken.
    ///
    /// ## Example
    /// ```json envelope
    /// {"status": 429, "headers": {"X-Request-Id": "req-1", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30", "Retry-After": "30"}, "body": {"errors": [{"status": "429", "title": "Too Many Requests"}]}}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 429, "headers": {"X-Request-Id": "req-1", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30", "Retry-After": "30"}}
    /// ```
    pub UndocumentedBody, "undocumented-body", Drift, hooks = [RESPONSE]
}

impl Rule for UndocumentedBody {
    fn response(&self, cx: &mut Cx<'_>, response: &ResponseView<'_>) {
        let Some(documented) = response.documented else {
            return;
        };
        if documented.body_schema.is_some()
            || !documented.media_types.is_empty()
            || response.input.body_state != BodyState::Present
        {
            return;
        }
        cx.push(
            Diagnostic::about(
                Target::Body,
                None,
                format!(
                    "status {status} carries a body; the spec documents no body for {status}: clients generated from the spec ignore it",
                    status = response.input.status
                ),
            ),
        ).help("if clients rely on what this body says, document it in the spec, or check against a newer spec (--spec)");
    }
}
