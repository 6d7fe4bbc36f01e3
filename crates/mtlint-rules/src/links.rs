//! The pagination links of a list body (`metadata.first`, `last`, `prev`, `next`), for the rules
//! that read them.

use mtlint_json::Value;

use crate::formats::Formats;

/// The link members of ListMeta, in the order the seed lists them.
pub(crate) const NAMES: [&str; 4] = ["first", "last", "prev", "next"];

/// Each link of a list body that the schema accepts as a `uri`, with its member name. `null`,
/// absent, and schema-invalid links (relative references, non-strings) are skipped: the first two
/// are allowed, the last are the schema's findings.
pub(crate) fn of<'v>(
    list: &'v Value<'_>,
    formats: Formats,
) -> impl Iterator<Item = (&'static str, &'v str)> {
    let metadata = list.get("metadata");
    NAMES.into_iter().filter_map(move |name| {
        let url = formats.uri(metadata?.get(name)?)?;
        Some((name, url))
    })
}

/// The pointer of a link member.
pub(crate) fn pointer(name: &str) -> String {
    format!("/metadata/{name}")
}
