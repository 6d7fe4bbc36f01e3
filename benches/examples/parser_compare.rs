//! Parse a list of bodies with each JSON parser mtlint could use, in interleaved rounds, one
//! thread, and print each round and the medians:
//! `cargo run --release -p mtlint-benches --example parser_compare -- LIST [ROUNDS]`.
//!
//! - `serde_json::Value`: owned strings, members sorted by name, the last repeated one kept.
//! - `serde_json_borrow::Value`: borrowed strings, members in written order (all repeated ones
//!   kept; its `get` answers with the first), through serde_json's deserializer.
//! - mtlint's tree through serde_json's deserializer, through the direct parser alone, and
//!   through `mtlint_json::from_str` (the direct parser, falling back to serde_json).
#![allow(clippy::print_stdout)]
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Parse = fn(&str) -> bool;

const PARSERS: [(&str, Parse); 5] = [
    ("serde_json::Value", |t| {
        serde_json::from_str::<serde_json::Value>(t).is_ok()
    }),
    ("serde_json_borrow::Value", |t| {
        serde_json::from_str::<serde_json_borrow::Value<'_>>(t).is_ok()
    }),
    ("mtlint tree by serde_json", |t| {
        mtlint_json::from_str_by_serde(t).is_ok()
    }),
    ("mtlint direct parser", |t| {
        mtlint_json::from_str_direct(t).is_some()
    }),
    ("mtlint_json::from_str", |t| {
        mtlint_json::from_str(t).is_ok()
    }),
];

fn main() {
    let texts = mtlint_benches::corpus_from_args();
    let rounds: usize = std::env::args()
        .nth(2)
        .map_or(7, |r| r.parse().expect("ROUNDS is a number"));
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("{} bodies, {bytes} bytes, {rounds} rounds", texts.len());
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); PARSERS.len()];
    for round in 0..rounds {
        // Each round starts with another parser, so none always runs on a cold cache.
        for k in 0..PARSERS.len() {
            let i = (round + k) % PARSERS.len();
            let (_, parse) = PARSERS[i];
            let t = Instant::now();
            let accepted = texts
                .iter()
                .filter(|text| parse(std::hint::black_box(text)))
                .count();
            times[i].push(t.elapsed());
            assert_eq!(accepted, texts.len(), "{} declined a body", PARSERS[i].0);
        }
    }
    for ((name, _), mut runs) in PARSERS.iter().zip(times) {
        runs.sort();
        let median = runs[runs.len() / 2];
        let mb_s = bytes as f64 / median.as_secs_f64() / 1e6;
        println!(
            "{name:28} median {median:>10.2?} ({mb_s:6.0} MB/s)  min {:>10.2?}  max {:>10.2?}",
            runs[0],
            runs[runs.len() - 1]
        );
    }
}
