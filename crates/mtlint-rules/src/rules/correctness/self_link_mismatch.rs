use std::borrow::Cow;

use mtlint_json::Value;

use crate::context::split_url;
use crate::cx::path;
use crate::formats;
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table's `metadata.self` URL does not address that table: its organization, environment, cluster or name disagrees with the item.
    ///
    /// ## What it checks
    /// For each materialized table whose `metadata.self` is a valid absolute URL, the path of
    /// that URL against the item's own members, segments compared after percent-decoding:
    ///
    /// - the segment after `environments` must be `environment_id`;
    /// - the segment after `databases` must be `spec.kafka_cluster_id` (databases are Kafka
    ///   clusters in Flink SQL);
    /// - the segment after `organizations`, when there is one, must be `organization_id`
    ///   (compared case-insensitively: it is a UUID). The documented example has no
    ///   `organizations` segment, so none is required;
    /// - the last segment must be `name`.
    ///
    /// One finding per item, at `metadata.self`, naming every part that disagrees, with each
    /// disagreeing member as a related location. A segment that is absent from the URL, or a
    /// member that is absent from the item (or not a string, or for `organization_id` not a
    /// UUID), is not compared. A `self` that is not an absolute URL is `schema/format`'s finding
    /// and is left alone here.
    ///
    /// ## Why it matters
    /// `ObjectMeta.self` "is a Uniform Resource Locator (URL) at which an object
    /// can be addressed. This URL encodes the service location, API version, and other
    /// particulars necessary to locate the resource". The example of a materialized table's
    /// `metadata.self` is
    /// `https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-123/databases/lkc-123/materialized-tables/high-value-orders`.
    /// A client that follows `self` to read, update or delete the table reaches another table,
    /// or none, when the URL names another environment, cluster or name.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-2/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env%2D1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    pub SelfLinkMismatch, "self-link-mismatch", Correctness, hooks = [ITEM]
}

/// One part of `self` that disagrees with the item.
struct Disagreement {
    /// What the URL part is ("the segment after environments").
    part: &'static str,
    /// Its decoded value in the URL.
    in_url: String,
    /// The member it should equal ("environment_id").
    member: &'static str,
    /// The member's value.
    value: String,
    /// Where the member is (its pointer is built only when there is a finding).
    pointer: MemberAt,
}

