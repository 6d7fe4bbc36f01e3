//! Multi-response rules: the list pages of one capture, checked together.
//!
//! Each response of a capture is checked alone as it is read (the `response`, `list`, `item`...
//! hooks). A 200 list body whose request URL was recorded is also kept as a [`Page`]: a small
//! digest (tokens, `total_size`, item identities and their pointers), never the body. After the
//! last response, every rule's [`crate::Rule::pages`] hook sees all digests in recorded order
//! and reports through [`PagesCx`], naming the entry each finding belongs to; findings point
//! into that entry's body (or at its request, [`crate::Target::Request`]).
//!
//! Pages are linked into listings as a client follows them: a page requested without
//! `page_token` starts a listing; a page requested with `page_token=T` continues the listing
//! whose latest page's `metadata.next` gave `T`. Pages of different collections (organization
//! and environment in the request path) never link.

use std::collections::HashMap;

use mtlint_json::Value;
use mtlint_schema::Severity;

use crate::context::{query_params, split_url};
use crate::cx::path;
use crate::diagnostic::Diagnostic;
use crate::meta::RuleMeta;
use crate::response::ResponseInput;

/// An item of a page, by identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageItem {
    /// `metadata.self`, else `name` and `spec.kafka_cluster_id` (names are unique per cluster).
    pub key: String,
    /// How to say it in a message.
    pub label: String,
    /// Its pointer in the page's body (`/data/3/metadata/self` or `/data/3/name`).
    pub pointer: String,
}

/// What the multi-response rules keep of one list page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The response's index in its file.
    pub entry: usize,
    /// `organization_id/environment_id` of the request path.
    pub collection: String,
    /// The `page_token` the page was requested with.
    pub request_token: Option<String>,
    /// The `page_token` of its `metadata.next` link.
    pub next_token: Option<String>,
    /// The `page_token`s of its `metadata.first`, `last` and `prev` links: pages a client may
    /// reach from this one by the links the documentation offers besides `next`.
    pub other_tokens: Vec<String>,
    /// Its `metadata.total_size`, when a valid int32 of at least 0.
    pub total_size: Option<i64>,
    /// Its items that have an identity, in order.
    pub items: Vec<PageItem>,
}

/// Pointer of a page's `next` link.
pub const NEXT: &str = "/metadata/next";
/// Pointer of a page's `total_size`.
pub const TOTAL_SIZE: &str = "/metadata/total_size";

impl Page {
    /// The digest of a response, if it is a list page whose request URL was recorded.
    #[must_use]
    pub fn of(entry: usize, input: &ResponseInput<'_>) -> Option<Page> {
        if input.status != 200 {
            return None;
        }
        let request = input.request;
        request.url.as_ref()?;
        let body = input.body?;
        let data = body.get("data")?.as_array()?;
        let metadata = body.get("metadata");
        let token_of = |link: &str| {
            metadata
                .and_then(|m| m.get(link))
                .and_then(Value::as_str)
                .and_then(|url| {
                    query_params(split_url(url).1)
                        .find(|(k, _)| k == "page_token")
                        .map(|(_, v)| v.into_owned())
                })
        };
        let next_token = token_of("next");
        let other_tokens = ["first", "last", "prev"]
            .into_iter()
            .filter_map(token_of)
            .collect();
        let total_size = metadata
            .and_then(|m| m.get("total_size"))
            .and_then(Value::as_integer)
            .filter(|n| (0..=i64::from(i32::MAX)).contains(n));
        let mut items = Vec::new();
        for (i, item) in data.iter().enumerate() {
            let self_link = path(item, &["metadata", "self"]).and_then(Value::as_str);
            let name = item.get("name").and_then(Value::as_str);
            let cluster = path(item, &["spec", "kafka_cluster_id"]).and_then(Value::as_str);
            if let Some(link) = self_link {
                items.push(PageItem {
                    key: format!("self {link}"),
                    label: format!("the table at {link}"),
                    pointer: format!("/data/{i}/metadata/self"),
                });
            } else if let (Some(name), Some(cluster)) = (name, cluster) {
                items.push(PageItem {
                    key: format!("name {cluster}/{name}"),
                    label: format!("table {name:?} of cluster {cluster}"),
                    pointer: format!("/data/{i}/name"),
                });
            }
        }
        Some(Page {
            entry,
            collection: format!(
                "{}/{}",
                request.organization_id.as_deref().unwrap_or(""),
                request.environment_id.as_deref().unwrap_or("")
            ),
            request_token: request.page_token.clone(),
            next_token,
            other_tokens,
            total_size,
            items,
        })
    }

