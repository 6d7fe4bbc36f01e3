//! `--format human`: one miette code frame per finding, then a summary line.

use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    Severity as MietteSeverity, SourceSpan, SpanContents,
};
use mtlint_capture::position::Span;
use mtlint_schema::Severity;

use super::{location, summary_line, RenderOptions, Run};
use crate::report::{FileReport, Finding};

/// One finding as a miette diagnostic, with the part of the file its code frame shows.
#[derive(Debug)]
struct Frame<'a> {
    finding: &'a Finding,
    source: Option<Excerpt>,
}

impl std::fmt::Display for Frame<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.finding.diagnostic.message)
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
            .map(|h| Box::new(h.clone()) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.source.as_ref()?;
        let span = self.finding.span?;
        let d = &self.finding.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            Some(if d.pointer.is_empty() {
                "here".to_string()
            } else {
                d.pointer.clone()
            }),
            excerpt.map(span)?,
        );
        let related = d
            .related
            .iter()
            .zip(&self.finding.related_spans)
            .filter_map(|(r, s)| {
                let at = excerpt.map((*s)?)?;
                Some(LabeledSpan::new_with_span(Some(r.message.clone()), at))
            });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// How far a code frame reaches either side of its spans, in bytes, and how long a line it shows
/// whole.
const REACH: usize = 240;

/// The part of a file one code frame shows: the lines around the finding's spans, a long line
/// cut to a window around them (marked `…`). miette prints whole lines and reads its source from
/// the start for every label: given a whole 100 MB body it would print the body and scan it once
/// per finding, and a column past 65,535 overflows its formatter.
#[derive(Debug)]
struct Excerpt {
    name: String,
    text: String,
    /// The file's bytes `from..to` are in `text`, after `lead` bytes of marker.
    from: usize,
    to: usize,
    lead: usize,
    /// The file's line (0-based) of the excerpt's first line.
    first_line: usize,
    /// The primary span in the excerpt, and its line and column in the file (0-based).
    primary: SourceSpan,
    primary_at: (usize, usize),
}

impl Excerpt {
    /// The excerpt of `file` for a finding at `span` (line and column 1-based, as reported)
    /// with related spans `related`; those far from the finding are left out of the frame.
    fn new(
        name: &str,
        file: &str,
        span: Span,
        at: (usize, usize),
        related: &[Option<Span>],
    ) -> Self {
        let bytes = file.as_bytes();
        let mut lo = span.start.min(bytes.len());
        let mut hi = (span.start + frame_len(span)).min(bytes.len());
        for s in related.iter().flatten() {
            if s.start.abs_diff(span.start) <= REACH * 8 {
                lo = lo.min(s.start);
                hi = hi.max((s.start + frame_len(*s)).min(bytes.len()));
            }
        }
        // From the start of the line before (context) to the end of the line after, each step
        // at most `REACH` bytes: a long line is cut.
        let from = match line_start(bytes, lo) {
            (start, true) if start > 0 => line_start(bytes, start - 1).0,
            (start, _) => start,
        };
        let to = match line_end(bytes, hi) {
            (end, true) if end < bytes.len() => line_end(bytes, end).0,
            (end, _) => end,
        };
        let (from, to) = (floor_char(file, from), ceil_char(file, to));
        let lead_mark = from > 0 && bytes[from - 1] != b'\n';
        let tail_mark = to < bytes.len() && bytes[to - 1] != b'\n';
        let mut text = String::with_capacity(to - from + 8);
        if lead_mark {
            text.push('…');
        }
        let lead = text.len();
        text.push_str(&file[from..to]);
        if tail_mark {
            text.push('…');
        }
        let newlines_before = bytes[from..span.start.min(bytes.len()).max(from)]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        let mut excerpt = Self {
            name: name.to_string(),
            text,
            from,
            to,
            lead,
            first_line: at.0.saturating_sub(1).saturating_sub(newlines_before),
            primary: SourceSpan::from((0, 0)),
            primary_at: (at.0.saturating_sub(1), at.1.saturating_sub(1)),
        };
        if let Some(primary) = excerpt.map(span) {
            excerpt.primary = primary;
        }
        excerpt
    }

