use mtlint_json::pointer::label;
use mtlint_json::Value;

use crate::flink::{int32, Root};
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A TIMESTAMP, TIMESTAMP_LTZ or TIME type's `precision` is outside 0 to 9.
    ///
    /// ## What it checks
    /// Every DataType, at any depth, whose `type` is a time of day or a timestamp: `TIME`,
    /// `TIMESTAMP`, `TIMESTAMP_LTZ`, `TIMESTAMP WITH TIME ZONE`, in any spelling Flink uses
    /// (`TIME_WITHOUT_TIME_ZONE`, `TIMESTAMP_WITHOUT_TIME_ZONE`,
    /// `TIMESTAMP_WITH_LOCAL_TIME_ZONE`, ...): its `precision`, when given, is between 0 and 9.
    /// TIME is included because Flink bounds its fractional seconds the same way. A `precision`
    /// that is not an int32 is the schema's finding.
    ///
    /// ## Why it matters
    /// `DataType.precision`: "The precision of the data type." For these types it is the number
    /// of digits of fractional seconds, and Flink allows 0 to 9 (nanoseconds): Confluent's
    /// "Timezone Types" reference says of `TIMESTAMP(p)` and `TIMESTAMP_LTZ(p)` "The precision p
    /// supports a range from 0 to 9", and apache/flink's `TimeType` has the same bounds. A
    /// precision outside them describes a column no Flink table can have; clients choosing a time
    /// unit from it fail.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "ts", "type": {"type": "TIMESTAMP", "nullable": true, "precision": 12}, "kind": "Physical"}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "ts", "type": {"type": "TIMESTAMP", "nullable": true, "precision": 9}, "kind": "Physical"}]}}]}
    /// ```
    pub TimestampPrecisionOutOfRange, "timestamp-precision-out-of-range", Correctness, hooks = [DATA_TYPE]
}

impl Rule for TimestampPrecisionOutOfRange {
    fn data_type(&self, cx: &mut Cx<'_>, data_type: &Value, at: &Ptr<'_>) {
        let Some(root @ (Root::Time | Root::Timestamp | Root::TimestampLtz | Root::TimestampTz)) =
            cx.type_root
        else {
            return;
        };
        let Some(precision) = int32(data_type, "precision") else {
            return;
        };
        if (0..=9).contains(&precision) {
            return;
        }
        let what = if root == Root::Time {
            "TIME"
        } else {
            "timestamp"
        };
        let pointer = at.join("precision");
        cx.report(
            pointer.clone(),
            format!(
                "{} is {precision}, but a Flink {what} has 0 to 9 digits of fractional seconds",
                label(&pointer)
            ),
        )
        .help("the precision counts fractional-second digits: 3 is milliseconds, 6 microseconds, 9 nanoseconds");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::type_findings;
    use serde_json::json;

    #[test]
    fn zero_to_nine_pass_for_every_time_type() {
        for name in [
            "TIMESTAMP",
            "TIMESTAMP_LTZ",
            "TIME",
            "TIMESTAMP_WITH_LOCAL_TIME_ZONE",
        ] {
            for p in [0, 3, 9] {
                let dt = json!({"type": name, "nullable": true, "precision": p});
                assert!(type_findings(&TimestampPrecisionOutOfRange, &dt).is_empty());
            }
        }
    }

    #[test]
    fn outside_is_reported_at_precision() {
        for (name, p) in [
            ("TIMESTAMP", 10),
            ("TIMESTAMP_LTZ", -1),
            ("TIME", 12),
            ("timestamp with time zone", 10),
        ] {
            let dt = json!({"type": name, "nullable": true, "precision": p});
            let found = type_findings(&TimestampPrecisionOutOfRange, &dt);
            assert_eq!(found.len(), 1, "{name} {p}");
            assert_eq!(found[0].pointer, "/data/0/spec/columns/0/type/precision");
        }
    }

    #[test]
    fn other_types_and_schema_invalid_precisions_are_skipped() {
        let decimal = json!({"type": "DECIMAL", "nullable": true, "precision": 20});
        assert!(type_findings(&TimestampPrecisionOutOfRange, &decimal).is_empty());
        let interval = json!({"type": "INTERVAL", "nullable": true, "precision": 12});
        assert!(type_findings(&TimestampPrecisionOutOfRange, &interval).is_empty());
        for p in [json!("12"), json!(12.5), json!(4_294_967_296_i64)] {
            let dt = json!({"type": "TIMESTAMP", "nullable": true, "precision": p});
            assert!(type_findings(&TimestampPrecisionOutOfRange, &dt).is_empty());
        }
    }
}
