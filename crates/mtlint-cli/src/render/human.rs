//! `--format human`: one miette code frame per finding, then a summary line.
//!
//! A frame shows the finding's line with the line before and after, each fitted to the output's
//! width: on a long line (a minified body, as servers send them) a window around the offending
//! value, cut at either side with `…`. The value is underlined over the part that is shown; one
//! too long for the window is cut in its middle and keeps its last character (`"abc…"`,
//! `{"a": 1, …}`), so a string still reads as a string. Related places (the first copy of a
//! duplicate) follow the finding's own frame, each in a frame of its own.

use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    Severity as MietteSeverity, SourceSpan, SpanContents,
};
use mtlint_capture::position::{LineIndex, Span};
use mtlint_schema::Severity;
use unicode_width::UnicodeWidthChar;

use super::{location, summary_line, visible, RenderOptions, Run};
use crate::report::{FileReport, Finding};

/// One finding as a miette diagnostic, with the part of the file its code frame shows.
#[derive(Debug)]
struct Frame<'a> {
    finding: &'a Finding,
    source: Option<Excerpt>,
    related: Vec<Related>,
}

impl std::fmt::Display for Frame<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&visible(&self.finding.diagnostic.message))
    }
}

impl std::error::Error for Frame<'_> {}

impl miette::Diagnostic for Frame<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(self.finding.diagnostic.rule.clone()))
    }

    fn severity(&self) -> Option<MietteSeverity> {
        Some(match self.finding.diagnostic.severity {
            Severity::Error => MietteSeverity::Error,
            Severity::Warning => MietteSeverity::Warning,
            Severity::Info => MietteSeverity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.finding
            .diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(visible(h).into_owned()) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.source.as_ref()?;
        let d = &self.finding.diagnostic;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(label(&d.pointer)), excerpt.primary),
        )))
    }
}

/// The label under a finding's value: its pointer (`here` for the whole body).
fn label(pointer: &str) -> String {
    if pointer.is_empty() {
        "here".to_string()
    } else {
        pointer.to_string()
    }
}

/// A related place of a finding, shown after it in a frame of its own (rendered as a report of
/// its own: miette's related diagnostics would add a severity heading line).
#[derive(Debug)]
struct Related {
    message: String,
    pointer: String,
    source: Option<Excerpt>,
}

impl std::fmt::Display for Related {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.source.is_some() {
            f.write_str(&visible(&self.message))
        } else {
            // Nowhere to point at in the text: the pointer says where.
            write!(f, "{}: {}", visible(&self.message), visible(&self.pointer))
        }
    }
}

impl std::error::Error for Related {}

impl miette::Diagnostic for Related {
    fn severity(&self) -> Option<MietteSeverity> {
        Some(MietteSeverity::Advice)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.source.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.pointer.clone()), excerpt.primary),
        )))
    }
}

/// The columns a frame's gutter and borders take besides the line's text (`  12 │ `), with a
/// little room to spare, and the fewest columns a line's text gets however narrow the output.
const GUTTER: usize = 8;
const MIN_TEXT: usize = 30;

/// The part of a file one code frame shows: the finding's line and the lines either side, each
/// fitted to the width (marked `…` where cut), the value itself cut in its middle when it alone
/// would not fit. miette prints whole lines and reads its source from the start for every label:
/// given a whole 100 MB body it would print the body and scan it once per finding, and a column
/// past 65,535 overflows its formatter.
#[derive(Debug)]
struct Excerpt {
    name: String,
    text: String,
    /// The file's line (0-based) of the excerpt's first line.
    first_line: usize,
    /// The value in the excerpt, and its line and column in the file (0-based).
    primary: SourceSpan,
    primary_at: (usize, usize),
}

