use serde_json::Value;

use crate::diagnostic::{Diagnostic, Target};
use crate::Cx;
use crate::{declare_rule, ResponseView, Rule};

declare_rule! {
    /// A documented response header's value does not match its schema.
    ///
    /// ## What it checks
    /// Each header the spec documents for the response's status (names compared
    /// case-insensitively; the first occurrence when a header is repeated), validated against its
    /// schema with the header's text read as the schema's type: `X-RateLimit-Limit`,
    /// `X-RateLimit-Remaining`, `X-RateLimit-Reset` and `Retry-After` are integers,
    /// `X-Request-Id` and `WWW-Authenticate` strings.
    ///
    /// ## Why it matters
    /// The 429 response types its headers `schema: type: integer`: `X-RateLimit-Limit` is "The
    /// maximum number of requests you're permitted to make per time period",
    /// `X-RateLimit-Remaining` "The number of requests remaining in the current rate limit window",
    /// `Retry-After` "The number of seconds to wait until the rate limit window resets". A client
    /// that backs off by `Retry-After` cannot do it with `soon`.
    ///
    /// ## Example
    /// ```json envelope
    /// {"status": 429, "headers": {"X-Request-Id": "req-1", "X-RateLimit-Limit": "ten", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30", "Retry-After": "30"}}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 429, "headers": {"X-Request-Id": "req-1", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30", "Retry-After": "30"}}
    /// ```
    pub InvalidHeader, "invalid-header", Correctness, hooks = [RESPONSE]
}

impl Rule for InvalidHeader {
    fn response(&self, cx: &mut Cx<'_>, response: &ResponseView<'_>) {
        let (Some(headers), Some(documented)) = (response.input.headers, response.documented)
        else {
            return;
        };
        for spec in &documented.headers {
            let Some(value) = headers.get(&spec.name) else {
                continue;
            };
            let violations = spec.violations(value);
            let Some(first) = violations.first() else {
                continue;
            };
            let wanted = match spec.schema.get("type").and_then(Value::as_str) {
                Some("integer") => "an integer".to_string(),
                Some(other) => format!("a {other}"),
                None => "the documented schema".to_string(),
            };
            cx.push(Diagnostic::about(
                Target::Header,
                Some(&spec.name),
                format!(
                    "header {} is {value:?}, which is not {wanted} as the spec documents ({})",
                    spec.name, first.message
                ),
            ))
            .help(format!("send {} as {wanted}", spec.name));
        }
    }
}
