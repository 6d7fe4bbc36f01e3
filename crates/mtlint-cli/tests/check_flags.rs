//! The controls of `mtlint check` do what they say, run through the real binary: stdin holds
//! NDJSON or one document and `--stdin-filename` names it; `--exit-zero`, `--quiet` and
//! `--color`; and in the human format, files that could not be checked go to stderr.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs mtlint in the repository root with `stdin` on its standard input and without the
/// colour variables of the environment that runs the tests (unless `env` sets them).
fn mtlint_with(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    command
        .args(args)
        .current_dir(repo())
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("mtlint runs");
    let mut input = child.stdin.take().unwrap();
    // A run that stops reading early (an operational error) closes the pipe: not a failure.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

fn mtlint(args: &[&str]) -> Output {
    mtlint_with(args, b"", &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const PRETTY: &str = "corpus/200/invalid-seed-example-scaling-last-updated.json";

/// Stdin named as a file gives the report that file gives: same findings, same places, same
/// path, same exit code, whatever the capture.
#[test]
fn stdin_named_as_a_file_is_checked_as_that_file() {
    for file in [
        PRETTY,
        "corpus/captures/har/invalid-pages.har",
        "corpus/captures/vcr/invalid-go-vcr.yaml",
        "corpus/captures/ndjson/invalid-broken-page-chain.ndjson",
        "corpus/captures/ndjson/invalid-mixed.ndjson",
        "corpus/404/valid-seed-example.json",
    ] {
        let bytes = std::fs::read(repo().join(file)).unwrap_or_else(|_| panic!("{file}"));
        let base = [
            "check",
            "--no-config",
            "--status-from-path",
            "--format",
            "json",
        ];
        let direct = mtlint(&[&base[..], &[file]].concat());
        let piped = mtlint_with(
            &[&base[..], &["--stdin-filename", file, "-"]].concat(),
            &bytes,
            &[],
        );
        assert_eq!(text(&piped.stdout), text(&direct.stdout), "{file}");
        assert_eq!(piped.status.code(), direct.status.code(), "{file}");
    }
}

#[test]
fn a_pretty_printed_body_on_stdin_is_one_document() {
    let bytes = std::fs::read(repo().join(PRETTY)).unwrap();
    let output = mtlint_with(&["check", "--no-config", "-"], &bytes, &[]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("╭─[<stdin>:119:27]"), "{stdout}");
    assert!(
        stdout.ends_with("1 file: 1 failed; 1 finding; 1 response checked.\n"),
        "{stdout}"
    );
}

#[test]
fn ndjson_on_stdin_is_one_record_per_line() {
    // The same body twice, each on one line: two records, the second found on line 3.
    let body = std::fs::read_to_string(repo().join(PRETTY)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&body).unwrap();
    let line = serde_json::to_string(&value).unwrap();
    let stream = format!("{line}\n\n{line}\n");
    let output = mtlint_with(
        &["check", "--no-config", "--format", "json", "-"],
        stream.as_bytes(),
        &[],
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(u64, u64)> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["entry"].as_u64().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, [(0, 1), (1, 3)], "{report}");
}

#[test]
fn a_har_log_on_one_line_is_one_document() {
    let har =
        std::fs::read_to_string(repo().join("corpus/captures/har/invalid-pages.har")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&har).unwrap();
    let minified = serde_json::to_string(&value).unwrap();
    let run = |args: &[&str], stdin: &[u8]| {
        let output = mtlint_with(args, stdin, &[]);
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let rules: Vec<String> = report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{} {} {}", d["entry"], d["rule"], d["pointer"]))
            .collect();
        (rules, output.status.code())
    };
    let json = ["check", "--no-config", "--format", "json"];
    let piped = run(&[&json[..], &["-"]].concat(), minified.as_bytes());
    let direct = run(
        &[&json[..], &["corpus/captures/har/invalid-pages.har"]].concat(),
        b"",
    );
    assert!(!direct.0.is_empty());
    assert_eq!(piped, direct);
}

#[test]
fn stdin_filename_needs_stdin() {
    let output = mtlint(&["check", "--no-config", "--stdin-filename", "a.json", PRETTY]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--stdin-filename"));
}

#[test]
fn exit_zero_forgives_findings_but_not_what_could_not_be_checked() {
    let findings = mtlint(&["check", "--no-config", "--exit-zero", PRETTY]);
    assert_eq!(findings.status.code(), Some(0));
    assert!(
        text(&findings.stdout).contains("1 failed"),
        "the report is unchanged"
    );
    let unreadable = mtlint(&[
        "check",
        "--no-config",
        "--exit-zero",
        PRETTY,
        "missing.json",
    ]);
    assert_eq!(unreadable.status.code(), Some(2));
    let bad_flag = mtlint(&[
        "check",
        "--exit-zero",
        "--format",
        "sarif",
        "--statistics",
        PRETTY,
    ]);
    assert_eq!(bad_flag.status.code(), Some(2));
}

#[test]
fn quiet_prints_the_report_alone() {
    let loud = mtlint(&["check", "--no-config", PRETTY]);
    let quiet = mtlint(&["check", "--no-config", "--quiet", PRETTY]);
    let summary = "1 file: 1 failed; 1 finding; 1 response checked.\n";
    assert!(text(&loud.stdout).ends_with(summary));
    assert_eq!(
        text(&quiet.stdout),
        text(&loud.stdout).strip_suffix(summary).unwrap()
    );
    assert_eq!(quiet.status.code(), Some(1), "the verdict stands");
    let clean = mtlint(&[
        "check",
        "--no-config",
        "-q",
        "corpus/404/valid-seed-example.json",
        "--status",
        "404",
    ]);
    assert_eq!(
        (text(&clean.stdout), clean.status.code()),
        (String::new(), Some(0))
    );
    // Operational errors are never quiet.
    let missing = mtlint(&["check", "--no-config", "-q", "missing.json"]);
    assert!(text(&missing.stderr).contains("error[io]: missing.json"));
    // The JSON report keeps its summary: it is the report.
    let json = mtlint(&["check", "--no-config", "-q", "--format", "json", PRETTY]);
    assert!(text(&json.stdout).contains("\"summary\""));
}

#[test]
fn quiet_write_baseline_says_nothing_but_what_could_not_be_checked() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let loud = mtlint(&["check", "--no-config", "--write-baseline", baseline, PRETTY]);
    assert!(text(&loud.stderr).contains("wrote 1 finding"), "{loud:?}");
    let quiet = mtlint(&[
        "check",
        "--no-config",
        "-q",
        "--write-baseline",
        baseline,
        PRETTY,
    ]);
    assert_eq!(text(&quiet.stderr), "");
    let missing = mtlint(&[
        "check",
        "--no-config",
        "-q",
        "--write-baseline",
        baseline,
        "missing.json",
    ]);
    assert!(
        text(&missing.stderr).contains("missing.json"),
        "{missing:?}"
    );
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn colour_follows_the_flag_then_force_color_then_no_color() {
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check", "--no-config"];
        all.extend_from_slice(args);
        all.push(PRETTY);
        text(&mtlint_with(&all, b"", env).stdout).contains('\u{1b}')
    };
    // stdout is a pipe here: no colour unless asked.
    assert!(!coloured(&[], &[]));
    assert!(coloured(&["--color", "always"], &[]));
    assert!(coloured(&[], &[("FORCE_COLOR", "1")]));
    assert!(!coloured(&[], &[("FORCE_COLOR", "")]));
    assert!(coloured(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(!coloured(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    assert!(coloured(&["--color", "always"], &[("NO_COLOR", "1")]));
    // Only the human format is coloured.
    assert!(!coloured(&["--color", "always", "--format", "json"], &[]));
}

#[test]
fn human_errors_go_to_stderr_and_machine_formats_keep_them() {
    let human = mtlint(&["check", "--no-config", PRETTY, "missing.json"]);
    assert!(
        text(&human.stderr).contains("error[io]: missing.json"),
        "{human:?}"
    );
    assert!(!text(&human.stdout).contains("error[io]"), "{human:?}");
    assert!(text(&human.stdout).contains("1 could not be checked"));
    assert_eq!(human.status.code(), Some(2));
    let json = mtlint(&["check", "--no-config", "--format", "json", "missing.json"]);
    assert!(
        text(&json.stdout).contains("\"verdict\": \"error\""),
        "{json:?}"
    );
}
