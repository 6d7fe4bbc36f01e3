//! What the column and DataType rules share: Flink SQL type names as `DataType.type` may spell
//! them, and the columns of a table's `spec`.
//!
//! # Which names are Flink SQL types
//!
//! The API documentation types `DataType.type` as a free string ("The data type of the
//! column.") and its examples are `BIGINT` and `DECIMAL`. The names below are:
//!
//! - the SQL spellings Flink's type parser reads (apache/flink `LogicalTypeParser.java`, its
//!   `Keyword` enum: `CHAR`, `VARCHAR`, `STRING`, `BOOLEAN`, `BINARY`, `VARBINARY`, `BYTES`,
//!   `DECIMAL`, `DEC`, `NUMERIC`, `TINYINT`, `SMALLINT`, `INT`, `INTEGER`, `BIGINT`, `FLOAT`,
//!   `DOUBLE [PRECISION]`, `DATE`, `TIME`, `TIMESTAMP`, `TIMESTAMP_LTZ`, `TIMESTAMP WITH [LOCAL]
//!   TIME ZONE`, `INTERVAL ...`, `ARRAY`, `MULTISET`, `MAP`, `ROW`, `STRUCTURED`, `NULL`, `RAW`,
//!   `VARIANT`, `BITMAP`), which are also the types Confluent's "Data Types in Confluent Cloud
//!   for Apache Flink" page lists (docs.confluent.io/cloud/current/flink/reference/datatypes.html);
//! - the `LogicalTypeRoot` names (apache/flink `LogicalTypeRoot.java`), because that is what the
//!   API writes in result schemas: Confluent's own Python driver (confluentinc/confluent-sql,
//!   `src/confluent_sql/types.py`, `_flink_type_name_to_converter_map`) maps
//!   `TIMESTAMP_WITH_LOCAL_TIME_ZONE`, `TIME_WITHOUT_TIME_ZONE`, `INTERVAL_DAY_TIME`,
//!   `INTERVAL_YEAR_MONTH`... as they come from the statement API, whose `DataType` schema is
//!   the one this API documents.
//!
//! Left out on purpose: `SYMBOL`, `UNRESOLVED`, `DESCRIPTOR` and `LEGACY`, which exist only
//! inside the planner or for function arguments and never type a table's column.
//!
//! Names compare case-insensitively with runs of spaces read as one, as Flink's parser does
//! (it upper-cases keywords): `bigint` is `BIGINT`.

use mtlint_json::Value;

/// The kind of a Flink type, as far as the rules need to tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Root {
    /// CHAR, VARCHAR, STRING, BOOLEAN, BINARY, VARBINARY, BYTES, the integer and
    /// floating-point types, DATE, INTERVAL, NULL, RAW, VARIANT, BITMAP, user-defined types.
    Other,
    /// DECIMAL / DEC / NUMERIC.
    Decimal,
    /// TIME (without time zone).
    Time,
    /// TIMESTAMP (without time zone).
    Timestamp,
    /// TIMESTAMP_LTZ (with local time zone).
    TimestampLtz,
    /// TIMESTAMP WITH TIME ZONE.
    TimestampTz,
    /// ARRAY.
    Array,
    /// MULTISET.
    Multiset,
    /// MAP.
    Map,
    /// ROW.
    Row,
}

/// Every accepted spelling (upper case, single spaces) and its root.
const NAMES: &[(&str, Root)] = &[
    ("CHAR", Root::Other),
    ("VARCHAR", Root::Other),
    ("STRING", Root::Other),
    ("BOOLEAN", Root::Other),
    ("BINARY", Root::Other),
    ("VARBINARY", Root::Other),
    ("BYTES", Root::Other),
    ("DECIMAL", Root::Decimal),
    ("DEC", Root::Decimal),
    ("NUMERIC", Root::Decimal),
    ("TINYINT", Root::Other),
    ("SMALLINT", Root::Other),
    ("INT", Root::Other),
    ("INTEGER", Root::Other),
    ("BIGINT", Root::Other),
    ("FLOAT", Root::Other),
    ("DOUBLE", Root::Other),
    ("DOUBLE PRECISION", Root::Other),
    ("DATE", Root::Other),
    ("TIME", Root::Time),
    ("TIME WITHOUT TIME ZONE", Root::Time),
    ("TIME_WITHOUT_TIME_ZONE", Root::Time),
    ("TIMESTAMP", Root::Timestamp),
    ("TIMESTAMP WITHOUT TIME ZONE", Root::Timestamp),
    ("TIMESTAMP_WITHOUT_TIME_ZONE", Root::Timestamp),
    ("TIMESTAMP_LTZ", Root::TimestampLtz),
    ("TIMESTAMP WITH LOCAL TIME ZONE", Root::TimestampLtz),
    ("TIMESTAMP_WITH_LOCAL_TIME_ZONE", Root::TimestampLtz),
    ("TIMESTAMP WITH TIME ZONE", Root::TimestampTz),
    ("TIMESTAMP_WITH_TIME_ZONE", Root::TimestampTz),
    ("INTERVAL", Root::Other),
    ("INTERVAL YEAR", Root::Other),
    ("INTERVAL YEAR TO MONTH", Root::Other),
    ("INTERVAL MONTH", Root::Other),
    ("INTERVAL DAY", Root::Other),
    ("INTERVAL DAY TO HOUR", Root::Other),
    ("INTERVAL DAY TO MINUTE", Root::Other),
    ("INTERVAL DAY TO SECOND", Root::Other),
    ("INTERVAL HOUR", Root::Other),
    ("INTERVAL HOUR TO MINUTE", Root::Other),
    ("INTERVAL HOUR TO SECOND", Root::Other),
    ("INTERVAL MINUTE", Root::Other),
    ("INTERVAL MINUTE TO SECOND", Root::Other),
    ("INTERVAL SECOND", Root::Other),
    ("INTERVAL_YEAR_MONTH", Root::Other),
    ("INTERVAL_DAY_TIME", Root::Other),
    ("ARRAY", Root::Array),
    ("MULTISET", Root::Multiset),
    ("MAP", Root::Map),
    ("ROW", Root::Row),
    ("STRUCTURED", Root::Other),
    ("STRUCTURED_TYPE", Root::Other),
    ("DISTINCT_TYPE", Root::Other),
    ("NULL", Root::Other),
    ("RAW", Root::Other),
    ("VARIANT", Root::Other),
    ("BITMAP", Root::Other),
];

