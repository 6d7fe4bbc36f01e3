//! The real binary on real files: stdout, stderr and the exit code of `mtlint check` in every
//! format (0 clean, 1 findings, 2 operational error), baselines, statistics, thread-count
//! independence and closed pipes.
//!
//! Snapshots (insta + insta-cmd) live in `tests/snapshots/`. After a deliberate change run
//! `INSTA_UPDATE=always cargo test -p mtlint-cli --test cli` (or `cargo insta review`) and read
//! every changed `.snap` before committing. The binary runs in the workspace root or in a
//! temporary folder, always with relative paths; any absolute path that still shows up is
//! replaced by `[ROOT]` or `[TMP]`.
//!
//! Runs whose output is compared use `--select schema`, so that semantic rules added later do
//! not change them, and `tests/data/mixed-severities.yaml` so that each format shows an
//! error, a warning and an info finding.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use insta_cmd::assert_cmd_snapshot;

mod common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `mtlint` in the workspace root, with nothing from the environment that changes its output.
fn mtlint() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    command
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    command
}

/// `mtlint check` on corpus/401 with one rule per severity.
fn check_401(format: &str) -> Command {
    let mut command = mtlint();
    command.args([
        "check",
        "--format",
        format,
        "--status",
        "401",
        "--select",
        "schema",
        "--config",
        "crates/mtlint-cli/tests/data/mixed-severities.yaml",
        "corpus/401",
    ]);
    command
}

