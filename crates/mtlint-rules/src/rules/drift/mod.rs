//! Drift rules: the API has grown beyond its spec. Default severity: info.

pub(crate) mod undocumented_body;
pub(crate) mod undocumented_member;
