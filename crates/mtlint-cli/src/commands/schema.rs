//! `mtlint schema`: the JSON Schema mtlint derives for a response body.

use crate::args::SchemaArgs;

use super::{load_contract, CommandError};

/// The JSON Schema 2020-12 of the body of the response documented for `--status`, pretty
/// printed, with a final newline.
///
/// # Errors
/// The contract cannot be loaded, the status is not documented, or its response has no JSON
/// body.
pub fn schema(args: &SchemaArgs) -> Result<String, CommandError> {
    let contract = load_contract(&args.spec, super::SCHEMA_SPEC_MAX)?;
    let response = contract
        .response_for(args.status)
        .ok_or_else(|| CommandError::UndocumentedStatus {
            status: args.status,
            documented: contract.statuses().join(", "),
        })?
        .response();
    let schema = response
        .body_schema
        .as_ref()
        .ok_or_else(|| CommandError::NoJsonBody {
            status: response.status.clone(),
        })?;
    let text = serde_json::to_string_pretty(&mtlint_schema::convert::portable(schema))?;
    Ok(text + "\n")
}
