//! `--format github`: GitHub Actions workflow commands, one annotation per finding and per file
//! that could not be checked, then the summary line (plain log text).
//!
//! `::error file=PATH,line=L,col=C,title=RULE::MESSAGE`, with `warning` for warnings and `notice`
//! for info. Escaping follows the runner's rules
//! (<https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts>): in the message
//! `%`, CR and LF become `%25`, `%0D`, `%0A`; in a property value also `:` and `,` become `%3A`
//! and `%2C`.

use std::io::{self, Write};

use mtlint_schema::Severity;

use super::{portable_path, summary_line, Run};

/// Escapes a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// `file=..,line=..,col=..` (line and column only when known).
fn place(path: &str, line: usize, column: usize) -> String {
    let mut properties = format!("file={}", escape_property(&portable_path(path)));
    if line > 0 {
        // serde_json places an error at the end of a file ending in a newline in column 0;
        // GitHub counts from 1.
        properties.push_str(&format!(",line={line},col={}", column.max(1)));
    }
    properties
}

/// One annotation per finding and per file that could not be checked, then the summary line
/// (none when `quiet`).
pub(super) fn render(out: &mut dyn Write, run: &Run<'_>, quiet: bool) -> io::Result<()> {
    for report in run.reports {
        if let Some(error) = &report.error {
            writeln!(
                out,
                "::error {},title={}::{}",
                place(&report.path, error.line, error.column),
                escape_property("mtlint: could not check this file"),
                escape_data(&error.message)
            )?;
        }
        for finding in &report.diagnostics {
            let d = &finding.diagnostic;
            let title = match finding.entry {
                Some(entry) => format!("{} (entry {entry})", d.rule),
                None => d.rule.clone(),
            };
            let mut message = d.message.clone();
            if !d.pointer.is_empty() {
                message.push_str(&format!("\nat {}", d.pointer));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            writeln!(
                out,
                "::{} {},title={}::{}",
                command(d.severity),
                place(&report.path, finding.line, finding.column),
                escape_property(&title),
                escape_data(&message)
            )?;
        }
    }
    let summary = run.summary();
    if let Some(annotation) = accounting_annotation(&summary) {
        writeln!(out, "{annotation}")?;
    }
    if quiet {
        return Ok(());
    }
    writeln!(out, "{}", summary_line(&summary))
}

/// The run's responses that were not checked, as one annotation: an error when nothing was
/// checked at all, else a notice when some responses were skipped or could not be checked.
fn accounting_annotation(summary: &crate::report::Summary) -> Option<String> {
    if let Some(reason) = summary.nothing_checked_reason() {
        return Some(format!(
            "::error title={}::{}",
            escape_property("mtlint: no response checked"),
            escape_data(&reason)
        ));
    }
    let responses = &summary.responses;
    if responses.skipped == 0 && responses.errors == 0 {
        return None;
    }
    Some(format!(
        "::notice title={}::{}",
        escape_property("mtlint: not every response was checked"),
        escape_data(&super::responses_line(responses))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks() {
        assert_eq!(escape_data("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A".to_string());
    }

    #[test]
    fn a_place_without_a_line_names_only_the_file() {
        assert_eq!(place("./a,b.json", 0, 0), "file=a%2Cb.json");
        assert_eq!(place("a.json", 3, 7), "file=a.json,line=3,col=7");
    }
}
