//! OpenAPI 3.0 Schema Objects to JSON Schema 2020-12.
//!
//! The conversion is general: it knows OpenAPI 3.0's dialect, not this API. What it does, and why:
//!
//! - `$ref: '#/components/schemas/X'` becomes `$ref: '#/$defs/X'`, and only the components a
//!   response reaches are copied into `$defs`, so a 600-schema document compiles just what it needs.
//!   OpenAPI 3.0 ignores the siblings of a `$ref`, so we do too.
//! - `nullable: true` adds `"null"` to `type` (and to `enum`); without a `type` it wraps the schema
//!   in `anyOf [schema, {type: null}]`.
//! - `format: int32` / `int64` become range checks (JSON Schema formats only apply to strings), as
//!   the custom keywords [`INT32_KEYWORD`] / [`INT64_KEYWORD`], reported as `format` findings.
//! - `discriminator` with `oneOf`/`anyOf` becomes "the discriminator property is required and one of
//!   the mapped values" ([`DISCRIMINATOR_KEYWORD`]) plus one `if {kind: const V} then {$ref branch}`
//!   per value, so a bad column is reported inside the branch its `kind` selects, at the precise
//!   member, instead of "not valid under any of the schemas".
//! - `x-extensible-enum` becomes [`EXTENSIBLE_ENUM_KEYWORD`]: an unknown value is a warning.
//! - boolean `exclusiveMinimum`/`exclusiveMaximum` take the 2020-12 numeric form.
//! - `example`, `externalDocs`, `xml` and other `x-*` extensions are dropped; `readOnly`, `writeOnly`,
//!   `deprecated`, `default`, `title` and `description` stay as annotations (a response may carry
//!   read-only members).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::error::SchemaError;

/// Custom keyword: the instance, when it is a number, must be an integer in the int32 range.
pub const INT32_KEYWORD: &str = "x-mtlint-int32";
/// Custom keyword: the instance, when it is a number, must be an integer in the int64 range.
pub const INT64_KEYWORD: &str = "x-mtlint-int64";
/// Custom keyword: the discriminator property's value must be one of the listed values.
pub const DISCRIMINATOR_KEYWORD: &str = "x-mtlint-discriminator";
/// Custom keyword: the value should be one of the listed values (new ones may appear).
pub const EXTENSIBLE_ENUM_KEYWORD: &str = "x-mtlint-extensible-enum";

const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";
const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// String formats that JSON Schema 2020-12 defines and the validator asserts. Other formats
/// (OpenAPI's `byte`, `binary`, `password`, or anything vendor-specific) are annotations.
const ASSERTED_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Converts one OpenAPI 3.0 schema (found in `document`) into a self-contained JSON Schema
/// 2020-12 document whose `$defs` hold every component schema it reaches.
///
/// # Errors
/// A `$ref` that points outside `#/components/schemas/` or to a component that does not exist.
pub fn to_json_schema(document: &Value, schema: &Value) -> Result<Value, SchemaError> {
    let components = document
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    let mut converter = Converter::default();
    let root = converter.node(schema)?;
    let mut defs = Map::new();
    let mut done = BTreeSet::new();
    while let Some(name) = converter.pending.pop_first() {
        if !done.insert(name.clone()) {
            continue;
        }
        let source = components
            .and_then(|c| c.get(&name))
            .ok_or_else(|| SchemaError::UnresolvedRef(format!("{COMPONENT_PREFIX}{name}")))?;
        let converted = converter.node(source)?;
        defs.insert(name, converted);
        converter.pending.retain(|n| !done.contains(n));
    }
    let mut out = Map::new();
    out.insert("$schema".into(), Value::String(DIALECT.into()));
    match root {
        Value::Object(map) => out.extend(map),
        other => {
            out.insert("allOf".into(), Value::Array(vec![other]));
        }
    }
    if !defs.is_empty() {
        out.insert("$defs".into(), Value::Object(defs));
    }
    Ok(Value::Object(out))
}

#[derive(Default)]
struct Converter {
    /// Component names referenced but not yet converted.
    pending: BTreeSet<String>,
}

