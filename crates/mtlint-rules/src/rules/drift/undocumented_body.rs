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
    /// The documented 429 ("Rate Limit Exceeded") has only headers. A body there is outside the
    /// contract: clients generated from the spec ignore it, so anything it says (a retry hint, an
    /// error code) is lost; if it matters, the spec should document it.
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
    pub UndocumentedBody, "undocumented-body", Suspicious, hooks = [RESPONSE]
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
                    "status {} carries a body, but the spec documents none for it: clients generated from the spec ignore it",
                    response.input.status
                ),
            ),
        ).help("drop the body, or document it in the spec if clients need it");
    }
}
