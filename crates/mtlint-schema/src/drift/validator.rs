//! The drift validator: the quick, closed and structure-only schemas compiled once, and the
//! detailed pass that turns `unevaluatedProperties` errors into undocumented members.

use std::collections::BTreeSet;

use jsonschema::error::ValidationErrorKind;
use jsonschema::ValidationError;
use mtlint_json::pointer::{parent, push_token, tokens};
use serde_json::Value;

use super::sites::{declared, Branches};
use super::{close_open_objects, members_only, quick_closed, CLOSING_KEYWORD};
use crate::error::CompileError;
use crate::validator::BodyValidator;
use crate::violation::{near_miss, Violation};

/// A member the spec does not define.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Undocumented {
    /// RFC 6901 pointer of the member (its value).
    pub pointer: String,
    /// Pointer of the object that holds it.
    pub object: String,
    /// The member's name.
    pub name: String,
}

/// A body schema's drift validator: compiled once, shared by every thread.
pub struct DriftValidator {
    /// The closed schema ([`close_open_objects`]), where the detailed pass looks up what each
    /// site declares.
    closed: Value,
    validator: BodyValidator,
    /// [`quick_closed`]'s schema: the same yes/no answer as `validator`, sooner.
    quick: BodyValidator,
    /// The closed schema's structure alone ([`members_only`]): passes when no object has a member
    /// its site does not declare, whatever else is wrong with the body.
    gate: BodyValidator,
}

impl std::fmt::Debug for DriftValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DriftValidator").finish_non_exhaustive()
    }
}

impl DriftValidator {
    /// Builds and compiles the drift validator of a converted body schema.
    ///
    /// # Errors
    /// The variant of [`CompileError`] that names the derived schema the compiler rejected.
    pub fn compile(schema: &Value) -> Result<Self, CompileError> {
        let message = |error: CompileError| error.message().to_string();
        let quick =
            BodyValidator::compile(&quick_closed(schema)).map_err(|e| CompileError::Quick {
                message: message(e),
            })?;
        let closed = close_open_objects(schema);
        let validator = BodyValidator::compile(&closed).map_err(|e| CompileError::Closed {
            message: message(e),
        })?;
        let gate = BodyValidator::compile(&members_only(&closed)).map_err(|e| {
            CompileError::MembersOnly {
                message: message(e),
            }
        })?;
        Ok(Self {
            closed,
            validator,
            quick,
            gate,
        })
    }

    /// Whether the body is valid under the closed schema: then it is valid under the open one
    /// too (closing only adds constraints) and has no undocumented member, so one yes/no pass
    /// answers both questions for a clean body.
    #[must_use]
    pub fn is_valid_serde(&self, body: &Value) -> bool {
        self.quick.is_valid_serde(body)
    }

    /// [`DriftValidator::is_valid_serde`] answered by the closed schema itself, with
    /// `unevaluatedProperties` (slower; the reference the quick schema is tested against).
    #[must_use]
    pub fn is_valid_closed_serde(&self, body: &Value) -> bool {
        self.validator.is_valid_serde(body)
    }

    /// Whether a parsed body is valid under the closed schema (read in place): then it is valid
    /// under the open one too and has no undocumented member.
    #[must_use]
    pub fn is_valid(&self, body: &mtlint_json::Value<'_>) -> bool {
        self.quick.is_valid(body)
    }

    /// Whether a parsed body may have an undocumented member: `false` means
    /// [`DriftValidator::undocumented_serde`] finds none, so a body that fails the closed schema for
    /// other reasons (schema violations) skips the detailed drift pass.
    #[must_use]
    pub fn may_have_undocumented(&self, body: &mtlint_json::Value<'_>) -> bool {
        !self.gate.is_valid(body)
    }

    /// Every undocumented member of `body`, sorted by pointer. `violations` are the main
    /// validator's findings for the same body: objects they reject report no drift, and inside
    /// objects that hold one, every conditional branch counts as declaring its members.
    #[must_use]
    pub fn undocumented_serde(&self, body: &Value, violations: &[Violation]) -> Vec<Undocumented> {
        if self.quick.is_valid_serde(body) {
            return Vec::new();
        }
        self.undocumented_of_invalid_serde(body, violations)
    }

    /// [`DriftValidator::undocumented_serde`] of a body already known to fail the closed schema (its
    /// yes/no pass said so): the detailed pass alone.
    #[must_use]
    pub fn undocumented_of_invalid_serde(
        &self,
        body: &Value,
        violations: &[Violation],
    ) -> Vec<Undocumented> {
        let mut errors = Vec::new();
        for error in self.validator.serde().iter_errors(body) {
            unevaluated(&error, &mut errors);
        }
        let mut out = BTreeSet::new();
        for (object_pointer, site_location, names) in errors {
            if rejected_whole(&object_pointer, violations) {
                continue;
            }
            let Some(Value::Object(object)) = body.pointer(&object_pointer) else {
                continue;
            };
            let branches = if holds_violation(&object_pointer, violations) {
                Branches::All
            } else {
                Branches::For(object)
            };
            let declared = match self.closed.pointer(&site_location) {
                Some(Value::Object(site)) => declared(site, &self.closed, branches),
                _ => Some(BTreeSet::new()),
            };
            let Some(declared) = declared else {
                continue;
            };
            for name in names {
                if declared.contains(&name) || misspelt_required(&object_pointer, &name, violations)
                {
                    continue;
                }
                let mut pointer = object_pointer.clone();
                push_token(&mut pointer, &name);
                out.insert(Undocumented {
                    pointer,
                    object: object_pointer.clone(),
                    name,
                });
            }
        }
        out.into_iter().collect()
    }
}

/// `(object pointer, site location, unexpected names)` of each `unevaluatedProperties` error,
/// looking into the one `anyOf`/`oneOf` alternative that does not fail on the value's type (a
/// nullable wrapper's object branch), as the main findings do.
fn unevaluated(error: &ValidationError<'_>, out: &mut Vec<(String, String, Vec<String>)>) {
    let instance_path = error.instance_path().as_str();
    match error.kind() {
        ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let location = error.schema_path().as_str();
            let site = location
                .strip_suffix(CLOSING_KEYWORD)
                .and_then(|s| s.strip_suffix('/'))
                .unwrap_or(location);
            out.push((
                instance_path.to_string(),
                site.to_string(),
                unexpected.clone(),
            ));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            if let Some(only) = crate::violation::intended_alternative(context, instance_path) {
                for inner in only {
                    unevaluated(inner, out);
                }
            }
        }
        _ => {}
    }
}

/// Whether the schema rejects the object as a whole: a finding at the object itself.
fn rejected_whole(object: &str, violations: &[Violation]) -> bool {
    violations.iter().any(|v| v.pointer == object)
}

/// Whether `name` is most likely a misspelling of a required member missing from the object
/// (`nmae` for `name`): that mistake is `schema/required`'s finding alone. Any other unknown
/// member of the object is drift like anywhere else, missing member or not.
fn misspelt_required(object: &str, name: &str, violations: &[Violation]) -> bool {
    violations.iter().any(|v| {
        v.keyword == "required"
            && parent(&v.pointer) == object
            && tokens(&v.pointer)
                .last()
                .is_some_and(|missing| near_miss(name, &missing))
    })
}

/// Whether a finding lies at or inside the object.
fn holds_violation(object: &str, violations: &[Violation]) -> bool {
    violations.iter().any(|v| {
        v.pointer == object
            || v.pointer
                .strip_prefix(object)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}
