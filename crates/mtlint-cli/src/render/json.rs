//! `--format json`: the machine contract,
//! `{"version": 1, "mtlint": "0.1.0", "summary": {...}, "files": [...]}`, described by
//! `schemas/report.schema.json`.
//!
//! `version` is the contract's: it is bumped on any change a consumer could trip on (a field
//! renamed, removed or given another type); fields may be added within a version. Every key
//! of `summary` is always present; a place that is not known is `null`, never `0`.

use std::io::{self, Write};

use serde::Serialize;

use super::Run;
use crate::report::{FileReport, Summary};

/// The version of the JSON report's contract.
pub const REPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonRun<'a> {
    version: u32,
    mtlint: &'static str,
    summary: Summary,
    files: &'a [FileReport],
}

/// The whole run as one pretty-printed JSON document.
pub(super) fn render(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    let document = JsonRun {
        version: REPORT_VERSION,
        mtlint: env!("CARGO_PKG_VERSION"),
        summary: run.summary(),
        files: run.reports,
    };
    write_pretty(out, &document)
}

/// Writes a document pretty-printed, with a final newline.
pub(super) fn write_pretty(out: &mut dyn Write, document: &impl Serialize) -> io::Result<()> {
    // A buffer of a concrete type between serde_json and `out`: serde_json writes a document
    // in many small pieces, and each would otherwise be a call through `dyn Write`.
    let mut buffered = io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut buffered, document)?;
    writeln!(buffered)?;
    buffered.flush()
}
