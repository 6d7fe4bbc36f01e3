//! suspicious rules.
