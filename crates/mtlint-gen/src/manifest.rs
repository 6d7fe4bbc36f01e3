//! The manifest of a generated corpus, `OUT/manifest.tsv`, and the guard that lets `mtlint gen`
//! replace only a corpus it wrote itself.
//!
//! The manifest is tab-separated, one header line then one line per sample, in generation
//! order: `file`, `status`, `verdict` (`valid` or `invalid`), `default_check` (`pass` or
//! `fail`), then, for an invalid sample, `mutation`, `rule` and `severity`; [`Row::line`]
//! writes one.
//!
//! `default_check` is what a default `mtlint check` of that file says (it fails on errors only):
//! an invalid sample whose rule is a warning passes it. Its extension is not `.json`, so that
//! `mtlint check OUT` does not take it for a response.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::GenError;

/// The manifest's file name inside the output folder.
pub const FILE_NAME: &str = "manifest.tsv";

/// The manifest's first line; a file that does not start with it was not written by
/// `mtlint gen`, and `--force` leaves the folder that holds it alone.
pub const HEADER: &str = "file\tstatus\tverdict\tdefault_check\tmutation\trule\tseverity";

/// The extension of an invalid sample's sidecar.
pub const SIDECAR_EXTENSION: &str = "mutation";

/// One sample, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The sample's path relative to the output folder, with `/` between its parts.
    pub file: String,
    /// The status of its (first) response.
    pub status: u16,
    /// For an invalid sample: the mutation, the rule a checker must report, and its default
    /// severity.
    pub broken: Option<Broken>,
}

/// What an invalid sample breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The mutation's id.
    pub mutation: String,
    /// The rule whose finding the sample must produce.
    pub rule: String,
    /// That rule's default severity (`error`, `warning` or `info`).
    pub severity: String,
}

impl Row {
    /// The manifest line, without its newline.
    #[must_use]
    pub fn line(&self) -> String {
        match &self.broken {
            None => format!("{}\t{}\tvalid\tpass", self.file, self.status),
            Some(b) => format!(
                "{}\t{}\tinvalid\t{}\t{}\t{}\t{}",
                self.file,
                self.status,
                if b.severity == "error" {
                    "fail"
                } else {
                    "pass"
                },
                b.mutation,
                b.rule,
                b.severity
            ),
        }
    }
}

/// The manifest being written: the header at once, then one line per sample, each written
/// before its sample, so that a run that stops half way leaves a manifest naming every file it
/// wrote (and `--force` can replace it).
#[derive(Debug)]
pub struct Writer {
    file: std::fs::File,
    path: PathBuf,
}

impl Writer {
    /// Creates `out/manifest.tsv` and writes its header.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn create(out: &Path) -> Result<Self, GenError> {
        let path = out.join(FILE_NAME);
        let file = std::fs::File::create(&path).map_err(|source| io_error(&path, source))?;
        let mut writer = Self { file, path };
        writer.write_line(HEADER)?;
        Ok(writer)
    }

    /// Adds a sample's line.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn add(&mut self, row: &Row) -> Result<(), GenError> {
        self.write_line(&row.line())
    }

    fn write_line(&mut self, line: &str) -> Result<(), GenError> {
        writeln!(self.file, "{line}").map_err(|source| io_error(&self.path, source))
    }
}

