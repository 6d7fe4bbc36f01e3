//! Drift: members a response carries that its spec does not define.
//!
//! OpenAPI objects are open unless they say `additionalProperties: false`, so schema validation
//! accepts any member it does not know. That is right for compatibility, and it also hides the
//! API growing beyond its spec. The drift validator makes those members visible:
//!
//! 1. [`close_open_objects`] copies a converted body schema and adds `unevaluatedProperties:
//!    false` at every *site*: a schema that validates an instance location (the root, each
//!    `properties`/`patternProperties` value, `items`, `prefixItems`, an `additionalProperties`
//!    schema) whose effective schema, looked at through `$ref`, `allOf`, `anyOf`, `oneOf` and
//!    `then`/`else`, declares `properties` and has no `additionalProperties` (or
//!    `unevaluatedProperties`) anywhere. The keyword goes at the site itself, beside a `$ref` if
//!    there is one (legal in 2020-12), never inside `allOf` members: `unevaluatedProperties` only
//!    sees the annotations of its own schema object and its subschemas, so inside one member it
//!    would reject the members the other parts define. Subschemas of `if`, `not`, `contains` and
//!    `propertyNames` are left alone, since a keyword added there would change what they decide.
//!    Maps (`labels`, `table_options`: `additionalProperties` and no `properties`) and closed
//!    objects (`Error`: `additionalProperties: false`) are not sites.
//! 2. [`DriftValidator::undocumented`] runs it (the fast `is_valid` first) and turns each
//!    `unevaluatedProperties` error into one [`Undocumented`] member. Its other errors are
//!    ignored: the main validator reports them.
//!
//! Annotations make one correction necessary. A failing `allOf` member (or `anyOf`/`oneOf`
//! branch) drops its annotations, so when something *inside* it fails, whether a schema error or
//! a drift member one level down, the site above sees its documented members as unevaluated too.
//! Each reported member is therefore checked against the names the site declares for that
//! object: through `$ref`, every `allOf` member and every `anyOf`/`oneOf` branch, and through the
//! `then` or `else` that the object's `if` selects (the converter's discriminator `if` is a
//! `const` test, evaluated here). Where the main validator found a violation inside the object,
//! both `then` and `else` count (a column whose `kind` is unknown declares every branch's
//! members), and an object the schema rejects as a whole (a missing required member, a value of
//! the wrong kind) reports no drift at all: its unknown member is most likely the misspelt
//! required one, which is already reported.

use std::collections::BTreeSet;

use jsonschema::error::ValidationErrorKind;
use jsonschema::ValidationError;
use serde_json::{Map, Value};

use crate::contract::BodyValidator;
use crate::pointer::{parent, push_token};
use crate::violation::Violation;

/// The keyword the drift schema adds at each site.
const CLOSING_KEYWORD: &str = "unevaluatedProperties";

/// Copies a converted body schema (from [`crate::convert::to_json_schema`]) and closes every open
/// object that declares members, as the module documentation describes.
#[must_use]
pub fn close_open_objects(schema: &Value) -> Value {
    let mut out = schema.clone();
    visit(&mut out, schema, true);
    out
}

/// Walks a schema node; `site` says whether it validates an instance location.
fn visit(node: &mut Value, document: &Value, site: bool) {
    let Value::Object(map) = node else {
        return;
    };
    let close = site && closes(map, document);
    for (key, value) in map.iter_mut() {
        match key.as_str() {
            "properties" | "patternProperties" => each_member(value, document, true),
            "$defs" | "definitions" | "dependentSchemas" => each_member(value, document, false),
            "items" | "prefixItems" => match value {
                Value::Array(items) => items.iter_mut().for_each(|i| visit(i, document, true)),
                other => visit(other, document, true),
            },
            "additionalProperties" => visit(value, document, true),
            "allOf" | "anyOf" | "oneOf" => {
                if let Value::Array(members) = value {
                    members.iter_mut().for_each(|m| visit(m, document, false));
                }
            }
            "then" | "else" => visit(value, document, false),
            // `if`, `not`, `contains`, `propertyNames`: a closing keyword inside would change
            // what they decide. Everything else holds no schema.
            _ => {}
        }
    }
    if close {
        map.insert(CLOSING_KEYWORD.into(), Value::Bool(false));
    }
}

