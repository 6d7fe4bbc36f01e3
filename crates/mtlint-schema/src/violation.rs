//! Turning the JSON Schema compiler's errors into findings a person understands at once.

use std::borrow::Cow;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::ValidationError;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::convert::{
    DISCRIMINATOR_KEYWORD, EXTENSIBLE_ENUM_KEYWORD, INT32_KEYWORD, INT64_KEYWORD,
};
use mtlint_json::pointer::{label, push_token};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Probably wrong.
    Warning,
    /// Breaks the contract.
    Error,
}

impl Severity {
    /// The lowercase name used in reports and configuration.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity {other:?}: expected error, warning or info"
            )),
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One way a body breaks its response schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// `schema/<keyword>`, e.g. `schema/enum`.
    pub rule: String,
    /// The schema keyword that failed (`enum`, `required`, `format`...).
    pub keyword: String,
    /// `error`, except an unknown value of an extensible enum (`warning`).
    pub severity: Severity,
    /// RFC 6901 pointer of the offending value; for a missing member, where it belongs.
    pub pointer: String,
    /// Where in the derived JSON Schema the failing keyword sits.
    pub schema_path: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Other places that take part (the first copy of a duplicate item).
    pub related: Vec<String>,
}

/// Maps one compiler error (which may expand into several findings) into `out`. `root` is the
/// schema document the error's schema path points into.
pub(crate) fn collect(error: &ValidationError<'_>, root: &Value, out: &mut Vec<Violation>) {
    let instance_path = error.instance_path().as_str().to_string();
    let schema_path = error.schema_path().as_str().to_string();
    let instance: &Value = error.instance();
    let simple = |keyword: &str, message: String, help: Option<String>| Violation {
        rule: format!("schema/{keyword}"),
        keyword: keyword.to_string(),
        severity: Severity::Error,
        pointer: instance_path.clone(),
        schema_path: schema_path.clone(),
        message,
        help,
        related: Vec::new(),
    };
    let what = label(&instance_path);
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_string);
            let mut pointer = instance_path.clone();
            push_token(&mut pointer, &name);
            out.push(Violation {
                pointer,
                ..simple(
                    "required",
                    format!("{what} has no member \"{name}\"; the schema requires it"),
                    Some(format!("add \"{name}\" to {what}")),
                )
            });
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for name in unexpected {
                let mut pointer = instance_path.clone();
                push_token(&mut pointer, name);
                out.push(Violation {
                    pointer,
                    ..simple(
                        "additionalProperties",
                        format!("{what} has member \"{name}\", which its schema does not allow (additionalProperties: false)"),
                        Some(format!("remove \"{name}\" or rename it to a documented member")),
                    )
                });
            }
        }
        ValidationErrorKind::UniqueItems => {
            let (first, repeat) = first_duplicate(instance).unwrap_or((0, 0));
            let mut pointer = instance_path.clone();
            push_token(&mut pointer, &repeat.to_string());
            let mut related = instance_path.clone();
            push_token(&mut related, &first.to_string());
            out.push(Violation {
                pointer,
                related: vec![related],
                ..simple(
                    "uniqueItems",
                    format!("{what}[{repeat}] is an exact copy of {what}[{first}]; the items of {what} must be unique"),
                    Some(format!("remove the duplicate item {repeat}")),
                )
            });
        }
        ValidationErrorKind::Custom { keyword, message } => {
            let (rule_keyword, severity) = match keyword.as_str() {
                INT32_KEYWORD | INT64_KEYWORD => ("format", Severity::Error),
                DISCRIMINATOR_KEYWORD => ("oneOf", Severity::Error),
                EXTENSIBLE_ENUM_KEYWORD => ("extensible-enum", Severity::Warning),
                other => (other, Severity::Error),
            };
            let message = match keyword.as_str() {
                INT32_KEYWORD | INT64_KEYWORD => format!("{what} is {message}"),
                DISCRIMINATOR_KEYWORD => format!(
                    "{what} is {}, which selects no schema: {message}",
                    preview(instance)
                ),
                EXTENSIBLE_ENUM_KEYWORD => format!(
                    "{what} is {}, a value the spec does not list yet ({message}; new values may appear)",
                    preview(instance)
                ),
                _ => format!("{what}: {message}"),
            };
            out.push(Violation {
                severity,
                ..simple(rule_keyword, message, None)
            });
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            if let Some(only) = intended_alternative(context, &instance_path) {
                for inner in only {
                    collect(inner, root, out);
                }
            } else {
                let keyword = error.kind().keyword().to_string();
                out.push(simple(
                    &keyword,
                    format!(
                        "{what} matches none of the {} alternatives its schema allows",
                        context.len()
                    ),
                    first_reasons(context),
                ));
            }
        }
        _ => {
            let (keyword, message, help) = describe(error, root, &what, instance);
            out.push(simple(&keyword, message, help));
        }
    }
}

