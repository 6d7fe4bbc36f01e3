//! DataType nodes (at any depth) and ROW fields.

use mtlint_rules::rules::SchemaFormat;
use mtlint_rules::rules::SchemaRequired;
use mtlint_rules::rules::SchemaType;
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
            &SchemaType::META,
            &["DataType#type"],
            DataType,
            Replace(json!("INT")),
        ),
        entry(
            &SchemaRequired::META,
            &["DataType#required:type"],
            DataType,
            Remove("type"),
        ),
        entry(
            &SchemaRequired::META,
            &["DataType#required:nullable"],
            DataType,
            Remove("nullable"),
        ),
        entry(
            &SchemaType::META,
            &["DataType/properties/type#type"],
            DataType,
            Set("type", json!({"name": "INT"})),
        ),
        entry(
            &SchemaType::META,
            &["DataType/properties/nullable#type"],
            DataType,
            Set("nullable", json!("true")),
        ),
        entry(
            &SchemaType::META,
            &["DataType/properties/length#type"],
            DataType,
            Set("length", json!("10")),
        ),
        entry(
            &SchemaFormat::META,
            &["DataType/properties/length#x-mtlint-int32"],
            DataType,
            Set("length", json!(2_147_483_648_i64)),
        ),
        entry(
            &SchemaType::META,
            &["DataType/properties/precision#type"],
            DataType,
            Set("precision", json!(1.5)),
        ),
        entry(
            &SchemaFormat::META,
            &["DataType/properties/precision#x-mtlint-int32"],
            DataType,
            Set("precision", json!(-2_147_483_649_i64)),
        ),
        entry(
            &SchemaType::META,
            &["DataType/properties/scale#type"],
            DataType,
            Set("scale", json!("2")),
        ),
        entry(
            &SchemaFormat::META,
            &["DataType/properties/scale#x-mtlint-int32"],
            DataType,
            Set("scale", json!(4_294_967_296_i64)),
        ),
        entry(
            &SchemaType::META,
            &["DataType/properties/fields#type"],
            DataType,
            Set("fields", json!({"a": "INT"})),
        ),
        entry(
            &SchemaType::META,
            &["DataType/properties/resolution#type"],
            DataType,
            Set("resolution", json!(3)),
        ),
        entry(
            &SchemaType::META,
            &["DataType/properties/fractional_precision#type"],
            DataType,
            Set("fractional_precision", json!("3")),
        ),
        entry(
            &SchemaFormat::META,
            &["DataType/properties/fractional_precision#x-mtlint-int32"],
            DataType,
            Set("fractional_precision", json!(2_147_483_648_i64)),
        ),
        entry(
            &SchemaType::META,
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
            &SchemaType::META,
            &["RowFieldType#type"],
            RowField,
            Replace(json!("f INT")),
        ),
        entry(
            &SchemaRequired::META,
            &["RowFieldType#required:name"],
            RowField,
            Remove("name"),
        ),
        entry(
            &SchemaRequired::META,
            &["RowFieldType#required:field_type"],
            RowField,
            Remove("field_type"),
        ),
        entry(
            &SchemaType::META,
            &["RowFieldType/properties/name#type"],
            RowField,
            Set("name", json!(1)),
        ),
        entry(
            &SchemaType::META,
            &["RowFieldType/properties/description#type"],
            RowField,
            Set("description", json!(1)),
        ),
    ]
}
