//! The borrowed tree ([`mtlint_json::Value`]) as a value representation of the `jsonschema`
//! crate: validators compiled for [`Borrowed`] read a parsed body in place, without building a
//! `serde_json::Value`.

use std::borrow::Cow;

use jsonschema::json::{Array as JsArray, Json, Node, NodeIdentity, Object as JsObject};
use jsonschema::types::JsonType;
use mtlint_json::{Members, Number, Object, Value};

/// [`Value`] for the `jsonschema` crate: validators compiled for it read the tree in place.
#[derive(Debug)]
pub struct Borrowed;

impl Json for Borrowed {
    type Node<'a> = &'a Value<'a>;
    type PreparedKey = Box<str>;
    type StringBuffer = ();

    // Objects are small vectors: scanning the members beats looking each property up.
    const KEYS_PER_LOOKUP: usize = 4;
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> Box<str> {
        key.into()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(Self::Node<'_>) -> T) -> T {
        let node = Value::String(Cow::Borrowed(string));
        f(&node)
    }
}

impl<'a> Node<'a, Borrowed> for &'a Value<'a> {
    type Object = &'a Object<'a>;
    type Array = &'a [Value<'a>];
    type Number = &'a Number;

    fn as_object(&self) -> Option<&'a Object<'a>> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<&'a [Value<'a>]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self {
            Value::String(s) => Some(Cow::Borrowed(s.as_ref())),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<&'a Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    fn json_type(&self) -> JsonType {
        match self {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    fn string_length_within(&self, min: u64, max: u64) -> Option<bool> {
        let Value::String(s) = self else {
            return None;
        };
        // A code point takes one to four bytes: the byte length often decides alone.
        let bytes = s.len() as u64;
        let fewest = bytes.div_ceil(4);
        if bytes < min || fewest > max {
            return Some(false);
        }
        if min <= fewest && bytes <= max {
            return Some(true);
        }
        Some((min..=max).contains(&(s.chars().count() as u64)))
    }

    fn equals_value(&self, expected: &serde_json::Value) -> bool {
        match (self, expected) {
            (Value::String(a), serde_json::Value::String(b)) => a == b,
            (Value::String(_), _) | (_, serde_json::Value::String(_)) => false,
            (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Number(a), serde_json::Value::Number(b)) => {
                jsonschema::json::cmp::equal_numbers(a, b)
            }
            _ => jsonschema::json::cmp::equal(&self.to_serde(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, serde_json::Value> {
        Cow::Owned(self.to_serde())
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(
            std::ptr::from_ref::<Value<'a>>(self) as usize
        ))
    }
}

impl<'a> JsObject<'a, Borrowed> for &'a Object<'a> {
    type Node = &'a Value<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a, 'a>;

    fn len(&self) -> usize {
        Object::len(self)
    }

    fn get(&self, key: &Box<str>) -> Option<&'a Value<'a>> {
        Object::get(self, key)
    }

    fn members(&self) -> Members<'a, 'a> {
        self.iter()
    }
}

impl<'a> JsArray<'a, Borrowed> for &'a [Value<'a>] {
    type Node = &'a Value<'a>;
    type ElementsIter = std::slice::Iter<'a, Value<'a>>;

    fn len(&self) -> usize {
        <[Value<'a>]>::len(self)
    }

    fn elements(&self) -> std::slice::Iter<'a, Value<'a>> {
        self.iter()
    }

    // The default converts every element to a `serde_json::Value`: `data` is `uniqueItems`, so
    // that would rebuild every list body. Elements are compared in place instead, and a long
    // array is first sorted by a hash of each element's top-level scalars.
    fn is_unique(&self) -> bool {
        let n = <[Value<'a>]>::len(self);
        if n <= 16 {
            return (1..n).all(|i| self[..i].iter().all(|earlier| !equal(earlier, &self[i])));
        }
        let mut hashed: Vec<(u64, usize)> = self
            .iter()
            .enumerate()
            .map(|(i, v)| (shallow_hash(v, true), i))
            .collect();
        hashed.sort_unstable();
        hashed.chunk_by(|a, b| a.0 == b.0).all(|run| {
            (1..run.len()).all(|i| run[..i].iter().all(|e| !equal(&self[e.1], &self[run[i].1])))
        })
    }
}

/// JSON equality (what `uniqueItems` and `enum` mean): numbers compare by value, object members
/// whatever their order.
fn equal(a: &Value<'_>, b: &Value<'_>) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => jsonschema::json::cmp::equal_numbers(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

/// A hash equal values share: scalars in full (a number by its `f64` value, so `1` and `1.0`
/// agree), containers by their length and, one level down when `deep`, their scalar members.
///
/// foldhash, not the standard SipHash: a `data` array of more than 16 items hashes every scalar
/// member of every item, with a hasher per member, and SipHash's set-up and finish outweigh such
/// short inputs.
fn shallow_hash(value: &Value<'_>, deep: bool) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let hasher = || foldhash::fast::FixedState::default().build_hasher();
    let mut h = hasher();
    match value {
        Value::Null => 0u8.hash(&mut h),
        Value::Bool(b) => (1u8, b).hash(&mut h),
        Value::Number(n) => {
            // `+ 0.0` turns -0 into 0, which JSON equality does not tell apart.
            (2u8, (n.as_f64().unwrap_or(0.0) + 0.0).to_bits()).hash(&mut h);
        }
        Value::String(s) => (3u8, s.as_ref()).hash(&mut h),
        Value::Array(items) => {
            (4u8, items.len()).hash(&mut h);
            if deep {
                for item in items {
                    shallow_hash(item, false).hash(&mut h);
                }
            }
        }
        Value::Object(object) => {
            (5u8, object.len()).hash(&mut h);
            if deep {
                // Order-independent: the members' own hashes, summed.
                let sum = object.iter().fold(0u64, |sum, (k, v)| {
                    let mut m = hasher();
                    (k, shallow_hash(v, false)).hash(&mut m);
                    sum.wrapping_add(m.finish())
                });
                sum.hash(&mut h);
            }
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtlint_json::from_str;
    use serde_json::json;

    #[test]
    fn unique_items_compare_as_json_does() {
        let unique = |text: &str| {
            let value = from_str(text).unwrap();
            JsArray::is_unique(&value.as_array().unwrap().as_slice())
        };
        assert!(unique("[]"));
        assert!(unique(r#"[1, "1", [1], {"a": 1}, {"a": 2}, null, false]"#));
        assert!(!unique("[1, 1.0]"));
        assert!(!unique("[0, -0.0]"));
        assert!(!unique(r#"[{"a": 1, "b": [2]}, {"b": [2.0], "a": 1}]"#));
        // Past the pairwise size: sorted by hash first.
        let many: Vec<String> = (0..40)
            .map(|i| format!(r#"{{"n": {i}, "x": [{i}]}}"#))
            .collect();
        assert!(unique(&format!("[{}]", many.join(","))));
        let dup = format!("[{}, {{\"x\": [7.0], \"n\": 7}}]", many.join(","));
        assert!(!unique(&dup));
        let nested = format!("[{}, {}]", many.join(","), r#"{"n": 1, "x": [2]}"#);
        assert!(unique(&nested));
    }

    #[test]
    fn validators_compiled_for_it_agree_with_serde_json_ones() {
        let schema = json!({
            "type": "object",
            "required": ["kind", "items"],
            "properties": {
                "kind": {"enum": ["A", "B"]},
                "items": {"type": "array", "items": {"type": "integer", "maximum": 3}, "uniqueItems": true},
                "name": {"type": "string", "minLength": 2, "maxLength": 3, "format": "uuid"}
            },
            "additionalProperties": false
        });
        let ours = jsonschema::options_for::<Borrowed>()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        let theirs = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        for text in [
            r#"{"kind": "A", "items": [1, 2]}"#,
            r#"{"kind": "C", "items": [1]}"#,
            r#"{"kind": "B", "items": [1, 1]}"#,
            r#"{"kind": "B", "items": [1, 1.0]}"#,
            r#"{"kind": "B", "items": [0, 1, 2, 3, 3.0, 2.5]}"#,
            r#"{"kind": "B", "items": [4]}"#,
            r#"{"kind": "B", "items": [], "extra": 1}"#,
            r#"{"kind": "B", "items": [], "name": "ab"}"#,
            r#"{"items": []}"#,
            r#"[]"#,
        ] {
            let value = from_str(text).unwrap();
            let serde = value.to_serde();
            assert_eq!(ours.is_valid(&value), theirs.is_valid(&serde), "{text}");
        }
    }

    /// The `jsonschema` crate's own check of a value representation's accessor contract, on
    /// its document both viewed from a `serde_json::Value` and parsed from text.
    #[test]
    fn conforms_to_the_jsonschema_value_contract() {
        let document = jsonschema::json::conformance::document();
        jsonschema::json::conformance::assert_conformance::<Borrowed>(&&Value::from_serde(
            &document,
        ));
        let text = document.to_string();
        let parsed = from_str(&text).unwrap();
        jsonschema::json::conformance::assert_conformance::<Borrowed>(&&parsed);
    }
}
