//! `mtlint check --show-settings`: the settings a run would use, for a person to read.

use std::fmt::Write as _;
use std::path::Path;

use mtlint_rules::{Config, Settings};

use crate::args::CheckArgs;

/// The configuration file used (or why none), the severity that fails a run, the excludes, the
/// ignore entries and each rule's effective level, one setting a line.
#[must_use]
pub fn describe(args: &CheckArgs, config: &Config, settings: &Settings, cwd: &Path) -> String {
    let mut text = String::new();
    let shown = |path: &Path| path.strip_prefix(cwd).unwrap_or(path).display().to_string();
    let config_file = match &config.file {
        Some(file) => shown(file),
        None if args.no_config => "none (--no-config)".to_string(),
        None => format!(
            "none (no {} from this folder up to the repository's root or the home folder)",
            mtlint_rules::CONFIG_FILE
        ),
    };
    let _ = writeln!(text, "config file: {config_file}");
    let _ = writeln!(text, "fail-on: {}", settings.fail_on);
    let _ = writeln!(text, "max-file-size: {} bytes", args.max_file_size);
    let list = |patterns: &[String]| {
        if patterns.is_empty() {
            "(none)".to_string()
        } else {
            patterns.join(", ")
        }
    };
    match &args.exclude {
        Some(patterns) => {
            let _ = writeln!(text, "exclude (--exclude): {}", list(patterns));
        }
        None => {
            let _ = writeln!(text, "exclude (configuration): {}", list(&config.exclude));
        }
    }
    let _ = writeln!(text, "extend-exclude: {}", list(&args.extend_exclude));
    let _ = writeln!(
        text,
        "ignore files (.gitignore, .ignore): {}",
        if args.no_ignore {
            "not honoured (--no-ignore)"
        } else {
            "honoured"
        }
    );
    let ignores: Vec<&str> = settings.ignores().collect();
    if ignores.is_empty() {
        let _ = writeln!(text, "ignore: (none)");
    } else {
        let _ = writeln!(text, "ignore:");
        for entry in ignores {
            let _ = writeln!(text, "  {entry}");
        }
    }
    let _ = writeln!(text, "rules:");
    let width = settings
        .levels()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    for (name, level) in settings.levels() {
        let level = level.map_or("off", |severity| severity.as_str());
        let _ = writeln!(text, "  {name:width$}  {level}");
    }
    text
}
