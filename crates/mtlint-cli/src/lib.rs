//! The `mtlint` command line, as a library so tests drive the same code the binary runs.
//!
//! The binary (`main.rs`) only parses flags ([`args`]), calls a subcommand in [`commands`],
//! prints what it rendered and exits with its code. `mtlint check` finds and checks the files
//! with [`pipeline`], applies a [`baseline`], and renders the [`report`]s with [`render`].

pub mod args;
pub mod baseline;
pub mod catalog;
pub mod commands;
pub mod pipeline;
pub mod render;
pub mod report;
