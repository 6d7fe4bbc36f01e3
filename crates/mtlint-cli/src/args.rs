//! Command-line flags.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::Format;

/// Checks recorded responses of Confluent Cloud's Flink SQL API `listSqlv1MaterializedTables`
/// against their published contract, and whether they make sense.
#[derive(Debug, Parser)]
#[command(name = "mtlint", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check recorded responses (files or folders).
    Check(Box<CheckArgs>),
    /// List every rule: name, category, default severity, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain {
        /// The rule's name (or a former name).
        rule: String,
    },
    /// Print the JSON Schema 2020-12 that mtlint derives for a response body.
    Schema(SchemaArgs),
    /// Write a corpus of generated valid and invalid responses (for client tests).
    Gen(GenArgs),
}

/// Which contract to check against.
#[derive(Debug, Clone, Args)]
pub struct SpecArgs {
    /// An OpenAPI 3.0 document (YAML or JSON) to use instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,
    /// The operation in that document.
    #[arg(long, value_name = "ID", default_value = mtlint_schema::DEFAULT_OPERATION)]
    pub operation: String,
}

/// `mtlint check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files and folders to check (folders are walked); `-` reads stdin (NDJSON, or one JSON
    /// document); default: the current folder. Captures: *.json (body or envelope),
    /// *.ndjson/*.jsonl, *.har, *.yaml/*.yml (VCR cassettes).
    pub paths: Vec<PathBuf>,
    /// The name stdin (`-`) goes by in reports; it also stands for its path in path ignores and
    /// --status-from-path, and a name ending in .yaml or .yml reads a VCR cassette.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// The HTTP status of raw bodies.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u16).range(100..=599))]
    pub status: u16,
    /// A raw body's status is the name of its nearest folder that is an HTTP status
    /// (`recordings/404/a.json` is a 404); `--status` for the others.
    #[arg(long)]
    pub status_from_path: bool,
    /// Larger files (captures, and the spec, config and baseline) are not read: bytes, or a number (decimals allowed) with a K, M or G
    /// suffix, powers of 1024 (`1.5M`); NDJSON is streamed and only its lines are limited.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE (created or replaced) instead of stdout.
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        conflicts_with = "write_baseline"
    )]
    pub output: Option<PathBuf>,
    /// Counts per rule (with the first occurrence) instead of every finding; human and json.
    #[arg(long)]
    pub statistics: bool,
    /// Hide the findings this baseline file holds: only new findings are shown and fail the run.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the baseline, print no report, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// The contract.
    #[command(flatten)]
    pub spec: SpecArgs,
    /// A configuration file (default: mtlint.yaml in the current folder or above).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any mtlint.yaml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Only these rules (names, `schema/` prefixes, or categories); repeatable, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Not these rules; repeatable, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Folder walks pass over these paths (`.gitignore` syntax, relative to the current
    /// folder) instead of the configuration's `exclude`; repeatable, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "PATTERN")]
    pub exclude: Option<Vec<String>>,
    /// Folder walks also pass over these paths (added to `exclude`); repeatable,
    /// comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "PATTERN")]
    pub extend_exclude: Vec<String>,
    /// Folder walks also check the files that `.gitignore`, `.ignore` and git's exclude files
    /// name.
    #[arg(long)]
    pub no_ignore: bool,
    /// The lowest severity that fails the run.
    #[arg(long, value_name = "SEVERITY", value_parser = ["error", "warning", "info"])]
    pub fail_on: Option<String>,
    /// Print the settings a run would use (configuration file, rule levels, ignores,
    /// excludes) and exit without checking.
    #[arg(long)]
    pub show_settings: bool,
    /// Print the files a run would check, one a line, and exit without checking.
    #[arg(long)]
    pub show_files: bool,
    /// The request's organization_id (for rules that compare against it).
    #[arg(long, value_name = "ID")]
    pub organization_id: Option<String>,
    /// The request's environment_id.
    #[arg(long, value_name = "ID")]
    pub environment_id: Option<String>,
    /// The request's page_size.
    #[arg(long, value_name = "N")]
    pub page_size: Option<u64>,
    /// Worker threads, from 1 to 256 or to 4 per core where that is more (default: one per
    /// core).
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<usize>,
    /// Exit 0 even when findings fail the run; a file that could not be checked, or a bad flag,
    /// still exits 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the report alone: no summary line, no progress bar, no note of what
    /// --write-baseline wrote. Files that could not be checked are still reported.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Colour in the human report: `auto` colours a terminal unless NO_COLOR is set (FORCE_COLOR
    /// colours any output); `always` and `never` override both.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// By the environment: `FORCE_COLOR` (non-empty) colours, else `NO_COLOR` (non-empty) does
    /// not, else colour only on a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour: the flag over the environment, then `FORCE_COLOR` over `NO_COLOR`
    /// (as <https://force-color.org> checks them), then whether stdout is a terminal.
    #[must_use]
    pub fn resolve(
        self,
        stdout_is_terminal: bool,
        no_color: Option<&std::ffi::OsStr>,
        force_color: Option<&std::ffi::OsStr>,
    ) -> bool {
        let set = |v: Option<&std::ffi::OsStr>| v.is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set(force_color) => true,
            ColorChoice::Auto => crate::render::colour_wanted(stdout_is_terminal, no_color),
        }
    }
}

/// `mtlint rules`.
#[derive(Debug, Clone, Args)]
pub struct RulesArgs {
    /// `table` for people, `markdown` for the README, `json` for tools.
    #[arg(long, default_value = "table", value_parser = ["table", "markdown", "json"])]
    pub format: String,
}

