use mtlint_json::Value;

use crate::context::{query_params, split_url};
use crate::links;
use crate::Cx;
use crate::{declare_rule, Rule};

declare_rule! {
    /// A `next`, `prev` or `last` pagination link carries no `page_token`, so following it returns the first page again.
    ///
    /// ## What it checks
    /// Each `metadata.next`, `metadata.prev` and `metadata.last` of a list body that is a valid
    /// URL has a non-empty `page_token` query parameter. The finding is at the link.
    ///
    /// - `first` may lack one: the first page is the one a request without a token returns, and
    ///   the documented example of `ListMeta.first`
    ///   (`https://api.confluent.cloud/v2/resourcekinds`) has none, while those of `last`, `prev`
    ///   and `next` all carry one.
    /// - For the same reason a `prev` or `last` link that is the very same URL as `first` (the
    ///   previous page, or the only page, is the first one) may lack one too.
    /// - `null` and absent links are fine (`ListMeta` makes them `nullable` and optional), and a
    ///   link that is not an absolute URL is `schema/format`'s finding.
    ///
    /// ## Why it matters
    /// The request documents `page_token` as "An opaque pagination token for collection
    /// requests.": it is the only thing that tells the server which page to return. A
    /// `next` link without one returns the first page again, so a client that follows `next`
    /// until it is absent loops forever (or, guarding against that, stops or fails); a `prev` or
    /// `last` link without one takes the client to the first page instead of the one named.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"first": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1", "next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1", "total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"first": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1", "next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=UvmDWOB1iwfAIBPj6EYb", "prev": null, "total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    pub LinkWithoutPageToken, "link-without-page-token", Correctness, hooks = [LIST]
}

impl Rule for LinkWithoutPageToken {
    fn list(&self, cx: &mut Cx<'_>, list: &Value) {
        let first =
            links::of(list, cx.formats()).find_map(|(name, url)| (name == "first").then_some(url));
        for (name, url) in links::of(list, cx.formats()) {
            if name == "first" || (name != "next" && Some(url) == first) {
                continue;
            }
            let tokens: Vec<_> = query_params(split_url(url).1)
                .filter(|(key, _)| key == "page_token")
                .map(|(_, value)| value)
                .collect();
            if tokens.iter().any(|t| !t.is_empty()) {
                continue;
            }
            let what = if tokens.is_empty() {
                "has no page_token query parameter"
            } else {
                "has an empty page_token"
            };
            let consequence = if name == "next" {
                "following it returns the first page again, and a client paging until next is absent never ends"
            } else {
                "following it returns the first page, not the page it names"
            };
            cx.report(
                links::pointer(name),
                format!("metadata.{name} {what}: {consequence}"),
            )
            .help("every link but first must carry the opaque page_token of the page it points to (a null or absent link says there is no such page)");
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::LinkWithoutPageToken;
    use crate::testing::pointers;

    const BASE: &str = "https://h/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables";

    fn check(metadata: Value) -> Vec<String> {
        pointers(
            &LinkWithoutPageToken,
            &json!({"metadata": metadata, "data": []}),
        )
    }

    #[test]
    fn next_prev_last_need_a_token_first_does_not() {
        let bare = format!("{BASE}?page_size=10");
        let token = format!("{BASE}?page_size=10&page_token=abc");
        assert!(
            check(json!({"first": bare, "next": token, "prev": token, "last": token})).is_empty()
        );
        assert_eq!(
            check(json!({"first": token, "last": bare, "prev": bare, "next": bare})),
            ["/metadata/last", "/metadata/prev", "/metadata/next"]
        );
        assert_eq!(
            check(json!({"next": format!("{BASE}?page_token=")})),
            ["/metadata/next"]
        );
        assert_eq!(
            check(json!({"next": format!("{BASE}#page_token=abc")})),
            ["/metadata/next"]
        );
        // A percent-encoded name is still page_token.
        assert!(check(json!({"next": format!("{BASE}?page%5Ftoken=abc")})).is_empty());
    }

    #[test]
    fn prev_and_last_may_be_the_first_page() {
        let bare = format!("{BASE}?page_size=10");
        assert!(check(json!({"first": bare, "prev": bare, "last": bare})).is_empty());
        // next never may: the next page is never the first.
        assert_eq!(
            check(json!({"first": bare, "next": bare})),
            ["/metadata/next"]
        );
    }

    #[test]
    fn null_absent_and_schema_invalid_links_are_left_alone() {
        assert!(check(json!({"first": null, "last": null, "prev": null, "next": null})).is_empty());
        assert!(check(json!({"next": "?page_size=10"})).is_empty());
        assert!(check(json!({"next": 7})).is_empty());
    }
}
