//! Bytes -> serde_json -> Checker, for every kind of documented and undocumented status.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use mtlint_rules::{Checker, RequestContext, Settings};
use mtlint_schema::Contract;

static CHECKER: LazyLock<Checker<'static>> =
    LazyLock::new(|| Checker::new(Contract::embedded(), Settings::default()).unwrap());

const STATUSES: [u16; 8] = [200, 400, 401, 403, 404, 429, 500, 418];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    if let Ok(body) = serde_json::from_slice::<serde_json::Value>(text) {
        let status = STATUSES[usize::from(selector) % STATUSES.len()];
        let _ = CHECKER.check_body(status, &body, &RequestContext::default());
    }
});
