//! A JSON parser for the common case: a well-formed text, parsed straight into a [`Value`]
//! without serde's visitor machinery. It answers `None` whenever it is not sure to agree with
//! `serde_json` (any syntax error, deep nesting, a number it does not read itself), and the
//! caller then parses with `serde_json`, which gives the error message and position. So it never
//! decides anything `serde_json` would decide otherwise; it only gets there sooner.
//!
//! Integers that fit an `i64`/`u64` are read here; every other number (fractions, exponents,
//! integers past 64 bits) is read by `serde_json` from its own digits, so floats round exactly as
//! `serde_json` rounds them. Strings without escapes are borrowed; escapes are decoded here, and a
//! malformed one (a lone surrogate, an unknown letter) is left to `serde_json`.

use std::borrow::Cow;

use super::{Number, Object, Value};

/// Nesting this parser handles before leaving the text to `serde_json` (whose limit is 128).
const MAX_DEPTH: usize = 100;

/// The text as one value, or `None` to let `serde_json` decide.
pub(super) fn parse(text: &str) -> Option<Value<'_>> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        sizes: [0; SIZE_HINTS],
    };
    let mut value = Value::Null;
    parser.value(0, &mut value)?;
    parser.skip_space();
    (parser.at == parser.bytes.len()).then_some(value)
}

/// The offset of the first quote, backslash or control character, eight bytes at a time.
fn special(bytes: &[u8]) -> Option<usize> {
    first_of::<true>(bytes)
}

/// The offset of the first quote or backslash (where a string literal's plain run ends, in a
/// text already known to be JSON), eight bytes at a time: for a scan that skips over strings
/// without reading them, where a `memchr2` call per string costs more than the short strings
/// of a JSON body.
#[must_use]
pub fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    first_of::<false>(bytes)
}

/// The offset of the first quote or backslash, or with `CONTROL` of a control character too.
#[inline(always)]
fn first_of<const CONTROL: bool>(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().ok()?);
        // A byte is flagged when it is zero after the XOR (or below 0x20): the lowest flag is
        // exact, which is the only one read.
        let quote = v ^ (ONES * u64::from(b'"'));
        let backslash = v ^ (ONES * u64::from(b'\\'));
        let mut flags =
            quote.wrapping_sub(ONES) & !quote | backslash.wrapping_sub(ONES) & !backslash;
        if CONTROL {
            flags |= v.wrapping_sub(ONES * 0x20) & !v;
        }
        let flags = flags & HIGH;
        if flags != 0 {
            return Some(i + (flags.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || CONTROL && b < 0x20)
        .map(|p| i + p)
}

/// Writes a parsed value (or a member's key) into its slot, which holds the placeholder it was
/// pushed with (`null`, or a borrowed `""`): nothing to drop, so none of `*slot = value`'s drop
/// call (the compiler cannot see what the slot holds).
#[inline(always)]
fn set<T>(slot: &mut T, value: T) {
    std::mem::forget(std::mem::replace(slot, value));
}

/// The member pushed before its key and value are written into it.
const EMPTY_MEMBER: (Cow<'static, str>, Value<'static>) = (Cow::Borrowed(""), Value::Null);

/// Nesting depths whose last container size is remembered.
const SIZE_HINTS: usize = 16;

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// The size of the last container closed at each depth: siblings (the items of a list, the
    /// columns of a table) have the same shape, so a new container starts with room for as
    /// many, and grows no more.
    sizes: [usize; SIZE_HINTS],
}

