//! The `schema/<keyword>` rules: raised by the JSON Schema validator, documented and configured
//! like every other rule.

use crate::rule::{Category, RuleMeta};

/// `schema/required`: A member the schema requires is missing.
pub const SCHEMA_REQUIRED: RuleMeta = RuleMeta {
    name: "schema/required",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A member the schema requires is missing.

## What it checks
Every `required` list of the response schema: the list's `api_version`, `kind`, `metadata`, `data`; each item's `api_version`, `kind`, `metadata`, `name`, `organization_id`, `environment_id`, `spec`; `metadata.self`; a DataType's `type` and `nullable`; a column's `name`, `type`, `kind` (and `expression` for Computed columns); an error body's `errors`; and so on. The finding points where the member belongs.

## Why it matters
The API documentation lists these members under `required:`; a client that deserialises the response into its generated types fails, or silently gets zero values, when one is missing.

## Example
```json 400
{"error": [{"status": "400"}]}
```

## Passes
```json 400
{"errors": [{"status": "400"}]}
```
"##,
};

/// `schema/type`: A value has the wrong JSON type.
pub const SCHEMA_TYPE: RuleMeta = RuleMeta {
    name: "schema/type",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A value has the wrong JSON type.

## What it checks
Each `type` of the response schema, with OpenAPI's `nullable: true` allowing `null` where the API documentation says so (the list's pagination links, `Error.message`).

## Why it matters
Generated clients decode by type: a string where the API documentation says `integer` (`error_code`, `total_size`, `version`) breaks decoding.

## Example
```json 400
{"errors": [{"status": "400", "error_code": "42"}]}
```

## Passes
```json 400
{"errors": [{"status": "400", "error_code": 42}]}
```
"##,
};

/// `schema/enum`: A value is not one of the values its schema lists.
pub const SCHEMA_ENUM: RuleMeta = RuleMeta {
    name: "schema/enum",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A value is not one of the values its schema lists.

## What it checks
Each closed `enum` of the API documentation: `api_version` (`sql/v1`), `kind`, `status.phase`, warning `severity`, `scaling_status.scaling_state`, constraint `type`, distribution `kind`, a column's `kind` inside its branch. The message names the allowed values and suggests the closest one.

## Why it matters
The API documentation gives these as closed enums (`enum:`), so clients generate exhaustive types from them; an unknown value is a breaking change for them.

## Example
```json
{"api_version": "sql/v2", "kind": "MaterializedTableList", "metadata": {}, "data": []}
```

## Passes
```json
{"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {}, "data": []}
```
"##,
};

/// `schema/extensible-enum`: A value is not one of the values an extensible enum lists yet.
pub const SCHEMA_EXTENSIBLE_ENUM: RuleMeta = RuleMeta {
    name: "schema/extensible-enum",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Warning,
    docs: r##"A value is not one of the values an extensible enum lists yet.

## What it checks
`x-extensible-enum` lists of a user-supplied spec (the upstream document uses them for `phase`, `severity`, `scaling_state`...): a value outside the list is reported as a warning, because such enums announce that new values may appear.

## Why it matters
Clients should handle unknown values of an extensible enum gracefully; the warning tells you one appeared. The API documentation's own enums are closed, so this rule only fires with `--spec`.

## Example
```text
(no example: x-extensible-enum exists only in user-supplied specs)
```

## Passes
```text
(no example: )
```
"##,
};

/// `schema/pattern`: A string does not match its schema's pattern.
pub const SCHEMA_PATTERN: RuleMeta = RuleMeta {
    name: "schema/pattern",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A string does not match its schema's pattern.

## What it checks
Each `pattern`, with ECMA-262 semantics: `$` is the end of the input, so `"orders\n"` does not match `^[a-zA-Z0-9._-]+$`. In this operation: the table `name`.

## Why it matters
`MaterializedTable.name`: "May contain ASCII alphanumerics, '.', '_' and '-'". Names outside that set cannot be created, so a response carrying one is not from the real service.

## Example
```json
{"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/high%20value%20orders"}, "name": "high value orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
```

## Passes
```json
{"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1"}}]}
```
"##,
};

