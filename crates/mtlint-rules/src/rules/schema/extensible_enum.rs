use crate::declare_rule;

declare_rule! {
    /// A value is not one of the values an extensible enum lists yet.
    ///
    /// ## What it checks
    /// `x-extensible-enum` lists of a user-supplied spec (the upstream document uses them for `phase`, `severity`, `scaling_state`...): a value outside the list is reported as a warning, because such enums announce that new values may appear.
    ///
    /// ## Why it matters
    /// Clients should handle unknown values of an extensible enum gracefully; the warning tells you one appeared. The API documentation's own enums are closed, so this rule only fires with `--spec`.
    ///
    /// ## Example
    /// ```text
    /// (no example: x-extensible-enum exists only in user-supplied specs)
    /// ```
    ///
    /// ## Passes
    /// ```text
    /// (no example: )
    /// ```
    pub SchemaExtensibleEnum, "schema/extensible-enum", Schema, severity = Warning,
    only_with_user_spec = true
}
