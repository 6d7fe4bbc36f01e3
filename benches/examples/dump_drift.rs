#![allow(clippy::print_stdout)]
fn main() {
    let r = mtlint_schema::Contract::embedded().response_for(200).unwrap().response();
    let d = r.drift_validator().unwrap().unwrap();
    println!("{}", serde_json::to_string_pretty(d.schema()).unwrap());
}
