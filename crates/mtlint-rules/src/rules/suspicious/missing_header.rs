use crate::diagnostic::{Diagnostic, Target};
use crate::Cx;
use crate::{declare_rule, ResponseView, Rule};

declare_rule! {
    /// A header the spec documents for the response's status is absent.
    ///
    /// ## What it checks
    /// When the capture recorded the response's headers (an envelope's `headers`, HAR, a
    /// cassette; an empty list counts as not recorded), that each header documented for its
    /// status is there, names compared case-insensitively: `X-Request-Id` on every response,
    /// `WWW-Authenticate` on 401, and `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
    /// `X-RateLimit-Reset`, `Retry-After` on 429. One finding per missing header.
    ///
    /// ## Why it matters
    /// The API documentation lists "Response Headers" for each status, starting with
    /// `X-Request-Id`: "The unique identifier for the API request." Support cases are traced by it,
    /// and a 429 without `Retry-After` ("The number of seconds to wait until the rate limit window
    /// resets. Only sent when the rate limit is reached.") leaves clients to guess how long to back
    /// off. The spec does not mark them `required`, hence a warning.
    ///
    /// ## Example
    /// ```json envelope
    /// {"status": 404, "headers": {"Content-Type": "application/json"}, "body": {"errors": [{"status": "404", "title": "Not Found"}]}}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 404, "headers": {"Content-Type": "application/json", "x-request-id": "req-1"}, "body": {"errors": [{"status": "404", "title": "Not Found"}]}}
    /// ```
    pub MissingHeader, "missing-header", Suspicious, hooks = [RESPONSE]
}

impl Rule for MissingHeader {
    fn response(&self, cx: &mut Cx<'_>, response: &ResponseView<'_>) {
        let (Some(headers), Some(documented)) = (response.input.headers, response.documented)
        else {
            return;
        };
        if headers.is_empty() {
            return;
        }
        for spec in &documented.headers {
            if headers.get(&spec.name).is_some() {
                continue;
            }
            let what = spec.description.as_deref().unwrap_or("documented");
            cx.push(Diagnostic::about(
                Target::Header,
                Some(&spec.name),
                format!(
                    "header {} is missing; the spec documents it for status {} (\"{what}\")",
                    spec.name, response.input.status
                ),
            ))
            .help(format!(
                "send {} with every {} response",
                spec.name, response.input.status
            ));
        }
    }
}
