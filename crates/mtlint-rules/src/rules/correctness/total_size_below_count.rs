use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A list's `metadata.total_size` is smaller than the number of items on the page itself.
    ///
    /// ## What it checks
    /// That `metadata.total_size`, when it is a non-negative integer, is at least the number of
    /// items in `data`. The finding is at `total_size`, with the first item beyond the count as
    /// a related location. A negative, fractional, non-numeric or out-of-int32 `total_size` is
    /// the schema's finding (`schema/minimum`, `schema/type`, `schema/format`) and is left alone.
    ///
    /// ## Why it matters
    /// `ListMeta.total_size` is the "Number of records in the full result set.
    /// This response may be paginated and have a smaller number of records." The page is part of
    /// the full result set, so it can never hold more records than the set; clients that size
    /// progress bars or stop paging on `total_size` stop early or overrun.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/payments"}, "name": "payments", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/payments"}, "name": "payments", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    pub TotalSizeBelowCount, "total-size-below-count", Correctness, hooks = [LIST]
}

impl Rule for TotalSizeBelowCount {
    fn list(&self, cx: &mut Cx<'_>, list: &Value) {
        let Some(count) = list.get("data").and_then(Value::as_array).map(Vec::len) else {
            return;
        };
        // Negatives and fractions are the schema's findings, and so is a value above int32.
        let Some(total) = crate::cx::path(list, &["metadata", "total_size"])
            .and_then(Value::as_integer)
            .and_then(|t| u64::try_from(t).ok())
            .filter(|t| i32::try_from(*t).is_ok())
        else {
            return;
        };
        if (count as u64) <= total {
            return;
        }
        let root = Ptr::Root;
        let data = root.key("data");
        cx.report(
            "/metadata/total_size".to_string(),
            format!(
                "metadata.total_size is {total} but this page alone holds {count} items; the full result set cannot be smaller than one of its pages"
            ),
        )
        .help("total_size counts every record of the listing, across all pages: it is at least the number of items in data")
        .related(
            data.index(usize::try_from(total).unwrap_or(usize::MAX)).to_pointer(),
            "the first item beyond total_size",
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::TotalSizeBelowCount;
    use crate::testing::{pointers, run};
    use crate::RequestContext;

    fn body(total: Value, items: usize) -> Value {
        json!({"metadata": {"total_size": total}, "data": vec![json!({}); items]})
    }

    #[test]
    fn below_the_count_only() {
        assert!(pointers(&TotalSizeBelowCount, &body(json!(0), 0)).is_empty());
        assert!(pointers(&TotalSizeBelowCount, &body(json!(3), 3)).is_empty());
        assert!(pointers(&TotalSizeBelowCount, &body(json!(123), 3)).is_empty());
        let found = run(
            &TotalSizeBelowCount,
            200,
            &body(json!(2), 3),
            &RequestContext::default(),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, "/metadata/total_size");
        assert_eq!(found[0].related[0].pointer, "/data/2");
    }

    #[test]
    fn schema_invalid_totals_are_left_alone() {
        for total in [
            json!(-1),
            json!(1.5),
            json!("1"),
            json!(null),
            json!(-2147483649_i64),
        ] {
            assert!(
                pointers(&TotalSizeBelowCount, &body(total.clone(), 3)).is_empty(),
                "{total}"
            );
        }
        // No total_size at all: nothing to compare.
        assert!(pointers(&TotalSizeBelowCount, &json!({"metadata": {}, "data": [{}]})).is_empty());
    }
}
