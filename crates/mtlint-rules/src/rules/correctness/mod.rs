//! Correctness rules: the spec's words are broken. Default severity: error.

pub mod name_dot_segment;
pub mod undocumented_status;
pub mod version_exceeds_latest;
