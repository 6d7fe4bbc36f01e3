//! Running one rule over a body in unit tests.

use mtlint_schema::Severity;
use serde_json::{json, Value};

use crate::context::RequestContext;
use crate::diagnostic::Diagnostic;
use crate::rule::Rule;

/// The findings of `rule` alone on a body.
pub(crate) fn body_findings(rule: &'static dyn Rule, body: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    crate::walk::walk(
        body,
        &[(rule, Severity::Error)],
        200,
        &RequestContext::default(),
        Some(100),
        &mut out,
    );
    out
}

/// The findings of `rule` alone on a one-item list whose item has this `spec`.
pub(crate) fn findings(rule: &'static dyn Rule, spec: &Value) -> Vec<Diagnostic> {
    let body = json!({"api_version": "sql/v1", "kind": "MaterializedTableList",
                      "metadata": {"total_size": 1},
                      "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "spec": spec}]});
    body_findings(rule, &body)
}

/// The findings of `rule` alone on a table whose only column has this DataType.
pub(crate) fn type_findings(rule: &'static dyn Rule, data_type: &Value) -> Vec<Diagnostic> {
    findings(
        rule,
        &json!({"columns": [{"name": "c", "type": data_type, "kind": "Physical"}]}),
    )
}
