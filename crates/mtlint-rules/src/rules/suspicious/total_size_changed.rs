use crate::pages::{listings, Page, PagesCx, TOTAL_SIZE};
use crate::{declare_rule, Rule};

declare_rule! {
    /// `metadata.total_size` differs between two consecutive pages of one listing.
    ///
    /// ## What it checks
    /// Across the pages of one listing in a capture (linked by `metadata.next` and the
    /// `page_token` of the next request), that each page's `total_size` equals the previous
    /// page's. One finding per change, on the later page; invalid sizes are the schema's.
    ///
    /// ## Why it matters
    /// `ListMeta.total_size` is the "Number of records in the full result set. This response
    /// may be paginated and have a smaller number of records." The documentation does not say
    /// the set is a snapshot taken when paging starts, and tables created or deleted while a
    /// client pages change it legitimately, so a change is information, not an error. It is
    /// worth knowing: pages of a set that changed may skip or repeat tables, and a count that
    /// changes on every page may be computed per page.
    ///
    /// ## Example
    /// ```json capture
    /// [{"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2, "next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "data": []}},
    ///  {"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 3}, "data": []}}]
    /// ```
    ///
    /// ## Passes
    /// ```json capture
    /// [{"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2, "next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "data": []}},
    ///  {"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": []}}]
    /// ```
    pub TotalSizeChanged, "total-size-changed", Suspicious, severity = Info, hooks = [PAGES]
}

impl Rule for TotalSizeChanged {
    fn pages(&self, cx: &mut PagesCx<'_>, pages: &[Page]) {
        for listing in listings(pages) {
            for pair in listing.windows(2) {
                let (before, after) = (&pages[pair[0]], &pages[pair[1]]);
                let (Some(old), Some(new)) = (before.total_size, after.total_size) else {
                    continue;
                };
                if old != new {
                    cx.report(
                        after.entry,
                        TOTAL_SIZE.to_string(),
                        format!(
                            "total_size is {new} on this page but was {old} on the previous page of the listing (entry {}): the full result set changed while paging, which tables created or deleted meanwhile explain",
                            before.entry
                        ),
                    )
                    .help("if no table was created or deleted during the listing, the count is not of the full result set; otherwise page again for a consistent listing");
                }
            }
        }
    }
}
