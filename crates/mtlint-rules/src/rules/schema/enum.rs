use crate::declare_rule;

declare_rule! {
    /// A value is not one of the values its schema lists.
    ///
    /// ## What it checks
    /// Each closed `enum` of the API documentation: `api_version` (`sql/v1`), `kind`, `status.phase`, warning `severity`, `scaling_status.scaling_state`, constraint `type`, distribution `kind`, a column's `kind` inside its branch. The message names the allowed values and suggests the closest one.
    ///
    /// ## Why it matters
    /// The API documentation gives these as closed enums (`enum:`), so clients generate exhaustive types from them; an unknown value is a breaking change for them.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v2", "kind": "MaterializedTableList", "metadata": {}, "data": []}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {}, "data": []}
    /// ```
    pub SchemaEnum, "schema/enum", Schema
}
