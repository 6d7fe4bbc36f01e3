//! Rendering reports. The only module that writes to the terminal.

use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity as MietteSeverity,
};
use mtlint_schema::Severity;
use serde::Serialize;

use crate::report::{FileReport, Finding, Summary};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames for people (colour on a terminal unless NO_COLOR is set).
    Human,
    /// The machine contract: `{"summary": ..., "files": [...]}`.
    Json,
}

/// Writes the reports in the chosen format.
///
/// # Errors
/// Writing failed (a closed pipe is the caller's to treat as a quiet end).
pub fn render(
    out: &mut dyn Write,
    format: Format,
    reports: &[FileReport],
    colour: bool,
) -> io::Result<()> {
    match format {
        Format::Human => human(out, reports, colour),
        Format::Json => json(out, reports),
    }
}

#[derive(Serialize)]
struct JsonRun<'a> {
    summary: Summary,
    files: &'a [FileReport],
}

fn json(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let run = JsonRun {
        summary: Summary::of(reports),
        files: reports,
    };
    serde_json::to_writer_pretty(&mut *out, &run)?;
    writeln!(out)
}

/// One finding as a miette diagnostic, borrowing the file's text for the code frame.
#[derive(Debug)]
struct Frame<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<std::sync::Arc<String>>>,
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
        let span = self.finding.span?;
        let d = &self.finding.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            Some(if d.pointer.is_empty() {
                "here".to_string()
            } else {
                d.pointer.clone()
            }),
            (span.start, frame_len(span)),
        );
        let related = d
            .related
            .iter()
            .zip(&self.finding.related_spans)
            .filter_map(|(r, s)| {
                s.map(|s| {
                    LabeledSpan::new_with_span(Some(r.message.clone()), (s.start, frame_len(s)))
                })
            });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// Whole objects make unreadable frames: point at their first character.
fn frame_len(span: mtlint_capture::position::Span) -> usize {
    let len = span.end - span.start;
    if len > 80 {
        1
    } else {
        len
    }
}

fn human(out: &mut dyn Write, reports: &[FileReport], colour: bool) -> io::Result<()> {
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    for report in reports {
        if let Some(error) = &report.error {
            let at = if error.line > 0 {
                format!(":{}:{}", error.line, error.column)
            } else {
                String::new()
            };
            writeln!(out, "error[io]: {}{at}: {}", report.path, error.message)?;
            continue;
        }
        for finding in &report.diagnostics {
            let source = report.source.as_ref().map(|text| {
                NamedSource::new(report.path.clone(), std::sync::Arc::clone(text))
                    .with_language("json")
            });
            let frame = Frame { finding, source };
            let mut text = String::new();
            handler
                .render_report(&mut text, &frame)
                .map_err(|e| io::Error::other(e.to_string()))?;
            if frame.source.is_none() || finding.span.is_none() {
                writeln!(out, "{}:{}:{}", report.path, finding.line, finding.column)?;
            }
            write!(out, "{text}")?;
        }
    }
    let s = Summary::of(reports);
    let verdicts: Vec<String> = [
        (s.passed, "passed"),
        (s.failed, "failed"),
        (s.errors, "could not be checked"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    writeln!(
        out,
        "{} file{} checked: {}; {} finding{}.",
        s.files,
        if s.files == 1 { "" } else { "s" },
        if verdicts.is_empty() {
            "none".to_string()
        } else {
            verdicts.join(", ")
        },
        s.diagnostics,
        if s.diagnostics == 1 { "" } else { "s" },
    )?;
    Ok(())
}
