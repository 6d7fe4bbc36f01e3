//! RFC 6901 JSON pointers: building them and naming them for people.

/// Appends one reference token to a pointer, escaping `~` and `/`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The unescaped reference tokens of a pointer (`""` has none).
pub fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
}

/// A name for the value at `pointer` that reads like code: `/data/0/spec/columns/2/name` is
/// `data[0].spec.columns[2].name`; the root is `the body`.
#[must_use]
pub fn label(pointer: &str) -> String {
    let mut out = String::new();
    for token in tokens(pointer) {
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(&token);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    if out.is_empty() {
        "the body".to_string()
    } else {
        out
    }
}

/// The pointer of the value that contains the one at `pointer` (the root contains itself).
#[must_use]
pub fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_like_code() {
        assert_eq!(
            label("/data/0/spec/columns/2/name"),
            "data[0].spec.columns[2].name"
        );
        assert_eq!(label(""), "the body");
        assert_eq!(label("/a~1b/c~0d"), "a/b.c~d");
    }

    #[test]
    fn tokens_are_escaped_both_ways() {
        let mut p = String::new();
        push_token(&mut p, "a/b");
        push_token(&mut p, "~x");
        assert_eq!(p, "/a~1b/~0x");
        assert_eq!(tokens(&p).collect::<Vec<_>>(), vec!["a/b", "~x"]);
        assert_eq!(parent(&p), "/a~1b");
    }
}
