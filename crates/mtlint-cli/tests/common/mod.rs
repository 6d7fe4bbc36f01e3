//! What the tests share: reading a case's `.expected` file, and reading a JSON report only
//! after it has been validated against the report's published schema.

#![allow(dead_code)] // each test target uses some of these

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The `#` comment lines (kept when blessing) and the finding lines of the `.expected` file
/// beside `case`, each line ending in a newline.
pub fn read_expected(case: &Path) -> (String, String) {
    let path = case.with_extension("expected");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} has no .expected beside it", case.display()));
    let comments = text
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let findings = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    (comments, findings)
}

/// Compares the finding lines `got` for `case` with the `expected` ones of its `.expected`
/// file; with `BLESS` set, rewrites that file's finding lines instead, keeping its `comments`
/// (a person then reads the diff).
///
/// # Errors
/// The findings differ, and `BLESS` is not set: both sides, for the test's failure.
pub fn compare_or_bless(
    case: &Path,
    comments: &str,
    expected: &str,
    got: &str,
) -> Result<(), String> {
    if got == expected {
        return Ok(());
    }
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(case.with_extension("expected"), format!("{comments}{got}")).unwrap();
        return Ok(());
    }
    Err(format!(
        "{}:\n--- expected\n{expected}+++ actual\n{got}",
        case.display()
    ))
}

/// `schemas/report.schema.json`, the contract of `--format json`, compiled once.
static REPORT_SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas/report.schema.json");
    let text = std::fs::read_to_string(&path).expect("schemas/report.schema.json is readable");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the report schema compiles")
});

/// Parses the output of `--format json` (with or without `--statistics`), failing the test
/// when it does not follow `schemas/report.schema.json`. Every JSON report a test reads goes
/// through here, so the schema and the program cannot drift apart unnoticed.
pub fn json_report(stdout: &str) -> serde_json::Value {
    let report: serde_json::Value = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("the JSON report is not JSON ({e}):\n{stdout}"));
    let errors: Vec<String> = REPORT_SCHEMA
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the JSON report breaks schemas/report.schema.json:\n{}\n{stdout}",
        errors.join("\n")
    );
    report
}
