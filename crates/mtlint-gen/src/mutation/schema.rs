//! Table-driven mutations for the constraints of the derived JSON Schemas.

use mtlint_rules::rules::correctness::duplicate_name_in_cluster::DuplicateNameInCluster;
use mtlint_rules::rules::schema::SCHEMA_ADDITIONAL_PROPERTIES;
use mtlint_rules::rules::schema::SCHEMA_ENUM;
use mtlint_rules::rules::schema::SCHEMA_FORMAT;
use mtlint_rules::rules::schema::SCHEMA_MAX_LENGTH;
use mtlint_rules::rules::schema::SCHEMA_MAX_PROPERTIES;
use mtlint_rules::rules::schema::SCHEMA_MINIMUM;
use mtlint_rules::rules::schema::SCHEMA_ONE_OF;
use mtlint_rules::rules::schema::SCHEMA_PATTERN;
use mtlint_rules::rules::schema::SCHEMA_REQUIRED;
use mtlint_rules::rules::schema::SCHEMA_TYPE;
use mtlint_rules::rules::schema::SCHEMA_UNIQUE_ITEMS;
use mtlint_rules::RuleMeta;
use serde_json::{json, Value};

use super::site::{self, join, Picker};
use super::{Base, Kind, Mutation, Outcome, Record};
use crate::exchange::Sample;
use crate::strategy::{encode_segment, self_link};

/// Where in a body a schema mutation acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The 200 body itself.
    ListRoot,
    /// `/metadata` of a list.
    ListMeta,
    /// An item `/data/i`.
    Item,
    /// An item's `metadata`.
    ItemMeta,
    /// An item's `metadata.labels` (created when missing).
    Labels,
    /// An item's `spec`.
    Spec,
    /// `spec.table_options` (created when missing).
    TableOptions,
    /// `spec.session_options` (created when missing).
    SessionOptions,
    /// A column nothing refers to, of a kind (any kind: `None`).
    Column(Option<&'static str>),
    /// A DataType node of a simple type (INT, STRING...) in an unreferenced column.
    DataType,
    /// A ROW field.
    RowField,
    /// A primary-key constraint.
    Constraint,
    /// The distribution (with a key).
    Distribution,
    /// The watermark.
    Watermark,
    /// The status.
    Status,
    /// A warning of the status.
    Warning,
    /// `status.scaling_status`.
    Scaling,
    /// An error body itself.
    FailureRoot,
    /// An error `/errors/k`.
    Error,
    /// An error's `source` (created when missing).
    ErrorSource,
}

impl Anchor {
    fn slug(self) -> &'static str {
        match self {
            Anchor::ListRoot => "list",
            Anchor::ListMeta => "list-metadata",
            Anchor::Item => "item",
            Anchor::ItemMeta => "item-metadata",
            Anchor::Labels => "labels",
            Anchor::Spec => "spec",
            Anchor::TableOptions => "table-options",
            Anchor::SessionOptions => "session-options",
            Anchor::Column(None) => "column",
            Anchor::Column(Some("Physical")) => "physical-column",
            Anchor::Column(Some("Metadata")) => "metadata-column",
            Anchor::Column(Some(_)) => "computed-column",
            Anchor::DataType => "data-type",
            Anchor::RowField => "row-field",
            Anchor::Constraint => "constraint",
            Anchor::Distribution => "distribution",
            Anchor::Watermark => "watermark",
            Anchor::Status => "status",
            Anchor::Warning => "warning",
            Anchor::Scaling => "scaling-status",
            Anchor::FailureRoot => "error-body",
            Anchor::Error => "error",
            Anchor::ErrorSource => "error-source",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Anchor::ListRoot => "the list body",
            Anchor::ListMeta => "the list's metadata",
            Anchor::Item => "an item",
            Anchor::ItemMeta => "an item's metadata",
            Anchor::Labels => "an item's metadata.labels",
            Anchor::Spec => "an item's spec",
            Anchor::TableOptions => "spec.table_options",
            Anchor::SessionOptions => "spec.session_options",
            Anchor::Column(None) => "an unreferenced column",
            Anchor::Column(Some("Physical")) => "an unreferenced Physical column",
            Anchor::Column(Some("Metadata")) => "an unreferenced Metadata column",
            Anchor::Column(Some(_)) => "an unreferenced Computed column",
            Anchor::DataType => {
                "a simple DataType node (possibly nested) of an unreferenced column"
            }
            Anchor::RowField => "a ROW field",
            Anchor::Constraint => "a PRIMARY_KEY constraint",
            Anchor::Distribution => "the distribution",
            Anchor::Watermark => "the watermark",
            Anchor::Status => "an item's status",
            Anchor::Warning => "a status warning",
            Anchor::Scaling => "status.scaling_status",
            Anchor::FailureRoot => "the error body",
            Anchor::Error => "an error",
            Anchor::ErrorSource => "an error's source",
        }
    }

    fn base(self) -> Base {
        match self {
            Anchor::ListRoot | Anchor::ListMeta => Base::List(0),
            Anchor::FailureRoot | Anchor::Error | Anchor::ErrorSource => Base::Error(None),
            _ => Base::List(1),
        }
    }
}

/// Edits `body` at a site; returns the pointer of the finding.
pub(crate) type Edit = fn(&mut Value, &str, &mut Picker) -> Result<String, String>;

