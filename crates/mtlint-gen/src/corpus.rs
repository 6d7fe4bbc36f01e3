//! `mtlint gen`: a deterministic corpus of valid and mutated responses for client tests.
//!
//! Layout: `OUT/<status>/valid-NNNNN.<ext>` and `OUT/<status>/invalid-NNNNN-<mutation>.<ext>`,
//! each invalid sample with a sidecar `<name>.mutation` (JSON: mutation id, rule, severity,
//! target, header, pointer, entry, description), and `OUT/manifest.tsv` listing every sample
//! (see [`manifest`]). Neither extension is `.json` on purpose: `mtlint check OUT` walks
//! `*.json` and must not take them for response bodies.
//!
//! A folder that is not empty is refused, unless [`GenOptions::replace`] is set and it holds
//! nothing but a corpus `mtlint gen` wrote ([`manifest::prepare`]).
//!
//! The same seed and options give byte-identical files: every draw comes from one proptest
//! [`TestRunner`] whose ChaCha RNG is seeded from `--seed`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mtlint_rules::query_pairs;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::config::GenConfig;
pub use crate::error::GenError;
use crate::exchange::{Exchange, Sample};
use crate::manifest::{self, Broken, Row};
use crate::mutation::{self, Base, Mutation, Picker, Record};
use crate::strategy::{self, DOCUMENTED_STATUSES};

/// How samples are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Raw bodies (`.json`), what `mtlint check --status N` reads; body mutations only.
    Json,
    /// One envelope per file (`.json`): `{"status", "headers", "body", "request": {"url"}}`.
    Envelope,
    /// One envelope per line (`.ndjson`); a multi-page listing is one file of several lines.
    Ndjson,
    /// A HAR 1.2 log (`.har`) with one entry per response.
    Har,
}

impl Format {
    /// The file extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::Envelope => "json",
            Format::Ndjson => "ndjson",
            Format::Har => "har",
        }
    }

    /// Whether a capture in this format records what a mutation needs.
    #[must_use]
    pub fn records(self, record: Record) -> bool {
        match self {
            Format::Json => record == Record::Body,
            Format::Envelope => record != Record::Pages,
            Format::Ndjson | Format::Har => true,
        }
    }

    fn carries_bodiless(self) -> bool {
        self != Format::Json
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "json" => Ok(Format::Json),
            "envelope" => Ok(Format::Envelope),
            "ndjson" => Ok(Format::Ndjson),
            "har" => Ok(Format::Har),
            other => Err(format!(
                "unknown format {other:?}: expected json, ndjson, har or envelope"
            )),
        }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// How many samples.
    pub count: usize,
    /// Where to write them.
    pub out: PathBuf,
    /// The share of invalid samples, 0.0 to 1.0.
    pub invalid_ratio: f64,
    /// The seed; the same seed and options give byte-identical output.
    pub seed: u64,
    /// The statuses to generate (empty: every documented status the format can carry).
    pub statuses: Vec<u16>,
    /// How samples are written.
    pub format: Format,
    /// Size knobs.
    pub config: GenConfig,
    /// Replace the corpus a previous run wrote in `out` (only that: see [`manifest::prepare`]).
    pub replace: bool,
}

impl GenOptions {
    /// Refuses what is out of range rather than quietly generating something else.
    ///
    /// # Errors
    /// The first option out of its range, named by its flag.
    pub fn validate(&self) -> Result<(), GenError> {
        let bad = |message: String| Err(GenError::Options(message));
        let cfg = &self.config;
        if self.count == 0 {
            return bad("--count 0: write at least one sample".into());
        }
        if !(0.0..=1.0).contains(&self.invalid_ratio) {
            return bad(format!(
                "--invalid-ratio {} is not between 0 and 1",
                self.invalid_ratio
            ));
        }
        // The operation's `page_size` maximum is 100, so a valid page never holds more; and a
        // page of a multi-page listing holds at least one item.
        if !(1..=100).contains(&cfg.max_items) {
            return bad(format!(
                "--max-items {} is not between 1 and 100 (the spec's page_size maximum)",
                cfg.max_items
            ));
        }
        if cfg.min_items > cfg.max_items {
            return bad(format!(
                "at least {} items per list is more than --max-items {}",
                cfg.min_items, cfg.max_items
            ));
        }
        if cfg.max_pages < 2 {
            return bad(format!(
                "a multi-page listing needs at least 2 pages, not {}",
                cfg.max_pages
            ));
        }
        if cfg.max_row_fields == 0 || cfg.max_errors == 0 {
            return bad("a ROW type needs a field and an error body an error: 0 is too few".into());
        }
        Ok(())
    }
}

