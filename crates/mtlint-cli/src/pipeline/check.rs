//! Checking one file: opening it, reading its capture (whole, or an NDJSON stream line by
//! line), and handing each response to a [`FileRun`].

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use mtlint_capture::{ndjson, Format, Kind};
use mtlint_rules::Checker;

use super::file_run::FileRun;
use super::place::Place;
use super::read::{open_input, read_sized, with_buffer, Opened};
use super::{Input, RunOptions};
use crate::report::FileReport;

/// What checking one input gave.
pub(super) enum Checked {
    /// The file's report (boxed: a report is many times the size of a path).
    Report(Box<FileReport>),
    /// It is a folder after all (named like a capture file): to be walked.
    Folder(PathBuf),
}

/// Reads and checks one file (or stdin, for `-`).
#[must_use]
pub fn check_file(checker: &Checker<'_>, input: &Input, options: &RunOptions) -> FileReport {
    match check_input(checker, input, options) {
        Checked::Report(report) => *report,
        Checked::Folder(_) => {
            let mut report = FileReport::error(input.display.clone(), "is a folder".into(), 0, 0);
            report.path_bytes = crate::report::path_bytes(&input.path);
            report
        }
    }
}

/// [`check_file`], which tells a folder named like a capture (to be walked) from a file.
pub(super) fn check_input(checker: &Checker<'_>, input: &Input, options: &RunOptions) -> Checked {
    let mut checked = check_any(checker, input, options);
    if let Checked::Report(report) = &mut checked {
        report.path_bytes = crate::report::path_bytes(&input.path);
    }
    checked
}

fn check_any(checker: &Checker<'_>, input: &Input, options: &RunOptions) -> Checked {
    let display = input.display.clone();
    if input.path.as_os_str() == "-" {
        return Checked::Report(Box::new(check_stdin(checker, &display, options)));
    }
    match open_input(&input.path) {
        Err(e) => Checked::Report(Box::new(FileReport::error(
            display,
            format!("cannot read: {e}"),
            0,
            0,
        ))),
        Ok(Opened::Folder) => Checked::Folder(input.path.clone()),
        Ok(Opened::Other) => Checked::Report(Box::new(FileReport::error(
            display,
            "not a regular file (a FIFO, socket or device); pipe NDJSON through stdin with `-` instead".into(),
            0,
            0,
        ))),
        Ok(Opened::File(file, size)) => {
            Checked::Report(Box::new(check_regular(
                checker, input, display, options, file, size,
            )))
        }
    }
}

/// Reads and checks stdin, shown as `display` (`<stdin>`, or the name `--stdin-filename` gave,
/// which also stands for its path in path ignores and `--status-from-path`).
///
/// What it holds is decided by its first non-blank line: when that line is a complete JSON value
/// by itself (and not a HAR log), stdin is NDJSON and is streamed like a `.ndjson` file, one
/// record per line; otherwise it is one document (a pretty-printed body, envelope or HAR log, or
/// a VCR cassette when the name ends in `.yaml` or `.yml`), read whole up to `--max-file-size`.
/// The first line decides without holding more than that line, so an endless stream stays
/// streamed, and a pretty-printed document is never split into lines, since its first line
/// (`{`) is not a value.
fn check_stdin(checker: &Checker<'_>, display: &str, options: &RunOptions) -> FileReport {
    use std::io::Read;
    let path = Path::new(display);
    let mut stdin = std::io::stdin().lock();
    let limit = options.max_file_size.saturating_add(1);
    let read_error = |e: std::io::Error| {
        FileReport::error(display.to_string(), format!("cannot read: {e}"), 0, 0)
    };
    let mut head = Vec::new();
    let stream = loop {
        let start = head.len();
        match (&mut stdin).take(limit).read_until(b'\n', &mut head) {
            // The end before any value: the stream reader says it is empty.
            Ok(0) => break true,
            Ok(_) => {}
            Err(e) => return read_error(e),
        }
        let line = &head[start..];
        if !line.iter().all(u8::is_ascii_whitespace) {
            break is_ndjson_line(line);
        }
    };
    if stream {
        let reader = std::io::Cursor::new(head).chain(stdin);
        return check_stream(checker, display, path, reader, options);
    }
    let rest = limit.saturating_sub(head.len() as u64);
    if let Err(e) = (&mut stdin).take(rest).read_to_end(&mut head) {
        return read_error(e);
    }
    if head.len() as u64 > options.max_file_size {
        return FileReport::error(
            display.to_string(),
            format!(
                "stdin holds one document of more than --max-file-size ({} bytes); raise the limit, or send NDJSON, which is streamed",
                options.max_file_size
            ),
            0,
            0,
        );
    }
    let format = match Format::of(path) {
        Some(format @ (Format::Cassette | Format::Har)) => format,
        _ => Format::Json,
    };
    check_bytes(checker, display, path, format, &head, options)
}

