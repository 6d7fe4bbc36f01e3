use crate::declare_rule;

declare_rule! {
    /// An object has a member its schema forbids.
    ///
    /// ## What it checks
    /// Each `additionalProperties: false` (an error body's `Error` items) and each `additionalProperties` schema (`labels`, `table_options`, `session_options` values must be strings). The finding points at the member itself.
    ///
    /// ## Why it matters
    /// The API documentation closes `Error` with `additionalProperties: false`: a client may reject unknown members there.
    ///
    /// ## Example
    /// ```json 400
    /// {"errors": [{"status": "400", "colour": "red"}]}
    /// ```
    ///
    /// ## Passes
    /// ```json 400
    /// {"errors": [{"status": "400", "code": "red"}]}
    /// ```
    pub SchemaAdditionalProperties, "schema/additionalProperties", Schema
}
