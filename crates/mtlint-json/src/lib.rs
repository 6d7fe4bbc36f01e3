//! The JSON value mtlint checks: a tree that borrows its strings from the text it was parsed
//! from, its parser, and RFC 6901 pointers into it.
//!
//! `serde_json::Value` owns every string and keeps objects in a `BTreeMap`: parsing a body into it
//! allocates once per member name, once per string and once per map node. This tree allocates
//! once per array and object (a `Vec`), and not at all for a string without escapes; member
//! lookups scan the few members an object of a JSON API response has.
//!
//! - [`from_str`] parses a text as `serde_json` does (same acceptance, same numbers, same error
//!   messages and positions), most texts through a direct parser that hands anything it is unsure
//!   of to `serde_json`.
//! - [`Value`] mirrors the read-only part of `serde_json::Value`'s API (`get`, `as_str`,
//!   `as_array`, `as_object`, `pointer`, ...), so code reads the same either way;
//!   [`Value::to_serde`] and [`Value::from_serde`] cross over where an owned value is needed.
//! - [`pointer`](mod@pointer) builds RFC 6901 pointers and names them for people.
//!
//! Members keep their written order. A member name written twice in one object: [`Object::get`]
//! answers with the last, as `serde_json` does; iteration shows both.
//!
//! ```
//! use mtlint_json::{from_str, pointer};
//!
//! let text = r#"{"data": [{"name": "orders", "kind": "a"}, {"name": "line\titems"}]}"#;
//! let body = from_str(text)?;
//! assert_eq!(body.pointer("/data/1/name").and_then(|v| v.as_str()), Some("line\titems"));
//! let first = body.pointer("/data/0").and_then(|v| v.as_object()).unwrap();
//! let names: Vec<&str> = first.iter().map(|(name, _)| name).collect();
//! assert_eq!(names, ["name", "kind"]);
//!
//! let mut at = String::new();
//! pointer::push_token(&mut at, "data");
//! pointer::push_token(&mut at, "0");
//! assert_eq!(pointer::label(&at), "data[0]");
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
pub use serde_json::Number;

mod fast;
pub mod pointer;

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

    /// The number as an `i64` when it is an integer in JSON Schema's sense, the way the `integer`
    /// type reads it: no fractional part, however written (`10`, `10.0`, `1e1`, `-0`), and within
    /// `i64`. The semantic rules read integers this way, so that they see every value the schema
    /// accepted as an integer.
    #[must_use]
    pub fn as_integer(&self) -> Option<i64> {
        let number = self.as_number()?;
        if let Some(i) = number.as_i64() {
            return Some(i);
        }
        let f = number.as_f64()?;
        // `i64::MAX as f64` rounds up to 2^63, which is out of range: hence the strict bound.
        let fits = f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64;
        fits.then_some(f as i64)
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

    /// Whether two values are written alike: the same members in the same order (a repeated
    /// name included), numbers of the same kind and digits (`1` is not `1.0`). `==` is JSON
    /// equality instead, where member order does not count and the last repeated member alone
    /// does.
    #[must_use]
    pub fn identical(&self, other: &Value<'_>) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => {
                a.is_f64() == b.is_f64() && a.to_string() == b.to_string()
            }
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.identical(y))
            }
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((m, x), (n, y))| m == n && x.identical(y))
            }
            _ => false,
        }
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
    let value = from_str_by_serde(text)?;
    if let Some(literal) = underflowing_number(text) {
        return Err(<serde_json::Error as serde::de::Error>::custom(format!(
            "number out of range: {literal} is too small for a 64-bit float, which reads it as 0"
        )));
    }
    Ok(value)
}

/// Whether a number `literal` that serde_json read as `number` is not zero but too small for a
/// 64-bit float (`1e-999`): serde_json then reads 0, a value the text does not hold.
pub(crate) fn underflows(literal: &str, number: &serde_json::Number) -> bool {
    number.as_f64() == Some(0.0)
        && literal
            .split(['e', 'E'])
            .next()
            .is_some_and(|mantissa| mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b)))
}

/// The first number of a JSON text that [`underflows`], outside strings. Run only on the texts
/// the direct parser declined, which are few.
fn underflowing_number(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    i += 1;
                }
                let literal = &text[start..i];
                if let Ok(serde_json::Value::Number(n)) = serde_json::from_str(literal) {
                    if underflows(literal, &n) {
                        return Some(literal);
                    }
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// [`from_str`]'s direct parser alone: `None` where it declines and [`from_str`] asks
/// `serde_json` instead (for fuzzing, benchmarks and tests). Whenever it answers, `serde_json`
/// reads the text as the same value: members in the same order, numbers alike.
#[doc(hidden)]
#[must_use]
pub fn from_str_direct(text: &str) -> Option<Value<'_>> {
    fast::parse(text)
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

/// The members of an [`Object`], in written order, as `(name, value)`.
#[derive(Debug)]
pub struct Members<'o, 'a>(std::slice::Iter<'o, (Cow<'a, str>, Value<'a>)>);

impl<'o, 'a> Iterator for Members<'o, 'a> {
    type Item = (&'o str, &'o Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.as_ref(), v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_number_too_small_for_a_float_is_an_error_not_zero() {
        for text in ["1e-999", "{\"a\": [1, -2.5E-400]}", "[\"1e-999\", 1e-999]"] {
            let error = from_str(text).unwrap_err();
            assert!(error.to_string().contains("too small"), "{text}: {error}");
        }
        // Zero written any way, a small float, and the digits inside a string stay what they are.
        for text in ["0e-999", "-0.0e5", "1e-300", "{\"a\": \"1e-999\"}", "0.000"] {
            assert!(from_str(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn integers_are_read_as_json_schema_reads_them() {
        let read = |text: &str| from_str(text).unwrap().as_integer();
        assert_eq!(read("10"), Some(10));
        assert_eq!(read("10.0"), Some(10));
        assert_eq!(read("1e1"), Some(10));
        assert_eq!(read("-0"), Some(0));
        assert_eq!(read("-0.0"), Some(0));
        assert_eq!(read("5.5"), None);
        assert_eq!(read("\"5\""), None);
        assert_eq!(read("1e300"), None);
        assert_eq!(read("-9223372036854775808"), Some(i64::MIN));
    }

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
}
