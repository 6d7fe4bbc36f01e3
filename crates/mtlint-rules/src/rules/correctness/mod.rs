//! Correctness rules: the spec's words are broken. Default severity: error.

pub mod decimal_precision_out_of_range;
pub mod decimal_scale_exceeds_precision;
pub mod duplicate_column_name;
pub mod incomplete_data_type;
pub mod name_dot_segment;
pub mod nullable_primary_key;
pub mod timestamp_precision_out_of_range;
pub mod undocumented_status;
pub mod unknown_column_reference;
pub mod unknown_data_type;
pub mod version_exceeds_latest;
pub mod watermark_not_timestamp;
