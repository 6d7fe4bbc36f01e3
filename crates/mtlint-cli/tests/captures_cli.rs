//! The real binary over real files: stdout, stderr and exit codes for every capture format and
//! every kind of bad input. Plain `std::process::Command` with `CARGO_BIN_EXE_mtlint` is enough
//! here (no extra crate): stdout is compared with snapshot files under `tests/cli/`, with the
//! temporary folder's path replaced by `<tmp>`; `BLESS=1` rewrites the snapshots (read the diff).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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
    let run: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(run["summary"]["skipped"], 3);
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
