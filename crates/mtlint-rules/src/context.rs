//! What is known of the request a response answers, for the rules that need it.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;

/// Request facts: path parameters and pagination, from flags or from a capture's request URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestContext {
    /// The request URL, when a capture recorded it.
    pub url: Option<String>,
    /// The `organization_id` path parameter.
    pub organization_id: Option<String>,
    /// The `environment_id` path parameter.
    pub environment_id: Option<String>,
    /// The `page_size` query parameter.
    pub page_size: Option<u64>,
    /// The `page_token` query parameter.
    pub page_token: Option<String>,
}

impl RequestContext {
    /// Reads path parameters and `page_size`/`page_token` from a request URL matched against
    /// the operation's path template. `None` when the URL's path does not match the template.
    #[must_use]
    pub fn from_url(url: &str, path_template: &str) -> Option<Self> {
        let (path, query) = split_url(url);
        let params = match_template(path, path_template)?;
        let mut context = RequestContext {
            url: Some(url.to_string()),
            ..Self::default()
        };
        for (name, value) in params {
            match name.as_str() {
                "organization_id" => context.organization_id = Some(value),
                "environment_id" => context.environment_id = Some(value),
                _ => {}
            }
        }
        for (name, value) in query_pairs(query) {
            match name.as_str() {
                "page_size" => context.page_size = value.parse().ok(),
                "page_token" => context.page_token = Some(value),
                _ => {}
            }
        }
        Some(context)
    }

    /// Fills what this context lacks from `other` (flags complete what a capture recorded).
    pub fn fill_from(&mut self, other: &RequestContext) {
        if self.url.is_none() {
            self.url.clone_from(&other.url);
        }
        if self.organization_id.is_none() {
            self.organization_id.clone_from(&other.organization_id);
        }
        if self.environment_id.is_none() {
            self.environment_id.clone_from(&other.environment_id);
        }
        if self.page_size.is_none() {
            self.page_size = other.page_size;
        }
        if self.page_token.is_none() {
            self.page_token.clone_from(&other.page_token);
        }
    }
}

/// Splits a URL (absolute or a bare path) into its path and query, dropping the fragment.
#[must_use]
pub fn split_url(url: &str) -> (&str, &str) {
    // Byte searches throughout: every link of every page, and every item's self link, come here.
    let url = memchr::memchr(b'#', url.as_bytes()).map_or(url, |i| &url[..i]);
    let after_scheme = match scheme_end(url) {
        Some(i) => {
            let rest = &url[i + 3..];
            memchr::memchr2(b'/', b'?', rest.as_bytes()).map_or("", |j| &rest[j..])
        }
        None => url,
    };
    match memchr::memchr(b'?', after_scheme.as_bytes()) {
        Some(i) => (&after_scheme[..i], &after_scheme[i + 1..]),
        None => (after_scheme, ""),
    }
}

/// Where the first `://` of a URL starts.
#[must_use]
pub fn scheme_end(url: &str) -> Option<usize> {
    let bytes = url.as_bytes();
    memchr::memchr_iter(b':', bytes).find(|&i| bytes.get(i + 1..i + 3) == Some(b"//"))
}

/// Decoded `name=value` pairs of a query string (`+` is a space, as in forms).
#[must_use]
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query_params(query)
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// [`query_pairs`] without collecting: each part borrowed from the query unless it has a `+`
/// or an escape (rules read the links of every page).
pub fn query_params(query: &str) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
    split_byte(query, b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = match pair.bytes().position(|b| b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, ""),
            };
            (decode_form(name), decode_form(value))
        })
}

/// The parts of `s` between `sep` bytes (an ASCII separator): `str::split` with a plain byte
/// scan. URL parts are short, and `str::split`'s searcher, which calls `memchr` once a part,
/// costs more than the bytes it reads.
pub(crate) fn split_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let part = rest?;
        match part.bytes().position(|b| b == sep) {
            // An ASCII byte: both sides are char boundaries.
            Some(i) => {
                rest = Some(&part[i + 1..]);
                Some(&part[..i])
            }
            None => {
                rest = None;
                Some(part)
            }
        }
    })
}