/// One written sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The sample's file.
    pub path: PathBuf,
    /// The status of its (first) response.
    pub status: u16,
    /// The mutation applied, for invalid samples.
    pub mutation: Option<String>,
}

/// What `generate` wrote.
#[derive(Debug, Clone, Default)]
pub struct GenReport {
    /// Every sample, in generation order.
    pub samples: Vec<Written>,
}

impl GenReport {
    /// Samples written as valid.
    #[must_use]
    pub fn valid(&self) -> usize {
        self.samples.iter().filter(|s| s.mutation.is_none()).count()
    }

    /// Samples written with a mutation.
    #[must_use]
    pub fn invalid(&self) -> usize {
        self.samples.len() - self.valid()
    }
}

/// The sidecar of an invalid sample.
#[derive(Debug, Clone, Serialize)]
pub struct Sidecar {
    /// The mutation's id.
    pub mutation: String,
    /// The rule whose finding the sample must produce.
    pub rule: String,
    /// Its default severity.
    pub severity: String,
    /// `body`, `header`, `status` or `content-type`.
    pub target: String,
    /// The header, for header findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// RFC 6901 pointer into the body (`""` for the root or non-body findings).
    pub pointer: String,
    /// Which response of the file (NDJSON line, HAR entry); 0 otherwise.
    pub entry: usize,
    /// What the mutation does.
    pub description: String,
    /// Other rules that may also report (the change necessarily breaks them too).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tolerated: Vec<String>,
    /// The derived-schema constraints it breaks (ids as `mtlint_gen::constraints` writes them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

fn seed_bytes(seed: u64) -> [u8; 32] {
    let mut picker = Picker::new(seed);
    let mut out = [0_u8; 32];
    for chunk in out.chunks_mut(8) {
        let word = (picker.below(usize::MAX) as u64).to_le_bytes();
        chunk.copy_from_slice(&word);
    }
    out
}

fn draw<S: Strategy>(
    runner: &mut TestRunner,
    strategy: &S,
    index: usize,
) -> Result<S::Value, GenError> {
    strategy
        .new_tree(runner)
        .map(|tree| tree.current())
        .map_err(|reason| GenError::Internal {
            index,
            message: reason.to_string(),
        })
}

/// Generates and writes a corpus, with its manifest.
///
/// # Errors
/// Bad options, an output folder that is not empty (or, with [`GenOptions::replace`], holds
/// what `mtlint gen` did not write), a write failure, or an internal generator failure.
pub fn generate(options: &GenOptions) -> Result<GenReport, GenError> {
    options.validate()?;
    let statuses = statuses(options)?;
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes(options.seed)),
    );
    let mut mutations: Vec<&'static Mutation> = mutation::catalogue()
        .iter()
        .filter(|m| options.format.records(m.record))
        .filter(|m| match m.base {
            Base::Error(None) => statuses
                .iter()
                .any(|s| strategy::ERROR_STATUSES.contains(s)),
            _ => m.base_status().is_some_and(|s| statuses.contains(&s)),
        })
        .collect();
    if mutations.is_empty() && options.invalid_ratio > 0.0 && options.count > 0 {
        return Err(GenError::Options(format!(
            "no mutation of this build applies to status {} in format {:?}: use --invalid-ratio 0, or other statuses or formats",
            statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(", "),
            options.format
        )));
    }
    manifest::prepare(&options.out, options.replace)?;
    std::fs::create_dir_all(&options.out).map_err(|source| GenError::Io {
        path: options.out.display().to_string(),
        source,
    })?;
    let mut manifest = manifest::Writer::create(&options.out)?;
    // A seeded shuffle, then round robin: every mutation appears before any repeats.
    let mut picker = Picker::new(draw(&mut runner, &any::<u64>(), 0)?);
    for i in (1..mutations.len()).rev() {
        mutations.swap(i, picker.below(i + 1));
    }
    let mut report = GenReport::default();
    let mut next_mutation = 0;
    for index in 0..options.count {
        let invalid = ((index + 1) as f64 * options.invalid_ratio).floor()
            > (index as f64 * options.invalid_ratio).floor();
        let written = if invalid {
            let mutation = mutations[next_mutation % mutations.len()];
            next_mutation += 1;
            let sample = draw_base(&mut runner, mutation, &statuses, &options.config, index)?;
            let seed = draw(&mut runner, &any::<u64>(), index)?;
            let mutated = mutation
                .apply(&sample, seed)
                .map_err(|message| GenError::Internal {
                    index,
                    message: format!("{}: {message}", mutation.id),
                })?;
            let sidecar = Sidecar {
                mutation: mutation.id.clone(),
                rule: mutated.expected.rule.clone(),
                severity: mutation.rule.default_severity.as_str().to_string(),
                target: mutated.expected.target.as_str().to_string(),
                header: mutated.expected.header.clone(),
                pointer: mutated.expected.pointer.clone(),
                entry: mutated.expected.entry,
                description: mutation.description.clone(),
                tolerated: mutated
                    .tolerated
                    .iter()
                    .map(|t| t.name.to_string())
                    .collect(),
                covers: mutation.covers.clone(),
            };
            let name = format!("invalid-{index:05}-{}", mutation.id);
            write_sample(
                options,
                &mut manifest,
                &mutated.sample,
                &name,
                Some(&sidecar),
                index,
            )?
        } else {
            let sample = draw_valid(&mut runner, options, &statuses, index)?;
            let name = format!("valid-{index:05}");
            write_sample(options, &mut manifest, &sample, &name, None, index)?
        };
        report.samples.push(written);
    }
    Ok(report)
}

