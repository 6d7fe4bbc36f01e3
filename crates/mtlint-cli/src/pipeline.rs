//! From paths to reports: finding the files, reading each capture, checking its responses, and
//! placing each finding at its line:column in the file the user gave. Files are checked in
//! parallel; the result is sorted by path, then position, whatever the thread count.
//!
//! Captures: raw bodies and envelopes (`*.json`), NDJSON (`*.ndjson`, `*.jsonl`, `-` for stdin;
//! streamed, one line held at a time), HAR (`*.har`) and VCR cassettes (`*.yaml`, `*.yml`); see
//! `mtlint_capture`. The responses of one file are checked in one [`CaptureSession`], so the
//! multi-response rules see a capture's pages together.

use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use mtlint_capture::position::{LineIndex, Span};
use mtlint_capture::{ndjson, record, vcr, Body, Format, Kind, Origin, Record};
use mtlint_json::Value;
use mtlint_rules::{
    BodyState, CaptureSession, Checker, Diagnostic, Headers, RequestContext, ResponseInput, Target,
};
use rayon::prelude::*;

use crate::report::{FileError, FileReport, Finding, Verdict};

/// The default `--max-file-size`: 256 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// What a run checks and how.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The status for raw bodies.
    pub status: u16,
    /// Request facts from flags (they fill what a recorded request URL lacks).
    pub request: RequestContext,
    /// Where `mtlint.yaml` was found (path ignores are relative to it).
    pub config_root: Option<PathBuf>,
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
            config_root: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            status_from_path: false,
            keep_source: true,
        }
    }
}

/// Folders a walk passes over, as ripgrep and tar do: hidden ones (`.git`, `.cache`) and cache
/// folders tagged with a `CACHEDIR.TAG` file (cargo's `target/`, whose build files are JSON).
/// A folder named on the command line is always walked.
fn is_skipped_folder(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir()
        && (entry.file_name().to_string_lossy().starts_with('.')
            || entry.path().join("CACHEDIR.TAG").is_file())
}

/// The status a folder name gives: three digits from 100 to 599.
#[must_use]
pub fn status_of_path(path: &Path) -> Option<u16> {
    path.parent()?.ancestors().find_map(|dir| {
        let name = dir.file_name()?.to_str()?;
        let status: u16 = name.parse().ok().filter(|_| name.len() == 3)?;
        (100..=599).contains(&status).then_some(status)
    })
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

/// Finds the files to check. A file given by name is always checked (as JSON when its
/// extension says nothing); a folder is walked for `*.json`, `*.ndjson`, `*.jsonl`, `*.har`,
/// and for `*.yaml`/`*.yml` files that are VCR cassettes. Other files under a folder are passed
/// over silently, as ruff and ripgrep pass over files of other types. Problems (a missing path,
/// an unreadable folder, a symlink loop) become error reports, never a stop.
#[must_use]
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<FileReport>) {
    collect(paths, true)
}

/// [`collect_inputs`]; `defer` takes paths named like captures for files without asking.
fn collect(paths: &[PathBuf], defer: bool) -> (Vec<Input>, Vec<FileReport>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    // A named path with a capture's extension is taken for a file without asking now: a shell
    // glob can name many thousands, and each is asked once, when it is opened (in parallel, by
    // `run`, which walks it after all if it turns out to be a folder). Other paths are asked.
    let kinds: Vec<Option<std::fs::Metadata>> = paths
        .par_iter()
        .map(|path| {
            (path.as_os_str() != "-" && !(defer && Format::of(path).is_some()))
                .then(|| std::fs::metadata(path).ok())
                .flatten()
        })
        .collect();
    for (path, metadata) in paths.iter().zip(kinds) {
        if path.as_os_str() == "-" {
            inputs.push(Input::new(path.clone(), "<stdin>".into()));
            continue;
        }
        if metadata.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            let (found_before, errors_before) = (inputs.len(), errors.len());
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|entry| entry.depth() == 0 || !is_skipped_folder(entry))
            {
                match entry {
                    Ok(entry) => {
                        if entry.file_type().is_file() && is_walked(entry.path()) {
                            inputs.push(Input::new(
                                entry.path().to_path_buf(),
                                entry.path().display().to_string(),
                            ));
                        }
                    }
                    Err(error) => {
                        let shown = error.path().map_or_else(
                            || path.display().to_string(),
                            |p| p.display().to_string(),
                        );
                        let message = if error.loop_ancestor().is_some() {
                            "symlink loop: this folder links back to one of its ancestors"
                                .to_string()
                        } else {
                            error
                                .io_error()
                                .map_or_else(|| error.to_string(), ToString::to_string)
                        };
                        errors.push(FileReport::error(shown, message, 0, 0));
                    }
                }
            }
            // A CI gate pointed at the wrong folder must not pass by checking nothing.
            if inputs.len() == found_before && errors.len() == errors_before {
                errors.push(FileReport::error(
                    path.display().to_string(),
                    "no recorded responses in this folder (*.json, *.ndjson, *.jsonl, *.har, VCR cassettes)".into(),
                    0,
                    0,
                ));
            }
        } else {
            // Missing, unreadable, a FIFO: check_file looks again and says what it is.
            inputs.push(Input::new(path.clone(), path.display().to_string()));
        }
    }
    inputs.sort();
    inputs.dedup();
    (inputs, errors)
}

