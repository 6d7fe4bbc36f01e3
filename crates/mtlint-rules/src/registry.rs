//! The one table of every rule: semantic rules (with hooks) and schema rules (metadata only; the
//! schema validator raises them).

use std::sync::LazyLock;

use crate::meta::{Category, Hooks, RuleMeta};
use crate::rule::Rule;

/// One registry row.
#[derive(Clone, Copy)]
pub enum Entry {
    /// A `schema/<keyword>` rule, raised by the JSON Schema validator.
    Schema(&'static RuleMeta),
    /// A semantic rule, raised from its hooks during the body walk.
    Semantic(&'static dyn Rule),
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.meta().name)
    }
}

impl Entry {
    /// The rule's metadata.
    #[must_use]
    pub fn meta(&self) -> &'static RuleMeta {
        match self {
            Entry::Schema(meta) => meta,
            Entry::Semantic(rule) => rule.meta(),
        }
    }
}

static ALL: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let mut all: Vec<Entry> = crate::rules::schema::RULES
        .iter()
        .map(|meta| Entry::Schema(meta))
        .chain(crate::rules::SEMANTIC.iter().map(|r| Entry::Semantic(*r)))
        .collect();
    all.sort_by_key(|e| (e.meta().category, e.meta().name));
    all
});

/// Every rule, by category then name.
#[must_use]
pub fn all() -> &'static [Entry] {
    &ALL
}

/// The rule with this name or alias.
#[must_use]
pub fn find(name: &str) -> Option<&'static Entry> {
    ALL.iter()
        .find(|e| e.meta().name == name || e.meta().aliases.contains(&name))
}

/// The current name of a rule given by name or alias.
#[must_use]
pub fn canonical(name: &str) -> Option<&'static str> {
    find(name).map(|e| e.meta().name)
}

/// The drift rule whose findings the engine raises from the contract's drift validator
/// (`undocumented-member`): the one of category drift with no hooks. Other drift rules
/// (`undocumented-body`) run from their hooks like any semantic rule.
pub(crate) fn drift() -> Option<&'static RuleMeta> {
    ALL.iter()
        .map(Entry::meta)
        .find(|meta| meta.category == Category::Drift && meta.hooks == Hooks::NONE)
}

/// The semantic rules, for the engine.
pub(crate) fn semantic() -> impl Iterator<Item = &'static dyn Rule> {
    ALL.iter().filter_map(|e| match e {
        Entry::Semantic(rule) => Some(*rule),
        Entry::Schema(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    /// The name of every `declare_rule!` in the catalogue's source files.
    fn declared(dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                declared(&path, out);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let Some(start) = text.find("declare_rule! {") else {
                continue;
            };
            // The declaration line: `pub Name, "rule-name", Category...`.
            let line = text[start..]
                .lines()
                .find(|l| l.trim_start().starts_with("pub ") && l.contains(", \""))
                .unwrap_or_else(|| panic!("{}: no declaration line", path.display()));
            let name = line.split('"').nth(1).unwrap();
            out.insert(name.to_string());
        }
    }

    #[test]
    fn every_declared_rule_is_registered_once() {
        let mut names = BTreeSet::new();
        declared(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules"),
            &mut names,
        );
        let registered: Vec<&str> = super::all().iter().map(|e| e.meta().name).collect();
        let unique: BTreeSet<String> = registered.iter().map(|n| (*n).to_string()).collect();
        assert_eq!(unique.len(), registered.len(), "a rule is registered twice");
        assert_eq!(names, unique, "declared rules and registered rules differ");
    }

    #[test]
    fn the_validator_raises_exactly_one_drift_rule() {
        // The engine raises the hookless drift rule from the drift validator; a second one
        // would never run, and the others of the category run from their hooks.
        let hookless: Vec<_> = super::all()
            .iter()
            .map(super::Entry::meta)
            .filter(|m| m.category == super::Category::Drift && m.hooks == super::Hooks::NONE)
            .map(|m| m.name)
            .collect();
        assert_eq!(hookless, ["undocumented-member"]);
        assert_eq!(super::drift().map(|m| m.name), Some("undocumented-member"));
        let hooked: Vec<_> = super::all()
            .iter()
            .map(super::Entry::meta)
            .filter(|m| m.category == super::Category::Drift && m.hooks != super::Hooks::NONE)
            .map(|m| m.name)
            .collect();
        assert_eq!(hooked, ["undocumented-body"]);
    }
}