/// The keyword, message and help of a compiler error that is one finding at its own place.
fn describe(
    error: &ValidationError<'_>,
    root: &Value,
    what: &str,
    instance: &Value,
) -> (String, String, Option<String>) {
    match error.kind() {
        ValidationErrorKind::Enum { options } => {
            let allowed = list(options);
            let help = options
                .as_array()
                .and_then(|opts| closest(instance, opts))
                .map(|c| format!("did you mean {c}?"));
            (
                "enum".to_string(),
                format!("{what} is {}; expected one of {allowed}", preview(instance)),
                help,
            )
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => (
            "oneOf".to_string(),
            format!("{what} matches more than one of the alternatives of its oneOf schema"),
            None,
        ),
        ValidationErrorKind::Type { kind } => (
            "type".to_string(),
            format!(
                "{what} is {}; expected {}",
                typed_preview(instance),
                expected_types(kind)
            ),
            object_shape(error, root, instance),
        ),
        ValidationErrorKind::Format { format } => (
            "format".to_string(),
            format!(
                "{what} is {}, which is not a valid {}",
                preview(instance),
                format_name(format)
            ),
            Some(format_help(format).to_string()),
        ),
        ValidationErrorKind::Pattern { pattern } => (
            "pattern".to_string(),
            format!(
                "{what} is {}, which does not match the pattern {pattern}",
                preview(instance)
            ),
            None,
        ),
        ValidationErrorKind::MaxLength { limit } => (
            "maxLength".to_string(),
            format!(
                "{what} is {} characters long; at most {limit} are allowed",
                instance.as_str().map_or(0, |s| s.chars().count())
            ),
            None,
        ),
        ValidationErrorKind::MinLength { limit } => (
            "minLength".to_string(),
            format!(
                "{what} is {} characters long; at least {limit} are required",
                instance.as_str().map_or(0, |s| s.chars().count())
            ),
            None,
        ),
        ValidationErrorKind::Minimum { limit } => (
            "minimum".to_string(),
            format!("{what} is {instance}; the minimum is {limit}"),
            None,
        ),
        ValidationErrorKind::Maximum { limit } => (
            "maximum".to_string(),
            format!("{what} is {instance}; the maximum is {limit}"),
            None,
        ),
        ValidationErrorKind::MaxProperties { limit } => (
            "maxProperties".to_string(),
            format!(
                "{what} has {} members; at most {limit} are allowed",
                instance.as_object().map_or(0, serde_json::Map::len)
            ),
            None,
        ),
        ValidationErrorKind::MaxItems { limit } => (
            "maxItems".to_string(),
            format!(
                "{what} has {} items; at most {limit} are allowed",
                instance.as_array().map_or(0, Vec::len)
            ),
            None,
        ),
        other => (
            other.keyword().to_string(),
            format!("{what}: {error}"),
            None,
        ),
    }
}

/// For a scalar where an object with required members belongs, what that object looks like,
/// with the scalar in the member it most likely meant: a column `type` written `"INT"` gets
/// `a DataType is an object: write it as {"type": "INT", "nullable": false, ...}`. The scalar
/// goes in the first required member it fits (one of an enum's values, or a free string);
/// an enum member shows its first value, others a placeholder of their type.
fn object_shape(error: &ValidationError<'_>, root: &Value, instance: &Value) -> Option<String> {
    if instance.is_object() || instance.is_array() {
        return None;
    }
    let location = error.schema_path().as_str().strip_suffix("/type")?;
    let schema = root.pointer(location)?;
    if schema.get("type").and_then(Value::as_str) != Some("object") {
        return None;
    }
    let required: Vec<&str> = schema
        .get("required")?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if required.is_empty() {
        return None;
    }
    let properties = schema.get("properties").and_then(Value::as_object);
    let mut placed = false;
    let mut members = Vec::new();
    for name in &required {
        let member = properties
            .and_then(|p| p.get(*name))
            .map(|s| resolve(root, s));
        let allowed: Option<Vec<&Value>> = member.and_then(|m| {
            m.get("const").map(|c| vec![c]).or_else(|| {
                m.get("enum")
                    .and_then(Value::as_array)
                    .map(|e| e.iter().collect())
            })
        });
        let member_type = member.and_then(|s| s.get("type")).and_then(Value::as_str);
        let value = match (member_type, allowed) {
            (_, Some(allowed)) if !allowed.is_empty() => {
                if !placed && allowed.contains(&instance) {
                    placed = true;
                    instance.clone()
                } else {
                    allowed[0].clone()
                }
            }
            (Some("string"), _) if instance.is_string() && !placed => {
                placed = true;
                instance.clone()
            }
            (Some("boolean"), _) => Value::Bool(false),
            (Some("integer" | "number"), _) => Value::from(0),
            (Some("array"), _) => Value::Array(Vec::new()),
            (Some("object"), _) => Value::Object(serde_json::Map::new()),
            _ => Value::String("...".into()),
        };
        members.push(format!("{}: {value}", Value::from(*name)));
    }
    if properties.is_some_and(|p| p.len() > required.len()) {
        members.push("...".into());
    }
    // A sketch of a large object helps no one; its required names do.
    let shape = if required.len() <= SKETCHED_MEMBERS {
        format!("write it as {{{}}}", members.join(", "))
    } else {
        format!("it requires {}", required.join(", "))
    };
    Some(match schema.get("title").and_then(Value::as_str) {
        Some(title) => format!("{} {title} is an object: {shape}", article_for(title)),
        None => format!("an object belongs here: {shape}"),
    })
}

/// The most required members an object sketch shows.
const SKETCHED_MEMBERS: usize = 3;

/// A schema seen through one `$ref` to the same document.
fn resolve<'s>(root: &'s Value, schema: &'s Value) -> &'s Value {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p))
        .unwrap_or(schema)
}

