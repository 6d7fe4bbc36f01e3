//! Materialized tables: drafted independently, then placed in a listing (cluster, self link,
//! unique names and uids).

use proptest::collection::btree_map;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

use super::identity::{encode_segment, list_context, table_name, uuid, uuid_from, ListContext};
use super::spec::spec;
use super::status::{delay, stamp, status};
use crate::config::GenConfig;
use crate::time::Stamp;

/// A table before the list places it: everything but its cluster-dependent members.
#[derive(Debug, Clone)]
pub(super) struct ItemDraft {
    name: String,
    cluster: Index,
    uid: String,
    resource_version: Option<String>,
    with_resource_name: bool,
    labels: Option<Value>,
    times: (Option<Stamp>, Option<i128>, Option<i128>),
    spec: Map<String, Value>,
    status: Option<Value>,
}

pub(super) fn item_draft(cfg: &GenConfig) -> impl Strategy<Value = ItemDraft> {
    (
        (
            table_name(),
            any::<Index>(),
            uuid(),
            option::of("[a-z0-9]{5}"),
            any::<bool>(),
            option::of(
                btree_map(
                    "[a-z]{1,6}(\\.io/[a-z]{1,6})?",
                    "[a-z0-9-]{0,8}",
                    0..=cfg.max_options,
                )
                .prop_map(|m| {
                    Value::Object(m.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
                }),
            ),
            (
                option::of(stamp()),
                option::of(delay()),
                option::of(delay()),
            ),
        ),
        spec(cfg),
        option::of(status(cfg)),
    )
        .prop_map(
            |(
                (name, cluster, uid, resource_version, with_resource_name, labels, times),
                spec,
                mut status,
            )| {
                // A table asked to stop is never RUNNING: it is STOPPING or STOPPED.
                let stopped = spec.get("stopped") == Some(&Value::Bool(true));
                if let Some(Value::Object(map)) = &mut status {
                    let phase = map.get("phase").and_then(Value::as_str).unwrap_or("");
                    if stopped && phase != "STOPPING" && phase != "STOPPED" {
                        map.insert("phase".into(), Value::from("STOPPED"));
                    }
                }
                ItemDraft {
                    name,
                    cluster,
                    uid,
                    resource_version,
                    with_resource_name,
                    labels,
                    times,
                    spec,
                    status,
                }
            },
        )
}

fn build_item(ctx: &ListContext, draft: ItemDraft) -> Value {
    let cluster = draft.cluster.get(&ctx.clusters).clone();
    let mut metadata = Map::new();
    metadata.insert(
        "self".into(),
        Value::String(ctx.self_link(&ctx.environment_id, &cluster, &draft.name)),
    );
    if draft.with_resource_name {
        metadata.insert(
            "resource_name".into(),
            Value::String(format!(
                "crn://confluent.cloud/organization={}/environment={}/cloud-cluster={cluster}/materialized-table={}",
                ctx.organization_id,
                ctx.environment_id,
                encode_segment(&draft.name)
            )),
        );
    }
    let (created, updated_after, deleted_after) = draft.times;
    if let Some(created) = created {
        metadata.insert("created_at".into(), Value::String(created.to_rfc3339()));
        let updated = created.plus_nanos(updated_after.unwrap_or(0));
        if updated_after.is_some() {
            metadata.insert("updated_at".into(), Value::String(updated.to_rfc3339()));
        }
        if let Some(d) = deleted_after {
            metadata.insert(
                "deleted_at".into(),
                Value::String(updated.plus_nanos(d).to_rfc3339()),
            );
        }
    }
    metadata.insert("uid".into(), Value::String(draft.uid));
    if let Some(v) = draft.resource_version {
        metadata.insert("resource_version".into(), Value::String(v));
    }
    if let Some(labels) = draft.labels {
        metadata.insert("labels".into(), labels);
    }
    let mut spec = Map::new();
    spec.insert("kafka_cluster_id".into(), Value::String(cluster));
    spec.extend(draft.spec);
    let mut item = Map::new();
    item.insert("api_version".into(), Value::from("sql/v1"));
    item.insert("kind".into(), Value::from("MaterializedTable"));
    item.insert("metadata".into(), Value::Object(metadata));
    item.insert("name".into(), Value::String(draft.name));
    item.insert(
        "organization_id".into(),
        Value::String(ctx.organization_id.clone()),
    );
    item.insert(
        "environment_id".into(),
        Value::String(ctx.environment_id.clone()),
    );
    item.insert("spec".into(), Value::Object(spec));
    if let Some(status) = draft.status {
        item.insert("status".into(), status);
    }
    Value::Object(item)
}

/// Builds items from drafts: names unique per Kafka cluster, uids unique.
pub(super) fn build_items(ctx: &ListContext, mut drafts: Vec<ItemDraft>) -> Vec<Value> {
    // Unique per cluster: make (cluster, name) unique by renaming repeats.
    let mut seen = std::collections::BTreeSet::new();
    let mut uids = std::collections::BTreeSet::new();
    for (i, draft) in drafts.iter_mut().enumerate() {
        let cluster = draft.cluster.index(ctx.clusters.len());
        let mut n = 2;
        while !seen.insert((cluster, draft.name.clone())) {
            let suffix = format!("-{n}");
            let mut base = draft.name.clone();
            base.truncate(249 - suffix.len());
            draft.name = format!("{base}{suffix}");
            n += 1;
        }
        if !uids.insert(draft.uid.clone()) {
            draft.uid = uuid_from(u128::MAX - i as u128);
            uids.insert(draft.uid.clone());
        }
    }
    drafts.into_iter().map(|d| build_item(ctx, d)).collect()
}

/// A single valid materialized table, with the context it belongs to.
pub fn materialized_table(cfg: &GenConfig) -> impl Strategy<Value = (ListContext, Value)> {
    (list_context(), item_draft(cfg)).prop_map(|(ctx, draft)| {
        let item = build_item(&ctx, draft);
        (ctx, item)
    })
}
