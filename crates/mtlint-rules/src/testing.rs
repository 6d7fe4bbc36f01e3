//! Unit-test support: run one rule's hooks over a body, without the schema check, with the
//! embedded contract's facts (page_size maximum 100, default 10, the operation's path template).

use mtlint_schema::Contract;
use serde_json::Value;

use crate::context::RequestContext;
use crate::diagnostic::Diagnostic;
use crate::engine::{walk, ByHook, Facts};
use crate::rule::Rule;

/// The findings of `rule` alone on `body` recorded with `status`.
pub(crate) fn run(
    rule: &'static dyn Rule,
    status: u16,
    body: &Value,
    request: &RequestContext,
) -> Vec<Diagnostic> {
    let active = [(rule, rule.meta().default_severity)];
    let facts = Facts {
        status,
        request,
        page_size_max: Some(100),
        page_size_default: Some(10),
        path_template: &Contract::embedded().path_template,
        schema_valid: false,
    };
    let mut out = Vec::new();
    walk(
        &mtlint_json::Value::from_serde(body),
        &ByHook::new(&active),
        facts,
        &mut out,
    );
    out
}

/// The pointers of [`run`]'s findings on a 200 body with no request context.
pub(crate) fn pointers(rule: &'static dyn Rule, body: &Value) -> Vec<String> {
    run(rule, 200, body, &RequestContext::default())
        .into_iter()
        .map(|d| d.pointer)
        .collect()
}

/// The findings of `rule` alone on a one-item list whose item has this `spec`.
pub(crate) fn findings(rule: &'static dyn Rule, spec: &Value) -> Vec<Diagnostic> {
    let body = serde_json::json!({"api_version": "sql/v1", "kind": "MaterializedTableList",
                      "metadata": {"total_size": 1},
                      "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "spec": spec}]});
    run(rule, 200, &body, &RequestContext::default())
}

/// The findings of `rule` alone on a table whose only column has this DataType.
pub(crate) fn type_findings(rule: &'static dyn Rule, data_type: &Value) -> Vec<Diagnostic> {
    findings(
        rule,
        &serde_json::json!({"columns": [{"name": "c", "type": data_type, "kind": "Physical"}]}),
    )
}
