//! proptest strategies for valid responses of `listSqlv1MaterializedTables`.
//!
//! Every value satisfies the derived JSON Schema of its status and every semantic rule mtlint
//! has or plans (see the crate docs). Strategies are built so that shrinking reads well: lists
//! shrink toward fewer items, types toward scalars, optional members toward absence, names
//! toward plain words.

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Map, Value};

use crate::config::GenConfig;
use crate::exchange::{Exchange, Sample};
use crate::time::Stamp;

/// The documented statuses that carry an error (`Failure`) body.
pub const ERROR_STATUSES: [u16; 5] = [400, 401, 403, 404, 500];

/// Every documented status of the operation.
pub const DOCUMENTED_STATUSES: [u16; 7] = [200, 400, 401, 403, 404, 429, 500];

/// Simple Flink SQL scalar types that take no parameters.
pub const SIMPLE_TYPES: [&str; 10] = [
    "INT", "BIGINT", "SMALLINT", "TINYINT", "BOOLEAN", "DOUBLE", "FLOAT", "STRING", "DATE", "BYTES",
];

/// Who a page of results belongs to, and where it was served from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListContext {
    /// The organization UUID (path parameter, and every item's `organization_id`).
    pub organization_id: String,
    /// The environment id (path parameter, and every item's `environment_id`).
    pub environment_id: String,
    /// The Flink region, e.g. `us-west1`.
    pub region: String,
    /// The cloud, e.g. `aws`.
    pub cloud: String,
    /// Kafka cluster ids the items are spread over.
    pub clusters: Vec<String>,
}

impl ListContext {
    /// `https://flink.<region>.<cloud>.confluent.cloud`.
    #[must_use]
    pub fn host(&self) -> String {
        format!(
            "https://flink.{}.{}.confluent.cloud",
            self.region, self.cloud
        )
    }

    /// The operation's URL for this organization and environment, without a query.
    #[must_use]
    pub fn operation_url(&self) -> String {
        format!(
            "{}/sql/v1/organizations/{}/environments/{}/materialized-tables",
            self.host(),
            self.organization_id,
            self.environment_id
        )
    }

    /// A page URL: the operation's URL with `page_size` and, when given, `page_token`.
    #[must_use]
    pub fn page_url(&self, page_size: u32, token: Option<&str>) -> String {
        match token {
            Some(token) => format!(
                "{}?page_size={page_size}&page_token={token}",
                self.operation_url()
            ),
            None => format!("{}?page_size={page_size}", self.operation_url()),
        }
    }

    /// A table's `metadata.self`.
    #[must_use]
    pub fn self_link(&self, environment_id: &str, cluster: &str, name: &str) -> String {
        self_link(&self.host(), environment_id, cluster, name)
    }
}

/// `<host>/sql/v1/environments/<env>/databases/<cluster>/materialized-tables/<encoded name>`.
#[must_use]
pub fn self_link(host: &str, environment_id: &str, cluster: &str, name: &str) -> String {
    format!(
        "{host}/sql/v1/environments/{environment_id}/databases/{cluster}/materialized-tables/{}",
        encode_segment(name)
    )
}

/// Percent-encodes a path segment: everything but RFC 3986 unreserved characters. `.` and `..`
/// are encoded whole (`%2E`), as a segment of dots would otherwise be a dot-segment.
#[must_use]
pub fn encode_segment(segment: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    if segment == "." || segment == ".." {
        return "%2E".repeat(segment.len());
    }
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// A version-4-shaped UUID from 128 bits (0 gives `00000000-0000-4000-8000-000000000000`).
#[must_use]
pub fn uuid_from(bits: u128) -> String {
    let bits = (bits & !(0xF000_u128 << 64) & !(0xC000_u128 << 48))
        | (0x4000_u128 << 64)
        | (0x8000_u128 << 48);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn uuid() -> impl Strategy<Value = String> {
    any::<u128>().prop_map(uuid_from)
}

const REGIONS: [(&str, &str); 6] = [
    ("us-west1", "aws"),
    ("us-east-1", "aws"),
    ("eu-west-1", "aws"),
    ("us-central1", "gcp"),
    ("europe-west1", "gcp"),
    ("eastus", "azure"),
];

/// A list context: organization, environment, region and one to three Kafka clusters.
pub fn list_context() -> impl Strategy<Value = ListContext> {
    (
        uuid(),
        "env-[a-z0-9]{5}",
        select(&REGIONS[..]),
        vec("lkc-[a-z0-9]{5}", 1..=3),
    )
        .prop_map(
            |(organization_id, environment_id, (region, cloud), mut clusters)| {
                clusters.sort();
                clusters.dedup();
                ListContext {
                    organization_id,
                    environment_id,
                    region: region.to_string(),
                    cloud: cloud.to_string(),
                    clusters,
                }
            },
        )
}

const WORDS: [&str; 12] = [
    "orders",
    "high-value-orders",
    "users",
    "clicks_by_region",
    "payments.v2",
    "inventory",
    "sessions-5m",
    "fraud_alerts",
    "top.products",
    "revenue_daily",
    "A1",
    "x",
];

/// A table name: `^[a-zA-Z0-9._-]+$`, at most 249 characters, never `.` or `..`.
pub fn table_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(&WORDS[..]).prop_map(str::to_string),
        3 => "[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,24}",
        1 => "\\.[a-z0-9_-][a-z0-9._-]{0,10}",
        1 => "[a-z]{249}",
    ]
}

