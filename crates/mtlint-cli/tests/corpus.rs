//! Golden tests: every case under `corpus/<status>/` is checked with the same code the binary
//! runs, and its findings are compared with the `.expected` file beside it.
//!
//! An `.expected` file holds `#` comments (what the case isolates, reasoned from the seed) and
//! one line per finding: `<severity> <rule> <pointer> <line>:<column>`. A `valid-*` case has no
//! warning or error finding, but may list `info` ones (members the spec does not define). `BLESS=1 cargo test`
//! rewrites the finding lines from the program's output and keeps the comments; a person reads
//! the diff before committing it.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mtlint_cli::pipeline::{check_file, Input, RunOptions};
use mtlint_rules::{Checker, Settings};
use mtlint_schema::Contract;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn cases() -> Vec<(u16, PathBuf)> {
    let mut cases = Vec::new();
    for dir in std::fs::read_dir(corpus()).expect("corpus/ exists") {
        let dir = dir.unwrap().path();
        let Some(status) = dir
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<u16>().ok())
        else {
            continue;
        };
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "json") {
                cases.push((status, file));
            }
        }
    }
    cases.sort();
    cases
}

fn actual(checker: &Checker<'_>, status: u16, path: &Path) -> String {
    let options = RunOptions {
        status,
        ..RunOptions::default()
    };
    let input = Input::new(path.to_path_buf(), path.display().to_string());
    let report = check_file(checker, &input, &options);
    assert!(
        report.error.is_none(),
        "{}: {:?}",
        path.display(),
        report.error
    );
    let mut out = String::new();
    for f in &report.diagnostics {
        let d = &f.diagnostic;
        writeln!(
            out,
            "{} {} {} {}:{}",
            d.severity, d.rule, d.pointer, f.line, f.column
        )
        .unwrap();
    }
    out
}

#[test]
fn corpus_cases_match_their_expected_findings() {
    let checker = Checker::new(Contract::embedded(), Settings::default()).unwrap();
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() >= 40, "the corpus has {} cases", all.len());
    for (status, path) in &all {
        let expected_path = path.with_extension("expected");
        let (comments, expected) = common::read_expected(path);
        let got = actual(&checker, *status, path);
        let name = path.file_name().unwrap().to_string_lossy();
        // A valid body breaks no rule; it may still carry information (drift: members the spec
        // does not define), which its .expected lists like any finding.
        let above_info: String = got
            .lines()
            .filter(|l| !l.starts_with("info "))
            .map(|l| format!("{l}\n"))
            .collect();
        if name.starts_with("valid-") && !above_info.is_empty() {
            failures.push(format!(
                "{}: a valid case has warning or error findings:\n{above_info}",
                path.display()
            ));
            continue;
        }
        if name.starts_with("invalid-") && got.is_empty() {
            failures.push(format!(
                "{}: an invalid case has no findings",
                path.display()
            ));
            continue;
        }
        if got != expected {
            if bless {
                std::fs::write(&expected_path, format!("{comments}{got}")).unwrap();
            } else {
                failures.push(format!(
                    "{}:\n--- expected\n{expected}+++ actual\n{got}",
                    path.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
