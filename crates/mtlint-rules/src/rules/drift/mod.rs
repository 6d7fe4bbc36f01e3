//! drift rules.
