//! The `mtlint` command line, as a library so tests drive the same code the binary runs.
//!
//! The binary (`main.rs`) only parses flags, calls [`pipeline`], applies a [`baseline`], renders
//! with [`render`] and maps the [`report::Summary`] to an exit code.

pub mod args;
pub mod baseline;
pub mod catalog;
pub mod pipeline;
pub mod render;
pub mod report;
