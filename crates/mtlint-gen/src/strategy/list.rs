//! One page of a listing: a 200 list body with its request.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::identity::{list_context, ListContext};
use super::item::{build_items, item_draft};
use crate::config::GenConfig;

/// One page of a listing: its context, page size, request token and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Organization, environment, host, clusters.
    pub context: ListContext,
    /// The request's `page_size` (at least the number of items).
    pub page_size: u32,
    /// The request's `page_token`, if any.
    pub token: Option<String>,
    /// The 200 body.
    pub body: Value,
}

impl Page {
    /// The request URL of this page.
    #[must_use]
    pub fn request_url(&self) -> String {
        self.context.page_url(self.page_size, self.token.as_deref())
    }
}

fn raw_link() -> impl Strategy<Value = Option<Option<String>>> {
    option::of(option::of("[A-Za-z0-9]{8,20}"))
}

/// A valid 200 list body with its request: 0 to `cfg.max_items` items (at most 100). The
/// parts are drawn independently and assembled afterwards, so each shrinks on its own.
pub fn list_page(cfg: &GenConfig) -> impl Strategy<Value = Page> {
    let (min, max) = cfg.item_bounds();
    (
        list_context(),
        vec(item_draft(cfg), min..=max),
        0..=100_u32,
        (raw_link(), raw_link(), raw_link(), raw_link()),
        option::of(prop_oneof![Just(0_i32), 0..=1000_i32, Just(i32::MAX)]),
    )
        .prop_map(|(context, drafts, spare, links, total)| {
            let items = build_items(&context, drafts);
            let n = items.len() as u32;
            // At least the item count, at most the spec's maximum of 100.
            let page_size = (n.max(1) + spare).min(100).max(n);
            let mut metadata = Map::new();
            for (name, link) in ["first", "last", "prev", "next"]
                .into_iter()
                .zip([links.0, links.1, links.2, links.3])
            {
                if let Some(link) = link {
                    let value = link.map_or(Value::Null, |t| {
                        Value::String(context.page_url(page_size, Some(&t)))
                    });
                    metadata.insert(name.into(), value);
                }
            }
            if let Some(extra) = total {
                let total = (i64::from(n as i32) + i64::from(extra)).min(i64::from(i32::MAX));
                metadata.insert("total_size".into(), Value::from(total));
            }
            let body = json!({
                "api_version": "sql/v1",
                "kind": "MaterializedTableList",
                "metadata": Value::Object(metadata),
                "data": items,
            });
            // Requested without a page token: a single page is the first of its listing (a
            // token would have to come from an earlier page's `next`, see broken-page-chain).
            Page {
                context,
                page_size,
                token: None,
                body,
            }
        })
}

/// A valid 200 list body alone.
pub fn list_body(cfg: &GenConfig) -> impl Strategy<Value = Value> {
    list_page(cfg).prop_map(|p| p.body)
}
