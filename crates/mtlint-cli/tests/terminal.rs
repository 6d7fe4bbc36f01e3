//! What the human and concise formats print is safe for a terminal: control characters in a
//! file's name, in a value a message quotes, or in a line a code frame shows are printed as
//! visible stand-ins (`␛` for ESC, `␇` for BEL), never as themselves, so a recording cannot move
//! the cursor, retitle the window or change its colours.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(path)
}

/// Runs `mtlint check --no-config ARGS` in `dir`, colour off: every byte of ESC in the output
/// would then come from the input.
fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .current_dir(dir)
        .args(["check", "--no-config", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    let mut text = String::from_utf8(output.stdout).unwrap();
    text.push_str(&String::from_utf8(output.stderr).unwrap());
    (output.status.code().unwrap(), text)
}

fn assert_no_controls(text: &str) {
    let found: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(found.is_empty(), "control characters {found:?} in:\n{text}");
}

#[test]
fn a_file_name_with_escape_sequences_is_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a\u{1b}[31mred\u{7}.json";
    std::fs::copy(
        corpus("200/invalid-version-exceeds-latest.json"),
        dir.path().join(name),
    )
    .unwrap();
    for format in ["human", "concise"] {
        let (code, text) = check(dir.path(), &["--format", format, name]);
        assert_eq!(code, 1, "{text}");
        assert_no_controls(&text);
        assert!(text.contains("a␛[31mred␇.json"), "{format}: {text}");
    }
}

#[test]
fn a_quoted_value_with_escape_sequences_is_shown_not_obeyed() {
    // `api_version` is a closed enum: the message quotes the value, here an OSC sequence that
    // would retitle a terminal window (written as JSON escapes, decoded by the parser).
    let dir = tempfile::tempdir().unwrap();
    let body = std::fs::read_to_string(corpus("200/invalid-version-exceeds-latest.json"))
        .unwrap()
        .replacen(
            r#""api_version": "sql/v1""#,
            r#""api_version": "\u001b]0;pwned\u0007""#,
            1,
        );
    assert!(body.contains("pwned"));
    std::fs::write(dir.path().join("a.json"), body).unwrap();
    for format in ["human", "concise"] {
        let (code, text) = check(dir.path(), &["--format", format, "a.json"]);
        assert_eq!(code, 1, "{text}");
        assert_no_controls(&text);
        // Quoted as written (JSON escapes) or as stand-ins: either way, seen and not obeyed.
        assert!(text.contains("pwned"), "{format}: {text}");
    }
}

#[test]
fn a_code_frame_line_with_raw_control_characters_is_shown_not_obeyed() {
    // A YAML comment may hold any character: one on the line above a finding is in its frame.
    let dir = tempfile::tempdir().unwrap();
    let cassette = std::fs::read_to_string(corpus("captures/vcr/invalid-vcrpy.yaml"))
        .unwrap()
        .replacen(
            "    headers:\n      Content-Type:",
            "    # \u{1b}[2J\u{1b}]0;pwned\u{7}\n    headers:\n      Content-Type:",
            1,
        );
    assert!(cassette.contains("pwned"));
    std::fs::write(dir.path().join("c.yaml"), cassette).unwrap();
    let (code, text) = check(dir.path(), &["c.yaml"]);
    assert_eq!(code, 1, "{text}");
    assert_no_controls(&text);
    assert!(text.contains("# ␛[2J␛]0;pwned␇"), "{text}");
}

/// A file name that is not UTF-8 is kept exactly where a tool needs to find the file again:
/// the JSON report gives its bytes beside the readable `path`, and SARIF percent-encodes them.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_kept_exactly() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.json");
    std::fs::copy(
        corpus("200/invalid-version-exceeds-latest.json"),
        dir.path().join(name),
    )
    .unwrap();
    let run = |format: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", format])
            .arg(name)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        String::from_utf8(output.stdout).unwrap()
    };
    let json = common::json_report(&run("json"));
    let file = &json["files"][0];
    assert_eq!(file["path"], "caf\u{fffd}.json");
    let bytes: Vec<u64> = b"caf\xe9.json".iter().map(|b| u64::from(*b)).collect();
    assert_eq!(file["path_bytes"], serde_json::json!(bytes));
    let sarif = run("sarif");
    assert!(
        sarif.contains(r#""uri":"caf%E9.json""#) || sarif.contains(r#""uri": "caf%E9.json""#),
        "{sarif}"
    );
    // A UTF-8 name has no bytes beside it.
    let plain = corpus("200/invalid-version-exceeds-latest.json");
    let output = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--no-config", "--format", "json"])
        .arg(plain)
        .output()
        .unwrap();
    let json = common::json_report(&String::from_utf8(output.stdout).unwrap());
    assert!(json["files"][0].get("path_bytes").is_none());
}
