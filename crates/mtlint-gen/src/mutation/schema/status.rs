//! An item's `status` (`sql.v1.MaterializedTableStatus`), its warnings and its scaling status.

use mtlint_rules::rules::SchemaEnum;
use mtlint_rules::rules::SchemaFormat;
use mtlint_rules::rules::SchemaMinimum;
use mtlint_rules::rules::SchemaRequired;
use mtlint_rules::rules::SchemaType;
use serde_json::{json, Value};

use super::Action::{Edit, Remove, Replace, Set};
use super::Anchor::{Scaling, Status, Warning};
use super::{entry, typed_enum, Mutation, STATUS};
use crate::mutation::site::{self, join, Picker};

/// The status: phase, detail, warnings, creation statement, versions, scaling status.
pub(super) fn status() -> Vec<Mutation> {
    vec![
        typed_enum(
            &[&format!("{STATUS}/properties/phase#type")],
            Status,
            Set("phase", json!(1)),
        ),
        entry(
            &SchemaEnum::META,
            &[&format!("{STATUS}/properties/phase#enum")],
            Status,
            Set("phase", json!("Running")),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{STATUS}/properties/detail#type")],
            Status,
            Set("detail", json!(null)),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{STATUS}/properties/warnings#type")],
            Status,
            Set("warnings", json!("none")),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{STATUS}/properties/creation_statement#type")],
            Status,
            Set("creation_statement", json!(1)),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{STATUS}/properties/version#type")],
            Status,
            Set("version", json!(1.5)),
        ),
        entry(
            &SchemaMinimum::META,
            &[&format!("{STATUS}/properties/version#minimum")],
            Status,
            Set("version", json!(0)),
        ),
        entry(
            &SchemaFormat::META,
            &[&format!("{STATUS}/properties/version#x-mtlint-int32")],
            Status,
            Edit(
                "version-2147483648",
                "version 2147483648 (latest_version removed first)",
                version_beyond_int32,
            ),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{STATUS}/properties/latest_version#type")],
            Status,
            Set("latest_version", json!("4")),
        ),
        entry(
            &SchemaMinimum::META,
            &[&format!("{STATUS}/properties/latest_version#minimum")],
            Status,
            Set("latest_version", json!(0)),
        ),
        entry(
            &SchemaFormat::META,
            &[&format!(
                "{STATUS}/properties/latest_version#x-mtlint-int32"
            )],
            Status,
            Set("latest_version", json!(2_147_483_648_i64)),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.ScalingStatus#type"],
            Status,
            Set("scaling_status", json!("OK")),
        ),
    ]
}

/// A status warning (`sql.v1.StatementWarning`).
pub(super) fn warning() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &[
                "sql.v1.MaterializedTableWarning#type",
                "sql.v1.StatementWarning#type",
            ],
            Warning,
            Replace(json!("LOW: state TTL")),
        ),
        entry(
            &SchemaRequired::META,
            &["sql.v1.StatementWarning#required:severity"],
            Warning,
            Remove("severity"),
        ),
        entry(
            &SchemaRequired::META,
            &["sql.v1.StatementWarning#required:created_at"],
            Warning,
            Remove("created_at"),
        ),
        entry(
            &SchemaRequired::META,
            &["sql.v1.StatementWarning#required:reason"],
            Warning,
            Remove("reason"),
        ),
        entry(
            &SchemaRequired::META,
            &["sql.v1.StatementWarning#required:message"],
            Warning,
            Remove("message"),
        ),
        typed_enum(
            &["sql.v1.WarningSeverity#type"],
            Warning,
            Set("severity", json!(2)),
        ),
        entry(
            &SchemaEnum::META,
            &["sql.v1.WarningSeverity#enum"],
            Warning,
            Set("severity", json!("HIGH")),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.StatementWarning/properties/created_at#type"],
            Warning,
            Set("created_at", json!(1_700_000_000)),
        ),
        entry(
            &SchemaFormat::META,
            &["sql.v1.StatementWarning/properties/created_at#format"],
            Warning,
            Set("created_at", json!("2025-11-10")),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.StatementWarning/properties/reason#type"],
            Warning,
            Set("reason", json!(["STATE_TTL_NOT_SET"])),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.StatementWarning/properties/message#type"],
            Warning,
            Set("message", json!(1)),
        ),
    ]
}

/// `status.scaling_status` (`sql.v1.ScalingStatus`).
pub(super) fn scaling_status() -> Vec<Mutation> {
    vec![
        typed_enum(
            &["sql.v1.ScalingStatus/properties/scaling_state#type"],
            Scaling,
            Set("scaling_state", json!(0)),
        ),
        entry(
            &SchemaEnum::META,
            &["sql.v1.ScalingStatus/properties/scaling_state#enum"],
            Scaling,
            Set("scaling_state", json!("SCALING_UP")),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.ScalingStatus/properties/last_updated#type"],
            Scaling,
            Set("last_updated", json!(1)),
        ),
        // The seed's own example for last_updated.
        entry(
            &SchemaFormat::META,
            &["sql.v1.ScalingStatus/properties/last_updated#format"],
            Scaling,
            Set("last_updated", json!("1996-03-19 01:02:03-04:05")),
        ),
    ]
}

/// `version` beyond int32. `latest_version` goes first: compared with an out-of-range version
/// it would raise `version-exceeds-latest` (see the crate docs: that rule compares values the
/// schema already rejects).
fn version_beyond_int32(body: &mut Value, status: &str, _: &mut Picker) -> Result<String, String> {
    let map = site::object(body, status)?;
    map.remove("latest_version");
    map.insert("version".into(), json!(2_147_483_648_i64));
    Ok(join(status, "version"))
}
