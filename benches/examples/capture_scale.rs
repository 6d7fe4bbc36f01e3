//! How the cost of one capture grows with its number of responses: a VCR cassette of list
//! pages of one listing linked by `next`, and a capture whose every page is a break of the
//! chain (`broken-page-chain`'s worst case), each at 1×, 10× and 100× a base size, run through
//! the steps a capture goes through in `mtlint check`: read, parse each body, check it in the
//! capture's session, find where the page rules may point in it, and run the page rules.
//! Linear steps keep the time per response flat as the capture grows.
//! `cargo run --release -p mtlint-benches --example capture_scale -- [BASE]` (default 200).
#![allow(clippy::print_stdout)]
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use mtlint_capture::{record, Body, Format};
use mtlint_rules::{BodyState, Checker, RequestContext, ResponseInput, Settings};
use mtlint_schema::Contract;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const LISTING: &str = "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c/environments/env-1/materialized-tables?page_size=1";

/// A list page holding one table, whose `next` gives `next` when there is one.
fn page_body(table: usize, next: Option<&str>) -> String {
    let next = next.map_or(String::new(), |t| {
        format!(r#", "next": "{LISTING}&page_token={t}""#)
    });
    format!(
        r#"{{"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {{"total_size": 1{next}}}, "data": [{{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {{"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/t{table}"}}, "name": "t{table}", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {{"kafka_cluster_id": "lkc-1"}}}}]}}"#
    )
}

/// A go-vcr cassette of `n` pages. Linked: page `i` is requested with the token page `i - 1`
/// gave. Broken: page `i` is requested with a token no page gives, and gives the token page
/// `i - 1` was requested with.
fn cassette(n: usize, linked: bool) -> String {
    let mut out = String::from("---\nversion: 2\ninteractions:\n");
    for i in 0..n {
        let (request, next) = if linked {
            (
                (i > 0).then(|| format!("p{i}")),
                (i + 1 < n).then(|| format!("p{}", i + 1)),
            )
        } else {
            (
                Some(format!("t{i}")),
                (i > 0).then(|| format!("t{}", i - 1)),
            )
        };
        let url = request.map_or(LISTING.to_string(), |t| format!("{LISTING}&page_token={t}"));
        let body = page_body(i, next.as_deref()).replace('\'', "''");
        let _ = write!(
            out,
            "- id: {i}\n  request:\n    url: {url}\n    method: GET\n  response:\n    headers:\n      Content-Type:\n      - application/json\n    body: '{body}'\n    code: 200\n"
        );
    }
    out
}

/// One run over a cassette; returns the page rules' findings.
fn run(checker: &Checker<'_>, text: &str) -> usize {
    let contract = checker.contract();
    let capture = mtlint_capture::read(Format::Cassette, text.as_bytes()).expect("a cassette");
    let mut session = checker.session();
    for record in capture.records.into_iter().flatten() {
        let Body::Text(body, origin) = &record.body else {
            continue;
        };
        let value = mtlint_capture::json::parse(body.as_bytes()).expect("a JSON body");
        let url = &record.request.as_ref().expect("a request").url;
        let request = RequestContext::from_url(url, &contract.path_template).expect("a list URL");
        let input = ResponseInput {
            status: record.status.unwrap_or(200),
            headers: None,
            content_type: Some("application/json"),
            body: Some(&value),
            body_state: BodyState::Present,
            request: &request,
        };
        std::hint::black_box(session.check(record.entry, &input));
        if let Some(page) = session.page(record.entry) {
            std::hint::black_box(record::locate_in_body(
                text.as_bytes(),
                body.as_bytes(),
                *origin,
                &page.pointers(),
            ));
        }
    }
    session.finish().len()
}

fn main() {
    let base: usize = std::env::args()
        .nth(1)
        .map_or(200, |n| n.parse().expect("BASE is a number"));
    let checker = Checker::new(Contract::embedded(), Settings::default()).expect("checker");
    for (name, linked) in [("linked pages", true), ("every page a break", false)] {
        for scale in [1, 10, 100] {
            let n = base * scale;
            let text = cassette(n, linked);
            let rounds = if scale == 100 { 1 } else { 3 };
            let mut findings = 0;
            let best = (0..rounds)
                .map(|_| {
                    let start = Instant::now();
                    findings = run(&checker, &text);
                    start.elapsed()
                })
                .min()
                .unwrap_or(Duration::ZERO);
            println!(
                "{name}: {n} responses ({} KB): {best:.2?}, {:.1} µs per response, {findings} page findings",
                text.len() / 1024,
                best.as_secs_f64() * 1e6 / n as f64
            );
        }
    }
}