/// Whether a file found under a folder is a capture. YAML files must look like cassettes (a
/// folder also holds configuration and OpenAPI documents); an unreadable one is kept, so that
/// its error is reported.
fn is_walked(path: &Path) -> bool {
    match Format::of(path) {
        Some(Format::Cassette) => match std::fs::File::open(path) {
            Ok(file) => {
                let mut head = String::new();
                // The top-level key comes early in every recorder's layout.
                let _ = file.take(64 * 1024).read_to_string(&mut head);
                vcr::looks_like_cassette(&head)
            }
            Err(_) => true,
        },
        Some(_) => true,
        None => false,
    }
}

/// Checks every input in parallel and returns the reports sorted by path.
#[must_use]
pub fn run(checker: &Checker<'_>, inputs: &[Input], options: &RunOptions) -> Vec<FileReport> {
    run_with_progress(checker, inputs, options, &|| {})
}

/// [`run`], calling `file_done` as each file is finished (from the worker threads).
#[must_use]
pub fn run_with_progress(
    checker: &Checker<'_>,
    inputs: &[Input],
    options: &RunOptions,
    file_done: &(dyn Fn() + Sync),
) -> Vec<FileReport> {
    let one = |input: &Input| {
        let checked = check_input(checker, input, options);
        file_done();
        checked
    };
    // One thread: the calling one, whose allocator pages are already in use, rather than a
    // pool thread that would start on fresh memory.
    let checked: Vec<Checked> = if rayon::current_num_threads() == 1 {
        inputs.iter().map(one).collect()
    } else {
        inputs.par_iter().map(one).collect()
    };
    let mut reports = Vec::with_capacity(checked.len());
    let mut folders = Vec::new();
    for item in checked {
        match item {
            Checked::Report(report) => reports.push(report),
            Checked::Folder(path) => folders.push(path),
        }
    }
    if !folders.is_empty() {
        // Folders named like captures (`recordings.json/`): walked now, as any named folder.
        let (found, errors) = collect(&folders, false);
        reports.extend(errors);
        reports.extend(run_with_progress(checker, &found, options, file_done));
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    reports.dedup_by(|a, b| a.path == b.path);
    reports
}

/// What checking one input gave.
enum Checked {
    Report(FileReport),
    /// It is a folder after all (named like a capture file): to be walked.
    Folder(PathBuf),
}

/// Reads and checks one file (or stdin, for `-`).
#[must_use]
pub fn check_file(checker: &Checker<'_>, input: &Input, options: &RunOptions) -> FileReport {
    match check_input(checker, input, options) {
        Checked::Report(report) => report,
        Checked::Folder(_) => FileReport::error(input.display.clone(), "is a folder".into(), 0, 0),
    }
}

fn check_input(checker: &Checker<'_>, input: &Input, options: &RunOptions) -> Checked {
    let display = input.display.clone();
    if input.path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        return Checked::Report(check_stream(
            checker,
            &display,
            &input.path,
            stdin.lock(),
            options,
        ));
    }
    match open_input(&input.path) {
        Err(e) => Checked::Report(FileReport::error(display, format!("cannot read: {e}"), 0, 0)),
        Ok(Opened::Folder) => Checked::Folder(input.path.clone()),
        Ok(Opened::Other) => Checked::Report(FileReport::error(
            display,
            "not a regular file (a FIFO, socket or device); pipe NDJSON through stdin with `-` instead".into(),
            0,
            0,
        )),
        Ok(Opened::File(file, size)) => {
            Checked::Report(check_regular(checker, input, display, options, file, size))
        }
    }
}

