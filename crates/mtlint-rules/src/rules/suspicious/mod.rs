//! Suspicious rules: probably wrong. Default severity: warning.

pub(crate) mod failure_without_detail;
pub(crate) mod missing_header;
pub(crate) mod rate_limit_reset_epoch;
pub(crate) mod undocumented_body;
pub(crate) mod warning_reason_case;
