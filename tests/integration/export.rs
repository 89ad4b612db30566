//! `redbrief export`: the resolved campaign as YAML and JSON.

use crate::common::{repo_files, Test};

#[test]
fn every_example_exports_as_yaml_and_json() {
    for example in repo_files("examples", "campaign") {
        let name = example.trim_start_matches("examples/");
        for form in ["yaml", "json"] {
            let out = Test::new()
                .repo_file(&example)
                .args(["export", example.as_str(), "--to", form])
                .run();
            assert_eq!(out.stderr, "", "{example}");
            insta::assert_snapshot!(format!("export-{name}.{form}"), out.stdout);
        }
    }
}

#[test]
fn yaml_is_the_default() {
    let example = "examples/glow-serum-my.campaign";
    let default = Test::new()
        .repo_file(example)
        .args(["export", example])
        .run();
    let yaml = Test::new()
        .repo_file(example)
        .args(["export", example, "--to", "yaml"])
        .run();
    assert_eq!(default.stdout, yaml.stdout);
    assert!(default
        .stdout
        .starts_with("campaign:\n  name: Glow Serum MY Launch\n"));
}

#[test]
fn a_spec_with_errors_is_exported_with_them_and_fails() {
    let spec = "campaign \"C\" {\n  window 2027-03-01 to 2027-04-30\n  budget 0 MYR\n}\n";
    let out = Test::new()
        .file("c.campaign", spec)
        .args(["export", "c.campaign", "--to", "json"])
        .run();
    assert_eq!(out.status, 1);
    let export: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(export["campaign"]["name"], "C");
    assert_eq!(export["campaign"]["window"]["start"], "2027-03-01");
    assert_eq!(export["campaign"]["budget"], serde_json::Value::Null);
    let findings = export["findings"].as_array().expect("findings");
    let zero_budget = findings
        .iter()
        .find(|f| f["code"] == "E004")
        .expect("the zero budget is reported");
    assert_eq!(
        (&zero_budget["line"], &zero_budget["column"]),
        (&3.into(), &10.into())
    );
    assert!(
        findings.iter().any(|f| f["code"] == "E006"),
        "no brand, product, goal or creator"
    );
}

#[test]
fn a_spec_that_does_not_parse_exports_no_campaign() {
    let out = Test::new()
        .file("c.campaign", "campaign \"C\" {\n")
        .args(["export", "c.campaign", "--to", "json"])
        .run();
    assert_eq!(out.status, 1);
    let export: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(export["campaign"], serde_json::Value::Null);
    assert_eq!(export["findings"][0]["code"], "E001");
}

#[test]
fn a_missing_file_is_trouble() {
    let out = Test::new().args(["export", "nowhere.campaign"]).run();
    assert_eq!(out.status, 2);
    assert_eq!(out.stdout, "");
}

#[test]
fn dash_exports_the_spec_on_standard_input() {
    let spec = std::fs::read(crate::common::repo_path("examples/glow-serum-my.campaign"))
        .expect("the example");
    let from_file = Test::new()
        .repo_file("examples/glow-serum-my.campaign")
        .args(["export", "examples/glow-serum-my.campaign", "--to", "json"])
        .run();
    let from_stdin = Test::new()
        .stdin(spec)
        .args(["export", "-", "--to", "json"])
        .run();
    assert_eq!(from_stdin.status, 0, "{}", from_stdin.stderr);
    assert_eq!(from_stdin.stdout, from_file.stdout);
}
