//! Decoding a JSON string literal while remembering where each decoded byte came from.
//!
//! A body recorded as a JSON string (HAR's `content.text`) has its own positions; a finding in it
//! must point into the file the user gave. [`decode`] turns the literal into its text and an
//! offset map: `map[i]` is the file offset of the source of decoded byte `i` (an escape maps every
//! byte it produces to its backslash), and `map[len]` is the offset of the closing quote.

/// A decoded string and, for each of its bytes, the offset in the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// `text.len() + 1` offsets into the file: one per decoded byte, then the end.
    pub map: Vec<usize>,
}

/// Decodes the JSON string literal that starts at `file[start]` (a `"`). `None` when there is no
/// well-formed literal there.
#[must_use]
pub fn decode(file: &[u8], start: usize) -> Option<Decoded> {
    if file.get(start) != Some(&b'"') {
        return None;
    }
    let mut out: Vec<u8> = Vec::new();
    let mut map = Vec::new();
    let mut i = start + 1;
    loop {
        let b = *file.get(i)?;
        match b {
            b'"' => {
                map.push(i);
                let text = String::from_utf8(out).ok()?;
                return Some(Decoded { text, map });
            }
            b'\\' => {
                let escape = *file.get(i + 1)?;
                let simple = match escape {
                    b'"' => Some(b'"'),
                    b'\\' => Some(b'\\'),
                    b'/' => Some(b'/'),
                    b'b' => Some(0x08),
                    b'f' => Some(0x0c),
                    b'n' => Some(b'\n'),
                    b'r' => Some(b'\r'),
                    b't' => Some(b'\t'),
                    _ => None,
                };
                if let Some(byte) = simple {
                    out.push(byte);
                    map.push(i);
                    i += 2;
                    continue;
                }
                if escape != b'u' {
                    return None;
                }
                let first = hex4(file, i + 2)?;
                let (code, used) = if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate must be followed by `\u` and a low one.
                    if file.get(i + 6) != Some(&b'\\') || file.get(i + 7) != Some(&b'u') {
                        return None;
                    }
                    let low = hex4(file, i + 8)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    (0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00), 12)
                } else {
                    (first, 6)
                };
                let c = char::from_u32(code)?;
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push(byte);
                    map.push(i);
                }
                i += used;
            }
            // Control characters must be escaped inside a JSON string.
            0x00..=0x1f => return None,
            _ => {
                out.push(b);
                map.push(i);
                i += 1;
            }
        }
    }
}

fn hex4(file: &[u8], at: usize) -> Option<u32> {
    let digits = file.get(at..at + 4)?;
    let text = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(text, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_maps_one_to_one() {
        let file = br#"{"text": "abc"}"#;
        let d = decode(file, 9).unwrap();
        assert_eq!(d.text, "abc");
        assert_eq!(d.map, vec![10, 11, 12, 13]);
    }

    #[test]
    fn escapes_map_to_their_backslash() {
        // {"a":"x"} written as a JSON string inside JSON.
        let file = br#""{\"a\":\"x\"}\n\u00e9\ud83d\ude00z""#;
        let d = decode(file, 0).unwrap();
        assert_eq!(d.text, "{\"a\":\"x\"}\né😀z");
        // `{` is at 1, the escaped quote before `a` at 2.
        assert_eq!(d.map[0], 1);
        assert_eq!(d.map[1], 2);
        assert_eq!(d.map[2], 4); // a
        let e_acute = d.text.find('é').unwrap();
        assert_eq!(d.map[e_acute], 16);
        assert_eq!(d.map[e_acute + 1], 16);
        let emoji = d.text.find('😀').unwrap();
        assert_eq!(d.map[emoji], 22);
        assert_eq!(d.map[emoji + 3], 22);
        assert_eq!(d.map[d.text.len() - 1], 34); // z
        assert_eq!(*d.map.last().unwrap(), 35);
        // serde agrees on the text.
        let serde: String = serde_json::from_slice(file).unwrap();
        assert_eq!(serde, d.text);
    }

    #[test]
    fn malformed_literals_are_none() {
        for bad in [
            &b"abc"[..],
            b"\"abc",
            b"\"\\x\"",
            b"\"\\u12\"",
            b"\"\\ud83d\"",
            b"\"a\nb\"",
        ] {
            assert!(
                decode(bad, 0).is_none(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
