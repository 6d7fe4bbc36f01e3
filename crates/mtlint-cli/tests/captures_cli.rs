//! The real binary over real files: stdout, stderr and exit codes for every capture format and
//! every kind of bad input. Plain `std::process::Command` with `CARGO_BIN_EXE_mtlint` is enough
//! here (no extra crate): stdout is compared with snapshot files under `tests/cli/`, with the
//! temporary folder's path replaced by `<tmp>`; `BLESS=1` rewrites the snapshots (read the diff).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mtlint(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// A fresh folder under the system's temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mtlint-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn snapshot(name: &str, actual: &str) {
    let path = root().join("tests/cli").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing (BLESS=1 writes it)", path.display()));
    assert_eq!(actual, expected, "{} differs", path.display());
}

fn text(bytes: &[u8], tmp: Option<&Path>) -> String {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8 output");
    match tmp {
        Some(dir) => text.replace(&dir.display().to_string(), "<tmp>"),
        None => text,
    }
}

#[test]
fn bad_inputs_each_give_one_error_and_the_run_goes_on() {
    let tmp = TempDir::new("bad");
    let deep = tmp.0.join("deep.json");
    std::fs::write(
        &deep,
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    )
    .unwrap();
    let looped = tmp.0.join("loop");
    std::fs::create_dir(&looped).unwrap();
    std::os::unix::fs::symlink(&looped, looped.join("again")).unwrap();
    let fifo = tmp.0.join("fifo.json");
    let made_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut args = vec![
        "check",
        "tests/cli/bad",
        "tests/cli/ok/invalid-rate-limit-headers.json",
    ];
    let deep_s = deep.display().to_string();
    let looped_s = looped.display().to_string();
    let fifo_s = fifo.display().to_string();
    args.extend([deep_s.as_str(), looped_s.as_str()]);
    if made_fifo {
        args.push(&fifo_s);
    }
    let out = mtlint(&args, None);
    assert_eq!(out.status.code(), Some(2));
    // In the human format, what could not be checked goes to stderr, the findings to stdout.
    let mut stderr = text(&out.stderr, Some(&tmp.0));
    if !made_fifo {
        // Without mkfifo, add the line the FIFO gives, so one snapshot serves both.
        stderr = stderr.replace(
            "error[io]: <tmp>/loop/again",
            "error[io]: <tmp>/fifo.json: not a regular file (a FIFO, socket or device); pipe NDJSON through stdin with `-` instead\nerror[io]: <tmp>/loop/again",
        );
    }
    snapshot("bad-inputs.stderr", &stderr);
    snapshot("bad-inputs.stdout", &text(&out.stdout, Some(&tmp.0)));
}

#[test]
fn an_unreadable_file_is_an_error_unless_we_are_root() {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = TempDir::new("unreadable");
    let file = tmp.0.join("secret.json");
    std::fs::write(&file, "{}").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&file).is_ok() {
        // Root reads it anyway: permissions cannot make it unreadable here (the FIFO and the
        // folder cases cover unreadable paths instead).
        return;
    }
    let out = mtlint(&["check", &file.display().to_string()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr, Some(&tmp.0))
        .starts_with("error[io]: <tmp>/secret.json: cannot read: Permission denied"));
}

#[test]
fn ndjson_from_stdin_is_streamed_and_placed_by_line() {
    let input = std::fs::read(root().join("tests/cli/ok/invalid-mixed.ndjson")).unwrap();
    let out = mtlint(&["check", "-"], Some(&input));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr, None), "");
    snapshot("stdin-ndjson.stdout", &text(&out.stdout, None));
}

#[test]
fn every_capture_format_in_json() {
    let out = mtlint(&["check", "--format", "json", "corpus/captures"], None);
    // One HAR entry has no content: an operational error, so 2.
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr, None), "");
    let stdout = text(&out.stdout, None);
    let run = common::json_report(&stdout);
    // Two HAR entries and one cassette interaction answer other operations.
    assert_eq!(run["summary"]["responses"]["skipped"], 3);
    assert_eq!(
        run["summary"]["responses"]["skipped_by_reason"]["other_operation"],
        3
    );
    // The HAR entry without content: the one response that could not be checked.
    assert_eq!(run["summary"]["responses"]["errors"], 1);
    assert_eq!(run["summary"]["errors"], 1);
    snapshot("captures.json", &stdout);
}