/// A closed schema stripped to what decides where members are evaluated: the closing keyword,
/// `properties`, `items`, references, `allOf`/`anyOf` (`oneOf` becomes `anyOf`, as its branches
/// no longer exclude each other), `then`/`else`, and `if` whole, which picks a branch. Every
/// assertion goes (`type`, `required`, `enum`, formats, bounds, `not`, and an
/// `additionalProperties: false`, which evaluates every member either way).
///
/// It passes exactly when no closing keyword finds an unevaluated member. Every member it
/// evaluates is one [`DriftValidator::undocumented`] counts as declared (that counts every
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

fn each_member(value: &mut Value, document: &Value, site: bool) {
    if let Value::Object(members) = value {
        members.values_mut().for_each(|m| visit(m, document, site));
    }
}

/// Whether a site's effective schema declares members and leaves the rest open.
fn closes(site: &Map<String, Value>, document: &Value) -> bool {
    #[derive(Default)]
    struct Shape {
        declares: bool,
        settled: bool,
    }
    fn gather<'d>(
        map: &'d Map<String, Value>,
        document: &'d Value,
        shape: &mut Shape,
        seen: &mut Vec<&'d str>,
    ) {
        shape.declares |= map.contains_key("properties");
        // `additionalProperties` (false, true or a schema) or `unevaluatedProperties`: the spec
        // already decided what unknown members mean here.
        shape.settled |=
            map.contains_key("additionalProperties") || map.contains_key(CLOSING_KEYWORD);
        for part in parts(map, document, seen, Branches::All) {
            gather(part, document, shape, seen);
        }
    }
    let mut shape = Shape::default();
    gather(site, document, &mut shape, &mut Vec::new());
    shape.declares && !shape.settled
}

/// Which of `then`/`else` to follow.
#[derive(Clone, Copy)]
enum Branches<'o> {
    /// Both (deciding whether to close; a lenient check).
    All,
    /// The one the object's `if` selects, when the `if` can be evaluated here.
    For(&'o Map<String, Value>),
}

/// The schemas that apply in place beside `map`: its `$ref` target (each target once),
/// `allOf`/`anyOf`/`oneOf` members, and `then`/`else` as `branches` says.
fn parts<'d>(
    map: &'d Map<String, Value>,
    document: &'d Value,
    seen: &mut Vec<&'d str>,
    branches: Branches<'_>,
) -> Vec<&'d Map<String, Value>> {
    let mut out = Vec::new();
    if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
        if !seen.contains(&reference) {
            seen.push(reference);
            if let Some(Value::Object(target)) = resolve(document, reference) {
                out.push(target);
            }
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for member in map.get(key).and_then(Value::as_array).into_iter().flatten() {
            if let Value::Object(member) = member {
                out.push(member);
            }
        }
    }
    let condition = match branches {
        Branches::All => None,
        Branches::For(object) => map.get("if").and_then(|c| holds(c, object)),
    };
    let keys: &[&str] = match condition {
        Some(true) => &["then"],
        Some(false) => &["else"],
        None => &["then", "else"],
    };
    for key in keys {
        if let Some(Value::Object(branch)) = map.get(*key) {
            out.push(branch);
        }
    }
    out
}

/// A local `$ref` (`#/$defs/X`) in the converted document.
fn resolve<'d>(document: &'d Value, reference: &str) -> Option<&'d Value> {
    document.pointer(reference.strip_prefix('#')?)
}

