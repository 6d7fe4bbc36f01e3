//! Table-driven mutations for the constraints of the derived JSON Schemas.
//!
//! Each mutation is an [`Anchor`] (where in the body) and an [`Action`] (what changes there).
//! The tables live in one file per part of the body, each a list of [`entry`] calls in the
//! catalogue's order; [`mutations`] concatenates them. That order gives the catalogue its
//! order, and with it the corpus `mtlint gen` writes for a seed, so a new mutation goes at the
//! end of its part and parts are never reordered.

mod columns;
mod data_type;
mod errors;
mod item;
mod list;
mod references;
mod spec;
mod status;

use mtlint_rules::rules::SchemaEnum;
use mtlint_rules::rules::SchemaType;
use mtlint_rules::RuleMeta;
use serde_json::{json, Value};

use super::site::{self, join, Picker};
use super::{Base, Kind, Mutation, Outcome, Record};
use crate::exchange::Sample;
pub(crate) use item::rebuild_self;

/// The list schema, as constraint ids name it.
const LIST: &str = "sql.v1.MaterializedTableList";
/// The item schema.
const ITEM: &str = "sql.v1.MaterializedTable";
/// The part of the item's `metadata` schema that adds `labels` to `ObjectMeta`.
const ITEM_METADATA: &str = "sql.v1.MaterializedTable/properties/metadata/allOf/1";
/// The spec schema.
const SPEC: &str = "sql.v1.MaterializedTableSpec";
/// The status schema.
const STATUS: &str = "sql.v1.MaterializedTableStatus";

/// Where in a body a schema mutation acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The 200 body itself.
    ListRoot,
    /// `/metadata` of a list.
    ListMeta,
    /// An item `/data/i`.
    Item,
    /// An item's `metadata`.
    ItemMeta,
    /// An item's `metadata.labels` (created when missing).
    Labels,
    /// An item's `spec`.
    Spec,
    /// `spec.table_options` (created when missing).
    TableOptions,
    /// `spec.session_options` (created when missing).
    SessionOptions,
    /// A column nothing refers to, of a kind (any kind: `None`).
    Column(Option<&'static str>),
    /// A DataType node of a simple type (INT, STRING...) in an unreferenced column.
    DataType,
    /// A ROW field.
    RowField,
    /// A primary-key constraint.
    Constraint,
    /// The distribution (with a key).
    Distribution,
    /// The watermark.
    Watermark,
    /// The status.
    Status,
    /// A warning of the status.
    Warning,
    /// `status.scaling_status`.
    Scaling,
    /// An error body itself.
    FailureRoot,
    /// An error `/errors/k`.
    Error,
    /// An error's `source` (created when missing).
    ErrorSource,
}

