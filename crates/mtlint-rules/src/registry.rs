//! The one table of every rule: semantic rules (with hooks) and schema rules (metadata only; the
//! schema validator raises them).

use std::sync::LazyLock;

use crate::rule::{Rule, RuleMeta};

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
        .map(Entry::Schema)
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

/// The semantic rules, for the engine.
pub(crate) fn semantic() -> impl Iterator<Item = &'static dyn Rule> {
    ALL.iter().filter_map(|e| match e {
        Entry::Semantic(rule) => Some(*rule),
        Entry::Schema(_) => None,
    })
}
