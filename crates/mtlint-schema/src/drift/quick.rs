//! The quick schema ([`quick_closed`]): the closed schema's yes/no answer, cheaper to evaluate.

use serde_json::{Map, Value};

use super::rewrite::Rewriter;
use super::sites::resolve;
use super::{ANNOTATIONS, DOCUMENT_KEYS};

/// A schema that answers yes/no exactly as [`super::close_open_objects`]' schema does, cheaper to
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
    let mut builder = Rewriter::new(schema, true);
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

/// What a static or discriminated site applies in place.
pub(super) struct Shape<'d> {
    /// The parts that always apply: the site, then what `$ref` and `allOf` reach.
    common: Vec<&'d Map<String, Value>>,
    /// One per `if`/`then`: the test, and the `then` schema's own parts.
    branches: Vec<Branch<'d>>,
}

pub(super) struct Branch<'d> {
    test: &'d Map<String, Value>,
    /// The member the test reads (it counts as evaluated when the test holds).
    tested: &'d str,
    parts: Vec<&'d Map<String, Value>>,
}

impl<'d> Rewriter<'d> {
    /// The name of the closed copy of a reference's target (made on first use; a recursive
    /// reference finds the name already there).
    pub(super) fn copy(&mut self, reference: &'d str, mut shape: Shape<'d>) -> String {
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
    pub(super) fn closed(&mut self, shape: &Shape<'d>) -> Map<String, Value> {
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
pub(super) fn shape<'d>(site: &'d Map<String, Value>, document: &'d Value) -> Option<Shape<'d>> {
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
pub(super) fn lone_reference(site: &Map<String, Value>) -> Option<&str> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::close_open_objects;
    use serde_json::json;

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
