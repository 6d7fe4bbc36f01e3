//! Correctness rules: the spec's words are broken. Default severity: error.

pub mod decimal_precision_out_of_range;
pub mod decimal_scale_exceeds_precision;
pub mod deleted_before_created;
pub mod duplicate_column_name;
pub mod duplicate_name_in_cluster;
pub mod environment_mismatch;
pub mod error_status_mismatch;
pub mod incomplete_data_type;
pub mod link_off_operation;
pub mod link_page_size_exceeded;
pub mod link_without_page_token;
mod metadata_times;
pub mod name_dot_segment;
pub mod nullable_primary_key;
pub mod organization_mismatch;
pub mod page_size_exceeded;
mod path_member;
pub mod self_link_mismatch;
pub mod stopped_but_running;
pub mod timestamp_precision_out_of_range;
pub mod total_size_below_count;
pub mod undocumented_status;
pub mod unknown_column_reference;
pub mod unknown_data_type;
pub mod updated_before_created;
pub mod version_exceeds_latest;
pub mod watermark_not_timestamp;
