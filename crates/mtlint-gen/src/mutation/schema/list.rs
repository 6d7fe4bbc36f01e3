//! The list body (`sql.v1.MaterializedTableList`) and its pagination metadata (`ListMeta`).

use mtlint_rules::rules::DuplicateNameInCluster;
use mtlint_rules::rules::SchemaEnum;
use mtlint_rules::rules::SchemaFormat;
use mtlint_rules::rules::SchemaMinimum;
use mtlint_rules::rules::SchemaRequired;
use mtlint_rules::rules::SchemaType;
use mtlint_rules::rules::SchemaUniqueItems;
use serde_json::{json, Value};

use super::Action::{Edit, Remove, Replace, Set};
use super::Anchor::{ListMeta, ListRoot};
use super::{entry, entry_tolerating, typed_enum, Base, BodyEdit, Mutation, LIST};
use crate::mutation::site::{self, join, Picker};

/// The list body: its type, required members, `api_version`, `kind` and `data`.
pub(super) fn body() -> Vec<Mutation> {
    vec![
        entry(
            &SchemaType::META,
            &[&format!("{LIST}#type")],
            ListRoot,
            Replace(json!([])),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{LIST}#required:api_version")],
            ListRoot,
            Remove("api_version"),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{LIST}#required:kind")],
            ListRoot,
            Remove("kind"),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{LIST}#required:metadata")],
            ListRoot,
            Remove("metadata"),
        ),
        entry(
            &SchemaRequired::META,
            &[&format!("{LIST}#required:data")],
            ListRoot,
            Remove("data"),
        ),
        typed_enum(
            &[&format!("{LIST}/properties/api_version#type")],
            ListRoot,
            Set("api_version", json!(1)),
        ),
        entry(
            &SchemaEnum::META,
            &[&format!("{LIST}/properties/api_version#enum")],
            ListRoot,
            Set("api_version", json!("sql/v2")),
        ),
        typed_enum(
            &[&format!("{LIST}/properties/kind#type")],
            ListRoot,
            Set("kind", json!(["MaterializedTableList"])),
        ),
        entry(
            &SchemaEnum::META,
            &[&format!("{LIST}/properties/kind#enum")],
            ListRoot,
            Set("kind", json!("MaterializedTable")),
        ),
        entry(
            &SchemaType::META,
            &[&format!("{LIST}/properties/data#type")],
            ListRoot,
            Set("data", json!({})),
        ),
        Mutation {
            base: Base::List(2),
            ..entry_tolerating(
                &SchemaUniqueItems::META,
                &[&format!("{LIST}/properties/data#uniqueItems")],
                ListRoot,
                Edit(
                    "duplicate-item",
                    "replaces a later item with a copy of the first",
                    duplicate_item,
                ),
                // Two equal items necessarily repeat a name in a cluster.
                &[&DuplicateNameInCluster::META],
            )
        },
    ]
}

/// The list's `metadata`: `total_size`, and each pagination link as a wrong type and as a
/// link without scheme and host.
pub(super) fn metadata() -> Vec<Mutation> {
    let mut out = vec![
        entry(
            &SchemaType::META,
            &["ListMeta#type"],
            ListMeta,
            Replace(json!("page 1")),
        ),
        entry(
            &SchemaType::META,
            &["ListMeta/properties/total_size#type"],
            ListMeta,
            Set("total_size", json!("1")),
        ),
        entry(
            &SchemaMinimum::META,
            &["ListMeta/properties/total_size#minimum"],
            ListMeta,
            Set("total_size", json!(-1)),
        ),
        entry(
            &SchemaFormat::META,
            &["ListMeta/properties/total_size#x-mtlint-int32"],
            ListMeta,
            Set("total_size", json!(2_147_483_648_i64)),
        ),
    ];
    for link in ["first", "last", "prev", "next"] {
        let type_id = format!("ListMeta/properties/{link}#type");
        let format_id = format!("ListMeta/properties/{link}#format");
        out.push(entry(
            &SchemaType::META,
            &[&type_id],
            ListMeta,
            Set(link, json!(42)),
        ));
        let slug: &'static str = match link {
            "first" => "first-relative",
            "last" => "last-relative",
            "prev" => "prev-relative",
            _ => "next-relative",
        };
        out.push(entry(
            &SchemaFormat::META,
            &[&format_id],
            ListMeta,
            Edit(
                slug,
                "a link without scheme and host (the operation's path and query only)",
                relative_link(link),
            ),
        ));
    }
    out
}

fn duplicate_item(body: &mut Value, _: &str, picker: &mut Picker) -> Result<String, String> {
    let last = site::item(body, picker, 1)?;
    let first = site::at(body, "/data/0")?.clone();
    *site::at(body, &last)? = first;
    Ok(last)
}

fn relative_link(link: &'static str) -> BodyEdit {
    // One function per link, so the link name is part of the mutation.
    match link {
        "first" => |b, p, _| set_relative(b, p, "first"),
        "last" => |b, p, _| set_relative(b, p, "last"),
        "prev" => |b, p, _| set_relative(b, p, "prev"),
        _ => |b, p, _| set_relative(b, p, "next"),
    }
}

fn set_relative(body: &mut Value, metadata: &str, link: &str) -> Result<String, String> {
    // The operation's path without scheme and host: still on the operation, still paged.
    let first_item_org = body
        .pointer("/data/0/organization_id")
        .and_then(Value::as_str)
        .unwrap_or("5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c")
        .to_string();
    let env = body
        .pointer("/data/0/environment_id")
        .and_then(Value::as_str)
        .unwrap_or("env-12345")
        .to_string();
    site::object(body, metadata)?.insert(
        link.to_string(),
        Value::String(format!(
            "/sql/v1/organizations/{first_item_org}/environments/{env}/materialized-tables?page_size=10&page_token=abc"
        )),
    );
    Ok(join(metadata, link))
}
