//! `mtlint gen` end to end: the corpus is deterministic for a seed, and `mtlint check` finds in
//! each written file exactly what its sidecar says (nothing in valid files).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn mtlint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .output()
        .expect("mtlint runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mtlint-gen-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walk(dir) {
        out.insert(
            entry.strip_prefix(dir).unwrap().to_path_buf(),
            std::fs::read(&entry).unwrap(),
        );
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn generate(out: &Path, seed: &str, format: &str, count: &str) {
    let output = mtlint(&[
        "gen",
        "--count",
        count,
        "--out",
        out.to_str().unwrap(),
        "--seed",
        seed,
        "--format",
        format,
        "--invalid-ratio",
        "0.7",
        "--max-items",
        "6",
    ]);
    assert!(
        output.status.success(),
        "gen failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_same_seed_gives_byte_identical_files() {
    for format in ["json", "ndjson", "har", "envelope"] {
        let (a, b, c) = (
            scratch(&format!("a-{format}")),
            scratch(&format!("b-{format}")),
            scratch(&format!("c-{format}")),
        );
        generate(&a, "42", format, "30");
        generate(&b, "42", format, "30");
        generate(&c, "43", format, "30");
        let (fa, fb, fc) = (files(&a), files(&b), files(&c));
        assert!(fa.len() >= 30, "{format}: only {} files", fa.len());
        assert!(fa == fb, "{format}: the same seed wrote different files");
        assert!(fa != fc, "{format}: another seed wrote the same files");
        for dir in [a, b, c] {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Compares one `mtlint check --format json` report with the sidecars; returns (valid,
/// invalid) counts and the rules seen.
fn compare_with_sidecars(
    report: &Value,
    rules: &mut std::collections::BTreeSet<String>,
) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    for file in report["files"].as_array().unwrap() {
        let path = PathBuf::from(file["path"].as_str().unwrap());
        assert!(
            file["error"].is_null(),
            "{}: {}",
            path.display(),
            file["error"]
        );
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let diagnostics = file["diagnostics"].as_array().unwrap();
        if name.starts_with("valid-") {
            assert!(
                diagnostics.is_empty(),
                "{}: {diagnostics:#?}",
                path.display()
            );
            assert_eq!(file["verdict"], "pass");
            valid += 1;
            continue;
        }
        let sidecar: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("mutation")).expect("a sidecar"),
        )
        .unwrap();
        let rule = sidecar["rule"].as_str().unwrap();
        rules.insert(rule.to_string());
        let of_rule: Vec<&Value> = diagnostics.iter().filter(|d| d["rule"] == rule).collect();
        let at = format!(
            "{}: sidecar {sidecar}, found {diagnostics:#?}",
            path.display()
        );
        assert_eq!(of_rule.len(), 1, "{at}");
        assert_eq!(of_rule[0]["pointer"], sidecar["pointer"], "{at}");
        assert_eq!(of_rule[0]["target"], sidecar["target"], "{at}");
        assert_eq!(of_rule[0]["severity"], sidecar["severity"], "{at}");
        assert_eq!(
            of_rule[0]["entry"].as_u64().unwrap_or(0),
            sidecar["entry"].as_u64().unwrap(),
            "{at}"
        );
        if let Some(header) = sidecar["header"].as_str() {
            assert!(
                of_rule[0]["header"]
                    .as_str()
                    .is_some_and(|h| h.eq_ignore_ascii_case(header)),
                "{at}"
            );
        }
        let tolerated: Vec<&str> = sidecar["tolerated"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let others: Vec<&Value> = diagnostics
            .iter()
            .filter(|d| d["rule"] != rule && d["severity"] == "error")
            .filter(|d| !tolerated.contains(&d["rule"].as_str().unwrap_or("")))
            .collect();
        assert!(
            others.is_empty(),
            "{}: other errors {others:#?}",
            path.display()
        );
        invalid += 1;
    }
    (valid, invalid)
}

fn check_json(args: &[&str]) -> Value {
    let mut all = vec!["check", "--no-config", "--format", "json"];
    all.extend_from_slice(args);
    let output = mtlint(&all);
    assert_ne!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    common::json_report(&String::from_utf8(output.stdout).expect("UTF-8 report"))
}

#[test]
fn check_finds_exactly_what_each_sidecar_says() {
    let out = scratch("check");
    generate(&out, "7", "json", "160");
    let (mut valid, mut invalid) = (0, 0);
    let mut rules = std::collections::BTreeSet::new();
    // Raw bodies: the status is the folder's.
    for status_dir in std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
    {
        let status = status_dir
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let report = check_json(&["--status", &status, status_dir.to_str().unwrap()]);
        let (v, i) = compare_with_sidecars(&report, &mut rules);
        valid += v;
        invalid += i;
    }
    assert!(
        valid >= 40 && invalid >= 100,
        "{valid} valid, {invalid} invalid"
    );
    assert!(
        rules.len() >= 20,
        "only {} rules exercised: {rules:?}",
        rules.len()
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn check_reads_every_capture_format_as_the_sidecars_say() {
    let mut rules = std::collections::BTreeSet::new();
    for format in ["envelope", "ndjson", "har"] {
        let out = scratch(&format!("captures-{format}"));
        generate(&out, "5", format, "90");
        let report = check_json(&[out.to_str().unwrap()]);
        let (valid, invalid) = compare_with_sidecars(&report, &mut rules);
        assert!(
            valid >= 20 && invalid >= 50,
            "{format}: {valid} valid, {invalid} invalid"
        );
        let _ = std::fs::remove_dir_all(&out);
    }
    // Headers and pages are only visible in captures.
    let seen = |names: &[&str]| names.iter().any(|r| rules.contains(*r));
    assert!(
        seen(&[
            "missing-header",
            "invalid-header",
            "rate-limit-remaining-exceeds-limit",
            "rate-limit-reset-epoch"
        ]),
        "no header rule exercised: {rules:?}"
    );
    assert!(
        seen(&[
            "item-on-two-pages",
            "total-size-changed",
            "broken-page-chain"
        ]),
        "no multi-page rule exercised: {rules:?}"
    );
}

#[test]
fn har_and_ndjson_hold_this_operation() {
    let out = scratch("formats");
    generate(&out, "3", "har", "12");
    for path in walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "har"))
    {
        let har: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(har["log"]["version"], "1.2");
        for entry in har["log"]["entries"].as_array().unwrap() {
            let url = entry["request"]["url"].as_str().unwrap();
            assert!(
                mtlint_rules::RequestContext::from_url(
                    url,
                    &mtlint_schema::Contract::embedded().path_template
                )
                .is_some(),
                "{url} is not this operation's path"
            );
            assert!(entry["response"]["status"].is_u64());
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    generate(&out, "3", "ndjson", "12");
    for path in walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ndjson"))
    {
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let envelope: Value = serde_json::from_str(line).unwrap();
            assert!(envelope["status"].is_u64() && envelope["headers"].is_object());
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn bad_options_are_operational_errors() {
    let out = scratch("bad");
    let dir = out.to_str().unwrap();
    for args in [
        vec!["gen", "--out", dir, "--invalid-ratio", "1.5"],
        vec!["gen", "--out", dir, "--status", "429"],
        vec!["gen", "--out", dir, "--status", "418"],
    ] {
        let output = mtlint(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn rate_limited_envelopes_carry_their_headers() {
    let out = scratch("429");
    let output = mtlint(&[
        "gen",
        "--count",
        "5",
        "--out",
        out.to_str().unwrap(),
        "--status",
        "429",
        "--format",
        "envelope",
        "--invalid-ratio",
        "0",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written: Vec<PathBuf> = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(written.len(), 5);
    for path in written {
        let envelope: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(envelope["status"], 429);
        assert!(envelope.get("body").is_none(), "429 documents no body");
        let headers = envelope["headers"].as_object().unwrap();
        let number = |name: &str| headers[name].as_str().unwrap().parse::<u64>().unwrap();
        assert!(number("X-RateLimit-Remaining") <= number("X-RateLimit-Limit"));
        assert!(
            number("X-RateLimit-Reset") <= 3600,
            "relative seconds, not an epoch"
        );
        let _ = number("Retry-After");
        assert!(headers.contains_key("X-Request-Id"));
    }
    let _ = std::fs::remove_dir_all(&out);
}
