//! Bytes -> a user's OpenAPI document (`--spec`): any text gives a contract or an error (not
//! YAML or JSON, not OpenAPI 3.0, a Swagger document, no such operation, a schema that does not
//! compile), never a panic; a contract's body validators compile or say why.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint_schema::Contract;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(contract) = Contract::from_text(text, "spec.yaml", "getX") else {
        return;
    };
    for response in contract.responses.values() {
        let _ = response.body_validator();
        let _ = response.drift_validator();
    }
});
