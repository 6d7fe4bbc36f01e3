//! The single walk over a body that feeds every rule.

use mtlint_json::Value;
use mtlint_schema::Severity;

use crate::context::RequestContext;
use crate::cx::{path, Cx, Ptr};
use crate::diagnostic::Diagnostic;
use crate::flink::{self, Root};
use crate::formats::Formats;
use crate::meta::{Hooks, RuleMeta};
use crate::rule::Rule;

/// The enabled rules with their effective severities.
pub(crate) type Active<'r> = [(&'r dyn Rule, Severity)];

/// What every rule sees of one response, whatever the hook: copied into each [`Cx`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts<'a> {
    pub(crate) status: u16,
    pub(crate) request: &'a RequestContext,
    pub(crate) page_size_max: Option<u64>,
    pub(crate) page_size_default: Option<u64>,
    pub(crate) path_template: &'a str,
    /// Whether the response schema accepted the body whole (formats included).
    pub(crate) schema_valid: bool,
}

impl<'a> Facts<'a> {
    /// A context for one rule to report through.
    pub(crate) fn cx<'o>(&self, hooked: &Hooked<'_>, out: &'o mut Vec<Diagnostic>) -> Cx<'o>
    where
        'a: 'o,
    {
        Cx {
            status: self.status,
            request: self.request,
            page_size_max: self.page_size_max,
            page_size_default: self.page_size_default,
            path_template: self.path_template,
            type_root: None,
            formats: Formats {
                body_schema_valid: self.schema_valid,
            },
            meta: hooked.meta,
            severity: hooked.severity,
            out,
        }
    }
}

/// An active rule with its effective severity and its [`RuleMeta`], read once when the checker
/// is built rather than through the rule's vtable at every call.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hooked<'r> {
    pub(crate) rule: &'r dyn Rule,
    pub(crate) severity: Severity,
    pub(crate) meta: &'static RuleMeta,
}

/// The active rules of each body hook. Each hook calls only the rules that implement it: the
/// DataType hook runs for every nested type of every column, and most rules have nothing to
/// say there. Built once per checker, not per body.
#[derive(Debug)]
pub(crate) struct ByHook<'r> {
    list: Vec<Hooked<'r>>,
    item: Vec<Hooked<'r>>,
    data_type: Vec<Hooked<'r>>,
    error: Vec<Hooked<'r>>,
    response: Vec<Hooked<'r>>,
}

impl<'r> ByHook<'r> {
    pub(crate) fn new(rules: &Active<'r>) -> Self {
        let pick = |hook: Hooks| -> Vec<Hooked<'r>> {
            rules
                .iter()
                .filter(|(rule, _)| rule.meta().hooks.contains(hook))
                .map(|&(rule, severity)| Hooked {
                    rule,
                    severity,
                    meta: rule.meta(),
                })
                .collect()
        };
        Self {
            list: pick(Hooks::LIST),
            item: pick(Hooks::ITEM),
            data_type: pick(Hooks::DATA_TYPE),
            error: pick(Hooks::ERROR),
            response: pick(Hooks::RESPONSE),
        }
    }

    /// The rules with a [`Rule::response`] hook.
    pub(crate) fn response(&self) -> &[Hooked<'r>] {
        &self.response
    }
}

/// Walks a body once, calling each active rule's hooks.
pub(crate) fn walk(body: &Value, rules: &ByHook<'_>, facts: Facts<'_>, out: &mut Vec<Diagnostic>) {
    // Each hook calls only the rules that implement it: the DataType hook runs for every
    // nested type of every column, and most rules have nothing to say there.
    let mut walker = Walker {
        rules,
        type_root: None,
        facts,
        out,
    };
    let root = Ptr::Root;
    if let Some(errors) = body.get("errors").and_then(Value::as_array) {
        let errors_ptr = root.key("errors");
        for (i, error) in errors.iter().enumerate() {
            let at = errors_ptr.index(i);
            walker.each(BodyHook::Error, |rule, cx| rule.error(cx, error, &at));
        }
        return;
    }
    if let Some(items) = body.get("data").and_then(Value::as_array) {
        walker.each(BodyHook::List, |rule, cx| rule.list(cx, body));
        let data_ptr = root.key("data");
        for (i, item) in items.iter().enumerate() {
            walker.item(item, &data_ptr.index(i));
        }
    } else if body.get("spec").is_some()
        || body.get("kind").and_then(Value::as_str) == Some("MaterializedTable")
    {
        walker.item(body, &root);
    }
}

