//! An item (`sql.v1.MaterializedTable`) and its `metadata` (`ObjectMeta`, labels).

use mtlint_rules::rules::SchemaEnum;
use mtlint_rules::rules::SchemaFormat;
use mtlint_rules::rules::SchemaMaxLength;
use mtlint_rules::rules::SchemaPattern;
use mtlint_rules::rules::SchemaRequired;
use mtlint_rules::rules::SchemaType;
use serde_json::{json, Value};

use super::Action::{Edit, Remove, Replace, Set};
use super::Anchor::{Item, ItemMeta, Labels};
use super::{entry, typed_enum, Mutation, ITEM, ITEM_METADATA, SPEC, STATUS};
use crate::mutation::site::{self, join, Picker};
use crate::strategy::{encode_segment, self_link};

/// The item itself: its type, required members, `api_version` and `kind`.
pub(super) fn item() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &[&format!("{ITEM}#type")],
            Item,
            Replace(json!("orders")),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{ITEM}#required:api_version")],
            Item,
            Remove("api_version"),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{ITEM}#required:kind")],
            Item,
            Remove("kind"),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{ITEM}#required:metadata")],
            Item,
            Remove("metadata"),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{ITEM}#required:name")],
            Item,
            Remove("name"),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{ITEM}#required:organization_id")],
            Item,
            Remove("organization_id"),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{ITEM}#required:environment_id")],
            Item,
            Remove("environment_id"),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{ITEM}#required:spec")],
            Item,
            Remove("spec"),
        ),
        typed_enum(
            &[&format!("{ITEM}/properties/api_version#type")],
            Item,
            Set("api_version", json!(true)),
        ),
        entry(
            &SchemaEnum::META,
            &[&format!("{ITEM}/properties/api_version#enum")],
            Item,
            Set("api_version", json!("sql/v1beta1")),
        ),
        typed_enum(
            &[&format!("{ITEM}/properties/kind#type")],
            Item,
            Set("kind", json!(7)),
        ),
        entry(
            &SchemaEnum::META,
            &[&format!("{ITEM}/properties/kind#enum")],
            Item,
            Set("kind", json!("Statement")),
        ),
    ]
}

/// The item's members: `metadata` and its labels, `name`, the organization and environment
/// ids, and `status` and `spec` as wrong types.
pub(super) fn members() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &[&format!("{ITEM_METADATA}#type")],
            Item,
            Set("metadata", json!("self")),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{ITEM_METADATA}/properties/labels#type")],
            ItemMeta,
            Set("labels", json!(["team"])),
        ),
        entry(
            &SchemaType::META,
            &[&format!(
                "{ITEM_METADATA}/properties/labels/additionalProperties#type"
            )],
            Labels,
            Edit(
                "value-not-string",
                "a label whose value is a number (its key holds a '/')",
                label_not_string,
            ),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{ITEM}/properties/name#type")],
            Item,
            Set("name", json!(42)),
        ),
        entry(
            &SchemaPattern::META,
            &[&format!("{ITEM}/properties/name#pattern")],
            Item,
            Edit(
                "name-with-space",
                "name \"high value orders\" (self link updated to match)",
                name_with_space,
            ),
        ),
        entry(
            &SchemaMaxLength::META,
            &[&format!("{ITEM}/properties/name#maxLength")],
            Item,
            Edit(
                "name-250",
                "a name of 250 characters (self link updated to match)",
                name_too_long,
            ),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{ITEM}/properties/organization_id#type")],
            Item,
            Set("organization_id", json!(42)),
        ),
        entry(
            &SchemaFormat::META,
            &[&format!("{ITEM}/properties/organization_id#format")],
            Item,
            Set("organization_id", json!("5a6b2f1c8d3e4f5a9b7c1d2e3f4a5b6c")),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{ITEM}/properties/environment_id#type")],
            Item,
            Set("environment_id", json!(["env-1"])),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{STATUS}#type")],
            Item,
            Set("status", json!("RUNNING")),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{SPEC}#type")],
            Item,
            Set("spec", json!("lkc-1")),
        ),
    ]
}

