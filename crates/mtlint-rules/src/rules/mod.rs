//! The rule catalogue: one file per rule, a folder per category. Each rule's struct is its
//! identity for other crates (`VersionExceedsLatest::META`), so a rename breaks their build.

mod correctness;
mod drift;
pub(crate) mod schema;
mod suspicious;

pub use correctness::broken_page_chain::BrokenPageChain;
pub use correctness::content_type_mismatch::ContentTypeMismatch;
pub use correctness::decimal_precision_out_of_range::DecimalPrecisionOutOfRange;
pub use correctness::decimal_scale_exceeds_precision::DecimalScaleExceedsPrecision;
pub use correctness::deleted_before_created::DeletedBeforeCreated;
pub use correctness::duplicate_column_name::DuplicateColumnName;
pub use correctness::duplicate_name_in_cluster::DuplicateNameInCluster;
pub use correctness::environment_mismatch::EnvironmentMismatch;
pub use correctness::error_status_mismatch::ErrorStatusMismatch;
pub use correctness::incomplete_data_type::IncompleteDataType;
pub use correctness::invalid_header::InvalidHeader;
pub use correctness::link_off_operation::LinkOffOperation;
pub use correctness::link_page_size_exceeded::LinkPageSizeExceeded;
pub use correctness::link_without_page_token::LinkWithoutPageToken;
pub use correctness::missing_body::MissingBody;
pub use correctness::name_dot_segment::NameDotSegment;
pub use correctness::nullable_primary_key::NullablePrimaryKey;
pub use correctness::organization_mismatch::OrganizationMismatch;
pub use correctness::page_size_exceeded::PageSizeExceeded;
pub use correctness::rate_limit_remaining_exceeds_limit::RateLimitRemainingExceedsLimit;
pub use correctness::self_link_mismatch::SelfLinkMismatch;
pub use correctness::timestamp_precision_out_of_range::TimestampPrecisionOutOfRange;
pub use correctness::total_size_below_count::TotalSizeBelowCount;
pub use correctness::undocumented_status::UndocumentedStatus;
pub use correctness::unknown_column_reference::UnknownColumnReference;
pub use correctness::unknown_data_type::UnknownDataType;
pub use correctness::updated_before_created::UpdatedBeforeCreated;
pub use correctness::version_exceeds_latest::VersionExceedsLatest;
pub use correctness::watermark_not_timestamp::WatermarkNotTimestamp;
pub use drift::undocumented_body::UndocumentedBody;
pub use drift::undocumented_member::UndocumentedMember;
pub use schema::{
    SchemaAdditionalProperties, SchemaEnum, SchemaExtensibleEnum, SchemaFormat, SchemaMaxLength,
    SchemaMaxProperties, SchemaMaximum, SchemaMinLength, SchemaMinimum, SchemaOneOf, SchemaPattern,
    SchemaRequired, SchemaType, SchemaUniqueItems,
};
pub use suspicious::failure_without_detail::FailureWithoutDetail;
pub use suspicious::item_on_two_pages::ItemOnTwoPages;
pub use suspicious::missing_header::MissingHeader;
pub use suspicious::rate_limit_reset_epoch::RateLimitResetEpoch;
pub use suspicious::stopped_but_running::StoppedButRunning;
pub use suspicious::total_size_changed::TotalSizeChanged;
pub use suspicious::warning_reason_case::WarningReasonCase;

use crate::rule::Rule;

/// Every semantic rule (the registry adds the schema rules and sorts).
pub(crate) static SEMANTIC: &[&dyn Rule] = &[
    &NameDotSegment,
    &VersionExceedsLatest,
    &UndocumentedStatus,
    &DuplicateNameInCluster,
    &SelfLinkMismatch,
    &OrganizationMismatch,
    &EnvironmentMismatch,
    &TotalSizeBelowCount,
    &PageSizeExceeded,
    &UpdatedBeforeCreated,
    &DeletedBeforeCreated,
    &StoppedButRunning,
    &LinkWithoutPageToken,
    &LinkPageSizeExceeded,
    &LinkOffOperation,
    &ErrorStatusMismatch,
    &FailureWithoutDetail,
    &WarningReasonCase,
    &DuplicateColumnName,
    &UnknownColumnReference,
    &NullablePrimaryKey,
    &WatermarkNotTimestamp,
    &DecimalPrecisionOutOfRange,
    &DecimalScaleExceedsPrecision,
    &TimestampPrecisionOutOfRange,
    &IncompleteDataType,
    &UnknownDataType,
    &UndocumentedMember,
    &ContentTypeMismatch,
    &InvalidHeader,
    &RateLimitRemainingExceedsLimit,
    &MissingBody,
    &ItemOnTwoPages,
    &TotalSizeChanged,
    &BrokenPageChain,
    &MissingHeader,
    &RateLimitResetEpoch,
    &UndocumentedBody,
];
