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
//! 2. [`DriftValidator::undocumented`] runs it and turns each `unevaluatedProperties` error
//!    into one [`Undocumented`] member. Its other errors are ignored: the main validator
//!    reports them. The yes/no question comes first, and is asked of [`quick_closed`]'s schema,
//!    which answers as the closed one in about half the time.
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
use crate::violation::Violation;
use mtlint_json::pointer::{parent, push_token};

/// The keyword the drift schema adds at each site.
const CLOSING_KEYWORD: &str = "unevaluatedProperties";

/// Copies a converted body schema (from [`crate::convert::to_json_schema`]) and closes every open
/// object that declares members, as the module documentation describes.
#[must_use]
pub fn close_open_objects(schema: &Value) -> Value {
    Quick::new(schema, false).node(schema, true)
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

/// A schema that answers yes/no exactly as [`close_open_objects`]' schema does, cheaper to
/// evaluate. Only its yes/no pass is used: the detailed drift pass needs the closed schema's
/// `unevaluatedProperties` errors.
///
/// A site whose effective schema is *static* (it reaches every part through `$ref` and `allOf`
/// alone: no `anyOf`/`oneOf`, no `patternProperties` or `dependentSchemas`) declares the same
/// names for every object. Such a site is written flat: the `properties` of all its parts merged
/// into one (a name several parts declare gets their schemas under `allOf`),
/// `additionalProperties: false` beside them, and each part's other keywords kept (beside them
/// when no name collides, else under `allOf`). The validator then checks members and closedness
/// in one pass over the object, where `unevaluatedProperties` looks up every member again in
/// what each part evaluated.
///
/// A *discriminated* site is static but for `if`/`then` parts that test one member against
/// distinct constants (`{"properties": {"kind": {"const": "Physical"}}, "required": ["kind"]}`,
/// as the converter writes a discriminator), with static `then` schemas and no `else`: at most
/// one `if` holds. It becomes a chain: `if` the first test `then` the flat schema of the common
/// parts with that branch, `else` the next test..., and last the common parts alone.
///
/// Same answer: when every part holds, the closed site's evaluated names are the body's names
/// that some applying part's `properties` (or a holding `if`) declares, which is what
/// `additionalProperties: false` beside the merged `properties` allows; when a part fails, both
/// fail. A site that is just a reference (`{"$ref": X}` or `{"allOf": [{"$ref": X}]}`, with
/// annotations) refers to one flat copy of `X` added to `$defs`, so a recursive type
/// (`DataType`) stays finite. Other sites get `unevaluatedProperties: false`, as in the closed
/// schema.
#[must_use]
pub fn quick_closed(schema: &Value) -> Value {
    let mut builder = Quick::new(schema, true);
    let mut out = builder.node(schema, true);
    if let Value::Object(root) = &mut out {
        if !builder.made.is_empty() {
            let defs = root
                .entry("$defs")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(defs) = defs {
                defs.extend(builder.made);
            }
        }
    }
    out
}

/// Keywords that say nothing about validity: a site holding only these and a reference is the
/// reference.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "readOnly",
    "writeOnly",
    "default",
    "examples",
    "deprecated",
    "$comment",
];

/// Keywords of a document's root that hold no assertion: kept where the root is rewritten.
const DOCUMENT_KEYS: &[&str] = &["$schema", "$defs", "definitions"];

/// Builds [`quick_closed`]'s schema, and, without flattening, [`close_open_objects`]'.
struct Quick<'d> {
    document: &'d Value,
    /// Whether static and discriminated sites are written flat (else every site gets the
    /// closing keyword).
    flatten: bool,
    /// `(reference, name in $defs)` of each flat copy made or being made.
    copies: Vec<(&'d str, String)>,
    /// The flat copies, by name.
    made: Map<String, Value>,
}

/// What a static or discriminated site applies in place.
struct Shape<'d> {
    /// The parts that always apply: the site, then what `$ref` and `allOf` reach.
    common: Vec<&'d Map<String, Value>>,
    /// One per `if`/`then`: the test, and the `then` schema's own parts.
    branches: Vec<Branch<'d>>,
}

struct Branch<'d> {
    test: &'d Map<String, Value>,
    /// The member the test reads (it counts as evaluated when the test holds).
    tested: &'d str,
    parts: Vec<&'d Map<String, Value>>,
}

