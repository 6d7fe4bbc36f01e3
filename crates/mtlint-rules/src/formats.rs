//! Reading values the way the schema reads them.
//!
//! A semantic rule looks only at values the schema accepts, so that one broken value gives one
//! finding: a `created_at` that is not a `date-time` is `schema/format`'s finding, and the
//! ordering rules must not also compare it. The gates below are the schema check itself (the
//! same validator and format definitions that raise `schema/format`), not a second opinion.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use mtlint_json::Value;
use mtlint_schema::BodyValidator;
use serde_json::json;

fn format_validator(format: &str) -> BodyValidator {
    BodyValidator::compile(&json!({"type": "string", "format": format}))
        .unwrap_or_else(|e| panic!("the constant {format} schema compiles: {e}"))
}

/// How the rules read formatted values of one body.
///
/// When the response schema accepted the body whole, every value at a `format` place has been
/// checked already, and the rules need not check it again; otherwise each value is checked here
/// with the same validator and format definitions that raise `schema/format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Formats {
    /// Whether the response schema accepted the body whole (formats included).
    pub(crate) body_schema_valid: bool,
}

static DATE_TIME: LazyLock<BodyValidator> = LazyLock::new(|| format_validator("date-time"));
static URI: LazyLock<BodyValidator> = LazyLock::new(|| format_validator("uri"));
static UUID: LazyLock<BodyValidator> = LazyLock::new(|| format_validator("uuid"));

impl Formats {
    /// The instant a schema-valid `date-time` string denotes; `None` for anything the schema rejects
    /// (not a string, not RFC 3339).
    ///
    /// The schema's check decides validity; chrono's RFC 3339 parser gives the instant. chrono keeps
    /// what an instant comparison needs: the offset (`10:00:00+02:00` is before `09:00:00Z`), every
    /// fractional digit up to nanoseconds, and a leap second (`23:59:60.5Z` falls between
    /// `23:59:59.9Z` and the next day's midnight).
    pub(crate) fn instant(self, value: &Value) -> Option<DateTime<FixedOffset>> {
        let text = value.as_str()?;
        if !self.body_schema_valid && !DATE_TIME.is_valid(value) {
            return None;
        }
        DateTime::parse_from_rfc3339(text).ok()
    }

    /// The string, if the schema accepts it as a `uri` (absolute, with a scheme).
    pub(crate) fn uri<'v>(self, value: &'v Value<'_>) -> Option<&'v str> {
        let text = value.as_str()?;
        (self.body_schema_valid || URI.is_valid(value)).then_some(text)
    }

    /// The string, if the schema accepts it as a `uuid`.
    pub(crate) fn uuid<'v>(self, value: &'v Value<'_>) -> Option<&'v str> {
        let text = value.as_str()?;
        (self.body_schema_valid || UUID.is_valid(value)).then_some(text)
    }
}

/// Whether two organization ids name the same organization. UUIDs are compared
/// case-insensitively, as RFC 9562 says they are on input.
pub(crate) fn same_organization(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body the schema did not accept whole: every value is checked here.
    const UNCHECKED: Formats = Formats {
        body_schema_valid: false,
    };

    fn v(value: serde_json::Value) -> Value<'static> {
        Value::from(value)
    }

    fn at(text: &str) -> Option<DateTime<FixedOffset>> {
        UNCHECKED.instant(&v(json!(text)))
    }

    #[test]
    fn instants_compare_across_offsets_and_fractions() {
        // 10:00 at +02:00 is 08:00 UTC: before 09:00Z although its wall clock reads later.
        assert!(at("2025-01-01T10:00:00+02:00") < at("2025-01-01T09:00:00Z"));
        assert!(at("2025-01-01T09:00:00.5Z") > at("2025-01-01T09:00:00.49999Z"));
        assert_eq!(at("2025-01-01T09:00:00Z"), at("2025-01-01T04:00:00-05:00"));
        assert_eq!(at("2025-01-01T09:00:00Z"), at("2025-01-01T09:00:00.000Z"));
        // Lower-case t and z are RFC 3339 too.
        assert_eq!(at("2025-01-01t09:00:00z"), at("2025-01-01T09:00:00Z"));
        // Digits past nanoseconds are valid RFC 3339; they cannot change the order of two
        // instants that differ at or above a nanosecond.
        assert!(at("2025-01-01T09:00:00.0000000019Z") < at("2025-01-01T09:00:00.000000002Z"));
    }

    #[test]
    fn leap_seconds_order_between_their_neighbours() {
        let leap = at("2016-12-31T23:59:60.5Z").unwrap();
        assert!(at("2016-12-31T23:59:59.9Z").unwrap() < leap);
        assert!(leap < at("2017-01-01T00:00:00Z").unwrap());
        // The same leap second written with an offset.
        assert_eq!(at("2017-01-01T01:29:60+01:30"), at("2016-12-31T23:59:60Z"));
    }

    #[test]
    fn what_the_schema_rejects_has_no_instant() {
        for text in [
            "2025-01-01 09:00:00Z",      // space separator: chrono alone would accept it
            "2025-01-01T09:00:00",       // no offset
            "2025-01-01T09:00Z",         // no seconds
            "2025-01-01T09:00:00+0200",  // offset without colon
            "2025-02-30T09:00:00Z",      // no such day
            "2025-01-01T10:30:60Z",      // a leap second only exists at 23:59:60 UTC
            "1996-03-19 01:02:03-04:05", // the seed's own scaling_status example
            "",
        ] {
            assert_eq!(at(text), None, "{text:?}");
        }
        assert_eq!(UNCHECKED.instant(&v(json!(20250101))), None);
        assert_eq!(UNCHECKED.instant(&Value::Null), None);
    }

    #[test]
    fn uri_and_uuid_follow_the_schema() {
        assert!(UNCHECKED
            .uri(&v(json!("https://example.com/a?b=c")))
            .is_some());
        assert!(UNCHECKED.uri(&v(json!("/sql/v1/organizations"))).is_none());
        assert!(UNCHECKED.uri(&v(json!(7))).is_none());
        assert!(UNCHECKED
            .uuid(&v(json!("3f2a9c1e-5b7d-4e8f-9a10-2b3c4d5e6f70")))
            .is_some());
        assert!(UNCHECKED.uuid(&v(json!("org-123"))).is_none());
        assert!(same_organization(
            "3F2A9C1E-5B7D-4E8F-9A10-2B3C4D5E6F70",
            "3f2a9c1e-5b7d-4e8f-9a10-2b3c4d5e6f70"
        ));
        assert!(!same_organization(
            "3f2a9c1e-5b7d-4e8f-9a10-2b3c4d5e6f70",
            "3f2a9c1e-5b7d-4e8f-9a10-2b3c4d5e6f71"
        ));
    }
}