fn io_error(path: &Path, source: std::io::Error) -> GenError {
    GenError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Makes `out` ready for a new corpus. A missing or empty folder is ready as it is. A folder
/// with anything in it is refused unless `replace` is set; then it is emptied only when it
/// holds a corpus `mtlint gen` wrote and nothing else: a manifest, the files it lists, their
/// sidecars, and their status folders. Anything else in it (a file of the user's, a symbolic
/// link, a manifest that is not mtlint's) refuses the whole replacement before anything is
/// deleted.
///
/// # Errors
/// The folder is not empty and `replace` is not set, or it holds what `mtlint gen` did not
/// write, or it cannot be read or emptied.
pub fn prepare(out: &Path, replace: bool) -> Result<(), GenError> {
    let shown = out.display();
    let metadata = match std::fs::symlink_metadata(out) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(io_error(out, source)),
    };
    if !metadata.is_dir() {
        return Err(GenError::Options(format!("--out {shown} is not a folder")));
    }
    let mut entries = Vec::new();
    list(out, Path::new(""), &mut entries)?;
    if entries.is_empty() {
        return Ok(());
    }
    if !replace {
        return Err(GenError::Options(format!(
            "--out {shown} is not empty: choose an empty or new folder, or pass --force to replace a corpus that mtlint gen wrote there"
        )));
    }
    let manifest_path = out.join(FILE_NAME);
    let manifest = match std::fs::read_to_string(&manifest_path) {
        Ok(text) if text.lines().next() == Some(HEADER) => text,
        _ => {
            return Err(GenError::Options(format!(
                "--force replaces only a corpus that mtlint gen wrote, and {shown} holds no manifest of one ({FILE_NAME}); nothing was deleted"
            )))
        }
    };
    let ours = listed_files(&manifest).map_err(|line| {
        GenError::Options(format!(
            "{}: line {line} is not a manifest line of mtlint gen; nothing was deleted",
            manifest_path.display()
        ))
    })?;
    let foreign: Vec<String> = entries
        .iter()
        .filter(|e| match e {
            Entry::File(path) => !ours.contains(path),
            Entry::Folder(_) => false,
            Entry::Other(_) => true,
        })
        .map(|e| e.path().display().to_string())
        .collect();
    if !foreign.is_empty() {
        let shown_foreign: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
        return Err(GenError::Options(format!(
            "--force replaces only what mtlint gen wrote, and {shown} also holds {} other entr{} ({}{}); nothing was deleted",
            foreign.len(),
            if foreign.len() == 1 { "y" } else { "ies" },
            shown_foreign.join(", "),
            if foreign.len() > 5 { ", ..." } else { "" }
        )));
    }
    // Files first, then folders from the deepest: each folder is empty by then.
    for entry in &entries {
        if let Entry::File(path) = entry {
            let path = out.join(path);
            std::fs::remove_file(&path).map_err(|source| io_error(&path, source))?;
        }
    }
    for entry in entries.iter().rev() {
        if let Entry::Folder(path) = entry {
            let path = out.join(path);
            std::fs::remove_dir(&path).map_err(|source| io_error(&path, source))?;
        }
    }
    Ok(())
}

/// What a folder holds, by path relative to the output folder.
enum Entry {
    File(PathBuf),
    Folder(PathBuf),
    /// A symbolic link, a FIFO, a socket or a device: never written by `mtlint gen`.
    Other(PathBuf),
}

impl Entry {
    fn path(&self) -> &Path {
        match self {
            Entry::File(p) | Entry::Folder(p) | Entry::Other(p) => p,
        }
    }
}

/// Lists everything under `root/relative`, a folder before what it holds, in name order.
fn list(root: &Path, relative: &Path, out: &mut Vec<Entry>) -> Result<(), GenError> {
    let dir = root.join(relative);
    let mut names: Vec<std::ffi::OsString> = std::fs::read_dir(&dir)
        .map_err(|source| io_error(&dir, source))?
        .map(|entry| entry.map(|e| e.file_name()))
        .collect::<Result<_, _>>()
        .map_err(|source| io_error(&dir, source))?;
    names.sort();
    for name in names {
        let path = relative.join(&name);
        let full = root.join(&path);
        // Not followed: a link is not something mtlint gen wrote.
        let kind = std::fs::symlink_metadata(&full)
            .map_err(|source| io_error(&full, source))?
            .file_type();
        if kind.is_dir() {
            out.push(Entry::Folder(path.clone()));
            list(root, &path, out)?;
        } else if kind.is_file() {
            out.push(Entry::File(path));
        } else {
            out.push(Entry::Other(path));
        }
    }
    Ok(())
}

