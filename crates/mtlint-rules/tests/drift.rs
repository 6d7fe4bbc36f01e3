//! `undocumented-member` through the checker: severity, configuration, and its place beside the
//! schema findings.

use mtlint_rules::{Checker, Config, Overrides, RequestContext, Settings};
use mtlint_schema::{Contract, Severity};
use serde_json::{json, Value};

fn settings(yaml: &str, ignore: &[&str]) -> Settings {
    let config = Config::parse(yaml, "test.yaml").expect("valid config");
    let overrides = Overrides {
        select: Vec::new(),
        ignore: ignore.iter().map(|s| (*s).to_string()).collect(),
    };
    Settings::resolve(&config, &overrides).expect("valid settings")
}

fn check(settings: Settings, status: u16, body: &Value) -> Vec<(String, String, Severity)> {
    let checker = Checker::new(Contract::embedded(), settings).expect("compiles");
    checker
        .check_body(status, body, &RequestContext::default())
        .into_iter()
        .map(|d| (d.rule, d.pointer, d.severity))
        .collect()
}

fn body() -> Value {
    json!({"errors": [{"status": "404", "source": {"pointer": "/spec", "line": 1}}]})
}

#[test]
fn drift_is_info_by_default_with_a_message_and_help() {
    let checker = Checker::new(Contract::embedded(), Settings::default()).unwrap();
    let found = checker.check_body(404, &body(), &RequestContext::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.rule, "undocumented-member");
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.pointer, "/errors/0/source/line");
    assert!(d.message.contains("errors[0].source.line"), "{}", d.message);
    assert!(d.help.as_deref().unwrap_or("").contains("\"line\""));
}

#[test]
fn drift_follows_configuration() {
    assert!(check(settings("", &["undocumented-member"]), 404, &body()).is_empty());
    assert!(check(settings("", &["drift"]), 404, &body()).is_empty());
    let found = check(
        settings("rules:\n  undocumented-member: warning\n", &[]),
        404,
        &body(),
    );
    assert_eq!(
        found,
        [(
            "undocumented-member".to_string(),
            "/errors/0/source/line".to_string(),
            Severity::Warning
        )]
    );
}

#[test]
fn drift_judges_by_the_schema_even_where_schema_findings_are_ignored() {
    // `error` is the misspelt required `errors`: the schema rejects the object, so no drift,
    // whether or not schema/required is reported.
    let misspelt = json!({"error": [{"status": "404"}]});
    assert_eq!(
        check(Settings::default(), 404, &misspelt),
        [(
            "schema/required".to_string(),
            "/errors".to_string(),
            Severity::Error
        )]
    );
    assert!(check(settings("", &["schema/required"]), 404, &misspelt).is_empty());
}
