//! The operation contract: an OpenAPI 3.0 document narrowed to one operation, its responses and
//! their compiled validators.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use crate::convert::to_json_schema;
use crate::drift::DriftValidator;
use crate::error::{CompileError, SchemaError};
use crate::validator::BodyValidator;
use crate::violation::Violation;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation of an OpenAPI 3.0 document, ready to check responses against.
#[derive(Debug)]
pub struct Contract {
    /// Where the document came from (`<embedded>` for the bundled one).
    pub source: String,
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The HTTP method, lowercase.
    pub method: String,
    /// The path template, e.g. `/sql/v1/organizations/{organization_id}/...`.
    pub path_template: String,
    /// Path-level and operation-level parameters (resolved, schemas converted).
    pub parameters: Vec<Parameter>,
    /// Responses by status key (`"200"`, `"4XX"`, `"default"`).
    pub responses: BTreeMap<String, Response>,
}

/// A documented request parameter.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// Its name.
    pub name: String,
    /// `path`, `query`, `header` or `cookie`.
    pub location: String,
    /// Whether the request must carry it.
    pub required: bool,
    /// Its schema, converted to JSON Schema 2020-12.
    pub schema: Value,
}

/// A documented response.
#[derive(Debug)]
pub struct Response {
    /// The status key as written: `"200"`, `"4XX"` or `"default"`.
    pub status: String,
    /// Its description.
    pub description: String,
    /// Its documented headers, in document order.
    pub headers: Vec<HeaderSpec>,
    /// The media types it documents, e.g. `application/json`.
    pub media_types: Vec<String>,
    /// The JSON body schema (converted), when a JSON media type with a schema is documented.
    pub body_schema: Option<Value>,
    body: OnceLock<Result<Arc<BodyValidator>, CompileError>>,
    drift: OnceLock<Result<Arc<DriftValidator>, CompileError>>,
}

/// A documented response header.
#[derive(Debug)]
pub struct HeaderSpec {
    /// Its name as documented (compare case-insensitively).
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Whether the spec marks it `required`.
    pub required: bool,
    /// Its schema, converted to JSON Schema 2020-12.
    pub schema: Value,
    validator: OnceLock<Option<Arc<BodyValidator>>>,
}