/// The hooks the walk calls at nodes of a body.
#[derive(Debug, Clone, Copy)]
enum BodyHook {
    List,
    Item,
    DataType,
    Error,
}

/// Nested types deeper than this are not walked (the parser's limits already bound real
/// inputs; this keeps the walk's stack bounded whatever they allow).
const MAX_TYPE_DEPTH: usize = 64;

struct Walker<'a, 'r> {
    rules: &'a ByHook<'r>,
    /// The DataType hook's [`Cx::type_root`].
    type_root: Option<Root>,
    facts: Facts<'a>,
    out: &'a mut Vec<Diagnostic>,
}

impl Walker<'_, '_> {
    /// Calls `hook` for every active rule that implements it.
    fn each(&mut self, which: BodyHook, hook: impl Fn(&dyn Rule, &mut Cx<'_>)) {
        let rules = match which {
            BodyHook::List => &self.rules.list,
            BodyHook::Item => &self.rules.item,
            BodyHook::DataType => &self.rules.data_type,
            BodyHook::Error => &self.rules.error,
        };
        // One context for all of them: only the rule's name and severity change between calls.
        let Some(first) = rules.first() else {
            return;
        };
        let mut cx = self.facts.cx(first, self.out);
        cx.type_root = self.type_root;
        for hooked in rules {
            cx.meta = hooked.meta;
            cx.severity = hooked.severity;
            hook(hooked.rule, &mut cx);
        }
    }

    fn item(&mut self, item: &Value, at: &Ptr<'_>) {
        self.each(BodyHook::Item, |rule, cx| rule.item(cx, item, at));
        let Some(columns) = path(item, &["spec", "columns"]).and_then(Value::as_array) else {
            return;
        };
        let spec = at.key("spec");
        let columns_ptr = spec.key("columns");
        for (j, column) in columns.iter().enumerate() {
            if let Some(data_type) = column.get("type") {
                let column_ptr = columns_ptr.index(j);
                self.data_type(data_type, &column_ptr.key("type"), 0);
            }
        }
    }

    fn data_type(&mut self, data_type: &Value, at: &Ptr<'_>, depth: usize) {
        let Some(object) = data_type.as_object() else {
            return;
        };
        if depth > MAX_TYPE_DEPTH {
            return;
        }
        // The members the walk reads, found in one pass over the object (the last of a name
        // wins, as in `get`): asked one by one, each absent name cost a scan of every member,
        // for every DataType of every column.
        let mut members: [Option<&Value>; 5] = [None; 5];
        for (name, value) in object {
            let slot = match name {
                "type" => 0,
                "key_type" => 1,
                "value_type" => 2,
                "element_type" => 3,
                "fields" => 4,
                _ => continue,
            };
            members[slot] = Some(value);
        }
        let [type_name, key_type, value_type, element_type, fields] = members;
        self.type_root = type_name.and_then(Value::as_str).and_then(flink::root);
        self.each(BodyHook::DataType, |rule, cx| {
            rule.data_type(cx, data_type, at)
        });
        self.type_root = None;
        for (key, inner) in [
            ("key_type", key_type),
            ("value_type", value_type),
            ("element_type", element_type),
        ] {
            if let Some(inner) = inner {
                self.data_type(inner, &at.key(key), depth + 1);
            }
        }
        if let Some(fields) = fields.and_then(Value::as_array) {
            let fields_ptr = at.key("fields");
            for (k, field) in fields.iter().enumerate() {
                if let Some(inner) = field.get("field_type") {
                    let field_ptr = fields_ptr.index(k);
                    self.data_type(inner, &field_ptr.key("field_type"), depth + 1);
                }
            }
        }
    }
}