const COLUMN_WORDS: [&str; 10] = [
    "id",
    "user_id",
    "price",
    "quantity",
    "event_time",
    "region",
    "payload",
    "tags",
    "score",
    "updated",
];

fn column_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(&COLUMN_WORDS[..]).prop_map(str::to_string),
        1 => "[a-z][a-z0-9_]{0,15}",
    ]
}

/// Makes names unique by suffixing repeats with `_2`, `_3`... (kept within `max_len`).
fn dedup_names<'a>(names: impl Iterator<Item = &'a mut String>, max_len: usize, sep: &str) {
    let mut seen = std::collections::BTreeSet::new();
    for name in names {
        if seen.insert(name.clone()) {
            continue;
        }
        for n in 2.. {
            let suffix = format!("{sep}{n}");
            let mut base = name.clone();
            base.truncate(max_len.saturating_sub(suffix.len()));
            let candidate = format!("{base}{suffix}");
            if seen.insert(candidate.clone()) {
                *name = candidate;
                break;
            }
        }
    }
}

fn data_type_object(name: &str, nullable: bool) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("type".into(), Value::from(name));
    map.insert("nullable".into(), Value::Bool(nullable));
    map
}

/// A scalar DataType: simple types, VARCHAR/CHAR with a length, DECIMAL(p, s) with
/// 1 <= p <= 38 and 0 <= s <= p, TIMESTAMP/TIMESTAMP_LTZ with precision 0..9.
pub fn scalar_type() -> impl Strategy<Value = Value> {
    let simple = (select(&SIMPLE_TYPES[..]), any::<bool>())
        .prop_map(|(name, nullable)| Value::Object(data_type_object(name, nullable)));
    let sized = (
        select(&["VARCHAR", "CHAR"][..]),
        prop_oneof![1..=255_i32, Just(i32::MAX)],
        any::<bool>(),
    )
        .prop_map(|(name, length, nullable)| {
            let mut map = data_type_object(name, nullable);
            map.insert("length".into(), Value::from(length));
            Value::Object(map)
        });
    let decimal = (1..=38_i32)
        .prop_flat_map(|p| (Just(p), 0..=p, any::<bool>()))
        .prop_map(|(precision, scale, nullable)| {
            let mut map = data_type_object("DECIMAL", nullable);
            map.insert("precision".into(), Value::from(precision));
            map.insert("scale".into(), Value::from(scale));
            Value::Object(map)
        });
    let timestamp = (
        select(&["TIMESTAMP", "TIMESTAMP_LTZ"][..]),
        option::of(0..=9_i32),
        any::<bool>(),
    )
        .prop_map(|(name, precision, nullable)| {
            let mut map = data_type_object(name, nullable);
            if let Some(p) = precision {
                map.insert("precision".into(), Value::from(p));
            }
            Value::Object(map)
        });
    prop_oneof![4 => simple, 1 => sized, 1 => decimal, 1 => timestamp]
}

