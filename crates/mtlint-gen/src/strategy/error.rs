//! Error bodies and response headers.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

use super::identity::{uuid, uuid_from};
use crate::config::GenConfig;

fn request_id() -> impl Strategy<Value = String> {
    prop_oneof![uuid(), "req-[a-z0-9]{12}"]
}

/// The headers of a 200 response.
pub(super) fn ok_headers() -> impl Strategy<Value = Vec<(String, String)>> {
    request_id().prop_map(|id| {
        vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("X-Request-Id".to_string(), id),
        ]
    })
}

/// A valid error body for `status`: 1 to `cfg.max_errors` distinct errors whose `status` is
/// the response's.
pub fn error_body(status: u16, cfg: &GenConfig) -> impl Strategy<Value = Value> {
    let error = (
        uuid(),
        option::of(select(
            &[
                "invalid_filter",
                "user_unauthenticated",
                "not_found",
                "out_of_gas",
            ][..],
        )),
        option::of(select(
            &["Invalid Filter", "Not Found", "Authentication Required"][..],
        )),
        option::of("[A-Za-z ',.]{1,40}"),
        option::of((
            option::of(Just("/spec/name")),
            option::of(Just("page_size")),
        )),
        option::of(prop_oneof![
            any::<i32>(),
            Just(i32::MIN),
            Just(i32::MAX),
            40000..40100_i32
        ]),
        option::of(option::of("[A-Za-z ]{1,30}")),
    )
        .prop_map(
            move |(id, code, title, detail, source, error_code, message)| {
                let mut map = Map::new();
                map.insert("id".into(), Value::String(id));
                map.insert("status".into(), Value::String(status.to_string()));
                if let Some(c) = code {
                    map.insert("code".into(), Value::from(c));
                }
                if let Some(t) = title {
                    map.insert("title".into(), Value::from(t));
                }
                if let Some(d) = detail {
                    map.insert("detail".into(), Value::String(d));
                }
                if let Some((pointer, parameter)) = source {
                    let mut s = Map::new();
                    if let Some(p) = pointer {
                        s.insert("pointer".into(), Value::from(p));
                    }
                    if let Some(p) = parameter {
                        s.insert("parameter".into(), Value::from(p));
                    }
                    map.insert("source".into(), Value::Object(s));
                }
                if let Some(c) = error_code {
                    map.insert("error_code".into(), Value::from(c));
                }
                if let Some(m) = message {
                    map.insert("message".into(), m.map_or(Value::Null, Value::String));
                }
                Value::Object(map)
            },
        );
    vec(error, 1..=cfg.max_errors.max(1)).prop_map(|mut errors| {
        // Distinct ids keep the errors unique (uniqueItems).
        let mut seen = std::collections::BTreeSet::new();
        for (i, e) in errors.iter_mut().enumerate() {
            if !seen.insert(e["id"].to_string()) {
                e["id"] = Value::String(uuid_from(u128::MAX - i as u128));
                seen.insert(e["id"].to_string());
            }
        }
        json!({ "errors": errors })
    })
}

/// Valid headers for a status: `X-Request-Id` always; `Content-Type: application/json` with a
/// body; `WWW-Authenticate` on 401; `X-RateLimit-Limit`, `X-RateLimit-Remaining` (at most the
/// limit), `X-RateLimit-Reset` (relative seconds) and `Retry-After` on 429.
pub fn headers(status: u16) -> impl Strategy<Value = Vec<(String, String)>> {
    (
        request_id(),
        select(
            &[
                "Basic error=\"invalid_key\", error_description=\"The API Key is invalid\"",
                "Bearer realm=\"confluent\"",
            ][..],
        ),
        (1..=1000_u32).prop_flat_map(|limit| (Just(limit), 0..=limit)),
        0..=3600_u32,
        0..=3600_u32,
    )
        .prop_map(
            move |(id, authenticate, (limit, remaining), reset, retry)| {
                let mut out = Vec::new();
                if status != 429 {
                    out.push(("Content-Type".to_string(), "application/json".to_string()));
                }
                out.push(("X-Request-Id".to_string(), id));
                if status == 401 {
                    out.push(("WWW-Authenticate".to_string(), authenticate.to_string()));
                }
                if status == 429 {
                    out.push(("X-RateLimit-Limit".to_string(), limit.to_string()));
                    out.push(("X-RateLimit-Remaining".to_string(), remaining.to_string()));
                    out.push(("X-RateLimit-Reset".to_string(), reset.to_string()));
                    out.push(("Retry-After".to_string(), retry.to_string()));
                }
                out
            },
        )
}
