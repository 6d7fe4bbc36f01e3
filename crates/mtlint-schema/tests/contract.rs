//! The embedded contract and the upstream document, end to end.

use std::path::PathBuf;

use mtlint_schema::{Contract, Severity, Violation};
use serde_json::{json, Value};

fn upstream() -> Option<PathBuf> {
    // The upstream document, kept in the repository (schemas/upstream/README.md) so that this
    // test always runs.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas/upstream/flink-gateway-v1.openapi.yaml");
    assert!(path.exists(), "{} is missing", path.display());
    Some(path)
}

fn check(status: u16, body: &Value) -> Vec<Violation> {
    let contract = Contract::embedded();
    let response = contract
        .response_for(status)
        .expect("documented")
        .response();
    response
        .body_validator()
        .expect("compiles")
        .expect("has a body")
        .violations_serde(body)
}

fn item() -> Value {
    json!({
        "api_version": "sql/v1",
        "kind": "MaterializedTable",
        "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-123/databases/lkc-123/materialized-tables/orders"},
        "name": "orders",
        "organization_id": "12345678-1234-1234-1234-123456789012",
        "environment_id": "env-123",
        "spec": {
            "kafka_cluster_id": "lkc-123",
            "columns": [
                {"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical"},
                {"name": "off", "type": {"type": "BIGINT", "nullable": false}, "kind": "Metadata", "metadata_key": "offset"},
                {"name": "total", "type": {"type": "DECIMAL", "nullable": true, "precision": 10, "scale": 2}, "kind": "Computed", "expression": "a * b"}
            ]
        },
        "status": {"phase": "RUNNING", "version": 1, "latest_version": 2}
    })
}

fn list(items: Vec<Value>) -> Value {
    json!({"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": items.len(), "next": null}, "data": items})
}

fn only(found: &[Violation]) -> (&str, &str) {
    assert_eq!(found.len(), 1, "expected one finding, got {found:#?}");
    (found[0].rule.as_str(), found[0].pointer.as_str())
}

#[test]
fn every_documented_status_is_there() {
    let contract = Contract::embedded();
    assert_eq!(
        contract.statuses(),
        vec!["200", "400", "401", "403", "404", "429", "500"]
    );
    assert!(contract.response_for(418).is_none());
    let r429 = contract.response_for(429).unwrap().response();
    assert!(r429.body_schema.is_none(), "429 documents no body");
    // Headers come in name order (the document's header map is an object).
    let names: Vec<&str> = r429.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Retry-After",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
            "X-Request-Id"
        ]
    );
    assert!(contract
        .response_for(401)
        .unwrap()
        .response()
        .header("www-authenticate")
        .is_some());
}

#[test]
fn a_valid_list_has_no_findings() {
    assert_eq!(check(200, &list(vec![item()])), vec![]);
    assert_eq!(check(200, &list(vec![])), vec![]);
}

#[test]
fn enum_message_names_the_value_and_the_choices() {
    let mut body = list(vec![item()]);
    body["data"][0]["status"]["phase"] = json!("RUNNIN");
    let found = check(200, &body);
    assert_eq!(only(&found), ("schema/enum", "/data/0/status/phase"));
    assert!(
        found[0]
            .message
            .starts_with("data[0].status.phase is \"RUNNIN\"; expected one of PENDING, RUNNING,"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].help.as_deref(), Some("did you mean RUNNING?"));
}

#[test]
fn a_mistyped_enum_value_is_one_type_finding() {
    let mut body = list(vec![item()]);
    body["data"][0]["status"]["phase"] = json!(1);
    assert_eq!(
        only(&check(200, &body)),
        ("schema/type", "/data/0/status/phase")
    );
}

#[test]
fn missing_member_is_reported_where_it_belongs() {
    let mut body = list(vec![item()]);
    body["data"][0].as_object_mut().unwrap().remove("metadata");
    assert_eq!(
        only(&check(200, &body)),
        ("schema/required", "/data/0/metadata")
    );
}

#[test]
fn a_bad_column_is_reported_inside_the_branch_its_kind_selects() {
    let mut body = list(vec![item()]);
    body["data"][0]["spec"]["columns"][1]
        .as_object_mut()
        .unwrap()
        .remove("name");
    assert_eq!(
        only(&check(200, &body)),
        ("schema/required", "/data/0/spec/columns/1/name")
    );

    let mut body = list(vec![item()]);
    body["data"][0]["spec"]["columns"][2]
        .as_object_mut()
        .unwrap()
        .remove("expression");
    assert_eq!(
        only(&check(200, &body)),
        ("schema/required", "/data/0/spec/columns/2/expression")
    );

    let mut body = list(vec![item()]);
    body["data"][0]["spec"]["columns"][0]["type"]["nullable"] = json!("no");
    assert_eq!(
        only(&check(200, &body)),
        ("schema/type", "/data/0/spec/columns/0/type/nullable")
    );
}