/// "a" or "an" before a schema title.
fn article_for(title: &str) -> &'static str {
    if title.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Of a failed `anyOf`/`oneOf`, the one alternative the author meant: a nullable wrapper or a
/// plain union where all but one alternative fail on the value's type (at `instance_path`
/// itself). `None` when that is not clear.
pub(crate) fn intended_alternative<'e>(
    context: &'e [Vec<ValidationError<'static>>],
    instance_path: &str,
) -> Option<&'e [ValidationError<'static>]> {
    let mut candidates = context.iter().filter(|errors| {
        !errors.iter().any(|e| {
            e.instance_path().as_str() == instance_path
                && matches!(e.kind(), ValidationErrorKind::Type { .. })
        })
    });
    match (candidates.next(), candidates.next()) {
        (Some(only), None) => Some(only.as_slice()),
        _ => None,
    }
}

fn first_reasons(context: &[Vec<ValidationError<'static>>]) -> Option<String> {
    let reasons: Vec<String> = context
        .iter()
        .enumerate()
        .filter_map(|(i, errors)| {
            errors
                .first()
                .map(|e| format!("alternative {}: {e}", i + 1))
        })
        .collect();
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

fn first_duplicate(array: &Value) -> Option<(usize, usize)> {
    let items = array.as_array()?;
    (1..items.len()).find_map(|j| (0..j).find(|&i| items[i] == items[j]).map(|i| (i, j)))
}

fn list(options: &Value) -> String {
    options.as_array().map_or_else(
        || options.to_string(),
        |items| {
            items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", ")
        },
    )
}

/// The allowed value closest to a misspelt one, when it is close enough to be a typo.
fn closest(instance: &Value, options: &[Value]) -> Option<String> {
    let given = instance.as_str()?;
    options
        .iter()
        .filter_map(Value::as_str)
        .filter(|o| near_miss(given, o))
        .min_by_key(|o| edit_distance(&given.to_lowercase(), &o.to_lowercase()))
        .map(str::to_string)
}

/// Whether `given` is close enough to `meant` to be a typo of it (case ignored).
pub(crate) fn near_miss(given: &str, meant: &str) -> bool {
    edit_distance(&given.to_lowercase(), &meant.to_lowercase()) <= 2.max(meant.len() / 4)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// A short rendering of a value for a message: strings quoted, long ones cut.
pub(crate) fn preview(value: &Value) -> Cow<'static, str> {
    let text = value.to_string();
    if text.chars().count() <= 60 {
        return Cow::Owned(text);
    }
    let cut: String = text.chars().take(57).collect();
    Cow::Owned(format!("{cut}..."))
}

fn typed_preview(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => format!("the boolean {value}"),
        Value::Number(_) => format!("the number {value}"),
        Value::String(_) => format!("the string {}", preview(value)),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn expected_types(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => article(&t.to_string()),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| article(&t.to_string()))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn article(type_name: &str) -> String {
    match type_name {
        "null" => "null".into(),
        "integer" | "array" | "object" => format!("an {type_name}"),
        other => format!("a {other}"),
    }
}

fn format_name(format: &str) -> &str {
    match format {
        "date-time" => "RFC 3339 date-time",
        "uri" => "absolute URI (RFC 3986)",
        "uuid" => "UUID (RFC 4122)",
        other => other,
    }
}

fn format_help(format: &str) -> &'static str {
    match format {
        "date-time" => "write it as 2006-01-02T15:04:05Z or 2006-01-02T15:04:05-07:00 (a 'T' between date and time, and an offset)",
        "uri" => "an absolute URI with a scheme, such as https://api.confluent.cloud/...",
        "uuid" => "write it as 8-4-4-4-12 hexadecimal digits, such as 12345678-1234-1234-1234-123456789012",
        _ => "see the format's definition in JSON Schema 2020-12",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_a_suggestion() {
        let opts = vec![Value::from("RUNNING"), Value::from("PENDING")];
        assert_eq!(
            closest(&Value::from("RUNNIN"), &opts).as_deref(),
            Some("RUNNING")
        );
        assert_eq!(closest(&Value::from("XYZ"), &opts), None);
    }

    #[test]
    fn a_type_name_where_a_data_type_belongs_gets_the_object_it_should_be() {
        let response = crate::Contract::embedded()
            .response_for(200)
            .unwrap()
            .response();
        let validator = response.body_validator().unwrap().unwrap();
        let column = serde_json::json!({"name": "id", "type": "INT", "kind": "Physical"});
        let body = serde_json::json!({"api_version": "sql/v1", "kind": "MaterializedTableList",
            "metadata": {}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable",
            "metadata": {"self": "https://example.com/t"}, "name": "t",
            "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1",
            "spec": {"columns": [column]}}]});
        let violations = validator.violations_serde(&body);
        assert_eq!(violations.len(), 1, "{violations:?}");
        assert_eq!(violations[0].pointer, "/data/0/spec/columns/0/type");
        assert_eq!(
            violations[0].help.as_deref(),
            Some(r#"a DataType is an object: write it as {"type": "INT", "nullable": false, ...}"#)
        );
        // A number where a string belongs gets no object sketch.
        let body = serde_json::json!({"api_version": "sql/v1", "kind": "MaterializedTableList",
            "metadata": {"total_size": "1"}, "data": []});
        assert_eq!(validator.violations_serde(&body)[0].help, None);
    }

    #[test]
    fn duplicates_name_the_later_copy() {
        let array = serde_json::json!([1, 2, 3, 2]);
        assert_eq!(first_duplicate(&array), Some((1, 3)));
    }
}
