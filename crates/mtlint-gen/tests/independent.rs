//! An independent reading of the seed: samples that `mtlint gen` writes as valid pass a plain
//! JSON Schema 2020-12 validator (the `jsonschema` crate with only its standard keywords,
//! compiled from the portable schema JSON that `mtlint schema --status N` prints), and those
//! written as breaking a schema constraint fail it. Semantic mutations stay schema-valid.

use std::path::{Path, PathBuf};

use mtlint_gen::corpus::{generate, Format, GenOptions};
use mtlint_gen::mutation;
use mtlint_gen::GenConfig;
use mtlint_schema::Contract;
use serde_json::Value;

fn plain_validator(status: u16) -> Option<jsonschema::Validator> {
    let schema = mtlint_schema::convert::portable(
        Contract::embedded()
            .response_for(status)?
            .response()
            .body_schema
            .as_ref()?,
    );
    Some(
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .expect("the portable schema compiles with standard keywords only"),
    )
}

/// Whether a plain validator can see what a mutation breaks: every schema constraint can, in
/// the portable schema (int32 ranges as `minimum`/`maximum`, the column discriminator as an
/// `enum` of kinds).
fn visible_to_plain_json_schema(mutation: &mutation::Mutation) -> bool {
    mutation.rule.name.starts_with("schema/")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn written_samples_agree_with_a_plain_json_schema_validator() {
    let out = std::env::temp_dir().join(format!("mtlint-gen-independent-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let options = GenOptions {
        count: 400,
        out: out.clone(),
        invalid_ratio: 0.6,
        seed: 2024,
        statuses: Vec::new(),
        format: Format::Json,
        config: GenConfig::small(),
        replace: false,
    };
    generate(&options).expect("generates");
    let mut files = Vec::new();
    walk(&out, &mut files);
    let (mut valid, mut broken, mut semantic) = (0, 0, 0);
    for path in &files {
        let status: u16 = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse().ok())
            .unwrap();
        let Some(validator) = plain_validator(status) else {
            // An undocumented status (the undocumented-status mutation): no schema to apply.
            continue;
        };
        let body: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let name = path.file_stem().unwrap().to_str().unwrap();
        if name.starts_with("valid-") {
            let errors: Vec<String> = validator
                .iter_errors(&body)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            valid += 1;
            continue;
        }
        let sidecar: Value =
            serde_json::from_slice(&std::fs::read(path.with_extension("mutation")).unwrap())
                .unwrap();
        let id = sidecar["mutation"].as_str().unwrap();
        let mutation = mutation::find(id).expect("the sidecar names a catalogue mutation");
        if visible_to_plain_json_schema(mutation) {
            assert!(
                !validator.is_valid(&body),
                "{}: {id} passes a plain validator",
                path.display()
            );
            broken += 1;
        } else {
            let errors: Vec<String> = validator
                .iter_errors(&body)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {id}: {errors:#?}", path.display());
            semantic += 1;
        }
    }
    assert!(
        valid >= 100 && broken >= 100 && semantic >= 20,
        "{valid} valid, {broken} broken, {semantic} semantic"
    );
    let _ = std::fs::remove_dir_all(&out);
}
