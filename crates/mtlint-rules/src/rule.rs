//! What a semantic rule is: the hooks the single body walk calls.

use mtlint_json::Value;

use crate::cx::{Cx, Ptr};
use crate::meta::RuleMeta;
use crate::pages::{Page, PagesCx};
use crate::response::ResponseView;

/// A rule's declaration, written by [`crate::declare_rule!`].
pub trait Declared {
    /// Its identity, documentation and hooks.
    fn meta(&self) -> &'static RuleMeta;
}

/// A semantic rule. The engine walks each body once and calls every enabled rule's hooks at the
/// nodes they care about; a rule reports through [`Cx::report`]. Hooks have empty defaults, and
/// the walk calls only those its declaration names (`hooks = [...]`): a rule that forgets one
/// there never runs it, and its documented example fails.
pub trait Rule: Declared + Send + Sync + 'static {
    /// A list body (a `data` array at the root), once, before its items.
    fn list(&self, _cx: &mut Cx<'_>, _list: &Value) {}

    /// Each materialized table: `data[i]` of a list, or the root of a single-table body.
    fn item(&self, _cx: &mut Cx<'_>, _item: &Value, _at: &Ptr<'_>) {}

    /// Every DataType, recursively: each column's `type` and everything nested in it.
    fn data_type(&self, _cx: &mut Cx<'_>, _data_type: &Value, _at: &Ptr<'_>) {}

    /// Each `errors[i]` of an error (Failure) body.
    fn error(&self, _cx: &mut Cx<'_>, _error: &Value, _at: &Ptr<'_>) {}

    /// Each response once, before its body: status, content type, headers.
    fn response(&self, _cx: &mut Cx<'_>, _response: &ResponseView<'_>) {}

    /// Once per capture file, after all its responses: the digests of its list pages in
    /// recorded order (see [`crate::pages`]). Findings name the entry they belong to.
    fn pages(&self, _cx: &mut PagesCx<'_>, _pages: &[Page]) {}
}

impl std::fmt::Debug for dyn Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.meta().name)
    }
}