impl<'d> Quick<'d> {
    fn new(document: &'d Value, flatten: bool) -> Self {
        Self {
            document,
            flatten,
            copies: Vec::new(),
            made: Map::new(),
        }
    }

    /// A schema node, rewritten; `site` says whether it validates an instance location.
    fn node(&mut self, node: &'d Value, site: bool) -> Value {
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
    fn keyword(&mut self, key: &str, value: &'d Value) -> Value {
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

    /// The name of the closed copy of a reference's target (made on first use; a recursive
    /// reference finds the name already there).
    fn copy(&mut self, reference: &'d str, mut shape: Shape<'d>) -> String {
        if let Some((_, name)) = self.copies.iter().find(|(r, _)| *r == reference) {
            return name.clone();
        }
        let taken = |name: &str| {
            self.document
                .get("$defs")
                .and_then(Value::as_object)
                .is_some_and(|defs| defs.contains_key(name))
        };
        let mut name = format!("mtlint-closed-{}", self.copies.len());
        while taken(&name) {
            name.push('_');
        }
        self.copies.push((reference, name.clone()));
        // The referring site (the first part) holds annotations alone.
        shape.common.remove(0);
        let closed = self.closed(&shape);
        self.made.insert(name.clone(), Value::Object(closed));
        name
    }

    /// The closed form of a site's shape: one flat schema, or a chain of them.
    fn closed(&mut self, shape: &Shape<'d>) -> Map<String, Value> {
        let mut out = self.flat(&shape.common, &[]);
        for branch in shape.branches.iter().rev() {
            let mut parts = shape.common.clone();
            parts.extend(&branch.parts);
            let then = self.flat(&parts, &[branch.tested]);
            let mut step = Map::new();
            step.insert("if".into(), Value::Object(branch.test.clone()));
            step.insert("then".into(), Value::Object(then));
            step.insert("else".into(), Value::Object(out));
            out = step;
        }
        out
    }

    /// One flat, closed schema for static parts; `tested` are names a holding `if` evaluated.
    fn flat(&mut self, parts: &[&'d Map<String, Value>], tested: &[&str]) -> Map<String, Value> {
        let mut merged: Map<String, Value> = Map::new();
        let mut rest: Vec<Map<String, Value>> = Vec::new();
        for part in parts {
            if let Some(Value::Object(properties)) = part.get("properties") {
                for (name, schema) in properties {
                    let schema = self.node(schema, true);
                    match merged.get_mut(name) {
                        None => {
                            merged.insert(name.clone(), schema);
                        }
                        Some(existing) => *existing = both(existing.take(), schema),
                    }
                }
            }
            let mut other = Map::new();
            for (key, value) in *part {
                if matches!(
                    key.as_str(),
                    "properties" | "$ref" | "allOf" | "if" | "then"
                ) || ANNOTATIONS.contains(&key.as_str())
                    || DOCUMENT_KEYS.contains(&key.as_str())
                {
                    continue;
                }
                other.insert(key.clone(), self.keyword(key, value));
            }
            if !other.is_empty() {
                rest.push(other);
            }
        }
        for name in tested {
            merged
                .entry((*name).to_string())
                .or_insert(Value::Bool(true));
        }
        let mut out = Map::new();
        out.insert("properties".into(), Value::Object(merged));
        out.insert("additionalProperties".into(), Value::Bool(false));
        let mut all = Vec::new();
        for mut part in rest {
            // `required` lists add up; other keywords go beside the others unless one is
            // already there with another value.
            if let (Some(Value::Array(more)), Some(Value::Array(there))) =
                (part.get("required"), out.get_mut("required"))
            {
                for name in more {
                    if !there.contains(name) {
                        there.push(name.clone());
                    }
                }
                part.remove("required");
            }
            if part
                .iter()
                .any(|(k, v)| out.get(k).is_some_and(|there| there != v))
            {
                all.push(Value::Object(part));
            } else {
                out.extend(part);
            }
        }
        if !all.is_empty() {
            out.insert("allOf".into(), Value::Array(all));
        }
        out
    }
}

/// Two schemas that must both hold, without the trivial ones.
fn both(a: Value, b: Value) -> Value {
    let trivial = |v: &Value| v == &Value::Bool(true) || v.as_object().is_some_and(Map::is_empty);
    if trivial(&a) {
        return b;
    }
    if trivial(&b) || a == b {
        return a;
    }
    let mut items = match a {
        Value::Object(map) if map.len() == 1 && map.contains_key("allOf") => match map.get("allOf")
        {
            Some(Value::Array(items)) => items.clone(),
            _ => vec![Value::Object(map)],
        },
        other => vec![other],
    };
    items.push(b);
    let mut out = Map::new();
    out.insert("allOf".into(), Value::Array(items));
    Value::Object(out)
}

/// Keywords under which a part could declare names for some objects and not others, or that
/// change how references resolve: a site whose parts hold one is neither static nor
/// discriminated. (`if`/`then` are looked at separately.)
const DYNAMIC: &[&str] = &[
    "anyOf",
    "oneOf",
    "else",
    "patternProperties",
    "dependentSchemas",
    "additionalProperties",
    "unevaluatedProperties",
    "$dynamicRef",
    "$recursiveRef",
    "$id",
    "$anchor",
    "$dynamicAnchor",
];

/// The shape of a static or discriminated site (see [`quick_closed`]); `None` for any other.
fn shape<'d>(site: &'d Map<String, Value>, document: &'d Value) -> Option<Shape<'d>> {
    let common = static_parts(site, document, true)?;
    let mut branches = Vec::new();
    let mut tested: Option<(&str, Vec<&Value>)> = None;
    for part in &common {
        let (Some(test), Some(then)) = (part.get("if"), part.get("then")) else {
            continue;
        };
        let (test, name, value) = discriminator(test)?;
        let (first, values) = tested.get_or_insert_with(|| (name, Vec::new()));
        if *first != name || values.contains(&value) {
            return None;
        }
        values.push(value);
        let mut parts = static_parts(then.as_object()?, document, false)?;
        parts.retain(|p| !common.iter().any(|c| std::ptr::eq(*c, *p)));
        branches.push(Branch {
            test,
            tested: name,
            parts,
        });
    }
    Some(Shape { common, branches })
}

/// The schemas a site applies in place: itself first, then every part reached through `$ref`
/// and `allOf`, each once. `None` when a part is dynamic, or holds `if`/`then` and `branches`
/// does not allow it (or one without the other).
fn static_parts<'d>(
    site: &'d Map<String, Value>,
    document: &'d Value,
    branches: bool,
) -> Option<Vec<&'d Map<String, Value>>> {
    let mut parts = vec![site];
    let mut seen: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(part) = parts.get(at).copied() {
        at += 1;
        if DYNAMIC.iter().any(|k| part.contains_key(*k)) {
            return None;
        }
        if (part.contains_key("if") || part.contains_key("then"))
            && !(branches && part.contains_key("if") && part.contains_key("then"))
        {
            return None;
        }
        if let Some(reference) = part.get("$ref") {
            let reference = reference.as_str()?;
            if !seen.contains(&reference) {
                seen.push(reference);
                parts.push(resolve(document, reference)?.as_object()?);
            }
        }
        for member in part
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            parts.push(member.as_object()?);
        }
    }
    Some(parts)
}

