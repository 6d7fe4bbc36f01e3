use crate::declare_rule;

declare_rule! {
    /// A string does not match its schema's pattern.
    ///
    /// ## What it checks
    /// Each `pattern`, with ECMA-262 semantics: `$` is the end of the input, so `"orders\n"` does not match `^[a-zA-Z0-9._-]+$`. In this operation: the table `name`.
    ///
    /// ## Why it matters
    /// `MaterializedTable.name`: "May contain ASCII alphanumerics, '.', '_' and '-'". Names outside that set cannot be created, so a response carrying one is not from the real service.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/high%20value%20orders"}, "name": "high value orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    pub SchemaPattern, "schema/pattern", Schema
}