/// `mtlint schema`.
#[derive(Debug, Clone, Args)]
pub struct SchemaArgs {
    /// The response's status.
    #[arg(long, default_value_t = 200)]
    pub status: u16,
    /// The contract.
    #[command(flatten)]
    pub spec: SpecArgs,
}

/// `mtlint gen`.
#[derive(Debug, Clone, Args)]
pub struct GenArgs {
    /// How many samples to write (at least 1).
    #[arg(long, default_value_t = 100)]
    pub count: usize,
    /// The folder to write into: OUT/<status>/<name>.<ext>, and OUT/manifest.tsv listing every
    /// sample. It must be empty or missing (see --force).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace the corpus a previous `mtlint gen` wrote in OUT. Only the files its manifest
    /// lists are deleted; a folder holding anything else is refused, and nothing is deleted.
    #[arg(long)]
    pub force: bool,
    /// The share of invalid samples, 0 to 1; each has a sidecar NAME.mutation naming what it breaks.
    #[arg(long, default_value_t = 0.5, value_name = "R")]
    pub invalid_ratio: f64,
    /// The seed: the same seed and flags give byte-identical files.
    #[arg(long, default_value_t = 0, value_name = "S")]
    pub seed: u64,
    /// Only these statuses (repeatable, comma-separated; default: every documented status the
    /// format can carry).
    #[arg(long, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<u16>,
    /// `json` (raw bodies), `ndjson`, `har` or `envelope`.
    #[arg(long, default_value = "json", value_parser = ["json", "ndjson", "har", "envelope"])]
    pub format: String,
    /// Most items per list body, 1 to 100.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub max_items: usize,
    /// Most columns per table.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub max_columns: usize,
    /// Deepest nesting of ARRAY/MAP/MULTISET/ROW types.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub max_depth: u32,
}

impl GenArgs {
    /// The generator's options.
    ///
    /// # Errors
    /// An unknown format.
    pub fn options(&self) -> Result<mtlint_gen::corpus::GenOptions, String> {
        let config = mtlint_gen::GenConfig {
            max_items: self.max_items,
            max_columns: self.max_columns,
            max_type_depth: self.max_depth,
            ..mtlint_gen::GenConfig::default()
        };
        Ok(mtlint_gen::corpus::GenOptions {
            count: self.count,
            out: self.out.clone(),
            invalid_ratio: self.invalid_ratio,
            seed: self.seed,
            statuses: self.status.clone(),
            format: self.format.parse()?,
            config,
            replace: self.force,
        })
    }
}

/// Parses a size: bytes, or a number (decimals and `_` digit groups allowed) with a K, M or G
/// suffix (or T, P, E; `KB`, `KiB` alike), each a power of 1024; a fraction of a byte is
/// rounded. Zero is refused: no file would be read.
///
/// # Errors
/// Not a size, zero, or more than 2^64 - 1 bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let size = parse_size::Config::new()
        .with_binary()
        .parse_size(text.trim())
        .map_err(|error| {
            format!("{text:?} is not a size ({error}): write bytes, or a number with K, M or G, such as 1.5M")
        })?;
    if size == 0 {
        return Err("the size must be more than 0 bytes".to_string());
    }
    Ok(size)
}

/// The most worker threads `--jobs` takes whatever the machine: more only cost the time to
/// start them.
pub const MAX_JOBS: usize = 256;

/// The most worker threads `--jobs` takes here: [`MAX_JOBS`], or 4 per core where that is more.
#[must_use]
pub fn max_jobs() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    MAX_JOBS.max(cores.saturating_mul(4))
}

/// Parses `--jobs`: a number of threads from 1 to [`max_jobs`].
///
/// # Errors
/// Not a number, 0, or more than [`max_jobs`].
pub fn parse_jobs(text: &str) -> Result<usize, String> {
    let jobs: usize = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of threads"))?;
    let max = max_jobs();
    match jobs {
        0 => Err("at least 1 thread is needed (leave --jobs out for one per core)".to_string()),
        jobs if jobs > max => Err(format!(
            "{jobs} threads is more than the {max} allowed here (256, or 4 per core where that is more)"
        )),
        jobs => Ok(jobs),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_size, ColorChoice};
    use std::ffi::OsStr;

    #[test]
    fn colour_the_flag_then_force_color_then_no_color_then_the_terminal() {
        let (one, empty) = (Some(OsStr::new("1")), Some(OsStr::new("")));
        let auto = ColorChoice::Auto;
        assert!(auto.resolve(true, None, None));
        assert!(!auto.resolve(false, None, None));
        assert!(!auto.resolve(true, one, None), "NO_COLOR set");
        assert!(auto.resolve(true, empty, None), "NO_COLOR empty is unset");
        assert!(auto.resolve(false, None, one), "FORCE_COLOR colours a pipe");
        assert!(auto.resolve(false, one, one), "FORCE_COLOR over NO_COLOR");
        assert!(
            !auto.resolve(false, None, empty),
            "FORCE_COLOR empty is unset"
        );
        assert!(!ColorChoice::Never.resolve(true, None, one));
        assert!(ColorChoice::Always.resolve(false, one, None));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10"), Ok(10));
        assert_eq!(parse_size("2K"), Ok(2048));
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("1.5M"), Ok(3 << 19));
        assert_eq!(parse_size("0.5k"), Ok(512));
        assert_eq!(parse_size("1.5 MB"), Ok(3 << 19));
        for nonsense in ["ten", "", "1.5X", "-1M", "1..5M", "M", "0", "0.0001"] {
            assert!(parse_size(nonsense).is_err(), "{nonsense:?}");
        }
    }
}
