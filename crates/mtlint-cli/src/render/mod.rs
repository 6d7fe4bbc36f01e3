//! Rendering reports: the only place that turns a run into text. Every renderer writes to a
//! `dyn Write` and reads the same [`Run`]; none of them prints or exits.
//!
//! | format | for | one item per |
//! |---|---|---|
//! | `human` | people: miette code frames | finding |
//! | `concise` | grep, editors: `path:line:col: severity rule: message` | finding |
//! | `json` | tools: `{"summary", "files"}` | file |
//! | `sarif` | code scanning (SARIF 2.1.0) | finding (result) |
//! | `junit` | CI test reports | response (test case) |
//! | `github` | GitHub Actions annotations | finding |
//!
//! `--statistics` replaces the findings by counts per rule (human and json only).

mod concise;
mod github;
mod human;
mod json;
mod junit;
mod sarif;
mod statistics;

use std::io::{self, Write};
use std::path::{Component, Path};

use mtlint_schema::Severity;

use crate::report::{FileReport, Finding, Responses, SkipReason, Summary};

pub use statistics::{statistics, RuleCount};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames for people (colour on a terminal unless NO_COLOR is set).
    Human,
    /// One line per finding: `path:line:col: severity rule: message`.
    Concise,
    /// The machine contract: `{"summary": ..., "files": [...]}`.
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// JUnit XML: one test case per response.
    Junit,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
}

impl Format {
    /// Whether the format shows a finding's source text (code frames, SARIF regions with their
    /// ends), so a file's text must be kept until rendering. The others need only line:column,
    /// and keeping the text of every failing file would cost as much memory as the corpus.
    #[must_use]
    pub fn shows_source(self) -> bool {
        matches!(self, Format::Human | Format::Sarif)
    }

    /// Whether `--statistics` has a meaning in this format.
    #[must_use]
    pub fn supports_statistics(self) -> bool {
        matches!(self, Format::Human | Format::Json)
    }

    /// The format's name on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
        }
    }
}

/// A finished run, as the renderers see it.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// One report per file, sorted by path; findings sorted by position.
    pub reports: &'a [FileReport],
    /// The lowest severity that fails a file (a test case, in JUnit).
    pub fail_on: Severity,
    /// Findings hidden because the baseline holds them (`None`: no baseline given).
    pub baselined: Option<usize>,
    /// The folder relative paths are relative to (for SARIF's absolute paths).
    pub cwd: &'a Path,
}

#[cfg(test)]
impl<'a> Run<'a> {
    /// A run of `reports` as the renderers' tests take it: failing on errors, no baseline,
    /// paths relative to `.`.
    pub(crate) fn for_tests(reports: &'a [FileReport]) -> Self {
        Self {
            reports,
            fail_on: Severity::Error,
            baselined: None,
            cwd: Path::new("."),
        }
    }
}

impl Run<'_> {
    /// The counts of the run.
    #[must_use]
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::of(self.reports);
        summary.baselined = self.baselined;
        summary
    }
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// ANSI colours in human output.
    pub colour: bool,
    /// Counts per rule instead of the findings.
    pub statistics: bool,
    /// The width human output fits in, in terminal columns.
    pub width: usize,
    /// The report alone: no closing summary line (`--quiet`).
    pub quiet: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            colour: false,
            statistics: false,
            width: DEFAULT_WIDTH,
            quiet: false,
        }
    }
}

/// The width of human output when it does not go to a terminal (a file, a pipe, a CI log).
pub const DEFAULT_WIDTH: usize = 100;

/// The width human output fits in: the terminal's when stdout is one, else [`DEFAULT_WIDTH`].
#[must_use]
pub fn width_wanted(terminal_columns: Option<usize>) -> usize {
    terminal_columns.filter(|&w| w > 0).unwrap_or(DEFAULT_WIDTH)
}

/// Whether human output is coloured: only on a terminal, and only when `NO_COLOR` is unset or
/// empty (<https://no-color.org>).
#[must_use]
pub fn colour_wanted(stdout_is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    stdout_is_terminal && no_color.is_none_or(std::ffi::OsStr::is_empty)
}

/// Writes a run in the chosen format. The human formats write the files that could not be
/// checked to `errors` (stderr), where a person looks for what went wrong; the machine formats
/// carry them in their report, for the tools that read it.
///
/// # Errors
/// Writing failed (a closed pipe is the caller's to treat as a quiet end), or `--statistics` was
/// asked of a format that has no statistics form ([`Format::supports_statistics`]).
pub fn render(
    out: &mut dyn Write,
    errors: &mut dyn Write,
    format: Format,
    run: &Run<'_>,
    options: RenderOptions,
) -> io::Result<()> {
    if options.statistics {
        return match format {
            Format::Human => statistics::human(out, errors, run, options.quiet),
            Format::Json => statistics::json(out, run),
            other => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "--statistics is not supported with --format {}",
                    other.as_str()
                ),
            )),
        };
    }
    match format {
        Format::Human => human::render(out, errors, run, options),
        Format::Concise => concise::render(out, run, options.quiet),
        Format::Json => json::render(out, run),
        Format::Sarif => sarif::render(out, run),
        Format::Junit => junit::render(out, run),
        Format::Github => github::render(out, run, options.quiet),
    }
}

