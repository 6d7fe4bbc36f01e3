//! The work of each subcommand, for the binary to call. Each one returns what it rendered (or
//! writes its report to the writer it is given) and the exit code, or a [`CommandError`]; none
//! prints or exits, so the binary is the one place that writes to the terminal.

mod check;
mod error;
mod generate;
mod schema;
mod settings;

use mtlint_schema::{Contract, SchemaError};

use crate::args::{RulesArgs, SpecArgs};

pub use check::{check, CheckOutcome, Console, NoProgress, Progress};
pub use error::CommandError;
pub use generate::generate;
pub use schema::schema;

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

/// The contract to check against: the document `--spec` names, else the bundled one (which
/// holds only the default operation).
///
/// # Errors
/// The document cannot be read or used, or `--operation` names another operation without
/// `--spec`.
pub fn load_contract(spec: &SpecArgs) -> Result<Contract, CommandError> {
    match &spec.spec {
        Some(path) => Contract::from_path(path, &spec.operation).map_err(|error| match error {
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
        }),
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
