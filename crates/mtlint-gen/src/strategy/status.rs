//! A table's `status`, its warnings and scaling status, and the instants they carry.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

use crate::config::GenConfig;
use crate::time::Stamp;

const PHASES: [&str; 11] = [
    "RUNNING",
    "PENDING",
    "COMPLETED",
    "DELETING",
    "FAILING",
    "FAILED",
    "CREATING",
    "ALTERING",
    "DEGRADED",
    "STOPPING",
    "STOPPED",
];

const REASONS: [&str; 4] = [
    "MISSING_WINDOW_START_END",
    "STATE_TTL_NOT_SET",
    "UPSERT_KEY_MISMATCH",
    "HIGH_CHANGELOG_RATE",
];

/// An instant between 2020 and 2030, written with a random offset and fraction width.
pub fn stamp() -> impl Strategy<Value = Stamp> {
    (
        1_577_836_800_i64..1_893_456_000,
        0..1000_i64,
        prop_oneof![Just(0), select(&[60, -420, 330, -180, 540][..])],
        select(&[0_u8, 3, 6, 9][..]),
    )
        .prop_map(|(seconds, millis, offset_minutes, fraction_digits)| Stamp {
            // Whole milliseconds, so 3, 6 and 9 digits all write the instant exactly; with 0
            // digits the instant is rounded down to the second below.
            nanos: if fraction_digits == 0 {
                i128::from(seconds) * 1_000_000_000
            } else {
                i128::from(seconds) * 1_000_000_000 + i128::from(millis) * 1_000_000
            },
            offset_minutes,
            fraction_digits,
        })
}

/// Nanoseconds from zero to about thirty days, for ordered timestamps.
pub(super) fn delay() -> impl Strategy<Value = i128> {
    (0..2_592_000_i64).prop_map(|s| i128::from(s) * 1_000_000_000)
}

fn warning() -> impl Strategy<Value = Value> {
    (
        select(&["LOW", "MODERATE", "CRITICAL"][..]),
        stamp(),
        select(&REASONS[..]),
        select(
            &[
                "The statement is missing window start and end bounds which may lead to unbounded state growth.",
                "State TTL is not set.",
            ][..],
        ),
    )
        .prop_map(|(severity, created, reason, message)| {
            json!({"severity": severity, "created_at": created.to_rfc3339(), "reason": reason, "message": message})
        })
}

/// A table's `status` (FAILED/FAILING with a detail; `version <= latest_version`). The item
/// moves the phase to STOPPED when its spec asks the table to stop.
pub(super) fn status(cfg: &GenConfig) -> impl Strategy<Value = Value> {
    (
        select(&PHASES[..]),
        option::of(select(
            &["Materialized table is running.", "Waiting for resources."][..],
        )),
        option::of(vec(warning(), 0..=cfg.max_warnings)),
        option::of(Just(
            "CREATE OR ALTER MATERIALIZED TABLE orders AS SELECT * FROM src;",
        )),
        option::of((
            select(
                &[
                    "OK",
                    "PENDING_SCALE_DOWN",
                    "PENDING_SCALE_UP",
                    "POOL_EXHAUSTED",
                ][..],
            ),
            option::of(stamp()),
        )),
        option::of(1..=1000_i32),
        option::of(prop_oneof![Just(0_i32), 1..=3_i32]),
    )
        .prop_map(
            move |(phase, detail, warnings, creation, scaling, version, ahead)| {
                let mut map = Map::new();
                map.insert("phase".into(), Value::from(phase));
                match detail {
                    Some(d) => {
                        map.insert("detail".into(), Value::from(d));
                    }
                    None if phase == "FAILED" || phase == "FAILING" => {
                        map.insert(
                            "detail".into(),
                            Value::from("The query failed: division by zero."),
                        );
                    }
                    None => {}
                }
                if let Some(w) = warnings {
                    map.insert("warnings".into(), Value::Array(w));
                }
                if let Some(c) = creation {
                    map.insert("creation_statement".into(), Value::from(c));
                }
                if let Some((state, updated)) = scaling {
                    let mut s = Map::new();
                    s.insert("scaling_state".into(), Value::from(state));
                    if let Some(u) = updated {
                        s.insert("last_updated".into(), Value::String(u.to_rfc3339()));
                    }
                    map.insert("scaling_status".into(), Value::Object(s));
                }
                match (version, ahead) {
                    (Some(v), Some(a)) => {
                        map.insert("version".into(), Value::from(v));
                        map.insert("latest_version".into(), Value::from(v + a));
                    }
                    (Some(v), None) => {
                        map.insert("version".into(), Value::from(v));
                    }
                    (None, Some(a)) => {
                        map.insert("latest_version".into(), Value::from(1 + a));
                    }
                    (None, None) => {}
                }
                Value::Object(map)
            },
        )
}