impl Converter {
    fn node(&mut self, node: &Value) -> Result<Value, SchemaError> {
        let Value::Object(map) = node else {
            return Ok(node.clone());
        };
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            return Ok(json!({ "$ref": self.reference(reference)? }));
        }
        let mut out = Map::new();
        let mut int_format = None;
        for (key, value) in map {
            match key.as_str() {
                "nullable" | "discriminator" | "example" | "externalDocs" | "xml" => {}
                "properties" | "patternProperties" | "$defs" | "definitions" => {
                    let mut props = Map::new();
                    if let Value::Object(members) = value {
                        for (name, sub) in members {
                            props.insert(name.clone(), self.node(sub)?);
                        }
                    }
                    out.insert(key.clone(), Value::Object(props));
                }
                "items" | "additionalProperties" | "not" | "propertyNames" | "contains" => {
                    out.insert(key.clone(), self.node(value)?);
                }
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                    let items = value
                        .as_array()
                        .map(|items| items.iter().map(|i| self.node(i)).collect())
                        .transpose()?
                        .unwrap_or_default();
                    out.insert(key.clone(), Value::Array(items));
                }
                "format" => match value.as_str() {
                    Some("int32") => int_format = Some(INT32_KEYWORD),
                    Some("int64") => int_format = Some(INT64_KEYWORD),
                    Some(f) if ASSERTED_FORMATS.contains(&f) => {
                        out.insert(key.clone(), value.clone());
                    }
                    _ => {}
                },
                "exclusiveMinimum" | "exclusiveMaximum" if value.is_boolean() => {}
                "x-extensible-enum" => {
                    out.insert(EXTENSIBLE_ENUM_KEYWORD.into(), value.clone());
                }
                k if k.starts_with("x-") => {}
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        exclusive_bounds(map, &mut out);
        if let Some(keyword) = int_format {
            out.insert(keyword.into(), Value::Bool(true));
        }
        if let Some(discriminator) = map.get("discriminator") {
            self.discriminate(discriminator, &mut out)?;
        }
        if map.get("nullable").and_then(Value::as_bool) == Some(true) {
            return Ok(nullable(out));
        }
        Ok(Value::Object(out))
    }

    fn reference(&mut self, reference: &str) -> Result<String, SchemaError> {
        let Some(escaped) = reference.strip_prefix(COMPONENT_PREFIX) else {
            return Err(SchemaError::UnsupportedRef(reference.to_string()));
        };
        let name = unescape_pointer_token(escaped);
        self.pending.insert(name);
        Ok(format!("#/$defs/{escaped}"))
    }

    /// Rewrites `oneOf`/`anyOf` under a discriminator into a required, enumerated property and
    /// one conditional branch per discriminator value.
    fn discriminate(
        &mut self,
        discriminator: &Value,
        out: &mut Map<String, Value>,
    ) -> Result<(), SchemaError> {
        let Some(property) = discriminator.get("propertyName").and_then(Value::as_str) else {
            return Ok(());
        };
        let combinator = if out.contains_key("oneOf") {
            "oneOf"
        } else if out.contains_key("anyOf") {
            "anyOf"
        } else {
            // A discriminator on a parent schema that children extend with allOf: informational.
            return Ok(());
        };
        let branches: Vec<String> = out[combinator]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| b.get("$ref").and_then(Value::as_str).map(str::to_string))
            .collect();
        if branches.len() != out[combinator].as_array().map_or(0, Vec::len) {
            // Inline branches cannot be selected by name: keep the plain combinator.
            return Ok(());
        }
        // value -> converted $ref target, in mapping order, then implicit names.
        let mut by_value: BTreeMap<usize, (String, String)> = BTreeMap::new();
        let mut mapped_targets = BTreeSet::new();
        if let Some(mapping) = discriminator.get("mapping").and_then(Value::as_object) {
            for (i, (value, target)) in mapping.iter().enumerate() {
                let Some(target) = target.as_str() else {
                    continue;
                };
                let target = if target.starts_with('#') {
                    self.reference(target)?
                } else {
                    self.reference(&format!("{COMPONENT_PREFIX}{target}"))?
                };
                mapped_targets.insert(target.clone());
                by_value.insert(i, (value.clone(), target));
            }
        }
        let offset = by_value.len();
        for (i, target) in branches.iter().enumerate() {
            if mapped_targets.contains(target) {
                continue;
            }
            let name = target.rsplit('/').next().unwrap_or(target);
            by_value.insert(
                offset + i,
                (unescape_pointer_token(name), target.to_string()),
            );
        }
        // Name the values in the order of the branches they select (`oneOf` is ordered; the
        // mapping, an object, may not keep its order), so messages read as the spec does.
        let mut ordered: Vec<(usize, (String, String))> = by_value.into_iter().collect();
        ordered.sort_by_key(|(i, (_, target))| {
            (
                branches
                    .iter()
                    .position(|b| b == target)
                    .unwrap_or(usize::MAX),
                *i,
            )
        });
        let by_value: BTreeMap<usize, (String, String)> = ordered
            .into_iter()
            .enumerate()
            .map(|(k, (_, pair))| (k, pair))
            .collect();
        out.remove(combinator);
        let values: Vec<Value> = by_value
            .values()
            .map(|(v, _)| Value::String(v.clone()))
            .collect();
        let mut all_of = match out.remove("allOf") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        all_of.push(json!({
            "required": [property],
            "properties": { property: { DISCRIMINATOR_KEYWORD: values } },
        }));
        for (value, target) in by_value.into_values() {
            all_of.push(json!({
                "if": { "properties": { property: { "const": value } }, "required": [property] },
                "then": { "$ref": target },
            }));
        }
        out.entry("type").or_insert_with(|| json!("object"));
        out.insert("allOf".into(), Value::Array(all_of));
        Ok(())
    }
}