/// Same characters the `regex` crate escapes, so a path becomes a literal pattern.
fn literal(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Runs `test` with paths normalised: the workspace root, temporary folders, and the crate's
/// version (SARIF names it).
fn normalised<R>(temp: Option<&Path>, test: impl FnOnce() -> R) -> R {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    if let Some(temp) = temp {
        settings.add_filter(&literal(&temp.display().to_string()), "[TMP]");
    }
    settings.add_filter(&literal(&root().display().to_string()), "[ROOT]");
    settings.add_filter(
        &format!("\"{}\"", literal(env!("CARGO_PKG_VERSION"))),
        "\"[VERSION]\"",
    );
    settings.bind(test)
}

fn run(command: &mut Command) -> (i32, String, String) {
    let output = command.output().unwrap();
    (
        output
            .status
            .code()
            .expect("exited, not killed by a signal"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

// ---------------------------------------------------------------------------------------------
// Every format on the same files: findings of each severity, exit code 1.

#[test]
fn human_format() {
    normalised(None, || {
        assert_cmd_snapshot!("human_401", check_401("human"))
    });
}

#[test]
fn human_format_on_404_bodies() {
    normalised(None, || {
        assert_cmd_snapshot!(
            "human_404",
            mtlint().args([
                "check",
                "--status",
                "404",
                "--select",
                "schema",
                "corpus/404"
            ])
        );
    });
}

#[test]
fn json_format() {
    common::json_report(&run(&mut check_401("json")).1);
    normalised(None, || assert_cmd_snapshot!("json_401", check_401("json")));
}

#[test]
fn junit_format() {
    normalised(None, || {
        assert_cmd_snapshot!("junit_401", check_401("junit"))
    });
}

#[test]
fn github_format() {
    normalised(None, || {
        assert_cmd_snapshot!("github_401", check_401("github"))
    });
}

/// The SARIF log, with the driver's rule list (which grows with every rule) summarised; the
/// list itself is checked against the registry in [`sarif_describes_every_rule_of_the_registry`].
#[test]
fn sarif_format() {
    let (code, stdout, stderr) = run(&mut check_401("sarif"));
    assert_eq!((code, stderr.as_str()), (1, ""));
    let mut log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    validate_sarif(&log);
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap().len();
    driver["rules"] = format!("[{rules} rules]").into();
    normalised(None, || {
        insta::assert_snapshot!("sarif_401", serde_json::to_string_pretty(&log).unwrap());
    });
}

#[test]
fn sarif_describes_every_rule_of_the_registry() {
    let (code, stdout, _) = run(&mut check_401("sarif"));
    assert_eq!(code, 1);
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let registry = mtlint_rules::registry::all();
    assert_eq!(rules.len(), registry.len());
    for (rule, entry) in rules.iter().zip(registry) {
        let meta = entry.meta();
        assert_eq!(rule["id"], meta.name);
        assert_eq!(rule["shortDescription"]["text"], meta.summary());
        assert!(rule["name"].as_str().is_some_and(|n| n != meta.name));
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(full.starts_with(&meta.summary().replace('`', "")), "{full}");
        assert!(!full.contains('\n'), "{full}");
        assert_eq!(rule["help"]["text"], meta.text());
        assert_eq!(rule["help"]["markdown"], meta.text());
        let level = match meta.default_severity {
            mtlint_schema::Severity::Error => "error",
            mtlint_schema::Severity::Warning => "warning",
            mtlint_schema::Severity::Info => "note",
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
    }
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

/// The exit code of `mtlint check corpus`: 2, because the corpus holds a capture that cannot be
/// checked whole (a HAR entry without `content`) beside its findings.
const CORPUS_EXIT: i32 = 2;

/// Every rule, every corpus file, and the notifications of unreadable files: all valid SARIF.
#[test]
fn sarif_of_the_whole_corpus_is_valid() {
    let (code, stdout, stderr) = run(mtlint().args(["check", "--format", "sarif", "corpus"]));
    // corpus/captures/har/invalid-entry-without-content.har cannot be checked whole (HAR 1.2
    // requires `content`): an operational error, so exit 2 and an unsuccessful execution.
    assert_eq!((code, stderr.as_str()), (CORPUS_EXIT, ""));
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    validate_sarif(&log);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
}

/// The OASIS SARIF 2.1.0 schema, compiled, from the file `MTLINT_SARIF_SCHEMA` names (`.ci/run`
/// points it at the published schema; it is not ours to ship). Its references are all internal,
/// so nothing is fetched. `None`, said on stderr, when the variable is unset: the tests that
/// need it then did not run.
///
/// The published schema has a known defect (oasis-tcs/sarif-spec#490, fixed in an erratum): the
/// `language` patterns end in a lone `]`, which strict regex checkers refuse. In ECMA-262 a lone
/// `]` is a literal, so escaping it changes nothing the pattern matches; mtlint never writes
/// `language` anyway.
// A test that cannot run here says so on its output.
#[allow(clippy::print_stderr)]
fn sarif_schema() -> Option<jsonschema::Validator> {
    let Some(path) = std::env::var_os("MTLINT_SARIF_SCHEMA") else {
        eprintln!("did not run: MTLINT_SARIF_SCHEMA names no SARIF 2.1.0 schema file");
        return None;
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("MTLINT_SARIF_SCHEMA={}: {e}", Path::new(&path).display()))
        .replace("-[a-zA-Z]{2}]?$", "-[a-zA-Z]{2}\\\\]?$");
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    Some(jsonschema::validator_for(&schema).expect("the SARIF schema compiles"))
}

/// Validates against the OASIS SARIF 2.1.0 schema, when it is at hand ([`sarif_schema`]).
fn validate_sarif(log: &serde_json::Value) {
    let Some(validator) = sarif_schema() else {
        return;
    };
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn the_sarif_check_itself_can_fail() {
    if sarif_schema().is_none() {
        return;
    }
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {}}]});
    let outcome = std::panic::catch_unwind(|| validate_sarif(&broken));
    assert!(
        outcome.is_err(),
        "a run without tool.driver must be refused"
    );
}

// ---------------------------------------------------------------------------------------------
// Exit codes: 0 clean, in every format.

#[test]
fn a_clean_run_exits_0_in_every_format() {
    for format in ["human", "json", "sarif", "junit", "github"] {
        let (code, stdout, stderr) = run(mtlint().args([
            "check",
            "--format",
            format,
            "--status",
            "404",
            "--select",
            "schema",
            "corpus/404/valid-seed-example.json",
            "corpus/404/valid-source-pointer.json",
        ]));
        assert_eq!((code, stderr.as_str()), (0, ""), "{format}");
        match format {
            "human" | "github" => assert_eq!(
                stdout, "2 files: 2 passed; 0 findings; 2 responses checked.\n",
                "{format}"
            ),
            "json" => {
                let json = common::json_report(&stdout);
                assert_eq!(
                    json["summary"],
                    serde_json::json!({
                        "files": 2, "passed": 2, "failed": 0, "skipped": 0, "errors": 0,
                        "diagnostics": 0, "baselined": null,
                        "responses": {
                            "checked": 2, "skipped": 0, "errors": 0,
                            "skipped_by_reason": {"other_operation": 0, "not_a_response": 0, "filtered": 0}
                        }
                    })
                );
            }
            "sarif" => {
                let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
                validate_sarif(&log);
                assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
                assert_eq!(log["runs"][0]["invocations"][0]["exitCode"], 0);
            }
            _ => {
                assert!(
                    stdout.contains(r#"tests="2" skipped="0" failures="0" errors="0""#),
                    "{stdout}"
                );
                assert_eq!(stdout.matches("<testcase ").count(), 2);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Exit code 2: files that cannot be checked are reported in every format; the others are
// still checked.

fn broken_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("truncated.json"), "{\n  \"errors\": [\n").unwrap();
    std::fs::copy(
        root().join("corpus/404/invalid-error-source-pointer-number.json"),
        dir.path().join("wrong.json"),
    )
    .unwrap();
    dir
}

fn check_broken(dir: &Path, format: &str) -> Command {
    let mut command = mtlint();
    command.current_dir(dir).args([
        "check",
        "--no-config",
        "--format",
        format,
        "--status",
        "404",
        "--select",
        "schema",
        "truncated.json",
        "wrong.json",
        "missing.json",
    ]);
    command
}

#[test]
fn operational_errors_exit_2_in_every_format() {
    let dir = broken_folder();
    common::json_report(&run(&mut check_broken(dir.path(), "json")).1);
    for format in ["human", "json", "junit", "github"] {
        normalised(Some(dir.path()), || {
            assert_cmd_snapshot!(format!("errors_{format}"), check_broken(dir.path(), format));
        });
    }
    let (code, stdout, stderr) = run(&mut check_broken(dir.path(), "sarif"));
    assert_eq!((code, stderr.as_str()), (2, ""));
    let mut log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    validate_sarif(&log);
    let invocation = log["runs"][0]["invocations"][0].take();
    normalised(Some(dir.path()), || {
        insta::assert_snapshot!(
            "errors_sarif_invocation",
            serde_json::to_string_pretty(&invocation).unwrap()
        );
    });
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_flags_exit_2() {
    let (code, stdout, stderr) = run(mtlint().args(["check", "--format", "xml", "corpus"]));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("invalid value 'xml' for '--format"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// --statistics

#[test]
fn statistics_human() {
    normalised(None, || {
        assert_cmd_snapshot!(
            "statistics_human",
            mtlint().args([
                "check",
                "--statistics",
                "--status",
                "401",
                "--select",
                "schema",
                "corpus/401",
                "corpus/404",
            ])
        );
    });
}

#[test]
fn statistics_json() {
    let dir = broken_folder();
    normalised(Some(dir.path()), || {
        let mut command = check_broken(dir.path(), "json");
        command.arg("--statistics");
        common::json_report(&run(&mut command).1);
        assert_cmd_snapshot!("statistics_json", command);
    });
}

#[test]
fn statistics_is_refused_by_the_formats_that_list_findings() {
    for format in ["sarif", "junit", "github"] {
        let (code, stdout, stderr) =
            run(mtlint().args(["check", "--statistics", "--format", format, "corpus/404"]));
        assert_eq!(code, 2, "{format}");
        assert_eq!(stdout, "");
        assert_eq!(
            stderr,
            format!(
                "mtlint: --statistics is not supported with --format {format}: it works with human and json\n"
            )
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Baselines

fn copy_corpus(dir: &Path, from: &str, to: &str) {
    std::fs::copy(root().join("corpus").join(from), dir.join(to)).unwrap();
}

fn in_dir(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut command = mtlint();
    command
        .current_dir(dir)
        .args([
            "check",
            "--no-config",
            "--status",
            "404",
            "--select",
            "schema",
        ])
        .args(args);
    run(&mut command)
}

#[test]
fn a_baseline_hides_known_findings_and_fails_on_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    std::fs::create_dir(dir.join("recordings")).unwrap();
    copy_corpus(
        dir,
        "404/invalid-error-source-not-object.json",
        "recordings/a.json",
    );
    copy_corpus(
        dir,
        "404/invalid-errors-duplicate-items.json",
        "recordings/b.json",
    );
    copy_corpus(dir, "404/valid-seed-example.json", "recordings/c.json");

    // Recording the baseline prints no report and exits 0 although there are findings.
    let (code, stdout, stderr) = in_dir(dir, &["--write-baseline", "baseline.json", "recordings"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "mtlint: wrote 2 findings to baseline.json\n")
    );
    let baseline = std::fs::read_to_string(dir.join("baseline.json")).unwrap();
    normalised(Some(dir), || {
        insta::assert_snapshot!("baseline_file", baseline)
    });

    // The same findings again: all hidden, the run passes.
    let (code, stdout, stderr) = in_dir(dir, &["--baseline", "baseline.json", "recordings"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "3 files: 3 passed; 0 findings (2 more in the baseline); 3 responses checked.\n",
            ""
        )
    );

    // Lines move (a reformatted file): still the same findings.
    let a = std::fs::read_to_string(dir.join("recordings/a.json")).unwrap();
    std::fs::write(dir.join("recordings/a.json"), format!("\n\n\n{a}")).unwrap();
    let (code, _, _) = in_dir(dir, &["--baseline", "baseline.json", "recordings"]);
    assert_eq!(code, 0, "moving a finding to another line keeps it known");

    // From another working folder, the baseline's paths still match.
    let (code, _, _) = in_dir(
        &dir.join("recordings"),
        &["--baseline", "../baseline.json", "."],
    );
    assert_eq!(code, 0, "baseline paths are relative to the baseline file");

    // A new finding is shown, and only it; JSON counts the hidden ones.
    copy_corpus(
        dir,
        "404/invalid-error-source-pointer-number.json",
        "recordings/c.json",
    );
    let (code, stdout, stderr) = in_dir(
        dir,
        &[
            "--baseline",
            "baseline.json",
            "--format",
            "json",
            "recordings",
        ],
    );
    assert_eq!((code, stderr.as_str()), (1, ""));
    let json = common::json_report(&stdout);
    assert_eq!(
        json["summary"],
        serde_json::json!({
            "files": 3, "passed": 2, "failed": 1, "skipped": 0, "errors": 0,
            "diagnostics": 1, "baselined": 2,
            "responses": {
                "checked": 3, "skipped": 0, "errors": 0,
                "skipped_by_reason": {"other_operation": 0, "not_a_response": 0, "filtered": 0}
            }
        })
    );
    let shown: Vec<(&str, &str)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |d| (f["path"].as_str().unwrap(), d["pointer"].as_str().unwrap()))
        })
        .collect();
    assert_eq!(shown, [("recordings/c.json", "/errors/0/source/pointer")]);
}

#[test]
fn a_baseline_that_cannot_be_read_is_an_operational_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = in_dir(dir.path(), &["--baseline", "nope.json", "."]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("mtlint: cannot read baseline nope.json: "),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join("old.json"),
        r#"{"version": 0, "findings": []}"#,
    )
    .unwrap();
    let (code, _, stderr) = in_dir(dir.path(), &["--baseline", "old.json", "."]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "mtlint: baseline old.json: baseline version 0: this mtlint reads version 1; write a new one with --write-baseline\n"
    );
}

#[test]
fn baseline_and_write_baseline_exclude_each_other() {
    let (code, _, stderr) = run(mtlint().args([
        "check",
        "--baseline",
        "a.json",
        "--write-baseline",
        "b.json",
        "corpus/404",
    ]));
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// Determinism, pipes, colour

/// One thread or four: the same bytes, in every format.
#[test]
fn output_does_not_depend_on_the_thread_count() {
    let variants: [&[&str]; 7] = [
        &["--format", "human"],
        &["--format", "json"],
        &["--format", "sarif"],
        &["--format", "junit"],
        &["--format", "github"],
        &["--statistics"],
        &["--statistics", "--format", "json"],
    ];
    for variant in variants {
        let with_jobs = |jobs: &str| {
            run(mtlint()
                .args(["check", "--jobs", jobs])
                .args(variant)
                .arg("corpus"))
        };
        let one = with_jobs("1");
        let four = with_jobs("4");
        if variant.contains(&"json") {
            common::json_report(&one.1);
        }
        assert_eq!(one.0, CORPUS_EXIT, "{variant:?}");
        assert!(one.1.len() > 1000, "{variant:?}: {}", one.1);
        assert!(one == four, "{variant:?}: --jobs 1 and --jobs 4 differ");
    }
}

/// `mtlint check corpus | head -1`: the reader goes away; mtlint stops quietly.
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    for format in ["human", "json", "sarif", "junit", "github"] {
        let mut child = mtlint()
            .args(["check", "--format", format, "corpus"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before mtlint writes anything: every write fails with EPIPE.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "",
            "{format}: a closed pipe is not an error"
        );
        assert_eq!(
            output.status.code(),
            Some(CORPUS_EXIT),
            "{format}: the verdict still stands"
        );
    }
}

#[test]
fn head_reads_one_line_and_mtlint_says_nothing() {
    let mut child = mtlint()
        .args(["check", "corpus"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    let output = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(CORPUS_EXIT));
}

#[test]
fn piped_output_has_no_colour_and_no_progress_bar() {
    let (code, stdout, stderr) = run(mtlint().args(["check", "corpus"]));
    assert_eq!(code, CORPUS_EXIT);
    assert!(!stdout.contains('\u{1b}'), "ANSI escapes in piped output");
    // The corpus holds one capture that cannot be checked: its line is all stderr holds.
    assert!(
        stderr.lines().all(|l| l.starts_with("error[io]: ")) && !stderr.contains('\r'),
        "no progress bar when stderr is not a terminal: {stderr}"
    );
}