fn statuses(options: &GenOptions) -> Result<Vec<u16>, GenError> {
    let usable = |s: u16| s != 429 || options.format.carries_bodiless();
    if options.statuses.is_empty() {
        return Ok(DOCUMENTED_STATUSES
            .into_iter()
            .filter(|s| usable(*s))
            .collect());
    }
    let mut out = BTreeSet::new();
    for &status in &options.statuses {
        if !DOCUMENTED_STATUSES.contains(&status) {
            return Err(GenError::Options(format!(
                "status {status} is not documented; documented: 200, 400, 401, 403, 404, 429, 500"
            )));
        }
        if !usable(status) {
            return Err(GenError::Options(
                "429 responses have no body: use --format envelope, ndjson or har".into(),
            ));
        }
        out.insert(status);
    }
    Ok(out.into_iter().collect())
}

fn draw_base(
    runner: &mut TestRunner,
    mutation: &Mutation,
    statuses: &[u16],
    cfg: &GenConfig,
    index: usize,
) -> Result<Sample, GenError> {
    if mutation.base == Base::Error(None) {
        let errors: Vec<u16> = statuses
            .iter()
            .copied()
            .filter(|s| strategy::ERROR_STATUSES.contains(s))
            .collect();
        let pick = draw(runner, &(0..errors.len()), index)?;
        let exchange = draw(runner, &strategy::error_exchange(errors[pick], cfg), index)?;
        return Ok(vec![exchange]);
    }
    draw(runner, &mutation.base_strategy(cfg), index)
}