/// What a path turned out to be when opened.
enum Opened {
    /// A regular file, open, and its size.
    File(std::fs::File, u64),
    Folder,
    /// A FIFO, socket or device.
    Other,
}

/// Opens a path and asks the open file what it is: one path lookup instead of two (a `stat` by
/// path costs as much as the open). Without blocking: opening a FIFO for reading would otherwise
/// wait for a writer forever.
#[cfg(unix)]
fn open_input(path: &Path) -> std::io::Result<Opened> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let metadata = file.metadata()?;
    Ok(if metadata.is_dir() {
        Opened::Folder
    } else if metadata.is_file() {
        Opened::File(file, metadata.len())
    } else {
        Opened::Other
    })
}

/// Elsewhere a folder cannot be opened as a file: the path is asked first.
#[cfg(not(unix))]
fn open_input(path: &Path) -> std::io::Result<Opened> {
    let metadata = std::fs::metadata(path)?;
    Ok(if metadata.is_dir() {
        Opened::Folder
    } else if metadata.is_file() {
        Opened::File(std::fs::File::open(path)?, metadata.len())
    } else {
        Opened::Other
    })
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

/// Files up to this size are read into one buffer per thread, kept from file to file; a larger
/// one gets a buffer of its own, freed after it, so no thread holds on to a huge file's memory.
const REUSED_BUFFER_MAX: u64 = 4 << 20;

thread_local! {
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with a buffer for a file of `size` bytes: the thread's own when the file is small
/// enough (and the buffer is free, which it always is: nothing here nests), else a new one.
fn with_buffer<T>(size: u64, f: impl FnOnce(&mut Vec<u8>) -> T) -> T {
    if size > REUSED_BUFFER_MAX {
        return f(&mut Vec::new());
    }
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => {
            let out = f(&mut buffer);
            // A file whose size was not known (a `/proc` file says 0) may have grown it past
            // the limit: let that memory go.
            if buffer.capacity() as u64 > REUSED_BUFFER_MAX {
                *buffer = Vec::new();
            }
            out
        }
        Err(_) => f(&mut Vec::new()),
    })
}

