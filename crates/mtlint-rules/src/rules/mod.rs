//! The rule catalogue: one file per rule, a folder per category.

pub mod correctness;
pub mod drift;
pub mod schema;
pub mod style;
pub mod suspicious;

use crate::rule::Rule;

/// Every semantic rule (the registry adds the schema rules and sorts).
pub static SEMANTIC: &[&dyn Rule] = &[
    &correctness::name_dot_segment::NameDotSegment,
    &correctness::version_exceeds_latest::VersionExceedsLatest,
    &correctness::undocumented_status::UndocumentedStatus,
    &correctness::content_type_mismatch::ContentTypeMismatch,
    &correctness::invalid_header::InvalidHeader,
    &correctness::rate_limit_remaining_exceeds_limit::RateLimitRemainingExceedsLimit,
    &correctness::missing_body::MissingBody,
    &correctness::item_on_two_pages::ItemOnTwoPages,
    &correctness::total_size_changed::TotalSizeChanged,
    &correctness::broken_page_chain::BrokenPageChain,
    &suspicious::missing_header::MissingHeader,
    &suspicious::rate_limit_reset_epoch::RateLimitResetEpoch,
    &suspicious::undocumented_body::UndocumentedBody,
];