/// A path as CI services want it: forward slashes, no `./` steps. `./corpus/200/a.json` (and,
/// on Windows, `corpus\200\a.json`) reads `corpus/200/a.json`.
#[must_use]
pub fn portable_path(path: &str) -> String {
    let path = Path::new(path);
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::RootDir => absolute = true,
            Component::Prefix(prefix) => parts.push(prefix.as_os_str().to_string_lossy().into()),
            Component::ParentDir => parts.push("..".into()),
            Component::Normal(part) => parts.push(part.to_string_lossy().into()),
        }
    }
    let mut joined = parts.join("/");
    if cfg!(windows) {
        joined = joined.replace('\\', "/");
    }
    if absolute {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".into()
    } else {
        joined
    }
}

/// Where a finding is, for one-line renderings: `path:line:column`, `path` alone when it has no
/// place, and `(entry N)` for a response inside a multi-response file.
#[must_use]
pub fn location(path: &str, finding: &Finding) -> String {
    let mut at = path.to_string();
    if finding.line > 0 {
        at.push_str(&format!(":{}:{}", finding.line, finding.column));
    }
    if let Some(entry) = finding.entry {
        at.push_str(&format!(" (entry {entry})"));
    }
    at
}

/// Text for a terminal: every control character but tab and line feed shown as a visible
/// stand-in of one column (C0 controls and DEL as their Unicode control pictures, `␛` for ESC;
/// C1 controls as `�`), so that a file name, a value or a line of a recording cannot move the
/// cursor, retitle the window or change its colours. Character for character, so columns count
/// the same.
#[must_use]
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\t' | '\n' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// `n thing` or `n things`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The closing line of the text formats:
/// `5 files: 3 passed, 2 failed; 4 findings; 12 responses checked, 3 responses skipped (other operations).`
fn summary_line(summary: &Summary) -> String {
    let verdicts: Vec<String> = [
        (summary.passed, "passed"),
        (summary.failed, "failed"),
        (summary.skipped, "skipped"),
        (summary.errors, "could not be checked"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let baselined = match summary.baselined {
        Some(n) if n > 0 => format!(" ({n} more in the baseline)"),
        _ => String::new(),
    };
    format!(
        "{}: {}; {}{baselined}; {}.",
        plural(summary.files, "file", "files"),
        if verdicts.is_empty() {
            "none".to_string()
        } else {
            verdicts.join(", ")
        },
        plural(summary.diagnostics, "finding", "findings"),
        responses_line(&summary.responses),
    )
}

/// What became of the responses: `12 responses checked, 3 responses skipped (other
/// operations), 1 response could not be checked`; `no response checked, ...` when none was.
fn responses_line(responses: &Responses) -> String {
    let mut parts = vec![if responses.checked == 0 {
        "no response checked".to_string()
    } else {
        format!(
            "{} checked",
            plural(responses.checked, "response", "responses")
        )
    }];
    for reason in SkipReason::ALL {
        let n = responses.skipped_by_reason.get(reason);
        if n > 0 {
            parts.push(format!(
                "{} skipped ({})",
                plural(n, "response", "responses"),
                reason.describe()
            ));
        }
    }
    if responses.errors > 0 {
        parts.push(format!(
            "{} not be checked",
            plural(responses.errors, "response could", "responses could")
        ));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(colour_wanted(true, None));
        assert!(colour_wanted(true, Some(OsStr::new(""))));
        assert!(!colour_wanted(true, Some(OsStr::new("1"))));
        assert!(!colour_wanted(false, None));
        assert!(!colour_wanted(false, Some(OsStr::new(""))));
    }

    #[test]
    fn portable_paths_use_forward_slashes_and_drop_dot_steps() {
        assert_eq!(portable_path("./corpus/200/a.json"), "corpus/200/a.json");
        assert_eq!(portable_path("corpus/./200//a.json"), "corpus/200/a.json");
        assert_eq!(portable_path("../x/a.json"), "../x/a.json");
        assert_eq!(portable_path("/tmp/a b.json"), "/tmp/a b.json");
        assert_eq!(portable_path("a.json"), "a.json");
        assert_eq!(portable_path("."), ".");
    }
}
