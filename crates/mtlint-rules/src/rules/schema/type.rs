use crate::declare_rule;

declare_rule! {
    /// A value has the wrong JSON type.
    ///
    /// ## What it checks
    /// Each `type` of the response schema, with OpenAPI's `nullable: true` allowing `null` where the API documentation says so (the list's pagination links, `Error.message`).
    ///
    /// ## Why it matters
    /// Generated clients decode by type: a string where the API documentation says `integer` (`error_code`, `total_size`, `version`) breaks decoding.
    ///
    /// ## Example
    /// ```json 400
    /// {"errors": [{"status": "400", "error_code": "42"}]}
    /// ```
    ///
    /// ## Passes
    /// ```json 400
    /// {"errors": [{"status": "400", "error_code": 42}]}
    /// ```
    pub SchemaType, "schema/type", Schema
}
