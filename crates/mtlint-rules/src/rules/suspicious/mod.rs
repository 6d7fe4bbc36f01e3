//! Suspicious rules: probably wrong. Default severity: warning.

pub mod failure_without_detail;
pub mod warning_reason_case;
