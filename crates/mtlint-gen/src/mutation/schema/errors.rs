//! Error bodies (`Failure`) and their errors (`Error`).

use mtlint_rules::rules::schema::SCHEMA_ADDITIONAL_PROPERTIES;
use mtlint_rules::rules::schema::SCHEMA_FORMAT;
use mtlint_rules::rules::schema::SCHEMA_MAX_LENGTH;
use mtlint_rules::rules::schema::SCHEMA_REQUIRED;
use mtlint_rules::rules::schema::SCHEMA_TYPE;
use mtlint_rules::rules::schema::SCHEMA_UNIQUE_ITEMS;
use serde_json::{json, Value};

use super::Action::{Edit, Remove, Replace, Set};
use super::Anchor::{Error, ErrorSource, FailureRoot};
use super::{entry, Mutation};
use crate::mutation::site::{self, join, Picker};

/// The error body: its type and its `errors` list.
pub(super) fn failure() -> Vec<Mutation> {
    vec![
        entry(
            &SCHEMA_TYPE,
            &["Failure#type"],
            FailureRoot,
            Replace(json!([])),
        ),
        entry(
            &SCHEMA_REQUIRED,
            &["Failure#required:errors"],
            FailureRoot,
            Remove("errors"),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Failure/properties/errors#type"],
            FailureRoot,
            Set("errors", json!({"status": "400"})),
        ),
        entry(
            &SCHEMA_UNIQUE_ITEMS,
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
            &SCHEMA_TYPE,
            &["Error#type"],
            Error,
            Replace(json!("Bad Request")),
        ),
        entry(
            &SCHEMA_ADDITIONAL_PROPERTIES,
            &["Error#additionalProperties:false"],
            Error,
            Set("colour", json!("red")),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Error/properties/id#type"],
            Error,
            Set("id", json!(1)),
        ),
        entry(
            &SCHEMA_MAX_LENGTH,
            &["Error/properties/id#maxLength"],
            Error,
            Set("id", Value::String("e".repeat(256))),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Error/properties/status#type"],
            Error,
            Edit(
                "status-number",
                "the error's status as a number",
                error_status_number,
            ),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Error/properties/code#type"],
            Error,
            Set("code", json!(40001)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Error/properties/title#type"],
            Error,
            Set("title", json!(403)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Error/properties/detail#type"],
            Error,
            Set("detail", json!(["x"])),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Error/properties/source#type"],
            Error,
            Set("source", json!("page_size")),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Error/properties/source/properties/pointer#type"],
            ErrorSource,
            Set("pointer", json!(17)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Error/properties/source/properties/parameter#type"],
            ErrorSource,
            Set("parameter", json!(17)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["Error/properties/error_code#type"],
            Error,
            Set("error_code", json!("40001")),
        ),
        entry(
            &SCHEMA_FORMAT,
            &["Error/properties/error_code#x-mtlint-int32"],
            Error,
            Set("error_code", json!(-2_147_483_649_i64)),
        ),
        entry(
            &SCHEMA_TYPE,
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
