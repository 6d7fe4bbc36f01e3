use crate::diagnostic::{Diagnostic, Target};
use crate::Cx;
use crate::{declare_rule, ResponseView, Rule};

declare_rule! {
    /// The response's status code is not one the operation documents.
    ///
    /// ## What it checks
    /// That the status has a response in the spec: an exact code (`200`, `400`, `401`, `403`,
    /// `404`, `429`, `500` for this operation), else a range (`4XX`) or `default` in a
    /// user-supplied spec. Nothing else about an undocumented response can be checked.
    ///
    /// ## Why it matters
    /// The operation's documented "Responses" list is the whole set a client is generated to
    /// handle; a status outside it falls through every generated branch.
    ///
    /// ## Example
    /// ```json 418
    /// {"errors": [{"status": "418", "title": "I'm a teapot"}]}
    /// ```
    ///
    /// ## Passes
    /// ```json 404
    /// {"errors": [{"status": "404", "title": "Not Found"}]}
    /// ```
    pub UndocumentedStatus, "undocumented-status", Correctness, hooks = [RESPONSE]
}

impl Rule for UndocumentedStatus {
    fn response(&self, cx: &mut Cx<'_>, response: &ResponseView<'_>) {
        let status = response.input.status;
        if response.contract.response_for(status).is_some() {
            return;
        }
        let documented = response.contract.statuses().join(", ");
        let d = Diagnostic::about(
            Target::Status,
            None,
            format!(
                "status {status} is not documented for {}; documented: {documented}",
                response.contract.operation_id
            ),
        );
        cx.push(d)
            .help("check the recording's status, or the spec if the API has grown a response");
    }
}
