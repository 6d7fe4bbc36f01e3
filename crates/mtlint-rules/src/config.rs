//! Configuration: `mtlint.yaml` plus command-line overrides, resolved against the registry.
//!
//! ```yaml
//! # mtlint.yaml
//! rules:
//!   undocumented-member: off       # off | info | warning | error
//!   schema/format: warning
//! ignore:
//!   - paths: ["recordings/legacy/**"]
//!     rules: [schema/format]        # omitted: every rule
//!     pointer: /data/0/metadata     # omitted: everywhere; else this pointer and below
//! fail-on: warning                  # error (default) | warning | info
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::Diagnostic as MietteDiagnostic;
use mtlint_schema::Severity;
use serde::Deserialize;
use thiserror::Error;

use crate::registry::{self, Entry};

/// The configuration file's name, looked up from the working directory upwards.
pub const CONFIG_FILE: &str = "mtlint.yaml";

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Disabled.
    Off,
    /// Enabled as info.
    Info,
    /// Enabled as warning.
    #[serde(alias = "warn")]
    Warning,
    /// Enabled as error.
    Error,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// One `ignore:` entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// Path globs (relative to the config file's folder); empty: every file.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Rule names (or aliases, or `schema/` style prefixes); empty: every rule.
    #[serde(default)]
    pub rules: Vec<String>,
    /// A pointer prefix; findings at it or below are ignored.
    #[serde(default)]
    pub pointer: Option<String>,
}

/// The configuration file's contents.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Per-rule levels.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Ignores by path, rule and pointer.
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
    /// The lowest severity that fails the run.
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// Where the file was read from (set by [`Config::load`]).
    #[serde(skip)]
    pub root: Option<PathBuf>,
}

/// A configuration that cannot be used.
#[derive(Debug, Error, MietteDiagnostic)]
pub enum ConfigError {
    /// Unreadable file.
    #[error("cannot read config {path}: {source}")]
    #[diagnostic(code(mtlint::config::io))]
    Io {
        /// The file.
        path: String,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// Not the expected YAML.
    #[error("invalid config {path}: {message}")]
    #[diagnostic(code(mtlint::config::parse))]
    Parse {
        /// The file.
        path: String,
        /// The parser's message with its line and column.
        message: String,
    },
    /// A rule name that no rule has.
    #[error("unknown rule {name:?} in {place}")]
    #[diagnostic(code(mtlint::config::rule), help("`mtlint rules` lists them"))]
    UnknownRule {
        /// The name given.
        name: String,
        /// Where it was given.
        place: String,
    },
    /// A path glob that does not parse.
    #[error("invalid path glob {glob:?}: {message}")]
    #[diagnostic(code(mtlint::config::glob))]
    Glob {
        /// The glob.
        glob: String,
        /// Why.
        message: String,
    },
}

impl Config {
    /// Finds `mtlint.yaml` in `start` or the nearest folder above it.
    #[must_use]
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(CONFIG_FILE))
            .find(|candidate| candidate.is_file())
    }

    /// Reads and parses a configuration file.
    ///
    /// # Errors
    /// Unreadable or invalid YAML, unknown keys.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: shown.clone(),
            source,
        })?;
        let mut config = Self::parse(&text, &shown)?;
        config.root = path.parent().map(Path::to_path_buf);
        Ok(config)
    }

    /// Parses configuration text.
    ///
    /// # Errors
    /// Invalid YAML or unknown keys.
    pub fn parse(text: &str, shown: &str) -> Result<Self, ConfigError> {
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        serde_yaml::from_str(text).map_err(|e| ConfigError::Parse {
            path: shown.to_string(),
            message: e.to_string(),
        })
    }
}

/// Command-line overrides.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--select`: only these rules (names, aliases, prefixes such as `schema/`, or categories).
    pub select: Vec<String>,
    /// `--ignore`: not these.
    pub ignore: Vec<String>,
}

/// The effective settings: each registry rule's severity (or off), and the ignores.
#[derive(Debug, Clone)]
pub struct Settings {
    levels: BTreeMap<&'static str, Option<Severity>>,
    ignores: Vec<CompiledIgnore>,
    /// The lowest severity that fails the run (default error).
    pub fail_on: Severity,
}

