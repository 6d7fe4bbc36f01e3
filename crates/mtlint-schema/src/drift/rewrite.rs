//! The closed schema ([`close_open_objects`]) and its structure-only form ([`members_only`]),
//! and the walk over a schema's sites that [`super::quick_closed`] shares.

use serde_json::{Map, Value};

use super::quick::{lone_reference, shape};
use super::sites::closes;
use super::{CLOSING_KEYWORD, DOCUMENT_KEYS};

/// Copies a converted body schema (from [`crate::convert::to_json_schema`]) and closes every open
/// object that declares members, as the module documentation describes.
#[must_use]
pub fn close_open_objects(schema: &Value) -> Value {
    Rewriter::new(schema, false).node(schema, true)
}

/// A closed schema stripped to what decides where members are evaluated: the closing keyword,
/// `properties`, `items`, references, `allOf`/`anyOf` (`oneOf` becomes `anyOf`, as its branches
/// no longer exclude each other), `then`/`else`, and `if` whole, which picks a branch. Every
/// assertion goes (`type`, `required`, `enum`, formats, bounds, `not`, and an
/// `additionalProperties: false`, which evaluates every member either way).
///
/// It passes exactly when no closing keyword finds an unevaluated member. Every member it
/// evaluates is one [`super::DriftValidator::undocumented`] counts as declared (that counts every
/// `allOf` member and `anyOf`/`oneOf` branch, and the branch the `if` picks), so when it passes,
/// `undocumented` finds nothing.
#[must_use]
pub fn members_only(schema: &Value) -> Value {
    let Value::Object(map) = schema else {
        return schema.clone();
    };
    let mut out = Map::new();
    let each = |value: &Value| match value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), members_only(v)))
                .collect(),
        ),
        other => other.clone(),
    };
    let list = |value: &Value| match value {
        Value::Array(items) => Value::Array(items.iter().map(members_only).collect()),
        other => members_only(other),
    };
    let mut branches = Vec::new();
    for (key, value) in map {
        match key.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                out.insert(key.clone(), each(value));
            }
            "items" | "prefixItems" | "allOf" => {
                out.insert(key.clone(), list(value));
            }
            "anyOf" | "oneOf" => {
                if let Value::Array(items) = value {
                    branches.push(Value::Array(items.iter().map(members_only).collect()));
                }
            }
            "additionalProperties" if *value == Value::Bool(false) => {
                out.insert(key.clone(), Value::Bool(true));
            }
            "if" => {
                out.insert(key.clone(), value.clone());
            }
            "$ref" | "$id" | "$schema" | "$anchor" | "$dynamicAnchor" | "$dynamicRef" => {
                out.insert(key.clone(), value.clone());
            }
            "additionalProperties" | "unevaluatedProperties" | "then" | "else" => {
                out.insert(key.clone(), members_only(value));
            }
            _ => {}
        }
    }
    // Each `anyOf`/`oneOf` as one `anyOf` (inside `allOf` when there are two).
    match branches.len() {
        0 => {}
        1 => {
            out.insert("anyOf".into(), branches.remove(0));
        }
        _ => {
            let mut all = match out.remove("allOf") {
                Some(Value::Array(items)) => items,
                _ => Vec::new(),
            };
            for branch in branches {
                let mut wrapper = Map::new();
                wrapper.insert("anyOf".into(), branch);
                all.push(Value::Object(wrapper));
            }
            out.insert("allOf".into(), Value::Array(all));
        }
    }
    Value::Object(out)
}

/// Builds [`quick_closed`]'s schema, and, without flattening, [`close_open_objects`]'.
pub(super) struct Rewriter<'d> {
    pub(super) document: &'d Value,
    /// Whether static and discriminated sites are written flat (else every site gets the
    /// closing keyword).
    pub(super) flatten: bool,
    /// `(reference, name in $defs)` of each flat copy made or being made.
    pub(super) copies: Vec<(&'d str, String)>,
    /// The flat copies, by name.
    pub(super) made: Map<String, Value>,
}