/// Reads a file of `size` bytes (as its metadata said) into `buffer`, which grows when it is
/// too small and is otherwise written over, never cleared. A file that size says is empty is
/// read to its end, up to `max` + 1 bytes (`/proc` files report 0 and have content); any other
/// is read up to `size`, not past it, which saves the read that would only confirm the end.
fn read_sized(
    mut file: std::fs::File,
    size: u64,
    max: u64,
    buffer: &mut Vec<u8>,
) -> std::io::Result<&[u8]> {
    let Ok(size) = usize::try_from(size) else {
        return Err(std::io::Error::other("file too large for memory"));
    };
    if size == 0 {
        buffer.clear();
        file.take(max.saturating_add(1)).read_to_end(buffer)?;
        return Ok(buffer);
    }
    if buffer.len() < size {
        buffer.resize(size, 0);
    }
    let mut filled = 0;
    while filled < size {
        match file.read(&mut buffer[filled..size]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(&buffer[..filled])
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
    for record in capture.records {
        match record {
            Ok(record) => run.record(&record, &place),
            Err(error) => {
                let (line, column) = place.at(error.offset);
                run.error(error.message, line, column);
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
                run.error(error.message, l, c);
            }
        }
    }
    if records == 0 && run.first_error.is_none() {
        run.error(
            "empty stream: expected one JSON body or envelope per line".into(),
            0,
            0,
        );
    }
    run.finish()
}

/// Turns byte offsets into line:column: in a whole file, or in one NDJSON line.
struct Place<'a> {
    text: &'a [u8],
    /// For an NDJSON line: its 1-based number.
    line: Option<usize>,
    index: std::cell::OnceCell<LineIndex>,
}

impl<'a> Place<'a> {
    fn file(text: &'a [u8]) -> Self {
        Self {
            text,
            line: None,
            index: std::cell::OnceCell::new(),
        }
    }

    fn line(text: &'a [u8], number: usize) -> Self {
        Self {
            text,
            line: Some(number),
            index: std::cell::OnceCell::new(),
        }
    }

    /// 1-based line and column (0, 0 when unknown).
    fn at(&self, offset: Option<usize>) -> (usize, usize) {
        let Some(offset) = offset else {
            return (self.line.unwrap_or(0), 0);
        };
        let offset = offset.min(self.text.len());
        // One index per text, built on the first finding: columns on a long line (a minified
        // body, an NDJSON record) cost a block, not the line, however many findings it has.
        let at = self
            .index
            .get_or_init(|| LineIndex::new(self.text))
            .line_column(self.text, offset);
        match self.line {
            // An NDJSON record is one line of its stream.
            Some(number) => (number, at.column),
            None => (at.line, at.column),
        }
    }

    /// A finding's place: line, column, and the span to frame (only for whole files, whose
    /// text is kept for the code frame).
    fn finding(&self, span: Option<Span>) -> (usize, usize, Option<Span>) {
        let (line, column) = self.at(span.map(|s| s.start));
        (line, column, span.filter(|_| self.line.is_none()))
    }
}

/// The findings of one file as they accumulate.
struct FileRun<'k, 'c, 'o> {
    checker: &'k Checker<'c>,
    session: CaptureSession<'k, 'c>,
    display: String,
    relative: PathBuf,
    options: &'o RunOptions,
    /// Whether findings name their entry (files of many responses).
    numbered: bool,
    findings: Vec<Finding>,
    first_error: Option<FileError>,
    more_errors: usize,
    skipped: usize,
    /// How many responses the file holds (one past the highest entry index seen).
    entries: usize,
    /// The status its folder names, with `--status-from-path`.
    path_status: Option<u16>,
    /// Where the multi-response rules may point: (entry, pointer or `#request`) -> place.
    page_places: HashMap<(usize, String), (usize, usize, Option<Span>)>,
}

/// Key of a page's request URL in [`FileRun::page_places`].
const REQUEST: &str = "#request";

impl<'k, 'c, 'o> FileRun<'k, 'c, 'o> {
    fn new(
        checker: &'k Checker<'c>,
        display: &str,
        path: &Path,
        options: &'o RunOptions,
        numbered: bool,
    ) -> Self {
        let relative = options
            .config_root
            .as_deref()
            .and_then(|root| path.strip_prefix(root).ok())
            .unwrap_or(path)
            .to_path_buf();
        Self {
            checker,
            session: checker.session(),
            display: display.to_string(),
            relative,
            options,
            numbered,
            findings: Vec::new(),
            first_error: None,
            more_errors: 0,
            skipped: 0,
            entries: 0,
            path_status: options
                .status_from_path
                .then(|| status_of_path(path))
                .flatten(),
            page_places: HashMap::new(),
        }
    }

    fn error(&mut self, message: String, line: usize, column: usize) {
        if self.first_error.is_none() {
            self.first_error = Some(FileError {
                message,
                line,
                column,
            });
        } else {
            self.more_errors += 1;
        }
    }

    fn ignored(&self, d: &Diagnostic) -> bool {
        let settings = self.checker.settings();
        settings.has_path_ignores() && settings.is_ignored(&self.relative, &d.rule, &d.pointer)
    }

