//! `mtlint gen`'s manifest is what a client test relies on: each listed sample exists, the
//! folder holds nothing it does not list, and a default `mtlint check` of each file says what
//! its `default_check` column says. Also: a folder that is not empty is refused unless
//! `--force`, which replaces only what a previous run wrote, and out-of-range options are
//! refused rather than clamped.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mtlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .output()
        .expect("mtlint runs")
}

fn gen(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["gen", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    mtlint(&args)
}

fn files_under(dir: &Path, root: &Path, out: &mut BTreeSet<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, root, out);
        } else {
            out.insert(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

/// One manifest line.
struct Row {
    file: String,
    verdict: String,
    default_check: String,
    rule: String,
    severity: String,
}

fn manifest(out: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(out.join("manifest.tsv")).expect("a manifest");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file\tstatus\tverdict\tdefault_check\tmutation\trule\tseverity")
    );
    lines
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let field = |i: usize| f.get(i).copied().unwrap_or("").to_string();
            Row {
                file: field(0),
                verdict: field(2),
                default_check: field(3),
                rule: field(5),
                severity: field(6),
            }
        })
        .collect()
}

#[test]
fn a_default_check_of_each_sample_says_what_the_manifest_says() {
    let (mut fail, mut pass, mut invalid_but_passing) = (0, 0, 0);
    for (format, count) in [
        ("json", "40"),
        ("envelope", "25"),
        ("ndjson", "25"),
        ("har", "25"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("corpus");
        let output = gen(
            &out,
            &[
                "--count",
                count,
                "--seed",
                "11",
                "--format",
                format,
                "--max-items",
                "4",
            ],
        );
        assert!(output.status.success(), "{output:?}");
        let rows = manifest(&out);
        assert_eq!(rows.len(), count.parse::<usize>().unwrap(), "{format}");

        // The manifest accounts for every file in the folder, and every file it lists exists.
        let mut listed = BTreeSet::from([PathBuf::from("manifest.tsv")]);
        for row in &rows {
            listed.insert(PathBuf::from(&row.file));
            if row.verdict == "invalid" {
                listed.insert(PathBuf::from(&row.file).with_extension("mutation"));
            }
        }
        let mut found = BTreeSet::new();
        files_under(&out, &out, &mut found);
        assert_eq!(found, listed, "{format}");

        for row in &rows {
            // A default check fails on errors only.
            let expected = if row.verdict == "invalid" && row.severity == "error" {
                "fail"
            } else {
                "pass"
            };
            assert_eq!(row.default_check, expected, "{format}: {}", row.file);
            assert!(
                (row.verdict == "valid") == row.rule.is_empty(),
                "{format}: {}",
                row.file
            );
            let path = out.join(&row.file);
            let path = path.to_str().unwrap();
            // A raw body's status is its folder's name; the captures carry theirs.
            let check = if format == "json" {
                mtlint(&["check", "--no-config", "--status-from-path", path])
            } else {
                mtlint(&["check", "--no-config", path])
            };
            let code = check.status.code();
            let want = if expected == "fail" { 1 } else { 0 };
            assert_eq!(
                code,
                Some(want),
                "{format}: {} ({} {}): {}",
                row.file,
                row.rule,
                row.severity,
                String::from_utf8_lossy(&check.stdout)
            );
            match (expected, row.verdict.as_str()) {
                ("fail", _) => fail += 1,
                ("pass", "valid") => pass += 1,
                _ => invalid_but_passing += 1,
            }
        }
    }
    assert!(fail >= 40 && pass >= 30, "{fail} failing, {pass} passing");
    // Warnings (a missing documented header, an epoch-looking reset) exist in the captures.
    assert!(
        invalid_but_passing >= 1,
        "no invalid sample below error severity"
    );
}

#[test]
fn a_folder_that_is_not_empty_is_refused_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    std::fs::write(out.join("mine.json"), "{}").unwrap();
    let output = gen(out, &["--count", "3"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is not empty"),
        "{output:?}"
    );
    // --force does not delete what mtlint gen did not write.
    let output = gen(out, &["--count", "3", "--force"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("holds no manifest"),
        "{output:?}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("mine.json")).unwrap(),
        "{}"
    );
    let mut found = BTreeSet::new();
    files_under(out, out, &mut found);
    assert_eq!(found, BTreeSet::from([PathBuf::from("mine.json")]));
}

#[test]
fn force_replaces_a_previous_corpus_and_only_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let out_str = out.to_str().unwrap();
    assert!(gen(&out, &["--count", "20", "--seed", "1"])
        .status
        .success());
    let again = gen(&out, &["--count", "5", "--seed", "2"]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    assert_eq!(manifest(&out).len(), 20, "the refused run changed nothing");

    // Replaced: exactly the new run's files remain, as a fresh folder would hold them.
    assert!(gen(&out, &["--count", "5", "--seed", "2", "--force"])
        .status
        .success());
    let fresh = dir.path().join("fresh");
    assert!(gen(&fresh, &["--count", "5", "--seed", "2"])
        .status
        .success());
    let (mut replaced, mut new) = (BTreeSet::new(), BTreeSet::new());
    files_under(&out, &out, &mut replaced);
    files_under(&fresh, &fresh, &mut new);
    assert_eq!(replaced, new);
    for file in &new {
        assert_eq!(
            std::fs::read(out.join(file)).unwrap(),
            std::fs::read(fresh.join(file)).unwrap(),
            "{}",
            file.display()
        );
    }

    // A file of the user's among the samples: refused, nothing deleted.
    let first = PathBuf::from(&manifest(&out)[0].file);
    let note = out.join(first.parent().unwrap()).join("notes.txt");
    std::fs::write(&note, "mine").unwrap();
    let output = mtlint(&["gen", "--out", out_str, "--count", "5", "--force"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(note.is_file());
    assert!(out.join(&first).is_file(), "nothing was deleted");
}

#[test]
fn out_of_range_options_are_refused_not_clamped() {
    let dir = tempfile::tempdir().unwrap();
    for (args, says) in [
        (vec!["--count", "0"], "--count 0"),
        (vec!["--invalid-ratio", "1.5"], "--invalid-ratio 1.5"),
        (vec!["--invalid-ratio=-0.1"], "--invalid-ratio -0.1"),
        (vec!["--invalid-ratio", "NaN"], "--invalid-ratio NaN"),
        (vec!["--max-items", "101"], "--max-items 101"),
        (vec!["--max-items", "0"], "--max-items 0"),
        (vec!["--status", "418"], "status 418"),
        (vec!["--status", "429"], "429"),
    ] {
        let out = dir.path().join("never");
        let output = gen(&out, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(says),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!out.exists(), "{args:?}: wrote {}", out.display());
    }
    // The bounds themselves are in range.
    for args in [
        vec!["--count", "1", "--max-items", "100"],
        vec!["--count", "1", "--max-items", "1", "--invalid-ratio", "1"],
    ] {
        let out = dir.path().join(args.join("_"));
        let output = gen(&out, &args);
        assert!(output.status.success(), "{args:?}: {output:?}");
    }
}
