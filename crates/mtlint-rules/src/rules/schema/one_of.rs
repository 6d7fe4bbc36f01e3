use crate::declare_rule;

declare_rule! {
    /// A value matches none (or several) of its alternatives, or its discriminator selects none.
    ///
    /// ## What it checks
    /// Each `oneOf`/`anyOf`. A column's `kind` is a discriminator: it selects the Physical, Metadata or Computed schema, and findings inside a column are reported against that branch at the precise member; a `kind` that selects no branch is reported here, naming the allowed kinds.
    ///
    /// ## Why it matters
    /// `ColumnDetails` maps `kind` to exactly three column schemas; any other kind cannot be decoded by clients generated from the spec.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "INT", "nullable": false}, "kind": "Virtual"}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "INT", "nullable": false}, "kind": "Physical"}]}}]}
    /// ```
    pub SchemaOneOf, "schema/oneOf", Schema
}
