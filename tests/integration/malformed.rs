//! Specs a hurried strategist might write wrongly. Each one must be a finding
//! with a code, a place and a fix, never a panic; each human report is a
//! snapshot that was read before it was accepted.
//!
//! The specs are checked by the library in this process; each report is
//! what `redbrief check` prints (see `common::check_in_process`).

use crate::common::{check_in_process, Report};

/// What `redbrief check NAME` prints and exits with for a spec.
fn check_bytes(name: &str, spec: impl Into<Vec<u8>>) -> Report {
    check_in_process(name, spec)
}

#[test]
fn every_malformed_spec_is_a_finding_with_its_code() {
    insta::glob!("../fixtures/malformed", "*.campaign", |path| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let shown = format!("malformed/{name}");
        let out = check_bytes(&shown, std::fs::read(path).expect("fixture"));
        assert_eq!(
            out.status, 1,
            "{name} should fail the check:\n{}",
            out.stdout
        );
        // The file name starts with the code it is about: `e004-...`.
        let code = name.split('-').next().unwrap_or_default().to_uppercase();
        assert!(
            out.stdout.contains(&format!("[{code}]")),
            "{name} should report {code}:\n{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("= help:"),
            "{name}: every finding has a help line"
        );
        insta::assert_snapshot!(out.stdout);
    });
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    let mut spec = b"campaign \"Caf".to_vec();
    spec.extend_from_slice(&[0xE9]); // Latin-1 "é", as an old editor saves it.
    spec.extend_from_slice(b"\" {\n}\n");
    let out = check_bytes("latin1.campaign", spec);
    assert_eq!(out.status, 1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_spec_saved_as_gb18030_is_named_and_shown_as_it_reads() {
    // 小鹿护肤 in GB18030, as older Windows editors save Chinese text.
    let mut spec = b"# ".to_vec();
    spec.extend_from_slice(&[0xD0, 0xA1, 0xC2, 0xB9, 0xBB, 0xA4, 0xB7, 0xF4]);
    spec.extend_from_slice(b"\ncampaign \"x\" {\n}\n");
    let out = check_bytes("gbk.campaign", spec);
    assert_eq!(out.status, 1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_five_megabyte_line_is_shown_as_a_window() {
    let base =
        std::fs::read_to_string(crate::common::repo_path("tests/fixtures/base.campaign.txt"))
            .expect("base spec");
    let long = format!(
        "    note       \"{}\" and more\n",
        "x".repeat(5 * 1024 * 1024)
    );
    let spec = base.replace(
        "    visual     \"Soft evening light\"\n",
        &format!("    visual     \"Soft evening light\"\n{long}"),
    );
    let out = check_bytes("long-line.campaign", spec);
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.len() < 2_000,
        "the report must not print the whole line"
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_valid_spec_with_a_long_text_checks() {
    let base =
        std::fs::read_to_string(crate::common::repo_path("tests/fixtures/base.campaign.txt"))
            .expect("base spec");
    let long = format!("    note       \"{}\"\n", "很长的备注".repeat(200_000));
    let spec = base.replace(
        "    visual     \"Soft evening light\"\n",
        &format!("    visual     \"Soft evening light\"\n{long}"),
    );
    let out = check_bytes("long-note.campaign", spec);
    assert!(!out.stdout.contains("error["), "{}", out.stdout);
}

#[test]
fn the_base_of_the_malformed_specs_is_itself_clean_of_errors() {
    const BASE: &str = "tests/fixtures/base.campaign.txt";
    let spec = std::fs::read(crate::common::repo_path(BASE)).expect("base spec");
    let out = check_bytes(BASE, spec);
    assert!(!out.stdout.contains("error["), "{}", out.stdout);
}

#[test]
fn a_zero_byte_file_says_what_is_missing() {
    let out = check_bytes("empty.campaign", "");
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.starts_with(
            "error[E006] missing: this file has no `campaign` block\n --> empty.campaign:1:1\n"
        ),
        "{}",
        out.stdout
    );
}

/// Edits a hurried strategist (or a bad merge) might make to a spec: cut a
/// stretch out, or type some of the language's own punctuation into it.
mod mangled {
    use proptest::prelude::*;

    const EXAMPLES: [&str; 3] = [
        include_str!("../../examples/glow-serum-my.campaign"),
        include_str!("../../examples/xiaolu-skincare-cn.campaign"),
        include_str!("../../examples/handbag-fashion-sg.campaign"),
    ];

    /// Characters that mean something to the grammar, and their full-width
    /// and Chinese look-alikes.
    const TYPED: &[&str] = &[
        "{",
        "}",
        "\"",
        "\"\"\"",
        "#",
        "@",
        ",",
        "%",
        "\n",
        "\t",
        "\r\n",
        "，",
        "“",
        "”",
        "：",
        "万",
        "k",
        "x",
        "-",
        "_",
        ".",
        "\\",
        " to ",
        " on ",
        "\u{feff}",
        "999999999999999999",
        "kol @a {\n",
        "}\n}\n",
    ];

    fn mangle(example: usize, at: usize, cut: usize, typed: &[usize]) -> String {
        let text = EXAMPLES[example % EXAMPLES.len()];
        let at = floor(text, at % text.len());
        let end = floor(text, (at + cut).min(text.len()));
        let inserted: String = typed.iter().map(|i| TYPED[i % TYPED.len()]).collect();
        format!("{}{inserted}{}", &text[..at], &text[end..])
    }

    fn floor(text: &str, mut at: usize) -> usize {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the edit, checking, formatting and rendering give
        /// findings, text or briefs, never a panic, and every finding has a
        /// help line and a span inside the file.
        #[test]
        fn a_mangled_spec_never_panics(
            example in 0usize..3,
            at in 0usize..20_000,
            cut in 0usize..200,
            typed in proptest::collection::vec(0usize..64, 0..6),
        ) {
            let text = mangle(example, at, cut, &typed);
            let checked = redbrief::check("mangled.campaign", text.clone().into_bytes());
            for finding in &checked.findings {
                prop_assert!(!finding.help.is_empty(), "{} has no help", finding.rule.code);
                prop_assert!(finding.span.end <= text.len(), "{} span past the end", finding.rule.code);
            }
            let _ = redbrief::format::format(&text);
            if !checked.has_errors() {
                let briefs = redbrief::render::Briefs::new(&Default::default());
                prop_assert!(briefs.is_ok(), "the built-in templates load");
                if let Ok(briefs) = briefs {
                    let _ = briefs.render(&checked);
                }
            }
        }
    }
}

#[test]
fn a_misspelt_required_field_is_one_finding_not_two() {
    let base =
        std::fs::read_to_string(crate::common::repo_path("tests/fixtures/base.campaign.txt"))
            .expect("base spec");
    let spec = base.replacen("    followers  ", "    folowers   ", 1);
    assert_ne!(spec, base, "the base has a followers line");
    let out = check_bytes("misspelt.campaign", spec);
    assert!(
        out.stdout.contains("unknown field `folowers`"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("[E006]"), "{}", out.stdout);
    // A field left out entirely is still missing.
    let spec = base.replacen("    followers  320k\n", "", 1);
    assert_ne!(spec, base, "the base has that line");
    let out = check_bytes("left-out.campaign", spec);
    assert!(out.stdout.contains("[E006]"), "{}", out.stdout);
}
