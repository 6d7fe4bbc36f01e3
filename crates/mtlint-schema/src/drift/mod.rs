//! Drift: members a response carries that its spec does not define.
//!
//! OpenAPI objects are open unless they say `additionalProperties: false`, so schema validation
//! accepts any member it does not know. That is right for compatibility, and it also hides the
//! API growing beyond its spec. The drift validator makes those members visible:
//!
//! 1. [`close_open_objects`] copies a converted body schema and adds `unevaluatedProperties:
//!    false` at every *site*: a schema that validates an instance location (the root, each
//!    `properties`/`patternProperties` value, `items`, `prefixItems`, an `additionalProperties`
//!    schema) whose effective schema, looked at through `$ref`, `allOf`, `anyOf`, `oneOf` and
//!    `then`/`else`, declares `properties` and has no `additionalProperties` (or
//!    `unevaluatedProperties`) anywhere. The keyword goes at the site itself, beside a `$ref` if
//!    there is one (legal in 2020-12), never inside `allOf` members: `unevaluatedProperties` only
//!    sees the annotations of its own schema object and its subschemas, so inside one member it
//!    would reject the members the other parts define. Subschemas of `if`, `not`, `contains` and
//!    `propertyNames` are left alone, since a keyword added there would change what they decide.
//!    Maps (`labels`, `table_options`: `additionalProperties` and no `properties`) and closed
//!    objects (`Error`: `additionalProperties: false`) are not sites.
//! 2. [`DriftValidator::undocumented`] runs it and turns each `unevaluatedProperties` error
//!    into one [`Undocumented`] member. Its other errors are ignored: the main validator
//!    reports them. The yes/no question comes first, and is asked of [`quick_closed`]'s schema,
//!    which answers as the closed one in about half the time.
//!
//! Annotations make one correction necessary. A failing `allOf` member (or `anyOf`/`oneOf`
//! branch) drops its annotations, so when something *inside* it fails, whether a schema error or
//! a drift member one level down, the site above sees its documented members as unevaluated too.
//! Each reported member is therefore checked against the names the site declares for that
//! object: through `$ref`, every `allOf` member and every `anyOf`/`oneOf` branch, and through the
//! `then` or `else` that the object's `if` selects (the converter's discriminator `if` is a
//! `const` test, evaluated here). Where the main validator found a violation inside the object,
//! both `then` and `else` count (a column whose `kind` is unknown declares every branch's
//! members), and an object the schema rejects as a whole (a finding at the object itself)
//! reports no drift at all. A missing required member rejects only its own misspelling: an
//! unknown member whose name is a near miss of it (`nmae` for `name`) is `schema/required`'s
//! finding alone, while any other unknown member of that object is still drift.
//!
//! The modules follow those steps: `rewrite` writes the closed schema and its structure-only
//! form, `quick` the quick schema, `sites` reads what a site declares for one object, and
//! `validator` runs them on a body.

mod quick;
mod rewrite;
mod sites;
mod validator;

pub use quick::quick_closed;
pub use rewrite::{close_open_objects, members_only};
pub use validator::{DriftValidator, Undocumented};

/// The keyword the drift schema adds at each site.
const CLOSING_KEYWORD: &str = "unevaluatedProperties";

/// Keywords that say nothing about validity: a site holding only these and a reference is the
/// reference.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "readOnly",
    "writeOnly",
    "default",
    "examples",
    "deprecated",
    "$comment",
];

/// Keywords of a document's root that hold no assertion: kept where the root is rewritten.
const DOCUMENT_KEYS: &[&str] = &["$schema", "$defs", "definitions"];