#[test]
fn the_size_limit_is_a_flag() {
    let small = mtlint(
        &[
            "check",
            "--max-file-size",
            "100",
            "tests/cli/ok/invalid-rate-limit-headers.json",
        ],
        None,
    );
    assert_eq!(small.status.code(), Some(2));
    assert!(text(&small.stderr, None).contains("more than --max-file-size (100 bytes)"));
    let enough = mtlint(
        &[
            "check",
            "--max-file-size",
            "1K",
            "tests/cli/ok/invalid-rate-limit-headers.json",
        ],
        None,
    );
    assert_eq!(enough.status.code(), Some(1));
    // NDJSON lines are limited one by one: the long lines of this stream exceed 300 bytes.
    let lines = mtlint(
        &[
            "check",
            "--max-file-size",
            "300",
            "tests/cli/ok/invalid-mixed.ndjson",
        ],
        None,
    );
    assert_eq!(lines.status.code(), Some(2));
    let stderr = text(&lines.stderr, None);
    assert!(
        stderr.starts_with("error[io]: tests/cli/ok/invalid-mixed.ndjson:1:1: record 0 is"),
        "{stderr}"
    );
    let bad = mtlint(&["check", "--max-file-size", "ten", "."], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr, None).contains("is not a size"));
}

/// `mtlint check --format FORMAT ARGS` run in `dir`, with no configuration but what `dir` holds.
fn check_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// A HAR log of `entries` (each `(method, url, status, body)`), the body served as JSON.
fn har(entries: &[(&str, &str, u16, &str)]) -> String {
    let entries: Vec<serde_json::Value> = entries
        .iter()
        .map(|(method, url, status, body)| {
            serde_json::json!({
                "request": {"method": method, "url": url},
                "response": {
                    "status": status,
                    "headers": [],
                    "content": {"size": body.len(), "mimeType": "application/json", "text": body}
                }
            })
        })
        .collect();
    serde_json::to_string_pretty(
        &serde_json::json!({"log": {"version": "1.2", "entries": entries}}),
    )
    .unwrap()
}

const OPERATION_URL: &str =
    "https://flink.us-west1.aws.confluent.cloud/sql/v1/organizations/o/environments/env-1/materialized-tables";

#[test]
fn a_run_that_checks_no_response_is_an_operational_error_that_says_why() {
    let tmp = TempDir::new("nothing");
    let body = std::fs::read_to_string(root().join("corpus/404/valid-seed-example.json")).unwrap();
    std::fs::write(
        tmp.0.join("other.har"),
        har(&[
            ("GET", "https://h/api/v1/users", 200, "{}"),
            ("DELETE", OPERATION_URL, 404, &body),
        ]),
    )
    .unwrap();
    std::fs::write(tmp.0.join("empty.har"), har(&[])).unwrap();
    std::fs::write(tmp.0.join("empty.yaml"), "interactions: []\n").unwrap();

    let out = check_in(&tmp.0, &["other.har"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stdout, None),
        "1 file: 1 skipped; 0 findings; no response checked, 2 responses skipped (other operations).\n"
    );
    assert_eq!(
        text(&out.stderr, None),
        "mtlint: no response was checked: 2 responses skipped (other operations); mtlint checks the responses of listSqlv1MaterializedTables (GET /sql/v1/organizations/{organization_id}/environments/{environment_id}/materialized-tables)\n"
    );

    for empty in ["empty.har", "empty.yaml"] {
        let out = check_in(&tmp.0, &["--format", "json", empty]);
        assert_eq!(out.status.code(), Some(2), "{empty}");
        assert!(
            text(&out.stderr, None)
                .contains("no response was checked: the captures hold no response"),
            "{empty}: {}",
            text(&out.stderr, None)
        );
        let report = common::json_report(&text(&out.stdout, None));
        assert_eq!(report["files"][0]["verdict"], "skipped", "{empty}");
        assert_eq!(report["summary"]["responses"]["checked"], 0, "{empty}");
    }

    // Every format says so; JUnit and SARIF carry the reason, GitHub as an error annotation.
    let junit = text(
        &check_in(&tmp.0, &["--format", "junit", "other.har"]).stdout,
        None,
    );
    assert!(
        junit.contains(r#"tests="3" skipped="2" failures="0" errors="1""#),
        "{junit}"
    );
    let github = text(
        &check_in(&tmp.0, &["--format", "github", "other.har"]).stdout,
        None,
    );
    assert!(
        github.starts_with("::error title=mtlint%3A no response checked::no response was checked"),
        "{github}"
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&check_in(&tmp.0, &["--format", "sarif", "other.har"]).stdout)
            .unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(invocation["exitCode"], 2);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["level"],
        "error"
    );
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["properties"]["responses"]["skipped_by_reason"]
            ["other_operation"],
        2
    );
}

