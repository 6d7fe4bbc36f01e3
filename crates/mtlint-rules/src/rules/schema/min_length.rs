use crate::declare_rule;

declare_rule! {
    /// A string is shorter than its schema allows.
    ///
    /// ## What it checks
    /// Each `minLength` of a user-supplied spec. The API documentation's schemas have none, so this rule only fires with `--spec`.
    ///
    /// ## Why it matters
    /// A documented lower bound on a string's length is part of the contract.
    ///
    /// ## Example
    /// ```text
    /// (no example: no minLength in the API documentation)
    /// ```
    ///
    /// ## Passes
    /// ```text
    /// (no example: )
    /// ```
    pub SchemaMinLength, "schema/minLength", Schema,
    only_with_user_spec = true
}
