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
//! exclude: ["recordings/tmp/"]      # folder walks pass over these (.gitignore syntax)
//! fail-on: warning                  # error (default) | warning | info
//! ```
//!
//! Path globs are matched against the file's path relative to the folder holding the
//! configuration file, however the file was named on the command line.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::Diagnostic as MietteDiagnostic;
use mtlint_schema::Severity;
use serde::Deserialize;
use thiserror::Error;

use crate::registry::{self, Entry};

/// The configuration file's name, looked up from the working directory upwards.
pub const CONFIG_FILE: &str = "mtlint.yaml";

/// A rule's configured level: `off` or a severity, spelt as reports spell it (`warning`, never
/// `warn`), as `fail-on` and `--fail-on` spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Level {
    /// Disabled.
    Off,
    /// Enabled as info.
    Info,
    /// Enabled as warning.
    Warning,
    /// Enabled as error.
    Error,
}

impl TryFrom<String> for Level {
    type Error = String;

    /// A level is a word; anything else (a number, a list) is told what the words are.
    fn try_from(word: String) -> Result<Self, String> {
        match word.as_str() {
            "off" => Ok(Level::Off),
            "info" => Ok(Level::Info),
            "warning" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            other => Err(format!(
                "unknown level {other:?}, expected one of `off`, `info`, `warning`, `error`"
            )),
        }
    }
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
    /// Paths folder walks pass over, in `.gitignore` syntax, relative to the config's folder.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The lowest severity that fails the run.
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// The file this configuration was read from, absolute (set by [`Config::from_file_text`]).
    #[serde(skip)]
    pub file: Option<PathBuf>,
    /// The folder of that file, absolute: path globs are relative to it.
    #[serde(skip)]
    pub root: Option<PathBuf>,
}

/// A configuration that cannot be used.
#[derive(Debug, Error, MietteDiagnostic)]
pub enum ConfigError {
    /// Not the expected YAML.
    #[error("invalid config {path}: {message}")]
    #[diagnostic(code(mtlint::config::parse))]
    Parse {
        /// The file.
        path: String,
        /// The parser's message with its line and column, quoting at most a short excerpt of
        /// the file.
        message: String,
    },
    /// A rule name that no rule has.
    #[error("unknown rule {name:?} in {place}")]
    #[diagnostic(code(mtlint::config::rule), help("{hint}"))]
    UnknownRule {
        /// The name given.
        name: String,
        /// Where it was given.
        place: String,
        /// The closest selector, if one is close, and where the others are listed.
        hint: String,
    },
    /// An ignore entry's pointer that is not an RFC 6901 JSON pointer.
    #[error("ignore entry {entry}: pointer {pointer:?} is not a JSON pointer (RFC 6901: empty, or starting with '/')")]
    #[diagnostic(
        code(mtlint::config::pointer),
        help("write it from the body's root: \"/{pointer}\"")
    )]
    Pointer {
        /// The entry's number (1-based, as `--show-settings` counts them).
        entry: usize,
        /// The pointer given.
        pointer: String,
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
    /// Finds `mtlint.yaml` in `start` (an absolute folder) or the nearest folder above it,
    /// looking no higher than the repository's root (the folder holding `.git`) or `home`, so
    /// that a configuration outside the project never applies to it by accident. Anything by
    /// that name but a folder is found (a FIFO, a broken link): reading it then says what is
    /// wrong, where passing over it would silently apply another configuration.
    #[must_use]
    pub fn discover(start: &Path, home: Option<&Path>) -> Option<PathBuf> {
        for dir in start.ancestors() {
            let candidate = dir.join(CONFIG_FILE);
            let exists = candidate.symlink_metadata().is_ok();
            let folder = candidate.metadata().is_ok_and(|metadata| metadata.is_dir());
            if exists && !folder {
                return Some(candidate);
            }
            if dir.join(".git").exists() || home == Some(dir) {
                return None;
            }
        }
        None
    }

    /// Parses the text of the configuration file at `path`, which the caller has read (with
    /// its own limits: a FIFO or a device must not be read forever), and remembers the file.
    ///
    /// # Errors
    /// Invalid YAML, unknown keys.
    pub fn from_file_text(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let mut config = Self::parse(text, &path.display().to_string())?;
        let file = absolute(path);
        config.root = file.parent().map(Path::to_path_buf);
        config.file = Some(file);
        Ok(config)
    }

    /// Parses configuration text. The parser's message quotes the file's own text (a scalar
    /// where a mapping was expected, an unknown key): only its first line is kept, each quoted
    /// run is cut to 80 characters and control characters are escaped, so a file
    /// that is no configuration at all (a key, a `.env`) is never shown beyond a short excerpt.
    ///
    /// # Errors
    /// Invalid YAML or unknown keys.
    pub fn parse(text: &str, shown: &str) -> Result<Self, ConfigError> {
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        serde_yaml::from_str(text).map_err(|e| ConfigError::Parse {
            path: shown.to_string(),
            message: excerpt(&e.to_string()),
        })
    }
}

