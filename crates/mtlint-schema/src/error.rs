//! Errors of loading a contract and building its validators.

use miette::Diagnostic;
use thiserror::Error;

/// Why a contract could not be loaded or a validator not built.
#[derive(Debug, Error, Diagnostic)]
pub enum SchemaError {
    /// The spec file could not be read.
    #[error("cannot read spec {path}: {source}")]
    #[diagnostic(code(mtlint::spec::io))]
    Io {
        /// The file given.
        path: String,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// The spec is neither valid YAML nor valid JSON.
    #[error("cannot parse spec {path}: {message}")]
    #[diagnostic(
        code(mtlint::spec::parse),
        help("an OpenAPI 3.0 document in YAML or JSON")
    )]
    Parse {
        /// The file given.
        path: String,
        /// The parser's message, with its location.
        message: String,
    },
    /// The document does not declare OpenAPI 3.0.
    #[error("{path} is not an OpenAPI 3.0 document (openapi: {version})")]
    #[diagnostic(
        code(mtlint::spec::version),
        help("mtlint reads OpenAPI 3.0.x documents")
    )]
    Version {
        /// The file given.
        path: String,
        /// What its `openapi` field says.
        version: String,
    },
    /// No operation has the requested `operationId`.
    #[error("no operation with operationId {operation_id:?} in {path}")]
    #[diagnostic(
        code(mtlint::spec::operation),
        help("operations in this document: {available}")
    )]
    UnknownOperation {
        /// The file given.
        path: String,
        /// The id asked for.
        operation_id: String,
        /// The ids that exist, comma-separated.
        available: String,
    },
    /// A `$ref` that leads nowhere.
    #[error("unresolved $ref {0}")]
    #[diagnostic(code(mtlint::spec::reference))]
    UnresolvedRef(String),
    /// A `$ref` form mtlint does not follow (another file, a URL).
    #[error("unsupported $ref {0}: only references into this document's components are followed")]
    #[diagnostic(code(mtlint::spec::reference))]
    UnsupportedRef(String),
    /// The converted schema was rejected by the JSON Schema compiler.
    #[error("cannot compile the schema of response {status}: {message}")]
    #[diagnostic(code(mtlint::spec::compile))]
    Compile {
        /// The response's status key.
        status: String,
        /// The compiler's message.
        message: String,
    },
}