/// `schema/maxLength`: A string is longer than its schema allows.
pub const SCHEMA_MAX_LENGTH: RuleMeta = RuleMeta {
    name: "schema/maxLength",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A string is longer than its schema allows.

## What it checks
Each `maxLength`: `name` (249), `spec.principal` (255), `spec.query` (131072), an error's `id` (255). Length counts characters (code points), not bytes.

## Why it matters
The API documentation bounds these lengths; a longer value would be rejected on create, so a response carrying one breaks the contract.

## Example
```json 400
{"errors": [{"id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}]}
```

## Passes
```json 400
{"errors": [{"id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}]}
```
"##,
};

/// `schema/minLength`: A string is shorter than its schema allows.
pub const SCHEMA_MIN_LENGTH: RuleMeta = RuleMeta {
    name: "schema/minLength",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A string is shorter than its schema allows.

## What it checks
Each `minLength` of a user-supplied spec. The API documentation's schemas have none, so this rule only fires with `--spec`.

## Why it matters
A documented lower bound on a string's length is part of the contract.

## Example
```text
(no example: no minLength in the API documentation)
```

## Passes
```text
(no example: )
```
"##,
};

/// `schema/minimum`: A number is below its schema's minimum.
pub const SCHEMA_MINIMUM: RuleMeta = RuleMeta {
    name: "schema/minimum",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A number is below its schema's minimum.

## What it checks
Each `minimum`: `metadata.total_size` (0), `status.version` and `status.latest_version` (1), `distribution.bucket_count` (1).

## Why it matters
The API documentation bounds these values ("minimum: 1" for versions); a count below zero or a version 0 is not something the service can produce.

## Example
```json
{"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": -1}, "data": []}
```

## Passes
```json
{"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 0}, "data": []}
```
"##,
};

/// `schema/maximum`: A number is above its schema's maximum.
pub const SCHEMA_MAXIMUM: RuleMeta = RuleMeta {
    name: "schema/maximum",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A number is above its schema's maximum.

## What it checks
Each `maximum` of a response schema. The API documentation's only maximum is on the `page_size` request parameter (100), which the `page-size-exceeded` and pagination rules check; response schemas have none, so this rule fires only with `--spec`.

## Why it matters
A documented upper bound is part of the contract.

## Example
```text
(no example: no maximum in the documented response schemas)
```

## Passes
```text
(no example: )
```
"##,
};

/// `schema/maxProperties`: An object has more members than its schema allows.
pub const SCHEMA_MAX_PROPERTIES: RuleMeta = RuleMeta {
    name: "schema/maxProperties",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"An object has more members than its schema allows.

## What it checks
Each `maxProperties`: `spec.table_options` and `spec.session_options` (8192 each).

## Why it matters
The API documentation caps `MaterializedTableSpec.table_options` and `session_options` at 8192 entries.

## Example
```text
(no example: an example needs 8193 members; see corpus/200/invalid-table-options-too-many.json)
```

## Passes
```text
(no example: )
```
"##,
};

/// `schema/uniqueItems`: An array that must hold unique items holds two equal ones.
pub const SCHEMA_UNIQUE_ITEMS: RuleMeta = RuleMeta {
    name: "schema/uniqueItems",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"An array that must hold unique items holds two equal ones.

## What it checks
Each `uniqueItems: true`: the list's `data` and an error body's `errors`. The finding points at the later copy, with the first as a related location.

## Why it matters
The API documentation declares `uniqueItems: true` on both arrays; a repeated item usually means a paging or merge bug in whatever produced the response.

## Example
```json 400
{"errors": [{"id": "a", "status": "400"}, {"id": "a", "status": "400"}]}
```

## Passes
```json 400
{"errors": [{"id": "a", "status": "400"}, {"id": "b", "status": "400"}]}
```
"##,
};