/// A DataType up to `cfg.max_type_depth` composite levels deep: ARRAY and MULTISET with an
/// `element_type`, MAP with `key_type` and `value_type`, ROW with uniquely named `fields`.
pub fn data_type(cfg: &GenConfig) -> BoxedStrategy<Value> {
    let depth = cfg.max_type_depth;
    let max_fields = cfg.max_row_fields.max(1);
    if depth == 0 {
        return scalar_type().boxed();
    }
    scalar_type()
        .prop_recursive(depth, 48, max_fields as u32, move |inner| {
            let field = (column_name(), inner.clone(), option::of("[A-Za-z ]{1,20}"));
            prop_oneof![
                (
                    select(&["ARRAY", "MULTISET"][..]),
                    inner.clone(),
                    any::<bool>()
                )
                    .prop_map(|(name, element, nullable)| {
                        let mut map = data_type_object(name, nullable);
                        map.insert("element_type".into(), element);
                        Value::Object(map)
                    }),
                (inner.clone(), inner.clone(), any::<bool>()).prop_map(|(key, value, nullable)| {
                    let mut map = data_type_object("MAP", nullable);
                    map.insert("key_type".into(), key);
                    map.insert("value_type".into(), value);
                    Value::Object(map)
                }),
                (vec(field, 1..=max_fields), any::<bool>()).prop_map(|(mut fields, nullable)| {
                    dedup_names(fields.iter_mut().map(|f| &mut f.0), 64, "_");
                    let fields: Vec<Value> = fields
                        .into_iter()
                        .map(|(name, field_type, description)| {
                            let mut map = Map::new();
                            map.insert("name".into(), Value::String(name));
                            map.insert("field_type".into(), field_type);
                            if let Some(d) = description {
                                map.insert("description".into(), Value::String(d));
                            }
                            Value::Object(map)
                        })
                        .collect();
                    let mut map = data_type_object("ROW", nullable);
                    map.insert("fields".into(), Value::Array(fields));
                    Value::Object(map)
                }),
            ]
        })
        .boxed()
}

/// A column of any kind (Physical, Metadata, Computed) with a name and DataType.
pub fn column(cfg: &GenConfig) -> impl Strategy<Value = Value> {
    (
        0..3_u8,
        column_name(),
        data_type(cfg),
        option::of("[A-Za-z ,.]{1,30}"),
        select(&["offset", "partition", "timestamp", "headers", "topic"][..]),
        option::of(any::<bool>()),
        select(
            &[
                "quantity * price",
                "UPPER(region)",
                "CAST(id AS STRING)",
                "1",
            ][..],
        ),
    )
        .prop_map(
            |(kind, name, data_type, comment, key, is_virtual, expression)| {
                let mut map = Map::new();
                map.insert("name".into(), Value::String(name));
                map.insert("type".into(), data_type);
                if let Some(c) = comment {
                    map.insert("comment".into(), Value::String(c));
                }
                match kind {
                    0 => {
                        map.insert("kind".into(), Value::from("Physical"));
                    }
                    1 => {
                        map.insert("kind".into(), Value::from("Metadata"));
                        map.insert("metadata_key".into(), Value::from(key));
                        if let Some(v) = is_virtual {
                            map.insert("virtual".into(), Value::Bool(v));
                        }
                    }
                    _ => {
                        map.insert("kind".into(), Value::from("Computed"));
                        map.insert("expression".into(), Value::from(expression));
                        if let Some(v) = is_virtual {
                            map.insert("virtual".into(), Value::Bool(v));
                        }
                    }
                }
                Value::Object(map)
            },
        )
}

fn options_map(max: usize) -> impl Strategy<Value = Value> {
    btree_map(
        "[a-z]{1,8}(\\.[a-z]{1,8}){0,2}",
        "[a-zA-Z0-9 ._-]{0,12}",
        0..=max,
    )
    .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k, Value::String(v))).collect()))
}

/// What references columns in a spec, drawn before the columns are known.
#[derive(Debug, Clone)]
struct References {
    primary_key: Option<(Vec<Index>, Option<String>, Option<bool>)>,
    watermark: Option<(Index, bool, Option<i32>)>,
    distribution: Option<(Vec<Index>, Option<i32>)>,
}

fn references() -> impl Strategy<Value = References> {
    (
        option::of((
            vec(any::<Index>(), 1..=3),
            option::of("pk_[a-z]{1,8}"),
            option::of(any::<bool>()),
        )),
        option::of((any::<Index>(), any::<bool>(), option::of(0..=9_i32))),
        option::of((vec(any::<Index>(), 0..=2), option::of(1..=64_i32))),
    )
        .prop_map(|(primary_key, watermark, distribution)| References {
            primary_key,
            watermark,
            distribution,
        })
}