    /// Checks one response and places its findings.
    fn record(&mut self, record: &Record, place: &Place<'_>) {
        self.entries = self.entries.max(record.entry + 1);
        let contract = self.checker.contract();
        let status = record
            .status
            .or(self.path_status)
            .unwrap_or(self.options.status);
        let mut request = RequestContext::default();
        if let Some(recorded) = &record.request {
            let other_method = recorded
                .method
                .as_deref()
                .is_some_and(|m| !m.eq_ignore_ascii_case(&contract.method));
            match RequestContext::from_url(&recorded.url, &contract.path_template) {
                Some(context) if !other_method => request = context,
                // Another operation's traffic, recorded alongside: not ours to check.
                _ => {
                    self.skipped += 1;
                    return;
                }
            }
        }
        request.fill_from(&self.options.request);
        let entry_label = if self.numbered {
            format!("entry {}: ", record.entry)
        } else {
            String::new()
        };
        let documented_json = contract
            .response_for(status)
            .is_some_and(|m| m.response().body_schema.is_some());
        let content_type = record.content_type.as_ref().map(|c| c.value.as_str());
        let parsed: Option<Value<'_>>;
        let (body, body_state, text, origin): (Option<&Value>, BodyState, &[u8], Option<Origin>) =
            match &record.body {
                Body::Absent => (None, BodyState::Absent, &[], None),
                Body::NotSaved { size } => {
                    let (line, column) = place.at(record.body_at.map(|s| s.start));
                    self.error(
                        format!("{entry_label}the recorder reports a body of {size} bytes but did not keep it (no content.text): record it with its content"),
                        line,
                        column,
                    );
                    return;
                }
                Body::Json(value, origin) => {
                    let start = match origin {
                        Origin::Slice(s) => *s,
                        _ => 0,
                    };
                    (
                        Some(value),
                        BodyState::Present,
                        place.text.get(start..).unwrap_or_default(),
                        Some(*origin),
                    )
                }
                Body::Text(text, origin) if text.trim().is_empty() => {
                    (None, BodyState::Empty, text.as_bytes(), Some(*origin))
                }
                Body::Text(text, origin) => {
                    let json_expected = documented_json
                        || content_type.is_some_and(mtlint_schema::contract::is_json_media_type);
                    match mtlint_capture::json::parse(text.as_bytes()) {
                        Ok(value) => parsed = Some(value),
                        Err(error) => {
                            parsed = None;
                            if json_expected {
                                let offset = record::map_offset(
                                    place.text,
                                    text.as_bytes(),
                                    *origin,
                                    error.offset.unwrap_or(0),
                                );
                                let (line, column) = place.at(Some(offset));
                                self.error(
                                    format!("{entry_label}the body is not JSON: {}", error.message),
                                    line,
                                    column,
                                );
                            }
                        }
                    }
                    (
                        parsed.as_ref(),
                        BodyState::Present,
                        text.as_bytes(),
                        Some(*origin),
                    )
                }
            };
        let headers = record.headers.as_ref().map(|fields| {
            Headers::new(
                fields
                    .iter()
                    .map(|f| (f.name.clone(), f.value.clone()))
                    .collect(),
            )
        });
        let input = ResponseInput {
            status,
            headers: headers.as_ref(),
            content_type,
            body,
            body_state,
            request: &request,
        };
        let mut diagnostics = self.session.check(record.entry, &input);
        diagnostics.retain(|d| !self.ignored(d));
        // Where this page's multi-response findings may point, found now: the body is gone later.
        if let Some(page) = self.session.page(record.entry) {
            let pointers = page.pointers();
            let spans = match origin {
                Some(origin) if body.is_some() => {
                    record::locate_in_body(place.text, text, origin, &pointers)
                }
                _ => vec![None; pointers.len()],
            };
            for (pointer, span) in pointers.iter().zip(spans) {
                let span = span.or(record.body_at).or(Some(record.at));
                self.page_places
                    .insert((record.entry, (*pointer).to_string()), place.finding(span));
            }
            let url_at = record.request.as_ref().and_then(|r| r.url_at);
            self.page_places.insert(
                (record.entry, REQUEST.to_string()),
                place.finding(url_at.or(Some(record.at))),
            );
        }
        if diagnostics.is_empty() {
            return;
        }
        // Body findings: one scan for all their pointers (and ancestors, for missing members).
        let mut wanted: Vec<String> = Vec::new();
        if body.is_some() {
            for d in diagnostics.iter().filter(|d| d.target == Target::Body) {
                push_with_ancestors(&mut wanted, &d.pointer);
                for r in &d.related {
                    push_with_ancestors(&mut wanted, &r.pointer);
                }
            }
        }
        wanted.sort();
        wanted.dedup();
        let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
        let spans = match origin {
            Some(origin) if !refs.is_empty() => {
                record::locate_in_body(place.text, text, origin, &refs)
            }
            _ => Vec::new(),
        };
        let body_span = |pointer: &str| -> Option<Span> {
            let mut current = pointer;
            loop {
                if let Ok(i) = refs.binary_search(&current) {
                    if let Some(span) = spans.get(i).copied().flatten() {
                        return Some(span);
                    }
                }
                current = &current[..current.rfind('/')?];
            }
        };
        for diagnostic in diagnostics {
            let span = match diagnostic.target {
                Target::Body => body_span(&diagnostic.pointer).or(record.body_at),
                Target::Header => diagnostic
                    .header
                    .as_deref()
                    .and_then(|name| record.header_at(name))
                    .or(record.headers_at),
                Target::Status => record.status_at,
                Target::ContentType => record
                    .content_type
                    .as_ref()
                    .and_then(|c| c.at)
                    .or(record.headers_at),
                Target::Request => record.request.as_ref().and_then(|r| r.url_at),
            }
            .or(Some(record.at));
            let (line, column, span) = place.finding(span);
            let related_spans = diagnostic
                .related
                .iter()
                .map(|r| place.finding(body_span(&r.pointer)).2)
                .collect();
            self.findings.push(Finding {
                entry: self.numbered.then_some(record.entry),
                diagnostic,
                line,
                column,
                span,
                related_spans,
            });
        }
    }

