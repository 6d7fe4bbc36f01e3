//! Controls that do what they say: the real binary in a temporary project, checked by its exit
//! code, stdout and stderr. What each test expects is what a user of ruff or ripgrep would
//! expect from the same control.
//!
//! The fixtures are two corpus bodies: `bad.json` has exactly one finding (`schema/minimum`
//! at `/data/0/spec/distribution/bucket_count`, an error) and `good.json` none.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const POINTER: &str = "/data/0/spec/distribution/bucket_count";

fn corpus(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/200")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A temporary project: its root is the home folder of every run, so that no configuration
/// outside it is ever read.
struct Project(tempfile::TempDir);

impl Project {
    fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }

    fn root(&self) -> &Path {
        self.0.path()
    }

    fn write(&self, path: &str, text: &str) -> &Self {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn bad(&self, path: &str) -> &Self {
        self.write(path, &corpus("invalid-bucket-count-zero.json"))
    }

    fn good(&self, path: &str) -> &Self {
        self.write(path, &corpus("valid-minimal-item.json"))
    }

    fn git(&self, folder: &str) -> &Self {
        std::fs::create_dir_all(self.root().join(folder).join(".git")).unwrap();
        self
    }

    /// `mtlint ARGS` run in `folder` (relative to the root).
    fn run(&self, folder: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(args)
            .current_dir(self.root().join(folder))
            .env("HOME", self.root())
            .env_remove("NO_COLOR")
            .env_remove("CI")
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    /// `mtlint check --format json ARGS` in `folder`.
    fn check_json(&self, folder: &str, args: &[&str]) -> Run {
        let mut all = vec!["check", "--format", "json"];
        all.extend(args);
        self.run(folder, &all)
    }
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Every finding of a JSON report as (the file's path, rule, pointer).
    fn findings(&self) -> Vec<(String, String, String)> {
        fn walk(value: &Value, path: &str, out: &mut Vec<(String, String, String)>) {
            match value {
                Value::Object(map) => {
                    let path = map.get("path").and_then(Value::as_str).unwrap_or(path);
                    if let (Some(rule), Some(pointer)) = (
                        map.get("rule").and_then(Value::as_str),
                        map.get("pointer").and_then(Value::as_str),
                    ) {
                        out.push((path.to_string(), rule.to_string(), pointer.to_string()));
                    }
                    for child in map.values() {
                        walk(child, path, out);
                    }
                }
                Value::Array(items) => items.iter().for_each(|v| walk(v, path, out)),
                _ => {}
            }
        }
        let report: Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout));
        let mut out = Vec::new();
        walk(&report, "", &mut out);
        out
    }

    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

// 1. `ignore:` entries.

#[test]
fn an_ignore_entry_without_paths_applies_to_every_file() {
    let project = Project::new();
    project
        .git("")
        .bad("rec/a.json")
        .bad("other/b.json")
        .write("mtlint.yaml", "ignore:\n  - rules: [schema/minimum]\n");
    let run = project.check_json("", &["rec", "other"]);
    assert_eq!(run.findings(), vec![], "{run:?}");
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
}

#[test]
fn ignore_paths_are_relative_to_the_config_whatever_the_spelling() {
    let project = Project::new();
    project
        .git("")
        .bad("rec/legacy/a.json")
        .write("mtlint.yaml", "ignore:\n  - paths: [\"rec/legacy/**\"]\n");
    let absolute = project.root().join("rec").display().to_string();
    for (folder, path) in [
        ("", "rec"),
        ("", "./rec"),
        ("", "rec/legacy/a.json"),
        ("", "./rec/legacy/./a.json"),
        ("", absolute.as_str()),
        ("rec", "."),
        ("rec", "../rec"),
        ("rec/legacy", "a.json"),
        ("rec/legacy", "../../rec/legacy"),
    ] {
        let run = project.check_json(folder, &[path]);
        assert_eq!(run.findings(), vec![], "{path} from /{folder}: {run:?}");
        // The one file is ignored whole, so nothing was checked: the gate says so (exit 2)
        // rather than pass, and the entry counts as used (no warning about it).
        assert_eq!(run.code, 2, "{path} from /{folder}");
        assert!(
            run.stderr
                .contains("1 response skipped (filtered by configuration)")
                && !run.stderr.contains("hid no finding"),
            "{path} from /{folder}: {}",
            run.stderr
        );
    }
}

#[test]
fn ignore_paths_hide_only_what_they_name() {
    let project = Project::new();
    project
        .git("")
        .bad("rec/legacy/a.json")
        .bad("rec/new/a.json")
        .write("mtlint.yaml", "ignore:\n  - paths: [\"rec/legacy/**\"]\n");
    let run = project.check_json("rec", &["."]);
    assert_eq!(
        run.findings(),
        vec![(
            "./new/a.json".to_string(),
            "schema/minimum".to_string(),
            POINTER.to_string()
        )]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn an_ignore_entry_that_hid_nothing_is_a_warning_on_stderr_in_every_format() {
    let project = Project::new();
    project.git("").bad("rec/legacy/a.json").write(
        "mtlint.yaml",
        "ignore:\n  - paths: [\"recs/legacy/**\"]\n  - rules: [schema/minimum]\n    pointer: /data/1\n",
    );
    let expected = "mtlint: warning: ignore entry 1 (paths: recs/legacy/**) in mtlint.yaml hid no finding in this run; check its paths (relative to the configuration's folder), rules and pointer\n\
         mtlint: warning: ignore entry 2 (rules: schema/minimum; pointer: /data/1) in mtlint.yaml hid no finding in this run; check its paths (relative to the configuration's folder), rules and pointer\n";
    for format in ["human", "json", "sarif", "junit", "github"] {
        let run = project.run("", &["check", "--format", format, "rec"]);
        // The typo hides nothing: the finding shows and fails the run.
        assert_eq!(run.code, 1, "{format}");
        assert!(run.stdout.contains(POINTER), "{format}: {}", run.stdout);
        assert_eq!(run.stderr, expected, "{format}");
    }
    // The report on stdout stays what its consumers parse.
    let json = project.check_json("", &["rec"]);
    assert_eq!(json.findings().len(), 1);
}

#[test]
fn an_ignore_entry_that_hid_something_is_not_reported() {
    let project = Project::new();
    project.git("").bad("rec/a.json").bad("other/b.json").write(
        "mtlint.yaml",
        // The first entry filters rec/a.json whole; the second also matches it, and hides the
        // finding of other/b.json: neither did nothing.
        "ignore:\n  - paths: [\"rec/*.json\"]\n  - rules: [schema/minimum]\n",
    );
    let run = project.run("", &["check", "rec", "other"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
}

#[test]
fn one_file_under_two_spellings_is_checked_once() {
    let project = Project::new();
    project.git("").bad("a.json");
    let other_spelling = format!("../{}/a.json", last(project.root()));
    let run = project.check_json("", &["a.json", "./a.json", &other_spelling]);
    assert_eq!(run.findings().len(), 1, "{run:?}");
    assert_eq!(run.code, 1);
    let files = project.run("", &["check", "--show-files", "a.json", "./a.json", "."]);
    assert_eq!(files.lines(), ["./a.json"]);
}

fn last(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

// 2. Excludes, ignore files, and mtlint's own files.

fn excludes_project() -> Project {
    let project = Project::new();
    project
        .git("")
        .bad("rec/legacy/bad.json")
        .good("rec/new/good.json")
        .write("mtlint.yaml", "exclude: [\"rec/legacy/\"]\n");
    project
}

#[test]
fn the_config_excludes_are_passed_over_in_walks() {
    let project = excludes_project();
    let run = project.check_json("", &["rec"]);
    assert_eq!((run.findings(), run.code), (vec![], 0), "{run:?}");
    // Relative to the configuration's folder, not the working one.
    let run = project.check_json("rec", &["."]);
    assert_eq!((run.findings(), run.code), (vec![], 0), "{run:?}");
    let files = project.run("", &["check", "--show-files", "rec"]);
    assert_eq!(files.lines(), ["rec/new/good.json"]);
}

#[test]
fn exclude_replaces_the_config_excludes_and_extend_exclude_adds() {
    let project = excludes_project();
    let replaced = project.run("", &["check", "--show-files", "--exclude", "other", "rec"]);
    assert_eq!(
        replaced.lines(),
        ["rec/legacy/bad.json", "rec/new/good.json"]
    );
    assert_eq!(
        project.check_json("", &["--exclude", "other", "rec"]).code,
        1
    );
    // `--exclude` with nothing clears them.
    let cleared = project.run("", &["check", "--show-files", "--exclude=", "rec"]);
    assert_eq!(
        cleared.lines(),
        ["rec/legacy/bad.json", "rec/new/good.json"]
    );
    let extended = project.run(
        "",
        &[
            "check",
            "--show-files",
            "--extend-exclude",
            "good.json",
            "rec",
        ],
    );
    assert_eq!(extended.lines(), Vec::<&str>::new());
    // Everything excluded: the gate does not pass on nothing.
    let run = project.run("", &["check", "--extend-exclude", "new", "rec"]);
    assert_eq!(run.code, 2, "{run:?}");
    // An operational error, so in the human format on stderr.
    assert!(
        run.stderr.contains("no recorded responses in this folder"),
        "{run:?}"
    );
}

#[test]
fn a_file_named_on_the_command_line_is_checked_even_if_excluded() {
    let project = excludes_project();
    let run = project.check_json("", &["rec/legacy/bad.json"]);
    assert_eq!(run.findings().len(), 1);
    assert_eq!(run.code, 1);
}

#[test]
fn gitignore_and_ignore_files_are_honoured_in_walks() {
    let project = Project::new();
    project
        .git("")
        .bad("rec/tmp/bad.json")
        .bad("rec/scratch.json")
        .good("rec/good.json")
        .write(".gitignore", "tmp/\n")
        .write("rec/.ignore", "scratch.json\n");
    let files = project.run("", &["check", "--show-files", "rec"]);
    assert_eq!(files.lines(), ["rec/good.json"]);
    assert_eq!(project.check_json("", &["rec"]).code, 0);
    let all = project.run("", &["check", "--show-files", "--no-ignore", "rec"]);
    assert_eq!(
        all.lines(),
        ["rec/good.json", "rec/scratch.json", "rec/tmp/bad.json"]
    );
    assert_eq!(project.check_json("", &["--no-ignore", "rec"]).code, 1);
    // Named: checked, as ripgrep searches a file it is given.
    assert_eq!(project.check_json("", &["rec/tmp/bad.json"]).code, 1);
}

#[test]
fn hidden_and_cache_folders_are_still_passed_over_and_output_is_sorted() {
    let project = Project::new();
    project
        .git("")
        .bad("rec/.hidden/bad.json")
        .bad("rec/target/bad.json")
        .write(
            "rec/target/CACHEDIR.TAG",
            "Signature: 8a477f597d28d172789f06886806bc55\n",
        )
        .good("rec/z.json")
        .good("rec/b/a.json")
        .good("rec/.dot.json");
    let files = project.run("", &["check", "--show-files", "-j", "4", "rec"]);
    assert_eq!(
        files.lines(),
        ["rec/.dot.json", "rec/b/a.json", "rec/z.json"]
    );
}

#[test]
fn the_baseline_and_config_files_are_never_read_as_responses() {
    let project = Project::new();
    project.git("").bad("rec/a.json");
    let write = project.run(
        "",
        &[
            "check",
            "--write-baseline",
            "rec/mtlint-baseline.json",
            "rec",
        ],
    );
    assert_eq!(write.code, 0, "{write:?}");
    // The baseline is JSON, in the walked folder: read as a response it would fail the run.
    let run = project.check_json("", &["--baseline", "rec/mtlint-baseline.json", "rec"]);
    assert_eq!((run.findings(), run.code), (vec![], 0), "{run:?}");
    let again = project.run(
        "",
        &[
            "check",
            "--write-baseline",
            "rec/mtlint-baseline.json",
            "rec",
        ],
    );
    assert_eq!(
        again.stderr,
        "mtlint: wrote 1 finding to rec/mtlint-baseline.json\n"
    );
    // JSON is YAML: a configuration file may be a .json too.
    project.write("rec/settings.json", "{\"fail-on\": \"error\"}\n");
    let files = project.run(
        "",
        &[
            "check",
            "--show-files",
            "--config",
            "rec/settings.json",
            "rec",
        ],
    );
    assert_eq!(files.lines(), ["rec/a.json", "rec/mtlint-baseline.json"]);
}

// 3. Discovery and what a run would use.

#[test]
fn config_discovery_stops_at_the_repository_root_and_at_home() {
    let project = Project::new();
    project
        .write("mtlint.yaml", "rules:\n  schema/minimum: off\n")
        .bad("repo/rec/a.json");
    // No repository: the folder above applies (it is the home folder, the last one looked at).
    assert_eq!(project.check_json("repo", &["rec"]).code, 0);
    project.git("repo");
    let run = project.check_json("repo/rec", &["."]);
    assert_eq!(
        run.code, 1,
        "a configuration above the repository applied: {run:?}"
    );
    let shown = project.run("repo", &["check", "--show-settings"]);
    assert!(shown.stdout.starts_with("config file: none ("), "{shown:?}");
    // Home: set below the configuration, the configuration is out of reach.
    let output = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--format", "json", "."])
        .current_dir(project.root().join("repo/rec"))
        .env("HOME", project.root().join("repo/rec"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn show_settings_prints_the_settings_and_checks_nothing() {
    let project = Project::new();
    project.git("").bad("rec/a.json").write(
        "mtlint.yaml",
        "rules:\n  schema/minimum: warning\n  undocumented-member: off\nignore:\n  - paths: [\"rec/old/**\"]\n    rules: [schema/enum]\nexclude: [\"tmp/\"]\nfail-on: warning\n",
    );
    let run = project.run(
        "rec",
        &[
            "check",
            "--show-settings",
            "--extend-exclude",
            "x/",
            "--ignore",
            "schema/format",
            "missing-path",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    let lines = run.lines();
    // Above the working folder: shown absolute.
    let config_line = format!(
        "config file: {}",
        project.root().join("mtlint.yaml").display()
    );
    for expected in [
        config_line.as_str(),
        "fail-on: warning",
        "exclude (configuration): tmp/",
        "extend-exclude: x/",
        "ignore files (.gitignore, .ignore): honoured",
        "ignore:",
        "  ignore entry 1 (paths: rec/old/**; rules: schema/enum)",
        "rules:",
    ] {
        assert!(
            lines.contains(&expected),
            "{expected:?} missing from:\n{}",
            run.stdout
        );
    }
    let level = |rule: &str| {
        lines
            .iter()
            .find(|l| l.split_whitespace().next() == Some(rule))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or_else(|| panic!("no line for {rule}:\n{}", run.stdout))
    };
    assert_eq!(level("schema/minimum"), "warning");
    assert_eq!(level("undocumented-member"), "off");
    assert_eq!(level("schema/format"), "off");
    assert_eq!(level("schema/enum"), "error");
    assert!(!run.stdout.contains(POINTER), "it checked: {}", run.stdout);
}

#[test]
fn show_files_lists_what_a_run_would_check_and_checks_nothing() {
    let project = Project::new();
    project
        .git("")
        .bad("rec/b.json")
        .good("rec/a.json")
        .write("rec/notes.txt", "x");
    let run = project.run("", &["check", "--show-files", "rec"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.lines(), ["rec/a.json", "rec/b.json"]);
    let missing = project.run("", &["check", "--show-files", "rec", "nowhere"]);
    assert_eq!(missing.code, 2);
    assert_eq!(missing.lines(), ["rec/a.json", "rec/b.json"]);
    assert!(
        missing.stderr.starts_with("mtlint: nowhere: "),
        "{missing:?}"
    );
}

// 4. Did you mean.

#[test]
fn a_misspelt_rule_category_or_operation_gets_a_suggestion() {
    let project = Project::new();
    project.git("").good("a.json");
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas/list-materialized-tables.openapi.yaml")
        .display()
        .to_string();
    for (args, suggestion) in [
        (vec!["explain", "schema/minimun"], "`schema/minimum`"),
        (
            vec!["explain", "version-exceeds-latst"],
            "`version-exceeds-latest`",
        ),
        (
            vec!["check", "--select", "schema/minimun", "a.json"],
            "`schema/minimum`",
        ),
        (
            vec!["check", "--ignore", "corectness", "a.json"],
            "`correctness`",
        ),
        (
            vec![
                "check",
                "--spec",
                &spec,
                "--operation",
                "listSqlv1MaterializedTable",
                "a.json",
            ],
            "`listSqlv1MaterializedTables`",
        ),
    ] {
        let run = project.run("", &args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains(&format!("did you mean {suggestion}?")),
            "{args:?}: {}",
            run.stderr
        );
    }
    for config in [
        "rules:\n  undocumented-membr: off\n",
        "ignore:\n  - rules: [undocumented-membr]\n",
    ] {
        project.write("mtlint.yaml", config);
        let run = project.run("", &["check", "a.json"]);
        assert_eq!(run.code, 2, "{config}");
        assert!(
            run.stderr.contains("did you mean `undocumented-member`?"),
            "{config}: {}",
            run.stderr
        );
    }
    std::fs::remove_file(project.root().join("mtlint.yaml")).unwrap();
    // Nothing close: no guess.
    let run = project.run("", &["explain", "zzzz"]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
}

// 5. Severities and sizes.

#[test]
fn warning_is_spelt_one_way_everywhere() {
    let project = Project::new();
    project.git("").bad("a.json");
    project.write(
        "mtlint.yaml",
        "rules:\n  schema/minimum: warning\nfail-on: warning\n",
    );
    assert_eq!(project.check_json("", &["a.json"]).code, 1);
    project.write("mtlint.yaml", "rules:\n  schema/minimum: warning\n");
    assert_eq!(project.check_json("", &["a.json"]).code, 0);
    assert_eq!(
        project
            .check_json("", &["--fail-on", "warning", "a.json"])
            .code,
        1
    );
    for config in ["rules:\n  schema/minimum: warn\n", "fail-on: warn\n"] {
        project.write("mtlint.yaml", config);
        let run = project.run("", &["check", "a.json"]);
        assert_eq!(run.code, 2, "{config}");
        assert!(run.stderr.contains("`warning`"), "{config}: {}", run.stderr);
    }
    std::fs::remove_file(project.root().join("mtlint.yaml")).unwrap();
    let run = project.run("", &["check", "--fail-on", "warn", "a.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("'warning'"), "{}", run.stderr);
}

#[test]
fn max_file_size_takes_decimal_sizes_and_refuses_nonsense() {
    let project = Project::new();
    project.git("").bad("a.json");
    let size = std::fs::metadata(project.root().join("a.json"))
        .unwrap()
        .len();
    // 3.5K = 3584 bytes and 3.6K = 3686 bytes: the body lies between.
    assert!(
        (3585..=3686).contains(&size),
        "the fixture changed size: {size}"
    );
    let small = project.check_json("", &["--max-file-size", "3.5K", "a.json"]);
    assert_eq!(small.code, 2, "{small:?}");
    assert!(
        small.stdout.contains("--max-file-size (3584 bytes)"),
        "{}",
        small.stdout
    );
    assert_eq!(
        project
            .check_json("", &["--max-file-size", "3.6K", "a.json"])
            .code,
        1
    );
    assert_eq!(
        project
            .check_json("", &["--max-file-size", "1.5M", "a.json"])
            .code,
        1
    );
    for nonsense in ["1.5Q", "0", "-1M", "1..5M", "M", "lots"] {
        let flag = format!("--max-file-size={nonsense}");
        let run = project.run("", &["check", &flag, "a.json"]);
        assert_eq!(run.code, 2, "{nonsense}");
        assert!(run.stdout.is_empty(), "{nonsense}");
        assert!(
            run.stderr.contains("is not a size") || run.stderr.contains("more than 0"),
            "{nonsense}: {}",
            run.stderr
        );
    }
}
