use mtlint_json::pointer::label;
use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A constraint, distribution key or watermark names a column that `spec.columns` does not define.
    ///
    /// ## What it checks
    /// For each materialized table whose `spec.columns` is given, that every name in
    /// `spec.constraints[i].columns`, `spec.distribution.keys` and `spec.watermark.column` is the
    /// `name` of one of its columns. Names compare exactly: Flink SQL identifiers are
    /// case-sensitive, so `ID` does not name the column `id` (the help says so when that is the
    /// likely mistake).
    ///
    /// Silent when `spec.columns` is absent or empty (`MaterializedTableSpec.columns`: "If columns
    /// are not specified, we infer from query", so there is nothing to compare with), when a column
    /// has no string `name` (the schema reports that, and the list of names would be incomplete),
    /// and for references that are not strings (the schema reports those).
    ///
    /// ## Why it matters
    /// The documented examples show what these strings are: `Constraint.columns` (`user_id`,
    /// `product_id`), `Distribution.keys` (`user_id`) and `Watermark.column` (`event_timestamp`)
    /// are column names of the same table, whose `MaterializedTableSpec.columns` are "Details of
    /// each column in Materialized Table resource". A reference to a column the table does not have
    /// describes a table Flink would not have created: a client following it finds nothing.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical"}], "distribution": {"kind": "HASH", "keys": ["user_id"]}}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical"}], "distribution": {"kind": "HASH", "keys": ["id"]}}}]}
    /// ```
    pub UnknownColumnReference, "unknown-column-reference", Correctness, hooks = [ITEM]
}

impl Rule for UnknownColumnReference {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let Some(spec) = item.get("spec") else {
            return;
        };
        let Some(columns) = spec.get("columns").and_then(Value::as_array) else {
            return;
        };
        let names: Vec<&str> = columns
            .iter()
            .filter_map(|c| c.get("name").and_then(Value::as_str))
            .collect();
        if names.is_empty() || names.len() != columns.len() {
            return;
        }
        let spec_ptr = at.key("spec");
        let constraints_ptr = spec_ptr.key("constraints");
        for (i, constraint) in array(spec.get("constraints")).iter().enumerate() {
            let constraint_ptr = constraints_ptr.index(i);
            let refs_ptr = constraint_ptr.key("columns");
            for (j, reference) in array(constraint.get("columns")).iter().enumerate() {
                check(cx, &names, reference, &refs_ptr.index(j), "a constraint");
            }
        }
        let distribution_ptr = spec_ptr.key("distribution");
        let keys_ptr = distribution_ptr.key("keys");
        let keys = spec.get("distribution").and_then(|d| d.get("keys"));
        for (j, key) in array(keys).iter().enumerate() {
            check(cx, &names, key, &keys_ptr.index(j), "the distribution");
        }
        if let Some(column) = spec.get("watermark").and_then(|w| w.get("column")) {
            let watermark_ptr = spec_ptr.key("watermark");
            check(
                cx,
                &names,
                column,
                &watermark_ptr.key("column"),
                "the watermark",
            );
        }
    }
}

fn array<'v>(value: Option<&'v Value<'_>>) -> &'v [Value<'v>] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn check(cx: &mut Cx<'_>, names: &[&str], reference: &Value, at: &Ptr<'_>, what: &str) {
    let Some(reference) = reference.as_str() else {
        return;
    };
    if names.contains(&reference) {
        return;
    }
    // Built only for a finding: every reference of every table comes here.
    let pointer = at.to_pointer();
    let message = format!(
        "{} is \"{reference}\", which names no column of spec.columns: {what} refers to a column the table does not have",
        label(&pointer)
    );
    let help = if let Some(same) = names.iter().find(|n| n.eq_ignore_ascii_case(reference)) {
        format!("did you mean \"{same}\"? Flink SQL identifiers are case-sensitive")
    } else {
        let shown: Vec<String> = names.iter().take(12).map(|n| format!("\"{n}\"")).collect();
        let more = if names.len() > 12 { ", ..." } else { "" };
        format!(
            "name one of the table's columns ({}{more}), or add the column to spec.columns",
            shown.join(", ")
        )
    };
    cx.report(pointer, message).help(help);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings;
    use serde_json::json;
    use serde_json::Value;

    fn columns() -> Value {
        json!([
            {"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical"},
            {"name": "ts", "type": {"type": "TIMESTAMP_LTZ", "nullable": false, "precision": 3}, "kind": "Physical"}
        ])
    }

    #[test]
    fn every_kind_of_reference_is_checked() {
        let spec = json!({
            "columns": columns(),
            "constraints": [{"type": "PRIMARY_KEY", "columns": ["id", "nope"]}],
            "distribution": {"kind": "HASH", "keys": ["ID"]},
            "watermark": {"column": "event_time"}
        });
        let found = findings(&UnknownColumnReference, &spec);
        let pointers: Vec<_> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/data/0/spec/constraints/0/columns/1",
                "/data/0/spec/distribution/keys/0",
                "/data/0/spec/watermark/column"
            ]
        );
        assert!(found[1]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean \"id\""));
        assert!(found[0].help.as_deref().unwrap().contains("\"id\", \"ts\""));
    }

    #[test]
    fn known_references_pass() {
        let spec = json!({
            "columns": columns(),
            "constraints": [{"type": "PRIMARY_KEY", "columns": ["id"]}],
            "distribution": {"kind": "HASH", "keys": ["id"]},
            "watermark": {"column": "ts"}
        });
        assert!(findings(&UnknownColumnReference, &spec).is_empty());
    }

    #[test]
    fn silent_without_columns_or_with_an_unnamed_column() {
        let refs = json!({"distribution": {"keys": ["x"]}, "watermark": {"column": "y"}});
        let mut spec = refs.clone();
        assert!(findings(&UnknownColumnReference, &spec).is_empty());
        spec["columns"] = json!([]);
        assert!(findings(&UnknownColumnReference, &spec).is_empty());
        spec["columns"] = json!([{"name": "a"}, {"type": {"type": "INT", "nullable": true}}]);
        assert!(findings(&UnknownColumnReference, &spec).is_empty());
        spec["columns"] = json!([{"name": "a"}]);
        spec["distribution"]["keys"] = json!([7]);
        assert_eq!(
            findings(&UnknownColumnReference, &spec).len(),
            1,
            "only the watermark"
        );
    }
}
