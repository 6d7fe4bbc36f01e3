//! Which files to check: the paths named on the command line, the captures found by walking
//! the folders among them, and the status a folder's name gives.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::{DirEntry, WalkBuilder};
use mtlint_capture::{vcr, Format};
use mtlint_rules::normalize;
use rayon::prelude::*;

use super::Input;
use crate::report::FileReport;

/// What a folder walk passes over, besides hidden and cache folders: `exclude` patterns, the
/// files `.gitignore` and `.ignore` name (as ripgrep reads them), and mtlint's own files. A
/// file named on the command line is checked whatever these say, as ripgrep and ruff do.
#[derive(Debug, Clone)]
pub struct WalkFilter {
    /// The working folder, absolute: relative paths are read against it.
    cwd: PathBuf,
    /// `exclude` patterns, each set in `.gitignore` syntax relative to its own root.
    excludes: Vec<Gitignore>,
    /// mtlint's own files (the configuration, the baseline), absolute: never read as responses.
    own_files: HashSet<PathBuf>,
    /// Whether `.gitignore`, `.ignore` and git's exclude files are honoured.
    ignore_files: bool,
}

impl Default for WalkFilter {
    fn default() -> Self {
        Self {
            cwd: PathBuf::new(),
            excludes: Vec::new(),
            own_files: HashSet::new(),
            ignore_files: true,
        }
    }
}

impl WalkFilter {
    /// A filter that reads relative paths against `cwd` (absolute), honouring ignore files when
    /// `ignore_files`.
    #[must_use]
    pub fn new(cwd: &Path, ignore_files: bool) -> Self {
        Self {
            cwd: cwd.to_path_buf(),
            ignore_files,
            ..Self::default()
        }
    }

    /// Adds `patterns` (`.gitignore` syntax) relative to the folder `root`.
    ///
    /// # Errors
    /// A pattern that is not a glob.
    pub fn exclude(&mut self, root: &Path, patterns: &[String]) -> Result<(), ignore::Error> {
        if patterns.is_empty() {
            return Ok(());
        }
        let mut builder = GitignoreBuilder::new(self.absolute(root));
        for pattern in patterns {
            builder.add_line(None, pattern)?;
        }
        self.excludes.push(builder.build()?);
        Ok(())
    }

    /// Marks `file` as one of mtlint's own (a configuration or baseline file).
    pub fn own_file(&mut self, file: &Path) {
        let absolute = self.absolute(file);
        self.own_files.insert(absolute);
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        normalize(&self.cwd.join(path))
    }

    /// Whether a walk passes over `entry` (never the folder the walk starts from).
    fn passes_over(&self, entry: &DirEntry) -> bool {
        if entry.depth() == 0 {
            return false;
        }
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if is_dir && is_skipped_folder(entry.path()) {
            return true;
        }
        if self.excludes.is_empty() && self.own_files.is_empty() {
            return false;
        }
        let absolute = self.absolute(entry.path());
        (!is_dir && self.own_files.contains(&absolute))
            || self
                .excludes
                .iter()
                .any(|set| set.matched(&absolute, is_dir).is_ignore())
    }
}

/// Folders a walk passes over, as ripgrep and tar do: hidden ones (`.git`, `.cache`) and cache
/// folders tagged with a `CACHEDIR.TAG` file (cargo's `target/`, whose build files are JSON).
/// A folder named on the command line is always walked.
fn is_skipped_folder(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
        || path.join("CACHEDIR.TAG").is_file()
}

/// The status a folder name gives: three digits from 100 to 599.
#[must_use]
pub fn status_of_path(path: &Path) -> Option<u16> {
    path.parent()?.ancestors().find_map(|dir| {
        let name = dir.file_name()?.to_str()?;
        let status: u16 = name.parse().ok().filter(|_| name.len() == 3)?;
        (100..=599).contains(&status).then_some(status)
    })
}

/// Finds the files to check. A file given by name is always checked (as JSON when its
/// extension says nothing); a folder is walked for `*.json`, `*.ndjson`, `*.jsonl`, `*.har`,
/// and for `*.yaml`/`*.yml` files that are VCR cassettes, passing over what `filter` says.
/// Other files under a folder are passed over silently, as ruff and ripgrep pass over files of
/// other types. Problems (a missing path, an unreadable folder, a symlink loop) become error
/// reports, never a stop. A file named twice, however spelt (`a.json ./a.json`), is checked
/// once.
#[must_use]
pub fn collect_inputs(paths: &[PathBuf], filter: &WalkFilter) -> (Vec<Input>, Vec<FileReport>) {
    collect(paths, true, filter)
}

/// [`collect_inputs`], with folders named like captures (`recordings.json/`) walked now: the
/// files a run would check, for `--show-files`.
#[must_use]
pub fn list_inputs(paths: &[PathBuf], filter: &WalkFilter) -> (Vec<Input>, Vec<FileReport>) {
    collect(paths, false, filter)
}