    fn finish(mut self) -> FileReport {
        let session = std::mem::replace(&mut self.session, self.checker.session());
        for found in session.finish() {
            let d = found.diagnostic;
            if self.ignored(&d) {
                continue;
            }
            let key = if d.target == Target::Request {
                REQUEST.to_string()
            } else {
                d.pointer.clone()
            };
            let (line, column, span) = self
                .page_places
                .get(&(found.entry, key))
                .or_else(|| self.page_places.get(&(found.entry, String::new())))
                .copied()
                .unwrap_or((0, 0, None));
            self.findings.push(Finding {
                entry: self.numbered.then_some(found.entry),
                diagnostic: d,
                line,
                column,
                span,
                related_spans: Vec::new(),
            });
        }
        self.findings.sort_by(|a, b| {
            (a.line, a.column, &a.diagnostic.rule, &a.diagnostic.pointer).cmp(&(
                b.line,
                b.column,
                &b.diagnostic.rule,
                &b.diagnostic.pointer,
            ))
        });
        let error = self.first_error.map(|mut e| {
            if self.more_errors > 0 {
                e.message.push_str(&format!(
                    " (and {} more {} not be checked)",
                    self.more_errors,
                    if self.more_errors == 1 {
                        "entry could"
                    } else {
                        "entries could"
                    }
                ));
            }
            e
        });
        let mut report = FileReport {
            path: self.display,
            verdict: Verdict::Pass,
            diagnostics: self.findings,
            error,
            source: None,
            skipped: self.skipped,
            entries: self.numbered.then_some(self.entries),
        };
        report.judge(self.checker.settings().fail_on);
        report
    }
}

/// Parses a body, turning every kind of bad input into one message with a line and column.
///
/// # Errors
/// The bytes are not one JSON value.
pub fn parse_body(bytes: &[u8]) -> Result<Value<'_>, (String, usize, usize)> {
    mtlint_capture::json::parse(bytes).map_err(|error| {
        let (line, column) = Place::file(bytes).at(error.offset);
        (error.message, line, column)
    })
}

