//! A rule's identity: its name, family, severity, documentation and hooks, and the macro that
//! declares all of them in one place.

use mtlint_schema::Severity;
use serde::Serialize;

/// A rule's family, which sets its default severity (clippy-style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The body breaks its JSON Schema (`schema/<keyword>`).
    Schema,
    /// Certainly wrong: the spec's words are broken. Default: error.
    Correctness,
    /// Probably wrong. Default: warning.
    Suspicious,
    /// The API has grown beyond the spec. Default: info.
    Drift,
}

impl Category {
    /// The severity a rule of this category has unless its declaration or the configuration
    /// says otherwise.
    #[must_use]
    pub const fn default_severity(self) -> Severity {
        match self {
            Category::Schema | Category::Correctness => Severity::Error,
            Category::Suspicious => Severity::Warning,
            Category::Drift => Severity::Info,
        }
    }

    /// Its lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Schema => "schema",
            Category::Correctness => "correctness",
            Category::Suspicious => "suspicious",
            Category::Drift => "drift",
        }
    }
}

/// The body hooks a rule implements: the walk calls only those, and page digests are kept only
/// for rules with [`Hooks::PAGES`]. Declared with the rule ([`declare_rule!`]'s `hooks = [...]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hooks(u8);

impl Hooks {
    /// No hook at all (a schema rule, raised by the validator).
    pub const NONE: Hooks = Hooks(0);
    /// [`crate::Rule::list`].
    pub const LIST: Hooks = Hooks(1);
    /// [`crate::Rule::item`].
    pub const ITEM: Hooks = Hooks(2);
    /// [`crate::Rule::data_type`].
    pub const DATA_TYPE: Hooks = Hooks(4);
    /// [`crate::Rule::error`].
    pub const ERROR: Hooks = Hooks(8);
    /// [`crate::Rule::pages`]: the session keeps a digest of each list page for this rule.
    pub const PAGES: Hooks = Hooks(16);
    /// [`crate::Rule::response`]: the status, headers and content type of each response.
    pub const RESPONSE: Hooks = Hooks(32);

    /// Both sets of hooks.
    #[must_use]
    pub const fn and(self, other: Hooks) -> Hooks {
        Hooks(self.0 | other.0)
    }

    /// Whether every hook of `other` is in this set.
    #[must_use]
    pub const fn contains(self, other: Hooks) -> bool {
        self.0 & other.0 == other.0
    }
}

/// A rule's identity and documentation.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleMeta {
    /// Stable kebab-case name of the problem.
    pub name: &'static str,
    /// Former names that still select, ignore and configure this rule.
    pub aliases: &'static [&'static str],
    /// Its family.
    pub category: Category,
    /// Its default severity (its category's, unless the declaration says otherwise).
    pub default_severity: Severity,
    /// The documentation: a one-sentence first line, then `## What it checks`,
    /// `## Why it matters`, `## Example`, `## Passes`.
    pub docs: &'static str,
    /// The hooks its [`crate::Rule`] implementation has (none for a schema rule).
    #[serde(skip)]
    pub hooks: Hooks,
    /// Whether only a user-supplied spec (`--spec`) can raise it: the bundled contract has no
    /// schema keyword for it, so no corpus case or mutation of the bundled contract can.
    #[serde(skip)]
    pub only_with_user_spec: bool,
}

impl RuleMeta {
    /// The first line of the docs: one sentence for the rules table.
    #[must_use]
    pub fn summary(&self) -> &'static str {
        self.docs
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }

    /// The whole documentation as Markdown (what `mtlint explain` prints).
    #[must_use]
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self.docs.lines().map(undent).collect();
        lines.join("\n").trim().to_string()
    }

    /// The body of one `## <title>` section of the docs.
    #[must_use]
    pub fn section(&self, title: &str) -> Option<String> {
        let heading = format!("## {title}");
        let mut lines = self.docs.lines().skip_while(|l| l.trim() != heading);
        lines.next()?;
        let body: Vec<&str> = lines
            .take_while(|l| !l.trim_start().starts_with("## "))
            .map(undent)
            .collect();
        Some(body.join("\n").trim().to_string())
    }

    /// The first fenced code block of a section, with the fence's info string
    /// (`json`, `json 404`).
    #[must_use]
    pub fn code_block(&self, title: &str) -> Option<(String, String)> {
        let section = self.section(title)?;
        let mut lines = section.lines();
        let info = lines
            .find_map(|l| l.trim().strip_prefix("```"))?
            .trim()
            .to_string();
        let code: Vec<&str> = lines.take_while(|l| !l.trim().starts_with("```")).collect();
        Some((info, code.join("\n")))
    }
}

/// Doc comments arrive with the one space that follows `///`.
fn undent(line: &str) -> &str {
    line.strip_prefix(' ').unwrap_or(line)
}

/// Declares a rule: its unit struct, its [`RuleMeta`] (the docs taken from the doc comments,
/// the severity from the category unless `severity = ...` says otherwise, `only_with_user_spec =
/// true` for a schema keyword the bundled contract never uses) and its
/// [`crate::Declared`] implementation, so that a rule file holds only its logic.
///
/// ```text
/// declare_rule! {
///     /// One sentence.
///     /// ## What it checks
///     /// ...
///     pub VersionExceedsLatest, "version-exceeds-latest", Correctness, hooks = [ITEM]
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        $vis:vis $ty:ident, $name:literal, $category:ident
        $(, severity = $severity:ident)?
        $(, aliases = [$($alias:literal),*])?
        $(, hooks = [$($hook:ident),*])?
        $(, only_with_user_spec = $only_with_user_spec:literal)?
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $ty;

        impl $ty {
            /// This rule's identity and documentation.
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                name: $name,
                aliases: &[$($($alias),*)?],
                category: $crate::Category::$category,
                default_severity: $crate::declare_rule!(@severity $category $($severity)?),
                docs: concat!($($doc, "\n"),*),
                hooks: $crate::Hooks::NONE$($(.and($crate::Hooks::$hook))*)?,
                only_with_user_spec: $crate::declare_rule!(@flag $($only_with_user_spec)?),
            };
        }

        impl $crate::Declared for $ty {
            fn meta(&self) -> &'static $crate::RuleMeta {
                &Self::META
            }
        }
    };
    (@severity $category:ident) => {
        $crate::Category::$category.default_severity()
    };
    (@severity $category:ident $severity:ident) => {
        $crate::Severity::$severity
    };
    (@flag) => {
        false
    };
    (@flag $value:literal) => {
        $value
    };
}
