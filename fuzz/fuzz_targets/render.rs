//! A spec that checks clean is rendered in both languages and formats, in
//! memory: no panic and no template error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redbrief::render::{Briefs, OutputFormat, RenderOptions};

fuzz_target!(|data: &[u8]| {
    let checked = redbrief::check("fuzz.campaign", data.to_vec());
    if checked.has_errors() || checked.campaign.is_none() {
        return;
    }
    for format in [OutputFormat::Markdown, OutputFormat::Html] {
        let options = RenderOptions {
            format,
            ..RenderOptions::default()
        };
        let briefs = Briefs::new(&options).expect("the built-in templates load");
        briefs.render(&checked).expect("a clean spec renders");
    }
});
