//! `--format json`: the machine contract, `{"summary": {...}, "files": [...]}`.
//!
//! The contract only grows: fields are added, never renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

use super::Run;
use crate::report::{FileReport, Summary};

#[derive(Serialize)]
struct JsonRun<'a> {
    summary: Summary,
    files: &'a [FileReport],
}

/// The whole run as one pretty-printed JSON document.
pub(super) fn render(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    let document = JsonRun {
        summary: run.summary(),
        files: run.reports,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
