use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table's `status.version` is greater than its `status.latest_version`.
    ///
    /// ## What it checks
    /// For each materialized table with both `status.version` and `status.latest_version`
    /// (integers of at least 1), that `version <= latest_version`.
    ///
    /// ## Why it matters
    /// `MaterializedTableStatus.latest_version`: "Represents the latest submitted version of the
    /// Materialized Table. When a query evolution is accepted, `latest_version` is incremented
    /// immediately and will be greater than `version` until the new query is fully activated." The
    /// active version can never be ahead of the latest submitted one; a response that says so has
    /// its counters swapped or stale.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}, "status": {"phase": "RUNNING", "version": 4, "latest_version": 3}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}, "status": {"phase": "RUNNING", "version": 3, "latest_version": 4}}]}
    /// ```
    pub VersionExceedsLatest, "version-exceeds-latest", Correctness, hooks = [ITEM]
}

impl Rule for VersionExceedsLatest {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let Some(status) = item.get("status") else {
            return;
        };
        // Non-integers and values below 1 are the schema's findings, not ours.
        // Only int32 values of at least 1: anything else is the schema's finding.
        let positive = |key| {
            status
                .get(key)
                .and_then(Value::as_integer)
                .filter(|v| (1..=i64::from(i32::MAX)).contains(v))
        };
        let (Some(version), Some(latest)) = (positive("version"), positive("latest_version"))
        else {
            return;
        };
        if version > latest {
            let status_ptr = at.key("status");
            cx.report(
                status_ptr.join("version"),
                format!(
                    "status.version is {version} but status.latest_version is {latest}; the active version cannot be ahead of the latest submitted one"
                ),
            )
            .help("latest_version is incremented when an evolution is accepted, so it is always >= version: check which counter is stale")
            .related(status_ptr.join("latest_version"), "latest_version is here");
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::VersionExceedsLatest;
    use crate::testing::pointers;

    fn body(version: serde_json::Value, latest: serde_json::Value) -> serde_json::Value {
        json!({"data": [{"status": {"version": version, "latest_version": latest}}]})
    }

    #[test]
    fn ahead_is_reported_equal_and_behind_are_not() {
        assert_eq!(
            pointers(&VersionExceedsLatest, &body(json!(4), json!(3))),
            ["/data/0/status/version"]
        );
        assert!(pointers(&VersionExceedsLatest, &body(json!(3), json!(3))).is_empty());
        assert!(pointers(&VersionExceedsLatest, &body(json!(2), json!(3))).is_empty());
    }

    #[test]
    fn values_the_schema_rejects_are_left_to_it() {
        // Above int32 (schema/format), below 1 (schema/minimum), not integers (schema/type).
        assert!(pointers(
            &VersionExceedsLatest,
            &body(json!(2_147_483_648_i64), json!(3))
        )
        .is_empty());
        assert!(pointers(&VersionExceedsLatest, &body(json!(3), json!(0))).is_empty());
        assert!(pointers(&VersionExceedsLatest, &body(json!("4"), json!(3))).is_empty());
    }
}