/// The most characters of a file's own text that a configuration error quotes in one run.
const QUOTED_MAX: usize = 80;

/// `message`'s first line with each run between `"` or backticks cut to [`QUOTED_MAX`]
/// characters (an ellipsis marks the cut) and control characters escaped.
fn excerpt(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let (mut quoted, mut escaped) = (0, false);
    for c in line.chars() {
        match quote {
            Some(close) if c == close && !escaped => quote = None,
            Some(_) => {
                escaped = c == '\\' && !escaped;
                quoted += 1;
                if quoted == QUOTED_MAX + 1 {
                    out.push('…');
                }
                if quoted > QUOTED_MAX {
                    continue;
                }
            }
            None if c == '"' || c == '`' => {
                quote = Some(c);
                (quoted, escaped) = (0, false);
            }
            None => {}
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
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
    root: Option<PathBuf>,
    /// The lowest severity that fails the run (default error).
    pub fail_on: Severity,
}

#[derive(Debug, Clone)]
struct CompiledIgnore {
    paths: Option<GlobSet>,
    rules: Vec<&'static str>,
    pointer: Option<String>,
    shown: String,
    used: Used,
}

impl CompiledIgnore {
    /// Whether the entry applies to file `path`: it names no paths, or one of its globs
    /// matches.
    fn covers(&self, path: &Path) -> bool {
        self.paths.as_ref().is_none_or(|set| set.is_match(path))
    }
}

/// Whether an ignore entry has hidden a finding yet; set from every worker thread.
#[derive(Debug, Default)]
struct Used(AtomicBool);

impl Clone for Used {
    fn clone(&self) -> Self {
        Self(AtomicBool::new(self.0.load(Ordering::Relaxed)))
    }
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

/// Every selector the registry answers to: names, former names, categories, `all`, and the
/// `prefix/` of each prefixed name.
#[must_use]
pub fn selectors() -> Vec<&'static str> {
    let mut all = vec!["all"];
    for entry in registry::all() {
        let meta = entry.meta();
        all.push(meta.name);
        all.extend(meta.aliases);
        all.push(meta.category.as_str());
        if let Some(slash) = meta.name.find('/') {
            all.push(&meta.name[..=slash]);
        }
    }
    all.sort_unstable();
    all.dedup();
    all
}

/// The candidate closest to `given`, when one is close enough to be what was meant: the test
/// clap uses for its own "a similar value exists" (Jaro similarity above 0.7).
#[must_use]
pub fn did_you_mean<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro(given, candidate), candidate))
        .filter(|(confidence, _)| *confidence > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn expand(selector: &str, place: &str) -> Result<Vec<&'static str>, ConfigError> {
    let names: Vec<&'static str> = registry::all()
        .iter()
        .filter(|e| selects(selector, e))
        .map(|e| e.meta().name)
        .collect();
    if names.is_empty() {
        let hint = match did_you_mean(selector, selectors()) {
            Some(close) => format!("did you mean `{close}`? `mtlint rules` lists every rule"),
            None => "`mtlint rules` lists every rule".to_string(),
        };
        return Err(ConfigError::UnknownRule {
            name: selector.to_string(),
            place: place.to_string(),
            hint,
        });
    }
    Ok(names)
}

