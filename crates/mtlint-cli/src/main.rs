//! `mtlint`: parse flags, call the library, print what it rendered, exit with 0 (clean),
//! 1 (violations) or 2 (operational error).

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mtlint_cli::args::{CheckArgs, Cli, Command};
use mtlint_cli::commands::{self, CommandError, Console, Progress};
use mtlint_cli::render;

/// mimalloc: every body becomes a tree of small vectors, freed as soon as it is checked; a fast
/// thread-local allocator keeps that cheap (see `docs/performance.md`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(*args),
        Command::Rules(args) => write_stdout(&commands::rules(&args)),
        Command::Explain { rule } => commands::explain(&rule).and_then(|text| write_stdout(&text)),
        Command::Schema(args) => commands::schema(&args).and_then(|text| write_stdout(&text)),
        Command::Gen(args) => commands::generate(&args).and_then(|text| write_stdout(&text)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("mtlint: {error}");
            ExitCode::from(2)
        }
    }
}

/// Writes to stdout; a closed pipe (`mtlint ... | head`) ends quietly.
fn write_stdout(text: &str) -> Result<u8, CommandError> {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e.into()),
    }
}

/// `mtlint check`: the report goes to stdout (or the `--output` file) as it is rendered; notes,
/// and in the human formats the files that could not be checked, to stderr.
fn check(args: CheckArgs) -> Result<u8, CommandError> {
    let progress = ProgressLine::default();
    let quiet_progress = commands::NoProgress;
    let exit_zero = args.exit_zero;
    let console = Console {
        colour: args.color.resolve(
            io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("FORCE_COLOR").as_deref(),
        ),
        width: render::width_wanted(
            io::stdout()
                .is_terminal()
                .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
                .flatten(),
        ),
        progress: if args.quiet {
            &quiet_progress
        } else {
            &progress
        },
    };
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let outcome = commands::check(args, &console, &mut stdout, &mut io::stderr())?;
    for note in &outcome.notes {
        eprintln!("mtlint: {note}");
    }
    // `--exit-zero` forgives findings, never what could not be checked: a run that exits 0
    // must have checked everything it was given.
    let code = match outcome.code {
        1 if exit_zero => 0,
        code => code,
    };
    // The process ends now: the operating system takes the reports and inputs back at once,
    // which is cheaper than freeing tens of thousands of them one by one.
    std::mem::forget(outcome);
    Ok(code)
}

/// Below this many files a run is over before a progress bar is worth drawing.
const PROGRESS_MIN_FILES: usize = 100;

/// A progress bar on stderr for long runs, drawn here, beside every other write to the
/// terminal; the library only says how far the run is.
#[derive(Default)]
struct ProgressLine(OnceLock<ProgressBar>);

impl Progress for ProgressLine {
    fn start(&self, files: usize) {
        let _ = self.0.set(progress_bar(files));
    }

    fn file_done(&self) {
        if let Some(bar) = self.0.get() {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.0.get() {
            bar.finish_and_clear();
        }
    }
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
