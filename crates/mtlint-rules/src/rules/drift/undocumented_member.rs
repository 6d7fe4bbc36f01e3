use crate::{declare_rule, Rule};

declare_rule! {
    /// A response carries a member its spec does not define, where the schema lets it.
    ///
    /// ## What it checks
    /// Every object of the body whose schema declares its members (`properties`) and leaves the
    /// rest open (no `additionalProperties`): a member none of its schemas declares is reported,
    /// one finding per member, at the member. The schemas of an object are all that apply to
    /// it: `$ref`s, every `allOf` part (item `metadata` is ObjectMeta plus `uid`,
    /// `resource_version`, `labels`...), and for a column the branch its `kind` selects, so
    /// `metadata_key` on a Physical column is drift while on a Metadata column it is not.
    /// DataTypes are checked at every depth. Maps (`labels`, `table_options`,
    /// `session_options`) are open by design, and the closed `Error` item already rejects
    /// unknown members (`schema/additionalProperties`): neither reports drift.
    ///
    /// An object the schema already rejects as a whole (a finding at the object itself)
    /// reports no drift. An object that misses a required member still reports its unknown
    /// members, except one whose name is a near miss of the missing one (`nmae` for `name`):
    /// that is the misspelling, reported once by `schema/required`. Inside an object with a
    /// schema finding, every column branch counts as declaring its members.
    ///
    /// This works for any spec: with `--spec`, the members are those that document defines.
    ///
    /// ## Why it matters
    /// The API documentation closes only the `Error` item (`additionalProperties: false`); every
    /// other object is open, so schema validation accepts members nobody documented. That is
    /// right for compatibility, and clients generated from the spec ignore such members, but
    /// it hides the API growing beyond its documentation (a new status field, a new column
    /// attribute). This rule makes the drift visible, as information: nothing is broken yet.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical", "position": 0}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical", "comment": "position 0"}]}}]}
    /// ```
    pub UndocumentedMember, "undocumented-member", Drift
}

/// The checker finds these members with the response's drift validator
/// ([`mtlint_schema::DriftValidator`]) when this rule is enabled; the rule has no walk hooks.
impl Rule for UndocumentedMember {}