/// A type name upper-cased, trimmed, with runs of whitespace as one space.
fn normalize(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

/// Slots of [`TABLE`]: a power of two over twice the names, so probes stay short.
const SLOTS: usize = 128;

// `lookup` probes until it finds the name or a free slot: there must be one.
const _: () = assert!(NAMES.len() < SLOTS, "TABLE needs a free slot");

/// Where a name's probe starts: its length and three of its bytes, mixed. Every DataType asks,
/// so this reads four bytes where a general hash reads them all.
const fn slot_of(name: &[u8]) -> usize {
    let n = name.len();
    (n + name[0] as usize * 11 + name[n - 1] as usize * 31 + name[n / 2] as usize * 13) % SLOTS
}

/// [`NAMES`] in open addressing: each at its [`slot_of`], or the next free slot after it. Built
/// at compile time.
static TABLE: [Option<(&str, Root)>; SLOTS] = {
    let mut table: [Option<(&str, Root)>; SLOTS] = [None; SLOTS];
    let mut i = 0;
    while i < NAMES.len() {
        let (name, root) = NAMES[i];
        let mut slot = slot_of(name.as_bytes());
        while table[slot].is_some() {
            slot = (slot + 1) % SLOTS;
        }
        table[slot] = Some((name, root));
        i += 1;
    }
    table
};

/// The root of a name spelled exactly as [`NAMES`] has it.
fn lookup(name: &[u8]) -> Option<Root> {
    if name.is_empty() {
        return None;
    }
    let mut slot = slot_of(name);
    // The table has free slots, so every probe ends.
    loop {
        let (known, root) = TABLE[slot]?;
        if known.as_bytes() == name {
            return Some(root);
        }
        slot = (slot + 1) % SLOTS;
    }
}

/// The root of a Flink type name; `None` when it is not one.
pub(crate) fn root(name: &str) -> Option<Root> {
    // Most often the name is written as the table has it: upper case, no stray space.
    let bytes = name.as_bytes();
    if let Some(root) = lookup(bytes) {
        return Some(root);
    }
    // Otherwise a tidy spelling (no space at either end, no two in a row, no tab or line
    // break) is upper-cased on the stack in the same pass that checks it; only irregular
    // whitespace pays for `normalize`.
    let mut upper = [0u8; 48];
    if bytes.len() <= upper.len() {
        if bytes.iter().all(|&b| b > b' ' && !b.is_ascii_lowercase()) {
            // Already looked up as it is.
            return None;
        }
        let mut tidy = bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ');
        let mut after_space = false;
        for (slot, &b) in upper.iter_mut().zip(bytes) {
            let space = b == b' ';
            tidy &= !(matches!(b, b'\t' | b'\n' | b'\r') || space && after_space);
            after_space = space;
            *slot = b.to_ascii_uppercase();
        }
        if tidy {
            return lookup(&upper[..bytes.len()]);
        }
    }
    lookup(normalize(name).as_bytes())
}

/// The root of a DataType's `type`, when it is a string naming a Flink type.
pub(crate) fn root_of(data_type: &Value) -> Option<Root> {
    data_type.get("type").and_then(Value::as_str).and_then(root)
}

/// What to suggest for a name that is not a Flink type: `(known name, why)`.
pub(crate) fn suggestion(name: &str) -> Option<(&'static str, &'static str)> {
    let normalized = normalize(name);
    // `VARCHAR(255)`, `ARRAY<INT>`, `INT NOT NULL`: a whole SQL type where only its name goes.
    let head = normalized
        .split(['(', '<'])
        .next()
        .unwrap_or("")
        .trim_end()
        .trim_end_matches(" NOT NULL")
        .trim_end_matches(" NULL");
    if head != normalized {
        if let Some((known, _)) = NAMES.iter().find(|(n, _)| *n == head) {
            return Some((
                known,
                "only the type's name goes in `type`: its length, precision and scale go in `length`, `precision`, `scale`, its nested types in `element_type`, `key_type`/`value_type` or `fields`, and NOT NULL in `nullable: false`",
            ));
        }
    }
    NAMES
        .iter()
        .map(|(n, _)| (edit_distance(&normalized, n), *n))
        .filter(|(d, n)| *d <= 2.max(n.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| (n, "the closest Flink SQL type name"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// An integer member of a DataType that the schema accepts (`type: integer, format: int32`):
/// anything else is a schema finding, about which the semantic rules stay silent.
pub(crate) fn int32(data_type: &Value, key: &str) -> Option<i64> {
    data_type
        .get(key)
        .and_then(Value::as_integer)
        .filter(|v| i32::try_from(*v).is_ok())
}

/// The columns of a `spec` by name: `(index, name)` of each column whose `name` is a string.
pub(crate) fn named_columns<'v>(spec: &'v Value<'_>) -> Vec<(usize, &'v str)> {
    spec.get("columns")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, c)| c.get("name").and_then(Value::as_str).map(|n| (i, n)))
        .collect()
}

/// The first column named `name` (Flink identifiers are case-sensitive: exact comparison).
pub(crate) fn find_column<'s>(spec: &'s Value<'_>, name: &str) -> Option<(usize, &'s Value<'s>)> {
    let columns = spec.get("columns")?.as_array()?;
    columns
        .iter()
        .enumerate()
        .find(|(_, c)| c.get("name").and_then(Value::as_str) == Some(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_and_logical_type_root_spellings_are_known() {
        for name in [
            "INT",
            "INTEGER",
            "bigint",
            "Double  Precision",
            " Int\n",
            "\ttimestamp ",
            "TIMESTAMP_WITH_LOCAL_TIME_ZONE",
            "TIMESTAMP WITH LOCAL TIME ZONE",
            "INTERVAL",
            "INTERVAL_DAY_TIME",
            "interval day to second",
            "RAW",
            "STRUCTURED_TYPE",
            "DISTINCT_TYPE",
            "VARIANT",
        ] {
            assert!(root(name).is_some(), "{name}");
        }
        for name in [
            "",
            "VARCHAR(10)",
            "TEXT",
            "SYMBOL",
            "UNRESOLVED",
            "TIMESTAMPLTZ",
            "BIG INT",
            "INT\u{b}",
        ] {
            assert!(root(name).is_none(), "{name}");
        }
        // Longer than any name, tidy or not.
        assert!(root(&"INTERVAL ".repeat(10)).is_none());
        assert!(root(&"INTERVAL  ".repeat(10)).is_none());
        assert_eq!(root("timestamp_ltz"), Some(Root::TimestampLtz));
        assert_eq!(root("NUMERIC"), Some(Root::Decimal));
    }

    #[test]
    fn every_name_is_found_however_it_is_cased_or_spaced() {
        for (name, expected) in NAMES {
            let found = |spelling: &str| root(spelling).map(|r| r == *expected);
            assert_eq!(found(name), Some(true), "{name}");
            assert_eq!(found(&name.to_ascii_lowercase()), Some(true), "{name}");
            assert_eq!(found(&format!(" {name} ")), Some(true), "{name}");
            assert_eq!(found(&name.replace(' ', "  ")), Some(true), "{name}");
        }
    }

    #[test]
    fn suggestions_name_the_closest_type_or_the_name_inside_a_sql_type() {
        assert_eq!(suggestion("BIGINTT").map(|s| s.0), Some("BIGINT"));
        assert_eq!(
            suggestion("TIMESTAMPLTZ").map(|s| s.0),
            Some("TIMESTAMP_LTZ")
        );
        assert_eq!(suggestion("VARCHAR(255)").map(|s| s.0), Some("VARCHAR"));
        assert_eq!(suggestion("ARRAY<INT>").map(|s| s.0), Some("ARRAY"));
        assert_eq!(suggestion("INT NOT NULL").map(|s| s.0), Some("INT"));
        assert_eq!(suggestion("GEOMETRY"), None);
    }

    #[test]
    fn int32_values_only() {
        let dt = Value::from(serde_json::json!({"a": 3, "b": 2147483648_i64, "c": "3", "d": 1.5}));
        assert_eq!(int32(&dt, "a"), Some(3));
        assert_eq!(int32(&dt, "b"), None);
        assert_eq!(int32(&dt, "c"), None);
        assert_eq!(int32(&dt, "d"), None);
        assert_eq!(int32(&dt, "e"), None);
    }
}
