//! `mtlint check`: configuration, contract and baseline loaded, every file checked, and the
//! report rendered (or the baseline written).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use mtlint_rules::{Checker, Config, Overrides, RequestContext, Settings};
use mtlint_schema::Severity;

use crate::args::CheckArgs;
use crate::baseline::{Baseline, PathBase};
use crate::pipeline::{self, Input, RunOptions};
use crate::render::{self, RenderOptions, Run};
use crate::report::{FileReport, Summary};

use super::{load_contract, CommandError};

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
    /// Where the run's progress is shown.
    pub progress: &'a dyn Progress,
}

impl std::fmt::Debug for Console<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("colour", &self.colour)
            .finish_non_exhaustive()
    }
}

/// How a check ended.
#[derive(Debug)]
pub struct CheckOutcome {
    /// 0 clean, 1 violations found, 2 some file could not be checked.
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

/// Checks the files `args` names and writes the report to `out` (nothing with
/// `--write-baseline`, which writes the baseline file instead); the human formats write the
/// files that could not be checked to `errors`.
///
/// # Errors
/// The flags, the contract, the configuration or the baseline cannot be used, or the report
/// cannot be written (a closed pipe is not an error: the verdict stands). A file that cannot be
/// checked is no error here: its report says why, and the exit code is 2.
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
            .num_threads(jobs.max(1))
            .build_global()?;
    }
    let contract = load_contract(&args.spec)?;
    let cwd = std::env::current_dir()?;
    let config = load_config(&args, &cwd)?;
    let checker = build_checker(&contract, &config, &args)?;
    let fail_on = checker.settings().fail_on;
    // Read the baseline before the run: a bad one should not cost a whole run.
    let baseline = match &args.baseline {
        Some(path) => Some((read_baseline(path)?, PathBase::new(&cwd, path))),
        None => None,
    };
    let options = run_options(&args, &config);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        std::mem::take(&mut args.paths)
    };
    if args.stdin_filename.is_some() && !paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(CommandError::Usage(
            "--stdin-filename names stdin, which is read only when `-` is among the paths".into(),
        ));
    }
    let (mut inputs, mut reports) = pipeline::collect_inputs(&paths);
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

    if let Some(path) = &args.write_baseline {
        let (code, mut notes) = write_baseline(path, &reports, &cwd)?;
        if args.quiet {
            // What was written goes; the files that could not be checked stay.
            notes.remove(0);
        }
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
        colour: console.colour,
        statistics: args.statistics,
        quiet: args.quiet,
    };
    write_report(out, errors, &args, &run, render_options)?;
    Ok(CheckOutcome {
        code: run.summary().exit_code(),
        notes: Vec::new(),
        reports,
        inputs,
    })
}

/// The configuration: `--config`, else the `mtlint.yaml` found from `cwd` up (none with
/// `--no-config`), with `--fail-on` over its own.
fn load_config(args: &CheckArgs, cwd: &Path) -> Result<Config, CommandError> {
    let config_path = if args.no_config {
        None
    } else {
        args.config.clone().or_else(|| Config::discover(cwd))
    };
    let mut config = match &config_path {
        Some(path) => Config::load(path)?,
        None => Config::default(),
    };
    if let Some(fail_on) = &args.fail_on {
        config.fail_on = Some(fail_on.parse::<Severity>().map_err(CommandError::Usage)?);
    }
    Ok(config)
}

/// The checker: the configuration's settings with `--select` and `--ignore` over them, every
/// schema compiled.
fn build_checker<'c>(
    contract: &'c mtlint_schema::Contract,
    config: &Config,
    args: &CheckArgs,
) -> Result<Checker<'c>, CommandError> {
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let settings = Settings::resolve(config, &overrides)?;
    Ok(Checker::new(contract, settings)?)
}

/// Reads and parses the baseline file at `path`.
fn read_baseline(path: &Path) -> Result<Baseline, CommandError> {
    let text = std::fs::read_to_string(path).map_err(|source| CommandError::ReadBaseline {
        path: path.to_path_buf(),
        source,
    })?;
    Baseline::parse(&text).map_err(|source| CommandError::BadBaseline {
        path: path.to_path_buf(),
        source,
    })
}

/// What the pipeline needs from the flags and the configuration.
fn run_options(args: &CheckArgs, config: &Config) -> RunOptions {
    RunOptions {
        status: args.status,
        request: RequestContext {
            organization_id: args.organization_id.clone(),
            environment_id: args.environment_id.clone(),
            page_size: args.page_size,
            ..RequestContext::default()
        },
        config_root: config.root.clone(),
        max_file_size: args.max_file_size,
        status_from_path: args.status_from_path,
        keep_source: args.format.shows_source(),
    }
}

/// `--write-baseline`: records the run's findings at `path`. Returns the exit code (2 when some
/// file could not be checked, else 0) and the notes that say what was written and what could
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
    let code = if Summary::of(reports).errors > 0 {
        2
    } else {
        0
    };
    Ok((code, notes))
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