impl<'d> Rewriter<'d> {
    pub(super) fn new(document: &'d Value, flatten: bool) -> Self {
        Self {
            document,
            flatten,
            copies: Vec::new(),
            made: Map::new(),
        }
    }

    /// A schema node, rewritten; `site` says whether it validates an instance location.
    pub(super) fn node(&mut self, node: &'d Value, site: bool) -> Value {
        let Value::Object(map) = node else {
            return node.clone();
        };
        let close = site && closes(map, self.document);
        if close && self.flatten {
            if let Some(shape) = shape(map, self.document) {
                let mut out = match lone_reference(map) {
                    Some(reference) => {
                        let name = self.copy(reference, shape);
                        let mut out = Map::new();
                        out.insert("$ref".into(), Value::String(format!("#/$defs/{name}")));
                        out
                    }
                    None => self.closed(&shape),
                };
                // The document's root keeps its dialect and definitions.
                for key in DOCUMENT_KEYS {
                    if let Some(value) = map.get(*key) {
                        out.insert((*key).into(), self.keyword(key, value));
                    }
                }
                return Value::Object(out);
            }
        }
        let mut out = Map::new();
        for (key, value) in map {
            out.insert(key.clone(), self.keyword(key, value));
        }
        if close {
            out.insert(CLOSING_KEYWORD.into(), Value::Bool(false));
        }
        Value::Object(out)
    }

    /// A keyword's value, rewritten where it holds schemas: sites (`properties`, `items`,
    /// `additionalProperties`...) and the subschemas that apply in place (`allOf`, `then`...).
    /// `if`, `not`, `contains` and `propertyNames` are left alone: a closing keyword inside
    /// would change what they decide.
    pub(super) fn keyword(&mut self, key: &str, value: &'d Value) -> Value {
        match key {
            "properties" | "patternProperties" => self.members(value, true),
            "$defs" | "definitions" | "dependentSchemas" => self.members(value, false),
            "items" | "prefixItems" => match value {
                Value::Array(items) => {
                    Value::Array(items.iter().map(|i| self.node(i, true)).collect())
                }
                other => self.node(other, true),
            },
            "additionalProperties" => self.node(value, true),
            "allOf" | "anyOf" | "oneOf" => match value {
                Value::Array(items) => {
                    Value::Array(items.iter().map(|i| self.node(i, false)).collect())
                }
                other => other.clone(),
            },
            "then" | "else" => self.node(value, false),
            _ => value.clone(),
        }
    }