/// How a status code is covered by the operation's responses.
#[derive(Debug, Clone, Copy)]
pub enum ResponseMatch<'a> {
    /// An exact status key (`"404"`).
    Exact(&'a Response),
    /// A range key (`"4XX"`).
    Range(&'a Response),
    /// The `default` response.
    Default(&'a Response),
}

impl<'a> ResponseMatch<'a> {
    /// The response that applies.
    #[must_use]
    pub fn response(self) -> &'a Response {
        match self {
            ResponseMatch::Exact(r) | ResponseMatch::Range(r) | ResponseMatch::Default(r) => r,
        }
    }
}

impl Response {
    /// The compiled body validator; compiled on first use, then shared by every thread.
    ///
    /// `Ok(None)` when the response documents no JSON body.
    ///
    /// # Errors
    /// The schema does not compile.
    pub fn body_validator(&self) -> Result<Option<Arc<BodyValidator>>, SchemaError> {
        let Some(schema) = &self.body_schema else {
            return Ok(None);
        };
        self.body
            .get_or_init(|| BodyValidator::compile(schema).map(Arc::new))
            .clone()
            .map(Some)
            .map_err(|error| SchemaError::Compile {
                status: self.status.clone(),
                error,
            })
    }

    /// The drift validator: the body schema with every open object that declares members closed
    /// (see [`crate::drift`]); compiled on first use, then shared by every thread.
    ///
    /// `Ok(None)` when the response documents no JSON body.
    ///
    /// # Errors
    /// The closed schema does not compile.
    pub fn drift_validator(&self) -> Result<Option<Arc<DriftValidator>>, SchemaError> {
        let Some(schema) = &self.body_schema else {
            return Ok(None);
        };
        self.drift
            .get_or_init(|| DriftValidator::compile(schema).map(Arc::new))
            .clone()
            .map(Some)
            .map_err(|error| SchemaError::Compile {
                status: self.status.clone(),
                error,
            })
    }

    /// The documented header with this name (case-insensitive).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&HeaderSpec> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }
}

impl HeaderSpec {
    /// Validates a header's text against its schema, reading it as the schema's type (a header
    /// documented as `integer` must be an integer literal).
    #[must_use]
    pub fn violations(&self, text: &str) -> Vec<Violation> {
        let value = header_value(&self.schema, text);
        let validator = self.validator.get_or_init(|| {
            let mut schema = self.schema.clone();
            if let Value::Object(map) = &mut schema {
                map.insert(
                    "$schema".into(),
                    Value::String("https://json-schema.org/draft/2020-12/schema".into()),
                );
            }
            BodyValidator::compile(&schema).ok().map(Arc::new)
        });
        validator
            .as_ref()
            .map(|v| v.violations_serde(&value))
            .unwrap_or_default()
    }
}

/// Reads a header's text as the JSON value its schema's `type` describes; text that does not
/// parse stays a string, so the `type` keyword reports it.
fn header_value(schema: &Value, text: &str) -> Value {
    let text = text.trim();
    let wants = |t: &str| match schema.get("type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|v| v == t),
        _ => false,
    };
    if wants("integer") || wants("number") {
        if let Ok(n) = text.parse::<i64>() {
            return Value::from(n);
        }
        if let Ok(n) = text.parse::<u64>() {
            return Value::from(n);
        }
        if let Some(n) = text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
        {
            return Value::Number(n);
        }
    }
    if wants("boolean") && (text == "true" || text == "false") {
        return Value::Bool(text == "true");
    }
    Value::String(text.to_string())
}

impl Contract {
    /// Loads an OpenAPI 3.0 document from a YAML or JSON file and selects one operation. The
    /// file is read whole, as it is: a caller given paths it does not control (which may name a
    /// FIFO or a device) reads them with its own limits and calls [`Contract::from_text`].
    ///
    /// # Errors
    /// The file cannot be read or parsed, is not OpenAPI 3.0, or has no such operation.
    pub fn from_path(path: &Path, operation_id: &str) -> Result<Self, SchemaError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| SchemaError::Io {
            path: shown.clone(),
            source,
        })?;
        Self::from_text(&text, &shown, operation_id)
    }

    /// Parses an OpenAPI 3.0 document (YAML or JSON) and selects one operation.
    ///
    /// # Errors
    /// As [`Contract::from_path`].
    pub fn from_text(text: &str, source: &str, operation_id: &str) -> Result<Self, SchemaError> {
        let document = parse_document(text, source)?;
        Self::from_document(&document, source, operation_id)
    }

    /// Selects one operation of an already parsed document.
    ///
    /// # Errors
    /// As [`Contract::from_path`].
    pub fn from_document(
        document: &Value,
        source: &str,
        operation_id: &str,
    ) -> Result<Self, SchemaError> {
        if let Some(swagger) = document.get("swagger") {
            return Err(SchemaError::Swagger {
                path: source.to_string(),
                version: swagger
                    .as_str()
                    .map_or_else(|| swagger.to_string(), str::to_string),
            });
        }
        let version = document
            .get("openapi")
            .and_then(Value::as_str)
            .unwrap_or("(none)");
        if !version.starts_with("3.0") {
            return Err(SchemaError::Version {
                path: source.to_string(),
                version: version.to_string(),
            });
        }
        let mut found = None;
        let mut available = Vec::new();
        for (path, item) in document
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let item = resolve(document, item)?;
            for method in METHODS {
                let Some(op) = item.get(*method) else {
                    continue;
                };
                let id = op.get("operationId").and_then(Value::as_str).unwrap_or("");
                available.push(id.to_string());
                if id == operation_id && found.is_none() {
                    found = Some((path.clone(), (*method).to_string(), item, op));
                }
            }
        }
        let Some((path_template, method, item, op)) = found else {
            available.sort();
            return Err(SchemaError::UnknownOperation {
                path: source.to_string(),
                operation_id: operation_id.to_string(),
                available: available.join(", "),
            });
        };
        let mut parameters: Vec<Parameter> = Vec::new();
        for raw in item
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .chain(
                op.get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            )
        {
            let raw = resolve(document, raw)?;
            let parameter = Parameter {
                name: str_field(raw, "name"),
                location: str_field(raw, "in"),
                required: raw.get("required").and_then(Value::as_bool) == Some(true),
                schema: match raw.get("schema") {
                    Some(s) => to_json_schema(document, s)?,
                    None => Value::Bool(true),
                },
            };
            // An operation-level parameter overrides a path-level one of the same name and place.
            parameters.retain(|p| !(p.name == parameter.name && p.location == parameter.location));
            parameters.push(parameter);
        }
        let mut responses = BTreeMap::new();
        for (status, raw) in op
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let raw = resolve(document, raw)?;
            responses.insert(status.clone(), response(document, status, raw)?);
        }
        Ok(Self {
            source: source.to_string(),
            operation_id: operation_id.to_string(),
            method,
            path_template,
            parameters,
            responses,
        })
    }

    /// The response documented for a status code: exact, then range (`4XX`), then `default`.
    /// `None` means the status is undocumented, which is itself a finding.
    #[must_use]
    pub fn response_for(&self, status: u16) -> Option<ResponseMatch<'_>> {
        if let Some(r) = self.responses.get(&status.to_string()) {
            return Some(ResponseMatch::Exact(r));
        }
        let range = format!("{}XX", status / 100);
        if let Some(r) = self
            .responses
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&range))
            .map(|(_, r)| r)
        {
            return Some(ResponseMatch::Range(r));
        }
        self.responses.get("default").map(ResponseMatch::Default)
    }

    /// The documented status keys, in order.
    #[must_use]
    pub fn statuses(&self) -> Vec<&str> {
        self.responses.keys().map(String::as_str).collect()
    }

    /// A documented parameter by name and location.
    #[must_use]
    pub fn parameter(&self, name: &str, location: &str) -> Option<&Parameter> {
        self.parameters
            .iter()
            .find(|p| p.name == name && p.location == location)
    }
}

