//! `redbrief check`: output forms, exit codes, and every example.

use crate::common::{check_all_in_process, repo_files, repo_path, Test};

const UNKNOWN_FIELD: &str = "tests/fixtures/malformed/e002-unknown-field.campaign";

#[test]
fn every_example_checks_as_intended() {
    for example in repo_files("examples", "campaign") {
        let out = Test::new()
            .repo_file(&example)
            .args(["check", example.as_str()])
            .run();
        assert_eq!(
            out.status, 0,
            "{example} should have no errors:\n{}",
            out.stdout
        );
        insta::assert_snapshot!(
            format!("example-{}", example.trim_start_matches("examples/")),
            out.stdout
        );
    }
}

#[test]
fn json_lists_every_finding_with_its_place() {
    let out = Test::new()
        .repo_file(UNKNOWN_FIELD)
        .args(["check", UNKNOWN_FIELD, "--format", "json"])
        .run();
    assert_eq!(out.status, 1);
    let findings: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let first = &findings[0];
    assert_eq!(first["code"], "E002");
    assert_eq!(first["name"], "unknown-name");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], UNKNOWN_FIELD);
    assert_eq!(first["line"], 40);
    assert_eq!(first["column"], 5);
    assert_eq!(first["end_column"], 13);
    assert!(first["help"]
        .as_str()
        .unwrap_or_default()
        .contains("followers"));
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn github_writes_one_annotation_per_finding() {
    let out = Test::new()
        .repo_file(UNKNOWN_FIELD)
        .args(["check", UNKNOWN_FIELD, "--format", "github"])
        .run();
    assert_eq!(out.status, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with(&format!("::error file={UNKNOWN_FIELD},line=40,col=5,")));
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn sarif_carries_the_rule_catalog_and_results() {
    let out = Test::new()
        .repo_file(UNKNOWN_FIELD)
        .args(["check", UNKNOWN_FIELD, "--format", "sarif"])
        .run();
    assert_eq!(out.status, 1);
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rule catalog");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    for code in ["E001", "E002", "E010"] {
        assert!(ids.contains(&code), "{code} missing from the catalog");
    }
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "E002");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 40);
    assert_eq!(region["startColumn"], 5);
    // The rule index points into the catalog.
    let index = result["ruleIndex"].as_u64().expect("rule index") as usize;
    assert_eq!(rules[index]["id"], "E002");
}

#[test]
fn a_clean_spec_exits_zero() {
    let out = Test::new()
        .repo_file("examples/glow-serum-my.campaign")
        .args(["check", "examples/glow-serum-my.campaign"])
        .run();
    assert_eq!(out.status, 0);
    assert_eq!(out.stdout, "no findings in 1 file\n");
}

#[test]
fn findings_in_any_file_exit_one_and_every_file_is_reported() {
    let out = Test::new()
        .repo_file("examples/glow-serum-my.campaign")
        .repo_file(UNKNOWN_FIELD)
        .args(["check", "examples/glow-serum-my.campaign", UNKNOWN_FIELD])
        .run();
    assert_eq!(out.status, 1);
    assert!(out.stdout.contains(UNKNOWN_FIELD));
    assert!(
        out.stdout
            .ends_with("2 errors in 2 files (strategy rules run once the errors are fixed)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_missing_file_exits_two_with_one_line() {
    let out = Test::new().args(["check", "nowhere.campaign"]).run();
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: cannot read `nowhere.campaign`: no such file\n"
    );
}

#[test]
fn a_folder_exits_two_with_one_line() {
    let out = Test::new()
        .file("specs/a.campaign", "")
        .args(["check", "specs"])
        .run();
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: `specs` is a folder; name a .campaign file\n"
    );
}

#[test]
fn an_unreadable_file_does_not_hide_the_others() {
    let out = Test::new()
        .repo_file(UNKNOWN_FIELD)
        .args(["check", "nowhere.campaign", UNKNOWN_FIELD])
        .run();
    assert_eq!(out.status, 2);
    assert!(out.stdout.contains("[E002]"));
}

#[test]
fn bad_flags_exit_two() {
    let out = Test::new()
        .args(["check", "--format", "xml", "a.campaign"])
        .run();
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("invalid value 'xml'"), "{}", out.stderr);
    let out = Test::new().args(["check"]).run();
    assert_eq!(out.status, 2);
}

#[test]
fn colour_only_on_request() {
    let plain = Test::new()
        .repo_file(UNKNOWN_FIELD)
        .args(["check", UNKNOWN_FIELD])
        .run();
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "piped output has no colour"
    );
    let forced = Test::new()
        .repo_file(UNKNOWN_FIELD)
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "")
        .args(["check", UNKNOWN_FIELD])
        .run();
    assert!(
        forced.stdout.contains('\u{1b}'),
        "CLICOLOR_FORCE turns colour on"
    );
}

