//! Where the time of a failing body goes: `cargo run --release -p mtlint-benches --example failing_cost -- LIST`
#![allow(clippy::print_stdout)]
use std::time::Instant;

use mtlint_schema::{json, Contract};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let list = std::env::args().nth(1).expect("list");
    let texts: Vec<String> = std::fs::read_to_string(list)
        .expect("list")
        .lines()
        .map(|p| std::fs::read_to_string(p).expect("body"))
        .collect();
    let response = Contract::embedded().response_for(200).unwrap().response();
    let open = response.body_validator().unwrap().unwrap();
    let drift = response.drift_validator().unwrap().unwrap();
    let bodies: Vec<json::Value<'_>> = texts.iter().map(|t| json::from_str(t).unwrap()).collect();
    let failing: Vec<&json::Value<'_>> =
        bodies.iter().filter(|b| !drift.is_valid_json(b)).collect();
    println!("{} failing of {}", failing.len(), bodies.len());
    for _ in 0..3 {
        let t = Instant::now();
        let owned: Vec<serde_json::Value> = failing.iter().map(|b| b.to_serde()).collect();
        let to_serde = t.elapsed();
        let t = Instant::now();
        let mut n = 0;
        let mut all = Vec::new();
        for (b, o) in failing.iter().zip(&owned) {
            let v = if open.is_valid_json(b) {
                Vec::new()
            } else {
                open.violations_of_invalid(o)
            };
            n += v.len();
            all.push(v);
        }
        let violations = t.elapsed();
        let t = Instant::now();
        let mut m = 0;
        for (o, v) in owned.iter().zip(&all) {
            m += drift.undocumented_of_invalid(o, v).len();
        }
        let undocumented = t.elapsed();
        println!("to_serde {to_serde:?}, violations {violations:?} ({n}), undocumented {undocumented:?} ({m})");
    }
}
