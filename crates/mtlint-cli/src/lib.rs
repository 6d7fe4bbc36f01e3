//! The `mtlint` command line, as a library so tests drive the same code the binary runs.
//!
//! The binary (`main.rs`) only parses flags, calls [`pipeline`], renders with [`render`] and maps
//! the [`report::Summary`] to an exit code.

pub mod args;
pub mod catalog;
pub mod pipeline;
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub mod render;
pub mod report;
