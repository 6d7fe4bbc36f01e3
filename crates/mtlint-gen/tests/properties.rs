//! Property tests: generated valid responses have no finding; each mutation yields exactly its
//! finding; no input panics; verdicts survive a serialise/parse round trip and do not depend
//! on the thread count. Case counts are bounded so the suite stays fast on two cores.

use std::sync::LazyLock;

use mtlint_gen::mutation::{self, catalogue, Mutated, Mutation, Record};
use mtlint_gen::strategy;
use mtlint_gen::{check_sample, Exchange, GenConfig};
use mtlint_rules::{Checker, Diagnostic, RequestContext, ResponseInput, Settings};
use mtlint_schema::{Contract, Severity};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;

static CHECKER: LazyLock<Checker<'static>> =
    LazyLock::new(|| Checker::new(Contract::embedded(), Settings::default()).expect("compiles"));

/// Checks one exchange as a capture with headers and request URL records it.
fn check(exchange: &Exchange) -> Vec<Diagnostic> {
    exchange.with_input(|input| CHECKER.check(input))
}

fn show(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} {:?} {:?} {}: {}",
                d.severity, d.rule, d.target, d.header, d.pointer, d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_clean(exchange: &Exchange) -> Result<(), TestCaseError> {
    let found = check(exchange);
    prop_assert!(
        found.is_empty(),
        "a valid {} response has findings:\n{}\nbody: {}",
        exchange.status,
        show(&found),
        exchange
            .body
            .as_ref()
            .map(Value::to_string)
            .unwrap_or_default()
    );
    Ok(())
}

/// The mutated sample has its expected finding (once, at its place) and no other error.
fn assert_expected(mutation: &Mutation, mutated: &Mutated) -> Result<(), String> {
    let expected = &mutated.expected;
    let found = check_sample(&CHECKER, &mutated.sample);
    let of_rule: Vec<&(usize, Diagnostic)> = found
        .iter()
        .filter(|(_, d)| d.rule == expected.rule)
        .collect();
    let at_place = |(entry, d): &(usize, Diagnostic)| {
        *entry == expected.entry
            && d.target == expected.target
            && d.pointer == expected.pointer
            && expected.header.as_deref().is_none_or(|h| {
                d.header
                    .as_deref()
                    .is_some_and(|dh| dh.eq_ignore_ascii_case(h))
            })
    };
    let exchange = &mutated.sample[expected.entry.min(mutated.sample.len() - 1)];
    let context = || {
        let shown: Vec<Diagnostic> = found.iter().map(|(_, d)| d.clone()).collect();
        format!(
            "mutation {} ({}): expected {} {:?} {:?} at {:?} (entry {}); found:\n{}\nbody: {}",
            mutation.id,
            mutation.description,
            expected.rule,
            expected.target,
            expected.header,
            expected.pointer,
            expected.entry,
            show(&shown),
            exchange
                .body
                .as_ref()
                .map(|b| b.to_string().chars().take(400).collect::<String>())
                .unwrap_or_default()
        )
    };
    if of_rule.len() != 1 || !at_place(of_rule[0]) {
        return Err(context());
    }
    let others: Vec<&(usize, Diagnostic)> = found
        .iter()
        .filter(|(_, d)| d.rule != expected.rule && d.severity == Severity::Error)
        .filter(|(_, d)| !mutated.tolerated.iter().any(|t| t.name == d.rule))
        .collect();
    if !others.is_empty() {
        return Err(format!("other errors: {}", context()));
    }
    Ok(())
}