    fn members(&mut self, value: &'d Value, site: bool) -> Value {
        match value {
            Value::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), self.node(v, site)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn closed(schema: Value) -> Value {
        close_open_objects(&schema)
    }

    #[test]
    fn the_keyword_goes_beside_a_ref_and_never_into_all_of_members() {
        let out = closed(json!({
            "$ref": "#/$defs/A",
            "$defs": {
                "A": {"type": "object", "properties": {
                    "meta": {"allOf": [{"$ref": "#/$defs/B"}, {"type": "object", "properties": {"b": {}}}]}
                }},
                "B": {"properties": {"a": {}}}
            }
        }));
        assert_eq!(out["unevaluatedProperties"], json!(false));
        // A definition is not a site: its referencing site is.
        assert!(out["$defs"]["A"].get("unevaluatedProperties").is_none());
        let meta = &out["$defs"]["A"]["properties"]["meta"];
        assert_eq!(meta["unevaluatedProperties"], json!(false));
        assert!(meta["allOf"][1].get("unevaluatedProperties").is_none());
        assert!(out["$defs"]["B"].get("unevaluatedProperties").is_none());
    }

    #[test]
    fn the_structure_only_schema_keeps_what_places_members_and_drops_assertions() {
        let schema = closed(json!({
            "$ref": "#/$defs/A",
            "$defs": {
                "A": {"type": "object", "required": ["a"], "properties": {
                    "a": {"type": "integer", "minimum": 3},
                    "c": {"$ref": "#/$defs/C"},
                    "e": {"type": "object", "properties": {"x": {}}, "additionalProperties": false},
                    "o": {"oneOf": [{"$ref": "#/$defs/B"}, {"$ref": "#/$defs/B"}]}
                }},
                "B": {"properties": {"b": {"type": "string"}}},
                "C": {"properties": {"kind": {"enum": ["x", "y"]}},
                      "if": {"properties": {"kind": {"const": "x"}}},
                      "then": {"properties": {"x": {"type": "string"}}}}
            }
        }));
        let stripped = members_only(&schema);
        assert_eq!(stripped["unevaluatedProperties"], json!(false));
        assert_eq!(stripped["$defs"]["A"]["properties"]["a"], json!({}));
        assert!(stripped["$defs"]["A"].get("required").is_none());
        assert_eq!(
            stripped["$defs"]["C"]["if"],
            json!({"properties": {"kind": {"const": "x"}}})
        );
        assert_eq!(
            stripped["$defs"]["A"]["properties"]["e"]["additionalProperties"],
            json!(true)
        );
        assert!(stripped["$defs"]["A"]["properties"]["o"]
            .get("anyOf")
            .is_some());

        let options = || jsonschema::options().with_draft(jsonschema::Draft::Draft202012);
        let gate = options().build(&stripped).unwrap();
        // Schema violations alone: the gate passes.
        assert!(
            gate.is_valid(&json!({"a": "no", "c": {"kind": "z"}, "e": {"y": 1}, "o": {"b": 1}}))
        );
        // An undocumented member, at the top or inside the branch `if` picks: it fails.
        assert!(!gate.is_valid(&json!({"a": 3, "new": 1})));
        assert!(!gate.is_valid(&json!({"c": {"kind": "y", "x": "only for x"}})));
        assert!(gate.is_valid(&json!({"c": {"kind": "x", "x": "ok"}})));
    }

    #[test]
    fn maps_closed_objects_and_plain_values_are_not_sites() {
        let out = closed(json!({"type": "object", "properties": {
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "error": {"type": "object", "properties": {"a": {}}, "additionalProperties": false},
            "name": {"type": "string"},
            "items": {"type": "array", "items": {"type": "object", "properties": {"x": {}}}}
        }}));
        let props = &out["properties"];
        assert!(props["labels"].get("unevaluatedProperties").is_none());
        assert!(props["error"].get("unevaluatedProperties").is_none());
        assert!(props["name"].get("unevaluatedProperties").is_none());
        assert_eq!(
            props["items"]["items"]["unevaluatedProperties"],
            json!(false)
        );
    }

    #[test]
    fn subschemas_of_if_and_not_are_left_alone() {
        let out = closed(json!({
            "type": "object",
            "properties": {"a": {}},
            "if": {"properties": {"k": {"properties": {"x": {}}}}},
            "then": {"properties": {"b": {"properties": {"y": {}}}}},
            "not": {"properties": {"c": {"properties": {"z": {}}}}}
        }));
        assert!(out["if"]["properties"]["k"]
            .get("unevaluatedProperties")
            .is_none());
        assert!(out["not"]["properties"]["c"]
            .get("unevaluatedProperties")
            .is_none());
        assert_eq!(
            out["then"]["properties"]["b"]["unevaluatedProperties"],
            json!(false)
        );
    }

    #[test]
    fn a_recursive_reference_does_not_loop() {
        let out = closed(json!({
            "$ref": "#/$defs/T",
            "$defs": {"T": {"allOf": [{"$ref": "#/$defs/T"}], "properties": {"t": {"$ref": "#/$defs/T"}}}}
        }));
        assert_eq!(out["unevaluatedProperties"], json!(false));
        assert_eq!(
            out["$defs"]["T"]["properties"]["t"]["unevaluatedProperties"],
            json!(false)
        );
    }
}
