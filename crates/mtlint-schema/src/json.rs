//! The JSON value mtlint checks: a tree that borrows its strings from the text it was parsed
//! from, and that the validators read directly.
//!
//! `serde_json::Value` owns every string and keeps objects in a `BTreeMap`: parsing a body into it
//! allocates once per member name, once per string and once per map node, and most of mtlint's
//! time went there. This tree allocates once per array and object (a `Vec`), and not at all for
//! a string without escapes; member lookups scan the few members an object of this API has.
//!
//! [`Value`] mirrors the read-only part of `serde_json::Value`'s API (`get`, `as_str`,
//! `as_array`, `as_object`, `pointer`, ...), so rules read the same either way. It implements the
//! `jsonschema` crate's value abstraction ([`Borrowed`]), so the yes/no validation pass runs on it
//! without conversion; detailed errors, needed only for a failing body, come from
//! [`Value::to_serde`].
//!
//! A member name written twice in one object: [`Object::get`] answers with the last, as
//! `serde_json` does; iteration shows both.

use std::borrow::Cow;
use std::fmt;

use jsonschema::json::{Array as JsArray, Json, Node, NodeIdentity, Object as JsObject};
use jsonschema::types::JsonType;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
pub use serde_json::Number;

mod fast;

pub use fast::quote_or_backslash;

/// A JSON value whose strings borrow from the parsed text where they can.
#[derive(Clone, PartialEq, Default)]
pub enum Value<'a> {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `serde_json` reads it.
    Number(Number),
    /// A string: borrowed when written without escapes.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object, members in written order.
    Object(Object<'a>),
}

/// An object's members, in the order they are written.
#[derive(Clone, Default)]
pub struct Object<'a> {
    members: Vec<(Cow<'a, str>, Value<'a>)>,
}

/// Objects are equal when they have the same members, whatever their order (as in JSON).
impl PartialEq for Object<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && other
                .iter()
                .all(|(k, v)| self.get(k).is_some_and(|mine| mine == v))
    }
}

impl<'a> Object<'a> {
    /// An empty object.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of a member (the last one, when the name is written twice).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        // Length and first byte before the bytes: most members differ there, and a `memcmp`
        // call costs more than the few bytes a member name has.
        let key = key.as_bytes();
        let first = key.first();
        self.members
            .iter()
            .rev()
            .find(|(name, _)| {
                let name = name.as_bytes();
                name.len() == key.len() && name.first() == first && name == key
            })
            .map(|(_, value)| value)
    }

    /// Whether the object has a member of that name.
    #[must_use]
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// How many members are written.
    #[must_use]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the object is `{}`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Members in written order.
    pub fn iter(&self) -> Members<'_, 'a> {
        Members(self.members.iter())
    }

    /// Takes a member out (the last of that name), leaving the others.
    pub fn remove(&mut self, key: &str) -> Option<Value<'a>> {
        let i = self.members.iter().rposition(|(name, _)| name == key)?;
        Some(self.members.remove(i).1)
    }
}

impl<'o, 'a> IntoIterator for &'o Object<'a> {
    type Item = (&'o str, &'o Value<'a>);
    type IntoIter = Members<'o, 'a>;

    fn into_iter(self) -> Members<'o, 'a> {
        Members(self.members.iter())
    }
}

impl<'a> Value<'a> {
    /// The member of an object.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(object) => object.get(key),
            _ => None,
        }
    }

    /// The value at an RFC 6901 pointer (`""` is the value itself).
    #[must_use]
    pub fn pointer(&self, pointer: &str) -> Option<&Value<'a>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        rest.split('/').try_fold(self, |value, token| {
            let token: Cow<'_, str> = if token.contains('~') {
                Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(token)
            };
            match value {
                Value::Object(object) => object.get(&token),
                Value::Array(items) => {
                    if token.len() > 1 && token.starts_with('0') {
                        return None;
                    }
                    items.get(token.parse::<usize>().ok()?)
                }
                _ => None,
            }
        })
    }

    /// The string, if this is one.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    #[must_use]
    pub fn as_array(&self) -> Option<&Vec<Value<'a>>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    #[must_use]
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The number, if this is one.
    #[must_use]
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number as a `u64`, if it is a non-negative integer that fits.
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(Number::as_u64)
    }

    /// The number as an `i64`, if it is an integer that fits.
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::as_i64)
    }

    /// Whether this is `null`.
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether this is a string.
    #[must_use]
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// Whether this is an array.
    #[must_use]
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// Whether this is an object.
    #[must_use]
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// Whether this is an integer that fits a `u64`.
    #[must_use]
    pub fn is_u64(&self) -> bool {
        self.as_u64().is_some()
    }

    /// Whether this is an integer that fits an `i64`.
    #[must_use]
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    /// The same value as an owned `serde_json::Value` (for detailed validation errors, and for
    /// code that builds values).
    #[must_use]
    pub fn to_serde(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(n.clone()),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_serde).collect())
            }
            Value::Object(object) => serde_json::Value::Object(
                object
                    .members
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_serde()))
                    .collect(),
            ),
        }
    }

    /// A view of a `serde_json::Value`, borrowing its strings.
    #[must_use]
    pub fn from_serde(value: &'a serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.clone()),
            serde_json::Value::String(s) => Value::String(Cow::Borrowed(s)),
            serde_json::Value::Array(items) => {
                Value::Array(items.iter().map(Value::from_serde).collect())
            }
            serde_json::Value::Object(map) => Value::Object(Object {
                members: map
                    .iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Value::from_serde(v)))
                    .collect(),
            }),
        }
    }
}