/// Ties a spec's watermark, primary key and distribution to its columns: the watermark column
/// becomes a TIMESTAMP/TIMESTAMP_LTZ, primary-key columns become NOT NULL, distribution keys
/// name existing columns.
fn attach_references(spec: &mut Map<String, Value>, columns: &mut [Value], refs: References) {
    if columns.is_empty() {
        return;
    }
    let name_of = |columns: &[Value], i: usize| -> String {
        columns[i]["name"].as_str().unwrap_or_default().to_string()
    };
    if let Some((index, ltz, precision)) = refs.watermark {
        let i = index.index(columns.len());
        let nullable = columns[i]["type"]["nullable"].as_bool().unwrap_or(false);
        let mut data_type =
            data_type_object(if ltz { "TIMESTAMP_LTZ" } else { "TIMESTAMP" }, nullable);
        if let Some(p) = precision {
            data_type.insert("precision".into(), Value::from(p));
        }
        columns[i]["type"] = Value::Object(data_type);
        let name = name_of(columns, i);
        spec.insert(
            "watermark".into(),
            json!({"column": name, "expression": format!("`{name}` - INTERVAL '5' SECOND")}),
        );
    }
    if let Some((indexes, name, enforced)) = refs.primary_key {
        let mut chosen: Vec<usize> = indexes.iter().map(|i| i.index(columns.len())).collect();
        chosen.sort_unstable();
        chosen.dedup();
        let mut constraint = Map::new();
        if let Some(name) = name {
            constraint.insert("name".into(), Value::String(name));
        }
        constraint.insert("type".into(), Value::from("PRIMARY_KEY"));
        let names: Vec<Value> = chosen
            .iter()
            .map(|&i| {
                columns[i]["type"]["nullable"] = Value::Bool(false);
                Value::String(name_of(columns, i))
            })
            .collect();
        constraint.insert("columns".into(), Value::Array(names));
        if let Some(e) = enforced {
            constraint.insert("enforced".into(), Value::Bool(e));
        }
        spec.insert("constraints".into(), json!([Value::Object(constraint)]));
    }
    if let Some((indexes, buckets)) = refs.distribution {
        let mut chosen: Vec<usize> = indexes.iter().map(|i| i.index(columns.len())).collect();
        chosen.sort_unstable();
        chosen.dedup();
        let mut distribution = Map::new();
        distribution.insert("kind".into(), Value::from("HASH"));
        if !chosen.is_empty() {
            distribution.insert(
                "keys".into(),
                Value::Array(
                    chosen
                        .iter()
                        .map(|&i| Value::String(name_of(columns, i)))
                        .collect(),
                ),
            );
        }
        if let Some(b) = buckets {
            distribution.insert("bucket_count".into(), Value::from(b));
        }
        spec.insert("distribution".into(), Value::Object(distribution));
    }
}

