//! Finding (and where missing, creating) the places a mutation changes. Every helper here keeps
//! a valid body valid: it only adds what the spec and the rules allow (a fresh, unreferenced
//! column; a status consistent with `spec.stopped`; a primary key on a NOT NULL column...).

use std::collections::BTreeSet;

use mtlint_json::pointer::push_token;
use serde_json::{json, Map, Value};

use crate::strategy::SIMPLE_TYPES;

/// Deterministic choices for a mutation (SplitMix64), so the same choice seed gives the same
/// mutation.
#[derive(Debug, Clone)]
pub struct Picker(u64);

impl Picker {
    /// A picker seeded with `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// An index below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// One of `items` (`None` when empty).
    pub fn choose<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }
}

/// `base` + `/token` (escaped).
#[must_use]
pub fn join(base: &str, token: &str) -> String {
    let mut out = base.to_string();
    push_token(&mut out, token);
    out
}

/// The value at a pointer, mutably, or an error naming it.
pub fn at<'a>(body: &'a mut Value, pointer: &str) -> Result<&'a mut Value, String> {
    body.pointer_mut(pointer)
        .ok_or_else(|| format!("nothing at {pointer}"))
}

/// The object at a pointer, mutably.
pub fn object<'a>(
    body: &'a mut Value,
    pointer: &str,
) -> Result<&'a mut Map<String, Value>, String> {
    at(body, pointer)?
        .as_object_mut()
        .ok_or_else(|| format!("{pointer} is not an object"))
}