#[test]
fn an_unknown_kind_names_the_allowed_kinds() {
    let mut body = list(vec![item()]);
    body["data"][0]["spec"]["columns"][0]["kind"] = json!("Virtual");
    let found = check(200, &body);
    assert_eq!(
        only(&found),
        ("schema/oneOf", "/data/0/spec/columns/0/kind")
    );
    assert!(
        found[0].message.contains("Physical, Metadata, Computed"),
        "{}",
        found[0].message
    );
}

#[test]
fn recursion_through_data_types_is_followed() {
    let mut body = list(vec![item()]);
    body["data"][0]["spec"]["columns"][0]["type"] = json!({
        "type": "ARRAY", "nullable": true,
        "element_type": {"type": "ROW", "nullable": true, "fields": [
            {"name": "f", "field_type": {"type": "MAP", "nullable": true, "key_type": {"type": "STRING"}, "value_type": {"type": "INT", "nullable": true}}}
        ]}
    });
    assert_eq!(
        only(&check(200, &body)),
        (
            "schema/required",
            "/data/0/spec/columns/0/type/element_type/fields/0/field_type/key_type/nullable"
        )
    );
}

#[test]
fn int32_is_a_range_and_formats_are_asserted() {
    let mut body = list(vec![item()]);
    body["metadata"]["total_size"] = json!(2_147_483_648_u64);
    assert_eq!(
        only(&check(200, &body)),
        ("schema/format", "/metadata/total_size")
    );

    let mut body = list(vec![item()]);
    body["data"][0]["organization_id"] = json!("not-a-uuid");
    assert_eq!(
        only(&check(200, &body)),
        ("schema/format", "/data/0/organization_id")
    );

    let mut body = list(vec![item()]);
    body["data"][0]["metadata"]["created_at"] = json!("1996-03-19 01:02:03-04:05");
    assert_eq!(
        only(&check(200, &body)),
        ("schema/format", "/data/0/metadata/created_at")
    );

    let mut body = list(vec![item()]);
    body["metadata"]["next"] = json!("not a uri");
    assert_eq!(
        only(&check(200, &body)),
        ("schema/format", "/metadata/next")
    );
}

#[test]
fn pattern_dollar_is_end_of_input() {
    let mut body = list(vec![item()]);
    body["data"][0]["name"] = json!("orders\n");
    assert_eq!(only(&check(200, &body)), ("schema/pattern", "/data/0/name"));
}

#[test]
fn duplicates_point_at_the_later_copy() {
    let body = list(vec![item(), item()]);
    let found = check(200, &body);
    assert_eq!(only(&found), ("schema/uniqueItems", "/data/1"));
    assert_eq!(found[0].related, vec!["/data/0".to_string()]);
}

#[test]
fn error_items_are_closed_and_message_is_nullable() {
    assert_eq!(
        check(
            500,
            &json!({"errors": [{"status": "500", "message": null, "error_code": 7}]})
        ),
        vec![]
    );
    let found = check(
        400,
        &json!({"errors": [{"status": "400", "colour": "red"}]}),
    );
    assert_eq!(
        only(&found),
        ("schema/additionalProperties", "/errors/0/colour")
    );
}

#[test]
fn the_upstream_document_loads_and_validates_list_and_get() {
    let Some(path) = upstream() else { return };
    let list_op = Contract::from_path(&path, "listSqlv1MaterializedTables").expect("loads");
    let get_op = Contract::from_path(&path, "getSqlv1MaterializedTable").expect("loads");
    let validator = get_op
        .response_for(200)
        .unwrap()
        .response()
        .body_validator()
        .unwrap()
        .unwrap();
    let mut one = item();
    assert!(
        validator.violations_serde(&one).is_empty(),
        "{:#?}",
        validator.violations_serde(&one)
    );
    // x-extensible-enum upstream: an unknown phase is a warning there.
    one["status"]["phase"] = json!("HIBERNATING");
    let found = validator.violations_serde(&one);
    assert_eq!(only(&found), ("schema/extensible-enum", "/status/phase"));
    assert_eq!(found[0].severity, Severity::Warning);
    // Upstream's list metadata has `self`/`next` as plain strings.
    let v = list_op
        .response_for(200)
        .unwrap()
        .response()
        .body_validator()
        .unwrap()
        .unwrap();
    let body = json!({"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"self": "x"}, "data": [item()]});
    assert!(
        v.violations_serde(&body).is_empty(),
        "{:#?}",
        v.violations_serde(&body)
    );
}

#[test]
fn unknown_operation_lists_the_known_ones() {
    let Some(path) = upstream() else { return };
    let err = Contract::from_path(&path, "nope").unwrap_err().to_string();
    assert!(err.contains("nope"));
}

#[test]
fn a_swagger_document_is_named_as_such() {
    let error = Contract::from_text(
        "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\n",
        "old.yaml",
        "listSqlv1MaterializedTables",
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "old.yaml is a Swagger 2.0 document, and mtlint reads OpenAPI 3.0"
    );
}
