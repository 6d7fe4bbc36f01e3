use mtlint_json::pointer::label;
use mtlint_json::Value;

use crate::flink::named_columns;
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// Two columns of a table's `spec.columns` have the same `name`.
    ///
    /// ## What it checks
    /// For each materialized table with `spec.columns`, that no two columns share a `name`. The
    /// later column is reported, with the first as a related location. Names compare exactly:
    /// Flink SQL identifiers are case-sensitive, so `id` and `ID` are two columns. Columns whose
    /// `name` is missing or not a string are the schema's findings and are skipped.
    ///
    /// ## Why it matters
    /// `MaterializedTableSpec.columns` holds the "Details of each column in Materialized Table
    /// resource" and `ColumnCommon.name` is "The name of the column".
    /// A table's columns are addressed by name (its constraints, distribution keys and watermark
    /// name them), so two columns with one name make every reference ambiguous,
    /// and Flink refuses such a schema.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical"}, {"name": "id", "type": {"type": "STRING", "nullable": true}, "kind": "Physical"}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical"}, {"name": "label", "type": {"type": "STRING", "nullable": true}, "kind": "Physical"}]}}]}
    /// ```
    pub DuplicateColumnName, "duplicate-column-name", Correctness, hooks = [ITEM]
}

impl Rule for DuplicateColumnName {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let Some(spec) = item.get("spec") else {
            return;
        };
        let columns = named_columns(spec);
        let spec_ptr = at.key("spec");
        let columns_ptr = spec_ptr.key("columns");
        for (later, &(j, name)) in columns.iter().enumerate() {
            let Some(&(i, _)) = columns[..later].iter().find(|(_, n)| *n == name) else {
                continue;
            };
            let pointer = columns_ptr.index(j).join("name");
            let first = columns_ptr.index(i).join("name");
            cx.report(
                pointer.clone(),
                format!(
                    "{} is \"{name}\", like {}: a table's column names must be unique, or every reference to \"{name}\" is ambiguous",
                    label(&pointer),
                    label(&first)
                ),
            )
            .help(format!(
                "rename or remove one of the two \"{name}\" columns (names compare case-sensitively)"
            ))
            .related(first, "first defined here");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings;
    use serde_json::json;
    use serde_json::Value;

    fn spec(columns: Value) -> Value {
        json!({"kafka_cluster_id": "lkc-1", "columns": columns})
    }

    fn col(name: Value) -> Value {
        json!({"name": name, "type": {"type": "INT", "nullable": true}, "kind": "Physical"})
    }

    #[test]
    fn the_later_duplicate_is_reported_with_the_first_as_related() {
        let found = findings(
            &DuplicateColumnName,
            &spec(json!([
                col(json!("a")),
                col(json!("b")),
                col(json!("a")),
                col(json!("a"))
            ])),
        );
        let pointers: Vec<_> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["/data/0/spec/columns/2/name", "/data/0/spec/columns/3/name"]
        );
        assert!(found
            .iter()
            .all(|d| d.related[0].pointer == "/data/0/spec/columns/0/name"));
    }

    #[test]
    fn names_compare_case_sensitively_and_non_strings_are_skipped() {
        let found = findings(
            &DuplicateColumnName,
            &spec(json!([
                col(json!("id")),
                col(json!("ID")),
                col(json!(1)),
                col(json!(1))
            ])),
        );
        assert!(found.is_empty(), "{found:#?}");
        assert!(findings(&DuplicateColumnName, &json!({"kafka_cluster_id": "lkc-1"})).is_empty());
    }
}