/// The number of items of a list body.
#[must_use]
pub fn item_count(body: &Value) -> usize {
    body.get("data")
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// The pointer of a chosen item (`/data/i`), at index `min` or above.
pub fn item(body: &Value, picker: &mut Picker, min: usize) -> Result<String, String> {
    let n = item_count(body);
    if n <= min {
        return Err(format!(
            "the list has {n} items; this mutation needs {}",
            min + 1
        ));
    }
    Ok(format!("/data/{}", min + picker.below(n - min)))
}

/// The member `name` of the object at `pointer`, created as `default` when missing.
pub fn ensure_member(
    body: &mut Value,
    pointer: &str,
    name: &str,
    default: impl FnOnce() -> Value,
) -> Result<String, String> {
    let map = object(body, pointer)?;
    if !map.contains_key(name) {
        map.insert(name.to_string(), default());
    }
    Ok(join(pointer, name))
}

/// Column names of an item.
fn column_names(body: &Value, item: &str) -> Vec<String> {
    body.pointer(&format!("{item}/spec/columns"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// The names the watermark, constraints and distribution of an item refer to.
#[must_use]
pub fn referenced_columns(body: &Value, item: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(spec) = body.pointer(&format!("{item}/spec")) else {
        return out;
    };
    if let Some(c) = spec.pointer("/watermark/column").and_then(Value::as_str) {
        out.insert(c.to_string());
    }
    for constraint in spec
        .get("constraints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for c in constraint
            .get("columns")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            out.insert(c.to_string());
        }
    }
    for k in spec
        .pointer("/distribution/keys")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        out.insert(k.to_string());
    }
    out
}

/// A column name the item does not use yet.
#[must_use]
pub fn fresh_column_name(body: &Value, item: &str, stem: &str) -> String {
    let names = column_names(body, item);
    (0..)
        .map(|n| {
            if n == 0 {
                stem.to_string()
            } else {
                format!("{stem}_{n}")
            }
        })
        .find(|candidate| !names.contains(candidate))
        .unwrap_or_else(|| stem.to_string())
}

/// Appends a column to the item's `spec.columns` (created when missing); its pointer.
pub fn append_column(body: &mut Value, item: &str, column: Value) -> Result<String, String> {
    let spec = format!("{item}/spec");
    ensure_member(body, &spec, "columns", || json!([]))?;
    let columns = at(body, &format!("{spec}/columns"))?
        .as_array_mut()
        .ok_or("spec.columns is not an array")?;
    columns.push(column);
    Ok(format!("{spec}/columns/{}", columns.len() - 1))
}

/// A fresh Physical column of `data_type`, appended; its pointer.
pub fn fresh_column(
    body: &mut Value,
    item: &str,
    stem: &str,
    data_type: Value,
) -> Result<String, String> {
    let name = fresh_column_name(body, item, stem);
    append_column(
        body,
        item,
        json!({"name": name, "type": data_type, "kind": "Physical"}),
    )
}

/// A column of `kind` that nothing refers to: an existing one, or a fresh one appended.
pub fn unreferenced_column(
    body: &mut Value,
    item: &str,
    kind: Option<&str>,
    picker: &mut Picker,
) -> Result<String, String> {
    let referenced = referenced_columns(body, item);
    let candidates: Vec<usize> = body
        .pointer(&format!("{item}/spec/columns"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, c)| {
            kind.is_none_or(|k| c.get("kind").and_then(Value::as_str) == Some(k))
                && c.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| !referenced.contains(n))
        })
        .map(|(i, _)| i)
        .collect();
    // Half of the time a fresh column, so both generated and minimal columns are exercised.
    if let Some(&i) = picker.choose(&candidates) {
        if picker.below(2) == 0 {
            return Ok(format!("{item}/spec/columns/{i}"));
        }
    }
    let name = fresh_column_name(body, item, "gen_col");
    let column = match kind.unwrap_or("Physical") {
        "Metadata" => {
            json!({"name": name, "type": {"type": "BIGINT", "nullable": false}, "kind": "Metadata", "metadata_key": "offset"})
        }
        "Computed" => {
            json!({"name": name, "type": {"type": "INT", "nullable": true}, "kind": "Computed", "expression": "1 + 1"})
        }
        _ => json!({"name": name, "type": {"type": "INT", "nullable": true}, "kind": "Physical"}),
    };
    append_column(body, item, column)
}

/// Pointers of every DataType node of an item's columns (top-level types and everything
/// nested), with the node.
#[must_use]
pub fn data_type_nodes(body: &Value, item: &str) -> Vec<(String, Value)> {
    fn walk(node: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
        if !node.is_object() {
            return;
        }
        out.push((pointer.clone(), node.clone()));
        for key in ["key_type", "value_type", "element_type"] {
            if let Some(inner) = node.get(key) {
                walk(inner, join(&pointer, key), out);
            }
        }
        for (k, field) in node
            .get("fields")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(inner) = field.get("field_type") {
                walk(inner, format!("{pointer}/fields/{k}/field_type"), out);
            }
        }
    }
    let mut out = Vec::new();
    for (j, column) in body
        .pointer(&format!("{item}/spec/columns"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(t) = column.get("type") {
            walk(t, format!("{item}/spec/columns/{j}/type"), &mut out);
        }
    }
    out
}

fn type_name(node: &Value) -> &str {
    node.get("type").and_then(Value::as_str).unwrap_or("")
}

/// A DataType node whose type is one of `names`, anywhere in the item's columns (or the
/// top-level type of a fresh column of `fresh` when there is none, or by chance).
pub fn data_type_node(
    body: &mut Value,
    item: &str,
    names: &[&str],
    fresh: Value,
    picker: &mut Picker,
) -> Result<String, String> {
    let candidates: Vec<String> = data_type_nodes(body, item)
        .into_iter()
        .filter(|(_, node)| names.contains(&type_name(node)))
        .map(|(p, _)| p)
        .collect();
    if let Some(p) = picker.choose(&candidates) {
        if picker.below(3) != 0 {
            return Ok(p.clone());
        }
    }
    let column = fresh_column(body, item, "gen_typed", fresh)?;
    Ok(format!("{column}/type"))
}

/// A DataType node of a simple parameterless type (INT, STRING...), outside any column that
/// something refers to; a fresh INT column when there is none.
pub fn scalar_node(body: &mut Value, item: &str, picker: &mut Picker) -> Result<String, String> {
    let referenced = referenced_columns(body, item);
    let names = column_names(body, item);
    let candidates: Vec<String> = data_type_nodes(body, item)
        .into_iter()
        .filter(|(p, node)| {
            SIMPLE_TYPES.contains(&type_name(node)) && {
                // /data/i/spec/columns/j/type... : the column's name must be unreferenced.
                let rest = &p[item.len() + "/spec/columns/".len()..];
                let j: usize = rest
                    .split('/')
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                names.get(j).is_some_and(|n| !referenced.contains(n))
            }
        })
        .map(|(p, _)| p)
        .collect();
    if let Some(p) = picker.choose(&candidates) {
        if picker.below(3) != 0 {
            return Ok(p.clone());
        }
    }
    let column = fresh_column(
        body,
        item,
        "gen_scalar",
        json!({"type": "INT", "nullable": true}),
    )?;
    Ok(format!("{column}/type"))
}

/// A ROW field (`.../fields/k`) anywhere in the item's unreferenced columns, or in a fresh
/// `ROW<f INT>` column.
pub fn row_field(body: &mut Value, item: &str, picker: &mut Picker) -> Result<String, String> {
    let node = data_type_node(
        body,
        item,
        &["ROW"],
        json!({"type": "ROW", "nullable": true, "fields": [{"name": "f", "field_type": {"type": "INT", "nullable": true}}]}),
        picker,
    )?;
    let count = body
        .pointer(&format!("{node}/fields"))
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    Ok(format!("{node}/fields/{}", picker.below(count)))
}

/// The item's status, created consistently with `spec.stopped` when missing.
pub fn ensure_status(body: &mut Value, item: &str) -> Result<String, String> {
    let stopped = body.pointer(&format!("{item}/spec/stopped")) == Some(&Value::Bool(true));
    ensure_member(
        body,
        item,
        "status",
        || json!({"phase": if stopped { "STOPPED" } else { "RUNNING" }}),
    )
}

/// A warning of the item's status (`.../warnings/k`), created when there is none.
pub fn ensure_warning(body: &mut Value, item: &str, picker: &mut Picker) -> Result<String, String> {
    let status = ensure_status(body, item)?;
    let warnings = ensure_member(body, &status, "warnings", || json!([]))?;
    let list = at(body, &warnings)?
        .as_array_mut()
        .ok_or("warnings is not an array")?;
    if list.is_empty() {
        list.push(json!({"severity": "LOW", "created_at": "2025-11-10T16:20:00Z", "reason": "STATE_TTL_NOT_SET", "message": "State TTL is not set."}));
    }
    let k = picker.below(list.len());
    Ok(format!("{warnings}/{k}"))
}

/// The item's `status.scaling_status`, created when missing.
pub fn ensure_scaling(body: &mut Value, item: &str) -> Result<String, String> {
    let status = ensure_status(body, item)?;
    ensure_member(
        body,
        &status,
        "scaling_status",
        || json!({"scaling_state": "OK", "last_updated": "2025-11-10T16:20:00Z"}),
    )
}

/// A primary-key constraint (`.../constraints/k`) naming at least one NOT NULL column; one on a
/// fresh `gen_pk` BIGINT NOT NULL column is added when the item has none.
pub fn ensure_constraint(
    body: &mut Value,
    item: &str,
    picker: &mut Picker,
) -> Result<String, String> {
    let constraints_ptr = format!("{item}/spec/constraints");
    let existing = body
        .pointer(&constraints_ptr)
        .and_then(Value::as_array)
        .map(|c| {
            c.iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.get("columns")
                        .and_then(Value::as_array)
                        .is_some_and(|a| !a.is_empty())
                })
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    if let Some(&k) = picker.choose(&existing) {
        return Ok(format!("{constraints_ptr}/{k}"));
    }
    let column = fresh_column(
        body,
        item,
        "gen_pk",
        json!({"type": "BIGINT", "nullable": false}),
    )?;
    let name = body
        .pointer(&format!("{column}/name"))
        .cloned()
        .unwrap_or(Value::Null);
    let spec = format!("{item}/spec");
    ensure_member(body, &spec, "constraints", || json!([]))?;
    let list = at(body, &constraints_ptr)?
        .as_array_mut()
        .ok_or("constraints is not an array")?;
    list.push(
        json!({"name": "pk_gen", "type": "PRIMARY_KEY", "columns": [name], "enforced": false}),
    );
    Ok(format!("{constraints_ptr}/{}", list.len() - 1))
}

/// The item's distribution, with at least one key naming a column (created when missing).
pub fn ensure_distribution(
    body: &mut Value,
    item: &str,
    picker: &mut Picker,
) -> Result<String, String> {
    let pointer = format!("{item}/spec/distribution");
    let has_keys = body
        .pointer(&format!("{pointer}/keys"))
        .and_then(Value::as_array)
        .is_some_and(|k| !k.is_empty());
    if !has_keys {
        let column = unreferenced_column(body, item, Some("Physical"), picker)?;
        let name = body
            .pointer(&format!("{column}/name"))
            .cloned()
            .unwrap_or(Value::Null);
        let spec = format!("{item}/spec");
        ensure_member(body, &spec, "distribution", || json!({"kind": "HASH"}))?;
        object(body, &pointer)?.insert("keys".into(), json!([name]));
    }
    Ok(pointer)
}

/// The item's watermark on a TIMESTAMP column (a fresh `gen_ts` TIMESTAMP(3) when missing).
pub fn ensure_watermark(body: &mut Value, item: &str) -> Result<String, String> {
    let pointer = format!("{item}/spec/watermark");
    if body.pointer(&pointer).is_none() {
        let column = fresh_column(
            body,
            item,
            "gen_ts",
            json!({"type": "TIMESTAMP", "nullable": false, "precision": 3}),
        )?;
        let name = body
            .pointer(&format!("{column}/name"))
            .cloned()
            .unwrap_or(Value::Null);
        let expression = format!("`{}` - INTERVAL '5' SECOND", name.as_str().unwrap_or(""));
        object(body, &format!("{item}/spec"))?.insert(
            "watermark".into(),
            json!({"column": name, "expression": expression}),
        );
    }
    Ok(pointer)
}

/// Sets the item's `created_at`, `updated_at` and `deleted_at` to fixed ordered instants when
/// it has no `created_at`.
pub fn ensure_times(body: &mut Value, item: &str) -> Result<String, String> {
    let metadata = format!("{item}/metadata");
    let map = object(body, &metadata)?;
    if !map.contains_key("created_at") {
        map.insert("created_at".into(), json!("2025-03-01T10:00:00Z"));
        map.insert("updated_at".into(), json!("2025-03-02T10:00:00Z"));
    }
    Ok(metadata)
}

/// An error of a Failure body (`/errors/k`).
pub fn error(body: &Value, picker: &mut Picker) -> Result<String, String> {
    let n = body
        .get("errors")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if n == 0 {
        return Err("the error body has no errors".into());
    }
    Ok(format!("/errors/{}", picker.below(n)))
}
