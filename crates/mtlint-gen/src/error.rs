//! Why a corpus could not be generated.

use miette::Diagnostic;
use thiserror::Error;

/// Why a corpus could not be generated.
#[derive(Debug, Error, Diagnostic)]
pub enum GenError {
    /// A file or folder could not be written.
    #[error("cannot write {path}: {source}")]
    #[diagnostic(code(mtlint::gen::io))]
    Io {
        /// The path.
        path: String,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// A bad option.
    #[error("{0}")]
    #[diagnostic(code(mtlint::gen::options))]
    Options(String),
    /// A generator or mutation failed (a bug in mtlint-gen).
    #[error("generating sample {index}: {message}")]
    #[diagnostic(code(mtlint::gen::internal))]
    Internal {
        /// The sample.
        index: usize,
        /// What failed.
        message: String,
    },
}
