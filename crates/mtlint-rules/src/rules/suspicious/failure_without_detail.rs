use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table in phase `FAILED` or `FAILING` carries no `status.detail` saying why.
    ///
    /// ## What it checks
    /// For each materialized table whose `status.phase` is `FAILED` or `FAILING`, that
    /// `status.detail` is a string with something in it (not absent, not blank). The finding is
    /// at `status.detail` when it is present but blank, else at `status.phase`. A `detail` that
    /// is not a string (`null` included) is `schema/type`'s finding.
    ///
    /// ## Why it matters
    /// `MaterializedTableStatus.detail` is "Optional. Human-readable description of phase.", so
    /// its absence is not a contract breach in itself, hence a warning. But a failure is the one
    /// phase where the description is what the user needs: without it, nobody can tell why the
    /// table's query failed (the `phase` enum only says that it did).
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}, "status": {"phase": "FAILED"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}, "status": {"phase": "FAILED", "detail": "Table sink topic 'orders' was deleted."}}]}
    /// ```
    pub FailureWithoutDetail, "failure-without-detail", Suspicious, hooks = [ITEM]
}

impl Rule for FailureWithoutDetail {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let Some(status) = item.get("status") else {
            return;
        };
        let Some(phase @ ("FAILED" | "FAILING")) = status.get("phase").and_then(Value::as_str)
        else {
            return;
        };
        let status_ptr = at.key("status");
        let (pointer, what) = match status.get("detail") {
            None => (status_ptr.join("phase"), "no status.detail"),
            Some(Value::String(detail)) if detail.trim().is_empty() => {
                (status_ptr.join("detail"), "a blank status.detail")
            }
            // A non-empty detail passes; a non-string one is schema/type's finding.
            Some(_) => return,
        };
        cx.report(
            pointer,
            format!("status.phase is {phase} with {what}: nobody can tell why the table failed"),
        )
        .help("describe the failure in status.detail (\"Optional. Human-readable description of phase.\")");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::FailureWithoutDetail;
    use crate::testing::pointers;

    #[test]
    fn failures_need_a_non_blank_detail() {
        let body = json!({"data": [
            {"status": {"phase": "FAILED"}},
            {"status": {"phase": "FAILING", "detail": " \n"}},
            {"status": {"phase": "FAILING", "detail": "Out of memory."}},
            {"status": {"phase": "FAILED", "detail": null}},
            {"status": {"phase": "RUNNING"}},
            {"status": {"phase": "Failed"}}
        ]});
        assert_eq!(
            pointers(&FailureWithoutDetail, &body),
            ["/data/0/status/phase", "/data/1/status/detail"]
        );
    }
}