/// The files a manifest accounts for: itself, each sample, and each invalid sample's sidecar.
/// A sample path must be relative and stay inside the folder; the number of the first line that
/// is not a manifest line is the error.
fn listed_files(manifest: &str) -> Result<BTreeSet<PathBuf>, usize> {
    let mut files = BTreeSet::from([PathBuf::from(FILE_NAME)]);
    for (index, line) in manifest.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(verdict)) = (fields.first(), fields.get(2)) else {
            return Err(index + 1);
        };
        let path = PathBuf::from(file);
        let inside =
            !file.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            return Err(index + 1);
        }
        match *verdict {
            "valid" => {}
            "invalid" => {
                files.insert(path.with_extension(SIDECAR_EXTENSION));
            }
            _ => return Err(index + 1),
        }
        files.insert(path);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("mtlint-manifest-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A corpus as `mtlint gen` leaves it: one valid and one invalid sample with its sidecar.
    fn corpus(out: &Path) {
        let rows = [
            Row {
                file: "200/valid-00000.json".into(),
                status: 200,
                broken: None,
            },
            Row {
                file: "404/invalid-00001-x.json".into(),
                status: 404,
                broken: Some(Broken {
                    mutation: "x".into(),
                    rule: "missing-header".into(),
                    severity: "warning".into(),
                }),
            },
        ];
        let mut text = format!("{HEADER}\n");
        for row in &rows {
            text.push_str(&row.line());
            text.push('\n');
            write(&out.join(&row.file), "{}");
        }
        write(&out.join("404/invalid-00001-x.mutation"), "{}");
        write(&out.join(FILE_NAME), &text);
    }

    #[test]
    fn lines_say_what_a_default_check_says() {
        let mut row = Row {
            file: "200/invalid-00003-m.json".into(),
            status: 200,
            broken: Some(Broken {
                mutation: "m".into(),
                rule: "schema/type".into(),
                severity: "error".into(),
            }),
        };
        assert_eq!(
            row.line(),
            "200/invalid-00003-m.json\t200\tinvalid\tfail\tm\tschema/type\terror"
        );
        row.broken.as_mut().unwrap().severity = "warning".into();
        assert!(row.line().contains("\tinvalid\tpass\t"));
        row.broken = None;
        assert_eq!(row.line(), "200/invalid-00003-m.json\t200\tvalid\tpass");
    }

    #[test]
    fn a_missing_or_empty_folder_is_ready() {
        let out = scratch("empty");
        prepare(&out, false).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        prepare(&out, false).unwrap();
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn a_folder_with_anything_in_it_needs_force() {
        let out = scratch("needs-force");
        corpus(&out);
        let error = prepare(&out, false).unwrap_err().to_string();
        assert!(error.contains("is not empty"), "{error}");
        assert!(
            out.join("200/valid-00000.json").is_file(),
            "nothing deleted"
        );
        prepare(&out, true).unwrap();
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "emptied");
        assert!(out.is_dir(), "the folder itself stays");
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn force_never_deletes_a_file_the_manifest_does_not_list() {
        let out = scratch("foreign");
        corpus(&out);
        write(&out.join("200/notes.txt"), "mine");
        let error = prepare(&out, true).unwrap_err().to_string();
        assert!(error.contains("200/notes.txt"), "{error}");
        assert!(error.contains("nothing was deleted"), "{error}");
        for kept in ["200/notes.txt", "200/valid-00000.json", FILE_NAME] {
            assert!(out.join(kept).is_file(), "{kept} was deleted");
        }
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn force_needs_a_manifest_of_mtlint_gen() {
        let out = scratch("no-manifest");
        write(&out.join("200/a.json"), "{}");
        let error = prepare(&out, true).unwrap_err().to_string();
        assert!(error.contains("holds no manifest"), "{error}");
        // A manifest of something else, listing the user's file.
        write(&out.join(FILE_NAME), "file\tsize\n200/a.json\t2\n");
        assert!(prepare(&out, true).is_err());
        assert!(out.join("200/a.json").is_file());
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn a_manifest_cannot_reach_outside_its_folder() {
        assert!(listed_files(&format!("{HEADER}\n../x.json\t200\tvalid\tpass\n")).is_err());
        assert!(listed_files(&format!("{HEADER}\n/etc/x.json\t200\tvalid\tpass\n")).is_err());
        assert!(listed_files(&format!("{HEADER}\n200/./x.json\t200\tvalid\tpass\n")).is_ok());
        assert!(listed_files(&format!("{HEADER}\n200/x.json\t200\tmaybe\tpass\n")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn force_never_follows_a_link() {
        let out = scratch("link");
        let elsewhere = scratch("link-target");
        corpus(&out);
        write(&elsewhere.join("keep.json"), "{}");
        std::os::unix::fs::symlink(&elsewhere, out.join("200/linked")).unwrap();
        assert!(prepare(&out, true).is_err());
        assert!(elsewhere.join("keep.json").is_file());
        for dir in [out, elsewhere] {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
