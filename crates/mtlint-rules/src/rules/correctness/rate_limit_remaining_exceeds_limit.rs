use crate::diagnostic::{Diagnostic, Target};
use crate::Cx;
use crate::{declare_rule, ResponseView, Rule};

declare_rule! {
    /// `X-RateLimit-Remaining` is greater than `X-RateLimit-Limit`.
    ///
    /// ## What it checks
    /// When a response carries both headers as non-negative integers (whatever its status),
    /// that the remaining count is at most the limit. Values that are not integers are
    /// `invalid-header`'s finding.
    ///
    /// ## Why it matters
    /// The 429 response's headers: `X-RateLimit-Limit` is "The maximum number of requests you're
    /// permitted to make per time period" and `X-RateLimit-Remaining` "The number of requests
    /// remaining in the current rate limit window". What remains of a window cannot exceed the
    /// window; a server that says so has its counters swapped or mixes windows, and clients pace
    /// themselves wrong.
    ///
    /// ## Example
    /// ```json envelope
    /// {"status": 429, "headers": {"X-Request-Id": "req-1", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "25", "X-RateLimit-Reset": "30", "Retry-After": "30"}}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 429, "headers": {"X-Request-Id": "req-1", "X-RateLimit-Limit": "25", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30", "Retry-After": "30"}}
    /// ```
    pub RateLimitRemainingExceedsLimit, "rate-limit-remaining-exceeds-limit", Correctness, hooks = [RESPONSE]
}

impl Rule for RateLimitRemainingExceedsLimit {
    fn response(&self, cx: &mut Cx<'_>, response: &ResponseView<'_>) {
        let Some(headers) = response.input.headers else {
            return;
        };
        let number = |name| headers.get(name).and_then(|v| v.trim().parse::<u64>().ok());
        let (Some(limit), Some(remaining)) =
            (number("X-RateLimit-Limit"), number("X-RateLimit-Remaining"))
        else {
            return;
        };
        if remaining > limit {
            cx.push(
                Diagnostic::about(
                    Target::Header,
                    Some("X-RateLimit-Remaining"),
                    format!("X-RateLimit-Remaining is {remaining} but X-RateLimit-Limit is {limit}: more requests cannot remain than the window allows"),
                ),
            ).help("check which counter is stale: remaining counts down from the limit");
        }
    }
}
