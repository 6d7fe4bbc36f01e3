//! Golden tests over `corpus/captures/`: every capture (envelope, NDJSON, HAR, VCR cassette) is
//! checked with the code the binary runs, and compared with the `.expected` file beside it. Each
//! capture is its own test, named after its path under `corpus/` without the extension
//! (`captures/envelope/invalid-rate-limit-headers`).
//!
//! Expected lines: `<severity> <rule> <target> <where> <line>:<column>[ entry <n>]`, where
//! `<where>` is the body pointer (`(root)` for the whole body), the header name, or `-`; a file
//! error is `! <line>:<column> <message>`; passed-over responses `skipped <n>`. `#` lines are
//! comments. `BLESS=1` rewrites the non-comment lines; read the diff before committing.
//!
//! Also: a HAR file's findings are the same as those of the same responses given as envelopes,
//! each at the place in the HAR file where a person finds the value (its JSON-escaped text).

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use mtlint_cli::pipeline::{check_file, Input, RunOptions};
use mtlint_cli::report::FileReport;
use mtlint_rules::{Checker, Settings};
use mtlint_schema::Contract;

fn captures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/captures")
}

fn check(path: &Path) -> FileReport {
    let checker = Checker::new(Contract::embedded(), Settings::default()).unwrap();
    let input = Input::new(path.to_path_buf(), path.display().to_string());
    check_file(&checker, &input, &RunOptions::default())
}

fn render(report: &FileReport) -> String {
    let mut out = String::new();
    if let Some(e) = &report.error {
        writeln!(out, "! {}:{} {}", e.line, e.column, e.message).unwrap();
    }
    if report.accounting.responses.skipped > 0 {
        writeln!(out, "skipped {}", report.accounting.responses.skipped).unwrap();
    }
    for f in &report.diagnostics {
        let d = &f.diagnostic;
        let place = match (d.target.as_str(), &d.header) {
            (_, Some(name)) => name.clone(),
            ("body", _) if d.pointer.is_empty() => "(root)".into(),
            ("body", _) => d.pointer.clone(),
            _ => "-".into(),
        };
        write!(
            out,
            "{} {} {} {} {}:{}",
            d.severity,
            d.rule,
            d.target.as_str(),
            place,
            f.line,
            f.column
        )
        .unwrap();
        if let Some(entry) = f.entry {
            write!(out, " entry {entry}").unwrap();
        }
        out.push('\n');
    }
    out
}

/// Every capture file: any file under `corpus/captures/` except the `.expected` ones.
fn cases() -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for entry in walkdir::WalkDir::new(captures()).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.is_file() && path.extension().is_some_and(|e| e != "expected") {
            cases.push(path);
        }
    }
    cases
}

/// A case's test name: its path under `corpus/`, without the extension, with `/` separators.
fn trial_name(path: &Path) -> String {
    let relative = path
        .strip_prefix(captures().parent().unwrap())
        .unwrap()
        .with_extension("");
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn check_case(path: &Path) -> Result<(), Failed> {
    let (comments, expected) = common::read_expected(path);
    let got = render(&check(path));
    let name = path.file_name().unwrap().to_string_lossy();
    if name.starts_with("valid-") && !got.trim().is_empty() {
        return Err(format!("{}: a valid case has findings:\n{got}", path.display()).into());
    }
    common::compare_or_bless(path, &comments, &expected, &got)?;
    Ok(())
}

/// The text a person sees at a line:column of a file.
fn text_at(path: &Path, line: usize, column: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let line = text.lines().nth(line - 1).unwrap();
    line.chars().skip(column - 1).collect()
}

fn a_har_file_gives_the_findings_of_its_responses_at_their_places() -> Result<(), Failed> {
    let har_path = captures().join("har/invalid-mixed-endpoints.har");
    let har = check(&har_path);
    assert_eq!(
        har.accounting.responses.skipped, 2,
        "the statements GET and the POST are passed over"
    );
    let mut compared = 0;
    for entry in [1, 3] {
        let raw_path = captures().join(format!("har/invalid-mixed-endpoints-entry-{entry}.json"));
        let raw = check(&raw_path);
        let from_har: Vec<_> = har
            .diagnostics
            .iter()
            .filter(|f| f.entry == Some(entry) && f.diagnostic.target.as_str() == "body")
            .collect();
        assert_eq!(from_har.len(), raw.diagnostics.len(), "entry {entry}");
        assert!(!raw.diagnostics.is_empty());
        for (h, r) in from_har.iter().zip(&raw.diagnostics) {
            assert_eq!(h.diagnostic, r.diagnostic, "entry {entry}");
            // The value as written in the raw body, and as it is written inside content.text.
            let raw_text = text_at(&raw_path, r.line, r.column);
            let value: String = raw_text
                .chars()
                .take_while(|c| *c != ',' && *c != '\n')
                .collect();
            let value = value.trim_end_matches(['}', ']']).to_string();
            let escaped = serde_json::to_string(&value).unwrap();
            let escaped = &escaped[1..escaped.len() - 1];
            let at_har = text_at(&har_path, h.line, h.column);
            assert!(
                at_har.starts_with(escaped),
                "entry {entry}: {}:{} shows {at_har:.40}, expected {escaped}",
                h.line,
                h.column
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 2);
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let all = cases();
    assert!(all.len() >= 12, "only {} capture cases", all.len());
    let mut trials: Vec<Trial> = all
        .into_iter()
        .map(|path| Trial::test(trial_name(&path), move || check_case(&path)))
        .collect();
    trials.push(Trial::test(
        "a-har-file-gives-the-findings-of-its-responses-at-their-places",
        a_har_file_gives_the_findings_of_its_responses_at_their_places,
    ));
    libtest_mimic::run(&args, trials).exit();
}
