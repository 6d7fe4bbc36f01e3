//! Columns (`sql.v1.ColumnDetails`): what every kind shares, then what Metadata and Computed
//! columns add.

use mtlint_rules::rules::SchemaOneOf;
use mtlint_rules::rules::SchemaRequired;
use mtlint_rules::rules::SchemaType;
use serde_json::json;

use super::Action::{Remove, Replace, Set};
use super::Anchor::Column;
use super::{entry, Mutation};

/// What every column has: its type, `kind` (the `oneOf` discriminator), `name`, `type`,
/// `comment`.
pub(super) fn common() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &[
                "sql.v1.ColumnDetails#type",
                "sql.v1.ColumnCommon#type",
                "sql.v1.PhysicalColumn/allOf/1#type",
                "sql.v1.MetadataColumn/allOf/1#type",
                "sql.v1.ComputedColumn/allOf/1#type",
            ],
            Column(None),
            Replace(json!("id BIGINT")),
        ),
        entry(
            &SchemaRequired::META,
            &[
                "sql.v1.ColumnDetails/allOf/0#required:kind",
                "sql.v1.PhysicalColumn/allOf/1#required:kind",
                "sql.v1.MetadataColumn/allOf/1#required:kind",
                "sql.v1.ComputedColumn/allOf/1#required:kind",
            ],
            Column(None),
            Remove("kind"),
        ),
        entry(
            &SchemaOneOf::META,
            &[
                "sql.v1.ColumnDetails/allOf/0/properties/kind#x-mtlint-discriminator",
                "sql.v1.PhysicalColumn/allOf/1/properties/kind#enum",
                "sql.v1.MetadataColumn/allOf/1/properties/kind#enum",
                "sql.v1.ComputedColumn/allOf/1/properties/kind#enum",
            ],
            Column(None),
            Set("kind", json!("Virtual")),
        ),
        Mutation {
            id: "one-of-column-kind-not-string".into(),
            ..entry(
                &SchemaOneOf::META,
                &[
                    "sql.v1.PhysicalColumn/allOf/1/properties/kind#type",
                    "sql.v1.MetadataColumn/allOf/1/properties/kind#type",
                    "sql.v1.ComputedColumn/allOf/1/properties/kind#type",
                ],
                Column(None),
                Set("kind", json!(1)),
            )
        },
        entry(
            &SchemaRequired::META,
            &["sql.v1.ColumnCommon#required:name"],
            Column(None),
            Remove("name"),
        ),
        entry(
            &SchemaRequired::META,
            &["sql.v1.ColumnCommon#required:type"],
            Column(None),
            Remove("type"),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.ColumnCommon/properties/name#type"],
            Column(None),
            Set("name", json!(7)),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.ColumnCommon/properties/comment#type"],
            Column(None),
            Set("comment", json!(["a"])),
        ),
    ]
}

/// What Metadata columns (`metadata_key`, `virtual`) and Computed columns (`expression`,
/// `virtual`) add.
pub(super) fn by_kind() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaRequired::META,
            &["sql.v1.MetadataColumn/allOf/1#required:metadata_key"],
            Column(Some("Metadata")),
            Remove("metadata_key"),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.MetadataColumn/allOf/1/properties/metadata_key#type"],
            Column(Some("Metadata")),
            Set("metadata_key", json!(1)),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.MetadataColumn/allOf/1/properties/virtual#type"],
            Column(Some("Metadata")),
            Set("virtual", json!("true")),
        ),
        entry(
            &SchemaRequired::META,
            &["sql.v1.ComputedColumn/allOf/1#required:expression"],
            Column(Some("Computed")),
            Remove("expression"),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.ComputedColumn/allOf/1/properties/expression#type"],
            Column(Some("Computed")),
            Set("expression", json!(2)),
        ),
        entry(
            &SchemaType::META,
            &["sql.v1.ComputedColumn/allOf/1/properties/virtual#type"],
            Column(Some("Computed")),
            Set("virtual", json!(0)),
        ),
    ]
}
