//! What a site declares: whether it is closed at all, and the member names it declares for one
//! object (through `$ref`, `allOf`/`anyOf`/`oneOf`, and the `then` or `else` its `if` picks).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::CLOSING_KEYWORD;

/// Whether a site's effective schema declares members and leaves the rest open.
pub(super) fn closes(site: &Map<String, Value>, document: &Value) -> bool {
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
pub(super) enum Branches<'o> {
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
pub(super) fn resolve<'d>(document: &'d Value, reference: &str) -> Option<&'d Value> {
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
pub(super) fn declared(
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
