use mtlint_json::Value;

use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A warning's `reason` is not UPPER_SNAKE_CASE, as the spec describes it.
    ///
    /// ## What it checks
    /// Each `status.warnings[i].reason` that is a string is UPPER_SNAKE_CASE: words of upper-case
    /// ASCII letters and digits, starting with a letter, joined by single underscores
    /// (`MISSING_WINDOW_START_END`, `STATE_TTL_0`). Lower-case letters, spaces, hyphens, leading,
    /// trailing or doubled underscores, and the empty string are reported. The finding is at the
    /// `reason`.
    ///
    /// ## Why it matters
    /// `StatementWarning.reason` is "A machine-readable short, upper case summary delimited by
    /// underscore.", with the example `MISSING_WINDOW_START_END`. Clients
    /// match reasons as codes; a reason in another shape suggests free text leaked into the code
    /// (that is what `message` is for) and will not match.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}, "status": {"phase": "RUNNING", "warnings": [{"severity": "MODERATE", "created_at": "2025-11-10T16:20:00Z", "reason": "Missing window start/end", "message": "The statement is missing window start and end bounds which may lead to unbounded state growth."}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}, "status": {"phase": "RUNNING", "warnings": [{"severity": "MODERATE", "created_at": "2025-11-10T16:20:00Z", "reason": "MISSING_WINDOW_START_END", "message": "The statement is missing window start and end bounds which may lead to unbounded state growth."}]}}]}
    /// ```
    pub WarningReasonCase, "warning-reason-case", Suspicious, hooks = [ITEM]
}

/// Whether `reason` is UPPER_SNAKE_CASE: `[A-Z][A-Z0-9]*(_[A-Z0-9]+)*`.
fn is_upper_snake_case(reason: &str) -> bool {
    reason.starts_with(|c: char| c.is_ascii_uppercase())
        && reason.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

/// The same words in UPPER_SNAKE_CASE, for the help line (`None` when there are no words).
fn suggestion(reason: &str) -> Option<String> {
    let words: Vec<String> = reason
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    let joined = words.join("_");
    is_upper_snake_case(&joined).then_some(joined)
}

impl Rule for WarningReasonCase {
    fn item(&self, cx: &mut Cx<'_>, item: &Value, at: &Ptr<'_>) {
        let Some(warnings) =
            crate::cx::path(item, &["status", "warnings"]).and_then(Value::as_array)
        else {
            return;
        };
        let status = at.key("status");
        let warnings_ptr = status.key("warnings");
        for (k, warning) in warnings.iter().enumerate() {
            let Some(reason) = warning.get("reason").and_then(Value::as_str) else {
                continue;
            };
            if is_upper_snake_case(reason) {
                continue;
            }
            let help = match suggestion(reason) {
                Some(code) => format!("write the reason as a code, e.g. {code}, and put the prose in message"),
                None => "write the reason as an upper-case code such as MISSING_WINDOW_START_END, and put the prose in message".to_string(),
            };
            cx.report(
                warnings_ptr.index(k).join("reason"),
                format!(
                    "warning reason {reason:?} is not an \"upper case summary delimited by underscore\": clients matching reasons as codes will miss it"
                ),
            )
            .help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{is_upper_snake_case, suggestion, WarningReasonCase};
    use crate::testing::pointers;

    #[test]
    fn upper_snake_case() {
        for ok in [
            "MISSING_WINDOW_START_END",
            "A",
            "STATE_TTL_0",
            "V2_SINK",
            "X_1_2",
        ] {
            assert!(is_upper_snake_case(ok), "{ok}");
        }
        for bad in [
            "",
            "missing_window",
            "Missing_Window",
            "MISSING WINDOW",
            "MISSING-WINDOW",
            "_MISSING",
            "MISSING_",
            "MISSING__WINDOW",
            "1_MISSING",
            "ÉTAT",
        ] {
            assert!(!is_upper_snake_case(bad), "{bad}");
        }
        assert_eq!(
            suggestion("Missing window start/end").as_deref(),
            Some("MISSING_WINDOW_START_END")
        );
        assert_eq!(suggestion("--"), None);
    }

    #[test]
    fn each_warning_is_checked() {
        let body = json!({"data": [{"status": {"warnings": [
            {"reason": "MISSING_WINDOW_START_END"}, {"reason": "missing"}, {"reason": 5}, {}
        ]}}]});
        assert_eq!(
            pointers(&WarningReasonCase, &body),
            ["/data/0/status/warnings/1/reason"]
        );
    }
}
