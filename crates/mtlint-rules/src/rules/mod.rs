//! The rule catalogue: one file per rule, a folder per category.

pub mod correctness;
pub mod drift;
pub(crate) mod flink;
pub mod schema;
pub mod style;
pub mod suspicious;
#[cfg(test)]
pub(crate) mod test_support;

use crate::rule::Rule;

/// Every semantic rule (the registry adds the schema rules and sorts).
pub static SEMANTIC: &[&dyn Rule] = &[
    &correctness::name_dot_segment::NameDotSegment,
    &correctness::version_exceeds_latest::VersionExceedsLatest,
    &correctness::undocumented_status::UndocumentedStatus,
    &correctness::duplicate_column_name::DuplicateColumnName,
    &correctness::unknown_column_reference::UnknownColumnReference,
    &correctness::nullable_primary_key::NullablePrimaryKey,
    &correctness::watermark_not_timestamp::WatermarkNotTimestamp,
    &correctness::decimal_precision_out_of_range::DecimalPrecisionOutOfRange,
    &correctness::decimal_scale_exceeds_precision::DecimalScaleExceedsPrecision,
    &correctness::timestamp_precision_out_of_range::TimestampPrecisionOutOfRange,
    &correctness::incomplete_data_type::IncompleteDataType,
    &correctness::unknown_data_type::UnknownDataType,
    &drift::undocumented_member::UndocumentedMember,
];
