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
    // A buffer of a concrete type between serde_json and `out`: serde_json writes a document
    // in many small pieces, and each would otherwise be a call through `dyn Write`.
    let mut buffered = io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut buffered, &document)?;
    writeln!(buffered)?;
    buffered.flush()
}
