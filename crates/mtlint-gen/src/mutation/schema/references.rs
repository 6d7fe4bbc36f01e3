//! What refers to columns in a spec: the primary-key constraint, the distribution and the
//! watermark.

use mtlint_rules::rules::SchemaEnum;
use mtlint_rules::rules::SchemaFormat;
use mtlint_rules::rules::SchemaMinimum;
use mtlint_rules::rules::SchemaRequired;
use mtlint_rules::rules::SchemaType;
use serde_json::{json, Value};

use super::Action::{Edit, Remove, Replace, Set};
use super::Anchor::{Constraint, Distribution, Watermark};
use super::{entry, typed_enum, Mutation};
use crate::mutation::site::{self, Picker};

/// A PRIMARY_KEY constraint (`sql.v1.Constraint`).
pub(super) fn constraint() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &["sql.v1.Constraint#type"],
            Constraint,
            Replace(json!("PRIMARY KEY (id)")),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Constraint/properties/name#type"],
            Constraint,
            Set("name", json!(1)),
        ),
        typed_enum(
            &["sql.v1.Constraint/properties/type#type"],
            Constraint,
            Set("type", json!(1)),
        ),
        entry(
            &SchemaEnum::META,
            &["sql.v1.Constraint/properties/type#enum"],
            Constraint,
            Set("type", json!("UNIQUE")),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Constraint/properties/columns#type"],
            Constraint,
            Set("columns", json!("id")),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Constraint/properties/columns/items#type"],
            Constraint,
            Edit(
                "column-not-string",
                "a constraint column that is a number",
                constraint_column_not_string,
            ),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Constraint/properties/enforced#type"],
            Constraint,
            Set("enforced", json!("yes")),
        ),
    ]
}

/// The distribution (`sql.v1.Distribution`).
pub(super) fn distribution() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaRequired::META,
            &["sql.v1.Distribution#required:kind"],
            Distribution,
            Remove("kind"),
        ),
        typed_enum(
            &["sql.v1.Distribution/properties/kind#type"],
            Distribution,
            Set("kind", json!(1)),
        ),
        entry(
            &SchemaEnum::META,
            &["sql.v1.Distribution/properties/kind#enum"],
            Distribution,
            Set("kind", json!("RANGE")),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Distribution/properties/keys#type"],
            Distribution,
            Set("keys", json!("id")),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Distribution/properties/keys/items#type"],
            Distribution,
            Edit(
                "key-not-string",
                "a distribution key that is a number",
                distribution_key_not_string,
            ),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Distribution/properties/bucket_count#type"],
            Distribution,
            Set("bucket_count", json!("6")),
        ),
        entry(
            &SchemaMinimum::META,
            &["sql.v1.Distribution/properties/bucket_count#minimum"],
            Distribution,
            Set("bucket_count", json!(0)),
        ),
        entry(
            &SchemaFormat::META,
            &["sql.v1.Distribution/properties/bucket_count#x-mtlint-int32"],
            Distribution,
            Set("bucket_count", json!(2_147_483_648_i64)),
        ),
    ]
}

/// The watermark (`sql.v1.Watermark`).
pub(super) fn watermark() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &["sql.v1.Watermark/properties/column#type"],
            Watermark,
            Set("column", json!(5)),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.Watermark/properties/expression#type"],
            Watermark,
            Set("expression", json!(5)),
        ),
    ]
}

fn constraint_column_not_string(
    body: &mut Value,
    constraint: &str,
    picker: &mut Picker,
) -> Result<String, String> {
    let columns = site::at(body, &format!("{constraint}/columns"))?
        .as_array_mut()
        .ok_or("constraint columns is not an array")?;
    let m = picker.below(columns.len());
    columns[m] = json!(2);
    Ok(format!("{constraint}/columns/{m}"))
}

fn distribution_key_not_string(
    body: &mut Value,
    distribution: &str,
    picker: &mut Picker,
) -> Result<String, String> {
    let keys = site::at(body, &format!("{distribution}/keys"))?
        .as_array_mut()
        .ok_or("distribution keys is not an array")?;
    let m = picker.below(keys.len());
    keys[m] = json!(2);
    Ok(format!("{distribution}/keys/{m}"))
}