impl Anchor {
    fn slug(self) -> &'static str {
        match self {
            Anchor::ListRoot => "list",
            Anchor::ListMeta => "list-metadata",
            Anchor::Item => "item",
            Anchor::ItemMeta => "item-metadata",
            Anchor::Labels => "labels",
            Anchor::Spec => "spec",
            Anchor::TableOptions => "table-options",
            Anchor::SessionOptions => "session-options",
            Anchor::Column(None) => "column",
            Anchor::Column(Some("Physical")) => "physical-column",
            Anchor::Column(Some("Metadata")) => "metadata-column",
            Anchor::Column(Some(_)) => "computed-column",
            Anchor::DataType => "data-type",
            Anchor::RowField => "row-field",
            Anchor::Constraint => "constraint",
            Anchor::Distribution => "distribution",
            Anchor::Watermark => "watermark",
            Anchor::Status => "status",
            Anchor::Warning => "warning",
            Anchor::Scaling => "scaling-status",
            Anchor::FailureRoot => "error-body",
            Anchor::Error => "error",
            Anchor::ErrorSource => "error-source",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Anchor::ListRoot => "the list body",
            Anchor::ListMeta => "the list's metadata",
            Anchor::Item => "an item",
            Anchor::ItemMeta => "an item's metadata",
            Anchor::Labels => "an item's metadata.labels",
            Anchor::Spec => "an item's spec",
            Anchor::TableOptions => "spec.table_options",
            Anchor::SessionOptions => "spec.session_options",
            Anchor::Column(None) => "an unreferenced column",
            Anchor::Column(Some("Physical")) => "an unreferenced Physical column",
            Anchor::Column(Some("Metadata")) => "an unreferenced Metadata column",
            Anchor::Column(Some(_)) => "an unreferenced Computed column",
            Anchor::DataType => {
                "a simple DataType node (possibly nested) of an unreferenced column"
            }
            Anchor::RowField => "a ROW field",
            Anchor::Constraint => "a PRIMARY_KEY constraint",
            Anchor::Distribution => "the distribution",
            Anchor::Watermark => "the watermark",
            Anchor::Status => "an item's status",
            Anchor::Warning => "a status warning",
            Anchor::Scaling => "status.scaling_status",
            Anchor::FailureRoot => "the error body",
            Anchor::Error => "an error",
            Anchor::ErrorSource => "an error's source",
        }
    }

    fn base(self) -> Base {
        match self {
            Anchor::ListRoot | Anchor::ListMeta => Base::List(0),
            Anchor::FailureRoot | Anchor::Error | Anchor::ErrorSource => Base::Error(None),
            _ => Base::List(1),
        }
    }
}

/// Edits `body` at a site; returns the pointer of the finding.
pub(crate) type BodyEdit = fn(&mut Value, &str, &mut Picker) -> Result<String, String>;