#[derive(Debug, Clone)]
struct CompiledIgnore {
    paths: Option<GlobSet>,
    rules: Vec<&'static str>,
    pointer: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self::resolve(&Config::default(), &Overrides::default()).expect("defaults are valid")
    }
}

/// Whether a selector (name, alias, `prefix/`, or category) picks a registry entry.
fn selects(selector: &str, entry: &Entry) -> bool {
    let meta = entry.meta();
    selector == meta.name
        || meta.aliases.contains(&selector)
        || selector == meta.category.as_str()
        || selector == "all"
        || (selector.ends_with('/') && meta.name.starts_with(selector))
}

fn expand(selector: &str, place: &str) -> Result<Vec<&'static str>, ConfigError> {
    let names: Vec<&'static str> = registry::all()
        .iter()
        .filter(|e| selects(selector, e))
        .map(|e| e.meta().name)
        .collect();
    if names.is_empty() {
        return Err(ConfigError::UnknownRule {
            name: selector.to_string(),
            place: place.to_string(),
        });
    }
    Ok(names)
}

impl Settings {
    /// Resolves a configuration and command-line overrides against the registry.
    ///
    /// # Errors
    /// Unknown rule names, invalid globs.
    pub fn resolve(config: &Config, overrides: &Overrides) -> Result<Self, ConfigError> {
        let mut levels: BTreeMap<&'static str, Option<Severity>> = registry::all()
            .iter()
            .map(|e| (e.meta().name, Some(e.meta().default_severity)))
            .collect();
        for (selector, level) in &config.rules {
            for name in expand(selector, "rules")? {
                levels.insert(name, level.severity());
            }
        }
        if !overrides.select.is_empty() {
            let mut chosen = Vec::new();
            for selector in &overrides.select {
                chosen.extend(expand(selector, "--select")?);
            }
            for (name, level) in &mut levels {
                if !chosen.contains(name) {
                    *level = None;
                }
            }
        }
        for selector in &overrides.ignore {
            for name in expand(selector, "--ignore")? {
                levels.insert(name, None);
            }
        }
        let mut ignores = Vec::new();
        for entry in &config.ignore {
            let paths = if entry.paths.is_empty() {
                None
            } else {
                let mut builder = GlobSetBuilder::new();
                for glob in &entry.paths {
                    builder.add(Glob::new(glob).map_err(|e| ConfigError::Glob {
                        glob: glob.clone(),
                        message: e.to_string(),
                    })?);
                }
                Some(builder.build().map_err(|e| ConfigError::Glob {
                    glob: entry.paths.join(", "),
                    message: e.to_string(),
                })?)
            };
            let mut rules = Vec::new();
            for selector in &entry.rules {
                rules.extend(expand(selector, "ignore")?);
            }
            ignores.push(CompiledIgnore {
                paths,
                rules,
                pointer: entry.pointer.clone(),
            });
        }
        Ok(Self {
            levels,
            ignores,
            fail_on: config.fail_on.unwrap_or(Severity::Error),
        })
    }

    /// A rule's effective severity; `None` when it is off. Names outside the registry (a schema
    /// keyword only a user's spec uses) are on, as errors.
    #[must_use]
    pub fn level(&self, rule: &str) -> Option<Severity> {
        match self.levels.get(rule) {
            Some(level) => *level,
            None => registry::canonical(rule)
                .and_then(|name| self.levels.get(name).copied().flatten())
                .or(Some(Severity::Error)),
        }
    }

    /// Whether a finding of `rule` at `pointer` in file `path` (relative to the config root) is
    /// ignored by configuration.
    #[must_use]
    pub fn is_ignored(&self, path: &Path, rule: &str, pointer: &str) -> bool {
        self.ignores.iter().any(|ignore| {
            ignore.paths.as_ref().is_none_or(|set| set.is_match(path))
                && (ignore.rules.is_empty() || ignore.rules.contains(&rule))
                && ignore.pointer.as_deref().is_none_or(|prefix| {
                    pointer == prefix
                        || (pointer.starts_with(prefix)
                            && pointer.as_bytes().get(prefix.len()) == Some(&b'/'))
                })
        })
    }

