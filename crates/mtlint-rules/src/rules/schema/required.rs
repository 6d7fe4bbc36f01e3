use crate::declare_rule;

declare_rule! {
    /// A member the schema requires is missing.
    ///
    /// ## What it checks
    /// Every `required` list of the response schema: the list's `api_version`, `kind`, `metadata`, `data`; each item's `api_version`, `kind`, `metadata`, `name`, `organization_id`, `environment_id`, `spec`; `metadata.self`; a DataType's `type` and `nullable`; a column's `name`, `type`, `kind` (and `expression` for Computed columns); an error body's `errors`; and so on. The finding points where the member belongs.
    ///
    /// ## Why it matters
    /// The API documentation lists these members under `required:`; a client that deserialises the response into its generated types fails, or silently gets zero values, when one is missing.
    ///
    /// ## Example
    /// ```json 400
    /// {"error": [{"status": "400"}]}
    /// ```
    ///
    /// ## Passes
    /// ```json 400
    /// {"errors": [{"status": "400"}]}
    /// ```
    pub SchemaRequired, "schema/required", Schema
}
