//! The mtlint rule engine: a registry of rules, one body walk for all of them, diagnostics as
//! data, and configuration.
//!
//! Schema findings (`schema/<keyword>`) and semantic findings (`version-exceeds-latest`, ...) are
//! rules of the same engine: listed, explained, configured and ignored alike.
//!
//! ```
//! use mtlint_rules::{Checker, RequestContext, Settings};
//! use mtlint_schema::Contract;
//! use serde_json::json;
//!
//! let checker = Checker::new(Contract::embedded(), Settings::default()).unwrap();
//! let body = json!({"errors": [{"status": "404", "title": "Not Found"}]});
//! let found = checker.check_body(404, &body, &RequestContext::default());
//! assert!(found.is_empty());
//! ```

pub mod check;
pub mod config;
pub mod context;
pub mod diagnostic;
mod formats;
pub mod headers;
mod links;
pub mod pages;
pub mod registry;
pub mod rule;
pub mod rules;
#[cfg(test)]
mod testing;
pub mod walk;

pub use check::{BodyState, CaptureSession, Checker, ResponseInput, ResponseView};
pub use config::{Config, ConfigError, Level, Overrides, Settings};
pub use context::RequestContext;
pub use diagnostic::{Diagnostic, Related, Target};
pub use headers::Headers;
pub use pages::{EntryDiagnostic, Page, PagesCx};
pub use rule::{Category, Hooks, Rule, RuleMeta};
pub use walk::{Cx, Ptr};