/// A member of the item, or of its `spec`.
#[derive(Debug, Clone, Copy)]
enum MemberAt {
    Item(&'static str),
    Spec(&'static str),
}

/// The decoded path segments of an absolute URL (`scheme://authority/...`); `None` for anything
/// else. A trailing `/` adds no empty segment.
fn path_segments(url: &str) -> Option<Vec<Cow<'_, str>>> {
    let scheme_end = crate::context::scheme_end(url)?;
    if url[..scheme_end].contains(['/', '?', '#']) {
        return None;
    }
    let (path, _) = split_url(url);
    let path = path.trim_end_matches('/');
    // Sized once: every item asks.
    let mut segments = Vec::with_capacity(memchr::memchr_iter(b'/', path.as_bytes()).count());
    segments.extend(crate::context::path_segments(path).skip(1));
    Some(segments)
}

/// The segment that follows the first segment equal to `keyword`.
fn after<'s>(segments: &'s [Cow<'_, str>], keyword: &str) -> Option<&'s str> {
    let i = segments.iter().position(|s| s == keyword)?;
    segments.get(i + 1).map(AsRef::as_ref)
}

impl Rule for SelfLinkMismatch {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let formats = cx.formats();
        let Some(url) = path(item, &["metadata", "self"]).and_then(|v| formats.uri(v)) else {
            return;
        };
        let Some(segments) = path_segments(url) else {
            return;
        };
        // The last segment is the name; the structural ones come before it (a table may well be
        // named "environments").
        let (last, structure) = match segments.split_last() {
            Some((last, structure)) => (last.as_ref(), structure),
            None => ("", &[][..]),
        };
        let spec = at.key("spec");
        let mut found = Vec::new();
        let mut compare = |part,
                           in_url: Option<&str>,
                           member,
                           value: Option<&str>,
                           pointer: MemberAt,
                           same: fn(&str, &str) -> bool| {
            if let (Some(in_url), Some(value)) = (in_url, value) {
                if !same(in_url, value) {
                    found.push(Disagreement {
                        part,
                        in_url: in_url.to_string(),
                        member,
                        value: value.to_string(),
                        pointer,
                    });
                }
            }
        };
        compare(
            "the segment after organizations",
            after(structure, "organizations"),
            "organization_id",
            item.get("organization_id").and_then(|v| formats.uuid(v)),
            MemberAt::Item("organization_id"),
            formats::same_organization,
        );
        compare(
            "the segment after environments",
            after(structure, "environments"),
            "environment_id",
            item.get("environment_id").and_then(Value::as_str),
            MemberAt::Item("environment_id"),
            |a, b| a == b,
        );
        compare(
            "the segment after databases",
            after(structure, "databases"),
            "spec.kafka_cluster_id",
            crate::cx::path(item, &["spec", "kafka_cluster_id"]).and_then(Value::as_str),
            MemberAt::Spec("kafka_cluster_id"),
            |a, b| a == b,
        );
        compare(
            "the last segment",
            Some(last),
            "name",
            item.get("name").and_then(Value::as_str),
            MemberAt::Item("name"),
            |a, b| a == b,
        );
        if found.is_empty() {
            return;
        }
        let parts: Vec<String> = found
            .iter()
            .map(|d| {
                format!(
                    "{} is \"{}\" but {} is \"{}\"",
                    d.part, d.in_url, d.member, d.value
                )
            })
            .collect();
        let metadata = at.key("metadata");
        let diagnostic = cx
            .report(
                metadata.join("self"),
                format!(
                    "metadata.self does not address this table: {}; a client following it reaches another table, or none",
                    parts.join("; ")
                ),
            )
            .help("self must be .../environments/<environment_id>/databases/<kafka_cluster_id>/materialized-tables/<name>: find which side is stale");
        for d in found {
            let pointer = match d.pointer {
                MemberAt::Item(key) => at.join(key),
                MemberAt::Spec(key) => spec.join(key),
            };
            diagnostic.related(pointer, format!("{} is here", d.member));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::SelfLinkMismatch;
    use crate::testing::run;
    use crate::RequestContext;

    const ORG: &str = "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c";

    fn item(self_url: &str) -> Value {
        json!({
            "metadata": {"self": self_url},
            "name": "high-value-orders",
            "organization_id": ORG,
            "environment_id": "env-123",
            "spec": {"kafka_cluster_id": "lkc-123"}
        })
    }

    /// (pointer, related pointers) of each finding.
    fn check(self_url: &str) -> Vec<(String, Vec<String>)> {
        let body = json!({"data": [item(self_url)]});
        run(&SelfLinkMismatch, 200, &body, &RequestContext::default())
            .into_iter()
            .map(|d| {
                (
                    d.pointer,
                    d.related.into_iter().map(|r| r.pointer).collect(),
                )
            })
            .collect()
    }

    fn related(self_url: &str) -> Vec<String> {
        let found = check(self_url);
        assert_eq!(found.len(), 1, "{self_url}: {found:?}");
        assert_eq!(found[0].0, "/data/0/metadata/self");
        found[0].1.clone()
    }

    #[test]
    fn the_seed_example_and_encoded_forms_pass() {
        for url in [
            "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-123/databases/lkc-123/materialized-tables/high-value-orders",
            "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env%2D123/databases/lkc%2d123/materialized-tables/high%2Dvalue%2Dorders",
            "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-123/databases/lkc-123/materialized-tables/high-value-orders/",
            "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-123/databases/lkc-123/materialized-tables/high-value-orders?view=full#x",
            "https://flink.example/sql/v1/organizations/5A6B2F1C-8D3E-4F5A-9B7C-1D2E3F4A5B6C/environments/env-123/databases/lkc-123/materialized-tables/high-value-orders",
            // No environments/databases segments: nothing to compare but the name.
            "https://flink.example/tables/high-value-orders",
        ] {
            assert!(check(url).is_empty(), "{url}");
        }
    }

    #[test]
    fn each_disagreeing_part_is_named_once() {
        assert_eq!(
            related("https://h/sql/v1/environments/env-9/databases/lkc-123/materialized-tables/high-value-orders"),
            ["/data/0/environment_id"]
        );
        assert_eq!(
            related("https://h/sql/v1/environments/env-123/databases/lkc-9/materialized-tables/high-value-orders"),
            ["/data/0/spec/kafka_cluster_id"]
        );
        assert_eq!(
            related("https://h/sql/v1/organizations/00000000-0000-4000-8000-000000000000/environments/env-123/databases/lkc-123/materialized-tables/high-value-orders"),
            ["/data/0/organization_id"]
        );
        // Decoding is per segment: an encoded slash is part of one segment, not a separator.
        assert_eq!(
            related("https://h/sql/v1/environments/env-123/databases/lkc-123/materialized-tables/high%2Fvalue-orders"),
            ["/data/0/name"]
        );
        // Everything wrong: still one finding, with every member related.
        assert_eq!(
            related("https://h/sql/v1/organizations/00000000-0000-4000-8000-000000000000/environments/e/databases/d/materialized-tables/n"),
            [
                "/data/0/organization_id",
                "/data/0/environment_id",
                "/data/0/spec/kafka_cluster_id",
                "/data/0/name"
            ]
        );
        // A URL with no path names no table.
        assert_eq!(related("https://h"), ["/data/0/name"]);
    }

    #[test]
    fn a_table_named_like_a_keyword_is_not_confused() {
        let mut table = item(
            "https://h/sql/v1/environments/env-123/databases/lkc-123/materialized-tables/databases",
        );
        table["name"] = json!("databases");
        let body = json!({"data": [table]});
        assert!(run(&SelfLinkMismatch, 200, &body, &RequestContext::default()).is_empty());
    }

    #[test]
    fn schema_invalid_values_are_left_alone() {
        // Relative self: schema/format's finding.
        assert!(
            check("/sql/v1/environments/env-9/databases/lkc-123/materialized-tables/x").is_empty()
        );
        // Members missing or of the wrong type are not compared.
        let body = json!({"data": [{
            "metadata": {"self": "https://h/sql/v1/organizations/00000000-0000-4000-8000-000000000000/environments/env-9/databases/lkc-9/materialized-tables/x"},
            "organization_id": "not-a-uuid",
            "environment_id": 7,
            "spec": {}
        }]});
        assert!(run(&SelfLinkMismatch, 200, &body, &RequestContext::default()).is_empty());
    }
}
