use mtlint_json::Value;

use crate::context::{query_params, split_url};
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// A list page holds more items than its page size allows.
    ///
    /// ## What it checks
    /// That `data` holds no more items than the page size in force, the smallest of:
    ///
    /// - the documented maximum of the `page_size` parameter (100 for this operation);
    /// - the request's `page_size`, when it is known (`--page-size`, or the request URL of a
    ///   capture); a `page_size` of 0 sets no limit (what a server does with it is not
    ///   documented);
    /// - the documented default of `page_size` (10) when a capture's request URL is known and
    ///   sent no `page_size`: the server then pages by its default.
    ///
    /// One finding per page, at `/data` (the page as a whole is too long), with the first item
    /// beyond the limit as a related location.
    ///
    /// ## Why it matters
    /// The `page_size` request parameter is "A pagination size for collection requests." with
    /// "default: 10" and "maximum: 100". A page longer than the size asked for (or
    /// than the maximum) breaks clients that allocate or display by page size, and hints that the
    /// server ignored the parameter, so the following page tokens may skip or repeat items.
    ///
    /// ## Example
    /// ```json envelope
    /// {"status": 200, "request": {"url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/payments"}, "name": "payments", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 200, "request": {"url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=2"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}, {"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/payments"}, "name": "payments", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}}
    /// ```
    pub PageSizeExceeded, "page-size-exceeded", Correctness, hooks = [LIST]
}

/// The page size in force and where it comes from, for the message.
fn limit(cx: &Cx<'_>) -> Option<(u64, String)> {
    let mut limits = Vec::new();
    if let Some(max) = cx.page_size_max {
        limits.push((max, format!("the documented maximum page_size {max}")));
    }
    match cx.request.page_size {
        Some(0) => {}
        Some(size) => limits.push((size, format!("the request's page_size={size}"))),
        None => {
            let sent_none = cx.request.url.as_deref().is_some_and(|url| {
                !query_params(split_url(url).1).any(|(name, _)| name == "page_size")
            });
            if let (true, Some(default)) = (sent_none, cx.page_size_default) {
                limits.push((
                    default,
                    format!("the default page_size {default} (the request sent none)"),
                ));
            }
        }
    }
    limits.into_iter().min_by_key(|(size, _)| *size)
}

impl Rule for PageSizeExceeded {
    fn list(&self, cx: &mut Cx<'_>, list: &Value) {
        let Some(count) = list.get("data").and_then(Value::as_array).map(Vec::len) else {
            return;
        };
        let Some((size, source)) = limit(cx) else {
            return;
        };
        let Ok(size) = usize::try_from(size) else {
            return;
        };
        if count <= size {
            return;
        }
        let root = Ptr::Root;
        let data = root.key("data");
        cx.report(
            data.to_pointer(),
            format!("data holds {count} items, more than {source} allows"),
        )
        .help("a page holds at most page_size items (default 10, maximum 100); the rest belong on the next page, behind metadata.next")
        .related(data.index(size).to_pointer(), "the first item beyond the page size");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::PageSizeExceeded;
    use crate::testing::run;
    use crate::RequestContext;

    const URL: &str = "https://h/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables";

    fn page(items: usize) -> Value {
        json!({"data": vec![json!({}); items]})
    }

    /// The related pointer (the first extra item) of the one finding, if any.
    fn extra(items: usize, request: &RequestContext) -> Option<String> {
        let found = run(&PageSizeExceeded, 200, &page(items), request);
        assert!(found.len() <= 1);
        found.first().map(|d| {
            assert_eq!(d.pointer, "/data");
            d.related[0].pointer.clone()
        })
    }

    fn from_url(query: &str) -> RequestContext {
        RequestContext::from_url(
            &format!("{URL}{query}"),
            &mtlint_schema::Contract::embedded().path_template,
        )
        .unwrap()
    }

    #[test]
    fn the_documented_maximum_applies_without_a_request() {
        let none = RequestContext::default();
        assert_eq!(extra(100, &none), None);
        assert_eq!(extra(101, &none).as_deref(), Some("/data/100"));
    }

    #[test]
    fn the_request_page_size_is_the_limit_when_smaller() {
        assert_eq!(extra(20, &from_url("?page_size=20")), None);
        assert_eq!(
            extra(21, &from_url("?page_size=20")).as_deref(),
            Some("/data/20")
        );
        // Asking for more than the maximum still gets at most the maximum.
        assert_eq!(
            extra(101, &from_url("?page_size=500")).as_deref(),
            Some("/data/100")
        );
        // page_size=0 sets no limit of its own.
        assert_eq!(extra(50, &from_url("?page_size=0")), None);
        // A flag without a URL.
        let flag = RequestContext {
            page_size: Some(5),
            ..RequestContext::default()
        };
        assert_eq!(extra(6, &flag).as_deref(), Some("/data/5"));
    }

    #[test]
    fn a_recorded_request_without_page_size_gets_the_default() {
        assert_eq!(extra(10, &from_url("")), None);
        assert_eq!(
            extra(11, &from_url("?page_token=abc")).as_deref(),
            Some("/data/10")
        );
        // An unparsable page_size is not "none sent": no default is assumed.
        assert_eq!(extra(11, &from_url("?page_size=many")), None);
    }
}
