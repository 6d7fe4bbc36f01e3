//! DataTypes (scalar and nested ARRAY, MULTISET, MAP, ROW) and the columns that carry them.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};

use crate::config::GenConfig;

/// Simple Flink SQL scalar types that take no parameters.
pub const SIMPLE_TYPES: [&str; 10] = [
    "INT", "BIGINT", "SMALLINT", "TINYINT", "BOOLEAN", "DOUBLE", "FLOAT", "STRING", "DATE", "BYTES",
];

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
pub(super) fn dedup_names<'a>(
    names: impl Iterator<Item = &'a mut String>,
    max_len: usize,
    sep: &str,
) {
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

pub(super) fn data_type_object(name: &str, nullable: bool) -> Map<String, Value> {
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
