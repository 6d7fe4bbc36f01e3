use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Target};
use crate::pages::{Page, PagesCx, NEXT};
use crate::{declare_rule, Rule};

declare_rule! {
    /// A capture's list pages do not link up through the tokens of their pagination links.
    ///
    /// ## What it checks
    /// Pages are the 200 list responses of a capture whose request URL was recorded, grouped by
    /// organization and environment. Walking them in recorded order, a page requested with
    /// `page_token=T` is a break when no EARLIER page's link carried `T`: its `metadata.next`,
    /// or its `first`, `last` or `prev` (a client may jump to the last page, or step back,
    /// by the links the documentation offers). Each break is reported once:
    /// - on the most recent earlier page whose `next` token no request of the capture ever
    ///   used (at its `metadata.next`): the chain left that page by another token;
    /// - else, when no such page exists, on the request of the page itself (target `request`).
    ///
    /// A `next` that was not followed by anything is not a break: the capture simply stopped,
    /// and a listing restarted without a token is a new listing.
    ///
    /// ## Why it matters
    /// `ListMeta.next` is "A link to the next page of results. If a response does not contain a
    /// next link, then there is no more data available", and the `page_token` parameter "An opaque
    /// pagination token for collection requests". Tokens are opaque: the only way to a page is
    /// the token a link of an earlier page gave. A page fetched with any other token means the
    /// capture lacks a page, or the server's links do not lead where its pages come from.
    ///
    /// ## Example
    /// ```json capture
    /// [{"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2, "next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "data": []}},
    ///  {"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p3"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": []}}]
    /// ```
    ///
    /// ## Passes
    /// ```json capture
    /// [{"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2, "next": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "data": []}},
    ///  {"status": 200, "request": {"method": "GET", "url": "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1&page_token=p2"}, "body": {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 2}, "data": []}}]
    /// ```
    pub BrokenPageChain, "broken-page-chain", Correctness, hooks = [PAGES]
}

impl Rule for BrokenPageChain {
    fn pages(&self, cx: &mut PagesCx<'_>, pages: &[Page]) {
        let requested: HashSet<(&str, &str)> = pages
            .iter()
            .filter_map(|p| Some((p.collection.as_str(), p.request_token.as_deref()?)))
            .collect();
        let mut given: HashSet<(&str, &str)> = HashSet::new();
        // Per collection, the earlier pages whose `next` token no request used and that no
        // break has been blamed on yet, most recent last: a break takes the last one, so each
        // page is looked at once however many breaks there are.
        let mut dangling: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, page) in pages.iter().enumerate() {
            let collection = page.collection.as_str();
            if let Some(token) = page.request_token.as_deref() {
                if !given.contains(&(collection, token)) {
                    let blamed = dangling.get_mut(collection).and_then(Vec::pop);
                    if let Some(j) = blamed {
                        let earlier = &pages[j];
                        let next = earlier.next_token.as_deref().unwrap_or_default();
                        cx.report(
                            earlier.entry,
                            NEXT.to_string(),
                            format!(
                                "next gives page_token {next:?}, which no recorded request used, yet paging went on with page_token {token:?} (entry {}), which no page gave: a page is missing, or next does not lead to the following page",
                                page.entry
                            ),
                        )
                        .help("record every page by following each next link; if the capture is complete, the server's next tokens are wrong");
                    } else {
                        cx.push(
                            page.entry,
                            Diagnostic::about(
                                Target::Request,
                                None,
                                format!("this page was requested with page_token {token:?}, which no earlier page's next link gave: the capture lacks the page that led here, or the token was made up"),
                            ),
                        ).help("page_token is opaque: request pages only with the token of the previous page's next link");
                    }
                }
            }
            if let Some(next) = page.next_token.as_deref() {
                given.insert((collection, next));
                if !requested.contains(&(collection, next)) {
                    dangling.entry(collection).or_default().push(k);
                }
            }
            // A `first`, `last` or `prev` link hands out a token as much as `next` does: a
            // page reached by one of them is no break.
            for token in &page.other_tokens {
                given.insert((collection, token.as_str()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use mtlint_schema::Severity;

    use super::BrokenPageChain;
    use crate::pages::{Page, PagesCx};
    use crate::Rule;

    fn page(entry: usize, request: Option<&str>, next: Option<&str>, other: &[&str]) -> Page {
        Page {
            entry,
            collection: "o/e".into(),
            request_token: request.map(str::to_string),
            next_token: next.map(str::to_string),
            other_tokens: other.iter().map(|t| (*t).to_string()).collect(),
            total_size: None,
            items: Vec::new(),
        }
    }

    fn breaks(pages: &[Page]) -> usize {
        let mut out = Vec::new();
        let mut cx = PagesCx {
            meta: &BrokenPageChain::META,
            severity: Severity::Error,
            out: &mut out,
        };
        BrokenPageChain.pages(&mut cx, pages);
        out.len()
    }

    #[test]
    fn a_page_reached_by_a_last_or_prev_link_is_no_break() {
        // Page 1, then straight to the last page by page 1's `last` link, then back by `prev`.
        let pages = [
            page(0, None, Some("p2"), &["p9"]),
            page(1, Some("p9"), None, &["p8"]),
            page(2, Some("p8"), Some("p9"), &[]),
        ];
        assert_eq!(breaks(&pages), 0);
        // A token no link of an earlier page gave is still a break.
        let pages = [
            page(0, None, Some("p2"), &["p9"]),
            page(1, Some("p5"), None, &[]),
        ];
        assert_eq!(breaks(&pages), 1);
    }
}