impl Excerpt {
    /// The excerpt of `file` for a value at `span`, reported at `at` (line and column 1-based),
    /// its lines at most `width` columns wide with the frame's gutter and the value's `label`
    /// (which miette writes from the middle of the value's underline).
    fn new(
        name: &str,
        file: &str,
        span: Span,
        at: (usize, usize),
        width: usize,
        label: &str,
    ) -> Self {
        let digits = (at.0 + 1).to_string().len();
        let budget = width.saturating_sub(GUTTER + digits).max(MIN_TEXT);
        // How far to look for a line's ends: no line shown needs more bytes than this.
        let reach = budget * 4 + 4;
        let bytes = file.as_bytes();
        let start = floor_char(file, span.start.min(bytes.len()));
        let end = ceil_char(file, span.end.clamp(start, bytes.len()));
        let (line_from, whole_start) = line_start(bytes, start, reach);
        // The value on its line: up to a line break inside it (a pretty-printed object shows its
        // first line), else whole; only its first `reach` bytes and its last character are read.
        let look = floor_char(file, end.min(start + reach));
        let (value, continues_below, line_to, whole_end) =
            match bytes[start..look].iter().position(|&b| b == b'\n') {
                Some(i) => (&file[start..start + i], true, start + i, true),
                None => {
                    let (line_to, whole_end) = line_end(bytes, end, reach);
                    (&file[start..look], false, line_to, whole_end)
                }
            };
        let value_shown = fit_value(
            value,
            look < end,
            continues_below,
            budget * 2 / 3,
            &file[..end],
        );
        let left = budget.saturating_sub(width_of(&value_shown));
        let after_from = if continues_below { line_to } else { end };
        let after_avail = width_of(&file[after_from..line_to]);
        // Room for the label line: `╰── label` from the middle of the underline.
        let label_room = budget.saturating_sub(width_of(&value_shown) / 2 + 4 + width_of(label));
        let before_room = left
            .saturating_sub(after_avail.min(left / 2))
            .min(label_room);
        let (before, cut_before) = tail_within(&file[line_from..start], before_room);
        let after_room =
            left.saturating_sub(width_of(before) + usize::from(cut_before || !whole_start));
        let (after, cut_after) = head_within(&file[after_from..line_to], after_room);

        let mut text = String::new();
        let mut first_line = at.0.saturating_sub(1);
        // The line before, when the finding's line starts within reach.
        if whole_start && line_from > 0 {
            let (prev_from, _) = line_start(bytes, line_from - 1, reach);
            let (prev, cut) = head_within(
                file[prev_from..line_from - 1].trim_end_matches('\r'),
                budget - 1,
            );
            text.push_str(&visible(prev));
            if cut || prev_from > 0 && bytes[prev_from - 1] != b'\n' {
                text.push('…');
            }
            text.push('\n');
            first_line = first_line.saturating_sub(1);
        }
        if cut_before || !whole_start {
            text.push('…');
        }
        text.push_str(&visible(before));
        let value_shown = visible(&value_shown);
        let primary_start = text.len();
        text.push_str(&value_shown);
        let primary = SourceSpan::from((primary_start, value_shown.len()));
        text.push_str(&visible(after.trim_end_matches('\r')));
        if cut_after || !whole_end {
            text.push('…');
        }
        // The line after, when the finding's line ends within reach.
        if whole_end && line_to < bytes.len() {
            let (next_to, whole) = line_end(bytes, line_to + 1, reach);
            let (next, cut) = head_within(
                file[line_to + 1..next_to].trim_end_matches('\r'),
                budget - 1,
            );
            text.push('\n');
            text.push_str(&visible(next));
            if cut || !whole {
                text.push('…');
            }
        }
        Self {
            name: visible(name).into_owned(),
            text,
            first_line,
            primary,
            primary_at: (at.0.saturating_sub(1), at.1.saturating_sub(1)),
        }
    }
}

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        // Lines count from the excerpt's first line; the header shows the finding's own place.
        let (line, column) = if *span == self.primary && before == 0 && after == 0 {
            self.primary_at
        } else {
            (inner.line() + self.first_line, inner.column())
        };
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                *inner.span(),
                line,
                column,
                inner.line_count(),
            )
            .with_language("json"),
        ))
    }
}

