//! Golden tests: every case under `corpus/<status>/` is checked with the same code the binary
//! runs, and its findings are compared with the `.expected` file beside it. Each case is its own
//! test, named after its path under `corpus/` without the extension
//! (`200/invalid-version-exceeds-latest`), so `cargo test --test corpus -- 200/` runs one folder
//! and a failure names its case.
//!
//! An `.expected` file holds `#` comments (what the case isolates, reasoned from the seed) and
//! one line per finding: `<severity> <rule> <pointer> <line>:<column>`. A `valid-*` case has no
//! warning or error finding, but may list `info` ones (members the spec does not define). `BLESS=1 cargo test`
//! rewrites the finding lines from the program's output and keeps the comments; a person reads
//! the diff before committing it.
//!
//! One more test, `every-rule-has-an-invalid-case`, keeps the corpus an inventory of the rules:
//! see [`case_names_rule`] for what "a case of a rule" means.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use libtest_mimic::{Arguments, Failed, Trial};
use mtlint_cli::pipeline::{check_file, Input, RunOptions};
use mtlint_rules::{registry, Checker, Settings};
use mtlint_schema::Contract;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Built once and shared by every case, as the binary shares one checker across files.
static CHECKER: LazyLock<Checker<'static>> =
    LazyLock::new(|| Checker::new(Contract::embedded(), Settings::default()).unwrap());

/// The raw-body cases: every `.json` in a folder named after a status code.
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

/// A case's test name: its path under `corpus/`, without the extension, with `/` separators.
fn trial_name(path: &Path) -> String {
    let relative = path.strip_prefix(corpus()).unwrap().with_extension("");
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn actual(checker: &Checker<'_>, status: u16, path: &Path) -> Result<String, Failed> {
    let options = RunOptions {
        status,
        ..RunOptions::default()
    };
    let input = Input::new(path.to_path_buf(), path.display().to_string());
    let report = check_file(checker, &input, &options);
    if let Some(error) = &report.error {
        return Err(format!("{}: {error:?}", path.display()).into());
    }
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
    Ok(out)
}

fn check_case(status: u16, path: &Path) -> Result<(), Failed> {
    let (comments, expected) = common::read_expected(path);
    let got = actual(&CHECKER, status, path)?;
    let name = path.file_name().unwrap().to_string_lossy();
    // A valid body breaks no rule; it may still carry information (drift: members the spec
    // does not define), which its .expected lists like any finding.
    let above_info: String = got
        .lines()
        .filter(|l| !l.starts_with("info "))
        .map(|l| format!("{l}\n"))
        .collect();
    if name.starts_with("valid-") && !above_info.is_empty() {
        return Err(format!(
            "{}: a valid case has warning or error findings:\n{above_info}",
            path.display()
        )
        .into());
    }
    if name.starts_with("invalid-") && got.is_empty() {
        return Err(format!("{}: an invalid case has no findings", path.display()).into());
    }
    common::compare_or_bless(path, &comments, &expected, &got)?;
    Ok(())
}

/// Whether the case file `stem` is named after `rule`: the stem is `invalid-<rest>` and `<rest>`
/// holds the rule's name, with `/` written `-` and ASCII case ignored, as a run of whole
/// `-`-separated words. So `invalid-version-exceeds-latest`, `invalid-seed-example-next-link-off-operation`
/// and `invalid-schema-maxlength-error-id` name `version-exceeds-latest`, `link-off-operation`
/// and `schema/maxLength`; `invalid-header` names no rule (its `<rest>` is `header`).
fn case_names_rule(stem: &str, rule: &str) -> bool {
    let Some(rest) = stem.strip_prefix("invalid-") else {
        return false;
    };
    let rest = format!("-{}-", rest.to_ascii_lowercase());
    let rule = format!("-{}-", rule.replace('/', "-").to_ascii_lowercase());
    rest.contains(&rule)
}

/// The rules of the finding lines of an `.expected` file, raw-body or capture format: the
/// second field of every line that is neither a comment, a file error (`!`) nor `skipped`.
fn rules_in_expected(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('!') && !l.starts_with("skipped"))
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
        .collect()
}

/// Every rule of the registry has an `invalid-*` case, raw body or capture, that is named after
/// it (see [`case_names_rule`]) and whose `.expected` lists a finding of that rule.
fn every_rule_has_an_invalid_case() -> Result<(), Failed> {
    let mut named_cases = Vec::new();
    for entry in walkdir::WalkDir::new(corpus()).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "expected") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            named_cases.push((stem, rules_in_expected(&path)));
        }
    }
    let mut lacking = Vec::new();
    for entry in registry::all() {
        let meta = entry.meta();
        let rule = meta.name;
        // No case checked against the bundled contract can hold a rule that only a
        // user-supplied spec can raise (its declaration says so, and its docs why).
        if meta.only_with_user_spec {
            continue;
        }
        let covered = named_cases
            .iter()
            .any(|(stem, rules)| case_names_rule(stem, rule) && rules.iter().any(|r| r == rule));
        if !covered {
            lacking.push(rule);
        }
    }
    if lacking.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} rules have no invalid-* corpus case named after them that reports them: {}",
            lacking.len(),
            lacking.join(", ")
        )
        .into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let all = cases();
    assert!(all.len() >= 40, "the corpus has {} cases", all.len());
    let mut trials: Vec<Trial> = all
        .into_iter()
        .map(|(status, path)| Trial::test(trial_name(&path), move || check_case(status, &path)))
        .collect();
    trials.push(Trial::test(
        "every-rule-has-an-invalid-case",
        every_rule_has_an_invalid_case,
    ));
    trials.push(Trial::test("case-names-rule-matches-whole-words", || {
        let named = |stem| {
            registry::all()
                .iter()
                .map(|e| e.meta().name)
                .filter(|rule| case_names_rule(stem, rule))
                .collect::<Vec<_>>()
        };
        let checks: [(&str, &[&str]); 5] = [
            (
                "invalid-version-exceeds-latest",
                &["version-exceeds-latest"],
            ),
            ("invalid-schema-maxlength-error-id", &["schema/maxLength"]),
            (
                "invalid-link-page-size-exceeded",
                &["link-page-size-exceeded", "page-size-exceeded"],
            ),
            ("invalid-header", &[]),
            ("valid-version-exceeds-latest", &[]),
        ];
        for (stem, rules) in checks {
            if named(stem) != rules {
                return Err(format!("{stem} names {:?}, not {rules:?}", named(stem)).into());
            }
        }
        Ok(())
    }));
    libtest_mimic::run(&args, trials).exit();
}