/// What a schema mutation does at its anchor.
#[derive(Debug, Clone)]
pub(crate) enum Action {
    /// Removes a required member (the finding is where it belongs).
    Remove(&'static str),
    /// Sets a member to a value (the finding is at the member).
    Set(&'static str, Value),
    /// Replaces the anchor itself.
    Replace(Value),
    /// A custom edit, with a slug and a description.
    Edit(&'static str, &'static str, BodyEdit),
}

/// Finds (or creates) the anchor in the first response's body; its pointer.
fn resolve(body: &mut Value, anchor: Anchor, picker: &mut Picker) -> Result<String, String> {
    if matches!(anchor, Anchor::ListRoot | Anchor::FailureRoot) {
        return Ok(String::new());
    }
    if anchor == Anchor::ListMeta {
        return Ok("/metadata".into());
    }
    if anchor == Anchor::Error {
        return site::error(body, picker);
    }
    if anchor == Anchor::ErrorSource {
        let error = site::error(body, picker)?;
        return site::ensure_member(body, &error, "source", || json!({}));
    }
    let item = site::item(body, picker, 0)?;
    match anchor {
        Anchor::Item => Ok(item),
        Anchor::ItemMeta => Ok(format!("{item}/metadata")),
        Anchor::Labels => {
            site::ensure_member(body, &format!("{item}/metadata"), "labels", || json!({}))
        }
        Anchor::Spec => Ok(format!("{item}/spec")),
        Anchor::TableOptions => {
            site::ensure_member(body, &format!("{item}/spec"), "table_options", || json!({}))
        }
        Anchor::SessionOptions => {
            site::ensure_member(body, &format!("{item}/spec"), "session_options", || {
                json!({})
            })
        }
        Anchor::Column(kind) => site::unreferenced_column(body, &item, kind, picker),
        Anchor::DataType => site::scalar_node(body, &item, picker),
        Anchor::RowField => site::row_field(body, &item, picker),
        Anchor::Constraint => site::ensure_constraint(body, &item, picker),
        Anchor::Distribution => site::ensure_distribution(body, &item, picker),
        Anchor::Watermark => site::ensure_watermark(body, &item),
        Anchor::Status => site::ensure_status(body, &item),
        Anchor::Warning => site::ensure_warning(body, &item, picker),
        Anchor::Scaling => site::ensure_scaling(body, &item),
        _ => unreachable_anchor(anchor),
    }
}

fn unreachable_anchor(anchor: Anchor) -> Result<String, String> {
    Err(format!("anchor {anchor:?} is resolved earlier"))
}

pub(crate) fn apply(
    sample: &mut Sample,
    anchor: Anchor,
    action: &Action,
    picker: &mut Picker,
) -> Result<Outcome, String> {
    let body = sample
        .first_mut()
        .and_then(|e| e.body.as_mut())
        .ok_or("the sample has no body")?;
    let pointer = resolve(body, anchor, picker)?;
    let found = match action {
        Action::Remove(member) => {
            site::object(body, &pointer)?
                .remove(*member)
                .ok_or_else(|| format!("{pointer} has no {member}"))?;
            join(&pointer, member)
        }
        Action::Set(member, value) => {
            site::object(body, &pointer)?.insert((*member).to_string(), value.clone());
            join(&pointer, member)
        }
        Action::Replace(value) => {
            *site::at(body, &pointer)? = value.clone();
            pointer
        }
        Action::Edit(_, _, edit) => edit(body, &pointer, picker)?,
    };
    Ok(Outcome::body(found))
}

/// A schema mutation of `rule`: its id, description and base follow from the anchor and
/// the action.
pub(super) fn entry(
    rule: &'static RuleMeta,
    covers: &[&str],
    anchor: Anchor,
    action: Action,
) -> Mutation {
    entry_tolerating(rule, covers, anchor, action, &[])
}

/// [`entry`], with other rules that may also report because the change necessarily breaks
/// them too.
pub(super) fn entry_tolerating(
    rule: &'static RuleMeta,
    covers: &[&str],
    anchor: Anchor,
    action: Action,
    tolerated: &[&'static RuleMeta],
) -> Mutation {
    let keyword = rule.name.trim_start_matches("schema/");
    let (what, description) = match &action {
        Action::Remove(m) => (
            (*m).to_string(),
            format!(
                "removes the required member `{m}` from {}",
                anchor.describe()
            ),
        ),
        Action::Set(m, v) => (
            (*m).to_string(),
            format!("sets `{m}` of {} to {}", anchor.describe(), preview(v)),
        ),
        Action::Replace(v) => (
            "itself".to_string(),
            format!("replaces {} with {}", anchor.describe(), preview(v)),
        ),
        Action::Edit(slug, text, _) => (
            (*slug).to_string(),
            format!("{}: {text}", anchor.describe()),
        ),
    };
    let id = format!("{}-{}-{}", kebab(keyword), anchor.slug(), kebab(&what));
    Mutation {
        id,
        rule,
        description,
        base: anchor.base(),
        record: Record::Body,
        covers: covers.iter().map(|c| (*c).to_string()).collect(),
        tolerated: tolerated.to_vec(),
        kind: Kind::Schema(anchor, action),
    }
}

/// A wrong JSON type for a member with an `enum`: the value is outside the enum as well, and
/// the validator reports both keywords at the same pointer (see the crate docs).
pub(super) fn typed_enum(covers: &[&str], anchor: Anchor, action: Action) -> Mutation {
    entry_tolerating(
        &SchemaType::META,
        covers,
        anchor,
        action,
        &[&SchemaEnum::META],
    )
}

fn kebab(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '_' || c == '.' {
            out.push('-');
        } else {
            out.push(c);
        }
    }
    out
}

fn preview(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 40 {
        format!("{}... ({} characters)", &text[..30], text.len())
    } else {
        text
    }
}

/// Every schema mutation, part after part in the catalogue's order.
pub(crate) fn mutations() -> Vec<Mutation> {
    [
        list::body(),
        list::metadata(),
        item::item(),
        item::members(),
        item::object_meta(),
        spec::settings(),
        spec::options(),
        spec::definition(),
        columns::common(),
        columns::by_kind(),
        data_type::data_type(),
        data_type::row_field(),
        references::constraint(),
        references::distribution(),
        references::watermark(),
        status::status(),
        status::warning(),
        status::scaling_status(),
        errors::failure(),
        errors::error(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
