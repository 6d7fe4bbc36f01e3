//! A compiled response-body (or header) validator.

use std::sync::OnceLock;

use jsonschema::json::Json;
use jsonschema::{Draft, Validator};
use serde_json::Value;

use crate::error::CompileError;
use crate::tree::Borrowed;
use crate::violation::{collect, Violation};

/// A compiled response-body (or header) validator: the fast yes/no path and the detailed one.
pub struct BodyValidator {
    /// The schema, for the `serde_json` validator compiled on first use.
    schema: Value,
    /// For `serde_json` values: only the detailed drift pass and library callers with such
    /// values need it, so it is compiled when first asked for.
    serde: OnceLock<Validator>,
    /// The schema compiled for [`mtlint_json::Value`]: the yes/no pass and the violations of a
    /// parsed body.
    fast: Validator<Borrowed>,
}

impl std::fmt::Debug for BodyValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyValidator").finish_non_exhaustive()
    }
}

impl BodyValidator {
    /// Compiles a JSON Schema 2020-12 document made by [`crate::convert::to_json_schema`].
    ///
    /// # Errors
    /// [`CompileError::Schema`], with the compiler's message, when the schema is not valid.
    pub fn compile(schema: &Value) -> Result<Self, CompileError> {
        Ok(Self {
            fast: build(schema).map_err(|message| CompileError::Schema { message })?,
            schema: schema.clone(),
            serde: OnceLock::new(),
        })
    }

    /// The validator for `serde_json` values, compiled on first use.
    pub(crate) fn serde(&self) -> &Validator {
        self.serde.get_or_init(|| {
            // The same schema and options compiled already, for the tree.
            build(&self.schema)
                .expect("a schema that compiled for the tree compiles for serde_json values")
        })
    }

    /// Whether a parsed body is valid: the yes/no pass, reading the tree in place.
    #[must_use]
    pub fn is_valid(&self, value: &mtlint_json::Value<'_>) -> bool {
        self.fast.is_valid(value)
    }

    /// [`BodyValidator::is_valid`] of a `serde_json` value (at the edge: a value built in code).
    #[must_use]
    pub fn is_valid_serde(&self, value: &Value) -> bool {
        self.serde().is_valid(value)
    }

    /// Every violation of a `serde_json` value (at the edge: a value built in code), each at the
    /// pointer of the offending value, sorted by pointer.
    #[must_use]
    pub fn violations_serde(&self, value: &Value) -> Vec<Violation> {
        if self.serde().is_valid(value) {
            return Vec::new();
        }
        self.violations_of_invalid_serde(value)
    }

    /// [`BodyValidator::violations_serde`] of a value already known to be invalid (the yes/no
    /// pass said so): the detailed pass alone.
    #[must_use]
    pub fn violations_of_invalid_serde(&self, value: &Value) -> Vec<Violation> {
        tidy(&self.schema, self.serde().iter_errors(value))
    }

    /// Every violation of a parsed body already known to be invalid (the yes/no pass said so),
    /// each at the pointer of the offending value, sorted by pointer; read in place (only the
    /// values the errors quote are copied).
    #[must_use]
    pub fn violations_of_invalid(&self, value: &mtlint_json::Value<'_>) -> Vec<Violation> {
        tidy(&self.schema, self.fast.iter_errors(value))
    }
}

/// A converted schema compiled for one value representation, with the converter's keywords; the
/// compiler's message when it is rejected.
fn build<F: Json>(schema: &Value) -> Result<Validator<F>, String> {
    let options = jsonschema::options_for::<F>()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true);
    crate::keywords::register(options)
        .build(schema)
        .map_err(|e| e.to_string())
}

/// The violations of a validator's errors, in pointer order, each once; a value of the wrong
/// type is not also reported as outside its enum.
fn tidy<'i>(
    schema: &Value,
    errors: impl Iterator<Item = jsonschema::ValidationError<'i>>,
) -> Vec<Violation> {
    let mut out = Vec::new();
    for error in errors {
        collect(&error, schema, &mut out);
    }
    out.sort_by(|a, b| (&a.pointer, &a.rule, &a.message).cmp(&(&b.pointer, &b.rule, &b.message)));
    out.dedup_by(|a, b| a.pointer == b.pointer && a.rule == b.rule && a.message == b.message);
    let mistyped: Vec<String> = out
        .iter()
        .filter(|v| v.keyword == "type")
        .map(|v| v.pointer.clone())
        .collect();
    if !mistyped.is_empty() {
        out.retain(|v| {
            !(matches!(v.keyword.as_str(), "enum" | "const") && mistyped.contains(&v.pointer))
        });
    }
    out
}