impl<'a> Parser<'a> {
    #[inline]
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.bytes.get(self.at).copied()
    }

    /// Parses one value into `slot`. Values are written where they end up (a slot of their
    /// container's `Vec`) rather than returned: moving a returned `Option<Value>` through the
    /// stack at every level cost more than parsing the bytes.
    fn value(&mut self, depth: usize, slot: &mut Value<'a>) -> Option<()> {
        match self.peek()? {
            b'{' => self.object(depth + 1, slot),
            b'[' => self.array(depth + 1, slot),
            b'"' => {
                let (start, end) = self.string_end()?;
                if self.bytes[end] == b'"' {
                    self.at = end + 1;
                    set(slot, Value::String(Cow::Borrowed(&self.text[start..end])));
                } else {
                    set(slot, Value::String(self.escaped_string(start, end)?));
                }
                Some(())
            }
            b't' => self.literal(b"true", slot, Value::Bool(true)),
            b'f' => self.literal(b"false", slot, Value::Bool(false)),
            b'n' => self.literal(b"null", slot, Value::Null),
            b'-' | b'0'..=b'9' => {
                set(slot, self.number()?);
                Some(())
            }
            _ => None,
        }
    }

    /// Room for a new container at `depth`: its last sibling's size (at least 4, at most 64).
    fn size_hint(&self, depth: usize) -> usize {
        self.sizes.get(depth).map_or(4, |&n| n.clamp(4, 64))
    }

    fn remember(&mut self, depth: usize, len: usize) {
        if let Some(slot) = self.sizes.get_mut(depth) {
            *slot = len;
        }
    }

    fn literal(&mut self, word: &[u8], slot: &mut Value<'a>, value: Value<'a>) -> Option<()> {
        if self.bytes.get(self.at..self.at + word.len())? == word {
            self.at += word.len();
            set(slot, value);
            Some(())
        } else {
            None
        }
    }

    fn array(&mut self, depth: usize, slot: &mut Value<'a>) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.at += 1; // [
        if self.peek()? == b']' {
            self.at += 1;
            set(slot, Value::Array(Vec::new()));
            return Some(());
        }
        let mut items = Vec::with_capacity(self.size_hint(depth));
        loop {
            items.push(Value::Null);
            let last = items.len() - 1;
            self.value(depth, &mut items[last])?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    self.remember(depth, items.len());
                    set(slot, Value::Array(items));
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize, slot: &mut Value<'a>) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.at += 1; // {
        if self.peek()? == b'}' {
            self.at += 1;
            set(slot, Value::Object(Object::new()));
            return Some(());
        }
        let mut members = Vec::with_capacity(self.size_hint(depth));
        loop {
            if self.peek()? != b'"' {
                return None;
            }
            // Spelled out here and for string values, not a `string()` returning
            // `Option<Cow>`: the key's parts stay in registers up to the push, where a returned
            // `Option<Cow>` goes through the stack. The plain case (no escape) is found as
            // offsets; escapes are decoded out of line.
            let (start, end) = self.string_end()?;
            let key = if self.bytes[end] == b'"' {
                self.at = end + 1;
                Cow::Borrowed(&self.text[start..end])
            } else {
                self.escaped_string(start, end)?
            };
            if self.peek()? != b':' {
                return None;
            }
            self.at += 1;
            // A `(key, null)` pushed whole would be built on the stack first (it must outlive a
            // possible growth) and copied in pieces the CPU cannot forward. A constant is
            // copied from read-only memory instead, then the key written in from registers.
            members.push(EMPTY_MEMBER);
            let last = members.len() - 1;
            let member = &mut members[last];
            set(&mut member.0, key);
            self.value(depth, &mut member.1)?;
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    self.remember(depth, members.len());
                    set(slot, Value::Object(Object { members }));
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Where the string literal at the cursor (its opening quote) starts, and where its first
    /// quote, backslash or control character is.
    #[inline(always)]
    fn string_end(&self) -> Option<(usize, usize)> {
        let start = self.at + 1;
        Some((start, start + special(&self.bytes[start..])?))
    }

    /// A string literal from `start` whose first special byte, at `end`, is not its closing
    /// quote: escapes, or a raw control character.
    #[cold]
    #[inline(never)]
    fn escaped_string(&mut self, start: usize, end: usize) -> Option<Cow<'a, str>> {
        match self.bytes[end] {
            b'\\' => {
                // Escapes: decoded here; anything unusual (a lone surrogate, a bad escape) is
                // left to serde_json, which says what is wrong.
                let mut decoded = String::with_capacity(end - start + 16);
                decoded.push_str(&self.text[start..end]);
                let mut i = end;
                loop {
                    // The text may end right after an escape: a truncated string.
                    match *self.bytes.get(i)? {
                        b'"' => {
                            self.at = i + 1;
                            return Some(Cow::Owned(decoded));
                        }
                        b'\\' => {
                            i = self.escape(i, &mut decoded)?;
                        }
                        _ => {
                            let run = special(&self.bytes[i..])?;
                            if run == 0 {
                                // A raw control character.
                                return None;
                            }
                            decoded.push_str(&self.text[i..i + run]);
                            i += run;
                        }
                    }
                }
            }
            // A control character cannot appear raw in a JSON string (serde_json says where).
            _ => None,
        }
    }

    /// Decodes the escape at `i` (a backslash) into `out`; the offset after it.
    fn escape(&self, i: usize, out: &mut String) -> Option<usize> {
        let c = match *self.bytes.get(i + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4(i + 2)?;
                if (0xD800..0xDC00).contains(&high) {
                    // A surrogate pair: `\uD83D\uDE00`.
                    if self.bytes.get(i + 6..i + 8)? != b"\\u" {
                        return None;
                    }
                    let low = self.hex4(i + 8)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    out.push(char::from_u32(code)?);
                    return Some(i + 12);
                }
                out.push(char::from_u32(high)?);
                return Some(i + 6);
            }
            _ => return None,
        };
        out.push(c);
        Some(i + 2)
    }

    /// Four hex digits at `at`.
    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.text.get(at..at + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }

    fn number(&mut self) -> Option<Value<'a>> {
        let start = self.at;
        let bytes = self.bytes;
        let mut i = start;
        let negative = bytes[i] == b'-';
        if negative {
            i += 1;
        }
        let digits = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits || (bytes[digits] == b'0' && i - digits > 1) {
            // No digit, or a leading zero: not JSON.
            return None;
        }
        let integral = !matches!(bytes.get(i), Some(b'.' | b'e' | b'E'));
        if integral && i - digits <= 18 {
            // At most 18 digits: fits an i64 and a u64 without overflow checks.
            let magnitude = bytes[digits..i]
                .iter()
                .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
            self.at = i;
            let number = if negative {
                // -0 is the float -0.0 for serde_json; leave it to it.
                if magnitude == 0 {
                    return self.serde_number(start);
                }
                Number::from(-i64::try_from(magnitude).ok()?)
            } else {
                Number::from(magnitude)
            };
            return Some(Value::Number(number));
        }
        self.serde_number(start)
    }

    /// The number at `start`, read by serde_json from its own digits.
    fn serde_number(&mut self, start: usize) -> Option<Value<'a>> {
        let bytes = self.bytes;
        let mut end = start;
        while bytes
            .get(end)
            .is_some_and(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
        {
            end += 1;
        }
        let literal = self.text.get(start..end)?;
        let value: serde_json::Value = serde_json::from_str(literal).ok()?;
        self.at = end;
        match value {
            // Too small for a float, and read as 0: [`crate::from_str`] says so instead.
            serde_json::Value::Number(n) if crate::underflows(literal, &n) => None,
            serde_json::Value::Number(n) => Some(Value::Number(n)),
            // serde_json reads an out-of-range float as an error, never as another value.
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whenever the fast parser answers, serde_json agrees, value for value.
    fn agrees(text: &str) {
        let theirs: Result<serde_json::Value, _> = serde_json::from_str(text);
        match parse(text) {
            Some(ours) => {
                let theirs = theirs.unwrap_or_else(|e| panic!("serde_json rejects {text:?}: {e}"));
                assert_eq!(ours.to_serde(), theirs, "{text:?}");
                // Number by number, not only by `==` (which compares 1 and 1.0 as numbers).
                assert_eq!(ours.to_string(), theirs.to_string(), "{text:?}");
                // Member by member, in written order and with repeated names, as serde_json's
                // parser fills the same tree.
                let by_serde = crate::from_str_by_serde(text).expect("serde_json accepted it");
                assert!(
                    ours.identical(&by_serde),
                    "{text:?}: {ours:?} / {by_serde:?}"
                );
            }
            None => {
                // Declining is always allowed; declining well-formed common input is slow, so the
                // cases below say which ones must be taken.
            }
        }
    }

    #[test]
    fn repeated_names_and_member_order_are_kept() {
        for text in [
            r#"{"b": 1, "a": 2, "b": 3}"#,
            r#"{"a": {"x": 1, "x": [1.0, 1]}, "a": {}}"#,
        ] {
            assert!(parse(text).is_some(), "{text}");
            agrees(text);
        }
        // `identical` tells apart what `==` does not, so the check above can fail.
        let a = parse(r#"{"a": 1, "b": 2}"#).unwrap();
        let reordered = parse(r#"{"b": 2, "a": 1}"#).unwrap();
        let repeated = parse(r#"{"a": 0, "a": 1, "b": 2}"#).unwrap();
        let float = parse(r#"{"a": 1.0, "b": 2}"#).unwrap();
        assert_eq!(a, reordered);
        assert!(!a.identical(&reordered));
        assert!(!a.identical(&repeated));
        assert!(!a.identical(&float));
        assert!(a.identical(&a.clone()));
    }

    #[test]
    fn special_bytes_are_found_at_every_offset() {
        for len in 0..20 {
            for at in 0..len {
                for special_byte in [b'"', b'\\', 0x01, 0x1f] {
                    // Bytes around the special one that are close to it in value.
                    let mut bytes = vec![0x7f_u8; len];
                    for (i, b) in bytes.iter_mut().enumerate() {
                        *b = [b'!', b'#', b'[', b']', 0x20, 0xc3, 0xff][i % 7];
                    }
                    bytes[at] = special_byte;
                    assert_eq!(special(&bytes), Some(at), "{bytes:?}");
                }
            }
            let plain = vec![b'a'; len];
            assert_eq!(special(&plain), None);
        }
    }

    #[test]
    fn takes_the_common_shapes() {
        for text in [
            r#"{"a": [1, -2, 0, -0.5, 1.5e3, 123456789012345678, "x", true, false, null], "b": {}}"#,
            " [ ] ",
            "\"plain\"",
            "-7",
            r#"{"k\"ey": "v\u00e9\n", "a": "é"}"#,
            r#"["\ud83d\ude00 \" \\ \/ \b \f \n \r \t \u0041z", "plain after"]"#,
        ] {
            assert!(parse(text).is_some(), "{text}");
            agrees(text);
        }
    }

    #[test]
    fn leaves_errors_and_edge_numbers_to_serde_json() {
        for text in [
            "",
            " ",
            "{",
            "[1,]",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "tru",
            "nul",
            "[1] x",
            "\"a\u{1}b\"",
            "\"abc",
            "\"\\x\"",
            "{1: 2}",
            // Truncated inside or right after an escape.
            "\"ab\\n",
            "\"ab\\",
            "\"\\u00",
            "\"\\u0041",
            "[\"\\ud83d\\u",
            "{\"k\\t",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "{text:?}"
            );
        }
        for text in [
            "-0",
            "1234567890123456789",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1e300",
            "0.1",
            "2.2250738585072014e-308",
        ] {
            agrees(text);
        }
        // Lone or broken surrogates and bad escapes: serde_json says what is wrong, or reads
        // them as it does.
        for text in [
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
            r#""\u12""#,
            r#""\q""#,
        ] {
            assert!(parse(text).is_none(), "{text}");
            agrees(text);
        }
        let deep = "[".repeat(150) + &"]".repeat(150);
        assert!(parse(&deep).is_none());
        let fine = "[".repeat(90) + &"]".repeat(90);
        assert!(parse(&fine).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn the_word_scans_find_the_first_special_byte(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'"'), Just(b'\\'), Just(0x1f_u8), Just(0x80_u8), 0x20_u8..0x7f],
                0..40,
            ),
        ) {
            let naive = |control: bool| {
                bytes.iter().position(|&b| b == b'"' || b == b'\\' || control && b < 0x20)
            };
            prop_assert_eq!(special(&bytes), naive(true));
            prop_assert_eq!(quote_or_backslash(&bytes), naive(false));
        }

        #[test]
        fn agrees_with_serde_json_on_json_like_text(
            text in r#"[\[\]{}",:0-9.eE+\-a-z\\ \n]{0,40}"#,
        ) {
            agrees(&text);
        }

        #[test]
        fn agrees_with_serde_json_on_strings_cut_anywhere(
            text in r#""([a-z]|\\[nt"\\/u]|\\u[0-9a-fA-F]{0,4}|é){0,8}"?"#,
        ) {
            agrees(&text);
        }

        /// Bytes as a fuzzer would send them, but mostly JSON tokens, so that objects with
        /// repeated names, nesting, escapes and numbers come up often; arbitrary bytes (invalid
        /// UTF-8 among them) now and then.
        #[test]
        fn agrees_with_serde_json_on_json_ish_bytes(
            pieces in proptest::collection::vec(
                prop_oneof![
                    8 => prop_oneof![
                        Just("{"), Just("}"), Just("["), Just("]"), Just(":"), Just(","),
                        Just("\"a\""), Just("\"a\":"), Just("\"b\":"), Just("\"\\u00e9\""),
                        Just("\"x\\\"y\""), Just("\"\\ud83d\\ude00\""), Just("0"), Just("-1"),
                        Just("1.0"), Just("1e3"), Just("18446744073709551616"), Just("true"),
                        Just("null"), Just(" "), Just("\n"),
                    ].prop_map(|t: &str| t.as_bytes().to_vec()),
                    1 => proptest::collection::vec(any::<u8>(), 1..3),
                ],
                0..40,
            ),
        ) {
            let bytes = pieces.concat();
            // serde_json reads bytes that are not UTF-8 as an error; the parser reads text.
            if let Ok(text) = std::str::from_utf8(&bytes) {
                agrees(text);
            }
        }

        #[test]
        fn agrees_with_serde_json_on_serialized_values(value in arb_json()) {
            let text = serde_json::to_string_pretty(&value).unwrap();
            prop_assert!(parse(&text).is_some());
            agrees(&text);
        }
    }

    fn arb_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            (-1e6f64..1e6).prop_map(serde_json::Value::from),
            ".{0,8}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(".{0,6}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
