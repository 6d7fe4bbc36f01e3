use mtlint_json::Value;

use super::metadata_times::check_not_before_created;
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table's `metadata.deleted_at` is earlier than its `metadata.created_at`.
    ///
    /// ## What it checks
    /// For each materialized table whose `metadata.created_at` and `metadata.deleted_at` are
    /// both valid RFC 3339 date-times, that `deleted_at` is not an earlier instant than
    /// `created_at`. Instants are compared, not strings: offsets and fractional seconds count,
    /// and equal instants pass. A value that is not RFC 3339 is `schema/format`'s finding and is
    /// not compared. The finding is at `deleted_at`, with `created_at` as a related location.
    ///
    /// ## Why it matters
    /// `ObjectMeta.created_at` is "The date and time at which this object
    /// was created" and `deleted_at` "The date and time at which this object was (or will be)
    /// deleted". Whether past or scheduled, a deletion cannot come before the creation; a client
    /// computing retention or garbage-collecting by `deleted_at` would act on a nonsensical
    /// interval.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders", "created_at": "2025-01-01T09:00:00.500Z", "deleted_at": "2025-01-01T09:00:00.25Z"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders", "created_at": "2025-01-01T09:00:00.500Z", "deleted_at": "2025-01-01T09:00:00.5Z"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    pub DeletedBeforeCreated, "deleted-before-created", Correctness, hooks = [ITEM]
}

impl Rule for DeletedBeforeCreated {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        check_not_before_created(cx, item, at, "deleted_at", "deleted");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::DeletedBeforeCreated;
    use crate::testing::pointers;

    #[test]
    fn deleted_is_compared_with_created_only() {
        let body = json!({"data": [
            // updated_at is not this rule's business.
            {"metadata": {"created_at": "2025-01-02T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z", "deleted_at": "2025-01-03T00:00:00Z"}},
            // created is 2025-01-01T23:00:00Z: a millisecond before it is before it...
            {"metadata": {"created_at": "2025-01-02T00:00:00+01:00", "deleted_at": "2025-01-01T22:59:59.999Z"}},
            // ...the same instant is not, nor a later one whose string sorts first.
            {"metadata": {"created_at": "2025-01-02T00:00:00+01:00", "deleted_at": "2025-01-01T23:00:00Z"}},
            {"metadata": {"created_at": "2025-01-02T00:00:00+01:00", "deleted_at": "2025-01-01T23:59:59.999Z"}}
        ]});
        assert_eq!(
            pointers(&DeletedBeforeCreated, &body),
            ["/data/1/metadata/deleted_at"]
        );
    }
}
