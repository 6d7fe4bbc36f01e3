//! Error bodies (`Failure`) and their errors (`Error`).

use mtlint_rules::rules::SchemaAdditionalProperties;
use mtlint_rules::rules::SchemaFormat;
use mtlint_rules::rules::SchemaMaxLength;
use mtlint_rules::rules::SchemaRequired;
use mtlint_rules::rules::SchemaType;
use mtlint_rules::rules::SchemaUniqueItems;
use serde_json::{json, Value};

use super::Action::{Edit, Remove, Replace, Set};
use super::Anchor::{Error, ErrorSource, FailureRoot};
use super::{entry, Mutation};
use crate::mutation::site::{self, join, Picker};

/// The error body: its type and its `errors` list.
pub(super) fn failure() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &["Failure#type"],
            FailureRoot,
            Replace(json!([])),
        ),
        entry(
            &SchemaRequired::META,
            &["Failure#required:errors"],
            FailureRoot,
            Remove("errors"),
        ),
        entry(
            &SchemaType::META,
            &["Failure/properties/errors#type"],
            FailureRoot,
            Set("errors", json!({"status": "400"})),
        ),
        entry(
            &SchemaUniqueItems::META,
            &["Failure/properties/errors#uniqueItems"],
            FailureRoot,
            Edit(
                "duplicate-error",
                "appends a copy of an error",
                duplicate_error,
            ),
        ),
    ]
}

/// An error and its `source`.
pub(super) fn error() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &["Error#type"],
            Error,
            Replace(json!("Bad Request")),
        ),
        entry(
            &SchemaAdditionalProperties::META,
            &["Error#additionalProperties:false"],
            Error,
            Set("colour", json!("red")),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/id#type"],
            Error,
            Set("id", json!(1)),
        ),
        entry(
            &SchemaMaxLength::META,
            &["Error/properties/id#maxLength"],
            Error,
            Set("id", Value::String("e".repeat(256))),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/status#type"],
            Error,
            Edit(
                "status-number",
                "the error's status as a number",
                error_status_number,
            ),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/code#type"],
            Error,
            Set("code", json!(40001)),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/title#type"],
            Error,
            Set("title", json!(403)),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/detail#type"],
            Error,
            Set("detail", json!(["x"])),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/source#type"],
            Error,
            Set("source", json!("page_size")),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/source/properties/pointer#type"],
            ErrorSource,
            Set("pointer", json!(17)),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/source/properties/parameter#type"],
            ErrorSource,
            Set("parameter", json!(17)),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/error_code#type"],
            Error,
            Set("error_code", json!("40001")),
        ),
        entry(
            &SchemaFormat::META,
            &["Error/properties/error_code#x-mtlint-int32"],
            Error,
            Set("error_code", json!(-2_147_483_649_i64)),
        ),
        entry(
            &SchemaType::META,
            &["Error/properties/message#type"],
            Error,
            Set("message", json!(42)),
        ),
    ]
}

fn duplicate_error(body: &mut Value, _: &str, picker: &mut Picker) -> Result<String, String> {
    let error = site::error(body, picker)?;
    let copy = site::at(body, &error)?.clone();
    let errors = site::at(body, "/errors")?
        .as_array_mut()
        .ok_or("errors is not an array")?;
    errors.push(copy);
    Ok(format!("/errors/{}", errors.len() - 1))
}

fn error_status_number(body: &mut Value, error: &str, _: &mut Picker) -> Result<String, String> {
    let map = site::object(body, error)?;
    let status: i64 = map
        .get("status")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    map.insert("status".into(), json!(status));
    Ok(join(error, "status"))
}