    /// Whether configuration ignores every finding in file `path` (an entry that matches it
    /// and names neither rules nor a pointer below the root): its responses need no checking.
    #[must_use]
    pub fn ignores_every_finding_in(&self, path: &Path) -> bool {
        self.ignores.iter().any(|ignore| {
            ignore.paths.as_ref().is_none_or(|set| set.is_match(path))
                && ignore.rules.is_empty()
                && ignore.pointer.as_deref().is_none_or(str::is_empty)
        })
    }

    /// Whether any ignore entry names paths (so the caller knows to pass real paths).
    #[must_use]
    pub fn has_path_ignores(&self) -> bool {
        self.ignores.iter().any(|i| i.paths.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A renamed rule: its former name still selects it (as ruff's redirects do).
    static RENAMED: crate::RuleMeta = crate::RuleMeta {
        name: "version-ahead-of-latest",
        aliases: &["version-exceeds-latest-old"],
        category: crate::Category::Correctness,
        default_severity: Severity::Error,
        docs: "A test rule.",
        hooks: crate::Hooks::NONE,
        only_with_user_spec: false,
    };

    #[test]
    fn former_names_prefixes_and_categories_select() {
        let entry = Entry::Schema(&RENAMED);
        for selector in [
            "version-ahead-of-latest",
            "version-exceeds-latest-old",
            "correctness",
            "all",
        ] {
            assert!(selects(selector, &entry), "{selector}");
        }
        for selector in ["version", "suspicious", "schema/", "version-exceeds-latest"] {
            assert!(!selects(selector, &entry), "{selector}");
        }
    }

    #[test]
    fn levels_select_ignore_and_pointer_prefixes() {
        let config = Config::parse(
            "rules:\n  schema/format: warning\nignore:\n  - paths: ['legacy/**']\n    pointer: /data/0\nfail-on: warning\n",
            "t",
        )
        .unwrap();
        let settings = Settings::resolve(&config, &Overrides::default()).unwrap();
        assert_eq!(settings.level("schema/format"), Some(Severity::Warning));
        assert_eq!(settings.level("schema/enum"), Some(Severity::Error));
        assert_eq!(settings.fail_on, Severity::Warning);
        assert!(settings.is_ignored(Path::new("legacy/a.json"), "schema/enum", "/data/0/name"));
        assert!(!settings.is_ignored(Path::new("legacy/a.json"), "schema/enum", "/data/01"));
        assert!(!settings.is_ignored(Path::new("new/a.json"), "schema/enum", "/data/0"));

        let only_schema = Settings::resolve(
            &Config::default(),
            &Overrides {
                select: vec!["schema/".into()],
                ignore: vec!["schema/format".into()],
            },
        )
        .unwrap();
        assert_eq!(only_schema.level("schema/enum"), Some(Severity::Error));
        assert_eq!(only_schema.level("schema/format"), None);
        assert_eq!(only_schema.level("version-exceeds-latest"), None);
    }

    #[test]
    fn only_an_entry_without_rules_or_pointer_ignores_a_whole_file() {
        let settings = |yaml: &str| {
            Settings::resolve(&Config::parse(yaml, "t").unwrap(), &Overrides::default()).unwrap()
        };
        let whole = settings("ignore:\n  - paths: ['legacy/**']\n");
        assert!(whole.ignores_every_finding_in(Path::new("legacy/a.json")));
        assert!(!whole.ignores_every_finding_in(Path::new("new/a.json")));
        for partial in [
            "ignore:\n  - paths: ['legacy/**']\n    rules: [schema/enum]\n",
            "ignore:\n  - paths: ['legacy/**']\n    pointer: /data\n",
        ] {
            assert!(
                !settings(partial).ignores_every_finding_in(Path::new("legacy/a.json")),
                "{partial}"
            );
        }
    }

    #[test]
    fn unknown_rules_and_keys_are_errors() {
        assert!(Settings::resolve(
            &Config::parse("rules:\n  no-such-rule: off\n", "t").unwrap(),
            &Overrides::default()
        )
        .is_err());
        assert!(Config::parse("rulez: {}\n", "t").is_err());
    }
}
