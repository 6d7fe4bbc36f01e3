//! `mtlint`: parse flags, call the library, render, exit with 0 (clean), 1 (violations) or
//! 2 (operational error).

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mtlint_cli::args::{CheckArgs, Cli, Command, GenArgs, SchemaArgs, SpecArgs};
use mtlint_cli::baseline::{Baseline, PathBase};
use mtlint_cli::pipeline::{self, RunOptions};
use mtlint_cli::render::{self, RenderOptions, Run};
use mtlint_cli::report::Summary;
use mtlint_rules::{Checker, Config, Overrides, RequestContext, Settings};
use mtlint_schema::Contract;

/// mimalloc: every body becomes a tree of small vectors, freed as soon as it is checked; a fast
/// thread-local allocator keeps that cheap (see `docs/performance.md`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(*args),
        Command::Rules(args) => {
            let text = match args.format.as_str() {
                "markdown" => mtlint_cli::catalog::rules_markdown(),
                "json" => mtlint_cli::catalog::rules_json() + "\n",
                _ => mtlint_cli::catalog::rules_table(),
            };
            write_stdout(&text)
        }
        Command::Explain { rule } => match mtlint_cli::catalog::explain(&rule) {
            Ok(text) => write_stdout(&text),
            Err(message) => Err(message),
        },
        Command::Schema(args) => schema(&args),
        Command::Gen(args) => gen_corpus(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("mtlint: {message}");
            ExitCode::from(2)
        }
    }
}

/// Writes to stdout; a closed pipe (`mtlint ... | head`) ends quietly.
fn write_stdout(text: &str) -> Result<u8, String> {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e.to_string()),
    }
}

fn load_contract(spec: &SpecArgs) -> Result<Contract, String> {
    match &spec.spec {
        Some(path) => Contract::from_path(path, &spec.operation).map_err(|e| render_error(&e)),
        None if spec.operation == mtlint_schema::DEFAULT_OPERATION => {
            Contract::from_text(mtlint_schema::EMBEDDED_SPEC, "<embedded>", &spec.operation)
                .map_err(|e| render_error(&e))
        }
        None => Err(format!(
            "--operation {} needs --spec: the bundled contract has only {}",
            spec.operation,
            mtlint_schema::DEFAULT_OPERATION
        )),
    }
}

fn render_error(error: &dyn miette::Diagnostic) -> String {
    let mut text = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut text, error).is_err() {
        return error.to_string();
    }
    text.trim_end().to_string()
}

fn schema(args: &SchemaArgs) -> Result<u8, String> {
    let contract = load_contract(&args.spec)?;
    let response = contract
        .response_for(args.status)
        .ok_or_else(|| {
            format!(
                "status {} is not documented; documented: {}",
                args.status,
                contract.statuses().join(", ")
            )
        })?
        .response();
    let schema = response
        .body_schema
        .as_ref()
        .ok_or_else(|| format!("response {} documents no JSON body", response.status))?;
    let text = serde_json::to_string_pretty(&mtlint_schema::convert::portable(schema))
        .map_err(|e| e.to_string())?;
    write_stdout(&(text + "\n"))
}

fn gen_corpus(args: &GenArgs) -> Result<u8, String> {
    let options = args.options()?;
    let report = mtlint_gen::corpus::generate(&options).map_err(|e| render_error(&e))?;
    write_stdout(&format!(
        "wrote {} samples ({} valid, {} invalid) to {}\n",
        report.samples.len(),
        report.valid(),
        report.invalid(),
        options.out.display()
    ))
}

/// Below this many files a run is over before a progress bar is worth drawing.
const PROGRESS_MIN_FILES: usize = 100;

fn check(mut args: CheckArgs) -> Result<u8, String> {
    if args.statistics && !args.format.supports_statistics() {
        return Err(format!(
            "--statistics is not supported with --format {}: it works with human and json",
            args.format.as_str()
        ));
    }
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .map_err(|e| e.to_string())?;
    }
    let contract = load_contract(&args.spec)?;
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let config_path = if args.no_config {
        None
    } else {
        args.config.clone().or_else(|| Config::discover(&cwd))
    };
    let mut config = match &config_path {
        Some(path) => Config::load(path).map_err(|e| render_error(&e))?,
        None => Config::default(),
    };
    if let Some(fail_on) = &args.fail_on {
        config.fail_on = Some(fail_on.parse()?);
    }
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let settings = Settings::resolve(&config, &overrides).map_err(|e| render_error(&e))?;
    let checker = Checker::new(&contract, settings).map_err(|e| render_error(&e))?;
    let fail_on = checker.settings().fail_on;
    // Read the baseline before the run: a bad one should not cost a whole run.
    let baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
            let baseline =
                Baseline::parse(&text).map_err(|e| format!("baseline {}: {e}", path.display()))?;
            Some((baseline, PathBase::new(&cwd, path)))
        }
        None => None,
    };
    let options = RunOptions {
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
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        std::mem::take(&mut args.paths)
    };
    let (inputs, mut reports) = pipeline::collect_inputs(&paths);
    let progress = progress_bar(inputs.len());
    reports.extend(pipeline::run_with_progress(
        &checker,
        &inputs,
        &options,
        &|| progress.inc(1),
    ));
    progress.finish_and_clear();
    reports.sort_by(|a, b| a.path.cmp(&b.path));

    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(&reports, &PathBase::new(&cwd, path));
        std::fs::write(path, baseline.to_text())
            .map_err(|e| format!("cannot write baseline {}: {e}", path.display()))?;
        let findings: usize = baseline.findings.iter().map(|e| e.count).sum();
        eprintln!(
            "mtlint: wrote {findings} finding{} to {}",
            if findings == 1 { "" } else { "s" },
            path.display()
        );
        // An incomplete baseline is worth keeping, but the run still could not check everything.
        for report in &reports {
            if let Some(error) = &report.error {
                eprintln!("mtlint: {}: {}", report.path, error.message);
            }
        }
        return Ok(if Summary::of(&reports).errors > 0 {
            2
        } else {
            0
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
        colour: render::colour_wanted(
            io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        ),
        statistics: args.statistics,
    };
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    match render::render(&mut stdout, args.format, &run, render_options)
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        // A broken pipe means graceful termination (`mtlint check . | head`): the verdict stands.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.to_string()),
    }
    let code = run.summary().exit_code();
    // The process ends now: the operating system takes the reports and inputs back at once,
    // which is cheaper than freeing tens of thousands of them one by one.
    std::mem::forget(reports);
    std::mem::forget(inputs);
    Ok(code)
}

/// A progress bar on stderr for long runs, only for a person watching: never when stderr is
/// not a terminal (pipes, files, tests) or in CI (`CI` set, as every CI service does).
fn progress_bar(files: usize) -> ProgressBar {
    let watched = io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !watched || files < PROGRESS_MIN_FILES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(files).unwrap_or(u64::MAX)),
        ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} checking {pos}/{len} files {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}
