//! `--status-from-path`: the README's main job checks each corpus folder with its own status.

use std::process::Command;

mod common;

#[test]
fn corpus_folders_give_their_status() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let output = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .current_dir(&root)
        .args([
            "check",
            "--no-config",
            "--status-from-path",
            "--format",
            "json",
        ])
        .args([
            "corpus/200",
            "corpus/400",
            "corpus/401",
            "corpus/403",
            "corpus/404",
            "corpus/500",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let run = common::json_report(&String::from_utf8(output.stdout).unwrap());
    let mut seen = 0;
    for file in run["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let verdict = file["verdict"].as_str().unwrap();
        let errors = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count();
        if path.contains("/valid-") {
            // Read as the status of their folder, the seed's own error examples are valid.
            assert_eq!((verdict, errors), ("pass", 0), "{path}");
        } else {
            // Every invalid case has its one finding (a warning for the suspicious rules).
            assert!(
                !file["diagnostics"].as_array().unwrap().is_empty(),
                "{path}"
            );
        }
        seen += 1;
    }
    assert!(seen >= 150, "{seen} files");
}
