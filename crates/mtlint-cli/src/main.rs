//! `mtlint`: parse flags, call the library, render, exit with 0 (clean), 1 (violations) or
//! 2 (operational error).

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use mtlint_cli::args::{CheckArgs, Cli, Command, GenArgs, SchemaArgs, SpecArgs};
use mtlint_cli::pipeline::{self, RunOptions};
use mtlint_cli::render;
use mtlint_cli::report::Summary;
use mtlint_rules::{Checker, Config, Overrides, RequestContext, Settings};
use mtlint_schema::Contract;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
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
    let text = serde_json::to_string_pretty(schema).map_err(|e| e.to_string())?;
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

fn check(args: CheckArgs) -> Result<u8, String> {
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
    let options = RunOptions {
        status: args.status,
        request: RequestContext {
            organization_id: args.organization_id.clone(),
            environment_id: args.environment_id.clone(),
            page_size: args.page_size,
            ..RequestContext::default()
        },
        config_root: config.root.clone(),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (inputs, mut reports) = pipeline::collect_inputs(&paths);
    reports.extend(pipeline::run(&checker, &inputs, &options));
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let colour =
        io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut stdout = io::stdout().lock();
    match render::render(&mut stdout, args.format, &reports, colour).and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.to_string()),
    }
    Ok(Summary::of(&reports).exit_code())
}
