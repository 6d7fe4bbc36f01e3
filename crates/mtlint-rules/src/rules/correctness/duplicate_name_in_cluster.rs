use std::collections::HashMap;

use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// Two tables of one Kafka cluster share a `name`, which the spec says is unique within the cluster.
    ///
    /// ## What it checks
    /// Within one list body, that no two items with the same `spec.kafka_cluster_id` have the
    /// same `name`. The finding is at the later item's `name`, with the first item's `name` as a
    /// related location; every further copy gets its own finding.
    ///
    /// - The same name in two different clusters is fine: that is what "within the Kafka
    ///   cluster" allows.
    /// - Items without a string `kafka_cluster_id` are not compared: `kafka_cluster_id` is not a
    ///   required member, so such an item's cluster is unknown, and two of them may live in
    ///   different clusters. Claiming a duplicate there would be a guess.
    /// - Two items that are equal as JSON values are `schema/uniqueItems`' finding (the same
    ///   item listed twice), not a second one here.
    ///
    /// ## Why it matters
    /// `MaterializedTable.name`: "The user-provided name of the resource, unique within
    /// the Kafka cluster." A table is addressed by its name under its cluster
    /// (`.../databases/<kafka_cluster_id>/materialized-tables/<name>`), so two tables with one
    /// name in one cluster cannot both exist: one of them is stale, or the listing mixed up two
    /// clusters.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "principal": "sa-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "principal": "sa-2"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "principal": "sa-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-2/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-2", "principal": "sa-2"}}]}
    /// ```
    pub DuplicateNameInCluster, "duplicate-name-in-cluster", Correctness, hooks = [LIST]
}

impl Rule for DuplicateNameInCluster {
    fn list(&self, cx: &mut Cx<'_>, list: &Value) {
        let Some(items) = list.get("data").and_then(Value::as_array) else {
            return;
        };
        // (cluster, name) -> index of the first item that has them. foldhash, not SipHash:
        // every page asks for every item, and no key comes from an adversary who could aim
        // collisions at a lint run.
        let mut first: HashMap<(&str, &str), usize, foldhash::fast::FixedState> =
            HashMap::with_capacity_and_hasher(items.len(), foldhash::fast::FixedState::default());
        for (i, item) in items.iter().enumerate() {
            let name = item.get("name").and_then(Value::as_str);
            let cluster =
                crate::cx::path(item, &["spec", "kafka_cluster_id"]).and_then(Value::as_str);
            let (Some(name), Some(cluster)) = (name, cluster) else {
                continue;
            };
            let Some(&j) = first.get(&(cluster, name)) else {
                first.insert((cluster, name), i);
                continue;
            };
            if items[j] == *item {
                // The same item twice: schema/uniqueItems reports that copy.
                continue;
            }
            let data = Ptr::Root;
            let data = data.key("data");
            cx.report(
                data.index(i).join("name"),
                format!(
                    "data[{i}] is a second table named \"{name}\" in Kafka cluster \"{cluster}\" (the first is data[{j}]); names are unique within a cluster, so one of the two cannot exist"
                ),
            )
            .help("MaterializedTable.name is \"unique within the Kafka cluster\"; look for a stale or misattributed item")
            .related(data.index(j).join("name"), "first table with this name in the cluster");
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::DuplicateNameInCluster;
    use crate::testing::run;
    use crate::RequestContext;

    fn item(name: &str, cluster: Option<&str>, principal: &str) -> Value {
        let mut spec = json!({"principal": principal});
        if let Some(cluster) = cluster {
            spec["kafka_cluster_id"] = json!(cluster);
        }
        json!({"name": name, "spec": spec})
    }

    fn findings(items: Vec<Value>) -> Vec<(String, String)> {
        let body = json!({"data": items});
        run(
            &DuplicateNameInCluster,
            200,
            &body,
            &RequestContext::default(),
        )
        .into_iter()
        .map(|d| (d.pointer, d.related[0].pointer.clone()))
        .collect()
    }

    #[test]
    fn a_long_body_points_a_late_copy_at_the_first() {
        let mut items: Vec<Value> = (0..200)
            .map(|i| item(&format!("t{i}"), Some("lkc-1"), "p"))
            .collect();
        items.push(item("t7", Some("lkc-1"), "other"));
        items.push(item("t7", Some("lkc-2"), "other"));
        assert_eq!(
            findings(items),
            [("/data/200/name".to_string(), "/data/7/name".to_string())]
        );
    }

    #[test]
    fn every_later_copy_points_at_the_first() {
        let got = findings(vec![
            item("a", Some("lkc-1"), "p0"),
            item("a", Some("lkc-2"), "p1"),
            item("a", Some("lkc-1"), "p2"),
            item("a", Some("lkc-1"), "p3"),
            item("b", Some("lkc-1"), "p4"),
        ]);
        let expected = [
            ("/data/2/name", "/data/0/name"),
            ("/data/3/name", "/data/0/name"),
        ];
        assert_eq!(got, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    #[test]
    fn unknown_clusters_and_identical_items_are_left_alone() {
        assert!(findings(vec![item("a", None, "p0"), item("a", None, "p1")]).is_empty());
        let same = item("a", Some("lkc-1"), "p0");
        assert!(findings(vec![same.clone(), same]).is_empty());
        // Member order does not make two items different (nor for schema/uniqueItems).
        let reordered =
            json!({"spec": {"principal": "p0", "kafka_cluster_id": "lkc-1"}, "name": "a"});
        assert!(findings(vec![item("a", Some("lkc-1"), "p0"), reordered]).is_empty());
    }
}
