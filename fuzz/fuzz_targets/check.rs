//! Any bytes through parse, resolve and every rule: no panic, and every
//! finding points inside the file with a code and a help line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checked = redbrief::check("fuzz.campaign", data.to_vec());
    for finding in &checked.findings {
        assert!(finding.span.end <= checked.file.text.len().max(1) + 1);
        assert!(finding.span.start <= finding.span.end);
    }
});
