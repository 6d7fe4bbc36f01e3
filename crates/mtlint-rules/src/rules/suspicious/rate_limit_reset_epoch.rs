use crate::diagnostic::{Diagnostic, Target};
use crate::Cx;
use crate::{declare_rule, ResponseView, Rule};

/// The smallest `X-RateLimit-Reset` read as an epoch timestamp: 2001-09-09T01:46:40Z. Every
/// epoch time since then is at least this, while a relative window this long would be 31 years.
pub const EPOCH_THRESHOLD: u64 = 1_000_000_000;

declare_rule! {
    /// `X-RateLimit-Reset` looks like an epoch timestamp, but the spec says it is relative seconds.
    ///
    /// ## What it checks
    /// When a response carries `X-RateLimit-Reset` as an integer, that it is below
    /// 1,000,000,000: every UTC epoch time since 2001-09-09 is at least that, while no rate-limit
    /// window lasts 31 years. Values that are not integers are `invalid-header`'s finding.
    ///
    /// ## Why it matters
    /// `X-RateLimit-Reset`: "The relative time in seconds until the current rate-limit window
    /// resets. Important: This differs from Github and Twitter's same-named header which uses UTC
    /// epoch seconds. We use relative time to avoid client/server time synchronization issues." A
    /// client that follows the spec would wait for decades.
    ///
    /// ## Example
    /// ```json envelope
    /// {"status": 429, "headers": {"X-Request-Id": "req-1", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1767225600", "Retry-After": "30"}}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 429, "headers": {"X-Request-Id": "req-1", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30", "Retry-After": "30"}}
    /// ```
    pub RateLimitResetEpoch, "rate-limit-reset-epoch", Suspicious, hooks = [RESPONSE]
}

impl Rule for RateLimitResetEpoch {
    fn response(&self, cx: &mut Cx<'_>, response: &ResponseView<'_>) {
        let Some(reset) = response
            .input
            .headers
            .and_then(|h| h.get("X-RateLimit-Reset"))
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            return;
        };
        if reset >= EPOCH_THRESHOLD {
            cx.push(
                Diagnostic::about(
                    Target::Header,
                    Some("X-RateLimit-Reset"),
                    format!("X-RateLimit-Reset is {reset}, which looks like UTC epoch seconds; the spec says it is the relative time in seconds until the window resets"),
                ),
            ).help("send the seconds remaining in the window (Retry-After's unit), not the time it ends");
        }
    }
}
