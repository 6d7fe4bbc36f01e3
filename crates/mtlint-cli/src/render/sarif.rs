//! `--format sarif`: a SARIF 2.1.0 log (OASIS), the format code-scanning services read.
//!
//! One run. `tool.driver` names mtlint and describes every rule of the registry (id, a
//! PascalCase name, summary, a plain one-paragraph description, the documentation as help,
//! default level), so a viewer can explain a result without mtlint at hand. No URL is given
//! that does not lead anywhere: `informationUri` is the manifest's `repository` unless that is
//! in `.invalid` (the domain reserved never to exist), and rules have no pages of their own, so
//! no `helpUri`.
//!
//! Each finding is a result with its rule's id and index, its level, its message and a
//! location: the file as a URI reference relative to `%SRCROOT%` (the working folder, given
//! as an absolute `file://` URI in `originalUriBaseIds`) with forward slashes, and the region
//! of the offending value in `unicodeCodePoints` columns (mtlint counts characters). A file
//! outside the working folder is an absolute `file://` URI. Related places (the first copy of a
//! duplicate) are `relatedLocations`. Files that could not be checked are
//! `invocations[0].toolExecutionNotifications`, and make `executionSuccessful` false.
//! `automationDetails.id` is `mtlint/check/`: the category of run a code-scanning service files
//! the results under.
//!
//! `partialFingerprints["mtlint/v1"]` identifies a finding across runs without its line: a
//! 64-bit FNV-1a hash of rule, path, entry, target, header and pointer (plus an occurrence
//! number when several findings share all of those), so moving a value to another line keeps
//! its fingerprint and a service keeps the alert open instead of closing one and opening another.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use mtlint_capture::position::{LineIndex, Span};
use mtlint_rules::registry;
use mtlint_schema::Severity;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run as SarifRun, RunAutomationDetails, Sarif, Tool,
    ToolComponent,
};

use super::{portable_path, Run};
use crate::report::Finding;

/// The schema the log declares (the OASIS standard's published copy).
const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of mtlint's fingerprint in `partialFingerprints`; the suffix is the algorithm's
/// version, bumped if what goes into the hash ever changes.
pub const FINGERPRINT_KEY: &str = "mtlint/v1";

/// The base that relative artifact URIs resolve against: the folder mtlint ran in.
pub const SRCROOT: &str = "%SRCROOT%";

/// `automationDetails.id`: the category `mtlint/check`, with no run id after the last `/`, so a
/// service compares each run with the previous one of the same category.
pub const AUTOMATION_ID: &str = "mtlint/check/";

/// Characters a path segment cannot hold as is in a URI reference (RFC 3986): escaped as `%XX`.
const URI_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

pub(super) fn render(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    let log = log(run);
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The whole log.
fn log(run: &Run<'_>) -> Sarif {
    let rule_index: HashMap<&str, usize> = registry::all()
        .iter()
        .enumerate()
        .map(|(i, e)| (e.meta().name, i))
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for report in run.reports {
        let uri = match &report.path_bytes {
            Some(bytes) => artifact_of_bytes(bytes, run.cwd),
            None => artifact(&report.path, run.cwd),
        };
        if let Some(error) = &report.error {
            notifications.push(
                Notification::builder()
                    .level(json!("error"))
                    .message(text(&error.message))
                    .locations(vec![location(&uri, region_at(error.line, error.column))])
                    .build(),
            );
        }
        let index = report
            .source
            .as_ref()
            .map(|source| (source.as_bytes(), LineIndex::new(source.as_bytes())));
        let mut occurrences: HashMap<String, usize> = HashMap::new();
        for finding in &report.diagnostics {
            let region = match (&index, finding.span) {
                (Some((bytes, index)), Some(span)) if finding.line > 0 => {
                    Some(region_of(bytes, index, span))
                }
                _ => region_at(finding.line, finding.column),
            };
            let identity = identity(&uri.uri, finding);
            let occurrence = occurrences.entry(identity.clone()).or_insert(0);
            let fingerprint = fingerprint(&identity, *occurrence);
            *occurrence += 1;
            results.push(result(
                finding,
                &uri,
                region,
                index.as_ref(),
                fingerprint,
                &rule_index,
            ));
        }
    }
    let summary = run.summary();
    notifications.extend(accounting_notification(&summary));
    let invocation = Invocation::builder()
        .execution_successful(summary.exit_code() != 2)
        .exit_code(i64::from(summary.exit_code()))
        .tool_execution_notifications(notifications)
        .build();
    let mut sarif_run = SarifRun::builder()
        .tool(Tool::builder().driver(driver()).build())
        .invocations(vec![invocation])
        .results(results)
        .column_kind(json!("unicodeCodePoints"))
        .automation_details(RunAutomationDetails::builder().id(AUTOMATION_ID).build())
        .build();
    sarif_run.original_uri_base_ids = Some(BTreeMap::from([(
        SRCROOT.to_string(),
        ArtifactLocation::builder()
            .uri(srcroot_uri(run.cwd))
            .build(),
    )]));
    Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![sarif_run])
        .build()
}

