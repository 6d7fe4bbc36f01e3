//! The response a rule reads: what was recorded, and what the contract documents for it.

use mtlint_json::Value;
use mtlint_schema::{Contract, Response};

use crate::context::RequestContext;
use crate::headers::Headers;

/// One recorded response, as far as it was recorded.
#[derive(Debug, Clone, Copy)]
pub struct ResponseInput<'a> {
    /// Its HTTP status.
    pub status: u16,
    /// Its headers; `None` when the capture did not record any (a raw body).
    pub headers: Option<&'a Headers>,
    /// Its content type as recorded (the `Content-Type` header, or HAR's `content.mimeType`);
    /// `None` when the capture has no place for it.
    pub content_type: Option<&'a str>,
    /// Its JSON body; `None` when there was none, or it was not JSON (see `body_state`).
    pub body: Option<&'a Value<'a>>,
    /// Whether a body was recorded at all.
    pub body_state: BodyState,
    /// What is known of the request.
    pub request: &'a RequestContext,
}

/// Whether a response carried a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyState {
    /// The capture recorded no body.
    Absent,
    /// The capture recorded an empty (or whitespace-only) body.
    Empty,
    /// A body with content (JSON in [`ResponseInput::body`] when it parsed).
    Present,
}

impl<'a> ResponseInput<'a> {
    /// A bare JSON body recorded with `status` (no headers, no content type).
    #[must_use]
    pub fn body(status: u16, body: &'a Value<'a>, request: &'a RequestContext) -> Self {
        Self {
            status,
            headers: None,
            content_type: None,
            body: Some(body),
            body_state: BodyState::Present,
            request,
        }
    }
}

/// What response-level rules see (the `response` hook).
#[derive(Debug, Clone, Copy)]
pub struct ResponseView<'a> {
    /// The recorded response.
    pub input: ResponseInput<'a>,
    /// The documented response for its status, if any.
    pub documented: Option<&'a Response>,
    /// The contract.
    pub contract: &'a Contract,
}
