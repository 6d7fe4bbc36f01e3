//! Errors of loading a contract and compiling its validators.

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
    /// A Swagger (OpenAPI 2.0) document, which describes responses differently.
    #[error("{path} is a Swagger {version} document, and mtlint reads OpenAPI 3.0")]
    #[diagnostic(
        code(mtlint::spec::swagger),
        help("convert it to OpenAPI 3.0 first (for example with swagger2openapi), then pass the result")
    )]
    Swagger {
        /// The file given.
        path: String,
        /// What its `swagger` field says (`2.0`).
        version: String,
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
    /// The converted schema, or one derived from it, was rejected by the JSON Schema compiler.
    #[error("cannot compile the schema of response {status}: {error}")]
    #[diagnostic(code(mtlint::spec::compile))]
    Compile {
        /// The response's status key.
        status: String,
        /// Which schema, and the compiler's message.
        error: CompileError,
    },
}

/// A schema the JSON Schema compiler rejected, each variant with the compiler's message (which is
/// all it displays). Only [`CompileError::Schema`] can come from the user's document: the drift
/// schemas are rewritten from a schema that compiled, so one of them failing is a fault of the
/// rewrite.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum CompileError {
    /// A converted schema: a response body's or a header's.
    #[error("{message}")]
    #[diagnostic(code(mtlint::spec::compile))]
    Schema {
        /// The compiler's message.
        message: String,
    },
    /// The closed drift schema ([`crate::drift::close_open_objects`]).
    #[error("{message}")]
    #[diagnostic(code(mtlint::spec::compile::closed))]
    Closed {
        /// The compiler's message.
        message: String,
    },
    /// The quick drift schema ([`crate::drift::quick_closed`]).
    #[error("{message}")]
    #[diagnostic(code(mtlint::spec::compile::quick))]
    Quick {
        /// The compiler's message.
        message: String,
    },
    /// The structure-only drift schema ([`crate::drift::members_only`]).
    #[error("{message}")]
    #[diagnostic(code(mtlint::spec::compile::members_only))]
    MembersOnly {
        /// The compiler's message.
        message: String,
    },
}

impl CompileError {
    /// The compiler's message.
    #[must_use]
    pub fn message(&self) -> &str {
        match self {
            CompileError::Schema { message }
            | CompileError::Closed { message }
            | CompileError::Quick { message }
            | CompileError::MembersOnly { message } => message,
        }
    }
}