/// The value as shown: whole when it fits `room` columns, else its start, `…` and its last
/// character (a string keeps its closing quote, an object its brace). `value` is the part read
/// (`longer` when the value goes on past it); one that goes on below its line is shown up to
/// the line's end (cut the same way, without a last character). `upto` ends with the value.
fn fit_value(value: &str, longer: bool, continues_below: bool, room: usize, upto: &str) -> String {
    let room = room.max(8);
    let value = value.trim_end_matches('\r');
    if !longer && width_of(value) <= room {
        return value.to_string();
    }
    let last = if continues_below {
        None
    } else {
        upto.chars().next_back()
    };
    let keep = room - 1 - last.map_or(0, char_width);
    let (head, _) = head_within(value, keep + 1);
    let mut shown = head.to_string();
    shown.push('…');
    shown.extend(last);
    shown
}

/// The longest start of `text` at most `room` columns wide, and whether it was cut (the cut
/// leaving a column for the `…` that marks it).
fn head_within(text: &str, room: usize) -> (&str, bool) {
    if width_of(text) <= room {
        return (text, false);
    }
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += char_width(c);
        if used + 1 > room {
            return (&text[..i], true);
        }
    }
    (text, false)
}

/// The longest end of `text` at most `room` columns wide, and whether it was cut (leaving a
/// column for the `…`).
fn tail_within(text: &str, room: usize) -> (&str, bool) {
    if width_of(text) <= room {
        return (text, false);
    }
    let mut used = 0;
    for (i, c) in text.char_indices().rev() {
        used += char_width(c);
        if used + 1 > room {
            return (&text[i + c.len_utf8()..], true);
        }
    }
    (text, false)
}

/// Columns a character takes on a terminal (miette shows a tab as four spaces).
fn char_width(c: char) -> usize {
    if c == '\t' {
        4
    } else {
        c.width().unwrap_or(1)
    }
}

fn width_of(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// The start of the line holding `at`, and whether it was found within `reach` bytes (else the
/// point `reach` bytes before, on a character boundary).
fn line_start(bytes: &[u8], at: usize, reach: usize) -> (usize, bool) {
    let floor = at.saturating_sub(reach);
    match bytes[floor..at].iter().rposition(|&b| b == b'\n') {
        Some(i) => (floor + i + 1, true),
        None => (ceil_boundary(bytes, floor), floor == 0),
    }
}

/// The end of the line holding `at` (before its newline), and whether it was found within
/// `reach` bytes (else the point `reach` bytes after, on a character boundary).
fn line_end(bytes: &[u8], at: usize, reach: usize) -> (usize, bool) {
    let ceiling = (at + reach).min(bytes.len());
    match bytes[at..ceiling].iter().position(|&b| b == b'\n') {
        Some(i) => (at + i, true),
        None => (floor_boundary(bytes, ceiling), ceiling == bytes.len()),
    }
}

/// UTF-8 continuation bytes are `10xxxxxx`.
fn ceil_boundary(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
        at += 1;
    }
    at
}