/// Whether a line of stdin is a record of an NDJSON stream: a complete JSON value by itself
/// that is not a HAR log (a HAR log written on one line is one document).
fn is_ndjson_line(line: &[u8]) -> bool {
    mtlint_capture::json::parse(line)
        .is_ok_and(|value| mtlint_capture::json::shape(&value) != mtlint_capture::json::Shape::Har)
}

/// Reads and checks an open regular file of `size` bytes (as its metadata said).
fn check_regular(
    checker: &Checker<'_>,
    input: &Input,
    display: String,
    options: &RunOptions,
    file: std::fs::File,
    size: u64,
) -> FileReport {
    let format = Format::of(&input.path).unwrap_or(Format::Json);
    if format == Format::Ndjson {
        let reader = std::io::BufReader::with_capacity(64 * 1024, file);
        return check_stream(checker, &display, &input.path, reader, options);
    }
    let too_big = |size: u64| {
        FileReport::error(
            display.clone(),
            format!(
                "file is {size} bytes, more than --max-file-size ({} bytes); raise the limit, or record as NDJSON, which is streamed",
                options.max_file_size
            ),
            0,
            0,
        )
    };
    if size > options.max_file_size {
        return too_big(size);
    }
    with_buffer(size, |buffer| {
        let bytes = match read_sized(file, size, options.max_file_size, buffer) {
            Ok(bytes) => bytes,
            Err(error) => {
                return FileReport::error(display.clone(), format!("cannot read: {error}"), 0, 0);
            }
        };
        if bytes.len() as u64 > options.max_file_size {
            return too_big(bytes.len() as u64);
        }
        check_bytes(checker, &display, &input.path, format, bytes, options)
    })
}

/// Checks a whole file held in memory (`path` is used for path-based ignores).
#[must_use]
pub fn check_bytes(
    checker: &Checker<'_>,
    display: &str,
    path: &Path,
    format: Format,
    bytes: &[u8],
    options: &RunOptions,
) -> FileReport {
    let capture = match mtlint_capture::read(format, bytes) {
        Ok(capture) => capture,
        Err(error) => {
            let (line, column) = Place::file(bytes).at(error.offset);
            return FileReport::error(display.to_string(), error.message, line, column);
        }
    };
    let numbered = matches!(capture.kind, Kind::Har | Kind::Cassette);
    let mut run = FileRun::new(checker, display, path, options, numbered);
    let place = Place::file(bytes);
    for (entry, record) in capture.records.into_iter().enumerate() {
        match record {
            Ok(record) => run.record(&record, &place),
            Err(error) => {
                let (line, column) = place.at(error.offset);
                run.unreadable(entry, error, line, column);
            }
        }
    }
    let mut report = run.finish();
    if options.keep_source && !report.diagnostics.is_empty() {
        report.source = Some(Arc::new(String::from_utf8_lossy(bytes).into_owned()));
    }
    report
}

/// Checks an NDJSON stream, one line at a time: only findings are kept, never bodies. Each
/// finding is placed on its record's line, at its column in that line.
pub fn check_stream(
    checker: &Checker<'_>,
    display: &str,
    path: &Path,
    reader: impl BufRead,
    options: &RunOptions,
) -> FileReport {
    let mut lines = ndjson::Reader::new(reader, options.max_file_size);
    let mut run = FileRun::new(checker, display, path, options, true);
    let mut records = 0usize;
    loop {
        let line = match lines.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(error) => {
                run.error(format!("cannot read: {error}"), 0, 0);
                break;
            }
        };
        records += 1;
        let place = Place::line(line.text, line.number);
        match line.record {
            Ok(record) => run.record(&record, &place),
            Err(error) => {
                let (l, c) = place.at(error.offset.or(Some(0)));
                run.unreadable(records - 1, error, l, c);
            }
        }
    }
    if records == 0 && !run.has_error() {
        run.error(
            "empty stream: expected one JSON body or envelope per line".into(),
            0,
            0,
        );
    }
    run.finish()
}
