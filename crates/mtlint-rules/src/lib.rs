//! The mtlint rule engine: a registry of rules, one body walk for all of them, diagnostics as
//! data, and configuration.
//!
//! Schema findings (`schema/<keyword>`) and semantic findings (`version-exceeds-latest`, ...) are
//! rules of the same engine: listed, explained, configured and ignored alike.
//!
//! The layers point one way. What a rule sees (its [`RuleMeta`] and [`Rule`] hooks, its [`Cx`],
//! the [`ResponseView`] and [`Page`]s it reads, and the domain helpers beside them) imports
//! neither the engine nor the catalogue; the catalogue ([`rules`]) imports only those; the
//! [`registry`] lists the catalogue; the engine ([`Checker`]) runs what the registry lists.
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

// What a rule sees.
mod context;
mod cx;
mod diagnostic;
mod flink;
mod formats;
mod headers;
mod links;
mod meta;
mod pages;
mod response;
mod rule;

// The catalogue, its registry, and the engine that runs it.
mod config;
mod engine;
pub mod registry;
pub mod rules;
#[cfg(test)]
mod testing;

pub use config::{
    absolute, did_you_mean, normalize, selectors, Config, ConfigError, Level, Overrides, Settings,
    CONFIG_FILE,
};
pub use context::{query_pairs, RequestContext};
pub use cx::{Cx, Ptr};
pub use diagnostic::{Diagnostic, Related, Target};
pub use engine::{CaptureSession, Checker};
pub use headers::Headers;
pub use meta::{Category, Hooks, RuleMeta};
pub use mtlint_schema::Severity;
pub use pages::{EntryDiagnostic, Page, PagesCx};
pub use response::{BodyState, ResponseInput, ResponseView};
pub use rule::{Declared, Rule};