/// The item's `metadata` (`ObjectMeta`): the self link, the resource name and the timestamps.
pub(super) fn object_meta() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaRequired::META,
            &["ObjectMeta#required:self"],
            ItemMeta,
            Remove("self"),
        ),
        entry(
            &SchemaType::META,
            &["ObjectMeta/properties/self#type"],
            ItemMeta,
            Set("self", json!(1)),
        ),
        entry(
            &SchemaFormat::META,
            &["ObjectMeta/properties/self#format"],
            ItemMeta,
            Set(
                "self",
                json!("/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"),
            ),
        ),
        entry(
            &SchemaType::META,
            &["ObjectMeta/properties/resource_name#type"],
            ItemMeta,
            Set("resource_name", json!(1)),
        ),
        // The seed's own example for resource_name.
        entry(
            &SchemaFormat::META,
            &["ObjectMeta/properties/resource_name#format"],
            ItemMeta,
            Set("resource_name", json!("")),
        ),
        entry(
            &SchemaType::META,
            &["ObjectMeta/properties/created_at#type"],
            ItemMeta,
            Set("created_at", json!(1_700_000_000)),
        ),
        entry(
            &SchemaFormat::META,
            &["ObjectMeta/properties/created_at#format"],
            ItemMeta,
            Set("created_at", json!("2024-01-02 03:04:05Z")),
        ),
        entry(
            &SchemaType::META,
            &["ObjectMeta/properties/updated_at#type"],
            ItemMeta,
            Set("updated_at", json!(null)),
        ),
        entry(
            &SchemaFormat::META,
            &["ObjectMeta/properties/updated_at#format"],
            ItemMeta,
            Set("updated_at", json!("2024-01-02T03:04:05")),
        ),
        entry(
            &SchemaType::META,
            &["ObjectMeta/properties/deleted_at#type"],
            ItemMeta,
            Set("deleted_at", json!(false)),
        ),
        entry(
            &SchemaFormat::META,
            &["ObjectMeta/properties/deleted_at#format"],
            ItemMeta,
            Set("deleted_at", json!("2099-13-01T00:00:00Z")),
        ),
    ]
}

/// The host of an item's self link (everything before `/sql/v1`).
fn host_of(body: &Value, item: &str) -> String {
    body.pointer(&format!("{item}/metadata/self"))
        .and_then(Value::as_str)
        .and_then(|s| s.find("/sql/v1").map(|i| s[..i].to_string()))
        .unwrap_or_else(|| "https://flink.us-west1.aws.confluent.cloud".to_string())
}

/// Rewrites an item's `metadata.self` from its own members (after a change to its name,
/// environment or cluster), and its `resource_name` if it has one.
pub(crate) fn rebuild_self(body: &mut Value, item: &str) -> Result<(), String> {
    let host = host_of(body, item);
    let text = |p: &str| {
        body.pointer(&format!("{item}{p}"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let (name, environment, cluster, organization) = (
        text("/name"),
        text("/environment_id"),
        text("/spec/kafka_cluster_id"),
        text("/organization_id"),
    );
    let metadata = site::object(body, &format!("{item}/metadata"))?;
    metadata.insert(
        "self".into(),
        Value::String(self_link(&host, &environment, &cluster, &name)),
    );
    if metadata.contains_key("resource_name") {
        metadata.insert(
            "resource_name".into(),
            Value::String(format!(
                "crn://confluent.cloud/organization={organization}/environment={environment}/cloud-cluster={cluster}/materialized-table={}",
                encode_segment(&name)
            )),
        );
    }
    Ok(())
}

fn name_with_space(body: &mut Value, item: &str, _: &mut Picker) -> Result<String, String> {
    site::object(body, item)?.insert("name".into(), json!("high value orders"));
    rebuild_self(body, item)?;
    Ok(join(item, "name"))
}

fn name_too_long(body: &mut Value, item: &str, _: &mut Picker) -> Result<String, String> {
    site::object(body, item)?.insert("name".into(), Value::String("n".repeat(250)));
    rebuild_self(body, item)?;
    Ok(join(item, "name"))
}

fn label_not_string(body: &mut Value, labels: &str, _: &mut Picker) -> Result<String, String> {
    site::object(body, labels)?.insert("confluent.io/owner".into(), json!(7));
    Ok(join(labels, "confluent.io/owner"))
}
