//! The README's examples run as written. Every `$ ...` line of its `console` blocks runs through
//! `sh`, in README order, in a scratch folder that holds the repository's `corpus/` and
//! `schemas/` (so `mtlint gen --out gen/` and `> mtlint.sarif` write there, not into the
//! repository), with the binary under test first on `PATH`. The line after a command may be
//! `? N`, the exit code it must give (none: 0); the lines after that, when there are any, are
//! the exact stdout it must print. An `mtlint` command in any other kind of block fails the test:
//! it would not be run.
//!
//! Not `trycmd`: its markdown cases run one program without a shell, so the README's pipes
//! (`cat x | mtlint check -`), redirections (`> mtlint.sarif`, `< a.json`) and commands that
//! write files (`mtlint gen`, baselines) could not be shown as a user types them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One example: the command line, the exit code the README gives, and the stdout it shows.
#[derive(Debug)]
struct Example {
    line: usize,
    command: String,
    code: i32,
    stdout: Option<String>,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The examples of the `console` blocks, and the `mtlint` lines found in other blocks.
fn examples(readme: &str) -> (Vec<Example>, Vec<String>) {
    let mut examples: Vec<Example> = Vec::new();
    let mut elsewhere = Vec::new();
    let mut block: Option<String> = None;
    for (index, line) in readme.lines().enumerate() {
        if let Some(fence) = line.strip_prefix("```") {
            block = match block {
                Some(_) => None,
                None => Some(fence.trim().to_string()),
            };
            continue;
        }
        match block.as_deref() {
            Some("console") => {
                if let Some(command) = line.strip_prefix("$ ") {
                    examples.push(Example {
                        line: index + 1,
                        command: command.to_string(),
                        code: 0,
                        stdout: None,
                    });
                } else if let Some(example) = examples.last_mut() {
                    match (line.strip_prefix("? "), &mut example.stdout) {
                        (Some(code), None) => {
                            example.code = code.trim().parse().expect("`? N` takes a number");
                            example.stdout = Some(String::new());
                        }
                        (_, Some(stdout)) => {
                            stdout.push_str(line);
                            stdout.push('\n');
                        }
                        (_, None) => example.stdout = Some(format!("{line}\n")),
                    }
                }
            }
            Some(_) if line.trim_start().starts_with("mtlint ") => {
                elsewhere.push(format!("README.md:{}: {line}", index + 1));
            }
            _ => {}
        }
    }
    for example in &mut examples {
        if example.stdout.as_deref() == Some("") {
            example.stdout = None;
        }
    }
    (examples, elsewhere)
}

#[cfg(unix)]
#[test]
fn every_readme_example_gives_what_the_readme_says() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let (examples, elsewhere) = examples(&readme);
    assert!(
        elsewhere.is_empty(),
        "mtlint commands outside console blocks are never run: {elsewhere:#?}"
    );
    assert!(
        examples.len() >= 15,
        "only {} examples found",
        examples.len()
    );

    let scratch = tempfile::tempdir().unwrap();
    for shared in ["corpus", "schemas"] {
        std::os::unix::fs::symlink(
            repo().join(shared).canonicalize().unwrap(),
            scratch.path().join(shared),
        )
        .unwrap();
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_mtlint")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();

    let mut failures = Vec::new();
    for example in &examples {
        let output = Command::new("sh")
            .args(["-c", &example.command])
            .current_dir(scratch.path())
            .env("PATH", &path)
            .env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        if output.status.code() != Some(example.code) {
            failures.push(format!(
                "README.md:{}: `{}` exits {:?}, the README says {}\n{}",
                example.line,
                example.command,
                output.status.code(),
                example.code,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        if let Some(expected) = &example.stdout {
            if stdout != expected.as_str() {
                failures.push(format!(
                    "README.md:{}: `{}` prints\n{stdout}\nthe README shows\n{expected}",
                    example.line, example.command
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_parser_reads_commands_codes_and_output() {
    let readme = "```console\n$ mtlint a\n? 1\nout\n$ mtlint b\n$ mtlint c\nshown\n```\n\
                  ```sh\nmtlint d\ncargo test\n```\n";
    let (examples, elsewhere) = examples(readme);
    let got: Vec<(&str, i32, Option<&str>)> = examples
        .iter()
        .map(|e| (e.command.as_str(), e.code, e.stdout.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("mtlint a", 1, Some("out\n")),
            ("mtlint b", 0, None),
            ("mtlint c", 0, Some("shown\n")),
        ]
    );
    assert_eq!(elsewhere, ["README.md:10: mtlint d"]);
}
