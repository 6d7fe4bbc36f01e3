//! The drift validator end to end: which members the spec does not define, on the embedded
//! contract and on the upstream document.

use std::path::PathBuf;

use mtlint_schema::{Contract, Response};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The upstream document, found in `shared/` beside the checkout (or above a worktree).
fn upstream() -> Option<PathBuf> {
    // The upstream document, kept in the repository (schemas/upstream/README.md) so that this
    // test always runs.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas/upstream/flink-gateway-v1.openapi.yaml");
    assert!(path.exists(), "{} is missing", path.display());
    Some(path)
}

/// The undocumented members' pointers, given the main validator's findings.
fn drift_of(response: &Response, body: &Value) -> Vec<String> {
    let violations = response
        .body_validator()
        .expect("compiles")
        .expect("has a body")
        .violations_serde(body);
    response
        .drift_validator()
        .expect("compiles")
        .expect("has a body")
        .undocumented_serde(body, &violations)
        .into_iter()
        .map(|u| u.pointer)
        .collect()
}

fn drift(status: u16, body: &Value) -> Vec<String> {
    drift_of(
        Contract::embedded()
            .response_for(status)
            .unwrap()
            .response(),
        body,
    )
}

/// A coherent item using every documented member the tests need.
fn item() -> Value {
    json!({
        "api_version": "sql/v1",
        "kind": "MaterializedTable",
        "metadata": {
            "self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders",
            "resource_name": "crn://confluent.cloud/kafka=lkc-1",
            "created_at": "2025-11-03T09:15:00Z",
            "updated_at": "2025-11-10T16:20:00Z",
            "uid": "12345678-1234-1234-1234-123456789012",
            "resource_version": "a23av",
            "labels": {"team": "payments", "anything-goes": "yes"}
        },
        "name": "orders",
        "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c",
        "environment_id": "env-1",
        "spec": {
            "kafka_cluster_id": "lkc-1",
            "table_options": {"changelog.mode": "append", "any.key": "v"},
            "columns": [
                {"name": "id", "type": {"type": "BIGINT", "nullable": false}, "kind": "Physical", "comment": "key"},
                {"name": "off", "type": {"type": "BIGINT", "nullable": false}, "kind": "Metadata", "metadata_key": "offset", "virtual": true},
                {"name": "total", "type": {"type": "DECIMAL", "nullable": true, "precision": 10, "scale": 2}, "kind": "Computed", "expression": "a * b", "virtual": false},
                {"name": "nested", "kind": "Physical", "type": {
                    "type": "ROW", "nullable": true, "fields": [
                        {"name": "tags", "description": "d", "field_type": {
                            "type": "ARRAY", "nullable": true, "element_type": {
                                "type": "MAP", "nullable": true,
                                "key_type": {"type": "STRING", "nullable": false},
                                "value_type": {"type": "INT", "nullable": true}
                            }
                        }}
                    ]
                }}
            ],
            "watermark": {"column": "ts", "expression": "ts"},
            "constraints": [{"name": "pk", "type": "PRIMARY_KEY", "columns": ["id"], "enforced": false}],
            "distribution": {"kind": "HASH", "keys": ["id"], "bucket_count": 6}
        },
        "status": {
            "phase": "RUNNING",
            "warnings": [{"severity": "LOW", "created_at": "2025-11-10T16:20:00Z", "reason": "R", "message": "m"}],
            "scaling_status": {"scaling_state": "OK", "last_updated": "2025-11-10T16:25:00Z"},
            "version": 1,
            "latest_version": 1
        }
    })
}

fn list(items: Vec<Value>) -> Value {
    json!({"api_version": "sql/v1", "kind": "MaterializedTableList",
           "metadata": {"first": null, "next": null, "total_size": items.len()}, "data": items})
}

/// `item()` with one change at `pointer` (the last token is the member to set).
fn with(pointer: &str, value: Value) -> Value {
    let mut body = list(vec![item()]);
    let (parent, name) = pointer.rsplit_once('/').unwrap();
    body.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("{parent} is an object"))
        .insert(name.to_string(), value);
    body
}

#[test]
fn a_body_using_only_documented_members_has_no_drift() {
    assert_eq!(drift(200, &list(vec![item()])), Vec::<String>::new());
    assert_eq!(drift(200, &list(vec![])), Vec::<String>::new());
}

#[test]
fn members_of_either_metadata_part_are_documented_and_others_are_not() {
    // `self`, `created_at` come from ObjectMeta, `uid`, `resource_version`, `labels` from the
    // second allOf part: one site sees both.
    let body = with("/data/0/metadata/owner", json!({"team": "payments"}));
    assert_eq!(drift(200, &body), ["/data/0/metadata/owner"]);
}

