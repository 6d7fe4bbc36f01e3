//! What `organization-mismatch` and `environment-mismatch` share: an item member that repeats a
//! path parameter of the request, and so must be one value across a list and equal the request's.

use mtlint_json::Value;

use crate::formats::Formats;
use crate::{Cx, Ptr};

/// An item member that repeats a path parameter.
pub(super) struct PathMember {
    /// The member (and path parameter) name: `organization_id`.
    pub(super) key: &'static str,
    /// What it identifies, for messages: `organization`.
    pub(super) what: &'static str,
    /// The member's value when the schema accepts it (a UUID for `organization_id`).
    pub(super) read: for<'v> fn(Formats, &'v Value<'_>) -> Option<&'v str>,
    /// Whether two values identify the same thing.
    pub(super) same: fn(&str, &str) -> bool,
}

impl PathMember {
    /// Compares a list's items with the request's path parameter when it is known, else with the
    /// first item that has the member.
    pub(super) fn check_list(&self, cx: &mut Cx<'_>, list: &Value, request: Option<&str>) {
        let Some(items) = list.get("data").and_then(Value::as_array) else {
            return;
        };
        let formats = cx.formats();
        let data = Ptr::Root;
        let data = data.key("data");
        let values = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((i, (self.read)(formats, item.get(self.key)?)?)));
        let mut first = None;
        for (i, value) in values {
            // Built only for a finding: every item of every page comes here.
            let pointer = || data.index(i).join(self.key);
            if let Some(request) = request {
                self.against_request(cx, pointer, value, request);
                continue;
            }
            let Some((j, reference)) = first else {
                first = Some((i, value));
                continue;
            };
            if (self.same)(value, reference) {
                continue;
            }
            let (key, what) = (self.key, self.what);
            cx.report(
                pointer(),
                format!(
                    "data[{i}].{key} is \"{value}\" but data[{j}].{key} is \"{reference}\": one list answers one request, for one {what}"
                ),
            )
            .help(format!(
                "every item of a page belongs to the {what} in the request path; find which item was listed by mistake"
            ))
            .related(data.index(j).join(key), format!("the first item's {key}"));
        }
    }

    /// Compares a single-table body (the root item) with the request's path parameter.
    pub(super) fn check_root_item(
        &self,
        cx: &mut Cx<'_>,
        item: &Value,
        at: &Ptr<'_>,
        request: Option<&str>,
    ) {
        if !matches!(at, Ptr::Root) {
            return; // list items are checked by check_list
        }
        let formats = cx.formats();
        let value = item.get(self.key).and_then(|v| (self.read)(formats, v));
        if let (Some(value), Some(request)) = (value, request) {
            self.against_request(cx, || at.join(self.key), value, request);
        }
    }

    fn against_request(
        &self,
        cx: &mut Cx<'_>,
        pointer: impl FnOnce() -> String,
        value: &str,
        request: &str,
    ) {
        if (self.same)(value, request) {
            return;
        }
        let (key, what) = (self.key, self.what);
        cx.report(
            pointer(),
            format!(
                "{key} is \"{value}\" but the request was for {what} \"{request}\": the response describes a table of another {what}"
            ),
        )
        .help(format!(
            "the request path's {{{key}}} scopes the whole response; check the recording's request URL (or --{}) and the item",
            key.replace('_', "-")
        ));
    }
}
