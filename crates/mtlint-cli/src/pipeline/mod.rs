//! From paths to reports: finding the files, reading each capture, checking its responses, and
//! placing each finding at its line:column in the file the user gave. Files are checked in
//! parallel; the result is sorted by path, then position, whatever the thread count.
//!
//! Captures: raw bodies and envelopes (`*.json`), NDJSON (`*.ndjson`, `*.jsonl`, `-` for stdin;
//! streamed, one line held at a time), HAR (`*.har`) and VCR cassettes (`*.yaml`, `*.yml`); see
//! `mtlint_capture`. The responses of one file are checked in one
//! [`CaptureSession`](mtlint_rules::CaptureSession), so the multi-response rules see a
//! capture's pages together.
//!
//! The steps, one module each:
//!
//! | step | module |
//! |---|---|
//! | which files to check: walking folders, what is a capture, a status from a folder name | `discover` |
//! | opening a file without blocking, reading it whole into a reused buffer | `read` |
//! | checking one file: its capture, then each response with its entry and page | `check`, `file_run` |
//! | placing findings: byte offset or JSON pointer to line:column | `place` |
//! | checking every file in parallel | `parallel` |

mod check;
mod discover;
mod file_run;
mod parallel;
mod place;
mod read;

use std::path::PathBuf;

use mtlint_rules::RequestContext;

pub use check::{check_bytes, check_file, check_stream};
pub use discover::{collect_inputs, list_inputs, status_of_path, WalkFilter};
pub use parallel::{run, run_with_progress};
pub use read::read_text_file;

/// The default `--max-file-size`: 256 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// What a run checks and how.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The status for raw bodies.
    pub status: u16,
    /// Request facts from flags (they fill what a recorded request URL lacks).
    pub request: RequestContext,
    /// What folder walks pass over (a folder named like a capture is walked during the run).
    pub walk: WalkFilter,
    /// Files larger than this are not read (NDJSON streams are not limited as a whole, only
    /// line by line).
    pub max_file_size: u64,
    /// `--status-from-path`: a raw body's status is the name of its nearest folder that is an
    /// HTTP status (`recordings/404/a.json` is a 404); `status` where there is none.
    pub status_from_path: bool,
    /// Keep the text of a file with findings in its report, for renderers that show it.
    pub keep_source: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            status: 200,
            request: RequestContext::default(),
            walk: WalkFilter::default(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            status_from_path: false,
            keep_source: true,
        }
    }
}

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path to open (`-` for stdin).
    pub path: PathBuf,
    /// The path as shown in reports.
    pub display: String,
}

impl Input {
    /// A file to check, of a kind not yet known.
    #[must_use]
    pub fn new(path: PathBuf, display: String) -> Self {
        Self { path, display }
    }
}
