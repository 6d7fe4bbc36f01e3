use mtlint_json::pointer::label;
use mtlint_json::Value;

use crate::flink::{find_column, root_of, Root};
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// The column a table's watermark is declared on is neither a TIMESTAMP nor a TIMESTAMP_LTZ.
    ///
    /// ## What it checks
    /// For each materialized table with `spec.watermark.column` naming a column of
    /// `spec.columns`, that the column's `type.type` is `TIMESTAMP` or `TIMESTAMP_LTZ` (in any
    /// spelling Flink uses: `TIMESTAMP WITHOUT TIME ZONE`, `TIMESTAMP_WITHOUT_TIME_ZONE`,
    /// `TIMESTAMP WITH LOCAL TIME ZONE`, `TIMESTAMP_WITH_LOCAL_TIME_ZONE`). The finding points at
    /// the column's `type.type`, with the watermark's `column` as a related location.
    ///
    /// Silent when the watermark names no column (`unknown-column-reference`) and when the type
    /// is not a Flink type at all (`unknown-data-type`). The precision is not checked: Flink
    /// also limits a rowtime column to precision 0 to 3, but that is a different problem from
    /// this rule's, and the API may leave `precision` out.
    ///
    /// ## Why it matters
    /// `MaterializedTableSpec.watermark` is the "Watermark strategy for the Materialized Table
    /// resource", its `column` the event-time column (example `event_timestamp`, expression
    /// `event_timestamp - INTERVAL '5' SECOND`). Flink accepts a watermark only on a time
    /// attribute: "The field must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p)" (apache/flink
    /// `DefaultSchemaResolver`). A watermark on any other column describes a table Flink could not
    /// have created.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "ts", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical"}], "watermark": {"column": "ts", "expression": "ts - INTERVAL '5' SECOND"}}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "ts", "type": {"type": "TIMESTAMP_LTZ", "nullable": false, "precision": 3}, "kind": "Physical"}], "watermark": {"column": "ts", "expression": "ts - INTERVAL '5' SECOND"}}}]}
    /// ```
    pub WatermarkNotTimestamp, "watermark-not-timestamp", Correctness, hooks = [ITEM]
}

impl Rule for WatermarkNotTimestamp {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let Some(spec) = item.get("spec") else {
            return;
        };
        let Some(name) = spec
            .get("watermark")
            .and_then(|w| w.get("column"))
            .and_then(Value::as_str)
        else {
            return;
        };
        let Some((k, column)) = find_column(spec, name) else {
            return;
        };
        let Some(data_type) = column.get("type") else {
            return;
        };
        let Some(root) = root_of(data_type) else {
            return;
        };
        if matches!(root, Root::Timestamp | Root::TimestampLtz) {
            return;
        }
        let spec_ptr = at.key("spec");
        let pointer = spec_ptr.key("columns").index(k).key("type").join("type");
        let written = data_type.get("type").and_then(Value::as_str).unwrap_or("");
        cx.report(
            pointer.clone(),
            format!(
                "{} is {written}, but the watermark is declared on column \"{name}\": Flink declares watermarks only on TIMESTAMP or TIMESTAMP_LTZ columns",
                label(&pointer)
            ),
        )
        .help("the watermark's column must be the table's event time, a TIMESTAMP(p) or TIMESTAMP_LTZ(p) column (a BIGINT epoch becomes one through a computed column such as TO_TIMESTAMP_LTZ(ts, 3))")
        .related(spec_ptr.key("watermark").join("column"), "the watermark names this column");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings;
    use serde_json::json;
    use serde_json::Value;

    fn spec(type_name: &str) -> Value {
        json!({
            "columns": [
                {"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical"},
                {"name": "t", "type": {"type": type_name, "nullable": false, "precision": 3}, "kind": "Physical"}
            ],
            "watermark": {"column": "t", "expression": "t"}
        })
    }

    #[test]
    fn timestamp_columns_in_every_spelling_pass() {
        for name in [
            "TIMESTAMP",
            "TIMESTAMP_LTZ",
            "timestamp_ltz",
            "TIMESTAMP WITHOUT TIME ZONE",
            "TIMESTAMP_WITHOUT_TIME_ZONE",
            "TIMESTAMP WITH LOCAL TIME ZONE",
            "TIMESTAMP_WITH_LOCAL_TIME_ZONE",
        ] {
            assert!(
                findings(&WatermarkNotTimestamp, &spec(name)).is_empty(),
                "{name}"
            );
        }
    }

    #[test]
    fn other_known_types_are_reported_at_the_columns_type() {
        for name in [
            "BIGINT",
            "DATE",
            "TIME",
            "TIMESTAMP WITH TIME ZONE",
            "STRING",
        ] {
            let found = findings(&WatermarkNotTimestamp, &spec(name));
            assert_eq!(found.len(), 1, "{name}");
            assert_eq!(found[0].pointer, "/data/0/spec/columns/1/type/type");
            assert_eq!(found[0].related[0].pointer, "/data/0/spec/watermark/column");
        }
    }

    #[test]
    fn unknown_types_and_unknown_columns_are_other_rules_findings() {
        assert!(findings(&WatermarkNotTimestamp, &spec("EPOCH")).is_empty());
        let mut other = spec("BIGINT");
        other["watermark"]["column"] = json!("nope");
        assert!(findings(&WatermarkNotTimestamp, &other).is_empty());
    }
}