    /// A file span as a label span in the excerpt; `None` when it starts outside.
    fn map(&self, span: Span) -> Option<SourceSpan> {
        if span.start < self.from || span.start > self.to {
            return None;
        }
        let len = frame_len(span).min(self.to - span.start);
        Some(SourceSpan::from((span.start - self.from + self.lead, len)))
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

/// The start of the line holding `at`, and whether it was found within [`REACH`] bytes (else
/// the point `REACH` bytes before).
fn line_start(bytes: &[u8], at: usize) -> (usize, bool) {
    let floor = at.saturating_sub(REACH);
    match bytes[floor..at].iter().rposition(|&b| b == b'\n') {
        Some(i) => (floor + i + 1, true),
        None => (floor, floor == 0),
    }
}

/// The end of the line holding `at` (after its newline), and whether it was found within
/// [`REACH`] bytes (else the point `REACH` bytes after).
fn line_end(bytes: &[u8], at: usize) -> (usize, bool) {
    let ceiling = (at + REACH).min(bytes.len());
    match bytes[at..ceiling].iter().position(|&b| b == b'\n') {
        Some(i) => (at + i + 1, true),
        None => (ceiling, ceiling == bytes.len()),
    }
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

/// Whole objects make unreadable frames: point at their first character.
fn frame_len(span: Span) -> usize {
    let len = span.end - span.start;
    if len > 80 {
        1
    } else {
        len
    }
}

/// Code frames, then the summary line (none when `quiet`); the files that could not be checked
/// go to `errors`.
pub(super) fn render(
    out: &mut dyn Write,
    errors: &mut dyn Write,
    run: &Run<'_>,
    options: RenderOptions,
) -> io::Result<()> {
    let theme = if options.colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    for report in run.reports {
        // A capture can hold both: entries that could not be checked, and findings in the others.
        write_error(errors, report)?;
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
                        &finding.related_spans,
                    )
                });
            let frame = Frame { finding, source };
            let mut text = String::new();
            handler
                .render_report(&mut text, &frame)
                .map_err(|e| io::Error::other(e.to_string()))?;
            if frame.source.is_none() || finding.entry.is_some() {
                writeln!(out, "{}", location(&report.path, finding))?;
            }
            write!(out, "{text}")?;
            // Related places too far away to share the frame: named by their pointers.
            if let Some(excerpt) = &frame.source {
                let related = finding.diagnostic.related.iter();
                for (r, span) in related.zip(&finding.related_spans) {
                    if span.is_some_and(|s| excerpt.map(s).is_none()) {
                        writeln!(out, "  = {}: {}", r.message, r.pointer)?;
                    }
                }
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
    writeln!(out, "error[io]: {}{at}: {}", report.path, error.message)
}

#[cfg(test)]
mod tests {
    use std::path::Path;
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
        render_with(text, span, at, &[], colour)
    }

    /// [`render_one`] with related places: `(span, pointer)`.
    fn render_with(
        text: &str,
        span: Span,
        at: (usize, usize),
        related: &[(Span, &str)],
        colour: bool,
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
            verdict: Verdict::Fail,
            diagnostics: vec![Finding {
                entry: None,
                diagnostic,
                line: at.0,
                column: at.1,
                span: Some(span),
                related_spans: related.iter().map(|(s, _)| Some(*s)).collect(),
            }],
            entries: None,
            skipped: 0,
            error: None,
            source: Some(Arc::new(text.to_string())),
        }];
        let run = Run {
            reports: &reports,
            fail_on: Severity::Error,
            baselined: None,
            cwd: Path::new("."),
        };
        let mut out = Vec::new();
        let options = RenderOptions {
            colour,
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

    #[test]
    fn a_related_place_shares_the_frame_when_near_and_is_named_when_far() {
        // `early` is 10,000 bytes before the finding on the same line, `late` right before it.
        let pad = "x".repeat(10_000);
        let text = format!(
            "{{\"early\": 1, \"a\": \"{pad}\", \"late\": 2, \"phase\": \"RUNNIN\", \"b\": 3}}"
        );
        let start = text.find("\"RUNNIN").unwrap();
        let value_of = |member: &str| {
            let at = text.find(&format!("\"{member}\": ")).unwrap() + member.len() + 4;
            Span {
                start: at,
                end: at + 1,
            }
        };
        let out = render_with(
            &text,
            Span {
                start,
                end: start + 8,
            },
            (1, start + 1),
            &[(value_of("late"), "/late"), (value_of("early"), "/early")],
            false,
        );
        // `late` is a label in the frame (its message under the line), `early` a note after it.
        assert_eq!(out.matches("first defined here").count(), 2, "{out}");
        assert!(out.contains("  = first defined here: /early\n"), "{out}");
        assert!(!out.contains("= first defined here: /late"), "{out}");
        assert!(out.contains("\"late\": 2"), "{out}");
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
            let header = format!("╭─[a.json:{line}:{column}]");
            proptest::prop_assert!(out.contains(&header), "{}", out);
            // The gutter numbers the finding's line as the file does.
            let gutter = format!("{line} │");
            proptest::prop_assert!(out.contains(&gutter), "{}", out);
            // Three lines of at most about 2 x 240 bytes each, plus the frame's own lines.
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