/// What became of the run's responses, when not all were checked: an error notification when
/// none was, else a note counting those skipped (by reason) and those that could not be checked.
fn accounting_notification(summary: &crate::report::Summary) -> Option<Notification> {
    let responses = &summary.responses;
    let (level, message) = match summary.nothing_checked_reason() {
        Some(reason) => ("error", reason),
        None if responses.skipped > 0 || responses.errors > 0 => {
            ("note", super::responses_line(responses))
        }
        None => return None,
    };
    let counts = serde_json::to_value(responses).unwrap_or_default();
    let mut properties = BTreeMap::new();
    properties.insert("responses".to_string(), counts);
    Some(
        Notification::builder()
            .level(json!(level))
            .message(text(&message))
            .properties(
                PropertyBag::builder()
                    .additional_properties(properties)
                    .build(),
            )
            .build(),
    )
}

/// mtlint and every rule it has, in registry order (`ruleIndex` points into it).
fn driver() -> ToolComponent {
    let rules: Vec<ReportingDescriptor> = registry::all()
        .iter()
        .map(|entry| {
            let meta = entry.meta();
            let docs = meta.text();
            let mut descriptor = ReportingDescriptor::builder()
                .id(meta.name)
                .name(friendly_name(meta.name))
                .short_description(multiformat(meta.summary()))
                .full_description(multiformat(&description(meta)))
                .help(
                    MultiformatMessageString::builder()
                        .text(docs.clone())
                        .markdown(docs)
                        .build(),
                )
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(json!(level(meta.default_severity).to_string()))
                        .build(),
                )
                .properties(
                    PropertyBag::builder()
                        .tags(vec![meta.category.as_str().to_string()])
                        .build(),
                )
                .build();
            if !meta.aliases.is_empty() {
                descriptor.deprecated_ids =
                    Some(meta.aliases.iter().map(ToString::to_string).collect());
            }
            descriptor
        })
        .collect();
    let mut driver = ToolComponent::builder()
        .name("mtlint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    driver.information_uri = information_uri(env!("CARGO_PKG_REPOSITORY"));
    driver
}

/// The repository's address, unless it is a placeholder: empty, or a host in `.invalid`.
fn information_uri(repository: &str) -> Option<String> {
    let host = repository
        .split("://")
        .nth(1)?
        .split(['/', ':'])
        .next()?
        .trim_end_matches('.');
    (!host.is_empty() && !host.ends_with(".invalid") && host != "invalid")
        .then(|| repository.to_string())
}

