//! Checking every file in parallel (on the calling thread when there is only one), then walking
//! what turned out to be folders, and sorting the reports by path.

use mtlint_rules::Checker;
use rayon::prelude::*;

use super::check::{check_input, Checked};
use super::discover::collect;
use super::{Input, RunOptions};
use crate::report::FileReport;

/// Checks every input in parallel and returns the reports sorted by path.
#[must_use]
pub fn run(checker: &Checker<'_>, inputs: &[Input], options: &RunOptions) -> Vec<FileReport> {
    run_with_progress(checker, inputs, options, &|| {})
}

/// [`run`], calling `file_done` as each file is finished (from the worker threads).
#[must_use]
pub fn run_with_progress(
    checker: &Checker<'_>,
    inputs: &[Input],
    options: &RunOptions,
    file_done: &(dyn Fn() + Sync),
) -> Vec<FileReport> {
    let one = |input: &Input| {
        let checked = check_input(checker, input, options);
        file_done();
        checked
    };
    // One thread: the calling one, whose allocator pages are already in use, rather than a
    // pool thread that would start on fresh memory.
    let checked: Vec<Checked> = if rayon::current_num_threads() == 1 {
        inputs.iter().map(one).collect()
    } else {
        inputs.par_iter().map(one).collect()
    };
    let mut reports = Vec::with_capacity(checked.len());
    let mut folders = Vec::new();
    for item in checked {
        match item {
            Checked::Report(report) => reports.push(*report),
            Checked::Folder(path) => folders.push(path),
        }
    }
    if !folders.is_empty() {
        // Folders named like captures (`recordings.json/`): walked now, as any named folder.
        let (found, errors) = collect(&folders, false, &options.walk);
        reports.extend(errors);
        reports.extend(run_with_progress(checker, &found, options, file_done));
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    reports.dedup_by(|a, b| a.path == b.path);
    reports
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::collect_inputs;

    #[test]
    fn files_named_like_captures_are_opened_without_a_stat_and_folders_so_named_are_walked() {
        let dir = std::env::temp_dir().join(format!("mtlint-named-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("folder.json")).unwrap();
        std::fs::write(dir.join("folder.json/inner.json"), "{\"errors\": []}").unwrap();
        std::fs::write(dir.join("plain.json"), "[]").unwrap();
        let named = [
            dir.join("folder.json"),
            dir.join("plain.json"),
            dir.join("missing.json"),
        ];
        let (inputs, errors) = collect_inputs(&named, &crate::pipeline::WalkFilter::default());
        assert!(errors.is_empty());
        // Taken for files as named; nothing was asked yet.
        assert_eq!(inputs.len(), 3);
        let contract = mtlint_schema::Contract::embedded();
        let checker = Checker::new(contract, mtlint_rules::Settings::default()).expect("compiles");
        let reports = run(&checker, &inputs, &RunOptions::default());
        std::fs::remove_dir_all(&dir).unwrap();
        let paths: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
        let shown = |p: &str| dir.join(p).display().to_string();
        assert_eq!(
            paths,
            [
                shown("folder.json/inner.json"),
                shown("missing.json"),
                shown("plain.json")
            ]
        );
        assert!(reports[1]
            .error
            .as_ref()
            .is_some_and(|e| e.message.starts_with("cannot read")));
        assert!(reports[0].error.is_none() && reports[2].error.is_none());
    }
}