/// Parses one JSON text into a [`Value`] borrowing from it, reading it as `serde_json` does
/// (its error messages, positions and 128-level nesting limit).
///
/// # Errors
/// The text is not one JSON value.
pub fn from_str(text: &str) -> Result<Value<'_>, serde_json::Error> {
    // The common well-formed text takes the direct parser; anything it is unsure of (every
    // error among them) goes to serde_json, which has the last word.
    if let Some(value) = fast::parse(text) {
        return Ok(value);
    }
    from_str_by_serde(text)
}

/// [`from_str`] by `serde_json`'s parser alone (for benchmarks and tests).
///
/// # Errors
/// The text is not one JSON value.
#[doc(hidden)]
pub fn from_str_by_serde(text: &str) -> Result<Value<'_>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Value::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

impl From<serde_json::Value> for Value<'static> {
    fn from(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n),
            serde_json::Value::String(s) => Value::String(Cow::Owned(s)),
            serde_json::Value::Array(items) => {
                Value::Array(items.into_iter().map(Value::from).collect())
            }
            serde_json::Value::Object(map) => Value::Object(Object {
                members: map
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k), Value::from(v)))
                    .collect(),
            }),
        }
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::Bool(b) => write!(f, "Bool({b})"),
            Value::Number(n) => write!(f, "Number({n})"),
            Value::String(s) => write!(f, "String({s:?})"),
            Value::Array(items) => f.debug_list().entries(items).finish(),
            Value::Object(object) => fmt::Debug::fmt(object, f),
        }
    }
}

impl fmt::Debug for Object<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.members.iter().map(|(k, v)| (k.as_ref(), v)))
            .finish()
    }
}

/// Compact JSON exactly as `serde_json::Value` prints it (members sorted by name): messages
/// that quote a value read the same whichever tree it came from.
impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_serde(), f)
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
        // As `serde_json::Value` does: a non-finite float (which JSON cannot write) is null.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(v)))
    }

    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        Value::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(key) = map.next_key_seed(Key)? {
            members.push((key, map.next_value()?));
        }
        Ok(Value::Object(Object { members }))
    }
}

/// A member name, borrowed from the text when written without escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

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

/// Members of an [`Object`] for the validator.
#[derive(Debug)]
pub struct Members<'o, 'a>(std::slice::Iter<'o, (Cow<'a, str>, Value<'a>)>);

impl<'o, 'a> Iterator for Members<'o, 'a> {
    type Item = (&'o str, &'o Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'a> JsObject<'a, Borrowed> for &'a Object<'a> {
    type Node = &'a Value<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a, 'a>;

    fn len(&self) -> usize {
        self.members.len()
    }

    fn get(&self, key: &Box<str>) -> Option<&'a Value<'a>> {
        Object::get(self, key)
    }

    fn members(&self) -> Members<'a, 'a> {
        Members(self.members.iter())
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
    use serde_json::json;

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let value = from_str(r#"{"a": "plain", "b\n": "esc\"aped"}"#).unwrap();
        let object = value.as_object().unwrap();
        let members: Vec<_> = object.members.iter().collect();
        assert!(matches!(members[0].0, Cow::Borrowed("a")));
        assert!(matches!(
            members[0].1,
            Value::String(Cow::Borrowed("plain"))
        ));
        assert!(matches!(members[1].0, Cow::Owned(_)));
        assert_eq!(value.get("b\n").and_then(Value::as_str), Some("esc\"aped"));
    }

    #[test]
    fn reads_as_serde_json_does() {
        let text = r#"{"n": [1, -2, 1.5, 1e300, 18446744073709551616], "s": "é\u00e9", "o": {}, "z": null, "t": true}"#;
        let ours = from_str(text).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours.to_serde(), theirs);
        assert_eq!(Value::from_serde(&theirs), ours);
        assert_eq!(ours.to_string(), theirs.to_string());
        // Members keep their written order (serde_json's map sorts them).
        let names: Vec<&str> = ours.as_object().unwrap().iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["n", "s", "o", "z", "t"]);
    }

    #[test]
    fn the_last_of_a_repeated_member_wins_as_in_serde_json() {
        let value = from_str(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(value.get("a").and_then(Value::as_u64), Some(2));
        assert_eq!(value.to_serde(), json!({"a": 2}));
    }

    #[test]
    fn errors_are_serde_json_errors() {
        let truncated = from_str(r#"{"a": [1, 2"#).unwrap_err();
        assert!(truncated.is_eof());
        let trailing = from_str("{} x").unwrap_err();
        assert_eq!((trailing.line(), trailing.column()), (1, 4));
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(from_str(&deep)
            .unwrap_err()
            .to_string()
            .contains("recursion limit"));
    }

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
    fn pointers_follow_rfc_6901() {
        let value = from_str(r#"{"a/b": [{"~c": 7}], "": 1}"#).unwrap();
        assert_eq!(
            value.pointer("/a~1b/0/~0c").and_then(Value::as_u64),
            Some(7)
        );
        assert_eq!(value.pointer("/").and_then(Value::as_u64), Some(1));
        assert_eq!(value.pointer(""), Some(&value));
        assert_eq!(value.pointer("/a~1b/00/~0c"), None);
        assert_eq!(value.pointer("a"), None);
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
}
