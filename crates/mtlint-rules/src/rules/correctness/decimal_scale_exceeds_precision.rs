use mtlint_json::pointer::label;
use mtlint_json::Value;

use crate::flink::{int32, Root};
use crate::rules::correctness::decimal_precision_out_of_range::PRECISION;
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A DECIMAL's `scale` is negative or greater than its `precision`.
    ///
    /// ## What it checks
    /// Every DataType, at any depth, whose `type` is `DECIMAL` (or `DEC`, `NUMERIC`): its
    /// `scale`, when given, is at least 0 and, when `precision` is given too, at most the
    /// precision. The finding points at `scale`, with `precision` as a related location.
    ///
    /// Silent when `scale` or `precision` is not an int32 (the schema's finding), when the
    /// precision is itself out of range (`decimal-precision-out-of-range`: comparing with it
    /// would say nothing), and when only `scale` is given: Flink's default precision (10)
    /// would apply, but a response that leaves the precision out is better read as incomplete
    /// than compared with a guess.
    ///
    /// ## Why it matters
    /// `DataType.scale` is "The scale of the data type.", beside `precision`, with the
    /// documented DECIMAL example `precision: 10`, `scale: 2`. The scale is the number of those
    /// digits after the point, so Flink requires `0 <= s <= p` (apache/flink `DecimalType`;
    /// Confluent's Flink SQL data types reference). A larger scale describes no representable
    /// number; clients building a fixed-point type from it fail.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "price", "type": {"type": "DECIMAL", "nullable": true, "precision": 10, "scale": 12}, "kind": "Physical"}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "price", "type": {"type": "DECIMAL", "nullable": true, "precision": 12, "scale": 10}, "kind": "Physical"}]}}]}
    /// ```
    pub DecimalScaleExceedsPrecision, "decimal-scale-exceeds-precision", Correctness, hooks = [DATA_TYPE]
}

impl Rule for DecimalScaleExceedsPrecision {
    fn data_type(&self, cx: &mut Cx<'_>, data_type: &Value, at: &Ptr<'_>) {
        if cx.type_root != Some(Root::Decimal) {
            return;
        }
        let Some(scale) = int32(data_type, "scale") else {
            return;
        };
        if scale < 0 {
            let pointer = at.join("scale");
            cx.report(
                pointer.clone(),
                format!(
                    "{} is {scale}, but a DECIMAL's scale counts digits after the point and cannot be negative",
                    label(&pointer)
                ),
            )
            .help("DECIMAL(p, s) takes 0 <= s <= p");
            return;
        }
        let Some(precision) = int32(data_type, "precision").filter(|p| PRECISION.contains(p))
        else {
            return;
        };
        if scale <= precision {
            return;
        }
        // Built only for a finding: this hook runs for every DataType of every column.
        let pointer = at.join("scale");
        cx.report(
            pointer.clone(),
            format!(
                "{} is {scale}, more than the precision {precision}: a DECIMAL cannot have more digits after the point than it has digits",
                label(&pointer)
            ),
        )
        .help("DECIMAL(p, s) takes 0 <= s <= p: the two values may be swapped")
        .related(at.join("precision"), "the precision is here");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::type_findings;
    use serde_json::json;
    use serde_json::Value;

    fn decimal(precision: Value, scale: Value) -> Value {
        json!({"type": "DECIMAL", "nullable": false, "precision": precision, "scale": scale})
    }

    #[test]
    fn scale_up_to_precision_passes() {
        for (p, s) in [(10, 0), (10, 2), (38, 38), (1, 1)] {
            assert!(
                type_findings(&DecimalScaleExceedsPrecision, &decimal(json!(p), json!(s)))
                    .is_empty(),
                "{p},{s}"
            );
        }
    }

    #[test]
    fn scale_above_precision_or_negative_is_reported_at_scale() {
        let found = type_findings(
            &DecimalScaleExceedsPrecision,
            &decimal(json!(10), json!(11)),
        );
        assert_eq!(found[0].pointer, "/data/0/spec/columns/0/type/scale");
        assert_eq!(
            found[0].related[0].pointer,
            "/data/0/spec/columns/0/type/precision"
        );
        let found = type_findings(
            &DecimalScaleExceedsPrecision,
            &decimal(json!(10), json!(-1)),
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].related.is_empty());
        let found = type_findings(
            &DecimalScaleExceedsPrecision,
            &json!({"type": "DECIMAL", "nullable": true, "scale": -2}),
        );
        assert_eq!(found.len(), 1, "negative even without a precision");
    }

    #[test]
    fn silent_where_the_comparison_says_nothing() {
        for (p, s) in [
            (json!(39), json!(40)),
            (json!(0), json!(1)),
            (json!("10"), json!(12)),
            (json!(10), json!("12")),
            (json!(10), json!(12.5)),
        ] {
            assert!(
                type_findings(
                    &DecimalScaleExceedsPrecision,
                    &decimal(p.clone(), s.clone())
                )
                .is_empty(),
                "{p},{s}"
            );
        }
        let no_precision = json!({"type": "DECIMAL", "nullable": true, "scale": 12});
        assert!(type_findings(&DecimalScaleExceedsPrecision, &no_precision).is_empty());
        let not_decimal =
            json!({"type": "TIMESTAMP", "nullable": true, "precision": 3, "scale": 9});
        assert!(type_findings(&DecimalScaleExceedsPrecision, &not_decimal).is_empty());
    }
}
