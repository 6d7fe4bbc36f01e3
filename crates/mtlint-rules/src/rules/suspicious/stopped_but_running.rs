use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A table's `spec.stopped` is `true` while its `status.phase` is still `RUNNING`.
    ///
    /// ## What it checks
    /// For each materialized table, whether `spec.stopped: true` (the boolean) goes with
    /// `status.phase: "RUNNING"`. The finding is information, at `status.phase`, with
    /// `spec.stopped` as a related location. A `stopped` that is not a boolean, or a `phase`
    /// outside the enum, is the schema's finding.
    ///
    /// ## Why it matters
    /// `MaterializedTableSpec.stopped` "Indicates whether the Materialized Table query should be
    /// stopped.": it is the desired state. `MaterializedTableStatus.phase` is "The lifecycle
    /// phase of the materialized table.": the observed one, whose enum has the states a stop
    /// goes through, `STOPPING` and `STOPPED`. The documentation does not say how soon the
    /// phase follows the spec, so the pair is not wrong: a response recorded right after a
    /// stop request legitimately shows `stopped: true` with `RUNNING`. It is worth knowing,
    /// because a client deciding whether the query still runs (or is still billed) must read
    /// `phase`, not `stopped`; if later responses still show `RUNNING`, the stop was not applied.
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
    pub StoppedButRunning, "stopped-but-running", Suspicious, severity = Info, hooks = [ITEM]
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
            "status.phase is still RUNNING while spec.stopped is true: the stop may not have taken effect yet, as the phase follows the spec through STOPPING to STOPPED",
        )
        .help("this state may be transient: read phase, not stopped, to know whether the query runs; if later responses still show RUNNING, the stop was not applied")
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
