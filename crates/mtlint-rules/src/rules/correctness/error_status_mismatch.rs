use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// An error's `status` is not the HTTP status of the response that carries it.
    ///
    /// ## What it checks
    /// In an error (Failure) body, each `errors[i].status` that is a string must be the
    /// response's HTTP status code written in decimal (`"404"` in a 404 response). The finding is
    /// at the error's `status`. A `status` that is not a string is `schema/type`'s finding, and
    /// an error without one passes (the member is optional).
    ///
    /// ## Why it matters
    /// `Error.status` is "The HTTP status code applicable to this problem, expressed as a string
    /// value.", and each documented error example repeats its response's code (`status: '400'`
    /// for 400). Clients that surface the error
    /// body rather than the transport status (logs, retries keyed on 429/5xx) act on the wrong
    /// code when the two disagree.
    ///
    /// ## Example
    /// ```json 404
    /// {"errors": [{"status": "400", "title": "Not Found"}]}
    /// ```
    ///
    /// ## Passes
    /// ```json 404
    /// {"errors": [{"status": "404", "title": "Not Found"}]}
    /// ```
    pub ErrorStatusMismatch, "error-status-mismatch", Correctness, hooks = [ERROR]
}

impl Rule for ErrorStatusMismatch {
    fn error(&self, cx: &mut Cx<'_>, error: &Value, at: &Ptr<'_>) {
        let Some(status) = error.get("status").and_then(Value::as_str) else {
            return;
        };
        let actual = cx.status;
        if status == actual.to_string() {
            return;
        }
        cx.report(
            at.join("status"),
            format!(
                "the error's status is {status:?} but the response's HTTP status is {actual}: the error body and the transport disagree on what happened"
            ),
        )
        .help(format!(
            "an Error's status is the HTTP status of the response, as a string: \"{actual}\""
        ));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ErrorStatusMismatch;
    use crate::testing::run;
    use crate::RequestContext;

    #[test]
    fn compared_with_the_response_status() {
        let body = json!({"errors": [
            {"status": "404"}, {"status": "400"}, {"status": " 404"}, {"status": 404}, {"title": "x"}
        ]});
        let found: Vec<String> = run(&ErrorStatusMismatch, 404, &body, &RequestContext::default())
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(found, ["/errors/1/status", "/errors/2/status"]);
    }
}