#[test]
fn maps_are_open_by_design() {
    // `labels` and `table_options` keys are never drift, whatever they are called.
    let body = with("/data/0/spec/table_options/never-heard-of-it", json!("x"));
    assert_eq!(drift(200, &body), Vec::<String>::new());
}

#[test]
fn each_column_kind_declares_its_own_members() {
    // metadata_key and virtual are Metadata's; virtual is also Computed's; Physical has neither.
    let body = with("/data/0/spec/columns/0/virtual", json!(true));
    assert_eq!(drift(200, &body), ["/data/0/spec/columns/0/virtual"]);
    let body = with("/data/0/spec/columns/0/metadata_key", json!("offset"));
    assert_eq!(drift(200, &body), ["/data/0/spec/columns/0/metadata_key"]);
    let body = with("/data/0/spec/columns/2/metadata_key", json!("offset"));
    assert_eq!(drift(200, &body), ["/data/0/spec/columns/2/metadata_key"]);
    let body = with("/data/0/spec/columns/1/position", json!(1));
    assert_eq!(drift(200, &body), ["/data/0/spec/columns/1/position"]);
}

#[test]
fn nested_drift_does_not_make_documented_members_of_its_ancestors_drift() {
    // A failing site inside an allOf member drops that member's annotations; the documented
    // members above (the column's name and type, every member of status) must not be reported.
    let mut body = with("/data/0/spec/columns/0/type/charset", json!("UTF-16"));
    body["data"][0]["status"]["warnings"][0]["code"] = json!("W1");
    body["data"][0]["status"]["scaling_status"]["target_cfu"] = json!(10);
    assert_eq!(
        drift(200, &body),
        [
            "/data/0/spec/columns/0/type/charset",
            "/data/0/status/scaling_status/target_cfu",
            "/data/0/status/warnings/0/code",
        ]
    );
}

#[test]
fn data_types_are_checked_at_every_depth() {
    let deep = "/data/0/spec/columns/3/type/fields/0/field_type/element_type/value_type/charset";
    assert_eq!(drift(200, &with(deep, json!("x"))), [deep]);
    let field = "/data/0/spec/columns/3/type/fields/0/comment";
    assert_eq!(drift(200, &with(field, json!("x"))), [field]);
}

#[test]
fn every_open_object_level_reports_its_own_members() {
    for pointer in [
        "/extra",
        "/metadata/self",
        "/data/0/extra",
        "/data/0/spec/extra",
        "/data/0/spec/watermark/strategy",
        "/data/0/spec/constraints/0/validated",
        "/data/0/spec/distribution/algorithm",
        "/data/0/status/ready_replicas",
    ] {
        let body = if pointer.starts_with("/data") {
            with(pointer, json!(1))
        } else {
            let mut body = list(vec![item()]);
            let (parent, name) = pointer.rsplit_once('/').unwrap();
            body.pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .unwrap()
                .insert(name.into(), json!("x"));
            body
        };
        assert_eq!(drift(200, &body), [pointer], "{pointer}");
    }
}

#[test]
fn nullable_links_are_plain_values() {
    let mut body = list(vec![item()]);
    body["metadata"] =
        json!({"first": null, "last": null, "prev": null, "next": null, "total_size": 1});
    assert_eq!(drift(200, &body), Vec::<String>::new());
}

#[test]
fn errors_are_closed_already_and_their_source_is_open() {
    // An unknown member of an Error item is schema/additionalProperties, not drift.
    let body = json!({"errors": [{"status": "404", "colour": "red"}]});
    assert_eq!(drift(404, &body), Vec::<String>::new());
    let body = json!({"errors": [{"status": "404", "source": {"pointer": "/x", "line": 3}}]});
    assert_eq!(drift(404, &body), ["/errors/0/source/line"]);
    let body = json!({"errors": [{"status": "500"}], "trace_id": "t"});
    assert_eq!(drift(500, &body), ["/trace_id"]);
}

#[test]
fn a_misspelt_required_member_is_not_also_drift() {
    // A misspelt required member is reported once, by schema/required.
    let mut body = list(vec![item()]);
    let column = body["data"][0]["spec"]["columns"][0]
        .as_object_mut()
        .unwrap();
    let name = column.remove("name").unwrap();
    column.insert("nmae".into(), name);
    assert_eq!(drift(200, &body), Vec::<String>::new());
    let body = json!({"error": [{"status": "400"}]});
    assert_eq!(drift(400, &body), Vec::<String>::new());
}

