use crate::declare_rule;

declare_rule! {
    /// An object has more members than its schema allows.
    ///
    /// ## What it checks
    /// Each `maxProperties`: `spec.table_options` and `spec.session_options` (8192 each).
    ///
    /// ## Why it matters
    /// The API documentation caps `MaterializedTableSpec.table_options` and `session_options` at 8192 entries.
    ///
    /// ## Example
    /// ```text
    /// (no example: an example needs 8193 members; see corpus/200/invalid-table-options-too-many.json)
    /// ```
    ///
    /// ## Passes
    /// ```text
    /// (no example: )
    /// ```
    pub SchemaMaxProperties, "schema/maxProperties", Schema
}
