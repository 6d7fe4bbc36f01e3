use mtlint_json::Value;

use super::path_member::PathMember;
use crate::formats::{self, Formats};
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table's `organization_id` differs from the other tables of the list, or from the organization the request asked for.
    ///
    /// ## What it checks
    /// In a list body, every item's `organization_id` against the first item's: each item that
    /// differs gets a finding at its `organization_id`, with the first item's as a related
    /// location. When the request's `organization_id` path parameter is known
    /// (`--organization-id`, or the request URL of a capture), every item is compared with it
    /// instead (and a single-table body too). Organization ids are UUIDs and are compared
    /// case-insensitively; one that is not a UUID is `schema/format`'s finding and is not
    /// compared.
    ///
    /// ## Why it matters
    /// The operation is
    /// `GET /sql/v1/organizations/{organization_id}/environments/{environment_id}/materialized-tables`:
    /// it lists "all materialized tables" of the organization in its path, and
    /// `MaterializedTable.organization_id` is "The unique identifier for the organization.",
    /// `x-immutable`. A page with tables of two organizations, or of another one than requested,
    /// leaks data across tenants or was assembled from the wrong listing.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/payments"}, "name": "payments", "organization_id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 200, "request": {"url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/payments"}, "name": "payments", "organization_id": "5A6B2F1C-8D3E-4F5A-9B7C-1D2E3F4A5B6C", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}}
    /// ```
    pub OrganizationMismatch, "organization-mismatch", Correctness, hooks = [LIST, ITEM]
}

const MEMBER: PathMember = PathMember {
    key: "organization_id",
    what: "organization",
    read: Formats::uuid,
    same: formats::same_organization,
};

impl Rule for OrganizationMismatch {
    fn list(&self, cx: &mut Cx<'_>, list: &Value) {
        let request = cx.request;
        MEMBER.check_list(cx, list, request.organization_id.as_deref());
    }

    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let request = cx.request;
        MEMBER.check_root_item(cx, item, at, request.organization_id.as_deref());
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::OrganizationMismatch;
    use crate::testing::{pointers, run};
    use crate::RequestContext;

    const A: &str = "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c";
    const B: &str = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

    fn list(orgs: &[Value]) -> Value {
        json!({"data": orgs.iter().map(|o| json!({"organization_id": o})).collect::<Vec<_>>()})
    }

    #[test]
    fn items_differing_from_the_first_are_reported() {
        let body = list(&[json!(A), json!(B), json!(A), json!(B)]);
        assert_eq!(
            pointers(&OrganizationMismatch, &body),
            ["/data/1/organization_id", "/data/3/organization_id"]
        );
        let found = run(
            &OrganizationMismatch,
            200,
            &body,
            &RequestContext::default(),
        );
        assert_eq!(found[0].related[0].pointer, "/data/0/organization_id");
    }

    #[test]
    fn case_and_schema_invalid_values_do_not_count() {
        let body = list(&[
            json!(A),
            json!(A.to_uppercase()),
            json!("org-1"),
            json!(null),
        ]);
        assert!(pointers(&OrganizationMismatch, &body).is_empty());
        // The first schema-valid value is the reference.
        let body = list(&[json!("org-1"), json!(A), json!(B)]);
        assert_eq!(
            pointers(&OrganizationMismatch, &body),
            ["/data/2/organization_id"]
        );
    }

    #[test]
    fn a_known_request_is_the_reference() {
        let request = RequestContext {
            organization_id: Some(B.to_string()),
            ..RequestContext::default()
        };
        let body = list(&[json!(A), json!(B), json!(A)]);
        let found: Vec<String> = run(&OrganizationMismatch, 200, &body, &request)
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(
            found,
            ["/data/0/organization_id", "/data/2/organization_id"]
        );
        // A single-table body is compared with the request too.
        let table = json!({"kind": "MaterializedTable", "organization_id": A});
        let found = run(&OrganizationMismatch, 200, &table, &request);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, "/organization_id");
    }
}