#[test]
fn warnings_fail_the_check_only_when_denied() {
    const CN: &str = "examples/xiaolu-skincare-cn.campaign";
    let out = Test::new().repo_file(CN).args(["check", CN]).run();
    assert_eq!(out.status, 0, "warnings alone pass:\n{}", out.stdout);
    assert!(out.stdout.contains("warning[RS010]"));
    assert!(!out.stdout.contains("--deny-warnings"), "{}", out.stdout);
    let out = Test::new()
        .repo_file(CN)
        .args(["check", CN, "--deny-warnings"])
        .run();
    assert_eq!(out.status, 1, "--deny-warnings fails on a warning");
    assert!(
        out.stdout
            .ends_with(" in 1 file; warnings fail the check under --deny-warnings\n"),
        "the last line says why it exits 1:\n{}",
        out.stdout
    );
}

#[test]
fn strategy_rules_wait_for_a_spec_without_errors() {
    // e004-invalid-values drops a KOC from the roster; the rules would
    // otherwise report thin trust that is not there.
    const BAD: &str = "tests/fixtures/malformed/e004-invalid-values.campaign";
    let out = Test::new().repo_file(BAD).args(["check", BAD]).run();
    assert!(!out.stdout.contains("[RS"), "{}", out.stdout);
    assert!(out
        .stdout
        .contains("(strategy rules run once the errors are fixed)"));
}

/// The rule and malformed fixtures are checked in-process (rules.rs,
/// malformed.rs); here the binary checks all of them in one run and must
/// print just what the library gave, file by file, with the same exit code.
#[test]
fn fixtures_print_the_same_through_the_binary() {
    // Named as the snapshot tests name them.
    let specs: Vec<(String, Vec<u8>)> = repo_files("tests/fixtures/rules", "campaign")
        .into_iter()
        .chain(repo_files("tests/fixtures/malformed", "campaign"))
        .map(|path| {
            let spec = std::fs::read(repo_path(&path)).expect("a fixture");
            let name = path.trim_start_matches("tests/fixtures/");
            let name = name.trim_start_matches("rules/").to_string();
            (name, spec)
        })
        .collect();
    assert!(specs.len() > 100, "{} fixtures", specs.len());

    let mut test = Test::new().args(["check"]);
    for (name, spec) in &specs {
        test = test.file(name, spec).args([name.as_str()]);
    }
    let out = test.run();
    let expected = check_all_in_process(specs);
    assert_eq!(out.stderr, "");
    assert_eq!(out.status, expected.status);
    assert_eq!(out.stdout, expected.stdout);
}

#[test]
fn gitlab_writes_a_code_quality_report() {
    let out = Test::new()
        .repo_file(UNKNOWN_FIELD)
        .args(["check", UNKNOWN_FIELD, "--format", "gitlab"])
        .run();
    assert_eq!(out.status, 1);
    let issues: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let issues = issues.as_array().expect("an array of issues");
    assert_eq!(issues.len(), 2);
    let first = &issues[0];
    assert_eq!(first["check_name"], "E002");
    assert_eq!(first["severity"], "major");
    assert_eq!(first["location"]["path"], UNKNOWN_FIELD);
    assert_eq!(first["location"]["lines"]["begin"], 40);
    let fingerprint = first["fingerprint"].as_str().expect("a fingerprint");
    assert_eq!(fingerprint.len(), 64);
    assert_ne!(first["fingerprint"], issues[1]["fingerprint"]);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn gitlab_fingerprints_do_not_move_with_the_line() {
    let spec = std::fs::read_to_string(repo_path(UNKNOWN_FIELD)).expect("the fixture");
    let run = |text: &str| {
        let out = Test::new()
            .file("a.campaign", text)
            .args(["check", "a.campaign", "--format", "gitlab"])
            .run();
        let issues: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
        issues
    };
    let before = run(&spec);
    let after = run(&format!("# a comment on top\n\n{spec}"));
    assert_eq!(after[0]["location"]["lines"]["begin"], 42);
    assert_eq!(before[0]["fingerprint"], after[0]["fingerprint"]);
}

#[test]
fn dash_reads_the_spec_from_standard_input() {
    let spec = std::fs::read_to_string(crate::common::repo_path("examples/glow-serum-my.campaign"))
        .expect("the example")
        .replace("followers  320k", "folowers  320k");
    let out = Test::new().stdin(&spec).args(["check", "-"]).run();
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert!(out.stdout.contains("--> <stdin>:"), "{}", out.stdout);
}

#[test]
fn dash_twice_is_refused() {
    let out = Test::new().stdin("").args(["check", "-", "-"]).run();
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: `-` (standard input) is named twice; it can be read once\n"
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_unicode_is_read_not_a_crash() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.campaign");
    let test = Test::new();
    let spec =
        std::fs::read(repo_path("tests/fixtures/rules/base-passes.campaign")).expect("a spec");
    std::fs::write(test.path().join(name), spec).expect("written");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_redbrief"))
        .arg("check")
        .arg(name)
        .current_dir(test.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
