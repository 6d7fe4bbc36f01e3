//! `mtlint check`: configuration, contract and baseline loaded, every file checked, and the
//! report rendered (or the baseline written).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use mtlint_rules::{Checker, Config, Overrides, RequestContext, Settings};
use mtlint_schema::Severity;

use crate::args::CheckArgs;
use crate::baseline::{Baseline, PathBase};
use crate::pipeline::{self, Input, RunOptions, WalkFilter};
use crate::render::{self, RenderOptions, Run};
use crate::report::{FileReport, Summary};

use super::{load_contract, read_setting_file, CommandError};

/// Shows a run's progress to a person watching. The binary draws a bar on the terminal; a run
/// nobody watches passes [`NoProgress`].
pub trait Progress: Sync {
    /// The run is about to check `files` files.
    fn start(&self, files: usize);
    /// One more file is checked (called from the worker threads).
    fn file_done(&self);
    /// Every file is checked: the report comes next.
    fn finish(&self);
}

/// No progress shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _files: usize) {}
    fn file_done(&self) {}
    fn finish(&self) {}
}

/// What the binary knows of where the output goes.
#[derive(Clone, Copy)]
pub struct Console<'a> {
    /// Whether the human report may use colour (stdout is a terminal and `NO_COLOR` is unset).
    pub colour: bool,
    /// The width the human report fits in: the terminal's, or [`render::DEFAULT_WIDTH`].
    pub width: usize,
    /// Where the run's progress is shown.
    pub progress: &'a dyn Progress,
}

impl std::fmt::Debug for Console<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("colour", &self.colour)
            .field("width", &self.width)
            .finish_non_exhaustive()
    }
}

/// How a check ended.
#[derive(Debug)]
pub struct CheckOutcome {
    /// 0 clean, 1 violations found, 2 some file could not be checked or no response was
    /// checked at all.
    pub code: u8,
    /// Lines for stderr: with `--write-baseline`, what was written and which files could not be
    /// checked.
    pub notes: Vec<String>,
    /// The reports of the run, handed back rather than freed here: a binary about to exit can
    /// leave their memory to the operating system, which is cheaper than freeing tens of
    /// thousands of them one by one.
    pub reports: Vec<FileReport>,
    /// The files the run read, handed back for the same reason.
    pub inputs: Vec<Input>,
}

/// Checks the files `args` names and writes the report to `out`, or to the file `--output`
/// names (nothing with `--write-baseline`, which writes the baseline file instead); the human
/// formats write the files that could not be checked to `errors`.
///
/// # Errors
/// The flags, the contract, the configuration or the baseline cannot be used, or the report
/// cannot be written (a closed pipe is not an error: the verdict stands; an `--output` file
/// that cannot be created is, before any file is checked). A file that cannot be checked is no
/// error here: its report says why, and the exit code is 2.
pub fn check(
    mut args: CheckArgs,
    console: &Console<'_>,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> Result<CheckOutcome, CommandError> {
    if args.statistics && !args.format.supports_statistics() {
        return Err(CommandError::StatisticsUnsupported {
            format: args.format.as_str(),
        });
    }
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()?;
    }
    let cwd = std::env::current_dir()?;
    let config = load_config(&args, &cwd)?;
    let settings = resolve_settings(&config, &args)?;
    let walk = walk_filter(&args, &config, &cwd)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        std::mem::take(&mut args.paths)
    };
    if args.show_settings || args.show_files {
        return show(&args, &config, &settings, &walk, &paths, &cwd, out);
    }
    let contract = load_contract(&args.spec, args.max_file_size)?;
    let checker = Checker::new(&contract, settings)?;
    let fail_on = checker.settings().fail_on;
    // Read the baseline before the run: a bad one should not cost a whole run.
    let baseline = match &args.baseline {
        Some(path) => Some((
            read_baseline(path, args.max_file_size)?,
            PathBase::new(&cwd, path),
        )),
        None => None,
    };
    let options = run_options(&args, walk.clone());
    // Created before the run: a path that cannot be written should not cost a whole run.
    let mut output = match &args.output {
        Some(path) => Some(create_output(path)?),
        None => None,
    };
    if args.stdin_filename.is_some() && !paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(CommandError::Usage(
            "--stdin-filename names stdin, which is read only when `-` is among the paths".into(),
        ));
    }
    let (mut inputs, mut reports) = pipeline::collect_inputs(&paths, &walk);
    if let Some(name) = &args.stdin_filename {
        for input in inputs.iter_mut().filter(|i| i.path.as_os_str() == "-") {
            input.display = name.display().to_string();
        }
    }
    console.progress.start(inputs.len());
    reports.extend(pipeline::run_with_progress(
        &checker,
        &inputs,
        &options,
        &|| console.progress.file_done(),
    ));
    console.progress.finish();
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let warnings = unused_ignores(checker.settings(), &config, &cwd);

    if let Some(path) = &args.write_baseline {
        let (code, mut notes) = write_baseline(path, &reports, &cwd)?;
        if args.quiet {
            // What was written goes; the files that could not be checked stay.
            notes.remove(0);
        }
        notes.extend(warnings);
        return Ok(CheckOutcome {
            code,
            notes,
            reports,
            inputs,
        });
    }
    let baselined = baseline
        .as_ref()
        .map(|(baseline, base)| baseline.apply(&mut reports, base, fail_on));
    let run = Run {
        reports: &reports,
        fail_on,
        baselined,
        cwd: &cwd,
    };
    let render_options = RenderOptions {
        // The console's colour and width are the terminal's: a file gets neither.
        colour: console.colour && output.is_none(),
        statistics: args.statistics,
        width: if output.is_none() {
            console.width
        } else {
            render::DEFAULT_WIDTH
        },
        quiet: args.quiet,
    };
    match (&mut output, &args.output) {
        (Some(file), Some(path)) => write_report(file, errors, &args, &run, render_options)
            .map_err(|error| match error {
                CommandError::Io(source) => CommandError::WriteOutput {
                    path: path.clone(),
                    source,
                },
                other => other,
            })?,
        _ => write_report(out, errors, &args, &run, render_options)?,
    }
    let summary = run.summary();
    Ok(CheckOutcome {
        code: summary.exit_code(),
        // A gate that checked nothing must say why, whatever the format.
        notes: summary
            .nothing_checked_reason()
            .into_iter()
            .chain(warnings)
            .collect(),
        reports,
        inputs,
    })
}