fn active_mutations() -> Vec<&'static Mutation> {
    mutation::catalogue().iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_valid_response_has_no_finding(exchange in strategy::any_exchange(&GenConfig::small())) {
        assert_clean(&exchange)?;
    }

    #[test]
    fn a_valid_single_table_has_no_finding((context, table) in strategy::materialized_table(&GenConfig::small())) {
        let body = serde_json::json!({
            "api_version": "sql/v1", "kind": "MaterializedTableList",
            "metadata": {"total_size": 1}, "data": [table],
        });
        let exchange = Exchange {
            status: 200,
            headers: vec![("X-Request-Id".into(), "r-1".into()), ("Content-Type".into(), "application/json".into())],
            body: Some(body),
            request_url: context.page_url(10, None),
        };
        assert_clean(&exchange)?;
    }

    #[test]
    fn each_page_of_a_valid_listing_has_no_finding(pages in strategy::pages(&GenConfig::small())) {
        for page in &pages {
            assert_clean(page)?;
        }
    }

    #[test]
    fn a_mutation_yields_exactly_its_finding(
        (mutation, mutated) in mutation::mutated(&GenConfig::small(), active_mutations())
    ) {
        let mutated = mutated.map_err(|e| TestCaseError::fail(format!("{}: {e}", mutation.id)))?;
        assert_expected(mutation, &mutated).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn each_page_of_a_mutated_listing_is_valid_alone(
        (mutation, mutated) in mutation::mutated(
            &GenConfig::small(),
            catalogue().iter().filter(|m| m.record == Record::Pages).collect(),
        )
    ) {
        // The multi-page rules need the sequence of responses; each page by itself stays clean,
        // so the finding can only come from comparing pages.
        let mutated = mutated.map_err(|e| TestCaseError::fail(format!("{}: {e}", mutation.id)))?;
        prop_assert!(mutated.expected.entry < mutated.sample.len());
        for page in &mutated.sample {
            let errors: Vec<Diagnostic> = check(page).into_iter().filter(|d| d.severity == Severity::Error).collect();
            prop_assert!(errors.is_empty(), "{}: {}", mutation.id, show(&errors));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_full_size_list_has_no_finding(exchange in strategy::list_exchange(&GenConfig::default().with_min_items(60))) {
        assert_clean(&exchange)?;
    }
}

/// Every active mutation, a few times each, from a fixed seed: the random property above
/// samples the catalogue; this sweep guarantees each mutation runs in every `cargo test`.
/// The drift gate (the closed schema's structure alone) never hides an undocumented member,
/// the quick closed schema answers as the closed one, and the schema passes on the borrowed
/// tree agree with those on `serde_json` values.
fn fast_passes_agree(exchange: &Exchange) -> Result<(), String> {
    let Some(body) = &exchange.body else {
        return Ok(());
    };
    let Some(found) = Contract::embedded().response_for(exchange.status) else {
        return Ok(());
    };
    let response = found.response();
    let (Ok(Some(open)), Ok(Some(drift))) = (response.body_validator(), response.drift_validator())
    else {
        return Ok(());
    };
    let tree = mtlint_json::Value::from_serde(body);
    let shown = || serde_json::to_string(body).unwrap_or_default();
    let violations = open.violations_serde(body);
    let on_tree = if open.is_valid(&tree) {
        Vec::new()
    } else {
        open.violations_of_invalid(&tree)
    };
    if violations != on_tree {
        return Err(format!(
            "violations differ on the tree: {violations:?} / {on_tree:?} for {}",
            shown()
        ));
    }
    if drift.is_valid_serde(body) != drift.is_valid_closed_serde(body) {
        return Err(format!(
            "the quick and the closed schema disagree on {}",
            shown()
        ));
    }
    if drift.is_valid_serde(body) != drift.is_valid(&tree) {
        return Err(format!(
            "the closed schema's passes disagree on {}",
            shown()
        ));
    }
    let undocumented = drift.undocumented_serde(body, &violations);
    if !drift.may_have_undocumented(&tree) && !undocumented.is_empty() {
        return Err(format!(
            "the drift gate hides {undocumented:?} in {}",
            shown()
        ));
    }
    Ok(())
}

#[test]
fn every_active_mutation_yields_exactly_its_finding() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let cfg = GenConfig::small();
    let mut failures = Vec::new();
    let mut ran = 0;
    for mutation in active_mutations() {
        let base = mutation.base_strategy(&cfg);
        for seed in 0..3_u64 {
            let sample = base.new_tree(&mut runner).expect("generates").current();
            match mutation.apply(&sample, seed) {
                Ok(mutated) => {
                    if let Err(message) = assert_expected(mutation, &mutated) {
                        failures.push(message);
                    }
                    for exchange in sample.iter().chain(&mutated.sample) {
                        if let Err(message) = fast_passes_agree(exchange) {
                            failures.push(format!("{}: {message}", mutation.id));
                        }
                    }
                }
                Err(message) => failures.push(format!("{}: cannot apply: {message}", mutation.id)),
            }
            ran += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(ran >= 3 * 140, "only {ran} mutated samples ran");
}

const KEYS: &[&str] = &[
    "api_version",
    "kind",
    "metadata",
    "data",
    "total_size",
    "next",
    "first",
    "self",
    "name",
    "organization_id",
    "environment_id",
    "spec",
    "kafka_cluster_id",
    "columns",
    "type",
    "nullable",
    "precision",
    "scale",
    "length",
    "element_type",
    "key_type",
    "value_type",
    "fields",
    "field_type",
    "watermark",
    "column",
    "constraints",
    "distribution",
    "keys",
    "status",
    "phase",
    "detail",
    "version",
    "latest_version",
    "warnings",
    "reason",
    "stopped",
    "errors",
    "id",
    "error_code",
    "message",
    "created_at",
    "updated_at",
    "deleted_at",
];

const STRINGS: &[&str] = &[
    "sql/v1", "MaterializedTableList", "MaterializedTable", "RUNNING", "FAILED", "DECIMAL",
    "TIMESTAMP", "ARRAY", "MAP", "ROW", "..", ".", "PRIMARY_KEY", "HASH", "Physical",
    "Computed", "404", "2025-06-01T12:00:00Z", "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/o/environments/e/materialized-tables?page_size=10&page_token=t",
    "", "~1/~0", "\u{0}\u{1f}\u{10ffff}",
];

/// Any JSON value, biased toward the members and values of this API so that the rules'
/// paths are reached.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        proptest::sample::select(STRINGS).prop_map(Value::from),
        ".{0,10}".prop_map(Value::String),
    ];
    leaf.prop_recursive(8, 96, 6, |inner| {
        let key = prop_oneof![3 => proptest::sample::select(KEYS).prop_map(str::to_string), 1 => ".{0,6}"];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key, inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Every pointer of a value (pre-order).
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let mut p = at.clone();
                mtlint_json::pointer::push_token(&mut p, k);
                pointers(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn check_everything(status: u16, body: Option<&Value>, headers: &[(String, String)], url: &str) {
    let exchange = Exchange {
        status,
        headers: headers.to_vec(),
        body: body.cloned(),
        request_url: url.to_string(),
    };
    let _ = check_sample(&CHECKER, &vec![exchange.clone(), exchange]);
    if let Some(body) = body {
        let body = mtlint_json::Value::from_serde(body);
        let _ = CHECKER.check(&ResponseInput::body(
            status,
            &body,
            &RequestContext::default(),
        ));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_json_value_panics(
        body in arbitrary_json(),
        status in proptest::sample::select(&[200_u16, 400, 401, 404, 429, 500, 418, 302][..]),
        headers in proptest::collection::vec(
            (proptest::sample::select(&["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "Content-Type", "X-Request-Id", "WWW-Authenticate"][..]).prop_map(str::to_string), ".{0,12}"),
            0..6,
        ),
        url in prop_oneof![Just("https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/o/environments/e/materialized-tables?page_size=5".to_string()), ".{0,40}"],
    ) {
        check_everything(status, Some(&body), &headers, &url);
        check_everything(status, None, &headers, &url);
    }

    #[test]
    fn no_damaged_valid_response_panics(
        exchange in strategy::any_exchange(&GenConfig::small()),
        replacement in arbitrary_json(),
        at in any::<proptest::sample::Index>(),
    ) {
        // Structure-aware: one node of a valid body replaced by anything reaches deep rule code
        // with almost-valid input.
        let mut body = exchange.body.clone().unwrap_or(Value::Null);
        let mut all = Vec::new();
        pointers(&body, String::new(), &mut all);
        let pointer = at.get(&all).clone();
        if let Some(slot) = body.pointer_mut(&pointer) {
            *slot = replacement;
        }
        check_everything(exchange.status, Some(&body), &exchange.headers, &exchange.request_url);
    }

    #[test]
    fn no_bytes_panic_in_parsing_checking_or_locating(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..256),
            (strategy::list_body(&GenConfig::small()), any::<proptest::sample::Index>(), any::<u8>(), any::<bool>())
                .prop_map(|(body, at, byte, truncate)| {
                    let mut text = serde_json::to_vec_pretty(&body).unwrap();
                    let i = at.index(text.len());
                    if truncate { text.truncate(i); } else { text[i] = byte; }
                    text
                }),
        ],
        extra in proptest::collection::vec(".{0,12}", 0..4),
    ) {
        let mut wanted: Vec<String> = extra.into_iter().map(|e| format!("/{e}")).collect();
        if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
            pointers(&value, String::new(), &mut wanted);
            let _ = CHECKER.check_body(200, &value, &RequestContext::default());
            let _ = CHECKER.check_body(404, &value, &RequestContext::default());
        }
        wanted.push("/data/0/spec/columns/0/type".into());
        let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
        let spans = mtlint_capture::position::locate_all(&bytes, &refs);
        prop_assert_eq!(spans.len(), refs.len());
        for span in spans.into_iter().flatten() {
            prop_assert!(span.start <= span.end && span.end <= bytes.len());
        }
    }
}

fn verdict(found: &[Diagnostic]) -> Vec<String> {
    let mut out: Vec<String> = found
        .iter()
        .map(|d| {
            format!(
                "{} {} {:?} {:?} {}",
                d.severity, d.rule, d.target, d.header, d.pointer
            )
        })
        .collect();
    out.sort();
    out
}

fn valid_or_mutated() -> impl Strategy<Value = Exchange> {
    prop_oneof![
        strategy::any_exchange(&GenConfig::small()),
        mutation::mutated(&GenConfig::small(), active_mutations())
            .prop_filter_map("applies", |(_, mutated)| mutated
                .ok()
                .map(|m| m.sample[m.expected.entry].clone()),),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_verdict_survives_a_round_trip(exchange in valid_or_mutated(), pretty in any::<bool>()) {
        let before = verdict(&check(&exchange));
        let mut again = exchange.clone();
        if let Some(body) = &exchange.body {
            let text = if pretty { serde_json::to_string_pretty(body) } else { serde_json::to_string(body) }.unwrap();
            again.body = Some(serde_json::from_str(&text).unwrap());
        }
        prop_assert_eq!(before, verdict(&check(&again)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_verdict_does_not_depend_on_the_thread_count(batch in proptest::collection::vec(valid_or_mutated(), 4..12)) {
        use rayon::prelude::*;
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| batch.par_iter().map(|e| verdict(&check(e))).collect::<Vec<_>>())
        };
        prop_assert_eq!(run(1), run(2));
    }
}

/// Shrinking heads for small readable cases: a property that fails on any DECIMAL column
/// shrinks to one item named "orders" with a column or two, no optional members.
#[test]
fn shrinking_gives_small_readable_cases() {
    use proptest::test_runner::TestError;
    let mut runner = TestRunner::new_with_rng(
        Config {
            failure_persistence: None,
            max_shrink_iters: 20_000,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[3; 32]),
    );
    let result = runner.run(&strategy::list_body(&GenConfig::small()), |body| {
        prop_assert!(!body.to_string().contains("\"DECIMAL\""));
        Ok(())
    });
    let Err(TestError::Fail(_, minimal)) = result else {
        panic!("no list with a DECIMAL was generated: {result:?}");
    };
    let items = minimal["data"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{minimal:#}");
    let spec = items[0]["spec"].as_object().unwrap();
    // One column holds the DECIMAL; shrinking may stop at a second one that holds another.
    assert!(
        spec["columns"].as_array().unwrap().len() <= 2,
        "{minimal:#}"
    );
    let mut members: Vec<&String> = spec.keys().collect();
    members.sort();
    assert_eq!(members, ["columns", "kafka_cluster_id"], "{minimal:#}");
    assert!(items[0].get("status").is_none(), "{minimal:#}");
    assert_eq!(items[0]["name"], "orders", "{minimal:#}");
    assert_eq!(
        items[0]["organization_id"],
        "00000000-0000-4000-8000-000000000000"
    );
    assert!(minimal.to_string().len() < 1500, "{minimal:#}");
}

fn type_depth(node: &Value) -> usize {
    let nested = ["key_type", "value_type", "element_type"]
        .iter()
        .filter_map(|k| node.get(*k))
        .chain(
            node.get("fields")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|f| f.get("field_type")),
        )
        .map(type_depth)
        .max();
    nested.map_or(0, |d| d + 1)
}

/// The generators reach everything they promise: every column kind and type family, nesting
/// several levels deep, watermarks, keys, distributions, options, warnings, scaling status,
/// links, and list sizes from empty to large.
#[test]
fn the_generators_reach_every_feature() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[5; 32]),
    );
    let strategy = strategy::list_body(&GenConfig::small());
    let mut seen = std::collections::BTreeSet::new();
    let mut deepest = 0;
    for _ in 0..64 {
        let body = strategy.new_tree(&mut runner).unwrap().current();
        let text = body.to_string();
        for word in [
            "\"ARRAY\"",
            "\"MAP\"",
            "\"MULTISET\"",
            "\"ROW\"",
            "\"DECIMAL\"",
            "\"TIMESTAMP\"",
            "\"TIMESTAMP_LTZ\"",
            "\"VARCHAR\"",
            "\"Physical\"",
            "\"Metadata\"",
            "\"Computed\"",
            "\"watermark\"",
            "\"PRIMARY_KEY\"",
            "\"HASH\"",
            "\"table_options\"",
            "\"session_options\"",
            "\"warnings\"",
            "\"scaling_status\"",
            "page_token=",
            "\"deleted_at\"",
            "\"FAILED\"",
            "\"labels\"",
        ] {
            if text.contains(word) {
                seen.insert(word);
            }
        }
        let items = body["data"].as_array().unwrap();
        seen.insert(if items.is_empty() {
            "empty list"
        } else {
            "items"
        });
        for column in items
            .iter()
            .filter_map(|i| i.pointer("/spec/columns").and_then(Value::as_array))
            .flatten()
        {
            deepest = deepest.max(type_depth(&column["type"]));
        }
    }
    assert_eq!(seen.len(), 24, "{seen:?}");
    assert!(deepest >= 3, "types nest only {deepest} deep");
    let big = strategy::list_body(&GenConfig::default().with_min_items(90))
        .new_tree(&mut runner)
        .unwrap()
        .current();
    assert!(big["data"].as_array().unwrap().len() >= 90);
}
