use mtlint_json::Value;

use super::metadata_times::check_not_before_created;
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table's `metadata.updated_at` is earlier than its `metadata.created_at`.
    ///
    /// ## What it checks
    /// For each materialized table whose `metadata.created_at` and `metadata.updated_at` are
    /// both valid RFC 3339 date-times, that `updated_at` is not an earlier instant than
    /// `created_at`. Instants are compared, not strings: offsets and fractional seconds count
    /// (`2025-01-01T10:00:00+02:00` is 08:00 UTC, before `2025-01-01T09:00:00Z`), and equal
    /// instants pass. A value that is not RFC 3339 is `schema/format`'s finding and is not
    /// compared. The finding is at `updated_at`, with `created_at` as a related location.
    ///
    /// ## Why it matters
    /// `ObjectMeta.created_at` is "The date and time at which this object was
    /// created" and `updated_at` "The date and time at which this object was last updated". An
    /// object cannot be updated before it exists; clients that sort or sync by these timestamps
    /// (fetch what changed since T) miss or repeat the table.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders", "created_at": "2025-01-01T09:00:00Z", "updated_at": "2025-01-01T10:00:00+02:00"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders", "created_at": "2025-01-01T09:00:00Z", "updated_at": "2025-01-01T11:00:00+02:00"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    pub UpdatedBeforeCreated, "updated-before-created", Correctness, hooks = [ITEM]
}

impl Rule for UpdatedBeforeCreated {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        check_not_before_created(cx, item, at, "updated_at", "updated");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::UpdatedBeforeCreated;
    use crate::testing::pointers;

    fn found(created: &str, updated: &str) -> bool {
        let body = json!({"data": [{"metadata": {"created_at": created, "updated_at": updated}}]});
        let got = pointers(&UpdatedBeforeCreated, &body);
        assert!(got.iter().all(|p| p == "/data/0/metadata/updated_at"));
        !got.is_empty()
    }

    #[test]
    fn instants_not_strings() {
        // The wall clock reads later, the instant is earlier.
        assert!(found("2025-01-01T09:00:00Z", "2025-01-01T10:00:00+02:00"));
        // The string sorts earlier, the instant is later.
        assert!(!found("2025-01-01T09:00:00Z", "2025-01-01T08:00:00-02:00"));
        assert!(found("2025-01-01T09:00:00.5Z", "2025-01-01T09:00:00.25Z"));
        assert!(!found("2025-01-01T09:00:00.25Z", "2025-01-01T09:00:00.5Z"));
        // Equal instants in two spellings.
        assert!(!found(
            "2025-01-01T09:00:00Z",
            "2025-01-01T04:00:00.000-05:00"
        ));
        assert!(found("2016-12-31T23:59:60.5Z", "2016-12-31T23:59:59.9Z"));
    }

    #[test]
    fn values_the_schema_rejects_are_not_compared() {
        assert!(!found("2025-01-01T09:00:00Z", "2024-01-01 09:00:00Z"));
        assert!(!found("2025-01-01T09:00:00", "2024-01-01T09:00:00Z"));
        let body = json!({"data": [{"metadata": {"created_at": 5, "updated_at": "2024-01-01T09:00:00Z"}}]});
        assert!(pointers(&UpdatedBeforeCreated, &body).is_empty());
        let body = json!({"data": [{"metadata": {"updated_at": "2024-01-01T09:00:00Z"}}]});
        assert!(pointers(&UpdatedBeforeCreated, &body).is_empty());
    }
}
