//! What the golden tests share: reading a case's `.expected` file.

use std::path::Path;

/// The `#` comment lines (kept when blessing) and the finding lines of the `.expected` file
/// beside `case`, each line ending in a newline.
pub fn read_expected(case: &Path) -> (String, String) {
    let path = case.with_extension("expected");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} has no .expected beside it", case.display()));
    let comments = text
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let findings = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    (comments, findings)
}
