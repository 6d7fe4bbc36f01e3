//! Correctness rules: the spec's words are broken. Default severity: error.

pub mod broken_page_chain;
pub mod content_type_mismatch;
pub mod invalid_header;
pub mod item_on_two_pages;
pub mod missing_body;
pub mod name_dot_segment;
pub mod rate_limit_remaining_exceeds_limit;
pub mod total_size_changed;
pub mod undocumented_status;
pub mod version_exceeds_latest;
