//! Bytes -> an `mtlint.yaml` and its resolution against the registry: any text gives a
//! configuration or an error, never a panic, and an error quotes at most a short excerpt of the
//! file (a linked secret must not be echoed whole).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint_rules::{Config, Overrides, Settings};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(text, "mtlint.yaml") {
        Ok(config) => {
            let _ = Settings::resolve(&config, &Overrides::default());
        }
        Err(error) => {
            let message = error.to_string();
            // The longest line of the file never appears whole when it is long.
            if let Some(line) = text.lines().find(|l| l.chars().count() > 200) {
                assert!(!message.contains(line), "{message}");
            }
        }
    }
});
