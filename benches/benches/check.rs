//! Compile once and validate separately (as jsonschema-rs's benches do), then the rule walk and
//! pointer-to-position mapping, on a 1-item and a 100-item list body.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use mtlint_benches::{broken, LIST_1, LIST_100};
use mtlint_capture::position::{locate_all, LineIndex};
use mtlint_json as json;
use mtlint_rules::{Checker, RequestContext, ResponseInput, Settings};
use mtlint_schema::{BodyValidator, Contract};
use serde_json::Value;
use std::hint::black_box;

/// The allocator the `mtlint` binary uses, so these numbers are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bodies() -> [(&'static str, &'static str); 2] {
    [("1-item", LIST_1), ("100-items", LIST_100)]
}

fn schema_compile(c: &mut Criterion) {
    let schema = Contract::embedded()
        .response_for(200)
        .unwrap()
        .response()
        .body_schema
        .clone()
        .unwrap();
    c.bench_function("schema/compile-200", |b| {
        b.iter(|| BodyValidator::compile(black_box(&schema)).unwrap())
    });
    c.bench_function("schema/load-embedded-contract", |b| {
        b.iter(|| {
            Contract::from_text(
                mtlint_schema::EMBEDDED_SPEC,
                "<embedded>",
                "listSqlv1MaterializedTables",
            )
            .unwrap()
        })
    });
}

fn validate(c: &mut Criterion) {
    let validator = Contract::embedded()
        .response_for(200)
        .unwrap()
        .response()
        .body_validator()
        .unwrap()
        .unwrap();
    let mut group = c.benchmark_group("validate");
    for (name, text) in bodies() {
        let value: Value = serde_json::from_str(text).unwrap();
        let bad: Value = serde_json::from_str(&broken(text)).unwrap();
        group.throughput(Throughput::Bytes(text.len() as u64));
        // serde_json's tree, for comparison, and mtlint's borrowed one (what the binary parses).
        group.bench_with_input(BenchmarkId::new("parse-serde_json", name), text, |b, t| {
            b.iter(|| serde_json::from_str::<Value>(black_box(t)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("parse-tree", name), text, |b, t| {
            b.iter(|| json::from_str(black_box(t)).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("is_valid-serde_json", name),
            &value,
            |b, v| b.iter(|| validator.is_valid_serde(black_box(v))),
        );
        let tree = json::from_str(text).unwrap();
        group.bench_with_input(BenchmarkId::new("is_valid-tree", name), &tree, |b, v| {
            b.iter(|| validator.is_valid(black_box(v)))
        });
        let bad_text = serde_json::to_string(&bad).unwrap();
        let bad_tree = json::from_str(&bad_text).unwrap();
        group.bench_with_input(
            BenchmarkId::new("violations-invalid", name),
            &bad_tree,
            |b, v| b.iter(|| validator.violations_of_invalid(black_box(v))),
        );
    }
    group.finish();
}

fn full_check(c: &mut Criterion) {
    let checker = Checker::new(Contract::embedded(), Settings::default()).unwrap();
    let request = RequestContext::default();
    let mut group = c.benchmark_group("check");
    for (name, text) in bodies() {
        let tree = json::from_str(text).unwrap();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("schema+rules", name), &tree, |b, v| {
            b.iter(|| checker.check(&ResponseInput::body(200, black_box(v), &request)))
        });
        group.bench_with_input(
            BenchmarkId::new("parse+schema+rules", name),
            text,
            |b, t| {
                b.iter(|| {
                    let v = json::from_str(black_box(t)).unwrap();
                    checker.check(&ResponseInput::body(200, &v, &request))
                })
            },
        );
    }
    group.finish();
}

fn positions(c: &mut Criterion) {
    let mut group = c.benchmark_group("positions");
    let text = broken(LIST_100);
    let pointers = [
        "/data/0/status/phase",
        "/data/0/status/version",
        "/data/99/name",
        "/metadata/total_size",
    ];
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("locate_all-4-pointers-100-items", |b| {
        b.iter(|| locate_all(black_box(text.as_bytes()), &pointers))
    });
    group.bench_function("line-index-100-items", |b| {
        b.iter(|| LineIndex::new(black_box(text.as_bytes())))
    });
    group.finish();
}

criterion_group!(benches, schema_compile, validate, full_check, positions);
criterion_main!(benches);
