//! Suspicious rules: probably wrong. Default severity: warning.

pub mod failure_without_detail;
pub mod missing_header;
pub mod rate_limit_reset_epoch;
pub mod undocumented_body;
pub mod warning_reason_case;