#[test]
fn an_object_missing_a_required_member_still_reports_its_other_drift() {
    let body = json!({"message": "Forbidden"});
    assert_eq!(drift(403, &body), ["/message"]);
    // Beside a misspelling, which is not drift, another unknown member is.
    let mut body = list(vec![item()]);
    let column = body["data"][0]["spec"]["columns"][0]
        .as_object_mut()
        .unwrap();
    let name = column.remove("name").unwrap();
    column.insert("nmae".into(), name);
    column.insert("position".into(), json!(0));
    assert_eq!(drift(200, &body), ["/data/0/spec/columns/0/position"]);
}

#[test]
fn an_invalid_object_counts_every_conditional_branch_as_declared() {
    // kind "Virtual" selects no branch (schema/oneOf): name and type are still documented.
    let body = with("/data/0/spec/columns/0/kind", json!("Virtual"));
    assert_eq!(drift(200, &body), Vec::<String>::new());
    // A schema error inside a column (a precision that is not an integer) does not turn its
    // documented members into drift either, and real drift beside it is still found.
    let mut body = with("/data/0/spec/columns/2/type/precision", json!("ten"));
    body["data"][0]["spec"]["columns"][2]["position"] = json!(2);
    body["data"][0]["extra"] = json!(true);
    assert_eq!(
        drift(200, &body),
        ["/data/0/extra", "/data/0/spec/columns/2/position"]
    );
}

#[test]
fn a_nullable_object_is_closed_through_its_wrapper() {
    let document = json!({
        "openapi": "3.0.3",
        "paths": {"/x": {"get": {"operationId": "getX", "responses": {"200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Outer"}}}
        }}}}},
        "components": {"schemas": {
            "Outer": {"type": "object", "properties": {
                "inner": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/Inner"}]}
            }},
            "Inner": {"type": "object", "properties": {"a": {"type": "string"}}}
        }}
    });
    let contract = Contract::from_document(&document, "test", "getX").unwrap();
    let response = contract.response_for(200).unwrap().response();
    assert_eq!(
        drift_of(response, &json!({"inner": {"a": "x", "b": 1}})),
        ["/inner/b"]
    );
    assert_eq!(
        drift_of(response, &json!({"inner": null})),
        Vec::<String>::new()
    );
}

#[test]
fn the_upstream_document_works_as_a_user_spec() {
    let Some(path) = upstream() else {
        // The reference document is outside the repository; nothing to load without it.
        return;
    };
    let contract = Contract::from_path(&path, "getSqlv1MaterializedTable").expect("loads");
    let response = contract.response_for(200).unwrap().response();
    let mut table = item();
    assert_eq!(drift_of(response, &table), Vec::<String>::new());
    // Upstream's ObjectMeta has no deleted_at (the seed's has).
    table["metadata"]["deleted_at"] = json!("2025-12-01T00:00:00Z");
    table["spec"]["columns"][0]["virtual"] = json!(true);
    assert_eq!(
        drift_of(response, &table),
        ["/metadata/deleted_at", "/spec/columns/0/virtual"]
    );
}

/// Every open object of `list(vec![item()])` that declares its members.
const OPEN_OBJECTS: &[&str] = &[
    "",
    "/metadata",
    "/data/0",
    "/data/0/metadata",
    "/data/0/spec",
    "/data/0/spec/columns/0",
    "/data/0/spec/columns/0/type",
    "/data/0/spec/columns/1",
    "/data/0/spec/columns/2",
    "/data/0/spec/columns/2/type",
    "/data/0/spec/columns/3/type/fields/0",
    "/data/0/spec/columns/3/type/fields/0/field_type/element_type/key_type",
    "/data/0/spec/watermark",
    "/data/0/spec/constraints/0",
    "/data/0/spec/distribution",
    "/data/0/status",
    "/data/0/status/warnings/0",
    "/data/0/status/scaling_status",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// One member no spec defines (they all start with `x_`), added to any open object, is
    /// exactly one drift finding at that member; added to a map, none.
    #[test]
    fn one_injected_member_is_exactly_one_finding(
        at in proptest::sample::select(OPEN_OBJECTS),
        name in "x_[a-z_/~]{0,8}",
        value in prop_oneof![Just(json!(1)), Just(json!("s")), Just(json!({"a": 1})), Just(json!(null))],
        in_map in any::<bool>(),
    ) {
        let mut body = list(vec![item()]);
        let target = if in_map { "/data/0/metadata/labels" } else { at };
        body.pointer_mut(target)
            .and_then(Value::as_object_mut)
            .expect("an object")
            .insert(name.clone(), if in_map { json!("v") } else { value });
        let mut expected = target.to_string();
        expected.push('/');
        expected.push_str(&name.replace('~', "~0").replace('/', "~1"));
        let found = drift(200, &body);
        if in_map {
            prop_assert!(found.is_empty(), "{found:?}");
        } else {
            prop_assert_eq!(found, vec![expected]);
        }
    }
}
