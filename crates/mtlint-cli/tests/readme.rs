//! The README's rules table is generated from the registry; this fails when it is stale.

use mtlint_cli::catalog::{rules_markdown, README_BEGIN, README_END};

#[test]
fn readme_rules_table_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(README_BEGIN).expect("begin marker") + README_BEGIN.len();
    let end = readme.find(README_END).expect("end marker");
    let current = readme[start..end].trim();
    let fresh = rules_markdown();
    if current != fresh.trim() {
        if std::env::var_os("BLESS").is_some() {
            let updated = format!("{}\n{}{}", &readme[..start], fresh, &readme[end..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!("README.md's rules table is stale: run `BLESS=1 cargo test -p mtlint-cli --test readme`\n\nexpected:\n{fresh}");
        }
    }
}
