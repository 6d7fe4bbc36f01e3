//! DataType nodes (at any depth) and ROW fields.

use mtlint_rules::rules::schema::SCHEMA_FORMAT;
use mtlint_rules::rules::schema::SCHEMA_REQUIRED;
use mtlint_rules::rules::schema::SCHEMA_TYPE;
use serde_json::json;

use super::Action::{Remove, Replace, Set};
use super::Anchor::{DataType, RowField};
use super::{entry, Mutation};

/// A simple DataType node: its type, required members, and each optional member as a wrong
/// type or beyond int32.
///
/// One entry per constraint of `DataType`, in the schema's order: the table reads best whole.
pub(super) fn data_type() -> Vec<Mutation> {
    vec![
        entry(
            &SCHEMA_TYPE,
            &["DataType#type"],
            DataType,
            Replace(json!("INT")),
        ),
        entry(
            &SCHEMA_REQUIRED,
            &["DataType#required:type"],
            DataType,
            Remove("type"),
        ),
        entry(
            &SCHEMA_REQUIRED,
            &["DataType#required:nullable"],
            DataType,
            Remove("nullable"),
        ),
        entry(
            &SCHEMA_TYPE,
            &["DataType/properties/type#type"],
            DataType,
            Set("type", json!({"name": "INT"})),
        ),
        entry(
            &SCHEMA_TYPE,
            &["DataType/properties/nullable#type"],
            DataType,
            Set("nullable", json!("true")),
        ),
        entry(
            &SCHEMA_TYPE,
            &["DataType/properties/length#type"],
            DataType,
            Set("length", json!("10")),
        ),
        entry(
            &SCHEMA_FORMAT,
            &["DataType/properties/length#x-mtlint-int32"],
            DataType,
            Set("length", json!(2_147_483_648_i64)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["DataType/properties/precision#type"],
            DataType,
            Set("precision", json!(1.5)),
        ),
        entry(
            &SCHEMA_FORMAT,
            &["DataType/properties/precision#x-mtlint-int32"],
            DataType,
            Set("precision", json!(-2_147_483_649_i64)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["DataType/properties/scale#type"],
            DataType,
            Set("scale", json!("2")),
        ),
        entry(
            &SCHEMA_FORMAT,
            &["DataType/properties/scale#x-mtlint-int32"],
            DataType,
            Set("scale", json!(4_294_967_296_i64)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["DataType/properties/fields#type"],
            DataType,
            Set("fields", json!({"a": "INT"})),
        ),
        entry(
            &SCHEMA_TYPE,
            &["DataType/properties/resolution#type"],
            DataType,
            Set("resolution", json!(3)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["DataType/properties/fractional_precision#type"],
            DataType,
            Set("fractional_precision", json!("3")),
        ),
        entry(
            &SCHEMA_FORMAT,
            &["DataType/properties/fractional_precision#x-mtlint-int32"],
            DataType,
            Set("fractional_precision", json!(2_147_483_648_i64)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["DataType/properties/class_name#type"],
            DataType,
            Set("class_name", json!(false)),
        ),
    ]
}

/// A ROW field (`RowFieldType`).
pub(super) fn row_field() -> Vec<Mutation> {
    vec![
        entry(
            &SCHEMA_TYPE,
            &["RowFieldType#type"],
            RowField,
            Replace(json!("f INT")),
        ),
        entry(
            &SCHEMA_REQUIRED,
            &["RowFieldType#required:name"],
            RowField,
            Remove("name"),
        ),
        entry(
            &SCHEMA_REQUIRED,
            &["RowFieldType#required:field_type"],
            RowField,
            Remove("field_type"),
        ),
        entry(
            &SCHEMA_TYPE,
            &["RowFieldType/properties/name#type"],
            RowField,
            Set("name", json!(1)),
        ),
        entry(
            &SCHEMA_TYPE,
            &["RowFieldType/properties/description#type"],
            RowField,
            Set("description", json!(1)),
        ),
    ]
}