/// A table's `spec` without `kafka_cluster_id` (the list assigns the cluster).
fn spec(cfg: &GenConfig) -> impl Strategy<Value = Map<String, Value>> {
    (
        option::of("lfcp-[a-z0-9]{5}"),
        option::of(prop_oneof!["sa-[a-z0-9]{6}", "u-[a-z0-9]{6}", "[a-z]{255}"]),
        option::of(any::<bool>()),
        option::of(options_map(cfg.max_options)),
        option::of(options_map(cfg.max_options)),
        option::of(vec(column(cfg), 0..=cfg.max_columns)),
        references(),
        option::of(select(
            &[
                "SELECT user_id, product_id, price, quantity FROM orders WHERE price > 1000;",
                "SELECT * FROM clicks",
            ][..],
        )),
    )
        .prop_map(
            |(pool, principal, stopped, table_options, session_options, columns, refs, query)| {
                let mut spec = Map::new();
                if let Some(p) = pool {
                    spec.insert("compute_pool_id".into(), Value::String(p));
                }
                if let Some(p) = principal {
                    spec.insert("principal".into(), Value::String(p));
                }
                if let Some(s) = stopped {
                    spec.insert("stopped".into(), Value::Bool(s));
                }
                if let Some(o) = table_options {
                    spec.insert("table_options".into(), o);
                }
                if let Some(o) = session_options {
                    spec.insert("session_options".into(), o);
                }
                if let Some(mut columns) = columns {
                    dedup_names(
                        columns.iter_mut().filter_map(|c| match c.get_mut("name") {
                            Some(Value::String(s)) => Some(s),
                            _ => None,
                        }),
                        64,
                        "_",
                    );
                    attach_references(&mut spec, &mut columns, refs);
                    spec.insert("columns".into(), Value::Array(columns));
                }
                if let Some(q) = query {
                    spec.insert("query".into(), Value::from(q));
                }
                spec
            },
        )
}

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
fn delay() -> impl Strategy<Value = i128> {
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
fn status(cfg: &GenConfig) -> impl Strategy<Value = Value> {
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

/// A table before the list places it: everything but its cluster-dependent members.
#[derive(Debug, Clone)]
struct ItemDraft {
    name: String,
    cluster: Index,
    uid: String,
    resource_version: Option<String>,
    with_resource_name: bool,
    labels: Option<Value>,
    times: (Option<Stamp>, Option<i128>, Option<i128>),
    spec: Map<String, Value>,
    status: Option<Value>,
}

fn item_draft(cfg: &GenConfig) -> impl Strategy<Value = ItemDraft> {
    (
        (
            table_name(),
            any::<Index>(),
            uuid(),
            option::of("[a-z0-9]{5}"),
            any::<bool>(),
            option::of(
                btree_map(
                    "[a-z]{1,6}(\\.io/[a-z]{1,6})?",
                    "[a-z0-9-]{0,8}",
                    0..=cfg.max_options,
                )
                .prop_map(|m| {
                    Value::Object(m.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
                }),
            ),
            (
                option::of(stamp()),
                option::of(delay()),
                option::of(delay()),
            ),
        ),
        spec(cfg),
        option::of(status(cfg)),
    )
        .prop_map(
            |(
                (name, cluster, uid, resource_version, with_resource_name, labels, times),
                spec,
                mut status,
            )| {
                // A table asked to stop is never RUNNING: it is STOPPING or STOPPED.
                let stopped = spec.get("stopped") == Some(&Value::Bool(true));
                if let Some(Value::Object(map)) = &mut status {
                    let phase = map.get("phase").and_then(Value::as_str).unwrap_or("");
                    if stopped && phase != "STOPPING" && phase != "STOPPED" {
                        map.insert("phase".into(), Value::from("STOPPED"));
                    }
                }
                ItemDraft {
                    name,
                    cluster,
                    uid,
                    resource_version,
                    with_resource_name,
                    labels,
                    times,
                    spec,
                    status,
                }
            },
        )
}

fn build_item(ctx: &ListContext, draft: ItemDraft) -> Value {
    let cluster = draft.cluster.get(&ctx.clusters).clone();
    let mut metadata = Map::new();
    metadata.insert(
        "self".into(),
        Value::String(ctx.self_link(&ctx.environment_id, &cluster, &draft.name)),
    );
    if draft.with_resource_name {
        metadata.insert(
            "resource_name".into(),
            Value::String(format!(
                "crn://confluent.cloud/organization={}/environment={}/cloud-cluster={cluster}/materialized-table={}",
                ctx.organization_id,
                ctx.environment_id,
                encode_segment(&draft.name)
            )),
        );
    }
    let (created, updated_after, deleted_after) = draft.times;
    if let Some(created) = created {
        metadata.insert("created_at".into(), Value::String(created.to_rfc3339()));
        let updated = created.plus_nanos(updated_after.unwrap_or(0));
        if updated_after.is_some() {
            metadata.insert("updated_at".into(), Value::String(updated.to_rfc3339()));
        }
        if let Some(d) = deleted_after {
            metadata.insert(
                "deleted_at".into(),
                Value::String(updated.plus_nanos(d).to_rfc3339()),
            );
        }
    }
    metadata.insert("uid".into(), Value::String(draft.uid));
    if let Some(v) = draft.resource_version {
        metadata.insert("resource_version".into(), Value::String(v));
    }
    if let Some(labels) = draft.labels {
        metadata.insert("labels".into(), labels);
    }
    let mut spec = Map::new();
    spec.insert("kafka_cluster_id".into(), Value::String(cluster));
    spec.extend(draft.spec);
    let mut item = Map::new();
    item.insert("api_version".into(), Value::from("sql/v1"));
    item.insert("kind".into(), Value::from("MaterializedTable"));
    item.insert("metadata".into(), Value::Object(metadata));
    item.insert("name".into(), Value::String(draft.name));
    item.insert(
        "organization_id".into(),
        Value::String(ctx.organization_id.clone()),
    );
    item.insert(
        "environment_id".into(),
        Value::String(ctx.environment_id.clone()),
    );
    item.insert("spec".into(), Value::Object(spec));
    if let Some(status) = draft.status {
        item.insert("status".into(), status);
    }
    Value::Object(item)
}

/// Builds items from drafts: names unique per Kafka cluster, uids unique.
fn build_items(ctx: &ListContext, mut drafts: Vec<ItemDraft>) -> Vec<Value> {
    // Unique per cluster: make (cluster, name) unique by renaming repeats.
    let mut seen = std::collections::BTreeSet::new();
    let mut uids = std::collections::BTreeSet::new();
    for (i, draft) in drafts.iter_mut().enumerate() {
        let cluster = draft.cluster.index(ctx.clusters.len());
        let mut n = 2;
        while !seen.insert((cluster, draft.name.clone())) {
            let suffix = format!("-{n}");
            let mut base = draft.name.clone();
            base.truncate(249 - suffix.len());
            draft.name = format!("{base}{suffix}");
            n += 1;
        }
        if !uids.insert(draft.uid.clone()) {
            draft.uid = uuid_from(u128::MAX - i as u128);
            uids.insert(draft.uid.clone());
        }
    }
    drafts.into_iter().map(|d| build_item(ctx, d)).collect()
}

/// A single valid materialized table, with the context it belongs to.
pub fn materialized_table(cfg: &GenConfig) -> impl Strategy<Value = (ListContext, Value)> {
    (list_context(), item_draft(cfg)).prop_map(|(ctx, draft)| {
        let item = build_item(&ctx, draft);
        (ctx, item)
    })
}

/// One page of a listing: its context, page size, request token and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Organization, environment, host, clusters.
    pub context: ListContext,
    /// The request's `page_size` (at least the number of items).
    pub page_size: u32,
    /// The request's `page_token`, if any.
    pub token: Option<String>,
    /// The 200 body.
    pub body: Value,
}

impl Page {
    /// The request URL of this page.
    #[must_use]
    pub fn request_url(&self) -> String {
        self.context.page_url(self.page_size, self.token.as_deref())
    }
}

fn raw_link() -> impl Strategy<Value = Option<Option<String>>> {
    option::of(option::of("[A-Za-z0-9]{8,20}"))
}

/// A valid 200 list body with its request: 0 to `cfg.max_items` items (at most 100). The
/// parts are drawn independently and assembled afterwards, so each shrinks on its own.
pub fn list_page(cfg: &GenConfig) -> impl Strategy<Value = Page> {
    let (min, max) = cfg.item_bounds();
    (
        list_context(),
        vec(item_draft(cfg), min..=max),
        0..=100_u32,
        (raw_link(), raw_link(), raw_link(), raw_link()),
        option::of(prop_oneof![Just(0_i32), 0..=1000_i32, Just(i32::MAX)]),
    )
        .prop_map(|(context, drafts, spare, links, total)| {
            let items = build_items(&context, drafts);
            let n = items.len() as u32;
            // At least the item count, at most the spec's maximum of 100.
            let page_size = (n.max(1) + spare).min(100).max(n);
            let mut metadata = Map::new();
            for (name, link) in ["first", "last", "prev", "next"]
                .into_iter()
                .zip([links.0, links.1, links.2, links.3])
            {
                if let Some(link) = link {
                    let value = link.map_or(Value::Null, |t| {
                        Value::String(context.page_url(page_size, Some(&t)))
                    });
                    metadata.insert(name.into(), value);
                }
            }
            if let Some(extra) = total {
                let total = (i64::from(n as i32) + i64::from(extra)).min(i64::from(i32::MAX));
                metadata.insert("total_size".into(), Value::from(total));
            }
            let body = json!({
                "api_version": "sql/v1",
                "kind": "MaterializedTableList",
                "metadata": Value::Object(metadata),
                "data": items,
            });
            // Requested without a page token: a single page is the first of its listing (a
            // token would have to come from an earlier page's `next`, see broken-page-chain).
            Page {
                context,
                page_size,
                token: None,
                body,
            }
        })
}

/// A valid 200 list body alone.
pub fn list_body(cfg: &GenConfig) -> impl Strategy<Value = Value> {
    list_page(cfg).prop_map(|p| p.body)
}

fn request_id() -> impl Strategy<Value = String> {
    prop_oneof![uuid(), "req-[a-z0-9]{12}"]
}

/// The headers of a 200 response.
fn ok_headers() -> impl Strategy<Value = Vec<(String, String)>> {
    request_id().prop_map(|id| {
        vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("X-Request-Id".to_string(), id),
        ]
    })
}

/// A valid 200 exchange: body, headers (`Content-Type`, `X-Request-Id`) and request URL.
pub fn list_exchange(cfg: &GenConfig) -> impl Strategy<Value = Exchange> {
    (list_page(cfg), ok_headers()).prop_map(|(page, headers)| Exchange {
        status: 200,
        request_url: page.request_url(),
        headers,
        body: Some(page.body),
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

/// A valid exchange for a documented error status (400, 401, 403, 404, 500) or 429 (no body).
pub fn error_exchange(status: u16, cfg: &GenConfig) -> impl Strategy<Value = Exchange> {
    let body = if status == 429 {
        Just(None).boxed()
    } else {
        error_body(status, cfg).prop_map(Some).boxed()
    };
    (list_context(), 1..=100_u32, headers(status), body).prop_map(
        move |(ctx, page_size, headers, body)| Exchange {
            status,
            headers,
            body,
            request_url: ctx.page_url(page_size, None),
        },
    )
}

/// A valid exchange for any documented status.
pub fn exchange(status: u16, cfg: &GenConfig) -> BoxedStrategy<Exchange> {
    if status == 200 {
        list_exchange(cfg).boxed()
    } else {
        error_exchange(status, cfg).boxed()
    }
}

/// A valid exchange of any documented status (200 half of the time).
pub fn any_exchange(cfg: &GenConfig) -> BoxedStrategy<Exchange> {
    let errors: Vec<BoxedStrategy<Exchange>> = DOCUMENTED_STATUSES[1..]
        .iter()
        .map(|s| exchange(*s, cfg))
        .collect();
    prop_oneof![
        6 => exchange(200, cfg),
        1 => errors[0].clone(),
        1 => errors[1].clone(),
        1 => errors[2].clone(),
        1 => errors[3].clone(),
        1 => errors[4].clone(),
        1 => errors[5].clone(),
    ]
    .boxed()
}

/// The pages of one listing, in request order: 2 to `cfg.max_pages` pages of at least one item
/// each, names unique per cluster across pages, the same `total_size` on every page, and each
/// page's `next` link equal to the next page's request URL (the last page has none).
pub fn pages(cfg: &GenConfig) -> impl Strategy<Value = Sample> {
    let cfg = cfg.clone();
    let per_page = cfg.max_items.clamp(1, 100);
    let max_pages = cfg.max_pages.max(2);
    (list_context(), vec(1..=per_page, 2..=max_pages))
        .prop_flat_map(move |(ctx, sizes)| {
            let total: usize = sizes.iter().sum();
            (
                Just(ctx),
                Just(sizes),
                vec(item_draft(&cfg), total),
                ok_headers(),
                0..=50_i32,
            )
        })
        .prop_map(|(ctx, sizes, drafts, headers, extra)| {
            let mut items = build_items(&ctx, drafts).into_iter();
            let page_size = *sizes.iter().max().unwrap_or(&1) as u32;
            let total = sizes.iter().sum::<usize>() as i32 + extra;
            let token = |k: usize| format!("page{k}token");
            let count = sizes.len();
            sizes
                .iter()
                .enumerate()
                .map(|(k, size)| {
                    let data: Vec<Value> = items.by_ref().take(*size).collect();
                    let mut metadata = Map::new();
                    if k + 1 < count {
                        metadata.insert(
                            "next".into(),
                            Value::String(ctx.page_url(page_size, Some(&token(k + 1)))),
                        );
                    }
                    metadata.insert("total_size".into(), Value::from(total));
                    let request_token = (k > 0).then(|| token(k));
                    Exchange {
                        status: 200,
                        headers: headers.clone(),
                        body: Some(json!({
                            "api_version": "sql/v1",
                            "kind": "MaterializedTableList",
                            "metadata": Value::Object(metadata),
                            "data": data,
                        })),
                        request_url: ctx.page_url(page_size, request_token.as_deref()),
                    }
                })
                .collect()
        })
}
