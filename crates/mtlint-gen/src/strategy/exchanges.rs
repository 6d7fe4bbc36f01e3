//! Whole exchanges (status, headers, body, request URL) for every documented status, and the
//! pages of one listing.

use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::error::{error_body, headers, ok_headers};
use super::identity::list_context;
use super::item::{build_items, item_draft};
use super::list::list_page;
use super::DOCUMENTED_STATUSES;
use crate::config::GenConfig;
use crate::exchange::{Exchange, Sample};

/// A valid 200 exchange: body, headers (`Content-Type`, `X-Request-Id`) and request URL.
pub fn list_exchange(cfg: &GenConfig) -> impl Strategy<Value = Exchange> {
    (list_page(cfg), ok_headers()).prop_map(|(page, headers)| Exchange {
        status: 200,
        request_url: page.request_url(),
        headers,
        body: Some(page.body),
    })
}

/// A valid exchange for a documented error status (400, 401, 403, 404, 500) or 429 (no body).
pub fn error_exchange(status: u16, cfg: &GenConfig) -> impl Strategy<Value = Exchange> {
    let body = if status == 429 {
        Just(None).boxed()
    } else {
        error_body(status, cfg).prop_map(Some).boxed()
    };
    (list_context(), 1..=100_u32, headers(status), body).prop_map(
        move |(ctx, page_size, headers, body)| Exchange {
            status,
            headers,
            body,
            request_url: ctx.page_url(page_size, None),
        },
    )
}

/// A valid exchange for any documented status.
pub fn exchange(status: u16, cfg: &GenConfig) -> BoxedStrategy<Exchange> {
    if status == 200 {
        list_exchange(cfg).boxed()
    } else {
        error_exchange(status, cfg).boxed()
    }
}

/// A valid exchange of any documented status (200 half of the time).
pub fn any_exchange(cfg: &GenConfig) -> BoxedStrategy<Exchange> {
    let errors: Vec<BoxedStrategy<Exchange>> = DOCUMENTED_STATUSES[1..]
        .iter()
        .map(|s| exchange(*s, cfg))
        .collect();
    prop_oneof![
        6 => exchange(200, cfg),
        1 => errors[0].clone(),
        1 => errors[1].clone(),
        1 => errors[2].clone(),
        1 => errors[3].clone(),
        1 => errors[4].clone(),
        1 => errors[5].clone(),
    ]
    .boxed()
}

/// The pages of one listing, in request order: 2 to `cfg.max_pages` pages of at least one item
/// each, names unique per cluster across pages, the same `total_size` on every page, and each
/// page's `next` link equal to the next page's request URL (the last page has none).
pub fn pages(cfg: &GenConfig) -> impl Strategy<Value = Sample> {
    let cfg = cfg.clone();
    let per_page = cfg.max_items.clamp(1, 100);
    let max_pages = cfg.max_pages.max(2);
    (list_context(), vec(1..=per_page, 2..=max_pages))
        .prop_flat_map(move |(ctx, sizes)| {
            let total: usize = sizes.iter().sum();
            (
                Just(ctx),
                Just(sizes),
                vec(item_draft(&cfg), total),
                ok_headers(),
                0..=50_i32,
            )
        })
        .prop_map(|(ctx, sizes, drafts, headers, extra)| {
            let mut items = build_items(&ctx, drafts).into_iter();
            let page_size = *sizes.iter().max().unwrap_or(&1) as u32;
            let total = sizes.iter().sum::<usize>() as i32 + extra;
            let token = |k: usize| format!("page{k}token");
            let count = sizes.len();
            sizes
                .iter()
                .enumerate()
                .map(|(k, size)| {
                    let data: Vec<Value> = items.by_ref().take(*size).collect();
                    let mut metadata = Map::new();
                    if k + 1 < count {
                        metadata.insert(
                            "next".into(),
                            Value::String(ctx.page_url(page_size, Some(&token(k + 1)))),
                        );
                    }
                    metadata.insert("total_size".into(), Value::from(total));
                    let request_token = (k > 0).then(|| token(k));
                    Exchange {
                        status: 200,
                        headers: headers.clone(),
                        body: Some(json!({
                            "api_version": "sql/v1",
                            "kind": "MaterializedTableList",
                            "metadata": Value::Object(metadata),
                            "data": data,
                        })),
                        request_url: ctx.page_url(page_size, request_token.as_deref()),
                    }
                })
                .collect()
        })
}
