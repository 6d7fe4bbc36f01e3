use mtlint_json::Value;

use super::path_member::PathMember;
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table's `environment_id` differs from the other tables of the list, or from the environment the request asked for.
    ///
    /// ## What it checks
    /// In a list body, every item's `environment_id` against the first item's: each item that
    /// differs gets a finding at its `environment_id`, with the first item's as a related
    /// location. When the request's `environment_id` path parameter is known
    /// (`--environment-id`, or the request URL of a capture), every item is compared with it
    /// instead (and a single-table body too). Environment ids are compared exactly (the API
    /// documentation gives them no format); one that is not a string is `schema/type`'s finding.
    ///
    /// ## Why it matters
    /// The operation is
    /// `GET /sql/v1/organizations/{organization_id}/environments/{environment_id}/materialized-tables`:
    /// it lists the materialized tables of the environment in its path, and each table's
    /// `MaterializedTable.environment_id` is "The unique identifier for the environment.",
    /// `x-immutable`. A page mixing environments, or showing another environment than requested,
    /// was assembled from the wrong listing; a client that acts on it (drop, alter) acts on the
    /// wrong environment.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-2/databases/lkc-1/materialized-tables/payments"}, "name": "payments", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-2", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 200, "request": {"url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-2/materialized-tables/payments"}, "name": "payments", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-2"}}]}}
    /// ```
    pub EnvironmentMismatch, "environment-mismatch", Correctness, hooks = [LIST, ITEM]
}

const MEMBER: PathMember = PathMember {
    key: "environment_id",
    what: "environment",
    read: |_, v| v.as_str(),
    same: |a, b| a == b,
};

impl Rule for EnvironmentMismatch {
    fn list(&self, cx: &mut Cx<'_>, list: &Value) {
        let request = cx.request;
        MEMBER.check_list(cx, list, request.environment_id.as_deref());
    }

    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let request = cx.request;
        MEMBER.check_root_item(cx, item, at, request.environment_id.as_deref());
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::EnvironmentMismatch;
    use crate::testing::{pointers, run};
    use crate::RequestContext;

    #[test]
    fn within_the_list_and_against_the_request() {
        let body = json!({"data": [
            {"environment_id": "env-1"}, {"environment_id": "env-2"},
            {"environment_id": 3}, {"environment_id": "ENV-1"}
        ]});
        // Environment ids have no format: case counts.
        assert_eq!(
            pointers(&EnvironmentMismatch, &body),
            ["/data/1/environment_id", "/data/3/environment_id"]
        );
        let request = RequestContext {
            environment_id: Some("env-2".to_string()),
            ..RequestContext::default()
        };
        let found: Vec<String> = run(&EnvironmentMismatch, 200, &body, &request)
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(found, ["/data/0/environment_id", "/data/3/environment_id"]);
    }
}