/// Evaluates the `if` the converter writes for a discriminator value
/// (`{"properties": {"kind": {"const": "Physical"}}, "required": ["kind"]}`); `None` for any
/// other shape, so that both branches count.
fn holds(condition: &Value, object: &Map<String, Value>) -> Option<bool> {
    let condition = condition.as_object()?;
    let mut result = true;
    for (key, value) in condition {
        match key.as_str() {
            "required" => {
                for name in value.as_array()? {
                    result &= object.contains_key(name.as_str()?);
                }
            }
            "properties" => {
                for (name, schema) in value.as_object()? {
                    let schema = schema.as_object()?;
                    if schema.len() != 1 {
                        return None;
                    }
                    let expected = schema.get("const")?;
                    if let Some(actual) = object.get(name) {
                        result &= actual == expected;
                    }
                }
            }
            _ => return None,
        }
    }
    Some(result)
}

/// The member names a site declares for one object (`None`: every name, an
/// `additionalProperties` somewhere).
fn declared(
    site: &Map<String, Value>,
    document: &Value,
    branches: Branches<'_>,
) -> Option<BTreeSet<String>> {
    fn gather<'d>(
        map: &'d Map<String, Value>,
        document: &'d Value,
        branches: Branches<'_>,
        names: &mut BTreeSet<String>,
        seen: &mut Vec<&'d str>,
    ) -> bool {
        if map.contains_key("additionalProperties") {
            return false;
        }
        if let Some(Value::Object(properties)) = map.get("properties") {
            names.extend(properties.keys().cloned());
        }
        parts(map, document, seen, branches)
            .into_iter()
            .all(|part| gather(part, document, branches, names, seen))
    }
    let mut names = BTreeSet::new();
    gather(site, document, branches, &mut names, &mut Vec::new()).then_some(names)
}

/// A member the spec does not define.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Undocumented {
    /// RFC 6901 pointer of the member (its value).
    pub pointer: String,
    /// Pointer of the object that holds it.
    pub object: String,
    /// The member's name.
    pub name: String,
}

/// A body schema's drift validator: compiled once, shared by every thread.
pub struct DriftValidator {
    schema: Value,
    validator: BodyValidator,
    /// The closed schema's structure alone ([`members_only`]): passes when no object has a member
    /// its site does not declare, whatever else is wrong with the body.
    gate: BodyValidator,
}

impl std::fmt::Debug for DriftValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DriftValidator").finish_non_exhaustive()
    }
}

impl DriftValidator {
    /// Builds and compiles the drift validator of a converted body schema.
    ///
    /// # Errors
    /// The compiler's message when the closed schema does not compile.
    pub fn compile(schema: &Value) -> Result<Self, String> {
        let schema = close_open_objects(schema);
        let validator = BodyValidator::compile(&schema)?;
        let gate = BodyValidator::compile(&members_only(&schema))?;
        Ok(Self {
            schema,
            validator,
            gate,
        })
    }

    /// The closed schema it validates with (for `mtlint schema`-like inspection and tests).
    #[must_use]
    pub fn schema(&self) -> &Value {
        &self.schema
    }

    /// Whether the body is valid under the closed schema: then it is valid under the open one
    /// too (closing only adds constraints) and has no undocumented member, so one yes/no pass
    /// answers both questions for a clean body.
    #[must_use]
    pub fn is_valid(&self, body: &Value) -> bool {
        self.validator.is_valid(body)
    }

    /// [`DriftValidator::is_valid`] for a parsed body, read in place.
    #[must_use]
    pub fn is_valid_json(&self, body: &crate::json::Value<'_>) -> bool {
        self.validator.is_valid_json(body)
    }

    /// Whether a parsed body may have an undocumented member: `false` means
    /// [`DriftValidator::undocumented`] finds none, so a body that fails the closed schema for
    /// other reasons (schema violations) skips the detailed drift pass.
    #[must_use]
    pub fn may_have_undocumented_json(&self, body: &crate::json::Value<'_>) -> bool {
        !self.gate.is_valid_json(body)
    }

