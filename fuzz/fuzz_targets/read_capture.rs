//! The capture readers on any bytes: one selector byte picks the format (JSON body or
//! envelope, HAR, VCR cassette, NDJSON stream), the rest is the file. A record lies inside its
//! file (NDJSON: every span inside its line).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint_capture::{ndjson, read, Format, Record};

fn spans_inside(record: &Record, len: usize) {
    for span in [record.status_at, record.headers_at, record.body_at, Some(record.at)]
        .into_iter()
        .flatten()
    {
        assert!(span.start <= span.end && span.end <= len, "{span:?} outside {len}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, file)) = data.split_first() else {
        return;
    };
    match selector % 4 {
        0 => {
            let mut reader = ndjson::Reader::new(file, 1 << 20);
            while let Ok(Some(line)) = reader.next_line() {
                if let Ok(record) = &line.record {
                    spans_inside(record, line.text.len());
                }
            }
        }
        n => {
            let format = [Format::Json, Format::Har, Format::Cassette][usize::from(n) - 1];
            if let Ok(capture) = read(format, file) {
                for record in capture.records.iter().flatten() {
                    // The whole record is somewhere in the file.
                    assert!(record.at.start <= record.at.end && record.at.end <= file.len());
                }
            }
        }
    }
});
