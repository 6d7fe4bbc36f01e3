//! Drift rules: the API has grown beyond its spec. Default severity: info.

pub mod undocumented_member;
