//! Every output format tells the same story: on the whole corpus, the findings of the JSON,
//! SARIF, JUnit, GitHub and concise reports are the same (path, line, column, rule), one for
//! one; and the SARIF log passes Microsoft's SARIF validator with GitHub's rules, when it is
//! installed (`.ci/run` installs it and sets `MTLINT_SARIF_MULTITOOL`).

// A test that cannot run here says so on its output.
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `mtlint check --status-from-path --format FORMAT corpus/` in the workspace root: its stdout.
fn corpus_report(format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .current_dir(root())
        .env_remove("NO_COLOR")
        .args(["check", "--status-from-path", "--format", format, "corpus/"])
        .output()
        .unwrap();
    // The corpus holds a capture that cannot be checked whole: exit 2, whatever the format.
    assert_eq!(
        output.status.code(),
        Some(2),
        "{format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A finding as every format can name it: path, line, column (0 and 0 when it has no place;
/// a column of 0 reads 1, as every format but JSON writes it), rule.
type Key = (String, usize, usize, String);

/// How many findings each key has.
type Findings = BTreeMap<Key, usize>;

fn key(path: &str, line: usize, column: usize, rule: &str) -> Key {
    let path = path.strip_prefix("./").unwrap_or(path).to_string();
    let column = if line == 0 { 0 } else { column.max(1) };
    (path, line, column, rule.to_string())
}

fn count(keys: impl IntoIterator<Item = Key>) -> Findings {
    let mut findings = Findings::new();
    for k in keys {
        *findings.entry(k).or_default() += 1;
    }
    findings
}

fn number(value: &serde_json::Value) -> usize {
    usize::try_from(value.as_u64().unwrap_or(0)).unwrap()
}

fn from_json(text: &str) -> Findings {
    let report: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut keys = Vec::new();
    for file in report["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        for d in file["diagnostics"].as_array().unwrap() {
            keys.push(key(
                path,
                number(&d["line"]),
                number(&d["column"]),
                d["rule"].as_str().unwrap(),
            ));
        }
    }
    count(keys)
}

fn from_sarif(text: &str) -> Findings {
    let log: serde_json::Value = serde_json::from_str(text).unwrap();
    let run = &log["runs"][0];
    count(run["results"].as_array().unwrap().iter().map(|result| {
        let physical = &result["locations"][0]["physicalLocation"];
        let artifact = &physical["artifactLocation"];
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{result}");
        // The corpus's file names need no percent-encoding: the URI is the path.
        let path = artifact["uri"].as_str().unwrap();
        assert!(!path.contains('%'), "{path}");
        key(
            path,
            number(&physical["region"]["startLine"]),
            number(&physical["region"]["startColumn"]),
            result["ruleId"].as_str().unwrap(),
        )
    }))
}

/// `path:line:column[ (entry N)]` or `path`, as the one-line formats write a place.
fn place(text: &str) -> (String, usize, usize) {
    let text = match text.find(" (entry ") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut parts = text.rsplitn(3, ':');
    let (column, line, path) = (parts.next(), parts.next(), parts.next());
    match (
        column.and_then(|c| c.parse().ok()),
        line.and_then(|l| l.parse().ok()),
        path,
    ) {
        (Some(column), Some(line), Some(path)) => (path.to_string(), line, column),
        _ => (text.to_string(), 0, 0),
    }
}

/// Lines `PLACE: SEVERITY RULE: message` (concise, and the finding lines of JUnit).
fn one_line_findings(text: &str, skip_rule: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    for line in text.lines() {
        let Some((at, rest)) = ["error", "warning", "info"].iter().find_map(|severity| {
            let marker = format!(": {severity} ");
            line.find(&marker)
                .map(|i| (&line[..i], &line[i + marker.len()..]))
        }) else {
            continue;
        };
        let Some((rule, _)) = rest.split_once(": ") else {
            continue;
        };
        if rule.contains(' ') || rule == skip_rule {
            continue;
        }
        let (path, line, column) = place(at);
        keys.push(key(&path, line, column, rule));
    }
    keys
}

fn from_concise(text: &str) -> Findings {
    count(one_line_findings(text, "could-not-check"))
}

fn from_junit(text: &str) -> Findings {
    let text = text
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    // Each finding line starts a line of the failure or system-out text (the first one after
    // the element's opening tag).
    let text = text.replace("<system-out>", "\n").replace("\">", "\">\n");
    count(one_line_findings(&text, "could-not-check"))
}

fn from_github(text: &str) -> Findings {
    let unescape = |s: &str| {
        s.replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%")
    };
    let mut keys = Vec::new();
    for line in text.lines() {
        let Some(command) = ["::error ", "::warning ", "::notice "]
            .iter()
            .find_map(|c| line.strip_prefix(c))
        else {
            continue;
        };
        let (properties, _) = command.split_once("::").unwrap();
        let mut fields = BTreeMap::new();
        for property in properties.split(',') {
            let (name, value) = property.split_once('=').unwrap();
            fields.insert(name, unescape(value));
        }
        let title = &fields["title"];
        // Run-level annotations (responses not checked) name no file: they are no finding.
        let Some(file) = fields.get("file") else {
            continue;
        };
        if title.starts_with("mtlint: could not check") {
            continue;
        }
        let rule = title.split(" (entry ").next().unwrap();
        let number = |name: &str| fields.get(name).map_or(0, |v| v.parse().unwrap());
        keys.push(key(file, number("line"), number("col"), rule));
    }
    count(keys)
}

/// Where two counts differ: `key: left vs right`.
fn differences(left: &Findings, right: &Findings) -> Vec<String> {
    let mut keys: Vec<&Key> = left.keys().chain(right.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| left.get(*k) != right.get(*k))
        .map(|k| {
            format!(
                "{k:?}: {} vs {}",
                left.get(k).copied().unwrap_or(0),
                right.get(k).copied().unwrap_or(0)
            )
        })
        .collect()
}

#[test]
fn every_format_carries_the_same_findings_on_the_whole_corpus() {
    let json = from_json(&corpus_report("json"));
    let total: usize = json.values().sum();
    // The corpus has a case for every rule: hundreds of findings, in files of every kind.
    assert!(total > 100, "{total}");
    assert!(json.keys().any(|(path, ..)| path.ends_with(".har")));
    for (format, findings) in [
        ("sarif", from_sarif(&corpus_report("sarif"))),
        ("github", from_github(&corpus_report("github"))),
        ("concise", from_concise(&corpus_report("concise"))),
    ] {
        let differences = differences(&json, &findings);
        assert!(
            differences.is_empty(),
            "json vs {format}: {} differences\n{}",
            differences.len(),
            differences.join("\n")
        );
    }
}

/// JUnit, compared the same way. It reports a file that could not be checked whole as one
/// `<error>` test case and leaves out the findings of the file's other entries
/// (`corpus/captures/har/invalid-entry-without-content.har` has one, `missing-body` in entry 1).
#[test]

fn junit_carries_the_same_findings_on_the_whole_corpus() {
    let json = from_json(&corpus_report("json"));
    let junit = from_junit(&corpus_report("junit"));
    let differences = differences(&json, &junit);
    assert!(
        differences.is_empty(),
        "json vs junit: {} differences\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn the_comparison_itself_sees_a_missing_finding() {
    let concise = corpus_report("concise");
    let all = from_concise(&concise);
    let dropped: String = concise.lines().skip(1).map(|l| format!("{l}\n")).collect();
    let fewer = from_concise(&dropped);
    assert_eq!(differences(&all, &fewer).len(), 1);
    assert_eq!(
        place("a/b.ndjson:3:4 (entry 2)"),
        ("a/b.ndjson".into(), 3, 4)
    );
    assert_eq!(place("a/b.json"), ("a/b.json".into(), 0, 0));
}

/// Microsoft's SARIF validator (`@microsoft/sarif-multitool`, rules `Sarif` and `Gh`: the SARIF
/// specification's and GitHub code scanning's) on the SARIF log of the whole corpus: no error
/// and no warning. Runs only where `MTLINT_SARIF_MULTITOOL` names the validator's executable
/// (`.ci/run` installs it with npm and sets it); a fresh clone without npm skips it, saying so.
#[test]
fn the_corpus_sarif_passes_microsoft_s_validator() {
    let Some(tool) = std::env::var_os("MTLINT_SARIF_MULTITOOL") else {
        println!(
            "not run: MTLINT_SARIF_MULTITOOL is not set (`bash .ci/run` installs the SARIF \
             multitool and sets it)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("corpus.sarif");
    std::fs::write(&log, corpus_report("sarif")).unwrap();
    let mut problems = validate(Path::new(&tool), &log, dir.path());
    // SARIF2005 asks for the tool's `informationUri`. mtlint gives none while its manifest's
    // `repository` is in `.invalid`, the domain reserved never to exist (RFC 2606): a link that
    // leads nowhere is worse than none. A real repository address makes this warning go, and
    // this allowance with it.
    if env!("CARGO_PKG_REPOSITORY").contains(".invalid") {
        problems.retain(|p| !p.contains("Warning_ProvideToolnformationUri"));
    }
    assert!(
        problems.is_empty(),
        "the SARIF multitool finds {} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The validator's errors and warnings about `log` (its notes are advice: left out).
fn validate(tool: &Path, log: &Path, dir: &Path) -> Vec<String> {
    let out = dir.join("validation.sarif");
    let _ = std::fs::remove_file(&out);
    let output = Command::new(tool)
        .arg("validate")
        .args(["--rule-kind", "Sarif;Gh"])
        .arg("--output")
        .arg(&out)
        .arg(log)
        .output()
        .expect("the SARIF multitool runs");
    let report = std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "the SARIF multitool wrote no report: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    let run = &report["runs"][0];
    let mut problems: Vec<String> = Vec::new();
    // A tool that could not read the log says so in a notification, not a result.
    for notification in run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if notification["level"] == "error" {
            problems.push(format!("tool error: {}", notification["message"]["text"]));
        }
    }
    for result in run["results"].as_array().into_iter().flatten() {
        // SARIF's default level is warning.
        let level = result["level"].as_str().unwrap_or("warning");
        if level == "error" || level == "warning" {
            problems.push(format!(
                "{level} {}: {}",
                result["ruleId"].as_str().unwrap_or("?"),
                result["message"]
            ));
        }
    }
    problems
}

/// The validator check fails on a log GitHub would refuse (a result without a location, a rule
/// without descriptions), so its silence on mtlint's log means something.
#[test]
fn the_validator_check_itself_can_fail() {
    let Some(tool) = std::env::var_os("MTLINT_SARIF_MULTITOOL") else {
        println!("not run: MTLINT_SARIF_MULTITOOL is not set");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("bad.sarif");
    std::fs::write(
        &log,
        r#"{"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "r1"}]}},
                      "results": [{"ruleId": "r1", "message": {"text": "m"}}]}]}"#,
    )
    .unwrap();
    assert!(!validate(Path::new(&tool), &log, dir.path()).is_empty());
}
