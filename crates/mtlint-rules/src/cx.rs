//! What a rule reports through: its context ([`Cx`]) and the pointer of the value it looks at
//! ([`Ptr`]).

use std::fmt;

use mtlint_json::pointer::push_token;
use mtlint_json::Value;
use mtlint_schema::Severity;

use crate::context::RequestContext;
use crate::diagnostic::Diagnostic;
use crate::flink::Root;
use crate::formats::Formats;
use crate::meta::RuleMeta;

/// The value at a path of member names, without parsing a pointer string (`Value::pointer`
/// allocates for every token; rules ask this for every item).
#[must_use]
pub(crate) fn path<'v>(value: &'v Value<'_>, keys: &[&str]) -> Option<&'v Value<'v>> {
    keys.iter().try_fold(value, |v, key| v.get(key))
}

/// A JSON pointer built without allocating: a chain of segments on the stack, turned into a
/// string only when a rule reports.
#[derive(Clone, Copy)]
pub enum Ptr<'a> {
    /// The body's root.
    Root,
    /// A member of an object.
    Key(&'a Ptr<'a>, &'a str),
    /// An element of an array.
    Index(&'a Ptr<'a>, usize),
}

impl<'a> Ptr<'a> {
    /// The pointer to a member of the value here.
    #[must_use]
    pub fn key(&'a self, key: &'a str) -> Ptr<'a> {
        Ptr::Key(self, key)
    }

    /// The pointer to an element of the array here.
    #[must_use]
    pub fn index(&'a self, index: usize) -> Ptr<'a> {
        Ptr::Index(self, index)
    }

    /// The RFC 6901 string.
    #[must_use]
    pub fn to_pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// The RFC 6901 string of a member of the value here.
    #[must_use]
    pub fn join(&self, key: &str) -> String {
        let mut out = self.to_pointer();
        push_token(&mut out, key);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Ptr::Root => {}
            Ptr::Key(parent, key) => {
                parent.write(out);
                push_token(out, key);
            }
            Ptr::Index(parent, i) => {
                parent.write(out);
                out.push('/');
                out.push_str(&i.to_string());
            }
        }
    }
}

impl fmt::Debug for Ptr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_pointer())
    }
}

impl fmt::Display for Ptr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_pointer())
    }
}

/// What a rule sees of the response it checks, and where it reports.
#[derive(Debug)]
pub struct Cx<'a> {
    /// The HTTP status of the response.
    pub status: u16,
    /// What is known of the request (path parameters, page size).
    pub request: &'a RequestContext,
    /// The `page_size` maximum the contract documents (100 for this operation).
    pub page_size_max: Option<u64>,
    /// The `page_size` default the contract documents (10 for this operation): the page size of
    /// a request that sent none.
    pub page_size_default: Option<u64>,
    /// The operation's path template
    /// (`/sql/v1/organizations/{organization_id}/environments/{environment_id}/materialized-tables`).
    pub path_template: &'a str,
    /// In the DataType hook: the root of the visited DataType's `type` (see
    /// [`crate::flink::root_of`]), looked up once for every rule that asks.
    pub(crate) type_root: Option<Root>,
    /// How to read formatted values of this body (see [`Formats`]).
    pub(crate) formats: Formats,
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    /// The severity the current rule reports with.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Reads `date-time`, `uri` and `uuid` values the way the body's schema reads them.
    #[must_use]
    pub(crate) fn formats(&self) -> Formats {
        self.formats
    }

    /// Reports a body finding of the current rule at `pointer`.
    pub fn report(&mut self, pointer: String, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Diagnostic::body(
            self.meta.name,
            self.severity,
            pointer,
            message.into(),
        ))
    }

    /// Reports a finding built by the rule (a header or status finding, say). Its rule name and
    /// severity are set by the engine.
    pub fn push(&mut self, mut diagnostic: Diagnostic) -> &mut Diagnostic {
        diagnostic.rule = self.meta.name.to_string();
        diagnostic.severity = self.severity;
        self.out.push(diagnostic);
        self.out.last_mut().expect("just pushed")
    }
}