/// One query component decoded, borrowed when there is nothing to decode.
fn decode_form(component: &str) -> Cow<'_, str> {
    if !component.bytes().any(|b| b == b'+' || b == b'%') {
        return Cow::Borrowed(component);
    }
    Cow::Owned(decode(&component.replace('+', " ")))
}

/// Percent-decodes one URL component (invalid UTF-8 is replaced, never fatal).
#[must_use]
pub fn decode(component: &str) -> String {
    percent_decode_str(component)
        .decode_utf8_lossy()
        .into_owned()
}

/// Matches a URL path against a template such as `/a/{x}/b`; returns the decoded parameters.
#[must_use]
pub fn match_template(path: &str, template: &str) -> Option<Vec<(String, String)>> {
    let mut params = Vec::new();
    match_template_each(path, template, |name, value| {
        params.push((name.to_string(), value.into_owned()));
    })
    .then_some(params)
}

/// [`match_template`] without collecting: `param` gets each parameter's name and decoded value
/// (borrowed unless it has escapes), and the answer is whether the path matches. Every link of
/// every page asks, so nothing is allocated for a path without escapes.
pub fn match_template_each<'p>(
    path: &'p str,
    template: &str,
    mut param: impl FnMut(&str, Cow<'p, str>),
) -> bool {
    let path = path.trim_end_matches('/');
    let template = template.trim_end_matches('/');
    let count = |s: &str| memchr::memchr_iter(b'/', s.as_bytes()).count();
    if count(path) != count(template) {
        return false;
    }
    for (g, w) in path_segments(path).zip(split_byte(template, b'/')) {
        if let Some(name) = w.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            if g.is_empty() {
                return false;
            }
            param(name, g);
        } else if g != w {
            return false;
        }
    }
    true
}

/// The `/`-separated segments of a URL path (the first is what precedes the first `/`),
/// percent-decoded; borrowed from the path when it has no escape at all.
pub fn path_segments(path: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let escaped = memchr::memchr(b'%', path.as_bytes()).is_some();
    split_byte(path, b'/').map(move |segment| {
        if escaped {
            percent_decode_str(segment).decode_utf8_lossy()
        } else {
            Cow::Borrowed(segment)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str =
        "/sql/v1/organizations/{organization_id}/environments/{environment_id}/materialized-tables";

    #[test]
    fn split_byte_splits_as_str_split_does() {
        for text in [
            "",
            "/",
            "//",
            "a",
            "/a/b",
            "a/b/",
            "/é/ü//ß",
            "é",
            "a&b=c&&d",
            "&",
            "x=1&y",
        ] {
            for sep in [b'/', b'&'] {
                let ours: Vec<&str> = split_byte(text, sep).collect();
                let theirs: Vec<&str> = text.split(char::from(sep)).collect();
                assert_eq!(ours, theirs, "{text:?} by {:?}", char::from(sep));
            }
        }
    }

    #[test]
    fn urls_split_into_path_and_query() {
        assert_eq!(split_url("https://h.io/a/b?x=1&y#frag"), ("/a/b", "x=1&y"));
        assert_eq!(split_url("https://h.io"), ("", ""));
        assert_eq!(split_url("https://h.io?q"), ("", "q"));
        assert_eq!(split_url("/a?b=c"), ("/a", "b=c"));
        assert_eq!(split_url("a:b://c/d"), ("/d", ""));
        assert_eq!(scheme_end("x:/y"), None);
        assert_eq!(scheme_end("http://a"), Some(4));
    }

    #[test]
    fn reads_path_parameters_and_paging() {
        let c = RequestContext::from_url(
            "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/o-1/environments/env%2D1/materialized-tables?page_size=20&page_token=a%2Bb",
            TEMPLATE,
        )
        .unwrap();
        assert_eq!(c.organization_id.as_deref(), Some("o-1"));
        assert_eq!(c.environment_id.as_deref(), Some("env-1"));
        assert_eq!(c.page_size, Some(20));
        assert_eq!(c.page_token.as_deref(), Some("a+b"));
    }

    #[test]
    fn other_paths_do_not_match() {
        assert!(RequestContext::from_url(
            "/sql/v1/organizations/o/environments/e/statements",
            TEMPLATE
        )
        .is_none());
        assert!(RequestContext::from_url(
            "/sql/v1/organizations//environments/e/materialized-tables",
            TEMPLATE
        )
        .is_none());
    }
}
