//! A whole recorded exchange: `{"status", "headers", "body", "request": {"url"}}` -> Checker,
//! with headers, content type and the request context read from the URL, bypassing the
//! capture readers (which `read_capture` fuzzes) so that odd statuses and headers reach the
//! response-level rules directly.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use mtlint_rules::{BodyState, Checker, Headers, RequestContext, ResponseInput, Settings};
use mtlint_schema::Contract;
use serde_json::Value;

static CHECKER: LazyLock<Checker<'static>> =
    LazyLock::new(|| Checker::new(Contract::embedded(), Settings::default()).unwrap());

fuzz_target!(|data: &[u8]| {
    let Ok(envelope) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let status = envelope
        .get("status")
        .and_then(Value::as_u64)
        .map_or(200, |s| (s % 1000) as u16);
    let headers = envelope.get("headers").and_then(Value::as_object).map(|h| {
        Headers::new(
            h.iter()
                .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string)))
                .collect(),
        )
    });
    let request = envelope
        .pointer("/request/url")
        .and_then(Value::as_str)
        .and_then(|url| RequestContext::from_url(url, &Contract::embedded().path_template))
        .unwrap_or_default();
    let content_type = headers.as_ref().and_then(|h| h.get("Content-Type"));
    let body = envelope.get("body").map(mtlint_json::Value::from_serde);
    let body = body.as_ref();
    let _ = CHECKER.check(&ResponseInput {
        status,
        headers: headers.as_ref(),
        content_type,
        body,
        body_state: if body.is_some() { BodyState::Present } else { BodyState::Absent },
        request: &request,
    });
});