    /// Every pointer a multi-response finding may name in this page's body.
    #[must_use]
    pub fn pointers(&self) -> Vec<&str> {
        let mut out = vec!["", NEXT, TOTAL_SIZE];
        out.extend(self.items.iter().map(|i| i.pointer.as_str()));
        out
    }
}

/// The listings of a capture: each a list of indexes into `pages`, in recorded order (see the
/// module docs for how pages link).
#[must_use]
pub fn listings(pages: &[Page]) -> Vec<Vec<usize>> {
    let mut listings: Vec<Vec<usize>> = Vec::new();
    // (collection, token) -> the listing whose latest page gave that token as its next.
    let mut waiting: HashMap<(&str, &str), usize> = HashMap::new();
    for (k, page) in pages.iter().enumerate() {
        let linked = page
            .request_token
            .as_deref()
            .and_then(|t| waiting.remove(&(page.collection.as_str(), t)));
        let listing = linked.unwrap_or_else(|| {
            listings.push(Vec::new());
            listings.len() - 1
        });
        listings[listing].push(k);
        if let Some(next) = page.next_token.as_deref() {
            waiting.insert((page.collection.as_str(), next), listing);
        }
    }
    listings
}

/// A finding that belongs to one response of a capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDiagnostic {
    /// The response's index in its file.
    pub entry: usize,
    /// The finding; its pointer is into that response's body.
    pub diagnostic: Diagnostic,
}

/// Where a multi-response rule reports.
#[derive(Debug)]
pub struct PagesCx<'a> {
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) out: &'a mut Vec<EntryDiagnostic>,
}

impl PagesCx<'_> {
    /// Reports a finding in the body of `entry` at `pointer`.
    pub fn report(
        &mut self,
        entry: usize,
        pointer: String,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let diagnostic = Diagnostic::body(self.meta.name, self.severity, pointer, message.into());
        self.push(entry, diagnostic)
    }

    /// Reports a finding built by the rule (e.g. about a request); rule and severity are set
    /// by the engine.
    pub fn push(&mut self, entry: usize, mut diagnostic: Diagnostic) -> &mut Diagnostic {
        diagnostic.rule = self.meta.name.to_string();
        diagnostic.severity = self.severity;
        self.out.push(EntryDiagnostic { entry, diagnostic });
        &mut self.out.last_mut().expect("just pushed").diagnostic
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(entry: usize, request: Option<&str>, next: Option<&str>) -> Page {
        Page {
            entry,
            collection: "o/e".into(),
            request_token: request.map(str::to_string),
            next_token: next.map(str::to_string),
            other_tokens: Vec::new(),
            total_size: None,
            items: Vec::new(),
        }
    }

    #[test]
    fn pages_link_by_token_and_restarts_make_new_listings() {
        let pages = [
            page(0, None, Some("a")),
            page(1, Some("a"), Some("b")),
            page(2, None, Some("a")),
            page(3, Some("b"), None),
            page(4, Some("a"), None),
            page(5, Some("zz"), None),
        ];
        assert_eq!(listings(&pages), vec![vec![0, 1, 3], vec![2, 4], vec![5]]);
    }

    #[test]
    fn collections_do_not_link() {
        let mut second = page(1, Some("a"), None);
        second.collection = "o/other".into();
        assert_eq!(
            listings(&[page(0, None, Some("a")), second]),
            vec![vec![0], vec![1]]
        );
    }
}
