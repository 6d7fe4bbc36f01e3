//! An item's `spec` (`sql.v1.MaterializedTableSpec`).

use mtlint_rules::rules::SchemaMaxLength;
use mtlint_rules::rules::SchemaMaxProperties;
use mtlint_rules::rules::SchemaType;
use serde_json::{json, Value};

use super::Action::{Edit, Set};
use super::Anchor::{SessionOptions, Spec, TableOptions};
use super::{entry, Mutation, SPEC};
use crate::mutation::site::{self, join, Picker};

/// The spec's settings: Kafka cluster, compute pool, principal, `stopped`.
pub(super) fn settings() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}/properties/kafka_cluster_id#type")],
            Spec,
            Set("kafka_cluster_id", json!(12345)),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}/properties/compute_pool_id#type")],
            Spec,
            Set("compute_pool_id", json!(123)),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}/properties/principal#type")],
            Spec,
            Set("principal", json!({"id": "sa-1"})),
        ),
        entry(
            &SchemaMaxLength::META,
            &[&format!("{SPEC}/properties/principal#maxLength")],
            Spec,
            Set("principal", Value::String("p".repeat(256))),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}/properties/stopped#type")],
            Spec,
            Set("stopped", json!("false")),
        ),
    ]
}

/// `table_options` and `session_options`: their type, their values' type, their size.
pub(super) fn options() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}/properties/table_options#type")],
            Spec,
            Set("table_options", json!(["a=b"])),
        ),
        entry(
            &SchemaType::META,
            &[&format!(
                "{SPEC}/properties/table_options/additionalProperties#type"
            )],
            TableOptions,
            Edit(
                "value-not-string",
                "an option whose value is a number",
                table_option_not_string,
            ),
        ),
        entry(
            &SchemaMaxProperties::META,
            &[&format!("{SPEC}/properties/table_options#maxProperties")],
            TableOptions,
            Edit("8193-members", "8193 options", too_many_options),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}/properties/session_options#type")],
            Spec,
            Set("session_options", json!("a=b")),
        ),
        entry(
            &SchemaType::META,
            &[&format!(
                "{SPEC}/properties/session_options/additionalProperties#type"
            )],
            SessionOptions,
            Edit(
                "value-not-string",
                "an option whose value is a boolean (its key holds '~' and '/')",
                session_option_not_string,
            ),
        ),
        entry(
            &SchemaMaxProperties::META,
            &[&format!("{SPEC}/properties/session_options#maxProperties")],
            SessionOptions,
            Edit("8193-members", "8193 options", too_many_options),
        ),
    ]
}

/// What defines the table: columns, constraints, query, watermark and distribution, as
/// wrong types (and an over-long query).
pub(super) fn definition() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}/properties/columns#type")],
            Spec,
            Edit(
                "columns-object",
                "columns as an object (watermark, constraints and distribution removed first)",
                columns_not_array,
            ),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}/properties/constraints#type")],
            Spec,
            Set("constraints", json!({"type": "PRIMARY_KEY"})),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}/properties/query#type")],
            Spec,
            Set("query", json!(["SELECT 1"])),
        ),
        entry(
            &SchemaMaxLength::META,
            &[&format!("{SPEC}/properties/query#maxLength")],
            Spec,
            Set(
                "query",
                Value::String(format!("SELECT '{}'", "q".repeat(131_064))),
            ),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Watermark#type"],
            Spec,
            Set("watermark", json!("event_time")),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Distribution#type"],
            Spec,
            Set("distribution", json!("HASH")),
        ),
    ]
}

fn too_many_options(body: &mut Value, options: &str, _: &mut Picker) -> Result<String, String> {
    let map = site::object(body, options)?;
    let mut n = 0;
    while map.len() < 8193 {
        map.insert(format!("gen.option.{n}"), Value::String(n.to_string()));
        n += 1;
    }
    Ok(options.to_string())
}

fn table_option_not_string(
    body: &mut Value,
    options: &str,
    _: &mut Picker,
) -> Result<String, String> {
    site::object(body, options)?.insert("scan.parallelism".into(), json!(4));
    Ok(join(options, "scan.parallelism"))
}

fn session_option_not_string(
    body: &mut Value,
    options: &str,
    _: &mut Picker,
) -> Result<String, String> {
    site::object(body, options)?.insert("user~overrides/enabled".into(), json!(true));
    Ok(join(options, "user~overrides/enabled"))
}

/// `columns` replaced by an object: first the references to columns go (valid without them),
/// so that only the type is wrong.
fn columns_not_array(body: &mut Value, spec: &str, _: &mut Picker) -> Result<String, String> {
    let map = site::object(body, spec)?;
    for member in ["watermark", "constraints", "distribution"] {
        map.remove(member);
    }
    map.insert("columns".into(), json!({}));
    Ok(join(spec, "columns"))
}
