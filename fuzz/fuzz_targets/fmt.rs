//! Any text through the formatter: it either refuses with findings or
//! prints a spec that formats to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(formatted) = redbrief::format::format(text) {
        let again = redbrief::format::format(&formatted);
        assert_eq!(again.ok().as_deref(), Some(formatted.as_str()), "fmt is not idempotent");
    }
});
