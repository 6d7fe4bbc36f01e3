//! Parse and yes/no-validate a list of bodies with `serde_json::Value` and with mtlint's borrowed
//! tree, in one process, one thread: `cargo run --release -p mtlint-benches --example tree_compare -- LIST`.
#![allow(clippy::print_stdout)]
use std::time::Instant;

use mtlint_json as json;
use mtlint_schema::Contract;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let texts = mtlint_benches::corpus_from_args();
    if std::env::args().nth(2).as_deref() == Some("parse-only") {
        // For `perf stat`: the borrowed tree's parse alone, five times over.
        for _ in 0..5 {
            for text in &texts {
                std::hint::black_box(json::from_str(text).unwrap());
            }
        }
        return;
    }
    let response = Contract::embedded().response_for(200).unwrap().response();
    let drift = response.drift_validator().unwrap().unwrap();
    for round in 0..3 {
        let t = Instant::now();
        for text in &texts {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            std::hint::black_box(&v);
        }
        let serde_parse = t.elapsed();
        let t = Instant::now();
        for text in &texts {
            let v = json::from_str(text).unwrap();
            std::hint::black_box(&v);
        }
        let tree_parse = t.elapsed();
        let t = Instant::now();
        for text in &texts {
            let v = json::from_str_by_serde(text).unwrap();
            std::hint::black_box(&v);
        }
        let tree_serde_parse = t.elapsed();
        let t = Instant::now();
        let mut a = 0;
        for text in &texts {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            a += usize::from(drift.is_valid_serde(&v));
        }
        let serde_valid = t.elapsed();
        let t = Instant::now();
        let mut b = 0;
        for text in &texts {
            let v = json::from_str(text).unwrap();
            b += usize::from(drift.is_valid(&v));
        }
        let tree_valid = t.elapsed();
        assert_eq!(a, b);
        println!("round {round}: parse serde {serde_parse:?} tree {tree_parse:?} (tree by serde {tree_serde_parse:?}); parse+is_valid serde {serde_valid:?} tree {tree_valid:?} ({a} valid)");
    }
}