#[test]
fn skipped_responses_are_counted_by_reason_and_do_not_fail_the_run() {
    let tmp = TempDir::new("reasons");
    let body = std::fs::read_to_string(root().join("corpus/404/valid-seed-example.json")).unwrap();
    let broken =
        std::fs::read_to_string(root().join("corpus/404/invalid-error-source-pointer-number.json"))
            .unwrap();
    // Entry 0: the browser got no response; entry 1: a documented 404 of the operation.
    std::fs::write(
        tmp.0.join("browser.har"),
        har(&[
            ("GET", OPERATION_URL, 0, ""),
            ("GET", OPERATION_URL, 404, &body),
        ]),
    )
    .unwrap();
    // Configuration ignores every finding under legacy/: its broken body is not checked.
    std::fs::create_dir(tmp.0.join("legacy")).unwrap();
    std::fs::write(tmp.0.join("legacy/old.json"), &broken).unwrap();
    std::fs::write(
        tmp.0.join("mtlint.yaml"),
        "ignore:\n  - paths: ['legacy/**']\n",
    )
    .unwrap();

    let out = check_in(
        &tmp.0,
        &[
            "--format",
            "json",
            "--status",
            "404",
            "--select",
            "schema",
            "browser.har",
            "legacy",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr, None));
    assert_eq!(text(&out.stderr, None), "");
    let report = common::json_report(&text(&out.stdout, None));
    assert_eq!(
        report["summary"]["responses"],
        serde_json::json!({
            "checked": 1, "skipped": 2, "errors": 0,
            "skipped_by_reason": {"other_operation": 0, "not_a_response": 1, "filtered": 1}
        })
    );
    let files = report["files"].as_array().unwrap();
    assert_eq!(files[0]["path"], "browser.har");
    assert_eq!(
        files[0]["skipped"],
        serde_json::json!([{"entry": 0, "reason": "not_a_response"}])
    );
    assert_eq!(files[1]["verdict"], "skipped");
    assert_eq!(
        files[1]["skipped"],
        serde_json::json!([{"entry": null, "reason": "filtered"}])
    );

    let human = check_in(
        &tmp.0,
        &[
            "--status",
            "404",
            "--select",
            "schema",
            "browser.har",
            "legacy",
        ],
    );
    assert_eq!(
        text(&human.stdout, None),
        "2 files: 1 passed, 1 skipped; 0 findings; 1 response checked, 1 response skipped (not responses), 1 response skipped (filtered by configuration).\n"
    );
}

#[test]
fn junit_keeps_every_response_of_a_file_with_an_unreadable_entry() {
    let out = mtlint(
        &[
            "check",
            "--format",
            "junit",
            "corpus/captures/har/invalid-entry-without-content.har",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let junit = text(&out.stdout, None);
    // Entry 0 has no content (an error); entry 1 is a 500 without a body (a finding).
    assert!(
        junit.contains(r#"tests="2" skipped="0" failures="1" errors="1""#),
        "{junit}"
    );
    assert!(
        junit.contains("invalid-entry-without-content.har (entry 1)")
            && junit.contains("missing-body"),
        "{junit}"
    );
    // Every finding JSON shows is in the JUnit report.
    let json = mtlint(
        &[
            "check",
            "--format",
            "json",
            "corpus/captures/har/invalid-entry-without-content.har",
        ],
        None,
    );
    let report = common::json_report(&text(&json.stdout, None));
    for finding in report["files"][0]["diagnostics"].as_array().unwrap() {
        let rule = finding["rule"].as_str().unwrap();
        assert!(
            junit.contains(&format!("error {rule}: ")),
            "{rule} missing from {junit}"
        );
    }
}
