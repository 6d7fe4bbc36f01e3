use mtlint_json::pointer::label;
use mtlint_json::Value;

use crate::flink::Root;
use crate::{declare_rule, Rule};
use crate::{Cx, Ptr};

declare_rule! {
    /// An ARRAY, MULTISET, MAP or ROW type lacks the nested type that makes it a type.
    ///
    /// ## What it checks
    /// Every DataType, at any depth: an `ARRAY` or `MULTISET` has an `element_type`, a `MAP` a
    /// `key_type` and a `value_type`, a `ROW` its `fields`. Each missing member is one finding,
    /// pointed where it belongs (`.../type/element_type`), as a missing required member is.
    /// A member that is present but malformed is the schema's finding; an empty `fields` list
    /// is a ROW with no fields, which Flink allows.
    ///
    /// ## Why it matters
    /// `DataType` carries the nested types for these constructed types:
    /// `element_type` "The type of the element in the data type (if applicable).", `key_type`
    /// and `value_type` for the key and value, `fields` "The fields of the element in the data
    /// type (if applicable)." They are "applicable" exactly here: Flink has no
    /// ARRAY without an element type (`ARRAY<t>`), no MAP without `MAP<kt, vt>`, no ROW
    /// without its fields. Without them a client cannot decode a single value of the column.
    ///
    /// ## Example
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "tags", "type": {"type": "ARRAY", "nullable": true}, "kind": "Physical"}]}}]}
    /// ```
    ///
    /// ## Passes
    /// ```json
    /// {"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "tags", "type": {"type": "ARRAY", "nullable": true, "element_type": {"type": "STRING", "nullable": true}}, "kind": "Physical"}]}}]}
    /// ```
    pub IncompleteDataType, "incomplete-data-type", Correctness, hooks = [DATA_TYPE]
}

impl Rule for IncompleteDataType {
    fn data_type(&self, cx: &mut Cx<'_>, data_type: &Value, at: &Ptr<'_>) {
        let (name, members): (&str, &[&str]) = match cx.type_root {
            Some(Root::Array) => ("an ARRAY", &["element_type"]),
            Some(Root::Multiset) => ("a MULTISET", &["element_type"]),
            Some(Root::Map) => ("a MAP", &["key_type", "value_type"]),
            Some(Root::Row) => ("a ROW", &["fields"]),
            _ => return,
        };
        for member in members {
            if data_type.get(member).is_some() {
                continue;
            }
            let pointer = at.join(member);
            cx.report(
                pointer,
                format!(
                    "{} is {name} without \"{member}\": no value of it can be decoded without that nested type",
                    label(&at.to_pointer())
                ),
            )
            .help(format!("add \"{member}\" to the DataType"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::type_findings;
    use serde_json::json;
    use serde_json::Value;

    fn pointers(dt: &Value) -> Vec<String> {
        type_findings(&IncompleteDataType, dt)
            .into_iter()
            .map(|d| d.pointer)
            .collect()
    }

    #[test]
    fn each_missing_member_is_reported_where_it_belongs() {
        let base = "/data/0/spec/columns/0/type";
        assert_eq!(
            pointers(&json!({"type": "ARRAY", "nullable": true})),
            [format!("{base}/element_type")]
        );
        assert_eq!(
            pointers(&json!({"type": "multiset", "nullable": true})),
            [format!("{base}/element_type")]
        );
        assert_eq!(
            pointers(&json!({"type": "MAP", "nullable": true})),
            [format!("{base}/key_type"), format!("{base}/value_type")]
        );
        assert_eq!(
            pointers(
                &json!({"type": "MAP", "nullable": true, "key_type": {"type": "INT", "nullable": false}})
            ),
            [format!("{base}/value_type")]
        );
        assert_eq!(
            pointers(&json!({"type": "ROW", "nullable": true})),
            [format!("{base}/fields")]
        );
    }

    #[test]
    fn complete_nested_types_pass_and_depth_is_followed() {
        let complete = json!({"type": "ROW", "nullable": true, "fields": [
            {"name": "a", "field_type": {"type": "ARRAY", "nullable": true, "element_type":
                {"type": "MAP", "nullable": true,
                 "key_type": {"type": "STRING", "nullable": false},
                 "value_type": {"type": "ROW", "nullable": true, "fields": []}}}}
        ]});
        assert!(pointers(&complete).is_empty());
        let mut deep = complete.clone();
        deep["fields"][0]["field_type"]["element_type"]
            .as_object_mut()
            .unwrap()
            .remove("value_type");
        assert_eq!(
            pointers(&deep),
            ["/data/0/spec/columns/0/type/fields/0/field_type/element_type/value_type"]
        );
    }

    #[test]
    fn present_but_malformed_members_and_other_types_are_skipped() {
        assert!(
            pointers(&json!({"type": "ARRAY", "nullable": true, "element_type": null})).is_empty()
        );
        assert!(pointers(&json!({"type": "ROW", "nullable": true, "fields": "a"})).is_empty());
        assert!(pointers(&json!({"type": "STRING", "nullable": true})).is_empty());
        assert!(pointers(&json!({"type": "LIST", "nullable": true})).is_empty());
    }
}
