use crate::diagnostic::{Diagnostic, Target};
use crate::Cx;
use crate::{declare_rule, BodyState, ResponseView, Rule};

declare_rule! {
    /// A response the spec documents with a JSON body has none.
    ///
    /// ## What it checks
    /// For a status documented with a JSON body (200, 400, 401, 403, 404, 500), that the capture
    /// recorded a body that is not empty. A HAR entry whose `content` has no `text` and a
    /// `size` of 0 counts as empty; one with a positive `size` is a body the recorder did not
    /// keep, reported as an error instead (nothing can be said about it).
    ///
    /// ## Why it matters
    /// The API documentation gives these responses under `content: application/json:` with a
    /// `schema` (`sql.v1.MaterializedTableList`, `Failure`): a client decodes the body
    /// unconditionally, and an empty one fails to decode instead of telling it what went wrong.
    ///
    /// ## Example
    /// ```json envelope
    /// {"status": 500, "headers": {"Content-Type": "application/json", "X-Request-Id": "req-1"}}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 500, "headers": {"Content-Type": "application/json", "X-Request-Id": "req-1"}, "body": {"errors": [{"status": "500", "title": "Internal Server Error"}]}}
    /// ```
    pub MissingBody, "missing-body", Correctness, hooks = [RESPONSE]
}

impl Rule for MissingBody {
    fn response(&self, cx: &mut Cx<'_>, response: &ResponseView<'_>) {
        let Some(documented) = response.documented else {
            return;
        };
        if documented.body_schema.is_none() {
            return;
        }
        let what = match response.input.body_state {
            BodyState::Present => return,
            BodyState::Absent => "no body",
            BodyState::Empty => "an empty body",
        };
        let d = Diagnostic::about(
            Target::Body,
            None,
            format!(
                "status {} has {what}, but the spec documents a JSON body for it: clients decode it unconditionally",
                response.input.status
            ),
        );
        cx.push(d)
            .help("return the documented body (a Failure with errors[] for error statuses)");
    }
}
