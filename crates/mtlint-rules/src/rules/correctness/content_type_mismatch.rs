use crate::diagnostic::{Diagnostic, Target};
use crate::Cx;
use crate::{declare_rule, BodyState, ResponseView, Rule};

declare_rule! {
    /// A response with a JSON body is not labelled `application/json`.
    ///
    /// ## What it checks
    /// When the capture recorded a content type (the `Content-Type` header, or HAR's
    /// `content.mimeType`) and the response carries a body, that the media type (parameters such
    /// as `charset` aside, compared case-insensitively) is one the spec documents for the
    /// status: `application/json` for 200, 400, 401, 403, 404 and 500. A status the spec
    /// documents without a body (429) or does not document at all is left to
    /// `undocumented-body` and `undocumented-status`.
    ///
    /// ## Why it matters
    /// Every response with a body is documented under `content: application/json:`.
    /// Clients pick their decoder by content type: an error page served as `text/html`, or JSON
    /// served as `text/plain`, is not decoded as the documented `Failure` or list.
    ///
    /// ## Example
    /// ```json envelope
    /// {"status": 404, "headers": {"Content-Type": "text/html; charset=utf-8", "X-Request-Id": "req-1"}, "body": {"errors": [{"status": "404", "title": "Not Found"}]}}
    /// ```
    ///
    /// ## Passes
    /// ```json envelope
    /// {"status": 404, "headers": {"Content-Type": "application/json; charset=utf-8", "X-Request-Id": "req-1"}, "body": {"errors": [{"status": "404", "title": "Not Found"}]}}
    /// ```
    pub ContentTypeMismatch, "content-type-mismatch", Correctness, hooks = [RESPONSE]
}

impl Rule for ContentTypeMismatch {
    fn response(&self, cx: &mut Cx<'_>, response: &ResponseView<'_>) {
        let input = &response.input;
        let (Some(content_type), Some(documented)) = (input.content_type, response.documented)
        else {
            return;
        };
        if documented.body_schema.is_none() || input.body_state != BodyState::Present {
            return;
        }
        let essence = content_type.split(';').next().unwrap_or("").trim();
        if documented
            .media_types
            .iter()
            .any(|m| m.eq_ignore_ascii_case(essence))
        {
            return;
        }
        let expected = documented.media_types.join(" or ");
        cx.push(
            Diagnostic::about(
                Target::ContentType,
                None,
                format!(
                    "the content type is {content_type:?}, but the spec documents {expected} for status {}: clients choose their decoder by it",
                    input.status
                ),
            ),
        ).help(format!("serve the body as {expected} (a charset parameter is fine)"));
    }
}