/// `path` made absolute against the working folder and [`normalize`]d, so that `rec/a.json`,
/// `./rec/a.json` and `../p/rec/a.json` are one path.
#[must_use]
pub fn absolute(path: &Path) -> PathBuf {
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// `path` with `.` and `..` taken out by reading the path alone, as ruff does: the file system
/// is not asked, so the file need not exist.
#[must_use]
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // `/..` is `/`.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

/// How an ignore entry is shown to the user: its number in the file and what it names.
fn describe(number: usize, entry: &IgnoreEntry) -> String {
    let mut parts = Vec::new();
    if !entry.paths.is_empty() {
        parts.push(format!("paths: {}", entry.paths.join(", ")));
    }
    if !entry.rules.is_empty() {
        parts.push(format!("rules: {}", entry.rules.join(", ")));
    }
    if let Some(pointer) = &entry.pointer {
        parts.push(format!("pointer: {pointer}"));
    }
    if parts.is_empty() {
        parts.push("every finding".to_string());
    }
    format!("ignore entry {number} ({})", parts.join("; "))
}

fn compile_globs(globs: &[String]) -> Result<Option<GlobSet>, ConfigError> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob).map_err(|e| ConfigError::Glob {
            glob: glob.clone(),
            message: e.to_string(),
        })?);
    }
    Ok(Some(builder.build().map_err(|e| ConfigError::Glob {
        glob: globs.join(", "),
        message: e.to_string(),
    })?))
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
        for (index, entry) in config.ignore.iter().enumerate() {
            if let Some(pointer) = entry.pointer.as_deref() {
                if !pointer.is_empty() && !pointer.starts_with('/') {
                    return Err(ConfigError::Pointer {
                        entry: index + 1,
                        pointer: pointer.to_string(),
                    });
                }
            }
            let mut rules = Vec::new();
            for selector in &entry.rules {
                rules.extend(expand(selector, "ignore")?);
            }
            ignores.push(CompiledIgnore {
                paths: compile_globs(&entry.paths)?,
                rules,
                pointer: entry.pointer.clone(),
                shown: describe(index + 1, entry),
                used: Used::default(),
            });
        }
        Ok(Self {
            levels,
            ignores,
            root: config.root.clone(),
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

    /// Every registry rule with its effective severity (`None`: off), by name.
    pub fn levels(&self) -> impl Iterator<Item = (&'static str, Option<Severity>)> + '_ {
        self.levels.iter().map(|(name, level)| (*name, *level))
    }

    /// The path that `ignore:` globs see for a file named `path` on the command line (or found
    /// under a folder named there): relative to the configuration file's folder, whatever the
    /// spelling (`rec`, `./rec`, `../p/rec`, absolute). A file outside that folder is seen
    /// absolute, so that only `**/` globs can reach it.
    #[must_use]
    pub fn path_for_ignores(&self, path: &Path) -> PathBuf {
        let Some(root) = self.root.as_ref().filter(|_| self.has_ignores()) else {
            return path.to_path_buf();
        };
        let absolute = absolute(path);
        match absolute.strip_prefix(root) {
            Ok(relative) => relative.to_path_buf(),
            Err(_) => absolute,
        }
    }

    /// Whether a finding of `rule` at `pointer` in file `path` (as [`Self::path_for_ignores`]
    /// gives it) is ignored by configuration. Every entry that matches is marked as used.
    #[must_use]
    pub fn is_ignored(&self, path: &Path, rule: &str, pointer: &str) -> bool {
        self.mark_matching(|ignore| {
            ignore.covers(path)
                && (ignore.rules.is_empty() || ignore.rules.contains(&rule))
                && ignore.pointer.as_deref().is_none_or(|prefix| {
                    pointer == prefix
                        || (pointer.starts_with(prefix)
                            && pointer.as_bytes().get(prefix.len()) == Some(&b'/'))
                })
        })
    }

    /// Whether configuration ignores every finding in file `path` (as
    /// [`Self::path_for_ignores`] gives it): an entry matches it and names neither rules nor a
    /// pointer below the root, so its responses need no checking. Such an entry is marked as
    /// used.
    #[must_use]
    pub fn ignores_every_finding_in(&self, path: &Path) -> bool {
        self.mark_matching(|ignore| {
            ignore.covers(path)
                && ignore.rules.is_empty()
                && ignore.pointer.as_deref().is_none_or(str::is_empty)
        })
    }

    /// Marks every ignore entry for which `matches` holds as used, and says whether one did.
    /// Not `any`: a later entry that also matches must be marked too, or it would be reported
    /// as matching nothing.
    fn mark_matching(&self, matches: impl Fn(&CompiledIgnore) -> bool) -> bool {
        let mut matched = false;
        for ignore in self.ignores.iter().filter(|ignore| matches(ignore)) {
            ignore.used.0.store(true, Ordering::Relaxed);
            matched = true;
        }
        matched
    }

    /// Whether there are ignore entries at all (so the caller can skip the path work).
    #[must_use]
    pub fn has_ignores(&self) -> bool {
        !self.ignores.is_empty()
    }

    /// Every ignore entry, as shown to the user.
    pub fn ignores(&self) -> impl Iterator<Item = &str> + '_ {
        self.ignores.iter().map(|i| i.shown.as_str())
    }

    /// The ignore entries that have hidden no finding so far: after a run, the ones that did
    /// nothing (a typo in a glob, a rule since fixed).
    #[must_use]
    pub fn unused_ignores(&self) -> Vec<&str> {
        self.ignores
            .iter()
            .filter(|i| !i.used.0.load(Ordering::Relaxed))
            .map(|i| i.shown.as_str())
            .collect()
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

    #[test]
    fn values_of_the_wrong_kind_say_what_is_expected() {
        let message = |text: &str| match Config::parse(text, "t") {
            Err(ConfigError::Parse { message, .. }) => message,
            other => panic!("{other:?}"),
        };
        assert!(message("rules:\n  schema/enum: [error]\n").contains("expected a string"));
        assert!(message("rules:\n  schema/enum: warn\n")
            .contains("expected one of `off`, `info`, `warning`, `error`"));
        let pointer = Settings::resolve(
            &Config::parse("ignore:\n  - pointer: data/0\n", "t").unwrap(),
            &Overrides::default(),
        );
        assert!(
            matches!(&pointer, Err(ConfigError::Pointer { entry: 1, pointer }) if pointer == "data/0"),
            "{pointer:?}"
        );
        for fine in ["", "/data/0"] {
            let text = format!("ignore:\n  - pointer: '{fine}'\n");
            assert!(
                Settings::resolve(&Config::parse(&text, "t").unwrap(), &Overrides::default())
                    .is_ok()
            );
        }
    }

    #[test]
    fn paths_are_read_alone_to_one_spelling() {
        assert_eq!(
            normalize(Path::new("/p/./rec/../rec/a.json")),
            Path::new("/p/rec/a.json")
        );
        assert_eq!(normalize(Path::new("/../a")), Path::new("/a"));
        assert_eq!(normalize(Path::new("../../a")), Path::new("../../a"));
        assert_eq!(normalize(Path::new("a/../../b")), Path::new("../b"));
    }

    #[test]
    fn ignore_globs_see_the_path_below_the_config_folder() {
        let mut config = Config::parse("ignore:\n  - paths: ['rec/**']\n", "t").unwrap();
        config.root = Some(PathBuf::from("/p"));
        let settings = Settings::resolve(&config, &Overrides::default()).unwrap();
        for spelling in ["/p/rec/a.json", "/p/x/../rec/./a.json"] {
            let seen = settings.path_for_ignores(Path::new(spelling));
            assert_eq!(seen, Path::new("rec/a.json"), "{spelling}");
            assert!(settings.is_ignored(&seen, "schema/enum", "/data"));
        }
        assert_eq!(
            settings.path_for_ignores(Path::new("/q/rec/a.json")),
            Path::new("/q/rec/a.json")
        );
    }

    #[test]
    fn unused_ignores_are_those_that_matched_no_finding() {
        let config = Config::parse(
            "ignore:\n  - rules: [schema/enum]\n  - paths: ['old/**']\n  - pointer: /data\n",
            "t",
        )
        .unwrap();
        let settings = Settings::resolve(&config, &Overrides::default()).unwrap();
        assert_eq!(settings.unused_ignores().len(), 3);
        assert!(settings.is_ignored(Path::new("new/a.json"), "schema/enum", "/data/0"));
        assert_eq!(
            settings.unused_ignores(),
            ["ignore entry 2 (paths: old/**)"]
        );
    }

    #[test]
    fn suggestions_are_close_names_only() {
        assert_eq!(
            did_you_mean("schema/formt", selectors()),
            Some("schema/format")
        );
        assert_eq!(did_you_mean("corectness", selectors()), Some("correctness"));
        assert_eq!(did_you_mean("zzzz", selectors()), None);
    }

    #[test]
    fn parse_errors_quote_a_short_escaped_excerpt_only() {
        let long = format!("{}TAIL", "a".repeat(200));
        let message = match Config::parse(&long, "c.yaml") {
            Err(ConfigError::Parse { message, .. }) => message,
            other => panic!("{other:?}"),
        };
        assert!(!message.contains("TAIL"), "{message}");
        assert!(
            message.contains(&format!("\"{}…\"", "a".repeat(QUOTED_MAX))),
            "{message}"
        );
        assert_eq!(
            excerpt("unknown field `a\u{1b}b`\nsecond line"),
            "unknown field `a\\u{1b}b`"
        );
    }

    #[test]
    fn discovery_stops_at_the_repository_root_and_home() {
        let dir = std::env::temp_dir().join(format!("mtlint-discover-{}", std::process::id()));
        let deep = dir.join("repo/a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.join(CONFIG_FILE), "").unwrap();
        let found_without_repo = Config::discover(&deep, None);
        let found_below_home = Config::discover(&deep, Some(&dir.join("repo")));
        std::fs::create_dir_all(dir.join("repo/.git")).unwrap();
        let found_in_repo = Config::discover(&deep, None);
        std::fs::write(dir.join("repo/a").join(CONFIG_FILE), "").unwrap();
        let found_inside = Config::discover(&deep, None);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found_without_repo, Some(dir.join(CONFIG_FILE)));
        assert_eq!(found_below_home, None);
        assert_eq!(found_in_repo, None);
        assert_eq!(found_inside, Some(dir.join("repo/a").join(CONFIG_FILE)));
    }
}
