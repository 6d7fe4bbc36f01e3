//! Files that set up a run (the spec, the configuration, the baseline) and flags that could
//! make it hang, read forever or show what it should not: each ends quickly in one error that
//! names it, with exit code 2. The real binary runs under a deadline, so a regression fails
//! instead of hanging the suite.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one run may take before it counts as hung; a healthy one takes milliseconds.
const DEADLINE: Duration = Duration::from_secs(10);

/// A temporary project holding a `.git` folder and one capture with no finding; its root is
/// the home folder of every run.
struct Project(tempfile::TempDir);

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl Project {
    fn new() -> Self {
        let project = Self(tempfile::tempdir().unwrap());
        std::fs::create_dir(project.root().join(".git")).unwrap();
        let good = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/200/valid-minimal-item.json");
        std::fs::copy(good, project.root().join("good.json")).unwrap();
        project
    }

    fn root(&self) -> &Path {
        self.0.path()
    }

    fn fifo(&self, name: &str) -> PathBuf {
        let path = self.root().join(name);
        let status = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(status.success(), "mkfifo {}", path.display());
        path
    }

    /// `mtlint ARGS` in the root, killed (and the test failed) if it outlives [`DEADLINE`].
    /// Output goes to files, so a run that writes much cannot block on a full pipe.
    fn run(&self, args: &[&str]) -> Run {
        let out = tempfile::tempdir().unwrap();
        let (stdout, stderr) = (out.path().join("stdout"), out.path().join("stderr"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(args)
            .current_dir(self.root())
            .env("HOME", self.root())
            .env_remove("NO_COLOR")
            .env_remove("CI")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > DEADLINE {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!("mtlint {args:?} still ran after {DEADLINE:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Run {
            code: status.code().expect("ended by itself"),
            stdout: std::fs::read_to_string(stdout).unwrap(),
            stderr: std::fs::read_to_string(stderr).unwrap(),
        }
    }
}

/// `--spec`, `--config` and `--baseline` each refuse a FIFO and `/dev/zero` (a device that
/// never ends), naming the flag's file, before reading anything.
#[test]
fn a_fifo_or_a_device_given_as_a_setting_file_is_refused_by_name() {
    let project = Project::new();
    let fifo = project.fifo("pipe");
    let fifo = fifo.to_str().unwrap();
    for (flag, what) in [
        ("--spec", "spec"),
        ("--config", "config"),
        ("--baseline", "baseline"),
    ] {
        for path in [fifo, "/dev/zero"] {
            let run = project.run(&["check", flag, path, "good.json"]);
            assert_eq!(run.code, 2, "{flag} {path}: {run:?}");
            assert!(
                run.stderr.contains(&format!(
                    "cannot read {what} {path}: it is not a regular file"
                )),
                "{flag} {path}: {run:?}"
            );
        }
    }
}

/// A FIFO called `mtlint.yaml` is found by discovery (passing over it would apply another
/// configuration unseen) and refused like any other.
#[test]
fn a_discovered_fifo_config_is_refused_by_name() {
    let project = Project::new();
    project.fifo("mtlint.yaml");
    let run = project.run(&["check", "good.json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("cannot read config ")
            && run.stderr.contains("mtlint.yaml: it is not a regular file"),
        "{run:?}"
    );
}

/// `--max-file-size` bounds the setting files too.
#[test]
fn a_setting_file_over_the_size_limit_is_not_read() {
    let project = Project::new();
    let big = format!("exclude: [\"{}\"]\n", "x".repeat(2000));
    std::fs::write(project.root().join("big.yaml"), big).unwrap();
    let run = project.run(&[
        "check",
        "--max-file-size",
        "1K",
        "--config",
        "big.yaml",
        "good.json",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("cannot read config big.yaml: it is larger than 1024 bytes"),
        "{run:?}"
    );
}

/// `--jobs` takes 1 to 256 threads (more where the machine has more than 64 cores); 0 and a
/// huge number are refused at once instead of running one thread, or starting thousands.
#[test]
fn jobs_out_of_range_are_refused() {
    let project = Project::new();
    let zero = project.run(&["check", "--jobs", "0", "good.json"]);
    assert_eq!(zero.code, 2, "{zero:?}");
    assert!(zero.stderr.contains("at least 1 thread"), "{zero:?}");
    let huge = project.run(&["check", "--jobs", "100000", "good.json"]);
    assert_eq!(huge.code, 2, "{huge:?}");
    assert!(
        huge.stderr.contains("100000 threads is more than"),
        "{huge:?}"
    );
    let most = project.run(&["check", "--jobs", "256", "good.json"]);
    assert_eq!(most.code, 0, "{most:?}");
}

/// A discovered `mtlint.yaml` that links out of the repository is not read: the file it
/// leads to (a `.env`, a key) never shows in the output.
#[test]
fn a_discovered_config_linking_out_of_the_repository_is_not_read() {
    let project = Project::new();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join(".env");
    std::fs::write(&secret, "API_TOKEN=fake-secret-4f1d9c\n").unwrap();
    std::os::unix::fs::symlink(&secret, project.root().join("mtlint.yaml")).unwrap();
    let run = project.run(&["check", "good.json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("is a symbolic link to"), "{run:?}");
    assert!(!run.all().contains("fake-secret"), "{run:?}");
}

/// A link that stays in the repository is an ordinary configuration.
#[test]
fn a_discovered_config_linking_inside_the_repository_is_read() {
    let project = Project::new();
    std::fs::create_dir(project.root().join("settings")).unwrap();
    std::fs::write(
        project.root().join("settings/lint.yaml"),
        "fail-on: warning\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("settings/lint.yaml", project.root().join("mtlint.yaml")).unwrap();
    let run = project.run(&["check", "--show-settings"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("fail-on: warning"), "{run:?}");
}

/// A configuration that is no configuration at all is quoted by a short excerpt of its first
/// line, never in full.
#[test]
fn an_invalid_config_is_quoted_by_a_short_excerpt_only() {
    let project = Project::new();
    let text = format!("{}LINE_ONE_END\nLINE_TWO_SECRET\n", "a".repeat(200));
    std::fs::write(project.root().join("mtlint.yaml"), text).unwrap();
    let run = project.run(&["check", "good.json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("invalid config"), "{run:?}");
    assert!(run.stderr.contains(&"a".repeat(80)), "{run:?}");
    assert!(!run.stderr.contains(&"a".repeat(81)), "{run:?}");
    assert!(!run.all().contains("LINE_ONE_END"), "{run:?}");
    assert!(!run.all().contains("LINE_TWO_SECRET"), "{run:?}");
}

#[test]
fn a_fifo_or_a_device_named_like_a_capture_in_a_walked_folder_is_reported() {
    let project = Project::new();
    std::fs::create_dir(project.root().join("rec")).unwrap();
    std::fs::rename(
        project.root().join("good.json"),
        project.root().join("rec/good.json"),
    )
    .unwrap();
    project.fifo("rec/pipe.json");
    std::os::unix::fs::symlink("/dev/zero", project.root().join("rec/zero.ndjson")).unwrap();
    let run = project.run(&["check", "--no-config", "rec"]);
    // Neither is read, each is named, the good file is still judged, and the gate says so.
    assert_eq!(run.code, 2, "{run:?}");
    for name in ["rec/pipe.json", "rec/zero.ndjson"] {
        assert!(
            run.stderr.contains(&format!("{name}: not a regular file")),
            "{name}: {run:?}"
        );
    }
    assert!(
        run.stdout
            .contains("3 files: 1 passed, 2 could not be checked"),
        "{run:?}"
    );
}

#[test]
fn a_cassette_is_found_by_its_top_level_not_by_how_its_lines_look() {
    let project = Project::new();
    std::fs::create_dir(project.root().join("rec")).unwrap();
    // A byte order mark and a quoted key: a line-based look for `interactions:` missed both,
    // and the cassette vanished from the run with exit 0.
    let vcrpy = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/captures/vcr/invalid-vcrpy.yaml"),
    )
    .unwrap()
    .replacen("interactions:", "\u{feff}\"interactions\":", 1);
    std::fs::write(project.root().join("rec/c.yaml"), vcrpy).unwrap();
    std::fs::write(
        project.root().join("rec/openapi.yaml"),
        "openapi: 3.0.3\npaths: {}\n",
    )
    .unwrap();
    let run = project.run(&["check", "--no-config", "rec"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("1 file: 1 failed"), "{run:?}");
}
