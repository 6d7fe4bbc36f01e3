//! A generated HTTP exchange: what a capture of one `listSqlv1MaterializedTables` call records.

use mtlint_rules::{BodyState, Checker, Diagnostic, Headers, RequestContext, ResponseInput};
use mtlint_schema::Contract;
use serde_json::{Map, Value};

/// One recorded response with its request URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    /// The response status.
    pub status: u16,
    /// Response headers in order.
    pub headers: Vec<(String, String)>,
    /// The JSON body; `None` for a response without one (429).
    pub body: Option<Value>,
    /// The request URL (this operation's path, with `page_size` and maybe `page_token`).
    pub request_url: String,
}

impl Exchange {
    /// The headers as the rule engine takes them.
    #[must_use]
    pub fn headers(&self) -> Headers {
        Headers::new(self.headers.clone())
    }

    /// The value of a header (case-insensitive name).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets a header, replacing any of the same name (case-insensitive), or adds it at the end.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        if let Some(slot) = self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            slot.1 = value;
        } else {
            self.headers.push((name.to_string(), value));
        }
    }

    /// Removes a header (case-insensitive name).
    pub fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// The request facts its URL gives (organization, environment, page size, page token).
    #[must_use]
    pub fn request(&self) -> RequestContext {
        RequestContext::from_url(&self.request_url, &Contract::embedded().path_template)
            .unwrap_or_default()
    }

    /// Calls `f` with this exchange as the rule engine takes it: status, headers, content type
    /// (the `Content-Type` header), body, and the request facts of its URL.
    pub fn with_input<R>(&self, f: impl FnOnce(&ResponseInput<'_>) -> R) -> R {
        let headers = self.headers();
        let request = self.request();
        let body = self.body.as_ref().map(mtlint_json::Value::from_serde);
        f(&ResponseInput {
            status: self.status,
            headers: Some(&headers),
            content_type: self.header("Content-Type"),
            body: body.as_ref(),
            body_state: if self.body.is_some() {
                BodyState::Present
            } else {
                BodyState::Absent
            },
            request: &request,
        })
    }

    /// The envelope form: `{"status", "headers", "body", "request": {"url"}}` (no `body` member
    /// when there is none).
    #[must_use]
    pub fn to_envelope(&self) -> Value {
        let mut out = Map::new();
        out.insert("status".into(), Value::from(self.status));
        let headers: Map<String, Value> = self
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), Value::String(v.clone())))
            .collect();
        out.insert("headers".into(), Value::Object(headers));
        if let Some(body) = &self.body {
            out.insert("body".into(), body.clone());
        }
        let mut request = Map::new();
        request.insert("method".into(), Value::from("GET"));
        request.insert("url".into(), Value::String(self.request_url.clone()));
        out.insert("request".into(), Value::Object(request));
        Value::Object(out)
    }
}

/// One sample: a single exchange, or the pages of one listing in request order.
pub type Sample = Vec<Exchange>;

/// Checks a sample as one capture file: each response, then the multi-response rules over the
/// pages. Each finding comes with the index of its response.
#[must_use]
pub fn check_sample(checker: &Checker<'_>, sample: &Sample) -> Vec<(usize, Diagnostic)> {
    let mut session = checker.session();
    let mut out = Vec::new();
    for (entry, exchange) in sample.iter().enumerate() {
        let found = exchange.with_input(|input| session.check(entry, input));
        out.extend(found.into_iter().map(|d| (entry, d)));
    }
    out.extend(
        session
            .finish()
            .into_iter()
            .map(|e| (e.entry, e.diagnostic)),
    );
    out
}
