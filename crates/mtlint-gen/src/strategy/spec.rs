//! A table's `spec`: options, columns, and the watermark, primary key and distribution that
//! refer to those columns.

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Map, Value};

use super::columns::{column, data_type_object, dedup_names};
use crate::config::GenConfig;

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
/// name existing columns. The primary key comes after the watermark, so a watermark column
/// that is also a key ends NOT NULL.
fn attach_references(spec: &mut Map<String, Value>, columns: &mut [Value], refs: References) {
    if columns.is_empty() {
        return;
    }
    if let Some(watermark) = refs.watermark {
        attach_watermark(spec, columns, watermark);
    }
    if let Some(primary_key) = refs.primary_key {
        attach_primary_key(spec, columns, primary_key);
    }
    if let Some(distribution) = refs.distribution {
        attach_distribution(spec, columns, distribution);
    }
}

fn column_name_at(columns: &[Value], i: usize) -> String {
    columns[i]["name"].as_str().unwrap_or_default().to_string()
}

/// The distinct columns that `indexes` pick, in column order.
fn chosen_columns(indexes: &[Index], count: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = indexes.iter().map(|i| i.index(count)).collect();
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

/// The watermark on the picked column, whose type becomes TIMESTAMP or TIMESTAMP_LTZ.
fn attach_watermark(
    spec: &mut Map<String, Value>,
    columns: &mut [Value],
    (index, ltz, precision): (Index, bool, Option<i32>),
) {
    let i = index.index(columns.len());
    let nullable = columns[i]["type"]["nullable"].as_bool().unwrap_or(false);
    let mut data_type = data_type_object(if ltz { "TIMESTAMP_LTZ" } else { "TIMESTAMP" }, nullable);
    if let Some(p) = precision {
        data_type.insert("precision".into(), Value::from(p));
    }
    columns[i]["type"] = Value::Object(data_type);
    let name = column_name_at(columns, i);
    spec.insert(
        "watermark".into(),
        json!({"column": name, "expression": format!("`{name}` - INTERVAL '5' SECOND")}),
    );
}

/// A PRIMARY_KEY constraint on the picked columns, whose types become NOT NULL.
fn attach_primary_key(
    spec: &mut Map<String, Value>,
    columns: &mut [Value],
    (indexes, name, enforced): (Vec<Index>, Option<String>, Option<bool>),
) {
    let chosen = chosen_columns(&indexes, columns.len());
    let mut constraint = Map::new();
    if let Some(name) = name {
        constraint.insert("name".into(), Value::String(name));
    }
    constraint.insert("type".into(), Value::from("PRIMARY_KEY"));
    let names: Vec<Value> = chosen
        .iter()
        .map(|&i| {
            columns[i]["type"]["nullable"] = Value::Bool(false);
            Value::String(column_name_at(columns, i))
        })
        .collect();
    constraint.insert("columns".into(), Value::Array(names));
    if let Some(e) = enforced {
        constraint.insert("enforced".into(), Value::Bool(e));
    }
    spec.insert("constraints".into(), json!([Value::Object(constraint)]));
}

/// A HASH distribution whose keys are the picked columns (none: no `keys`).
fn attach_distribution(
    spec: &mut Map<String, Value>,
    columns: &[Value],
    (indexes, buckets): (Vec<Index>, Option<i32>),
) {
    let chosen = chosen_columns(&indexes, columns.len());
    let mut distribution = Map::new();
    distribution.insert("kind".into(), Value::from("HASH"));
    if !chosen.is_empty() {
        distribution.insert(
            "keys".into(),
            Value::Array(
                chosen
                    .iter()
                    .map(|&i| Value::String(column_name_at(columns, i)))
                    .collect(),
            ),
        );
    }
    if let Some(b) = buckets {
        distribution.insert("bucket_count".into(), Value::from(b));
    }
    spec.insert("distribution".into(), Value::Object(distribution));
}

/// A table's `spec` without `kafka_cluster_id` (the list assigns the cluster).
pub(super) fn spec(cfg: &GenConfig) -> impl Strategy<Value = Map<String, Value>> {
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
