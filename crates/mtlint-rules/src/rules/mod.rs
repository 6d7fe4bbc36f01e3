//! The rule catalogue: one file per rule, a folder per category.

pub mod correctness;
pub mod drift;
pub(crate) mod flink;
pub mod schema;
pub mod style;
pub mod suspicious;
use crate::rule::Rule;

/// Every semantic rule (the registry adds the schema rules and sorts).
pub static SEMANTIC: &[&dyn Rule] = &[
    &correctness::name_dot_segment::NameDotSegment,
    &correctness::version_exceeds_latest::VersionExceedsLatest,
    &correctness::undocumented_status::UndocumentedStatus,
    &correctness::duplicate_name_in_cluster::DuplicateNameInCluster,
    &correctness::self_link_mismatch::SelfLinkMismatch,
    &correctness::organization_mismatch::OrganizationMismatch,
    &correctness::environment_mismatch::EnvironmentMismatch,
    &correctness::total_size_below_count::TotalSizeBelowCount,
    &correctness::page_size_exceeded::PageSizeExceeded,
    &correctness::updated_before_created::UpdatedBeforeCreated,
    &correctness::deleted_before_created::DeletedBeforeCreated,
    &correctness::stopped_but_running::StoppedButRunning,
    &correctness::link_without_page_token::LinkWithoutPageToken,
    &correctness::link_page_size_exceeded::LinkPageSizeExceeded,
    &correctness::link_off_operation::LinkOffOperation,
    &correctness::error_status_mismatch::ErrorStatusMismatch,
    &suspicious::failure_without_detail::FailureWithoutDetail,
    &suspicious::warning_reason_case::WarningReasonCase,
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
