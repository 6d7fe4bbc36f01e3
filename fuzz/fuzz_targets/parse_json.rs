//! Bytes -> mtlint-json's direct parser, against serde_json: whenever the direct parser accepts a
//! text, serde_json accepts it too and reads the same value (the same members in the same order,
//! a repeated name included, numbers alike), and the tree's last-member-wins lookup matches
//! serde_json's map. When it declines, nothing is asserted but that it did not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The parser reads text; serde_json rejects bytes that are not UTF-8 anyway.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(direct) = mtlint_json::from_str_direct(text) else {
        return;
    };
    let by_serde = mtlint_json::from_str_by_serde(text)
        .unwrap_or_else(|e| panic!("the direct parser accepted what serde_json rejects: {e}"));
    assert!(
        direct.identical(&by_serde),
        "written differently: {direct:?} / {by_serde:?}"
    );
    let owned: serde_json::Value =
        serde_json::from_str(text).expect("serde_json accepted it above");
    assert_eq!(direct.to_serde(), owned);
    // Number by number: `==` compares 1 and 1.0 as numbers.
    assert_eq!(direct.to_string(), owned.to_string());
});
