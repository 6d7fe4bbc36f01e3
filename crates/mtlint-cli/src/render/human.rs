//! `--format human`: one miette code frame per finding, then a summary line.

use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity as MietteSeverity,
};
use mtlint_schema::Severity;

use super::{location, summary_line, Run};
use crate::report::{FileReport, Finding};

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

/// Code frames, then the summary line.
pub(super) fn render(out: &mut dyn Write, run: &Run<'_>, colour: bool) -> io::Result<()> {
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    for report in run.reports {
        // A capture can hold both: entries that could not be checked, and findings in the others.
        write_error(out, report)?;
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
            if frame.source.is_none() || finding.span.is_none() || finding.entry.is_some() {
                writeln!(out, "{}", location(&report.path, finding))?;
            }
            write!(out, "{text}")?;
        }
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
        let reports = [FileReport {
            path: "a.json".into(),
            verdict: Verdict::Fail,
            diagnostics: vec![Finding {
                entry: None,
                diagnostic: Diagnostic::body(
                    "schema/enum",
                    Severity::Error,
                    "/phase".into(),
                    "phase is \"RUNNIN\"".into(),
                ),
                line: 2,
                column: 12,
                span: Some(Span {
                    start,
                    end: start + 8,
                }),
                related_spans: Vec::new(),
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
        render(&mut out, &run, colour).unwrap();
        String::from_utf8(out).unwrap()
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
