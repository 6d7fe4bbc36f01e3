use crate::declare_rule;

declare_rule! {
    /// An array that must hold unique items holds two equal ones.
    ///
    /// ## What it checks
    /// Each `uniqueItems: true`: the list's `data` and an error body's `errors`. The finding points at the later copy, with the first as a related location.
    ///
    /// ## Why it matters
    /// The API documentation declares `uniqueItems: true` on both arrays; a repeated item usually means a paging or merge bug in whatever produced the response.
    ///
    /// ## Example
    /// ```json 400
    /// {"errors": [{"id": "a", "status": "400"}, {"id": "a", "status": "400"}]}
    /// ```
    ///
    /// ## Passes
    /// ```json 400
    /// {"errors": [{"id": "a", "status": "400"}, {"id": "b", "status": "400"}]}
    /// ```
    pub SchemaUniqueItems, "schema/uniqueItems", Schema
}
