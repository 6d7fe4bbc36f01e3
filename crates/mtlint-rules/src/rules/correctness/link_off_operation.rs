use mtlint_json::Value;

use crate::context::{match_template_each, split_url};
use crate::formats;
use crate::links;
use crate::Cx;
use crate::{declare_rule, Rule};

declare_rule! {
    /// A pagination link leads away from this operation: another path, or another organization or environment than the request's.
    ///
    /// ## What it checks
    /// Each pagination link of a list body (`first`, `last`, `prev`, `next`) that is a valid URL:
    /// its path (percent-decoded) must match the operation's path template
    /// `/sql/v1/organizations/{organization_id}/environments/{environment_id}/materialized-tables`.
    /// When the request's organization or environment is known (`--organization-id`,
    /// `--environment-id`, or the request URL of a capture), the link's must be the same
    /// (organization ids compared case-insensitively, as UUIDs). The finding is at the link.
    /// The host is not compared (the API documentation names none), nor the query beyond what
    /// `link-without-page-token` and `link-page-size-exceeded` check.
    ///
    /// ## Why it matters
    /// `ListMeta.first`, `last`, `prev` and `next` are "A link to the first page of results",
    /// "the last page", "the previous page", "the next page": pages of this same listing. A link to
    /// another path or scope makes a client page through a different collection and merge it
    /// into this one. (Their documented examples, `https://api.confluent.cloud/v2/resourcekinds`,
    /// are the generic ListMeta ones of another API and would fail here.)
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"next": "https://api.confluent.cloud/v2/resourcekinds?page_token=UvmDWOB1iwfAIBPj6EYb", "total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_token=UvmDWOB1iwfAIBPj6EYb", "total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    pub LinkOffOperation, "link-off-operation", Correctness, hooks = [LIST]
}

impl Rule for LinkOffOperation {
    fn list(&self, cx: &mut Cx<'_>, list: &Value) {
        let template = cx.path_template;
        let request = cx.request;
        for (name, url) in links::of(list, cx.formats()) {
            let (path, _) = split_url(url);
            let mut off = Vec::new();
            let matched = match_template_each(path, template, |key, value| {
                let (wanted, same): (_, fn(&str, &str) -> bool) = match key {
                    "organization_id" => (&request.organization_id, formats::same_organization),
                    "environment_id" => (&request.environment_id, |a, b| a == b),
                    _ => return,
                };
                if let Some(wanted) = wanted.as_deref().filter(|w| !same(&value, w)) {
                    off.push(format!(
                        "{key} \"{value}\" where the request has \"{wanted}\""
                    ));
                }
            });
            if !matched {
                cx.report(
                    links::pointer(name),
                    format!(
                        "metadata.{name} leads to {path:?}, not to this operation's path {template}: a client following it pages through another collection"
                    ),
                )
                .help("pagination links must repeat the request's path and change only the query (page_token, page_size)");
                continue;
            }
            if off.is_empty() {
                continue;
            }
            cx.report(
                links::pointer(name),
                format!(
                    "metadata.{name} leads to another scope than the request's: {}; a client following it lists another organization's or environment's tables",
                    off.join(", ")
                ),
            )
            .help("pagination links must repeat the request's path parameters");
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::LinkOffOperation;
    use crate::testing::run;
    use crate::RequestContext;

    const ORG: &str = "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c";

    fn check(next: Value, request: &RequestContext) -> Vec<String> {
        let body = json!({"metadata": {"next": next}, "data": []});
        run(&LinkOffOperation, 200, &body, request)
            .into_iter()
            .map(|d| d.pointer)
            .collect()
    }

    fn on(path: &str) -> bool {
        check(
            json!(format!("https://flink.example{path}")),
            &RequestContext::default(),
        )
        .is_empty()
    }

    #[test]
    fn the_path_must_match_the_template() {
        assert!(on(&format!(
            "/sql/v1/organizations/{ORG}/environments/env-1/materialized-tables?page_token=a"
        )));
        assert!(on(&format!(
            "/sql/v1/organizations/{ORG}/environments/env-1/materialized-tables/?page_token=a"
        )));
        assert!(on(&format!(
            "/sql/v1/organizations/{ORG}/environments/env-1/materialized%2Dtables"
        )));
        assert!(!on("/v2/resourcekinds?page_token=a"));
        assert!(!on(&format!(
            "/sql/v1/organizations/{ORG}/environments/env-1/statements"
        )));
        assert!(!on(&format!(
            "/sql/v1/organizations/{ORG}/environments/env-1/materialized-tables/orders"
        )));
        assert!(!on(
            "/sql/v1/organizations//environments/env-1/materialized-tables"
        ));
        assert!(!on(""));
    }

    #[test]
    fn a_known_request_fixes_organization_and_environment() {
        let request = RequestContext {
            organization_id: Some(ORG.to_uppercase()),
            environment_id: Some("env-1".into()),
            ..RequestContext::default()
        };
        let link = |org: &str, env: &str| {
            json!(format!(
                "https://h/sql/v1/organizations/{org}/environments/{env}/materialized-tables"
            ))
        };
        assert!(check(link(ORG, "env-1"), &request).is_empty());
        assert!(check(link(ORG, "env%2D1"), &request).is_empty());
        assert_eq!(check(link(ORG, "env-2"), &request), ["/metadata/next"]);
        assert_eq!(
            check(
                link("00000000-0000-4000-8000-000000000000", "env-2"),
                &request
            ),
            ["/metadata/next"]
        );
        // Unknown request: any organization and environment will do.
        assert!(check(link("o", "e"), &RequestContext::default()).is_empty());
    }

    #[test]
    fn schema_invalid_links_are_left_alone() {
        assert!(check(json!("/v2/resourcekinds"), &RequestContext::default()).is_empty());
        assert!(check(json!(null), &RequestContext::default()).is_empty());
    }
}