/// [`collect_inputs`]; `defer` takes paths named like captures for files without asking.
pub(super) fn collect(
    paths: &[PathBuf],
    defer: bool,
    filter: &WalkFilter,
) -> (Vec<Input>, Vec<FileReport>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    // A named path with a capture's extension is taken for a file without asking now: a shell
    // glob can name many thousands, and each is asked once, when it is opened (in parallel, by
    // `run`, which walks it after all if it turns out to be a folder). Other paths are asked.
    let kinds: Vec<Option<std::fs::Metadata>> = paths
        .par_iter()
        .map(|path| {
            (path.as_os_str() != "-" && !(defer && Format::of(path).is_some()))
                .then(|| std::fs::metadata(path).ok())
                .flatten()
        })
        .collect();
    let shared = Arc::new(filter.clone());
    for (path, metadata) in paths.iter().zip(kinds) {
        if path.as_os_str() == "-" {
            inputs.push(Input::new(path.clone(), "<stdin>".into()));
        } else if metadata.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            walk_folder(path, &shared, &mut inputs, &mut errors);
        } else {
            // Missing, unreadable, a FIFO: check_file looks again and says what it is.
            inputs.push(Input::new(path.clone(), path.display().to_string()));
        }
    }
    inputs.sort();
    // One file under two spellings is one file: the first spelling in sorted order is kept.
    let mut seen = HashSet::new();
    inputs.retain(|input| {
        let key = if input.path.as_os_str() == "-" {
            input.path.clone()
        } else {
            filter.absolute(&input.path)
        };
        seen.insert(key)
    });
    (inputs, errors)
}

/// Adds the captures under a named folder to `inputs`, and what could not be walked to
/// `errors`.
fn walk_folder(
    path: &Path,
    filter: &Arc<WalkFilter>,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<FileReport>,
) {
    let (found_before, errors_before) = (inputs.len(), errors.len());
    let for_entries = Arc::clone(filter);
    let walk = WalkBuilder::new(path)
        .standard_filters(filter.ignore_files)
        // Hidden files are captures like any other; hidden folders are passed over below.
        .hidden(false)
        .follow_links(true)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .filter_entry(move |entry| !for_entries.passes_over(entry))
        .build();
    for entry in walk {
        match entry {
            Ok(entry) => {
                // `entry.error()` is a line of an ignore file that could not be read: the
                // walk goes on without it, as ripgrep's does.
                let kind = entry.file_type();
                let special = kind.is_some_and(|t| !t.is_file() && !t.is_dir());
                // A FIFO, socket or device named like a capture is not passed over in silence:
                // opening it (without blocking or reading) reports what it is.
                if (kind.is_some_and(|t| t.is_file()) && is_walked(entry.path()))
                    || (special && Format::of(entry.path()).is_some())
                {
                    inputs.push(Input::new(
                        entry.path().to_path_buf(),
                        entry.path().display().to_string(),
                    ));
                }
            }
            Err(error) => errors.push(walk_error(path, &error)),
        }
    }
    // A CI gate pointed at the wrong folder must not pass by checking nothing.
    if inputs.len() == found_before && errors.len() == errors_before {
        errors.push(FileReport::error(
            path.display().to_string(),
            "no recorded responses in this folder (*.json, *.ndjson, *.jsonl, *.har, VCR cassettes)"
                .into(),
            0,
            0,
        ));
    }
}

/// The report of a place under `folder` that the walk could not enter or read.
fn walk_error(folder: &Path, error: &ignore::Error) -> FileReport {
    let mut shown = folder.display().to_string();
    let mut error = error;
    loop {
        match error {
            ignore::Error::WithPath { path, err } => {
                shown = path.display().to_string();
                error = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                error = err;
            }
            ignore::Error::Loop { child, .. } => {
                return FileReport::error(
                    child.display().to_string(),
                    "symlink loop: this folder links back to one of its ancestors".to_string(),
                    0,
                    0,
                );
            }
            ignore::Error::Io(io) => return FileReport::error(shown, io.to_string(), 0, 0),
            other => return FileReport::error(shown, other.to_string(), 0, 0),
        }
    }
}

/// Whether a file found under a folder is a capture. YAML files must look like cassettes (a
/// folder also holds configuration and OpenAPI documents); an unreadable one is kept, so that
/// its error is reported.
fn is_walked(path: &Path) -> bool {
    match Format::of(path) {
        Some(Format::Cassette) => match std::fs::File::open(path) {
            Ok(file) => {
                let mut head = Vec::new();
                // The top-level key comes early in every recorder's layout.
                let _ = file.take(64 * 1024).read_to_end(&mut head);
                vcr::walked_yaml(&head) != vcr::WalkedYaml::Other
            }
            Err(_) => true,
        },
        Some(_) => true,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_pass_over_hidden_and_cache_folders() {
        let dir = std::env::temp_dir().join(format!("mtlint-walk-{}", std::process::id()));
        for sub in ["a", ".hidden", "target", "target/x"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        std::fs::write(
            dir.join("target/CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55",
        )
        .unwrap();
        for file in ["a/1.json", ".hidden/2.json", "target/x/3.json", "4.json"] {
            std::fs::write(dir.join(file), "{}").unwrap();
        }
        let (inputs, errors) = collect_inputs(std::slice::from_ref(&dir), &WalkFilter::default());
        let names: Vec<String> = inputs
            .iter()
            .map(|i| i.path.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(errors.is_empty());
        assert_eq!(names, ["4.json", "a/1.json"]);
    }

    #[test]
    fn a_folder_without_responses_is_an_error_not_a_pass() {
        let dir = std::env::temp_dir().join(format!("mtlint-empty-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("x.json")).unwrap();
        let (inputs, errors) = collect_inputs(std::slice::from_ref(&dir), &WalkFilter::default());
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(inputs.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(errors[0]
            .error
            .as_ref()
            .unwrap()
            .message
            .starts_with("no recorded responses"));
    }

    #[test]
    fn folders_named_as_statuses_give_the_status() {
        assert_eq!(
            status_of_path(Path::new("corpus/404/valid-x.json")),
            Some(404)
        );
        assert_eq!(
            status_of_path(Path::new("rec/500/deep/er/a.json")),
            Some(500)
        );
        assert_eq!(status_of_path(Path::new("rec/2000/a.json")), None);
        assert_eq!(status_of_path(Path::new("rec/099/a.json")), None);
        assert_eq!(status_of_path(Path::new("404.json")), None);
    }
}
