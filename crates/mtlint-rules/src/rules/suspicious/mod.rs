//! suspicious rules.

pub mod missing_header;
pub mod rate_limit_reset_epoch;
pub mod undocumented_body;
