use mtlint_json::pointer::label;
use mtlint_json::Value;

use crate::flink::{int32, Root};
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

/// Flink's DECIMAL precision bounds (apache/flink `DecimalType.MIN_PRECISION`, `MAX_PRECISION`).
pub(crate) const PRECISION: std::ops::RangeInclusive<i64> = 1..=38;

declare_rule! {
    /// A DECIMAL's `precision` is outside 1 to 38.
    ///
    /// ## What it checks
    /// Every DataType, at any depth (a column's `type`, `element_type`, `key_type`,
    /// `value_type`, `fields[].field_type`), whose `type` is `DECIMAL` (or `DEC`, `NUMERIC`):
    /// its `precision`, when given, is between 1 and 38. A `precision` that is not an int32 is
    /// the schema's finding.
    ///
    /// ## Why it matters
    /// `DataType.precision` is "The precision of the data type.", and the documented DECIMAL
    /// example has `precision: 10`, `scale: 2`. Flink's
    /// DECIMAL holds 1 to 38 digits ("DECIMAL(p, s) ... p is the number of digits, between 1
    /// and 38", Confluent's Flink SQL data types reference and apache/flink `DecimalType`), so a
    /// precision outside that range describes a column no Flink table can have, and a client
    /// mapping it to a fixed-point type overflows or rejects it.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "price", "type": {"type": "DECIMAL", "nullable": true, "precision": 39, "scale": 2}, "kind": "Physical"}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "price", "type": {"type": "DECIMAL", "nullable": true, "precision": 38, "scale": 2}, "kind": "Physical"}]}}]}
    /// ```
    pub DecimalPrecisionOutOfRange, "decimal-precision-out-of-range", Correctness, hooks = [DATA_TYPE]
}

impl Rule for DecimalPrecisionOutOfRange {
    fn data_type(&self, cx: &mut Cx<'_>, data_type: &Value, at: &Ptr<'_>) {
        if cx.type_root != Some(Root::Decimal) {
            return;
        }
        let Some(precision) = int32(data_type, "precision") else {
            return;
        };
        if PRECISION.contains(&precision) {
            return;
        }
        let pointer = at.join("precision");
        cx.report(
            pointer.clone(),
            format!(
                "{} is {precision}, but a Flink DECIMAL has 1 to 38 digits of precision",
                label(&pointer)
            ),
        )
        .help("DECIMAL(p, s) takes 1 <= p <= 38: check where the precision was computed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::type_findings;
    use serde_json::json;

    #[test]
    fn bounds_are_inclusive() {
        for p in [1, 10, 38] {
            let dt = json!({"type": "DECIMAL", "nullable": true, "precision": p, "scale": 0});
            assert!(
                type_findings(&DecimalPrecisionOutOfRange, &dt).is_empty(),
                "{p}"
            );
        }
        for p in [0, -1, 39, 2_147_483_647] {
            let dt = json!({"type": "NUMERIC", "nullable": true, "precision": p});
            let found = type_findings(&DecimalPrecisionOutOfRange, &dt);
            assert_eq!(found.len(), 1, "{p}");
            assert_eq!(found[0].pointer, "/data/0/spec/columns/0/type/precision");
        }
    }

    #[test]
    fn nested_decimals_are_checked_and_schema_invalid_values_skipped() {
        let dt = json!({"type": "ARRAY", "nullable": true,
                        "element_type": {"type": "dec", "nullable": true, "precision": 40}});
        let found = type_findings(&DecimalPrecisionOutOfRange, &dt);
        assert_eq!(
            found[0].pointer,
            "/data/0/spec/columns/0/type/element_type/precision"
        );
        for precision in [
            json!("40"),
            json!(40.5),
            json!(2_147_483_648_i64),
            json!(null),
        ] {
            let dt = json!({"type": "DECIMAL", "nullable": true, "precision": precision});
            assert!(type_findings(&DecimalPrecisionOutOfRange, &dt).is_empty());
        }
        let other = json!({"type": "TIMESTAMP", "nullable": true, "precision": 40});
        assert!(type_findings(&DecimalPrecisionOutOfRange, &other).is_empty());
    }
}
