use mtlint_json::pointer::label;
use mtlint_json::Value;

use crate::flink::find_column;
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A column named by a PRIMARY_KEY constraint is `nullable: true`.
    ///
    /// ## What it checks
    /// For each `spec.constraints[i]` whose `type` is `PRIMARY_KEY`, that every column it names
    /// (by `columns[j]`, resolved against `spec.columns`) has `type.nullable: false`. The finding
    /// points at the column's `type.nullable`, with the constraint's reference as a related
    /// location; a column named twice is reported once. Names that match no column are
    /// `unknown-column-reference`'s, and a `nullable` that is not a boolean is the schema's.
    ///
    /// ## Why it matters
    /// `Constraint.type` is "The type of constraint.", `enum: [PRIMARY_KEY]`, over the columns
    /// `Constraint.columns` names, and `ColumnCommon.nullable` "Indicates whether values in this
    /// column can be null." In Flink SQL a primary key's columns are NOT NULL:
    /// declaring `PRIMARY KEY (id) NOT ENFORCED` makes `id` non-nullable, so a table whose key
    /// column says it may be null contradicts its own constraint. Clients that use the key to
    /// upsert or deduplicate rows would accept null keys.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "BIGINT", "nullable": true}, "kind": "Physical"}], "constraints": [{"name": "pk_orders", "type": "PRIMARY_KEY", "columns": ["id"], "enforced": false}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical"}], "constraints": [{"name": "pk_orders", "type": "PRIMARY_KEY", "columns": ["id"], "enforced": false}]}}]}
    /// ```
    pub NullablePrimaryKey, "nullable-primary-key", Correctness, hooks = [ITEM]
}

impl Rule for NullablePrimaryKey {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let Some(spec) = item.get("spec") else {
            return;
        };
        let Some(constraints) = spec.get("constraints").and_then(Value::as_array) else {
            return;
        };
        let spec_ptr = at.key("spec");
        let constraints_ptr = spec_ptr.key("constraints");
        let columns_ptr = spec_ptr.key("columns");
        let mut reported = Vec::new();
        for (i, constraint) in constraints.iter().enumerate() {
            if constraint.get("type").and_then(Value::as_str) != Some("PRIMARY_KEY") {
                continue;
            }
            let names = constraint.get("columns").and_then(Value::as_array);
            for (j, name) in names.into_iter().flatten().enumerate() {
                let Some(name) = name.as_str() else {
                    continue;
                };
                let Some((k, column)) = find_column(spec, name) else {
                    continue;
                };
                let nullable = column.get("type").and_then(|t| t.get("nullable"));
                if nullable != Some(&Value::Bool(true)) || reported.contains(&k) {
                    continue;
                }
                reported.push(k);
                let pointer = columns_ptr.index(k).key("type").join("nullable");
                let reference = constraints_ptr
                    .index(i)
                    .key("columns")
                    .index(j)
                    .to_pointer();
                cx.report(
                    pointer.clone(),
                    format!(
                        "{} is true, but column \"{name}\" is part of a PRIMARY KEY: Flink primary key columns are NOT NULL",
                        label(&pointer)
                    ),
                )
                .help(format!(
                    "a primary key column cannot hold null: \"{name}\" should be nullable: false (or the constraint should not name it)"
                ))
                .related(reference, "named by this PRIMARY_KEY constraint");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings;
    use serde_json::json;
    use serde_json::Value;

    fn spec(nullable: Value, constraints: Value) -> Value {
        json!({
            "columns": [
                {"name": "id", "type": {"type": "BIGINT", "nullable": nullable}, "kind": "Physical"},
                {"name": "region", "type": {"type": "STRING", "nullable": false}, "kind": "Physical"}
            ],
            "constraints": constraints
        })
    }

    #[test]
    fn a_nullable_key_column_is_reported_once_at_its_nullable() {
        let pk = json!([{"type": "PRIMARY_KEY", "columns": ["region", "id", "id"]}]);
        let found = findings(&NullablePrimaryKey, &spec(json!(true), pk));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].pointer, "/data/0/spec/columns/0/type/nullable");
        assert_eq!(
            found[0].related[0].pointer,
            "/data/0/spec/constraints/0/columns/1"
        );
    }

    #[test]
    fn not_null_columns_other_constraints_and_unknown_names_pass() {
        let pk = json!([{"type": "PRIMARY_KEY", "columns": ["id", "nope", 3]}]);
        assert!(findings(&NullablePrimaryKey, &spec(json!(false), pk)).is_empty());
        let other = json!([{"type": "UNIQUE", "columns": ["id"]}, {"columns": ["id"]}]);
        assert!(findings(&NullablePrimaryKey, &spec(json!(true), other)).is_empty());
        let pk = json!([{"type": "PRIMARY_KEY", "columns": ["id"]}]);
        assert!(findings(&NullablePrimaryKey, &spec(json!("true"), pk)).is_empty());
    }
}
