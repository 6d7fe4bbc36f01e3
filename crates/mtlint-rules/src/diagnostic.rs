//! Findings as data: what the engine returns and every renderer reads.

use mtlint_schema::{Severity, Violation};
use serde::{Deserialize, Serialize};

/// What part of a response a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// The JSON body (the pointer is into it).
    Body,
    /// A response header (see [`Diagnostic::header`]).
    Header,
    /// The status code.
    Status,
    /// The `Content-Type`.
    ContentType,
    /// The recorded request (its URL), for findings about how responses of a capture link up.
    Request,
}

impl Target {
    /// Its name in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Body => "body",
            Target::Header => "header",
            Target::Status => "status",
            Target::ContentType => "content-type",
            Target::Request => "request",
        }
    }
}

/// Another place that takes part in a finding (the first copy of a duplicate).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Related {
    /// Its RFC 6901 pointer in the same body.
    pub pointer: String,
    /// What it is, e.g. "first defined here".
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The rule's stable name (`version-exceeds-latest`, `schema/enum`).
    pub rule: String,
    /// The severity after configuration.
    pub severity: Severity,
    /// What part of the response it is about.
    pub target: Target,
    /// The header's name, for header findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// RFC 6901 pointer of the offending value in the body (`""` for the root or non-body targets).
    pub pointer: String,
    /// What is wrong, why it matters.
    pub message: String,
    /// What to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Other places involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A finding about a part of the response other than its body: a header (named), the
    /// status, the content type, the request.
    #[must_use]
    pub fn about(target: Target, header: Option<&str>, message: String) -> Self {
        Self {
            rule: String::new(),
            severity: Severity::Error,
            target,
            header: header.map(str::to_string),
            pointer: String::new(),
            message,
            help: None,
            related: Vec::new(),
        }
    }

    /// A body finding.
    #[must_use]
    pub fn body(rule: &str, severity: Severity, pointer: String, message: String) -> Self {
        Self {
            rule: rule.to_string(),
            severity,
            target: Target::Body,
            header: None,
            pointer,
            message,
            help: None,
            related: Vec::new(),
        }
    }

    /// Sets the help line (chained on [`crate::Cx::report`] or a [`Diagnostic`] being built).
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related location (chained like [`Diagnostic::help`]).
    pub fn related(&mut self, pointer: String, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            pointer,
            message: message.into(),
        });
        self
    }
}

impl From<Violation> for Diagnostic {
    fn from(v: Violation) -> Self {
        Self {
            rule: v.rule,
            severity: v.severity,
            target: Target::Body,
            header: None,
            pointer: v.pointer,
            message: v.message,
            help: v.help,
            related: v
                .related
                .into_iter()
                .map(|pointer| Related {
                    pointer,
                    message: "first occurrence".into(),
                })
                .collect(),
        }
    }
}