fn push_with_ancestors(out: &mut Vec<String>, pointer: &str) {
    let mut current = pointer;
    out.push(current.to_string());
    while let Some(i) = current.rfind('/') {
        current = &current[..i];
        out.push(current.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reused_buffer_gives_each_file_its_own_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let long = dir.path().join("long.json");
        let short = dir.path().join("short.json");
        std::fs::write(&long, "[1, 2, 3, 4, 5, 6, 7, 8, 9]").unwrap();
        std::fs::write(&short, "[1]").unwrap();
        let mut buffer = Vec::new();
        for (path, want) in [
            (&long, "[1, 2, 3, 4, 5, 6, 7, 8, 9]"),
            (&short, "[1]"),
            (&long, "[1, 2, 3, 4, 5, 6, 7, 8, 9]"),
        ] {
            let file = std::fs::File::open(path).unwrap();
            let size = file.metadata().unwrap().len();
            let bytes = read_sized(file, size, 1 << 20, &mut buffer).unwrap();
            assert_eq!(bytes, want.as_bytes());
        }
        // A size of 0 (as `/proc` files say) reads to the end, up to the limit and one more.
        let file = std::fs::File::open(&long).unwrap();
        assert_eq!(
            read_sized(file, 0, 1 << 20, &mut buffer).unwrap(),
            b"[1, 2, 3, 4, 5, 6, 7, 8, 9]"
        );
        let file = std::fs::File::open(&long).unwrap();
        assert_eq!(read_sized(file, 0, 4, &mut buffer).unwrap(), b"[1, 2");
        // A file that shrank since its size was asked: what is there, no stale bytes.
        let file = std::fs::File::open(&short).unwrap();
        assert_eq!(read_sized(file, 27, 1 << 20, &mut buffer).unwrap(), b"[1]");
    }

    #[test]
    fn walks_pass_over_hidden_and_cache_folders() {
        let dir = std::env::temp_dir().join(format!("mtlint-walk-{}", std::process::id()));
        for sub in ["a", ".hidden", "target", "target/x"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        std::fs::write(
            dir.join("target/CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55",
        )
        .unwrap();
        for file in ["a/1.json", ".hidden/2.json", "target/x/3.json", "4.json"] {
            std::fs::write(dir.join(file), "{}").unwrap();
        }
        let (inputs, errors) = collect_inputs(std::slice::from_ref(&dir));
        let names: Vec<String> = inputs
            .iter()
            .map(|i| i.path.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(errors.is_empty());
        assert_eq!(names, ["4.json", "a/1.json"]);
    }

    #[test]
    fn files_named_like_captures_are_opened_without_a_stat_and_folders_so_named_are_walked() {
        let dir = std::env::temp_dir().join(format!("mtlint-named-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("folder.json")).unwrap();
        std::fs::write(dir.join("folder.json/inner.json"), "{\"errors\": []}").unwrap();
        std::fs::write(dir.join("plain.json"), "[]").unwrap();
        let named = [
            dir.join("folder.json"),
            dir.join("plain.json"),
            dir.join("missing.json"),
        ];
        let (inputs, errors) = collect_inputs(&named);
        assert!(errors.is_empty());
        // Taken for files as named; nothing was asked yet.
        assert_eq!(inputs.len(), 3);
        let contract = mtlint_schema::Contract::embedded();
        let checker = Checker::new(contract, mtlint_rules::Settings::default()).expect("compiles");
        let reports = run(&checker, &inputs, &RunOptions::default());
        std::fs::remove_dir_all(&dir).unwrap();
        let paths: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
        let shown = |p: &str| dir.join(p).display().to_string();
        assert_eq!(
            paths,
            [
                shown("folder.json/inner.json"),
                shown("missing.json"),
                shown("plain.json")
            ]
        );
        assert!(reports[1]
            .error
            .as_ref()
            .is_some_and(|e| e.message.starts_with("cannot read")));
        assert!(reports[0].error.is_none() && reports[2].error.is_none());
    }

    #[test]
    fn a_folder_without_responses_is_an_error_not_a_pass() {
        let dir = std::env::temp_dir().join(format!("mtlint-empty-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("x.json")).unwrap();
        let (inputs, errors) = collect_inputs(std::slice::from_ref(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(inputs.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(errors[0]
            .error
            .as_ref()
            .unwrap()
            .message
            .starts_with("no recorded responses"));
    }

    #[test]
    fn folders_named_as_statuses_give_the_status() {
        assert_eq!(
            status_of_path(Path::new("corpus/404/valid-x.json")),
            Some(404)
        );
        assert_eq!(
            status_of_path(Path::new("rec/500/deep/er/a.json")),
            Some(500)
        );
        assert_eq!(status_of_path(Path::new("rec/2000/a.json")), None);
        assert_eq!(status_of_path(Path::new("rec/099/a.json")), None);
        assert_eq!(status_of_path(Path::new("404.json")), None);
    }
}
