//! What each rule costs over a corpus, in one process (no file reading): every body is parsed
//! once, then checked with all rules, with schema and drift alone, and with each semantic rule
//! added alone. `cargo run --release -p mtlint-benches --example rule_cost -- LIST [totals]`
//! (`totals`: the first three lines only).
#![allow(clippy::print_stdout)]
use std::time::{Duration, Instant};

use mtlint_json as json;
use mtlint_rules::{registry, Checker, Config, Overrides, RequestContext, ResponseInput, Settings};
use mtlint_schema::Contract;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let texts = mtlint_benches::corpus_from_args();
    let bodies: Vec<json::Value<'_>> = texts.iter().map(|t| json::from_str(t).unwrap()).collect();
    let request = RequestContext::default();
    let time = |select: Vec<String>| -> Duration {
        let settings = Settings::resolve(
            &Config::default(),
            &Overrides {
                select,
                ignore: Vec::new(),
            },
        )
        .expect("settings");
        let checker = Checker::new(Contract::embedded(), settings).expect("checker");
        (0..5)
            .map(|_| {
                let t = Instant::now();
                for body in &bodies {
                    std::hint::black_box(checker.check(&ResponseInput::body(200, body, &request)));
                }
                t.elapsed()
            })
            .min()
            .expect("rounds")
    };
    let base = time(vec!["schema".into(), "undocumented-member".into()]);
    println!("schema + drift: {base:?}");
    println!("schema only: {:?}", time(vec!["schema".into()]));
    println!("all rules: {:?}", time(Vec::new()));
    if std::env::args().nth(2).as_deref() == Some("totals") {
        return;
    }
    let mut costs = Vec::new();
    for entry in registry::all() {
        let name = entry.meta().name;
        if name == "undocumented-member" || name.starts_with("schema/") {
            continue;
        }
        let with = time(vec![
            "schema".into(),
            "undocumented-member".into(),
            name.into(),
        ]);
        costs.push((with.saturating_sub(base), name));
    }
    costs.sort();
    for (cost, name) in costs.iter().rev() {
        println!("{:>10.1?} {name}", cost);
    }
}
