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

/// The bodies named in the file given as the program's first argument (one path per line, as
/// the comparison harness writes its lists), for the examples that time a whole corpus.
///
/// # Panics
/// No argument, or a file that cannot be read: the examples are tools, not library code.
#[must_use]
pub fn corpus_from_args() -> Vec<String> {
    let list = std::env::args()
        .nth(1)
        .expect("a file listing one body path per line");
    std::fs::read_to_string(list)
        .expect("the list")
        .lines()
        .map(|p| std::fs::read_to_string(p).expect("a body"))
        .collect()
}
