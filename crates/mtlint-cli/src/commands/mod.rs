//! The work of each subcommand, for the binary to call. Each one returns what it rendered (or
//! writes its report to the writer it is given) and the exit code, or a [`CommandError`]; none
//! prints or exits, so the binary is the one place that writes to the terminal.

mod check;
mod error;
mod generate;
mod schema;
mod settings;

use std::path::Path;

use mtlint_schema::{Contract, SchemaError};

use crate::args::{RulesArgs, SpecArgs};

pub use check::{check, CheckOutcome, Console, NoProgress, Progress};
pub use error::CommandError;
pub use generate::generate;
pub use schema::schema;

/// The most bytes `mtlint schema` reads of `--spec` (`check` reads up to `--max-file-size`).
const SCHEMA_SPEC_MAX: u64 = crate::pipeline::DEFAULT_MAX_FILE_SIZE;

/// `mtlint rules`: the rules table, as `--format` asks (`table`, `markdown` or `json`).
#[must_use]
pub fn rules(args: &RulesArgs) -> String {
    match args.format.as_str() {
        "markdown" => crate::catalog::rules_markdown(),
        "json" => crate::catalog::rules_json() + "\n",
        _ => crate::catalog::rules_table(),
    }
}

/// `mtlint explain`: a rule's documentation.
///
/// # Errors
/// No rule (and no former name of one) is called `rule`.
pub fn explain(rule: &str) -> Result<String, CommandError> {
    crate::catalog::explain(rule).map_err(CommandError::UnknownRule)
}

/// The contract to check against: the document `--spec` names (read as
/// [`read_setting_file`] reads, at most `max` bytes), else the bundled one (which holds only
/// the default operation).
///
/// # Errors
/// The document cannot be read or used, or `--operation` names another operation without
/// `--spec`.
pub fn load_contract(spec: &SpecArgs, max: u64) -> Result<Contract, CommandError> {
    match &spec.spec {
        Some(path) => {
            let text = read_setting_file("spec", path, max)?;
            contract_from_text(&text, path, &spec.operation)
        }
        None if spec.operation == mtlint_schema::DEFAULT_OPERATION => Ok(Contract::from_text(
            mtlint_schema::EMBEDDED_SPEC,
            "<embedded>",
            &spec.operation,
        )?),
        None => Err(CommandError::OperationNeedsSpec {
            operation: spec.operation.clone(),
        }),
    }
}

/// Reads a file that sets up the run: the spec, the configuration or the baseline, which are
/// opened as captures are (without blocking, regular files only, at most `max` bytes).
///
/// # Errors
/// [`CommandError::ReadFile`], naming the file and why.
pub fn read_setting_file(
    what: &'static str,
    path: &Path,
    max: u64,
) -> Result<String, CommandError> {
    crate::pipeline::read_text_file(path, max).map_err(|reason| CommandError::ReadFile {
        what,
        path: path.to_path_buf(),
        reason,
    })
}

/// The operation `operation` of the document `text` read from `path`; an unknown operation's
/// error suggests the closest one.
fn contract_from_text(text: &str, path: &Path, operation: &str) -> Result<Contract, CommandError> {
    Contract::from_text(text, &path.display().to_string(), operation).map_err(|error| match error {
        SchemaError::UnknownOperation {
            path,
            operation_id,
            available,
        } => {
            let close = mtlint_rules::did_you_mean(&operation_id, available.split(", "))
                .map(|close| format!("; did you mean `{close}`?"));
            SchemaError::UnknownOperation {
                available: available + close.as_deref().unwrap_or(""),
                path,
                operation_id,
            }
            .into()
        }
        other => other.into(),
    })
}
