//! Why a command could not do its work.

use std::path::PathBuf;

use mtlint_gen::corpus::GenError;
use mtlint_rules::ConfigError;
use mtlint_schema::SchemaError;

use crate::baseline::BaselineError;

/// Why a command could not do its work: an operational error (exit code 2). Its text is one
/// message, or miette's report of a diagnostic with its code frame; the binary prints it after
/// `mtlint: `.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A flag's value, or flags together, that cannot be used.
    #[error("{0}")]
    Usage(String),
    /// `--statistics` with a format that has no statistics.
    #[error("--statistics is not supported with --format {format}: it works with human and json")]
    StatisticsUnsupported {
        /// The format asked for.
        format: &'static str,
    },
    /// `--operation` other than the bundled one, without `--spec`.
    #[error(
        "--operation {operation} needs --spec: the bundled contract has only {}",
        mtlint_schema::DEFAULT_OPERATION
    )]
    OperationNeedsSpec {
        /// The operation asked for.
        operation: String,
    },
    /// `mtlint explain` of a name that is no rule; the text says which are.
    #[error("{0}")]
    UnknownRule(String),
    /// `mtlint schema --status` of a status the contract does not document.
    #[error("status {status} is not documented; documented: {documented}")]
    UndocumentedStatus {
        /// The status asked for.
        status: u16,
        /// The documented statuses, comma-separated.
        documented: String,
    },
    /// `mtlint schema` of a response without a JSON body.
    #[error("response {status} documents no JSON body")]
    NoJsonBody {
        /// The response's status as the contract writes it.
        status: String,
    },
    /// The contract cannot be read, or its schemas not compiled.
    #[error("{}", render_diagnostic(.0))]
    Contract(#[from] SchemaError),
    /// The configuration (file or flags) cannot be used.
    #[error("{}", render_diagnostic(.0))]
    Config(#[from] ConfigError),
    /// The corpus could not be generated.
    #[error("{}", render_diagnostic(.0))]
    Gen(#[from] GenError),
    /// A file that sets up the run (spec, configuration, baseline) cannot be read.
    #[error("cannot read {what} {}: {reason}", path.display())]
    ReadFile {
        /// What the file is: `spec`, `config` or `baseline`.
        what: &'static str,
        /// The file's path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A configuration found by discovery is a symbolic link out of the repository: it is not
    /// read, so that a link to a key or a `.env` never has its text quoted in an error.
    #[error(
        "config {} is a symbolic link to {}, outside {}; a discovered configuration is not followed out of the repository (name it with --config to use it, or --no-config)",
        path.display(), target.display(), root.display()
    )]
    ConfigLinkOutside {
        /// The link found.
        path: PathBuf,
        /// Where it leads.
        target: PathBuf,
        /// The repository (the folder holding `.git`, else the link's folder).
        root: PathBuf,
    },
    /// The baseline file is not a baseline.
    #[error("baseline {}: {source}", path.display())]
    BadBaseline {
        /// The baseline's path.
        path: PathBuf,
        /// What is wrong in it.
        source: BaselineError,
    },
    /// The report file (`--output`) cannot be created or written.
    #[error("cannot write the report to {}: {source}", path.display())]
    WriteOutput {
        /// The file asked for.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The baseline file cannot be written.
    #[error("cannot write baseline {}: {source}", path.display())]
    WriteBaseline {
        /// The baseline's path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `--jobs`: the worker threads could not be started.
    #[error("{0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// The schema could not be written as JSON.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// The current folder cannot be known, or the report not written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// miette's report of a diagnostic, code frame included, in unicode without colour; its plain
/// message when the report cannot be drawn.
fn render_diagnostic(error: &dyn miette::Diagnostic) -> String {
    let mut text = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut text, error).is_err() {
        return error.to_string();
    }
    text.trim_end().to_string()
}
