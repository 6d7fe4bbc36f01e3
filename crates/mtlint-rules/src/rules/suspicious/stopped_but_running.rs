use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table's `spec.stopped` is `true` while its `status.phase` is `RUNNING`.
    ///
    /// ## What it checks
    /// For each materialized table, that `spec.stopped: true` (the boolean) does not go with
    /// `status.phase: "RUNNING"`. The finding is at `status.phase`, with `spec.stopped` as a
    /// related location. A `stopped` that is not a boolean, or a `phase` outside the enum, is the
    /// schema's finding.
    ///
    /// ## Why it matters
    /// `MaterializedTableSpec.stopped` "Indicates whether the Materialized Table query should be
    /// stopped." and `MaterializedTableStatus.phase` is "The lifecycle phase of the materialized
    /// table.", whose enum has the states a stop goes through: `STOPPING` and `STOPPED`.
    /// A table asked to stop is stopping or stopped, never plainly `RUNNING`: one of the two
    /// members is stale, and a client deciding whether to resume or to bill the query reads the
    /// wrong one.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "stopped": true}, "status": {"phase": "RUNNING"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "stopped": true}, "status": {"phase": "STOPPING"}}]}
    /// ```
    pub StoppedButRunning, "stopped-but-running", Correctness, hooks = [ITEM]
}

impl Rule for StoppedButRunning {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let stopped = crate::cx::path(item, &["spec", "stopped"]).and_then(Value::as_bool);
        let phase = crate::cx::path(item, &["status", "phase"]).and_then(Value::as_str);
        if stopped != Some(true) || phase != Some("RUNNING") {
            return;
        }
        let (status, spec) = (at.key("status"), at.key("spec"));
        cx.report(
            status.join("phase"),
            "status.phase is RUNNING but spec.stopped is true: a table asked to stop is STOPPING or STOPPED, so one of the two is stale",
        )
        .help("check whether the stop request was applied (phase should move to STOPPING) or whether stopped was set by mistake")
        .related(spec.join("stopped"), "stopped: true is here");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::StoppedButRunning;
    use crate::testing::pointers;

    #[test]
    fn only_a_boolean_true_with_running() {
        let body = json!({"data": [
            {"spec": {"stopped": true}, "status": {"phase": "RUNNING"}},
            {"spec": {"stopped": false}, "status": {"phase": "RUNNING"}},
            {"spec": {"stopped": "true"}, "status": {"phase": "RUNNING"}},
            {"spec": {"stopped": true}, "status": {"phase": "STOPPED"}},
            {"spec": {"stopped": true}, "status": {"phase": "Running"}},
            {"spec": {"stopped": true}}
        ]});
        assert_eq!(
            pointers(&StoppedButRunning, &body),
            ["/data/0/status/phase"]
        );
    }
}
