use crate::declare_rule;

declare_rule! {
    /// A string is longer than its schema allows.
    ///
    /// ## What it checks
    /// Each `maxLength`: `name` (249), `spec.principal` (255), `spec.query` (131072), an error's `id` (255). Length counts characters (code points), not bytes.
    ///
    /// ## Why it matters
    /// The API documentation bounds these lengths; a longer value would be rejected on create, so a response carrying one breaks the contract.
    ///
    /// ## Example
    /// ```json 400
    /// {"errors": [{"id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}]}
    /// ```
    ///
    /// ## Passes
    /// ```json 400
    /// {"errors": [{"id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}]}
    /// ```
    pub SchemaMaxLength, "schema/maxLength", Schema
}
