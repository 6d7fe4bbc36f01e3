use crate::declare_rule;

declare_rule! {
    /// A number is above its schema's maximum.
    ///
    /// ## What it checks
    /// Each `maximum` of a response schema. The API documentation's only maximum is on the `page_size` request parameter (100), which the `page-size-exceeded` and pagination rules check; response schemas have none, so this rule fires only with `--spec`.
    ///
    /// ## Why it matters
    /// A documented upper bound is part of the contract.
    ///
    /// ## Example
    /// ```text
    /// (no example: no maximum in the documented response schemas)
    /// ```
    ///
    /// ## Passes
    /// ```text
    /// (no example: )
    /// ```
    pub SchemaMaximum, "schema/maximum", Schema,
    only_with_user_spec = true
}