/// `schema/format`: A value does not have its declared format.
pub const SCHEMA_FORMAT: RuleMeta = RuleMeta {
    name: "schema/format",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A value does not have its declared format.

## What it checks
Formats are asserted, not annotations: `uuid` (`organization_id`), `uri` (`metadata.self`, `resource_name`, pagination links), `date-time` (RFC 3339 with a `T` and an offset: `created_at`, `updated_at`, `deleted_at`, warning `created_at`, `scaling_status.last_updated`), and the integer formats `int32`/`int64` as ranges (`total_size`, `version`, `error_code`...).

## Why it matters
The API documentation types these members with formats, and clients parse them (a date-time into a timestamp, a uri into a URL); a value that does not parse breaks them. Note that the documentation's own example for `ScalingStatus.last_updated` ('1996-03-19 01:02:03-04:05') is not a valid date-time.

## Example
```json 400
{"errors": [{"status": "400", "error_code": 2147483648}]}
```

## Passes
```json 400
{"errors": [{"status": "400", "error_code": 2147483647}]}
```
"##,
};

/// `schema/additionalProperties`: An object has a member its schema forbids.
pub const SCHEMA_ADDITIONAL_PROPERTIES: RuleMeta = RuleMeta {
    name: "schema/additionalProperties",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"An object has a member its schema forbids.

## What it checks
Each `additionalProperties: false` (an error body's `Error` items) and each `additionalProperties` schema (`labels`, `table_options`, `session_options` values must be strings). The finding points at the member itself.

## Why it matters
The API documentation closes `Error` with `additionalProperties: false`: a client may reject unknown members there.

## Example
```json 400
{"errors": [{"status": "400", "colour": "red"}]}
```

## Passes
```json 400
{"errors": [{"status": "400", "code": "red"}]}
```
"##,
};

/// `schema/oneOf`: A value matches none (or several) of its alternatives, or its discriminator selects none.
pub const SCHEMA_ONE_OF: RuleMeta = RuleMeta {
    name: "schema/oneOf",
    aliases: &[],
    category: Category::Schema,
    default_severity: mtlint_schema::Severity::Error,
    docs: r##"A value matches none (or several) of its alternatives, or its discriminator selects none.

## What it checks
Each `oneOf`/`anyOf`. A column's `kind` is a discriminator: it selects the Physical, Metadata or Computed schema, and findings inside a column are reported against that branch at the precise member; a `kind` that selects no branch is reported here, naming the allowed kinds.

## Why it matters
`ColumnDetails` maps `kind` to exactly three column schemas; any other kind cannot be decoded by clients generated from the spec.

## Example
```json
{"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "INT", "nullable": false}, "kind": "Virtual"}]}}]}
```

## Passes
```json
{"api_version": "sql/v1", "kind": "MaterializedTableList", "metadata": {"total_size": 1}, "data": [{"api_version": "sql/v1", "kind": "MaterializedTable", "metadata": {"self": "https://flink.us-west1.aws.confluent.cloud/sql/v1/environments/env-1/databases/lkc-1/materialized-tables/orders"}, "name": "orders", "organization_id": "5a6b2f1c-8d3e-4f5a-9b7c-1d2e3f4a5b6c", "environment_id": "env-1", "spec": {"kafka_cluster_id": "lkc-1", "columns": [{"name": "id", "type": {"type": "INT", "nullable": false}, "kind": "Physical"}]}}]}
```
"##,
};

/// Every schema rule.
pub static RULES: &[RuleMeta] = &[
    SCHEMA_REQUIRED,
    SCHEMA_TYPE,
    SCHEMA_ENUM,
    SCHEMA_EXTENSIBLE_ENUM,
    SCHEMA_PATTERN,
    SCHEMA_MAX_LENGTH,
    SCHEMA_MIN_LENGTH,
    SCHEMA_MINIMUM,
    SCHEMA_MAXIMUM,
    SCHEMA_MAX_PROPERTIES,
    SCHEMA_UNIQUE_ITEMS,
    SCHEMA_FORMAT,
    SCHEMA_ADDITIONAL_PROPERTIES,
    SCHEMA_ONE_OF,
];
