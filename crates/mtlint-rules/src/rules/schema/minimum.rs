use crate::declare_rule;

declare_rule! {
    /// A number is below its schema's minimum.
    ///
    /// ## What it checks
    /// Each `minimum`: `metadata.total_size` (0), `status.version` and `status.latest_version` (1), `distribution.bucket_count` (1).
    ///
    /// ## Why it matters
    /// The API documentation bounds these values ("minimum: 1" for versions); a count below zero or a version 0 is not something the service can produce.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": -1}, "data": []}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 0}, "data": []}
    /// ```
    pub SchemaMinimum, "schema/minimum", Schema
}
