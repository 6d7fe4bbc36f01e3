//! The constraints a contract states, enumerated from the derived JSON Schema of each response.
//!
//! A constraint id is the schema location of a keyword, relative to `$defs` when it is inside
//! one, then `#keyword` (`DataType/properties/precision#x-mtlint-int32`). `required` gives one
//! id per member (`DataType#required:nullable`), `additionalProperties: false` the id
//! `...#additionalProperties:false`. Subschemas are walked through `properties`, `items`,
//! `additionalProperties`, `allOf`/`anyOf`/`oneOf`, `then`/`else` and `$defs`; `if` holds
//! conditions (the discriminator's dispatch), not constraints, and is skipped.
//!
//! Keywords that are annotations or structure are listed in [`NAVIGATION`] and
//! [`ANNOTATIONS`]; every other keyword counts as a constraint, so a keyword the converter
//! starts to emit is enumerated (and needs a mutation) without a change here.

use std::collections::BTreeSet;

use mtlint_schema::Contract;
use serde_json::Value;

/// Keywords that hold subschemas or references: walked, not constraints themselves.
const NAVIGATION: &[&str] = &[
    "properties",
    "patternProperties",
    "items",
    "prefixItems",
    "additionalProperties",
    "allOf",
    "then",
    "else",
    "if",
    "$defs",
    "definitions",
    "$ref",
];

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
];

/// Every constraint id of every documented response body of `contract`, sorted.
#[must_use]
pub fn enumerate(contract: &Contract) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for response in contract.responses.values() {
        if let Some(schema) = &response.body_schema {
            walk(schema, "", &mut out);
        }
    }
    out
}

fn location(path: &str) -> String {
    path.strip_prefix("/$defs/")
        .unwrap_or(path.trim_start_matches('/'))
        .to_string()
}

fn walk(schema: &Value, path: &str, out: &mut BTreeSet<String>) {
    let Value::Object(map) = schema else {
        return;
    };
    let here = location(path);
    for (keyword, value) in map {
        let child = format!("{path}/{keyword}");
        match keyword.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" => {
                if let Value::Object(members) = value {
                    for (name, sub) in members {
                        walk(sub, &format!("{child}/{name}"), out);
                    }
                }
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                if let Value::Array(items) = value {
                    for (i, sub) in items.iter().enumerate() {
                        walk(sub, &format!("{child}/{i}"), out);
                    }
                }
                if keyword != "allOf" && keyword != "prefixItems" {
                    out.insert(format!("{here}#{keyword}"));
                }
            }
            "items" | "then" | "else" => walk(value, &child, out),
            "additionalProperties" => match value {
                Value::Bool(false) => {
                    out.insert(format!("{here}#additionalProperties:false"));
                }
                Value::Object(_) => walk(value, &child, out),
                _ => {}
            },
            "required" => {
                for member in value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    out.insert(format!("{here}#required:{member}"));
                }
            }
            "uniqueItems" if value == &Value::Bool(false) => {}
            k if NAVIGATION.contains(&k) || ANNOTATIONS.contains(&k) => {}
            k => {
                out.insert(format!("{here}#{k}"));
            }
        }
    }
}
