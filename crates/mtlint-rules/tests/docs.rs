//! Every rule documents itself, and its documented example produces exactly one diagnostic,
//! from that rule; its "Passes" fragment produces none.

use mtlint_rules::registry;
use mtlint_rules::{
    BodyState, CaptureSession, Checker, Diagnostic, Headers, RequestContext, ResponseInput,
    Settings,
};
use mtlint_schema::Contract;
use serde_json::Value;

/// Runs a doc code block. The info string is `json` (a 200 body), `json N` (a body recorded with
/// status N), `json envelope` (an object with `status`, `headers`, `body` and optionally
/// `request.url`), or `json capture` (a list of envelopes: the responses of one capture, checked
/// in one session so that the multi-response rules see them together).
fn run(info: &str, code: &str) -> Option<Vec<Diagnostic>> {
    let mut words = info.split_whitespace();
    if words.next() != Some("json") {
        return None;
    }
    let mut status = 200;
    let mut envelope = false;
    let mut capture = false;
    for word in words {
        if let Ok(n) = word.parse() {
            status = n;
        } else if word == "envelope" {
            envelope = true;
        } else if word == "capture" {
            capture = true;
        } else {
            panic!("unknown info word {word:?}");
        }
    }
    let value: Value =
        serde_json::from_str(code).unwrap_or_else(|e| panic!("example is not JSON: {e}\n{code}"));
    let checker = Checker::new(Contract::embedded(), Settings::default()).unwrap();
    if !envelope && !capture {
        return Some(checker.check_body(status, &value, &RequestContext::default()));
    }
    let envelopes = if capture {
        value
            .as_array()
            .expect("a capture is a list of envelopes")
            .clone()
    } else {
        vec![value]
    };
    let mut session = checker.session();
    let mut found = Vec::new();
    for (entry, value) in envelopes.iter().enumerate() {
        found.extend(check_envelope(&mut session, entry, value));
    }
    found.extend(session.finish().into_iter().map(|d| d.diagnostic));
    Some(found)
}

fn check_envelope(
    session: &mut CaptureSession<'_, '_>,
    entry: usize,
    value: &Value,
) -> Vec<Diagnostic> {
    let headers = value.get("headers").and_then(Value::as_object).map(|h| {
        Headers::new(
            h.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str().map_or_else(|| v.to_string(), str::to_string),
                    )
                })
                .collect(),
        )
    });
    let content_type = headers.as_ref().and_then(|h| h.get("content-type"));
    let request = value
        .pointer("/request/url")
        .and_then(Value::as_str)
        .and_then(|url| RequestContext::from_url(url, &Contract::embedded().path_template))
        .unwrap_or_default();
    let body = value
        .get("body")
        .filter(|b| !b.is_null())
        .map(mtlint_json::Value::from_serde);
    let body = body.as_ref();
    let input = ResponseInput {
        status: value["status"].as_u64().expect("envelope status") as u16,
        headers: headers.as_ref(),
        content_type,
        body,
        body_state: if body.is_some() {
            BodyState::Present
        } else {
            BodyState::Absent
        },
        request: &request,
    };
    session.check(entry, &input)
}

#[test]
fn every_rule_has_the_fixed_sections() {
    for entry in registry::all() {
        let meta = entry.meta();
        assert!(!meta.summary().is_empty(), "{}: no summary line", meta.name);
        assert!(
            meta.summary().ends_with('.'),
            "{}: the summary is one sentence",
            meta.name
        );
        for section in ["What it checks", "Why it matters", "Example", "Passes"] {
            let body = meta.section(section).unwrap_or_default();
            assert!(
                !body.is_empty(),
                "{}: missing section ## {section}",
                meta.name
            );
        }
        assert!(
            meta.name.chars().all(|c| c.is_ascii_lowercase()
                || c == '-'
                || c == '/'
                || (meta.name.starts_with("schema/") && c.is_ascii_alphabetic())),
            "{}: names are kebab-case",
            meta.name
        );
    }
}

#[test]
fn each_example_produces_exactly_its_own_diagnostic() {
    let mut checked = 0;
    for entry in registry::all() {
        let meta = entry.meta();
        let (info, code) = meta.code_block("Example").expect("an example block");
        let Some(found) = run(&info, &code) else {
            assert!(
                meta.name.starts_with("schema/"),
                "{}: only schema rules that the seed cannot trigger may skip their example",
                meta.name
            );
            continue;
        };
        assert_eq!(found.len(), 1, "{}: example gave {found:#?}", meta.name);
        assert_eq!(
            found[0].rule, meta.name,
            "{}: example gave {found:#?}",
            meta.name
        );
        let (info, code) = meta.code_block("Passes").expect("a passes block");
        let passes = run(&info, &code).expect("a passes block runs when the example does");
        assert!(passes.is_empty(), "{}: passes gave {passes:#?}", meta.name);
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} examples ran");
}

#[test]
fn names_and_aliases_are_unique() {
    let mut seen = std::collections::BTreeSet::new();
    for entry in registry::all() {
        let meta = entry.meta();
        for name in std::iter::once(&meta.name).chain(meta.aliases) {
            assert!(seen.insert(*name), "{name} is used twice");
        }
    }
}
