//! `--output FILE`: the report goes to the file and stdout stays empty; a file that cannot be
//! written is an operational error (exit 2) found before any file is checked.

use std::path::PathBuf;
use std::process::Command;

fn corpus(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(path)
        .canonicalize()
        .unwrap()
}

fn mtlint(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    command.current_dir(dir).env_remove("NO_COLOR");
    command
}

#[test]
fn the_report_goes_to_the_file_and_stdout_stays_free() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus("404/invalid-error-source-pointer-number.json");
    let expected = mtlint(dir.path())
        .args(["check", "--status", "404", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    let output = mtlint(dir.path())
        .args([
            "check",
            "--status",
            "404",
            "--format",
            "json",
            "--output",
            "report.json",
        ])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), expected.status.code());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written = std::fs::read(dir.path().join("report.json")).unwrap();
    assert_eq!(written, expected.stdout);
}

#[test]
fn the_report_file_is_not_checked_as_a_response() {
    // The report file is created in the folder being walked, before the walk.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus("404/invalid-error-source-pointer-number.json"),
        dir.path().join("a.json"),
    )
    .unwrap();
    let output = mtlint(dir.path())
        .args([
            "check",
            "--status",
            "404",
            "--format",
            "concise",
            "-o",
            "report.json",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    assert!(
        report.ends_with("1 file: 1 failed; 1 finding; 1 response checked.\n"),
        "{report}"
    );
    assert!(!report.contains("report.json"), "{report}");
}

#[test]
fn an_unwritable_output_is_an_operational_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = mtlint(dir.path())
        .args([
            "check",
            "--status",
            "404",
            "--output",
            "no-such-folder/report.txt",
        ])
        .arg(corpus("404/valid-seed-example.json"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("mtlint: cannot write the report to no-such-folder/report.txt: "),
        "{stderr}"
    );
}