/// What a schema mutation does at its anchor.
#[derive(Debug, Clone)]
pub(crate) enum Action {
    /// Removes a required member (the finding is where it belongs).
    Remove(&'static str),
    /// Sets a member to a value (the finding is at the member).
    Set(&'static str, Value),
    /// Replaces the anchor itself.
    Replace(Value),
    /// A custom edit, with a slug and a description.
    Edit(&'static str, &'static str, Edit),
}

/// Finds (or creates) the anchor in the first response's body; its pointer.
fn resolve(body: &mut Value, anchor: Anchor, picker: &mut Picker) -> Result<String, String> {
    if matches!(anchor, Anchor::ListRoot | Anchor::FailureRoot) {
        return Ok(String::new());
    }
    if anchor == Anchor::ListMeta {
        return Ok("/metadata".into());
    }
    if anchor == Anchor::Error {
        return site::error(body, picker);
    }
    if anchor == Anchor::ErrorSource {
        let error = site::error(body, picker)?;
        return site::ensure_member(body, &error, "source", || json!({}));
    }
    let item = site::item(body, picker, 0)?;
    match anchor {
        Anchor::Item => Ok(item),
        Anchor::ItemMeta => Ok(format!("{item}/metadata")),
        Anchor::Labels => {
            site::ensure_member(body, &format!("{item}/metadata"), "labels", || json!({}))
        }
        Anchor::Spec => Ok(format!("{item}/spec")),
        Anchor::TableOptions => {
            site::ensure_member(body, &format!("{item}/spec"), "table_options", || json!({}))
        }
        Anchor::SessionOptions => {
            site::ensure_member(body, &format!("{item}/spec"), "session_options", || {
                json!({})
            })
        }
        Anchor::Column(kind) => site::unreferenced_column(body, &item, kind, picker),
        Anchor::DataType => site::scalar_node(body, &item, picker),
        Anchor::RowField => site::row_field(body, &item, picker),
        Anchor::Constraint => site::ensure_constraint(body, &item, picker),
        Anchor::Distribution => site::ensure_distribution(body, &item, picker),
        Anchor::Watermark => site::ensure_watermark(body, &item),
        Anchor::Status => site::ensure_status(body, &item),
        Anchor::Warning => site::ensure_warning(body, &item, picker),
        Anchor::Scaling => site::ensure_scaling(body, &item),
        _ => unreachable_anchor(anchor),
    }
}

fn unreachable_anchor(anchor: Anchor) -> Result<String, String> {
    Err(format!("anchor {anchor:?} is resolved earlier"))
}

pub(crate) fn apply(
    sample: &mut Sample,
    anchor: Anchor,
    action: &Action,
    picker: &mut Picker,
) -> Result<Outcome, String> {
    let body = sample
        .first_mut()
        .and_then(|e| e.body.as_mut())
        .ok_or("the sample has no body")?;
    let pointer = resolve(body, anchor, picker)?;
    let found = match action {
        Action::Remove(member) => {
            site::object(body, &pointer)?
                .remove(*member)
                .ok_or_else(|| format!("{pointer} has no {member}"))?;
            join(&pointer, member)
        }
        Action::Set(member, value) => {
            site::object(body, &pointer)?.insert((*member).to_string(), value.clone());
            join(&pointer, member)
        }
        Action::Replace(value) => {
            *site::at(body, &pointer)? = value.clone();
            pointer
        }
        Action::Edit(_, _, edit) => edit(body, &pointer, picker)?,
    };
    Ok(Outcome::body(found))
}

fn entry(rule: &'static RuleMeta, covers: &[&str], anchor: Anchor, action: Action) -> Mutation {
    entry_tolerating(rule, covers, anchor, action, &[])
}

fn entry_tolerating(
    rule: &'static RuleMeta,
    covers: &[&str],
    anchor: Anchor,
    action: Action,
    tolerated: &[&'static RuleMeta],
) -> Mutation {
    let keyword = rule.name.trim_start_matches("schema/");
    let (what, description) = match &action {
        Action::Remove(m) => (
            (*m).to_string(),
            format!(
                "removes the required member `{m}` from {}",
                anchor.describe()
            ),
        ),
        Action::Set(m, v) => (
            (*m).to_string(),
            format!("sets `{m}` of {} to {}", anchor.describe(), preview(v)),
        ),
        Action::Replace(v) => (
            "itself".to_string(),
            format!("replaces {} with {}", anchor.describe(), preview(v)),
        ),
        Action::Edit(slug, text, _) => (
            (*slug).to_string(),
            format!("{}: {text}", anchor.describe()),
        ),
    };
    let id = format!("{}-{}-{}", kebab(keyword), anchor.slug(), kebab(&what));
    Mutation {
        id,
        rule,
        description,
        base: anchor.base(),
        record: Record::Body,
        covers: covers.iter().map(|c| (*c).to_string()).collect(),
        tolerated: tolerated.to_vec(),
        kind: Kind::Schema(anchor, action),
    }
}

/// A wrong JSON type for a member with an `enum`: the value is outside the enum as well, and
/// the validator reports both keywords at the same pointer (see the crate docs).
fn typed_enum(covers: &[&str], anchor: Anchor, action: Action) -> Mutation {
    entry_tolerating(&SCHEMA_TYPE, covers, anchor, action, &[&SCHEMA_ENUM])
}

fn kebab(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '_' || c == '.' {
            out.push('-');
        } else {
            out.push(c);
        }
    }
    out
}

fn preview(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 40 {
        format!("{}... ({} characters)", &text[..30], text.len())
    } else {
        text
    }
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

fn duplicate_item(body: &mut Value, _: &str, picker: &mut Picker) -> Result<String, String> {
    let last = site::item(body, picker, 1)?;
    let first = site::at(body, "/data/0")?.clone();
    *site::at(body, &last)? = first;
    Ok(last)
}

fn duplicate_error(body: &mut Value, _: &str, picker: &mut Picker) -> Result<String, String> {
    let error = site::error(body, picker)?;
    let copy = site::at(body, &error)?.clone();
    let errors = site::at(body, "/errors")?
        .as_array_mut()
        .ok_or("errors is not an array")?;
    errors.push(copy);
    Ok(format!("/errors/{}", errors.len() - 1))
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

fn label_not_string(body: &mut Value, labels: &str, _: &mut Picker) -> Result<String, String> {
    site::object(body, labels)?.insert("confluent.io/owner".into(), json!(7));
    Ok(join(labels, "confluent.io/owner"))
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

fn constraint_column_not_string(
    body: &mut Value,
    constraint: &str,
    picker: &mut Picker,
) -> Result<String, String> {
    let columns = site::at(body, &format!("{constraint}/columns"))?
        .as_array_mut()
        .ok_or("constraint columns is not an array")?;
    let m = picker.below(columns.len());
    columns[m] = json!(2);
    Ok(format!("{constraint}/columns/{m}"))
}

fn distribution_key_not_string(
    body: &mut Value,
    distribution: &str,
    picker: &mut Picker,
) -> Result<String, String> {
    let keys = site::at(body, &format!("{distribution}/keys"))?
        .as_array_mut()
        .ok_or("distribution keys is not an array")?;
    let m = picker.below(keys.len());
    keys[m] = json!(2);
    Ok(format!("{distribution}/keys/{m}"))
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

/// `version` beyond int32. `latest_version` goes first: compared with an out-of-range version
/// it would raise `version-exceeds-latest` (see the crate docs: that rule compares values the
/// schema already rejects).
fn version_beyond_int32(body: &mut Value, status: &str, _: &mut Picker) -> Result<String, String> {
    let map = site::object(body, status)?;
    map.remove("latest_version");
    map.insert("version".into(), json!(2_147_483_648_i64));
    Ok(join(status, "version"))
}

fn error_status_number(body: &mut Value, error: &str, _: &mut Picker) -> Result<String, String> {
    let map = site::object(body, error)?;
    let status: i64 = map
        .get("status")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    map.insert("status".into(), json!(status));
    Ok(join(error, "status"))
}

fn relative_link(link: &'static str) -> Edit {
    // One function per link, so the link name is part of the mutation.
    match link {
        "first" => |b, p, _| set_relative(b, p, "first"),
        "last" => |b, p, _| set_relative(b, p, "last"),
        "prev" => |b, p, _| set_relative(b, p, "prev"),
        _ => |b, p, _| set_relative(b, p, "next"),
    }
}

fn set_relative(body: &mut Value, metadata: &str, link: &str) -> Result<String, String> {
    // The operation's path without scheme and host: still on the operation, still paged.
    let first_item_org = body
        .pointer("/data/0/organization_id")
        .and_then(Value::as_str)
        .unwrap_or("5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c")
        .to_string();
    let env = body
        .pointer("/data/0/environment_id")
        .and_then(Value::as_str)
        .unwrap_or("env-12345")
        .to_string();
    site::object(body, metadata)?.insert(
        link.to_string(),
        Value::String(format!(
            "/sql/v1/organizations/{first_item_org}/environments/{env}/materialized-tables?page_size=10&page_token=abc"
        )),
    );
    Ok(join(metadata, link))
}

/// Every schema mutation.
#[allow(clippy::too_many_lines)]
pub(crate) fn mutations() -> Vec<Mutation> {
    use Action::{Edit as E, Remove as R, Replace as X, Set as S};
    use Anchor::*;
    const T: &RuleMeta = &SCHEMA_TYPE;
    const Q: &RuleMeta = &SCHEMA_REQUIRED;
    const F: &RuleMeta = &SCHEMA_FORMAT;
    const EN: &RuleMeta = &SCHEMA_ENUM;
    let list = "sql.v1.MaterializedTableList";
    let item = "sql.v1.MaterializedTable";
    let meta2 = "sql.v1.MaterializedTable/properties/metadata/allOf/1";
    let spec = "sql.v1.MaterializedTableSpec";
    let status = "sql.v1.MaterializedTableStatus";
    let mut out = vec![
        // The list.
        entry(T, &[&format!("{list}#type")], ListRoot, X(json!([]))),
        entry(
            Q,
            &[&format!("{list}#required:api_version")],
            ListRoot,
            R("api_version"),
        ),
        entry(Q, &[&format!("{list}#required:kind")], ListRoot, R("kind")),
        entry(
            Q,
            &[&format!("{list}#required:metadata")],
            ListRoot,
            R("metadata"),
        ),
        entry(Q, &[&format!("{list}#required:data")], ListRoot, R("data")),
        typed_enum(
            &[&format!("{list}/properties/api_version#type")],
            ListRoot,
            S("api_version", json!(1)),
        ),
        entry(
            EN,
            &[&format!("{list}/properties/api_version#enum")],
            ListRoot,
            S("api_version", json!("sql/v2")),
        ),
        typed_enum(
            &[&format!("{list}/properties/kind#type")],
            ListRoot,
            S("kind", json!(["MaterializedTableList"])),
        ),
        entry(
            EN,
            &[&format!("{list}/properties/kind#enum")],
            ListRoot,
            S("kind", json!("MaterializedTable")),
        ),
        entry(
            T,
            &[&format!("{list}/properties/data#type")],
            ListRoot,
            S("data", json!({})),
        ),
        Mutation {
            base: Base::List(2),
            ..entry_tolerating(
                &SCHEMA_UNIQUE_ITEMS,
                &[&format!("{list}/properties/data#uniqueItems")],
                ListRoot,
                E(
                    "duplicate-item",
                    "replaces a later item with a copy of the first",
                    duplicate_item,
                ),
                // Two equal items necessarily repeat a name in a cluster.
                &[&DuplicateNameInCluster::META],
            )
        },
        // ListMeta.
        entry(T, &["ListMeta#type"], ListMeta, X(json!("page 1"))),
        entry(
            T,
            &["ListMeta/properties/total_size#type"],
            ListMeta,
            S("total_size", json!("1")),
        ),
        entry(
            &SCHEMA_MINIMUM,
            &["ListMeta/properties/total_size#minimum"],
            ListMeta,
            S("total_size", json!(-1)),
        ),
        entry(
            F,
            &["ListMeta/properties/total_size#x-mtlint-int32"],
            ListMeta,
            S("total_size", json!(2_147_483_648_i64)),
        ),
    ];
    for link in ["first", "last", "prev", "next"] {
        let type_id = format!("ListMeta/properties/{link}#type");
        let format_id = format!("ListMeta/properties/{link}#format");
        out.push(entry(T, &[&type_id], ListMeta, S(link, json!(42))));
        let slug: &'static str = match link {
            "first" => "first-relative",
            "last" => "last-relative",
            "prev" => "prev-relative",
            _ => "next-relative",
        };
        out.push(entry(
            F,
            &[&format_id],
            ListMeta,
            E(
                slug,
                "a link without scheme and host (the operation's path and query only)",
                relative_link(link),
            ),
        ));
    }
    out.extend([
        // The item.
        entry(T, &[&format!("{item}#type")], Item, X(json!("orders"))),
        entry(
            Q,
            &[&format!("{item}#required:api_version")],
            Item,
            R("api_version"),
        ),
        entry(Q, &[&format!("{item}#required:kind")], Item, R("kind")),
        entry(
            Q,
            &[&format!("{item}#required:metadata")],
            Item,
            R("metadata"),
        ),
        entry(Q, &[&format!("{item}#required:name")], Item, R("name")),
        entry(
            Q,
            &[&format!("{item}#required:organization_id")],
            Item,
            R("organization_id"),
        ),
        entry(
            Q,
            &[&format!("{item}#required:environment_id")],
            Item,
            R("environment_id"),
        ),
        entry(Q, &[&format!("{item}#required:spec")], Item, R("spec")),
        typed_enum(
            &[&format!("{item}/properties/api_version#type")],
            Item,
            S("api_version", json!(true)),
        ),
        entry(
            EN,
            &[&format!("{item}/properties/api_version#enum")],
            Item,
            S("api_version", json!("sql/v1beta1")),
        ),
        typed_enum(
            &[&format!("{item}/properties/kind#type")],
            Item,
            S("kind", json!(7)),
        ),
        entry(
            EN,
            &[&format!("{item}/properties/kind#enum")],
            Item,
            S("kind", json!("Statement")),
        ),
        entry(
            T,
            &[&format!("{meta2}#type")],
            Item,
            S("metadata", json!("self")),
        ),
        entry(
            T,
            &[&format!("{meta2}/properties/labels#type")],
            ItemMeta,
            S("labels", json!(["team"])),
        ),
        entry(
            T,
            &[&format!(
                "{meta2}/properties/labels/additionalProperties#type"
            )],
            Labels,
            E(
                "value-not-string",
                "a label whose value is a number (its key holds a '/')",
                label_not_string,
            ),
        ),
        entry(
            T,
            &[&format!("{item}/properties/name#type")],
            Item,
            S("name", json!(42)),
        ),
        entry(
            &SCHEMA_PATTERN,
            &[&format!("{item}/properties/name#pattern")],
            Item,
            E(
                "name-with-space",
                "name \"high value orders\" (self link updated to match)",
                name_with_space,
            ),
        ),
        entry(
            &SCHEMA_MAX_LENGTH,
            &[&format!("{item}/properties/name#maxLength")],
            Item,
            E(
                "name-250",
                "a name of 250 characters (self link updated to match)",
                name_too_long,
            ),
        ),
        entry(
            T,
            &[&format!("{item}/properties/organization_id#type")],
            Item,
            S("organization_id", json!(42)),
        ),
        entry(
            F,
            &[&format!("{item}/properties/organization_id#format")],
            Item,
            S("organization_id", json!("5a6b2f1c8d3e4f5a9b7c1d2e3f4a5b6c")),
        ),
        entry(
            T,
            &[&format!("{item}/properties/environment_id#type")],
            Item,
            S("environment_id", json!(["env-1"])),
        ),
        entry(
            T,
            &[&format!("{status}#type")],
            Item,
            S("status", json!("RUNNING")),
        ),
        entry(
            T,
            &[&format!("{spec}#type")],
            Item,
            S("spec", json!("lkc-1")),
        ),
        // ObjectMeta.
        entry(Q, &["ObjectMeta#required:self"], ItemMeta, R("self")),
        entry(
            T,
            &["ObjectMeta/properties/self#type"],
            ItemMeta,
            S("self", json!(1)),
        ),
        entry(
            F,
            &["ObjectMeta/properties/self#format"],
            ItemMeta,
            S(
                "self",
                json!("/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"),
            ),
        ),
        entry(
            T,
            &["ObjectMeta/properties/resource_name#type"],
            ItemMeta,
            S("resource_name", json!(1)),
        ),
        // The seed's own example for resource_name.
        entry(
            F,
            &["ObjectMeta/properties/resource_name#format"],
            ItemMeta,
            S("resource_name", json!("")),
        ),
        entry(
            T,
            &["ObjectMeta/properties/created_at#type"],
            ItemMeta,
            S("created_at", json!(1_700_000_000)),
        ),
        entry(
            F,
            &["ObjectMeta/properties/created_at#format"],
            ItemMeta,
            S("created_at", json!("2024-01-02 03:04:05Z")),
        ),
        entry(
            T,
            &["ObjectMeta/properties/updated_at#type"],
            ItemMeta,
            S("updated_at", json!(null)),
        ),
        entry(
            F,
            &["ObjectMeta/properties/updated_at#format"],
            ItemMeta,
            S("updated_at", json!("2024-01-02T03:04:05")),
        ),
        entry(
            T,
            &["ObjectMeta/properties/deleted_at#type"],
            ItemMeta,
            S("deleted_at", json!(false)),
        ),
        entry(
            F,
            &["ObjectMeta/properties/deleted_at#format"],
            ItemMeta,
            S("deleted_at", json!("2099-13-01T00:00:00Z")),
        ),
        // Spec.
        entry(
            T,
            &[&format!("{spec}/properties/kafka_cluster_id#type")],
            Spec,
            S("kafka_cluster_id", json!(12345)),
        ),
        entry(
            T,
            &[&format!("{spec}/properties/compute_pool_id#type")],
            Spec,
            S("compute_pool_id", json!(123)),
        ),
        entry(
            T,
            &[&format!("{spec}/properties/principal#type")],
            Spec,
            S("principal", json!({"id": "sa-1"})),
        ),
        entry(
            &SCHEMA_MAX_LENGTH,
            &[&format!("{spec}/properties/principal#maxLength")],
            Spec,
            S("principal", Value::String("p".repeat(256))),
        ),
        entry(
            T,
            &[&format!("{spec}/properties/stopped#type")],
            Spec,
            S("stopped", json!("false")),
        ),
        entry(
            T,
            &[&format!("{spec}/properties/table_options#type")],
            Spec,
            S("table_options", json!(["a=b"])),
        ),
        entry(
            T,
            &[&format!(
                "{spec}/properties/table_options/additionalProperties#type"
            )],
            TableOptions,
            E(
                "value-not-string",
                "an option whose value is a number",
                table_option_not_string,
            ),
        ),
        entry(
            &SCHEMA_MAX_PROPERTIES,
            &[&format!("{spec}/properties/table_options#maxProperties")],
            TableOptions,
            E("8193-members", "8193 options", too_many_options),
        ),
        entry(
            T,
            &[&format!("{spec}/properties/session_options#type")],
            Spec,
            S("session_options", json!("a=b")),
        ),
        entry(
            T,
            &[&format!(
                "{spec}/properties/session_options/additionalProperties#type"
            )],
            SessionOptions,
            E(
                "value-not-string",
                "an option whose value is a boolean (its key holds '~' and '/')",
                session_option_not_string,
            ),
        ),
        entry(
            &SCHEMA_MAX_PROPERTIES,
            &[&format!("{spec}/properties/session_options#maxProperties")],
            SessionOptions,
            E("8193-members", "8193 options", too_many_options),
        ),
        entry(
            T,
            &[&format!("{spec}/properties/columns#type")],
            Spec,
            E(
                "columns-object",
                "columns as an object (watermark, constraints and distribution removed first)",
                columns_not_array,
            ),
        ),
        entry(
            T,
            &[&format!("{spec}/properties/constraints#type")],
            Spec,
            S("constraints", json!({"type": "PRIMARY_KEY"})),
        ),
        entry(
            T,
            &[&format!("{spec}/properties/query#type")],
            Spec,
            S("query", json!(["SELECT 1"])),
        ),
        entry(
            &SCHEMA_MAX_LENGTH,
            &[&format!("{spec}/properties/query#maxLength")],
            Spec,
            S(
                "query",
                Value::String(format!("SELECT '{}'", "q".repeat(131_064))),
            ),
        ),
        entry(
            T,
            &["sql.v1.Watermark#type"],
            Spec,
            S("watermark", json!("event_time")),
        ),
        entry(
            T,
            &["sql.v1.Distribution#type"],
            Spec,
            S("distribution", json!("HASH")),
        ),
        // Columns.
        entry(
            T,
            &[
                "sql.v1.ColumnDetails#type",
                "sql.v1.ColumnCommon#type",
                "sql.v1.PhysicalColumn/allOf/1#type",
                "sql.v1.MetadataColumn/allOf/1#type",
                "sql.v1.ComputedColumn/allOf/1#type",
            ],
            Column(None),
            X(json!("id BIGINT")),
        ),
        entry(
            Q,
            &[
                "sql.v1.ColumnDetails/allOf/0#required:kind",
                "sql.v1.PhysicalColumn/allOf/1#required:kind",
                "sql.v1.MetadataColumn/allOf/1#required:kind",
                "sql.v1.ComputedColumn/allOf/1#required:kind",
            ],
            Column(None),
            R("kind"),
        ),
        entry(
            &SCHEMA_ONE_OF,
            &[
                "sql.v1.ColumnDetails/allOf/0/properties/kind#x-mtlint-discriminator",
                "sql.v1.PhysicalColumn/allOf/1/properties/kind#enum",
                "sql.v1.MetadataColumn/allOf/1/properties/kind#enum",
                "sql.v1.ComputedColumn/allOf/1/properties/kind#enum",
            ],
            Column(None),
            S("kind", json!("Virtual")),
        ),
        Mutation {
            id: "one-of-column-kind-not-string".into(),
            ..entry(
                &SCHEMA_ONE_OF,
                &[
                    "sql.v1.PhysicalColumn/allOf/1/properties/kind#type",
                    "sql.v1.MetadataColumn/allOf/1/properties/kind#type",
                    "sql.v1.ComputedColumn/allOf/1/properties/kind#type",
                ],
                Column(None),
                S("kind", json!(1)),
            )
        },
        entry(
            Q,
            &["sql.v1.ColumnCommon#required:name"],
            Column(None),
            R("name"),
        ),
        entry(
            Q,
            &["sql.v1.ColumnCommon#required:type"],
            Column(None),
            R("type"),
        ),
        entry(
            T,
            &["sql.v1.ColumnCommon/properties/name#type"],
            Column(None),
            S("name", json!(7)),
        ),
        entry(
            T,
            &["sql.v1.ColumnCommon/properties/comment#type"],
            Column(None),
            S("comment", json!(["a"])),
        ),
        entry(
            Q,
            &["sql.v1.MetadataColumn/allOf/1#required:metadata_key"],
            Column(Some("Metadata")),
            R("metadata_key"),
        ),
        entry(
            T,
            &["sql.v1.MetadataColumn/allOf/1/properties/metadata_key#type"],
            Column(Some("Metadata")),
            S("metadata_key", json!(1)),
        ),
        entry(
            T,
            &["sql.v1.MetadataColumn/allOf/1/properties/virtual#type"],
            Column(Some("Metadata")),
            S("virtual", json!("true")),
        ),
        entry(
            Q,
            &["sql.v1.ComputedColumn/allOf/1#required:expression"],
            Column(Some("Computed")),
            R("expression"),
        ),
        entry(
            T,
            &["sql.v1.ComputedColumn/allOf/1/properties/expression#type"],
            Column(Some("Computed")),
            S("expression", json!(2)),
        ),
        entry(
            T,
            &["sql.v1.ComputedColumn/allOf/1/properties/virtual#type"],
            Column(Some("Computed")),
            S("virtual", json!(0)),
        ),
        // DataType (at any depth).
        entry(T, &["DataType#type"], DataType, X(json!("INT"))),
        entry(Q, &["DataType#required:type"], DataType, R("type")),
        entry(Q, &["DataType#required:nullable"], DataType, R("nullable")),
        entry(
            T,
            &["DataType/properties/type#type"],
            DataType,
            S("type", json!({"name": "INT"})),
        ),
        entry(
            T,
            &["DataType/properties/nullable#type"],
            DataType,
            S("nullable", json!("true")),
        ),
        entry(
            T,
            &["DataType/properties/length#type"],
            DataType,
            S("length", json!("10")),
        ),
        entry(
            F,
            &["DataType/properties/length#x-mtlint-int32"],
            DataType,
            S("length", json!(2_147_483_648_i64)),
        ),
        entry(
            T,
            &["DataType/properties/precision#type"],
            DataType,
            S("precision", json!(1.5)),
        ),
        entry(
            F,
            &["DataType/properties/precision#x-mtlint-int32"],
            DataType,
            S("precision", json!(-2_147_483_649_i64)),
        ),
        entry(
            T,
            &["DataType/properties/scale#type"],
            DataType,
            S("scale", json!("2")),
        ),
        entry(
            F,
            &["DataType/properties/scale#x-mtlint-int32"],
            DataType,
            S("scale", json!(4_294_967_296_i64)),
        ),
        entry(
            T,
            &["DataType/properties/fields#type"],
            DataType,
            S("fields", json!({"a": "INT"})),
        ),
        entry(
            T,
            &["DataType/properties/resolution#type"],
            DataType,
            S("resolution", json!(3)),
        ),
        entry(
            T,
            &["DataType/properties/fractional_precision#type"],
            DataType,
            S("fractional_precision", json!("3")),
        ),
        entry(
            F,
            &["DataType/properties/fractional_precision#x-mtlint-int32"],
            DataType,
            S("fractional_precision", json!(2_147_483_648_i64)),
        ),
        entry(
            T,
            &["DataType/properties/class_name#type"],
            DataType,
            S("class_name", json!(false)),
        ),
        // ROW fields.
        entry(T, &["RowFieldType#type"], RowField, X(json!("f INT"))),
        entry(Q, &["RowFieldType#required:name"], RowField, R("name")),
        entry(
            Q,
            &["RowFieldType#required:field_type"],
            RowField,
            R("field_type"),
        ),
        entry(
            T,
            &["RowFieldType/properties/name#type"],
            RowField,
            S("name", json!(1)),
        ),
        entry(
            T,
            &["RowFieldType/properties/description#type"],
            RowField,
            S("description", json!(1)),
        ),
        // Constraints.
        entry(
            T,
            &["sql.v1.Constraint#type"],
            Constraint,
            X(json!("PRIMARY KEY (id)")),
        ),
        entry(
            T,
            &["sql.v1.Constraint/properties/name#type"],
            Constraint,
            S("name", json!(1)),
        ),
        typed_enum(
            &["sql.v1.Constraint/properties/type#type"],
            Constraint,
            S("type", json!(1)),
        ),
        entry(
            EN,
            &["sql.v1.Constraint/properties/type#enum"],
            Constraint,
            S("type", json!("UNIQUE")),
        ),
        entry(
            T,
            &["sql.v1.Constraint/properties/columns#type"],
            Constraint,
            S("columns", json!("id")),
        ),
        entry(
            T,
            &["sql.v1.Constraint/properties/columns/items#type"],
            Constraint,
            E(
                "column-not-string",
                "a constraint column that is a number",
                constraint_column_not_string,
            ),
        ),
        entry(
            T,
            &["sql.v1.Constraint/properties/enforced#type"],
            Constraint,
            S("enforced", json!("yes")),
        ),
        // Distribution.
        entry(
            Q,
            &["sql.v1.Distribution#required:kind"],
            Distribution,
            R("kind"),
        ),
        typed_enum(
            &["sql.v1.Distribution/properties/kind#type"],
            Distribution,
            S("kind", json!(1)),
        ),
        entry(
            EN,
            &["sql.v1.Distribution/properties/kind#enum"],
            Distribution,
            S("kind", json!("RANGE")),
        ),
        entry(
            T,
            &["sql.v1.Distribution/properties/keys#type"],
            Distribution,
            S("keys", json!("id")),
        ),
        entry(
            T,
            &["sql.v1.Distribution/properties/keys/items#type"],
            Distribution,
            E(
                "key-not-string",
                "a distribution key that is a number",
                distribution_key_not_string,
            ),
        ),
        entry(
            T,
            &["sql.v1.Distribution/properties/bucket_count#type"],
            Distribution,
            S("bucket_count", json!("6")),
        ),
        entry(
            &SCHEMA_MINIMUM,
            &["sql.v1.Distribution/properties/bucket_count#minimum"],
            Distribution,
            S("bucket_count", json!(0)),
        ),
        entry(
            F,
            &["sql.v1.Distribution/properties/bucket_count#x-mtlint-int32"],
            Distribution,
            S("bucket_count", json!(2_147_483_648_i64)),
        ),
        // Watermark.
        entry(
            T,
            &["sql.v1.Watermark/properties/column#type"],
            Watermark,
            S("column", json!(5)),
        ),
        entry(
            T,
            &["sql.v1.Watermark/properties/expression#type"],
            Watermark,
            S("expression", json!(5)),
        ),
        // Status.
        typed_enum(
            &[&format!("{status}/properties/phase#type")],
            Status,
            S("phase", json!(1)),
        ),
        entry(
            EN,
            &[&format!("{status}/properties/phase#enum")],
            Status,
            S("phase", json!("Running")),
        ),
        entry(
            T,
            &[&format!("{status}/properties/detail#type")],
            Status,
            S("detail", json!(null)),
        ),
        entry(
            T,
            &[&format!("{status}/properties/warnings#type")],
            Status,
            S("warnings", json!("none")),
        ),
        entry(
            T,
            &[&format!("{status}/properties/creation_statement#type")],
            Status,
            S("creation_statement", json!(1)),
        ),
        entry(
            T,
            &[&format!("{status}/properties/version#type")],
            Status,
            S("version", json!(1.5)),
        ),
        entry(
            &SCHEMA_MINIMUM,
            &[&format!("{status}/properties/version#minimum")],
            Status,
            S("version", json!(0)),
        ),
        entry(
            F,
            &[&format!("{status}/properties/version#x-mtlint-int32")],
            Status,
            E(
                "version-2147483648",
                "version 2147483648 (latest_version removed first)",
                version_beyond_int32,
            ),
        ),
        entry(
            T,
            &[&format!("{status}/properties/latest_version#type")],
            Status,
            S("latest_version", json!("4")),
        ),
        entry(
            &SCHEMA_MINIMUM,
            &[&format!("{status}/properties/latest_version#minimum")],
            Status,
            S("latest_version", json!(0)),
        ),
        entry(
            F,
            &[&format!(
                "{status}/properties/latest_version#x-mtlint-int32"
            )],
            Status,
            S("latest_version", json!(2_147_483_648_i64)),
        ),
        entry(
            T,
            &["sql.v1.ScalingStatus#type"],
            Status,
            S("scaling_status", json!("OK")),
        ),
        // Warnings.
        entry(
            T,
            &[
                "sql.v1.MaterializedTableWarning#type",
                "sql.v1.StatementWarning#type",
            ],
            Warning,
            X(json!("LOW: state TTL")),
        ),
        entry(
            Q,
            &["sql.v1.StatementWarning#required:severity"],
            Warning,
            R("severity"),
        ),
        entry(
            Q,
            &["sql.v1.StatementWarning#required:created_at"],
            Warning,
            R("created_at"),
        ),
        entry(
            Q,
            &["sql.v1.StatementWarning#required:reason"],
            Warning,
            R("reason"),
        ),
        entry(
            Q,
            &["sql.v1.StatementWarning#required:message"],
            Warning,
            R("message"),
        ),
        typed_enum(
            &["sql.v1.WarningSeverity#type"],
            Warning,
            S("severity", json!(2)),
        ),
        entry(
            EN,
            &["sql.v1.WarningSeverity#enum"],
            Warning,
            S("severity", json!("HIGH")),
        ),
        entry(
            T,
            &["sql.v1.StatementWarning/properties/created_at#type"],
            Warning,
            S("created_at", json!(1_700_000_000)),
        ),
        entry(
            F,
            &["sql.v1.StatementWarning/properties/created_at#format"],
            Warning,
            S("created_at", json!("2025-11-10")),
        ),
        entry(
            T,
            &["sql.v1.StatementWarning/properties/reason#type"],
            Warning,
            S("reason", json!(["STATE_TTL_NOT_SET"])),
        ),
        entry(
            T,
            &["sql.v1.StatementWarning/properties/message#type"],
            Warning,
            S("message", json!(1)),
        ),
        // Scaling status.
        typed_enum(
            &["sql.v1.ScalingStatus/properties/scaling_state#type"],
            Scaling,
            S("scaling_state", json!(0)),
        ),
        entry(
            EN,
            &["sql.v1.ScalingStatus/properties/scaling_state#enum"],
            Scaling,
            S("scaling_state", json!("SCALING_UP")),
        ),
        entry(
            T,
            &["sql.v1.ScalingStatus/properties/last_updated#type"],
            Scaling,
            S("last_updated", json!(1)),
        ),
        // The seed's own example for last_updated.
        entry(
            F,
            &["sql.v1.ScalingStatus/properties/last_updated#format"],
            Scaling,
            S("last_updated", json!("1996-03-19 01:02:03-04:05")),
        ),
        // Error bodies.
        entry(T, &["Failure#type"], FailureRoot, X(json!([]))),
        entry(Q, &["Failure#required:errors"], FailureRoot, R("errors")),
        entry(
            T,
            &["Failure/properties/errors#type"],
            FailureRoot,
            S("errors", json!({"status": "400"})),
        ),
        entry(
            &SCHEMA_UNIQUE_ITEMS,
            &["Failure/properties/errors#uniqueItems"],
            FailureRoot,
            E(
                "duplicate-error",
                "appends a copy of an error",
                duplicate_error,
            ),
        ),
        entry(T, &["Error#type"], Error, X(json!("Bad Request"))),
        entry(
            &SCHEMA_ADDITIONAL_PROPERTIES,
            &["Error#additionalProperties:false"],
            Error,
            S("colour", json!("red")),
        ),
        entry(T, &["Error/properties/id#type"], Error, S("id", json!(1))),
        entry(
            &SCHEMA_MAX_LENGTH,
            &["Error/properties/id#maxLength"],
            Error,
            S("id", Value::String("e".repeat(256))),
        ),
        entry(
            T,
            &["Error/properties/status#type"],
            Error,
            E(
                "status-number",
                "the error's status as a number",
                error_status_number,
            ),
        ),
        entry(
            T,
            &["Error/properties/code#type"],
            Error,
            S("code", json!(40001)),
        ),
        entry(
            T,
            &["Error/properties/title#type"],
            Error,
            S("title", json!(403)),
        ),
        entry(
            T,
            &["Error/properties/detail#type"],
            Error,
            S("detail", json!(["x"])),
        ),
        entry(
            T,
            &["Error/properties/source#type"],
            Error,
            S("source", json!("page_size")),
        ),
        entry(
            T,
            &["Error/properties/source/properties/pointer#type"],
            ErrorSource,
            S("pointer", json!(17)),
        ),
        entry(
            T,
            &["Error/properties/source/properties/parameter#type"],
            ErrorSource,
            S("parameter", json!(17)),
        ),
        entry(
            T,
            &["Error/properties/error_code#type"],
            Error,
            S("error_code", json!("40001")),
        ),
        entry(
            F,
            &["Error/properties/error_code#x-mtlint-int32"],
            Error,
            S("error_code", json!(-2_147_483_649_i64)),
        ),
        entry(
            T,
            &["Error/properties/message#type"],
            Error,
            S("message", json!(42)),
        ),
    ]);
    out
}