fn str_field(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn response(document: &Value, status: &str, raw: &Value) -> Result<Response, SchemaError> {
    let mut headers = Vec::new();
    for (name, header) in raw
        .get("headers")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let header = resolve(document, header)?;
        headers.push(HeaderSpec {
            name: name.clone(),
            description: header
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_string),
            required: header.get("required").and_then(Value::as_bool) == Some(true),
            schema: match header.get("schema") {
                Some(s) => to_json_schema(document, s)?,
                None => Value::Object(Map::new()),
            },
            validator: OnceLock::new(),
        });
    }
    let content = raw.get("content").and_then(Value::as_object);
    let media_types: Vec<String> = content
        .into_iter()
        .flat_map(|c| c.keys().cloned())
        .collect();
    let body_schema = content
        .into_iter()
        .flatten()
        .find(|(media, _)| is_json_media_type(media))
        .and_then(|(_, media)| media.get("schema"))
        .map(|schema| to_json_schema(document, schema))
        .transpose()?;
    Ok(Response {
        status: status.to_string(),
        description: str_field(raw, "description"),
        headers,
        media_types,
        body_schema,
        body: OnceLock::new(),
        drift: OnceLock::new(),
    })
}

/// `application/json`, `application/problem+json`, `application/json; charset=utf-8`...
#[must_use]
pub fn is_json_media_type(media: &str) -> bool {
    let essence = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Follows a local `$ref` (`#/components/responses/X`, ...) to the object it names.
fn resolve<'a>(document: &'a Value, value: &'a Value) -> Result<&'a Value, SchemaError> {
    let mut current = value;
    for _ in 0..32 {
        let Some(reference) = current.get("$ref").and_then(Value::as_str) else {
            return Ok(current);
        };
        let Some(pointer) = reference.strip_prefix('#') else {
            return Err(SchemaError::UnsupportedRef(reference.to_string()));
        };
        current = document
            .pointer(pointer)
            .ok_or_else(|| SchemaError::UnresolvedRef(reference.to_string()))?;
    }
    Err(SchemaError::UnresolvedRef("a $ref cycle".into()))
}

/// Parses YAML or JSON into a JSON value; YAML keys that are numbers (`200:`) become strings.
fn parse_document(text: &str, source: &str) -> Result<Value, SchemaError> {
    if text.trim_start().starts_with('{') {
        if let Ok(value) = serde_json::from_str(text) {
            return Ok(value);
        }
    }
    let mut yaml: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| SchemaError::Parse {
            path: source.to_string(),
            message: e.to_string(),
        })?;
    yaml.apply_merge().map_err(|e| SchemaError::Parse {
        path: source.to_string(),
        message: e.to_string(),
    })?;
    Ok(yaml_to_json(yaml))
}

fn yaml_to_json(value: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        Y::Number(n) => n.to_string(),
                        Y::Bool(b) => b.to_string(),
                        Y::Null => "null".into(),
                        other => serde_yaml::to_string(&other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}
