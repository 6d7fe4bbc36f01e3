use mtlint_json::pointer::label;
use mtlint_json::Value;

use crate::flink::suggestion;
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A DataType's `type` is not the name of a Flink SQL type.
    ///
    /// ## What it checks
    /// Every DataType, at any depth: its `type` names a Flink SQL type. Accepted are the SQL
    /// spellings (`CHAR`, `VARCHAR`, `STRING`, `BOOLEAN`, `BINARY`, `VARBINARY`, `BYTES`,
    /// `DECIMAL`, `DEC`, `NUMERIC`, `TINYINT`, `SMALLINT`, `INT`, `INTEGER`, `BIGINT`, `FLOAT`,
    /// `DOUBLE`, `DOUBLE PRECISION`, `DATE`, `TIME`, `TIMESTAMP`, `TIMESTAMP_LTZ`, `TIMESTAMP
    /// WITH [LOCAL] TIME ZONE`, `TIMESTAMP WITHOUT TIME ZONE`, `INTERVAL` alone or with its
    /// qualifier such as `INTERVAL DAY TO SECOND`, `ARRAY`, `MULTISET`, `MAP`, `ROW`,
    /// `STRUCTURED`, `NULL`, `RAW`, `VARIANT`, `BITMAP`) and Flink's `LogicalTypeRoot` names,
    /// which the API uses in result schemas (`TIME_WITHOUT_TIME_ZONE`,
    /// `TIMESTAMP_WITHOUT_TIME_ZONE`, `TIMESTAMP_WITH_TIME_ZONE`,
    /// `TIMESTAMP_WITH_LOCAL_TIME_ZONE`, `INTERVAL_YEAR_MONTH`, `INTERVAL_DAY_TIME`,
    /// `STRUCTURED_TYPE`, `DISTINCT_TYPE`). Comparison ignores case and repeated spaces, as
    /// Flink's type parser does. Planner-internal roots that never type a column (`SYMBOL`,
    /// `UNRESOLVED`, `DESCRIPTOR`, `LEGACY`) are not accepted. The help names the closest known
    /// type, or the type inside a whole SQL type written where only its name goes
    /// (`VARCHAR(255)`, `ARRAY<INT>`, `INT NOT NULL`).
    ///
    /// Sources: Confluent, "Data Types in Confluent Cloud for Apache Flink"
    /// (docs.confluent.io/cloud/current/flink/reference/datatypes.html); apache/flink
    /// `LogicalTypeParser` (its keywords) and `LogicalTypeRoot`; Confluent's Python driver
    /// confluentinc/confluent-sql (`types.py`, the type names it reads from the statement API,
    /// whose `DataType` schema this API shares).
    ///
    /// ## Why it matters
    /// `DataType.type` is a bare string, "The data type of the column.", with the examples
    /// `BIGINT` and `DECIMAL`: it is a Flink SQL type name.
    /// A name Flink does not know cannot be mapped to a value type by any client, and usually
    /// means a typo or a name from another system (`TEXT`, `LONG`).
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "note", "type": {"type": "TEXT", "nullable": true}, "kind": "Physical"}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "note", "type": {"type": "STRING", "nullable": true}, "kind": "Physical"}]}}]}
    /// ```
    pub UnknownDataType, "unknown-data-type", Correctness, hooks = [DATA_TYPE]
}

impl Rule for UnknownDataType {
    fn data_type(&self, cx: &mut Cx<'_>, data_type: &Value, at: &Ptr<'_>) {
        let Some(name) = data_type.get("type").and_then(Value::as_str) else {
            return;
        };
        if cx.type_root.is_some() {
            return;
        }
        let pointer = at.join("type");
        let help = match suggestion(name) {
            Some((known, why)) => format!("did you mean {known}? ({why})"),
            None => "use a Flink SQL type name such as STRING, INT, BIGINT, DECIMAL, TIMESTAMP or TIMESTAMP_LTZ (`mtlint explain unknown-data-type` lists them all)".to_string(),
        };
        cx.report(
            pointer.clone(),
            format!(
                "{} is {}, which is not a Flink SQL type: no client can map its values",
                label(&pointer),
                serde_json::Value::String(name.to_string())
            ),
        )
        .help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::type_findings;
    use serde_json::json;

    fn found(name: &str) -> Vec<crate::Diagnostic> {
        type_findings(&UnknownDataType, &json!({"type": name, "nullable": true}))
    }

    #[test]
    fn flink_names_in_any_case_pass() {
        for name in [
            "INT",
            "int",
            "VarChar",
            "INTERVAL",
            "RAW",
            "TIMESTAMP_WITH_LOCAL_TIME_ZONE",
            "INTERVAL DAY TO SECOND",
        ] {
            assert!(found(name).is_empty(), "{name}");
        }
    }

    #[test]
    fn unknown_names_are_reported_with_the_closest_known_one() {
        let f = found("BIGNT");
        assert_eq!(f[0].pointer, "/data/0/spec/columns/0/type/type");
        assert!(f[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean BIGINT?"));
        let f = found("VARCHAR(255)");
        assert!(f[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean VARCHAR?"));
        let f = found("GEOMETRY");
        assert!(f[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("use a Flink SQL type name"));
        assert_eq!(found("").len(), 1);
    }

    #[test]
    fn nested_types_are_checked_and_non_strings_skipped() {
        let dt = json!({"type": "MAP", "nullable": true,
                        "key_type": {"type": "STRING", "nullable": false},
                        "value_type": {"type": "JSON", "nullable": true}});
        let f = type_findings(&UnknownDataType, &dt);
        assert_eq!(f[0].pointer, "/data/0/spec/columns/0/type/value_type/type");
        assert!(type_findings(&UnknownDataType, &json!({"type": 3, "nullable": true})).is_empty());
    }
}
