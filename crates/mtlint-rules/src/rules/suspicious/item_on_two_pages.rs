use std::collections::{HashMap, HashSet};

use crate::pages::{listings, Page, PagesCx};
use crate::{declare_rule, Rule};

declare_rule! {
    /// The same table appears on two pages of one listing.
    ///
    /// ## What it checks
    /// Across the pages of one listing in a capture (pages linked by `metadata.next` and the
    /// `page_token` of the next request; see `mtlint explain broken-page-chain`), that no table
    /// appears twice. A table is identified by its `metadata.self`, else by its `name` within its
    /// `spec.kafka_cluster_id`. The later copy is reported, naming the entry of the first.
    /// Repeats within one page are `schema/uniqueItems`' and `duplicate-name-in-cluster`'s.
    ///
    /// ## Why it matters
    /// The operation returns "a sorted and paginated list of all materialized tables", and
    /// `ListMeta.total_size` is the "Number of records in the full result set". Paging
    /// through it should visit each record once; a repeat means the pages overlap (an unstable
    /// sort, or an offset that moved), so another table was probably skipped. The documentation
    /// does not promise a snapshot, and a table created while paging can move an offset, so a
    /// repeat is not impossible: a warning.
    ///
    /// ## Example
    /// ```json capture
    /// [{"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2, "next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}},
    ///  {"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}}]
    /// ```
    ///
    /// ## Passes
    /// ```json capture
    /// [{"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2, "next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}},
    ///  {"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/payments"}, "name": "payments", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}}]
    /// ```
    pub ItemOnTwoPages, "item-on-two-pages", Suspicious, hooks = [PAGES]
}

impl Rule for ItemOnTwoPages {
    fn pages(&self, cx: &mut PagesCx<'_>, pages: &[Page]) {
        for listing in listings(pages) {
            let mut seen: HashMap<&str, (usize, &str)> = HashMap::new();
            for &k in &listing {
                let page = &pages[k];
                let mut on_this_page = HashSet::new();
                for item in &page.items {
                    if !on_this_page.insert(item.key.as_str()) {
                        continue;
                    }
                    match seen.get(item.key.as_str()) {
                        Some(&(entry, pointer)) if entry != page.entry => {
                            cx.report(
                                page.entry,
                                item.pointer.clone(),
                                format!(
                                    "{} is also on an earlier page of this listing (entry {entry}, {pointer}): pages overlap, so another table was probably skipped (unless tables were created while paging)",
                                    item.label
                                ),
                            )
                            .help("page with a stable sort order and an opaque token that resumes after the last item returned");
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(item.key.as_str(), (page.entry, item.pointer.as_str()));
                        }
                    }
                }
            }
        }
    }
}
