use crate::declare_rule;

declare_rule! {
    /// A value does not have its declared format.
    ///
    /// ## What it checks
    /// Formats are asserted, not annotations: `uuid` (`organization_id`), `uri` (`metadata.self`, `resource_name`, pagination links), `date-time` (RFC 3339 with a `T` and an offset: `created_at`, `updated_at`, `deleted_at`, warning `created_at`, `scaling_status.last_updated`), and the integer formats `int32`/`int64` as ranges (`total_size`, `version`, `error_code`...).
    ///
    /// ## Why it matters
    /// The API documentation types these members with formats, and clients parse them (a date-time into a timestamp, a uri into a URL); a value that does not parse breaks them. Note that the documentation's own example for `ScalingStatus.last_updated` ('1996-03-19 01:02:03-04:05') is not a valid date-time.
    ///
    /// ## Example
    /// ```json 400
    /// {"errors": [{"status": "400", "error_code": 2147483648}]}
    /// ```
    ///
    /// ## Passes
    /// ```json 400
    /// {"errors": [{"status": "400", "error_code": 2147483647}]}
    /// ```
    pub SchemaFormat, "schema/format", Schema
}
