//! The multi-response rules over small captures: what links pages, what is one break, what is
//! not a finding.

use mtlint_rules::{
    BodyState, Checker, EntryDiagnostic, RequestContext, ResponseInput, Settings, Target,
};
use mtlint_schema::Contract;
use serde_json::{json, Value};

const ORG: &str = "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c";

fn url(env: &str, token: Option<&str>) -> String {
    let base = format!("https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/{ORG}/environments/{env}/materialized-tables?page_size=2");
    match token {
        Some(t) => format!("{base}&page_token={t}"),
        None => base,
    }
}

fn item(name: &str) -> Value {
    json!({"api_version": "sql/v1", "kind": "MaterializedTable",
           "metadata": {"self": format!("https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/{name}")},
           "name": name, "organization_id": ORG, "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}})
}

/// A page: (environment, request token, next token, total_size, item names).
type Spec<'a> = (
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    i64,
    &'a [&'a str],
);

/// Runs a capture of pages and returns only the multi-response findings.
fn run(pages: &[Spec<'_>], with_url: bool) -> Vec<EntryDiagnostic> {
    let checker = Checker::new(Contract::embedded(), Settings::default()).unwrap();
    let mut session = checker.session();
    for (entry, (env, token, next, total, names)) in pages.iter().enumerate() {
        let mut metadata = json!({"total_size": total});
        if let Some(n) = next {
            metadata["next"] = Value::String(url(env, Some(n)));
        }
        let body = json!({"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": metadata,
                          "data": names.iter().map(|n| item(n)).collect::<Vec<_>>()});
        let request = if with_url {
            RequestContext::from_url(&url(env, *token), &Contract::embedded().path_template)
                .unwrap()
        } else {
            RequestContext::default()
        };
        let body = mtlint_json::Value::from(body);
        let input = ResponseInput {
            status: 200,
            headers: None,
            content_type: None,
            body: Some(&body),
            body_state: BodyState::Present,
            request: &request,
        };
        let _ = session.check(entry, &input);
    }
    session.finish()
}

fn summary(found: &[EntryDiagnostic]) -> Vec<(usize, &str, &str)> {
    found
        .iter()
        .map(|f| {
            (
                f.entry,
                f.diagnostic.rule.as_str(),
                f.diagnostic.pointer.as_str(),
            )
        })
        .collect()
}

#[test]
fn a_linked_listing_is_clean() {
    let found = run(
        &[
            ("env-1", None, Some("p2"), 3, &["a", "b"]),
            ("env-1", Some("p2"), None, 3, &["c"]),
        ],
        true,
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_made_up_token_with_no_dangling_next_is_reported_on_the_request() {
    let found = run(
        &[
            ("env-1", None, None, 1, &["a"]),
            ("env-1", Some("zz"), None, 1, &["b"]),
        ],
        true,
    );
    assert_eq!(summary(&found), vec![(1, "broken-page-chain", "")]);
    assert_eq!(found[0].diagnostic.target, Target::Request);
}

#[test]
fn a_skipped_page_is_one_finding_on_the_dangling_next() {
    let found = run(
        &[
            ("env-1", None, Some("p2"), 4, &["a"]),
            ("env-1", Some("p3"), Some("p4"), 4, &["c"]),
            ("env-1", Some("p4"), None, 4, &["d"]),
        ],
        true,
    );
    assert_eq!(
        summary(&found),
        vec![(0, "broken-page-chain", "/metadata/next")]
    );
}

#[test]
fn restarts_retries_and_stops_are_not_findings() {
    let found = run(
        &[
            // Listing 1 stops after its first page (next never followed).
            ("env-1", None, Some("p2"), 2, &["a"]),
            // Listing 2 restarts; its second page is fetched twice (a retry).
            ("env-1", None, Some("q2"), 2, &["a"]),
            ("env-1", Some("q2"), None, 2, &["b"]),
            ("env-1", Some("q2"), None, 2, &["b"]),
        ],
        true,
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn overlap_and_size_change_are_reported_on_the_later_page_only_once() {
    let found = run(
        &[
            ("env-1", None, Some("p2"), 3, &["a", "b"]),
            ("env-1", Some("p2"), Some("p3"), 4, &["b", "c"]),
            ("env-1", Some("p3"), None, 4, &["d"]),
        ],
        true,
    );
    assert_eq!(
        summary(&found),
        vec![
            (1, "item-on-two-pages", "/data/0/metadata/self"),
            (1, "total-size-changed", "/metadata/total_size"),
        ]
    );
}

#[test]
fn environments_do_not_link_and_pages_without_a_request_url_are_not_pages() {
    let found = run(
        &[
            ("env-1", None, Some("p2"), 2, &["a"]),
            ("env-2", Some("p2"), None, 5, &["a"]),
        ],
        true,
    );
    assert_eq!(summary(&found), vec![(1, "broken-page-chain", "")]);
    let found = run(
        &[
            ("env-1", None, Some("p2"), 2, &["a"]),
            ("env-1", Some("p9"), None, 5, &["a"]),
        ],
        false,
    );
    assert!(found.is_empty(), "{found:#?}");
}
