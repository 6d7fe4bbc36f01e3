//! The contract of Confluent Cloud's `listSqlv1MaterializedTables`, and the machinery to check
//! response bodies against any OpenAPI 3.0 operation.
//!
//! - [`Contract::embedded`] is the operation as the documentation page defines it
//!   (`schemas/list-materialized-tables.openapi.yaml`, compiled into the binary).
//! - [`Contract::from_path`] loads a user's OpenAPI 3.0 document (YAML or JSON) instead.
//! - [`convert::to_json_schema`] is the general OpenAPI 3.0 to JSON Schema 2020-12 conversion.
//! - A [`Response`]'s [`BodyValidator`] is compiled once, on first use, and shared by every thread.
//!
//! ```
//! use mtlint_schema::Contract;
//!
//! let contract = Contract::embedded();
//! let response = contract.response_for(404).expect("404 is documented").response();
//! let validator = response.body_validator().unwrap().expect("404 has a JSON body");
//! let body = mtlint_json::from_str(r#"{"errors": [{"status": "404", "colour": "red"}]}"#).unwrap();
//! assert!(!validator.is_valid(&body));
//! let found = validator.violations_of_invalid(&body);
//! assert_eq!(found[0].rule, "schema/additionalProperties");
//! assert_eq!(found[0].pointer, "/errors/0/colour");
//! ```

pub mod contract;
pub mod convert;
pub mod drift;
pub mod error;
mod keywords;
mod tree;
mod validator;
pub mod violation;

use std::sync::LazyLock;

pub use contract::{Contract, HeaderSpec, Parameter, Response, ResponseMatch};
pub use drift::{DriftValidator, Undocumented};
pub use error::{CompileError, SchemaError};
pub use validator::BodyValidator;
pub use violation::{Severity, Violation};

/// The OpenAPI document bundled with mtlint, as YAML text.
pub const EMBEDDED_SPEC: &str =
    include_str!("../../../schemas/list-materialized-tables.openapi.yaml");

/// The operation mtlint checks by default.
pub const DEFAULT_OPERATION: &str = "listSqlv1MaterializedTables";

static EMBEDDED: LazyLock<Contract> = LazyLock::new(|| {
    Contract::from_text(EMBEDDED_SPEC, "<embedded>", DEFAULT_OPERATION)
        // The embedded document is part of the build; tests load it, so this cannot fail at runtime.
        .expect("the embedded OpenAPI document is valid")
});

impl Contract {
    /// The bundled contract of `listSqlv1MaterializedTables`, parsed once.
    #[must_use]
    pub fn embedded() -> &'static Contract {
        &EMBEDDED
    }
}
