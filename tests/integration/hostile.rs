//! Inputs a hostile or unlucky user gives: output and memory stay bounded,
//! nothing takes time out of proportion to the file. Each blow-up is tested
//! on a small input that would have shown it (the issue saw 8,000 braces
//! print 100 MB and 32,000 take 37 s).

use std::time::{Duration, Instant};

use crate::common::Test;

/// Runs `check` on `spec`; returns the output and how long it took.
fn check(spec: &str) -> (crate::common::Output, Duration) {
    let test = Test::new().file("x.campaign", spec);
    let started = Instant::now();
    let out = test.args(["check", "x.campaign"]).run();
    (out, started.elapsed())
}

#[test]
fn twenty_thousand_braces_print_little_and_finish_at_once() {
    let spec = format!("campaign \"x\" {}\n", "{".repeat(20_000));
    let (out, took) = check(&spec);
    assert_eq!(out.status, 1);
    assert!(out.stdout.len() < 1 << 20, "{} bytes", out.stdout.len());
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(out.stdout.contains("more in x.campaign, not shown"));
    assert!(out.stdout.contains("a `{` right after another `{`"));
}

#[test]
fn a_line_of_closing_braces_is_bounded_too() {
    let (out, took) = check(&"}".repeat(32_000));
    assert_eq!(out.status, 1);
    assert!(out.stdout.len() < 1 << 20, "{} bytes", out.stdout.len());
    assert!(took < Duration::from_secs(5), "{took:?}");
    // Every finding is counted, shown or not.
    assert!(
        out.stdout.contains("32000 errors in 1 file"),
        "{}",
        &out.stdout[out.stdout.len() - 300..]
    );
}

#[test]
fn a_very_long_line_is_quoted_as_a_window() {
    let spec = format!(
        "campaign \"x\" {{\n  voice \"{}\" extra\n}}\n",
        "A".repeat(5_000_000)
    );
    let (out, _) = check(&spec);
    assert_eq!(out.status, 1);
    assert!(out.stdout.len() < 20_000, "{} bytes", out.stdout.len());
    for line in out.stdout.lines() {
        assert!(
            line.chars().count() < 200,
            "a line of {} characters",
            line.len()
        );
    }
}

#[test]
fn an_endless_input_is_refused_before_it_is_read_whole() {
    if !std::path::Path::new("/dev/zero").exists() {
        eprintln!("skipped: this system has no /dev/zero");
        return;
    }
    let out = Test::new().args(["check", "/dev/zero"]).run();
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("larger than 64 MiB"), "{}", out.stderr);
}

#[test]
fn a_finding_quoting_a_huge_name_stays_short() {
    let base = std::fs::read_to_string(crate::common::repo_path(
        "tests/fixtures/rules/base-passes.campaign",
    ))
    .expect("the base fixture");
    let long = "N".repeat(1_000_000);
    let spec = base.replace(
        "serves     trust\n",
        &format!("serves     trust\n    product \"{long}\"\n"),
    );
    let (out, _) = check(&spec);
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.contains("no product has that name"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.len() < 20_000, "{} bytes", out.stdout.len());
}
