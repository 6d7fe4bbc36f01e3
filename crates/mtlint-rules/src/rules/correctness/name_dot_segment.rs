use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table's `name` is `.` or `..`, which the spec forbids although its pattern allows it.
    ///
    /// ## What it checks
    /// Each materialized table's `name` is neither `.` nor `..`.
    ///
    /// ## Why it matters
    /// `MaterializedTable.name`: "May contain ASCII alphanumerics, '.', '_' and '-'; must not be
    /// '.' or '..'". The pattern `^[a-zA-Z0-9._-]+$` cannot say the second half, so schema
    /// validators accept both. As a path segment, `.` and `..` address the collection or its
    /// parent, so such a table could never be fetched through its `self` link.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/%2E%2E"}, "name": "..", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/..orders"}, "name": "..orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    pub NameDotSegment, "name-dot-segment", Correctness, hooks = [ITEM]
}

impl Rule for NameDotSegment {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        if let Some(name @ ("." | "..")) = item.get("name").and_then(Value::as_str) {
            cx.report(
                at.join("name"),
                format!("name is \"{name}\", which the spec forbids: as a path segment it addresses the collection, not a table"),
            )
            .help("MaterializedTable.name \"must not be '.' or '..'\"; rename the table");
        }
    }
}