/// The same schema in plain JSON Schema 2020-12, for other validators (`mtlint schema`): the
/// integer formats become `minimum`/`maximum`, the discriminator's value check an `enum`, and the
/// extensible enums (advice, not constraints) are dropped. Everything else is already standard.
#[must_use]
pub fn portable(schema: &Value) -> Value {
    match schema {
        Value::Array(items) => Value::Array(items.iter().map(portable).collect()),
        Value::Object(map) => {
            let mut out = Map::new();
            let mut range: Option<(i64, i64)> = None;
            for (key, value) in map {
                match key.as_str() {
                    INT32_KEYWORD => range = Some((i64::from(i32::MIN), i64::from(i32::MAX))),
                    INT64_KEYWORD => range = Some((i64::MIN, i64::MAX)),
                    DISCRIMINATOR_KEYWORD => {
                        out.insert("enum".into(), value.clone());
                    }
                    EXTENSIBLE_ENUM_KEYWORD => {}
                    // Maps from names to schemas.
                    "properties" | "patternProperties" | "$defs" | "dependentSchemas" => {
                        let members = value.as_object().map(|m| {
                            m.iter()
                                .map(|(name, sub)| (name.clone(), portable(sub)))
                                .collect::<Map<String, Value>>()
                        });
                        out.insert(
                            key.clone(),
                            members.map_or_else(|| value.clone(), Value::Object),
                        );
                    }
                    // Keyword values that are not schemas: copied as they are.
                    "enum" | "const" | "required" | "default" | "examples" | "type" => {
                        out.insert(key.clone(), value.clone());
                    }
                    _ => {
                        out.insert(key.clone(), portable(value));
                    }
                }
            }
            if let Some((low, high)) = range {
                let tighter = |key: &str, bound: i64, keep_larger: bool| -> Value {
                    match out.get(key).and_then(Value::as_f64) {
                        Some(existing) if (existing > bound as f64) == keep_larger => {
                            out[key].clone()
                        }
                        _ => Value::from(bound),
                    }
                };
                let minimum = tighter("minimum", low, true);
                let maximum = tighter("maximum", high, false);
                out.insert("minimum".into(), minimum);
                out.insert("maximum".into(), maximum);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// OpenAPI 3.0 (JSON Schema draft 4) writes `exclusiveMinimum: true` beside `minimum`.
fn exclusive_bounds(source: &Map<String, Value>, out: &mut Map<String, Value>) {
    for (flag, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if source.get(flag).and_then(Value::as_bool) == Some(true) {
            if let Some(limit) = out.remove(bound) {
                out.insert(flag.into(), limit);
            }
        }
    }
}

fn nullable(mut out: Map<String, Value>) -> Value {
    if let Some(Value::Array(options)) = out.get_mut("enum") {
        if !options.contains(&Value::Null) {
            options.push(Value::Null);
        }
    }
    match out.get_mut("type") {
        Some(Value::String(t)) => {
            let single = std::mem::take(t);
            out.insert("type".into(), json!([single, "null"]));
            Value::Object(out)
        }
        Some(Value::Array(types)) => {
            if !types.contains(&json!("null")) {
                types.push(json!("null"));
            }
            Value::Object(out)
        }
        _ => json!({ "anyOf": [Value::Object(out), { "type": "null" }] }),
    }
}

/// RFC 6901: `~1` is `/`, `~0` is `~` (in that order).
pub(crate) fn unescape_pointer_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(doc: Value, schema: Value) -> Value {
        to_json_schema(&doc, &schema).expect("converts")
    }

    #[test]
    fn nullable_adds_null_to_type_and_enum() {
        let out = convert(
            json!({}),
            json!({"type": "string", "enum": ["a"], "nullable": true}),
        );
        assert_eq!(out["type"], json!(["string", "null"]));
        assert_eq!(out["enum"], json!(["a", null]));
    }

    #[test]
    fn nullable_without_type_wraps_in_any_of() {
        let out = convert(
            json!({}),
            json!({"properties": {"a": {"allOf": [{"minimum": 1}], "nullable": true}}}),
        );
        assert_eq!(
            out["properties"]["a"],
            json!({"anyOf": [{"allOf": [{"minimum": 1}]}, {"type": "null"}]})
        );
    }

    #[test]
    fn refs_point_into_defs_and_only_reachable_components_are_copied() {
        let doc = json!({"components": {"schemas": {
            "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
            "B": {"type": "integer", "format": "int32"},
            "Unused": {"type": "string"}
        }}});
        let out = convert(doc, json!({"$ref": "#/components/schemas/A"}));
        assert_eq!(out["$ref"], json!("#/$defs/A"));
        assert_eq!(out["$defs"]["A"]["properties"]["b"]["$ref"], "#/$defs/B");
        assert_eq!(out["$defs"]["B"][INT32_KEYWORD], json!(true));
        assert!(out["$defs"].get("Unused").is_none());
    }

    #[test]
    fn missing_component_is_an_error() {
        let err = to_json_schema(&json!({}), &json!({"$ref": "#/components/schemas/Nowhere"}))
            .unwrap_err();
        assert!(matches!(err, SchemaError::UnresolvedRef(_)));
    }

    #[test]
    fn boolean_exclusive_bounds_take_numeric_form() {
        let out = convert(
            json!({}),
            json!({"type": "number", "minimum": 0, "exclusiveMinimum": true}),
        );
        assert_eq!(out["exclusiveMinimum"], json!(0));
        assert!(out.get("minimum").is_none());
    }

    #[test]
    fn discriminator_becomes_conditional_branches() {
        let doc = json!({"components": {"schemas": {
            "Cat": {"type": "object"}, "Dog": {"type": "object"}
        }}});
        let out = convert(
            doc,
            json!({
                "discriminator": {"propertyName": "pet", "mapping": {"cat": "#/components/schemas/Cat"}},
                "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]
            }),
        );
        assert!(out.get("oneOf").is_none());
        let all_of = out["allOf"].as_array().unwrap();
        assert_eq!(
            all_of[0]["properties"]["pet"][DISCRIMINATOR_KEYWORD],
            json!(["cat", "Dog"])
        );
        assert_eq!(all_of[1]["then"]["$ref"], "#/$defs/Cat");
        assert_eq!(all_of[2]["if"]["properties"]["pet"]["const"], "Dog");
    }

    #[test]
    fn portable_schemas_use_only_standard_keywords() {
        let out = portable(&json!({"properties": {
            "n": {"type": "integer", "minimum": 1, INT32_KEYWORD: true},
            "k": {DISCRIMINATOR_KEYWORD: ["A", "B"]},
            "e": {"type": "string", EXTENSIBLE_ENUM_KEYWORD: ["X"]}
        }}));
        assert_eq!(
            out["properties"]["n"],
            json!({"type": "integer", "minimum": 1, "maximum": 2_147_483_647})
        );
        assert_eq!(out["properties"]["k"], json!({"enum": ["A", "B"]}));
        assert_eq!(out["properties"]["e"], json!({"type": "string"}));
    }

    #[test]
    fn extensions_examples_and_openapi_only_formats_are_dropped() {
        let out = convert(
            json!({}),
            json!({"type": "string", "format": "byte", "example": "x", "x-immutable": true, "readOnly": true}),
        );
        assert_eq!(
            out,
            json!({"$schema": DIALECT, "type": "string", "readOnly": true})
        );
    }
}
