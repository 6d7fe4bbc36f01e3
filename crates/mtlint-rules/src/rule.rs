//! What a rule is: metadata, documentation, and hooks the single body walk calls.

use mtlint_json::Value;
use mtlint_schema::Severity;
use serde::Serialize;

use crate::walk::{Cx, Ptr};

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
    /// Works, but reads badly or breaks a convention the spec states. Default: info.
    Style,
    /// The API has grown beyond the spec. Default: info.
    Drift,
}

impl Category {
    /// The severity a rule of this category has unless configured otherwise.
    #[must_use]
    pub fn default_severity(self) -> Severity {
        match self {
            Category::Schema | Category::Correctness => Severity::Error,
            Category::Suspicious => Severity::Warning,
            Category::Style | Category::Drift => Severity::Info,
        }
    }

    /// Its lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Schema => "schema",
            Category::Correctness => "correctness",
            Category::Suspicious => "suspicious",
            Category::Style => "style",
            Category::Drift => "drift",
        }
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
    /// Its default severity (usually the category's).
    pub default_severity: Severity,
    /// The documentation: a one-sentence first line, then `## What it checks`,
    /// `## Why it matters`, `## Example`, `## Passes`.
    pub docs: &'static str,
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
        let lines: Vec<&str> = self
            .docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
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
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
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

/// The hooks a rule implements ([`Rule::hooks`]): the walk calls only those, and page digests
/// are kept only for rules with [`Hooks::PAGES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hooks(u8);

impl Hooks {
    /// No hook at all (a rule of pages only declares [`Hooks::PAGES`]).
    pub const NONE: Hooks = Hooks(0);
    /// [`Rule::list`].
    pub const LIST: Hooks = Hooks(1);
    /// [`Rule::item`].
    pub const ITEM: Hooks = Hooks(2);
    /// [`Rule::data_type`].
    pub const DATA_TYPE: Hooks = Hooks(4);
    /// [`Rule::error`].
    pub const ERROR: Hooks = Hooks(8);
    /// [`Rule::pages`]: the session keeps a digest of each list page for this rule.
    pub const PAGES: Hooks = Hooks(16);
    /// [`Rule::response`]: the status, headers and content type of each response.
    pub const RESPONSE: Hooks = Hooks(32);
    /// Every hook (the default: correct for any rule, only slower).
    pub const ALL: Hooks = Hooks(63);

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

/// A semantic rule. The engine walks each body once and calls every enabled rule's hooks at the
/// nodes they care about; a rule reports through [`Cx::report`]. Hooks have empty defaults.
pub trait Rule: Send + Sync + 'static {
    /// Its identity and documentation.
    fn meta(&self) -> &'static RuleMeta;

    /// Which of the body hooks below this rule implements. The default, [`Hooks::ALL`], is
    /// always correct; naming the hooks spares the walk a call per node for the others (a rule
    /// that forgets one of its hooks here never runs it, and its documented example fails).
    fn hooks(&self) -> Hooks {
        Hooks::ALL
    }

    /// A list body (a `data` array at the root), once, before its items.
    fn list(&self, _cx: &mut Cx<'_>, _list: &Value) {}

    /// Each materialized table: `data[i]` of a list, or the root of a single-table body.
    fn item(&self, _cx: &mut Cx<'_>, _item: &Value, _at: &Ptr<'_>) {}

    /// Every DataType, recursively: each column's `type` and everything nested in it.
    fn data_type(&self, _cx: &mut Cx<'_>, _data_type: &Value, _at: &Ptr<'_>) {}

    /// Each `errors[i]` of an error (Failure) body.
    fn error(&self, _cx: &mut Cx<'_>, _error: &Value, _at: &Ptr<'_>) {}

    /// Each response once, before its body: status, content type, headers.
    fn response(&self, _cx: &mut Cx<'_>, _response: &crate::ResponseView<'_>) {}

    /// Once per capture file, after all its responses: the digests of its list pages in
    /// recorded order (see [`crate::pages`]). Findings name the entry they belong to.
    fn pages(&self, _cx: &mut crate::pages::PagesCx<'_>, _pages: &[crate::pages::Page]) {}
}

impl std::fmt::Debug for dyn Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.meta().name)
    }
}

/// Declares a rule's unit struct and its [`RuleMeta`], taking the docs from doc comments.
///
/// ```text
/// declare_rule! {
///     /// One sentence.
///     /// ## What it checks
///     /// ...
///     pub VersionExceedsLatest, "version-exceeds-latest", Correctness
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        $vis:vis $ty:ident, $name:literal, $category:ident $(, aliases = [$($alias:literal),*])?
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
                default_severity: $crate::Category::$category.default_severity_const(),
                docs: $crate::rule::dedent_docs(concat!($($doc, "\n"),*)),
            };
        }
    };
}

impl Category {
    /// [`Category::default_severity`] usable in constants.
    #[must_use]
    pub const fn default_severity_const(self) -> Severity {
        match self {
            Category::Schema | Category::Correctness => Severity::Error,
            Category::Suspicious => Severity::Warning,
            Category::Style | Category::Drift => Severity::Info,
        }
    }
}

/// Doc comments arrive with one leading space per line; the registry trims at use, so this is
/// the identity (kept as a function so the macro has one place to change).
#[must_use]
pub const fn dedent_docs(docs: &'static str) -> &'static str {
    docs
}