    /// Every undocumented member of `body`, sorted by pointer. `violations` are the main
    /// validator's findings for the same body: objects they reject report no drift, and inside
    /// objects that hold one, every conditional branch counts as declaring its members.
    #[must_use]
    pub fn undocumented(&self, body: &Value, violations: &[Violation]) -> Vec<Undocumented> {
        if self.validator.is_valid(body) {
            return Vec::new();
        }
        self.undocumented_of_invalid(body, violations)
    }

    /// [`DriftValidator::undocumented`] of a body already known to fail the closed schema (its
    /// yes/no pass said so): the detailed pass alone.
    #[must_use]
    pub fn undocumented_of_invalid(
        &self,
        body: &Value,
        violations: &[Violation],
    ) -> Vec<Undocumented> {
        let mut errors = Vec::new();
        for error in self.validator.serde().iter_errors(body) {
            unevaluated(&error, &mut errors);
        }
        let mut out = BTreeSet::new();
        for (object_pointer, site_location, names) in errors {
            if rejected(&object_pointer, violations) {
                continue;
            }
            let Some(Value::Object(object)) = body.pointer(&object_pointer) else {
                continue;
            };
            let branches = if holds_violation(&object_pointer, violations) {
                Branches::All
            } else {
                Branches::For(object)
            };
            let declared = match self.schema.pointer(&site_location) {
                Some(Value::Object(site)) => declared(site, &self.schema, branches),
                _ => Some(BTreeSet::new()),
            };
            let Some(declared) = declared else {
                continue;
            };
            for name in names {
                if declared.contains(&name) {
                    continue;
                }
                let mut pointer = object_pointer.clone();
                push_token(&mut pointer, &name);
                out.insert(Undocumented {
                    pointer,
                    object: object_pointer.clone(),
                    name,
                });
            }
        }
        out.into_iter().collect()
    }
}

/// `(object pointer, site location, unexpected names)` of each `unevaluatedProperties` error,
/// looking into the one `anyOf`/`oneOf` alternative that does not fail on the value's type (a
/// nullable wrapper's object branch), as the main findings do.
fn unevaluated(error: &ValidationError<'_>, out: &mut Vec<(String, String, Vec<String>)>) {
    let instance_path = error.instance_path().as_str();
    match error.kind() {
        ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let location = error.schema_path().as_str();
            let site = location
                .strip_suffix(CLOSING_KEYWORD)
                .and_then(|s| s.strip_suffix('/'))
                .unwrap_or(location);
            out.push((
                instance_path.to_string(),
                site.to_string(),
                unexpected.clone(),
            ));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            if let Some(only) = crate::violation::intended_alternative(context, instance_path) {
                for inner in only {
                    unevaluated(inner, out);
                }
            }
        }
        _ => {}
    }
}

/// Whether the schema rejects the object as a whole: a finding at the object itself, or a
/// required member missing from it.
fn rejected(object: &str, violations: &[Violation]) -> bool {
    violations
        .iter()
        .any(|v| v.pointer == object || (v.keyword == "required" && parent(&v.pointer) == object))
}

/// Whether a finding lies at or inside the object.
fn holds_violation(object: &str, violations: &[Violation]) -> bool {
    violations.iter().any(|v| {
        v.pointer == object
            || v.pointer
                .strip_prefix(object)
                .is_some_and(|rest| rest.starts_with('/'))
    })
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

    #[test]
    fn the_discriminator_condition_is_evaluated() {
        let object = json!({"kind": "Physical", "name": "a"});
        let object = object.as_object().unwrap();
        let condition =
            json!({"properties": {"kind": {"const": "Physical"}}, "required": ["kind"]});
        assert_eq!(holds(&condition, object), Some(true));
        let other = json!({"properties": {"kind": {"const": "Metadata"}}, "required": ["kind"]});
        assert_eq!(holds(&other, object), Some(false));
        let missing = json!({"required": ["metadata_key"]});
        assert_eq!(holds(&missing, object), Some(false));
        assert_eq!(holds(&json!({"minProperties": 1}), object), None);
    }
}
