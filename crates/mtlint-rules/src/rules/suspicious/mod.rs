//! Suspicious rules: probably wrong, or worth a look. Default severity: warning; a rule whose
//! state the documentation allows (one that may be transient) declares info.

pub(crate) mod failure_without_detail;
pub(crate) mod item_on_two_pages;
pub(crate) mod missing_header;
pub(crate) mod rate_limit_reset_epoch;
pub(crate) mod stopped_but_running;
pub(crate) mod total_size_changed;
pub(crate) mod warning_reason_case;
