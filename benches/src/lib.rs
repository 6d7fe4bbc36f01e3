//! Fixtures for the benchmarks in `benches/`: list bodies made by the comparison harness's
//! deterministic generator (`shared/bench/gen_corpus.py --big FILE --big-items N`, seed 42).

/// A valid list body with one item (3.6 KB).
pub const LIST_1: &str = include_str!("../fixtures/list-1.json");
/// A valid list body with 100 items (274 KB).
pub const LIST_100: &str = include_str!("../fixtures/list-100.json");

/// `body` with one schema violation and one semantic violation in its first item, so the detailed
/// paths (error collection, positions) are measured too.
#[must_use]
pub fn broken(body: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(body).expect("fixture is JSON");
    value["data"][0]["status"]["phase"] = serde_json::Value::from("RUNNIN");
    value["data"][0]["status"]["version"] = serde_json::Value::from(9);
    value["data"][0]["status"]["latest_version"] = serde_json::Value::from(3);
    serde_json::to_string_pretty(&value).expect("serialises")
}