fn floor_boundary(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    at
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Code frames, then the summary line (none when `quiet`); the files that could not be checked
/// go to `errors`.
pub(super) fn render(
    out: &mut dyn Write,
    errors: &mut dyn Write,
    run: &Run<'_>,
    options: RenderOptions,
) -> io::Result<()> {
    let width = options.width;
    let theme = if options.colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Messages keep miette's own wrapping (at 200 columns): they are searched and compared as
    // whole lines; the frames are what is fitted to `width`.
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    for report in run.reports {
        // A capture can hold both: entries that could not be checked, and findings in the others.
        write_error(errors, report)?;
        // Built once per file, and only when a related place needs its line and column.
        let mut lines: Option<LineIndex> = None;
        for finding in &report.diagnostics {
            let source = report
                .source
                .as_ref()
                .zip(finding.span)
                .map(|(text, span)| {
                    Excerpt::new(
                        &report.path,
                        text,
                        span,
                        (finding.line, finding.column),
                        width,
                        &label(&finding.diagnostic.pointer),
                    )
                });
            let related = finding
                .diagnostic
                .related
                .iter()
                .zip(finding.related_spans.iter().chain(std::iter::repeat(&None)))
                .map(|(r, span)| {
                    let source = report.source.as_ref().zip(*span).map(|(text, span)| {
                        let index = lines.get_or_insert_with(|| LineIndex::new(text.as_bytes()));
                        let at = index.line_column(text.as_bytes(), span.start);
                        Excerpt::new(
                            &report.path,
                            text,
                            span,
                            (at.line, at.column),
                            width,
                            &r.pointer,
                        )
                    });
                    Related {
                        message: r.message.clone(),
                        pointer: r.pointer.clone(),
                        source,
                    }
                })
                .collect();
            let frame = Frame {
                finding,
                source,
                related,
            };
            let mut text = String::new();
            handler
                .render_report(&mut text, &frame)
                .map_err(|e| io::Error::other(e.to_string()))?;
            if frame.source.is_none() || finding.entry.is_some() {
                writeln!(out, "{}", visible(&location(&report.path, finding)))?;
            }
            write!(out, "{text}")?;
            for related in &frame.related {
                let mut text = String::new();
                handler
                    .render_report(&mut text, related)
                    .map_err(|e| io::Error::other(e.to_string()))?;
                write!(out, "{text}")?;
            }
        }
    }
    if options.quiet {
        return Ok(());
    }
    writeln!(out, "{}", summary_line(&run.summary()))
}

/// The line for a file that could not be checked: `error[io]: path:line:column: message`.
pub(super) fn write_error(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    let Some(error) = &report.error else {
        return Ok(());
    };
    let at = if error.line > 0 {
        format!(":{}:{}", error.line, error.column)
    } else {
        String::new()
    };
    writeln!(
        out,
        "error[io]: {}{at}: {}",
        visible(&report.path),
        visible(&error.message)
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use mtlint_capture::position::Span;
    use mtlint_rules::Diagnostic;

    use super::*;
    use crate::report::Verdict;

    fn rendered(colour: bool) -> String {
        let text = "{\n  \"phase\": \"RUNNIN\"\n}\n";
        let start = text.find("\"RUNNIN").unwrap();
        render_one(text, start, 8, (2, 12), colour)
    }

    /// The human output for one `schema/enum` finding at `start..start + len` of `text`, reported
    /// at `(line, column)`.
    fn render_one(
        text: &str,
        start: usize,
        len: usize,
        at: (usize, usize),
        colour: bool,
    ) -> String {
        let span = Span {
            start,
            end: start + len,
        };
        render_with(text, span, at, &[], colour, super::super::DEFAULT_WIDTH)
    }

    /// [`render_one`] with related places: `(span, pointer)`.
    fn render_with(
        text: &str,
        span: Span,
        at: (usize, usize),
        related: &[(Span, &str)],
        colour: bool,
        width: usize,
    ) -> String {
        let mut diagnostic = Diagnostic::body(
            "schema/enum",
            Severity::Error,
            "/phase".into(),
            "phase is \"RUNNIN\"".into(),
        );
        for (_, pointer) in related {
            diagnostic.related((*pointer).to_string(), "first defined here");
        }
        let reports = [FileReport {
            path: "a.json".into(),
            path_bytes: None,
            verdict: Verdict::Fail,
            diagnostics: vec![Finding {
                entry: None,
                diagnostic,
                line: at.0,
                column: at.1,
                span: Some(span),
                related_spans: related.iter().map(|(s, _)| Some(*s)).collect(),
                related_at: Vec::new(),
            }],
            entries: None,
            accounting: crate::report::Accounting::checked(1),
            error: None,
            source: Some(Arc::new(text.to_string())),
        }];
        let run = Run::for_tests(&reports);
        let mut out = Vec::new();
        let options = RenderOptions {
            colour,
            width,
            ..RenderOptions::default()
        };
        render(&mut out, &mut io::sink(), &run, options).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_finding_far_along_one_long_line_gets_a_cut_frame_at_its_true_place() {
        // A minified body: one line, the finding past column 65,535 (where miette's own
        // formatter used to panic), and an accented character before it.
        let pad = "é".repeat(70_000);
        let text = format!("{{\"pad\": \"{pad}\", \"phase\": \"RUNNIN\"}}");
        let start = text.find("\"RUNNIN").unwrap();
        let column = text[..start].chars().count() + 1;
        let out = render_one(&text, start, 8, (1, column), false);
        assert!(out.contains(&format!("╭─[a.json:1:{column}]")), "{out}");
        assert!(out.contains("…éé"), "{out}");
        assert!(out.contains("\"phase\": \"RUNNIN\"}"), "{out}");
        assert!(
            out.len() < 4_000,
            "the frame shows a window, not the line: {}",
            out.len()
        );
    }

    #[test]
    fn frames_keep_the_file_s_line_numbers_deep_in_a_long_file() {
        // Line 1 is `{`, lines 2-5001 the members k0-k4999, line 5002 the finding.
        let members: String = (0..5_000).map(|i| format!("  \"k{i}\": {i},\n")).collect();
        let text = format!("{{\n{members}  \"phase\": \"RUNNIN\"\n}}\n");
        let start = text.rfind("\"RUNNIN").unwrap();
        let out = render_one(&text, start, 8, (5_002, 12), false);
        assert!(out.contains("╭─[a.json:5002:12]"), "{out}");
        assert!(out.contains("5001 │   \"k4999\": 4999,"), "{out}");
        assert!(out.contains("5002 │   \"phase\": \"RUNNIN\""), "{out}");
        assert!(out.contains("5003 │ }"), "{out}");
        assert!(!out.contains("k4998"), "{out}");
    }

    /// The value of `member` in `text` (one byte: the test bodies hold digits).
    fn value_of(text: &str, member: &str) -> Span {
        let at = text.find(&format!("\"{member}\": ")).unwrap() + member.len() + 4;
        Span {
            start: at,
            end: at + 1,
        }
    }

    #[test]
    fn related_places_follow_the_finding_s_frame_each_in_its_own() {
        // `early` is 10,000 bytes before the finding on the same line, `late` right before it:
        // both come after the finding's frame, never before, each framed at its own place.
        let pad = "x".repeat(10_000);
        let text = format!(
            "{{\"early\": 1, \"a\": \"{pad}\", \"late\": 2, \"phase\": \"RUNNIN\", \"b\": 3}}"
        );
        let start = text.find("\"RUNNIN").unwrap();
        let column = |span: Span| text[..span.start].chars().count() + 1;
        let (late, early) = (value_of(&text, "late"), value_of(&text, "early"));
        let out = render_with(
            &text,
            Span {
                start,
                end: start + 8,
            },
            (1, start + 1),
            &[(late, "/late"), (early, "/early")],
            false,
            100,
        );
        let own = out.find(&format!("╭─[a.json:1:{}]", start + 1)).unwrap();
        let late_at = out.find(&format!("╭─[a.json:1:{}]", column(late))).unwrap();
        let early_at = out
            .find(&format!("╭─[a.json:1:{}]", column(early)))
            .unwrap();
        assert!(own < late_at && late_at < early_at, "{out}");
        assert_eq!(out.matches("first defined here").count(), 2, "{out}");
        // The finding's frame holds one label: its own.
        assert!(!out[..late_at].contains("/late"), "{out}");
        assert!(out[late_at..early_at].contains("/late"), "{out}");
        assert!(out[early_at..].contains("/early"), "{out}");
    }

    #[test]
    fn a_related_place_on_an_earlier_line_still_comes_after() {
        let text = "{\n  \"name\": \"a\",\n  \"name\": \"a\"\n}\n";
        let first = text.find("\"a\"").unwrap();
        let second = text.rfind("\"a\"").unwrap();
        let out = render_with(
            text,
            Span {
                start: second,
                end: second + 3,
            },
            (3, 11),
            &[(
                Span {
                    start: first,
                    end: first + 3,
                },
                "/name",
            )],
            false,
            100,
        );
        let own = out.find("╭─[a.json:3:11]").unwrap();
        let related = out.find("╭─[a.json:2:11]").unwrap();
        assert!(own < related, "{out}");
    }

    /// The rendered frame of a `schema/maxLength`-like finding on a string of `len` characters,
    /// deep in a minified body.
    fn long_string_frame(len: usize, width: usize) -> (String, String) {
        let value = format!("\"{}\"", "v".repeat(len));
        let pad: String = (0..400).map(|i| format!("\"k{i}\": {i}, ")).collect();
        let text = format!("{{{pad}\"name\": {value}, \"z\": 1}}");
        let start = text.find(&value).unwrap();
        let out = render_with(
            &text,
            Span {
                start,
                end: start + value.len(),
            },
            (1, start + 1),
            &[],
            false,
            width,
        );
        (out, value)
    }

    /// The line under the one that holds `needle`: miette's underline of it.
    fn underline_of<'a>(out: &'a str, needle: &str) -> (&'a str, &'a str) {
        let lines: Vec<&str> = out.lines().collect();
        let i = lines.iter().position(|l| l.contains(needle)).unwrap();
        (lines[i], lines[i + 1])
    }

    #[test]
    fn minified_frames_fit_the_width() {
        for width in [60, 100, 160] {
            let (out, _) = long_string_frame(500, width);
            for line in out.lines() {
                assert!(width_of(line) <= width, "{width}: {line:?}\n{out}");
            }
            let (out, _) = long_string_frame(20, width);
            for line in out.lines() {
                assert!(width_of(line) <= width, "{width}: {line:?}\n{out}");
            }
        }
    }

    #[test]
    fn a_long_value_is_underlined_over_what_is_shown_and_keeps_its_closing_quote() {
        let (out, _) = long_string_frame(500, 100);
        let (line, under) = underline_of(&out, "\"vvv");
        let from = line.find("\"vvv").unwrap();
        let to = line
            .find("v…\"")
            .expect("cut with … before the closing quote")
            + "v…\"".len();
        let shown = line[from..to].chars().count();
        let marks = under
            .chars()
            .filter(|c| matches!(c, '─' | '┬' | '^'))
            .count();
        assert!(shown > 20, "{out}");
        assert_eq!(marks, shown, "{out}");
        // Context after the value is still in sight.
        assert!(line.contains("\"z\""), "{out}");
    }

    #[test]
    fn a_short_value_is_shown_whole_and_underlined_whole() {
        let (out, value) = long_string_frame(90, 160);
        let (line, under) = underline_of(&out, &value);
        assert!(!line.contains("v…"), "{out}");
        let marks = under
            .chars()
            .filter(|c| matches!(c, '─' | '┬' | '^'))
            .count();
        assert_eq!(marks, value.len(), "{out}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

        /// Any span of any text, long lines and multibyte characters included: the frame
        /// renders without a panic, at the span's true line and column, and stays small.
        #[test]
        fn any_span_is_framed_at_its_true_place(
            lines in proptest::collection::vec("[a-zé€\"{}:, ]{0,700}", 1..20),
            pick in 0usize..100_000,
            len in 1usize..120,
        ) {
            let text = lines.join("\n");
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            proptest::prop_assume!(!starts.is_empty());
            let start = starts[pick % starts.len()];
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let line = text[..start].matches('\n').count() + 1;
            let column = text[..start].rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let out = render_one(&text, start, end - start, (line, column), false);
            for shown in out.lines() {
                proptest::prop_assert!(width_of(shown) <= super::super::DEFAULT_WIDTH, "{:?} {}", shown, width_of(shown));
            }
            let header = format!("╭─[a.json:{line}:{column}]");
            proptest::prop_assert!(out.contains(&header), "header {}\n{}", header, out);
            // The gutter numbers the finding's line as the file does.
            let gutter = format!("{line} │");
            proptest::prop_assert!(out.contains(&gutter), "gutter {}\n{}", gutter, out);
            proptest::prop_assert!(out.len() < 6_000, "{}", out.len());
        }
    }

    #[test]
    fn colour_is_ansi_escapes_and_only_when_asked() {
        let plain = rendered(false);
        assert!(!plain.contains('\u{1b}'), "{plain}");
        assert!(plain.contains("╭─[a.json:2:12]"), "{plain}");
        let coloured = rendered(true);
        assert!(coloured.contains('\u{1b}'), "{coloured}");
    }
}