fn draw_valid(
    runner: &mut TestRunner,
    options: &GenOptions,
    statuses: &[u16],
    index: usize,
) -> Result<Sample, GenError> {
    // 200 half of the time when it is wanted: it is the interesting body.
    let roll = draw(runner, &(0..100_u32), index)?;
    let status = if statuses.contains(&200) && (roll < 50 || statuses.len() == 1) {
        200
    } else {
        let others: Vec<u16> = statuses.iter().copied().filter(|s| *s != 200).collect();
        others[roll as usize % others.len()]
    };
    let multi_page = status == 200 && options.format.records(Record::Pages) && roll % 5 == 0;
    if multi_page {
        return draw(runner, &strategy::pages(&options.config), index);
    }
    Ok(vec![draw(
        runner,
        &strategy::exchange(status, &options.config),
        index,
    )?])
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn write_file(path: &Path, text: &str) -> Result<(), GenError> {
    std::fs::write(path, text).map_err(|source| GenError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn write_sample(
    options: &GenOptions,
    manifest: &mut manifest::Writer,
    sample: &Sample,
    name: &str,
    sidecar: Option<&Sidecar>,
    index: usize,
) -> Result<Written, GenError> {
    let first = sample.first().ok_or_else(|| GenError::Internal {
        index,
        message: "empty sample".into(),
    })?;
    let dir = options.out.join(first.status.to_string());
    std::fs::create_dir_all(&dir).map_err(|source| GenError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let file_name = format!("{name}.{}", options.format.extension());
    let path = dir.join(&file_name);
    manifest.add(&Row {
        file: format!("{}/{file_name}", first.status),
        status: first.status,
        broken: sidecar.map(|s| Broken {
            mutation: s.mutation.clone(),
            rule: s.rule.clone(),
            severity: s.severity.clone(),
        }),
    })?;
    let text = match options.format {
        Format::Json => {
            let body = first.body.as_ref().ok_or_else(|| GenError::Internal {
                index,
                message: "a json sample without a body".into(),
            })?;
            pretty(body)
        }
        Format::Envelope => pretty(&first.to_envelope()),
        Format::Ndjson => sample
            .iter()
            .map(|e| {
                let mut line = serde_json::to_string(&e.to_envelope()).unwrap_or_default();
                line.push('\n');
                line
            })
            .collect(),
        Format::Har => pretty(&har(sample)),
    };
    write_file(&path, &text)?;
    if let Some(sidecar) = sidecar {
        let text = serde_json::to_string_pretty(sidecar).unwrap_or_default() + "\n";
        let sidecar_name = format!("{name}.{}", manifest::SIDECAR_EXTENSION);
        write_file(&dir.join(sidecar_name), &text)?;
    }
    Ok(Written {
        path,
        status: first.status,
        mutation: sidecar.map(|s| s.mutation.clone()),
    })
}

fn status_text(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// A HAR 1.2 log of the sample's exchanges, in order.
#[must_use]
pub fn har(sample: &Sample) -> Value {
    let entries: Vec<Value> = sample
        .iter()
        .enumerate()
        .map(|(i, e)| har_entry(i, e))
        .collect();
    json!({
        "log": {
            "version": "1.2",
            "creator": {"name": "mtlint gen", "version": env!("CARGO_PKG_VERSION")},
            "entries": entries,
        }
    })
}

fn har_entry(index: usize, exchange: &Exchange) -> Value {
    let query = exchange.request_url.split_once('?').map_or("", |(_, q)| q);
    let query_string: Vec<Value> = query_pairs(query)
        .into_iter()
        .map(|(name, value)| json!({"name": name, "value": value}))
        .collect();
    let headers: Vec<Value> = exchange
        .headers
        .iter()
        .map(|(name, value)| json!({"name": name, "value": value}))
        .collect();
    let text = exchange
        .body
        .as_ref()
        .map(|b| serde_json::to_string(b).unwrap_or_default());
    let size = text.as_ref().map_or(0, String::len);
    let mut content = Map::new();
    content.insert("size".into(), json!(size));
    content.insert(
        "mimeType".into(),
        json!(exchange.header("Content-Type").unwrap_or("x-unknown")),
    );
    if let Some(text) = text {
        content.insert("text".into(), Value::String(text));
    }
    json!({
        "startedDateTime": format!("2026-01-01T00:00:{:02}.000Z", index % 60),
        "time": 0,
        "request": {
            "method": "GET",
            "url": exchange.request_url,
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [],
            "queryString": query_string,
            "headersSize": -1,
            "bodySize": 0,
        },
        "response": {
            "status": exchange.status,
            "statusText": status_text(exchange.status),
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": headers,
            "content": Value::Object(content),
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": size,
        },
        "cache": {},
        "timings": {"send": 0, "wait": 0, "receive": 0},
    })
}