/// The configuration: `--config`, else the `mtlint.yaml` found from `cwd` up to the
/// repository's root or the home folder (none with `--no-config`), with `--fail-on` over its own.
fn load_config(args: &CheckArgs, cwd: &Path) -> Result<Config, CommandError> {
    let config_path = if args.no_config {
        None
    } else if let Some(path) = &args.config {
        Some(path.clone())
    } else {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let found = Config::discover(cwd, home.as_deref());
        if let Some(path) = &found {
            refuse_link_out_of_repository(path)?;
        }
        found
    };
    let mut config = match &config_path {
        Some(path) => {
            let text = read_setting_file("config", path, args.max_file_size)?;
            Config::from_file_text(&text, path)?
        }
        None => Config::default(),
    };
    if let Some(fail_on) = &args.fail_on {
        config.fail_on = Some(fail_on.parse::<Severity>().map_err(CommandError::Usage)?);
    }
    Ok(config)
}

/// A discovered configuration that is a symbolic link must lead to a file inside the
/// repository (the nearest folder above it holding `.git`, else its own folder): a link to a
/// key or a `.env` elsewhere is not read at all. A configuration named with `--config` is the
/// user's choice and is followed wherever it leads.
fn refuse_link_out_of_repository(found: &Path) -> Result<(), CommandError> {
    let is_link = std::fs::symlink_metadata(found).is_ok_and(|m| m.file_type().is_symlink());
    let Some(folder) = found.parent().filter(|_| is_link) else {
        return Ok(());
    };
    let root = folder
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(folder);
    // A broken link is left to the read, which names the file and says why.
    let (Ok(target), Ok(root)) = (std::fs::canonicalize(found), std::fs::canonicalize(root)) else {
        return Ok(());
    };
    if target.starts_with(&root) {
        return Ok(());
    }
    Err(CommandError::ConfigLinkOutside {
        path: found.to_path_buf(),
        target,
        root,
    })
}

/// The configuration's settings with `--select` and `--ignore` over them.
fn resolve_settings(config: &Config, args: &CheckArgs) -> Result<Settings, CommandError> {
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    Ok(Settings::resolve(config, &overrides)?)
}

/// What folder walks pass over, as ruff reads its excludes: `--exclude` (relative to `cwd`)
/// instead of the configuration's `exclude` (relative to its folder), `--extend-exclude` on
/// top; and mtlint's own files, which are never responses.
fn walk_filter(args: &CheckArgs, config: &Config, cwd: &Path) -> Result<WalkFilter, CommandError> {
    let mut filter = WalkFilter::new(cwd, !args.no_ignore);
    let bad_pattern = |error: ignore::Error| CommandError::Usage(format!("exclude: {error}"));
    match (&args.exclude, &config.root) {
        (Some(patterns), _) => filter.exclude(cwd, patterns).map_err(bad_pattern)?,
        (None, Some(root)) => filter.exclude(root, &config.exclude).map_err(bad_pattern)?,
        (None, None) => {}
    }
    filter
        .exclude(cwd, &args.extend_exclude)
        .map_err(bad_pattern)?;
    // The report file of `--output`, just created empty in a folder being walked, is no
    // recorded response either.
    for own in [
        &config.file,
        &args.baseline,
        &args.write_baseline,
        &args.output,
    ]
    .into_iter()
    .flatten()
    {
        filter.own_file(own);
    }
    Ok(filter)
}