/// A rule's name as SARIF's `name` wants it: an identifier a person reads, distinct from the
/// id, in PascalCase (`schema/maxLength` is `SchemaMaxLength`, `version-exceeds-latest`
/// `VersionExceedsLatest`: the name of the rule's type in the source).
fn friendly_name(id: &str) -> String {
    id.split(['/', '-', '_'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

/// One plain paragraph: the summary, then the first paragraph of `## What it checks`, on one
/// line, without Markdown's code marks (`fullDescription` is shown as plain text; the Markdown
/// is in `help`).
fn description(meta: &mtlint_rules::RuleMeta) -> String {
    let mut text = meta.summary().to_string();
    if let Some(checks) = meta.section("What it checks") {
        let first: Vec<&str> = checks
            .lines()
            .map(str::trim)
            .take_while(|l| !l.is_empty() && !l.starts_with("```"))
            .collect();
        if !first.is_empty() {
            text.push(' ');
            text.push_str(&first.join(" "));
        }
    }
    text.replace('`', "")
}

fn result(
    finding: &Finding,
    uri: &Artifact,
    region: Option<Region>,
    index: Option<&(&[u8], LineIndex)>,
    fingerprint: String,
    rule_index: &HashMap<&str, usize>,
) -> SarifResult {
    let d = &finding.diagnostic;
    let mut properties: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    properties.insert("pointer".into(), json!(d.pointer));
    properties.insert("target".into(), json!(d.target.as_str()));
    if let Some(header) = &d.header {
        properties.insert("header".into(), json!(header));
    }
    if let Some(entry) = finding.entry {
        properties.insert("entry".into(), json!(entry));
    }
    if let Some(help) = &d.help {
        properties.insert("help".into(), json!(help));
    }
    let related: Vec<Location> = d
        .related
        .iter()
        .zip(&finding.related_spans)
        .enumerate()
        .map(|(i, (related, span))| {
            let region = match (index, span) {
                (Some((bytes, index)), Some(span)) => Some(region_of(bytes, index, *span)),
                _ => None,
            };
            let mut location = location(uri, region);
            location.id = Some(i64::try_from(i).unwrap_or(i64::MAX));
            location.message = Some(text(&format!("{} ({})", related.message, related.pointer)));
            location
        })
        .collect();
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let mut result = SarifResult::builder()
        .rule_id(d.rule.clone())
        .level(level(d.severity))
        .message(text(&message))
        .locations(vec![location(uri, region)])
        .partial_fingerprints(BTreeMap::from([(FINGERPRINT_KEY.to_string(), fingerprint)]))
        .properties(
            PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        )
        .build();
    result.rule_index = rule_index
        .get(d.rule.as_str())
        .map(|i| i64::try_from(*i).unwrap_or(i64::MAX));
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    result
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn text(text: &str) -> Message {
    Message::builder().text(text).build()
}

fn multiformat(text: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

fn location(uri: &Artifact, region: Option<Region>) -> Location {
    let mut artifact = ArtifactLocation::builder().uri(uri.uri.clone()).build();
    if uri.relative {
        artifact.uri_base_id = Some(SRCROOT.to_string());
    }
    let mut physical = PhysicalLocation::builder()
        .artifact_location(artifact)
        .build();
    physical.region = region;
    Location::builder().physical_location(physical).build()
}

/// A one-point region, when the line is known.
fn region_at(line: usize, column: usize) -> Option<Region> {
    (line > 0).then(|| {
        Region::builder()
            .start_line(to_i64(line))
            .start_column(to_i64(column.max(1)))
            .build()
    })
}

/// The region of a value's bytes: start, and the column just past its last character (SARIF's
/// end column is exclusive).
fn region_of(bytes: &[u8], index: &LineIndex, span: Span) -> Region {
    let start = index.line_column(bytes, span.start);
    let end = index.line_column(bytes, span.end.max(span.start));
    Region::builder()
        .start_line(to_i64(start.line))
        .start_column(to_i64(start.column))
        .end_line(to_i64(end.line))
        .end_column(to_i64(end.column))
        .build()
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A file as SARIF names it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Artifact {
    /// A URI reference: relative to [`SRCROOT`], or an absolute `file://` URI.
    uri: String,
    /// Whether `uri` is relative to [`SRCROOT`].
    relative: bool,
}

/// The file as a URI reference relative to the working folder, with forward slashes, when it
/// is inside it; otherwise an absolute `file://` URI (a relative reference that climbs out with
/// `..` would make a viewer look outside the base it was given).
fn artifact(path: &str, cwd: &Path) -> Artifact {
    let absolute = lexical(&cwd.join(path));
    match absolute.strip_prefix(lexical(cwd)) {
        Ok(relative) if relative.as_os_str().is_empty() => Artifact {
            uri: ".".into(),
            relative: true,
        },
        Ok(relative) => Artifact {
            uri: encode(&portable_path(&relative.to_string_lossy())),
            relative: true,
        },
        Err(_) => Artifact {
            uri: file_uri(&absolute),
            relative: false,
        },
    }
}

/// [`artifact`] of a file name that is not UTF-8, from its bytes: each byte outside the URI's
/// own characters is percent-encoded, so the URI names the file exactly.
fn artifact_of_bytes(bytes: &[u8], cwd: &Path) -> Artifact {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(bytes));
        let absolute = lexical(&cwd.join(path));
        let encode = |path: &Path| {
            percent_encoding::percent_encode(path.as_os_str().as_bytes(), URI_PATH).to_string()
        };
        match absolute.strip_prefix(lexical(cwd)) {
            Ok(relative) => Artifact {
                uri: encode(relative),
                relative: true,
            },
            Err(_) => Artifact {
                uri: format!("file://{}", encode(&absolute)),
                relative: false,
            },
        }
    }
    #[cfg(not(unix))]
    {
        artifact(&String::from_utf8_lossy(bytes), cwd)
    }
}

/// `SRCROOT`'s value: the working folder as an absolute `file://` URI ending in `/`, as SARIF
/// requires of a base.
fn srcroot_uri(cwd: &Path) -> String {
    let mut uri = file_uri(&lexical(cwd));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// `file://` and the absolute path, percent-encoded (`/C:/x` on Windows).
fn file_uri(absolute: &Path) -> String {
    let path = portable_path(&absolute.to_string_lossy());
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    format!("file://{}", encode(&path))
}

fn encode(path: &str) -> String {
    utf8_percent_encode(path, URI_PATH).to_string()
}

/// `path` with `.` and `..` steps resolved without asking the file system (symbolic links are
/// not followed: the path stays the one the user gave).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// What identifies a finding apart from where its value happens to sit in the text.
fn identity(uri: &str, finding: &Finding) -> String {
    let d = &finding.diagnostic;
    let entry = finding.entry.map(|e| e.to_string()).unwrap_or_default();
    [
        d.rule.as_str(),
        uri,
        entry.as_str(),
        d.target.as_str(),
        d.header.as_deref().unwrap_or(""),
        d.pointer.as_str(),
    ]
    .join("\u{0}")
}

/// FNV-1a over the identity and the occurrence number, as 16 hex digits.
fn fingerprint(identity: &str, occurrence: usize) -> String {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(identity.as_bytes());
    if occurrence > 0 {
        hasher.write(format!("\u{0}{occurrence}").as_bytes());
    }
    format!("{:016x}", hasher.finish())
}

/// The log of a run as a JSON value (for tests).
#[cfg(test)]
fn to_value(run: &Run<'_>) -> serde_json::Value {
    serde_json::to_value(log(run)).unwrap()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use mtlint_rules::Diagnostic;

    use super::*;
    use crate::report::{FileReport, Verdict};

    fn report_with(text: &str, span: Span, line: usize, column: usize) -> FileReport {
        FileReport {
            path: "./dir/a b.json".into(),
            path_bytes: None,
            verdict: Verdict::Fail,
            diagnostics: vec![Finding {
                entry: None,
                diagnostic: Diagnostic::body(
                    "schema/enum",
                    Severity::Error,
                    "/phase".into(),
                    "bad phase".into(),
                ),
                line,
                column,
                span: Some(span),
                related_spans: Vec::new(),
                related_at: Vec::new(),
            }],
            entries: None,
            accounting: crate::report::Accounting::checked(1),
            error: None,
            source: Some(Arc::new(text.to_string())),
        }
    }

    fn first_result(report: FileReport) -> serde_json::Value {
        let reports = [report];
        let run = Run {
            reports: &reports,
            fail_on: Severity::Error,
            baselined: None,
            cwd: Path::new("/srv"),
        };
        to_value(&run)["runs"][0]["results"][0].clone()
    }

    #[test]
    fn a_region_spans_the_value_with_an_exclusive_end_in_characters() {
        let text = "{\n  \"phase\": \"ÉTÉ\"\n}\n";
        let start = text.find("\"ÉTÉ").unwrap();
        let end = start + "\"ÉTÉ\"".len();
        let result = first_result(report_with(text, Span { start, end }, 2, 12));
        assert_eq!(
            result["locations"][0]["physicalLocation"]["region"],
            json!({"startLine": 2, "startColumn": 12, "endLine": 2, "endColumn": 17})
        );
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            json!("dir/a%20b.json")
        );
    }

    #[test]
    fn fingerprints_ignore_the_line_but_not_the_pointer() {
        let moved_down = "{\n\n\n  \"phase\": \"X\"\n}\n";
        let here = "{\n  \"phase\": \"X\"\n}\n";
        let at = |text: &str, line| {
            let start = text.find("\"X\"").unwrap();
            first_result(report_with(
                text,
                Span {
                    start,
                    end: start + 3,
                },
                line,
                12,
            ))["partialFingerprints"][FINGERPRINT_KEY]
                .clone()
        };
        assert_eq!(at(here, 2), at(moved_down, 4));
        let mut other = report_with(here, Span { start: 13, end: 16 }, 2, 12);
        other.diagnostics[0].diagnostic.pointer = "/other".into();
        assert_ne!(
            first_result(other)["partialFingerprints"][FINGERPRINT_KEY],
            at(here, 2)
        );
    }

    #[test]
    fn fingerprints_are_the_fnv1a_of_the_identity() {
        // FNV-1a 64 of the empty input is its offset basis: the hash is the standard one, and
        // so stable across Rust versions and platforms.
        assert_eq!(fingerprint("", 0), "cbf29ce484222325");
        assert_ne!(fingerprint("a", 0), fingerprint("a", 1));
    }

    fn relative(uri: &str) -> Artifact {
        Artifact {
            uri: uri.into(),
            relative: true,
        }
    }

    #[test]
    fn paths_inside_the_working_folder_are_relative_to_srcroot() {
        let cwd = Path::new("/srv");
        assert_eq!(artifact("corpus/a.json", cwd), relative("corpus/a.json"));
        assert_eq!(
            artifact("./corpus/./a.json", cwd),
            relative("corpus/a.json")
        );
        assert_eq!(
            artifact("/srv/corpus/a.json", cwd),
            relative("corpus/a.json")
        );
        assert_eq!(artifact("x/../a b.json", cwd), relative("a%20b.json"));
        assert_eq!(srcroot_uri(cwd), "file:///srv/");
        assert_eq!(srcroot_uri(Path::new("/my dir/")), "file:///my%20dir/");
    }

    #[test]
    fn paths_outside_the_working_folder_become_absolute_file_uris() {
        let cwd = Path::new("/srv/project");
        let outside = |uri: &str| Artifact {
            uri: uri.into(),
            relative: false,
        };
        assert_eq!(
            artifact("/elsewhere/a#1.json", cwd),
            outside("file:///elsewhere/a%231.json")
        );
        assert_eq!(
            artifact("../other/a.json", cwd),
            outside("file:///srv/other/a.json")
        );
        // A sibling whose name starts like the working folder's is still outside it.
        assert_eq!(
            artifact("/srv/project2/a.json", cwd),
            outside("file:///srv/project2/a.json")
        );
    }

    #[test]
    fn a_placeholder_repository_is_no_information_uri() {
        assert_eq!(information_uri("https://example.invalid/mtlint"), None);
        assert_eq!(information_uri(""), None);
        assert_eq!(
            information_uri("https://github.com/o/mtlint"),
            Some("https://github.com/o/mtlint".into())
        );
    }

    #[test]
    fn friendly_names_are_the_rule_types_names() {
        for entry in registry::all() {
            let meta = entry.meta();
            assert_ne!(friendly_name(meta.name), meta.name);
            assert!(friendly_name(meta.name).chars().all(char::is_alphanumeric));
        }
        assert_eq!(friendly_name("schema/maxLength"), "SchemaMaxLength");
        assert_eq!(
            friendly_name("version-exceeds-latest"),
            "VersionExceedsLatest"
        );
    }

    #[test]
    fn a_full_description_is_one_plain_paragraph() {
        for entry in registry::all() {
            let meta = entry.meta();
            let text = description(meta);
            assert!(text.starts_with(&meta.summary().replace('`', "")), "{text}");
            assert!(!text.contains('\n') && !text.contains('`'), "{text}");
            assert!(text.len() > meta.summary().len(), "{}: {text}", meta.name);
        }
    }
}
