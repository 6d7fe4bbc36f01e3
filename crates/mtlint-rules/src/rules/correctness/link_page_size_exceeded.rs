use mtlint_json::Value;

use crate::context::{query_params, split_url};
use crate::links;
use crate::Cx;
use crate::{declare_rule, Rule};

declare_rule! {
    /// A pagination link asks for a `page_size` above the documented maximum.
    ///
    /// ## What it checks
    /// Each pagination link of a list body (`first`, `last`, `prev`, `next`) that is a valid URL:
    /// a `page_size` query parameter, when it is a whole number, must not be above the documented
    /// maximum of `page_size` (100 for this operation). The finding is at the link. Links
    /// without `page_size` use the default and pass; a `page_size` that is not a whole number is
    /// not this rule's concern.
    ///
    /// ## Why it matters
    /// The `page_size` request parameter is documented with "maximum: 100".
    /// Links are requests the server hands to the client to make next; one with a larger
    /// `page_size` is a request the contract forbids, which a conforming server may reject with
    /// 400, stranding the client mid-listing.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=500&page_token=UvmDWOB1iwfAIBPj6EYb", "total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=100&page_token=UvmDWOB1iwfAIBPj6EYb", "total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
    /// ```
    pub LinkPageSizeExceeded, "link-page-size-exceeded", Correctness, hooks = [LIST]
}

/// Whether a query value is a whole number above `max` (however many digits it has).
fn above(value: &str, max: u64) -> bool {
    !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit())
        && value.parse::<u128>().map_or(true, |n| n > u128::from(max))
}

impl Rule for LinkPageSizeExceeded {
    fn list(&self, cx: &mut Cx<'_>, list: &Value) {
        let Some(max) = cx.page_size_max else {
            return;
        };
        for (name, url) in links::of(list, cx.formats()) {
            let Some((_, size)) = query_params(split_url(url).1)
                .find(|(key, value)| key == "page_size" && above(value, max))
            else {
                continue;
            };
            cx.report(
                links::pointer(name),
                format!(
                    "metadata.{name} asks for page_size={size}, above the documented maximum of {max}: a conforming server may reject the request the link makes"
                ),
            )
            .help(format!("links must stay within the contract: page_size at most {max}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{above, LinkPageSizeExceeded};
    use crate::testing::pointers;

    #[test]
    fn whole_numbers_above_the_maximum() {
        assert!(!above("100", 100));
        assert!(!above("0100", 100));
        assert!(above("101", 100));
        assert!(above(
            "99999999999999999999999999999999999999999999999",
            100
        ));
        for not_whole in ["", "-5", "+500", "1e3", "500.0", "many"] {
            assert!(!above(not_whole, 100), "{not_whole}");
        }
    }

    #[test]
    fn every_link_is_checked() {
        let base = "https://h/sql/v1/organizations/o/environments/e/materialized-tables";
        let body = json!({"metadata": {
            "first": format!("{base}?page_size=101"),
            "last": format!("{base}?page_size=100&page_token=a"),
            "prev": null,
            "next": format!("{base}?page_token=b&page_size=1000")
        }, "data": []});
        assert_eq!(
            pointers(&LinkPageSizeExceeded, &body),
            ["/metadata/first", "/metadata/next"]
        );
    }
}