/// A path as the user would type it from `cwd`: relative when it is below `cwd`.
fn shown(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

/// The warnings about `ignore:` entries that hid nothing in this run, for stderr (in every
/// format: the report on stdout stays what its consumers parse).
fn unused_ignores(settings: &Settings, config: &Config, cwd: &Path) -> Vec<String> {
    let file = config
        .file
        .as_deref()
        .map_or_else(String::new, |file| shown(file, cwd));
    settings
        .unused_ignores()
        .into_iter()
        .map(|entry| {
            format!(
                "warning: {entry} in {file} hid no finding in this run; check its paths (relative to the configuration's folder), rules and pointer"
            )
        })
        .collect()
}

/// `--show-settings` and `--show-files`: what a run would use and check, without checking.
fn show(
    args: &CheckArgs,
    config: &Config,
    settings: &Settings,
    walk: &WalkFilter,
    paths: &[PathBuf],
    cwd: &Path,
    out: &mut dyn Write,
) -> Result<CheckOutcome, CommandError> {
    let mut text = String::new();
    let mut notes = Vec::new();
    let mut code = 0;
    let mut inputs = Vec::new();
    if args.show_settings {
        text.push_str(&super::settings::describe(args, config, settings, cwd));
    }
    if args.show_files {
        let (found, errors) = pipeline::list_inputs(paths, walk);
        for error in &errors {
            if let Some(e) = &error.error {
                notes.push(format!("{}: {}", error.path, e.message));
            }
        }
        for input in found {
            // A run opens a named file only when it checks it; a listing asks now, so that a
            // path that is not there is not listed as if it would be checked.
            match std::fs::metadata(&input.path) {
                Err(error) if input.path.as_os_str() != "-" => {
                    notes.push(format!("{}: {error}", input.display));
                }
                _ => {
                    text.push_str(&input.display);
                    text.push('\n');
                    inputs.push(input);
                }
            }
        }
        if !notes.is_empty() {
            code = 2;
        }
    }
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(CheckOutcome {
        code,
        notes,
        reports: Vec::new(),
        inputs,
    })
}

/// Reads (at most `max` bytes) and parses the baseline file at `path`.
fn read_baseline(path: &Path, max: u64) -> Result<Baseline, CommandError> {
    let text = read_setting_file("baseline", path, max)?;
    Baseline::parse(&text).map_err(|source| CommandError::BadBaseline {
        path: path.to_path_buf(),
        source,
    })
}

/// What the pipeline needs from the flags and the configuration.
fn run_options(args: &CheckArgs, walk: WalkFilter) -> RunOptions {
    RunOptions {
        status: args.status,
        request: RequestContext {
            organization_id: args.organization_id.clone(),
            environment_id: args.environment_id.clone(),
            page_size: args.page_size,
            ..RequestContext::default()
        },
        walk,
        max_file_size: args.max_file_size,
        status_from_path: args.status_from_path,
        keep_source: args.format.shows_source(),
    }
}

/// `--write-baseline`: records the run's findings at `path`. Returns the exit code (2 when some
/// file could not be checked or nothing was checked, else 0) and the notes that say what was written and what could
/// not be checked.
fn write_baseline(
    path: &Path,
    reports: &[FileReport],
    cwd: &Path,
) -> Result<(u8, Vec<String>), CommandError> {
    let baseline = Baseline::of(reports, &PathBase::new(cwd, path));
    std::fs::write(path, baseline.to_text()).map_err(|source| CommandError::WriteBaseline {
        path: path.to_path_buf(),
        source,
    })?;
    let findings: usize = baseline.findings.iter().map(|e| e.count).sum();
    let mut notes = vec![format!(
        "wrote {findings} finding{} to {}",
        if findings == 1 { "" } else { "s" },
        path.display()
    )];
    // An incomplete baseline is worth keeping, but the run still could not check everything.
    for report in reports {
        if let Some(error) = &report.error {
            notes.push(format!("{}: {}", report.path, error.message));
        }
    }
    let summary = Summary::of(reports);
    notes.extend(summary.nothing_checked_reason());
    let code = if summary.exit_code() == 2 { 2 } else { 0 };
    Ok((code, notes))
}

/// Creates (or empties) the report file of `--output`.
fn create_output(path: &Path) -> Result<io::BufWriter<std::fs::File>, CommandError> {
    std::fs::File::create(path)
        .map(io::BufWriter::new)
        .map_err(|source| CommandError::WriteOutput {
            path: path.to_path_buf(),
            source,
        })
}

/// Renders the report into `out` and flushes it.
fn write_report(
    out: &mut dyn Write,
    errors: &mut dyn Write,
    args: &CheckArgs,
    run: &Run<'_>,
    options: RenderOptions,
) -> Result<(), CommandError> {
    match render::render(out, errors, args.format, run, options).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A broken pipe means graceful termination (`mtlint check . | head`): the verdict stands.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_with_a_format_without_them_is_refused_before_any_work() {
        let args = match <crate::args::Cli as clap::Parser>::parse_from([
            "mtlint",
            "check",
            "--statistics",
            "--format",
            "sarif",
            "does-not-exist",
        ])
        .command
        {
            crate::args::Command::Check(args) => *args,
            _ => unreachable!("parsed as check"),
        };
        let console = Console {
            colour: false,
            width: render::DEFAULT_WIDTH,
            progress: &NoProgress,
        };
        let mut out = Vec::new();
        let error = check(args, &console, &mut out, &mut io::sink()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "--statistics is not supported with --format sarif: it works with human and json"
        );
        assert!(out.is_empty());
    }
}