/// An `if` that tests one member against a string constant and requires it:
/// `{"properties": {name: {"const": value}}, "required": [name]}` as `(test, name, value)`.
/// Strings only: two different-looking numbers can be the same JSON Schema value (`1`, `1.0`),
/// and then two tests would hold at once.
fn discriminator(test: &Value) -> Option<(&Map<String, Value>, &str, &Value)> {
    let test = test.as_object()?;
    if test.len() != 2 {
        return None;
    }
    let properties = test.get("properties")?.as_object()?;
    let [(name, schema)] = properties.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let schema = schema.as_object()?;
    let value = schema
        .get("const")
        .filter(|v| v.is_string() && schema.len() == 1)?;
    let required = test.get("required")?.as_array()?;
    required
        .iter()
        .any(|r| r.as_str() == Some(name))
        .then_some((test, name.as_str(), value))
}

/// The reference a site is, when it holds nothing else that validates: `{"$ref": X}` or
/// `{"allOf": [{"$ref": X}]}`.
fn lone_reference(site: &Map<String, Value>) -> Option<&str> {
    let only = |map: &Map<String, Value>, key: &str| {
        map.keys().all(|k| {
            k == key || ANNOTATIONS.contains(&k.as_str()) || DOCUMENT_KEYS.contains(&k.as_str())
        })
    };
    if only(site, "$ref") {
        return site.get("$ref")?.as_str();
    }
    if only(site, "allOf") {
        if let [Value::Object(member)] = site.get("allOf")?.as_array()?.as_slice() {
            if only(member, "$ref") {
                return member.get("$ref")?.as_str();
            }
        }
    }
    None
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
    /// [`quick_closed`]'s schema: the same yes/no answer as `validator`, sooner.
    quick: BodyValidator,
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
        let quick = BodyValidator::compile(&quick_closed(schema))?;
        let schema = close_open_objects(schema);
        let validator = BodyValidator::compile(&schema)?;
        let gate = BodyValidator::compile(&members_only(&schema))?;
        Ok(Self {
            schema,
            validator,
            quick,
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
        self.quick.is_valid(body)
    }

    /// [`DriftValidator::is_valid`] answered by the closed schema itself, with
    /// `unevaluatedProperties` (slower; the reference the quick schema is tested against).
    #[must_use]
    pub fn is_valid_closed(&self, body: &Value) -> bool {
        self.validator.is_valid(body)
    }

    /// [`DriftValidator::is_valid`] for a parsed body, read in place.
    #[must_use]
    pub fn is_valid_json(&self, body: &mtlint_json::Value<'_>) -> bool {
        self.quick.is_valid_json(body)
    }

    /// Whether a parsed body may have an undocumented member: `false` means
    /// [`DriftValidator::undocumented`] finds none, so a body that fails the closed schema for
    /// other reasons (schema violations) skips the detailed drift pass.
    #[must_use]
    pub fn may_have_undocumented_json(&self, body: &mtlint_json::Value<'_>) -> bool {
        !self.gate.is_valid_json(body)
    }

    /// Every undocumented member of `body`, sorted by pointer. `violations` are the main
    /// validator's findings for the same body: objects they reject report no drift, and inside
    /// objects that hold one, every conditional branch counts as declaring its members.
    #[must_use]
    pub fn undocumented(&self, body: &Value, violations: &[Violation]) -> Vec<Undocumented> {
        if self.quick.is_valid(body) {
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

    /// A document with a site of every shape: static through `$ref` and `allOf` with a name
    /// declared twice, discriminated by `kind`, recursive, a map, and one with `anyOf`.
    fn shapes() -> Value {
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": "#/$defs/Root",
            "$defs": {
                "Root": {"type": "object", "required": ["meta"], "properties": {
                    "meta": {"allOf": [{"$ref": "#/$defs/Meta"}, {"properties": {"a": {}, "b": {"type": "integer"}}}]},
                    "column": {"$ref": "#/$defs/Column"},
                    "tree": {"allOf": [{"$ref": "#/$defs/Tree"}], "description": "recursive"},
                    "map": {"type": "object", "additionalProperties": {"type": "string"}},
                    "either": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/Meta"}]}
                }},
                "Meta": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"minimum": 0}}},
                "Common": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "tree": {"$ref": "#/$defs/Tree"}}},
                "X": {"allOf": [{"$ref": "#/$defs/Common"}, {"properties": {"kind": {"const": "x"}, "x": {"type": "integer"}}, "required": ["x"]}]},
                "Y": {"allOf": [{"$ref": "#/$defs/Common"}, {"properties": {"kind": {"const": "y"}, "y": {"type": "boolean"}}}]},
                "Column": {"type": "object", "allOf": [
                    {"properties": {"kind": {"enum": ["x", "y", "z"]}}, "required": ["kind"]},
                    {"if": {"properties": {"kind": {"const": "x"}}, "required": ["kind"]}, "then": {"$ref": "#/$defs/X"}},
                    {"if": {"properties": {"kind": {"const": "y"}}, "required": ["kind"]}, "then": {"$ref": "#/$defs/Y"}}
                ]},
                "Tree": {"type": "object", "properties": {"t": {"type": "integer"}, "next": {"allOf": [{"$ref": "#/$defs/Tree"}]}}}
            }
        })
    }

    fn compile(schema: &Value) -> jsonschema::Validator {
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(schema)
            .expect("compiles")
    }

    #[test]
    fn the_quick_schema_flattens_static_sites_and_chains_discriminated_ones() {
        let quick = quick_closed(&shapes());
        let defs = &quick["$defs"];
        let at = |value: &Value| {
            let reference = value["$ref"].as_str().expect("a reference");
            defs[reference.strip_prefix("#/$defs/").expect("local")].clone()
        };
        // The root is a lone reference: a closed, flat copy of `Root`.
        let root = at(&quick);
        assert_eq!(root["additionalProperties"], json!(false));
        assert_eq!(root["required"], json!(["meta"]));
        // `meta` merges `Meta` and its own part; `a`, declared twice, keeps the schema that
        // says something.
        let meta = &root["properties"]["meta"];
        assert_eq!(meta["additionalProperties"], json!(false));
        assert_eq!(meta["properties"]["a"], json!({"type": "string"}));
        assert_eq!(
            meta["properties"]["b"],
            json!({"allOf": [{"type": "integer"}, {"minimum": 0}]})
        );
        assert_eq!(meta["required"], json!(["a"]));
        // The recursive type refers to its own copy, once.
        let tree = at(&root["properties"]["tree"]);
        assert_eq!(tree["properties"]["next"], root["properties"]["tree"]);
        // The discriminated column: `if x then (common + X) else if y then (common + Y)
        // else common`, each closed.
        let column = at(&root["properties"]["column"]);
        assert_eq!(column["if"]["properties"]["kind"], json!({"const": "x"}));
        let x = &column["then"];
        assert_eq!(x["additionalProperties"], json!(false));
        let mut names: Vec<&String> = x["properties"].as_object().unwrap().keys().collect();
        names.sort();
        assert_eq!(names, ["kind", "name", "tree", "x"]);
        let mut required: Vec<&str> = x["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        required.sort_unstable();
        assert_eq!(required, ["kind", "name", "x"]);
        assert_eq!(
            column["else"]["if"]["properties"]["kind"],
            json!({"const": "y"})
        );
        let last = &column["else"]["else"];
        assert_eq!(
            last["properties"],
            json!({"kind": {"enum": ["x", "y", "z"]}})
        );
        assert_eq!(last["additionalProperties"], json!(false));
        // Not sites: the map stays open; `anyOf` keeps the closing keyword, as before.
        assert_eq!(
            root["properties"]["map"],
            shapes()["$defs"]["Root"]["properties"]["map"]
        );
        assert_eq!(
            root["properties"]["either"]["unevaluatedProperties"],
            json!(false)
        );
        compile(&quick);
    }

    #[test]
    fn tests_that_could_hold_together_keep_the_closing_keyword() {
        let mut document = shapes();
        // Two tests of different members: both can hold at once.
        document["$defs"]["Column"]["allOf"][2]["if"] =
            json!({"properties": {"other": {"const": "y"}}, "required": ["other"]});
        let quick = quick_closed(&document);
        let column = &quick["$defs"]["Root"]["properties"]["column"];
        assert_eq!(column["unevaluatedProperties"], json!(false));
        assert_eq!(column["$ref"], json!("#/$defs/Column"));
        // `1` and `1.0` are one value to JSON Schema: tests of numbers are not trusted apart.
        let mut document = shapes();
        document["$defs"]["Column"]["allOf"][1]["if"]["properties"]["kind"]["const"] = json!(1);
        document["$defs"]["Column"]["allOf"][2]["if"]["properties"]["kind"]["const"] = json!(1.0);
        let quick = quick_closed(&document);
        let column = &quick["$defs"]["Root"]["properties"]["column"];
        assert_eq!(column["unevaluatedProperties"], json!(false));
        // A test that does not require its member holds for an object without it.
        let mut document = shapes();
        document["$defs"]["Column"]["allOf"][1]["if"] =
            json!({"properties": {"kind": {"const": "x"}}, "type": "object"});
        let quick = quick_closed(&document);
        let column = &quick["$defs"]["Root"]["properties"]["column"];
        assert_eq!(column["unevaluatedProperties"], json!(false));
    }

    /// Bodies for the shapes document: mostly valid, each member present or not, now and then
    /// a value of the wrong type or a member no schema declares, so both answers come up often.
    fn body() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        /// A member: absent, right, wrong or undocumented.
        fn member(
            name: &'static str,
            right: impl Strategy<Value = Value> + 'static,
        ) -> BoxedStrategy<Vec<(String, Value)>> {
            prop_oneof![
                3 => Just(Vec::new()),
                6 => right.prop_map(move |v| vec![(name.to_string(), v)]),
                1 => Just(vec![(name.to_string(), json!([]))]),
                1 => Just(vec![("new".to_string(), json!(1))]),
            ]
            .boxed()
        }
        fn object(members: Vec<BoxedStrategy<Vec<(String, Value)>>>) -> BoxedStrategy<Value> {
            members
                .prop_map(|all| Value::Object(all.into_iter().flatten().collect()))
                .boxed()
        }
        let tree = Just(json!({})).prop_recursive(3, 12, 2, |inner| {
            object(vec![member("t", Just(json!(1))), member("next", inner)])
        });
        let kind = prop_oneof![
            Just(json!("x")),
            Just(json!("y")),
            Just(json!("z")),
            Just(json!("w"))
        ];
        let column = object(vec![
            member("kind", kind),
            member("name", Just(json!("n"))),
            member("x", Just(json!(1))),
            member("y", Just(json!(true))),
            member("tree", tree.clone()),
        ]);
        let meta = object(vec![
            member("a", Just(json!("s"))),
            member("b", prop_oneof![Just(json!(2)), Just(json!(-2))]),
        ]);
        object(vec![
            member("meta", meta.clone()),
            member("column", column),
            member("tree", tree),
            member("map", Just(json!({"k": "v"}))),
            member("either", prop_oneof![Just(json!(null)), meta]),
        ])
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 1024, failure_persistence: None, ..Default::default() })]

        /// The quick schema's yes/no is the closed schema's, on any body.
        #[test]
        fn the_quick_and_the_closed_schema_agree(body in body()) {
            use std::sync::OnceLock;
            static BOTH: OnceLock<(jsonschema::Validator, jsonschema::Validator)> = OnceLock::new();
            let (closed, quick) = BOTH.get_or_init(|| {
                (compile(&close_open_objects(&shapes())), compile(&quick_closed(&shapes())))
            });
            proptest::prop_assert_eq!(closed.is_valid(&body), quick.is_valid(&body), "{}", body);
        }
    }

    #[test]
    fn the_quick_and_the_closed_schema_agree_on_chosen_bodies() {
        let closed = compile(&close_open_objects(&shapes()));
        let quick = compile(&quick_closed(&shapes()));
        let column = |c: Value| json!({"meta": {"a": "s"}, "column": c});
        let cases = [
            (json!({"meta": {"a": "s", "b": 1}}), true),
            (json!({"meta": {"a": "s", "c": 1}}), false),
            (json!({"meta": {"a": "s"}, "new": 1}), false),
            (json!({"meta": {"a": "s"}, "map": {"any": "s"}}), true),
            (
                json!({"meta": {"a": "s"}, "tree": {"next": {"next": {"t": 1}}}}),
                true,
            ),
            (
                json!({"meta": {"a": "s"}, "tree": {"next": {"next": {"u": 1}}}}),
                false,
            ),
            (column(json!({"kind": "x", "name": "n", "x": 1})), true),
            (
                column(json!({"kind": "x", "name": "n", "x": 1, "y": true})),
                false,
            ),
            (column(json!({"kind": "y", "name": "n", "y": true})), true),
            (
                column(json!({"kind": "y", "name": "n", "tree": {"t": 2, "bad": 0}})),
                false,
            ),
            (column(json!({"kind": "z"})), true),
            (column(json!({"kind": "z", "name": "n"})), false),
            (column(json!({"kind": "w"})), false),
            (json!({"meta": {"a": "s"}, "either": {"a": "s"}}), true),
            (
                json!({"meta": {"a": "s"}, "either": {"a": "s", "c": 1}}),
                false,
            ),
            (json!({"meta": {"a": "s", "b": -1}}), false),
        ];
        for (body, valid) in cases {
            assert_eq!(closed.is_valid(&body), valid, "closed: {body}");
            assert_eq!(quick.is_valid(&body), valid, "quick: {body}");
        }
    }
}
