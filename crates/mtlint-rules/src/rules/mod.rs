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
];
