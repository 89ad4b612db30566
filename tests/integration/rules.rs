//! The strategy and platform rules: a spec that fires each one and a
//! near-identical spec that does not (tests/fixtures/rules), plus
//! `redbrief rules` and every `explain` page.

use std::collections::BTreeSet;

use crate::common::{check_in_process, Test};

/// The codes a fixture expects: its own (from the file name) when it is a
/// `-fires` file, plus any listed on a `# also: CODE, CODE` line.
fn expected_codes(name: &str, text: &str) -> BTreeSet<String> {
    let mut codes: BTreeSet<String> = text
        .lines()
        .filter_map(|line| line.strip_prefix("# also:"))
        .flat_map(|codes| codes.split(','))
        .map(|code| code.trim().to_string())
        .collect();
    let stem = name.trim_end_matches(".campaign");
    if stem.ends_with("-fires") {
        let code = stem.split('-').next().unwrap_or_default();
        codes.insert(code.to_uppercase());
    } else {
        assert!(
            stem.ends_with("-passes"),
            "{name}: name it CODE-...-fires or -passes"
        );
    }
    codes
}

/// Each fixture is checked by the library in this process, the way ruff's
/// rule tests call `test_path`; the snapshot is what `redbrief check` prints
/// for it. `check::fixtures_print_the_same_through_the_binary` runs the
/// binary on all of them at once to keep that true.
#[test]
fn rules_fire_on_their_fixture_and_not_on_its_twin() {
    insta::glob!("../fixtures/rules", "*.campaign", |path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .expect("a file name");
        let text = std::fs::read_to_string(path).expect("a fixture");

        let human = check_in_process(&name, text.as_str());
        insta::assert_snapshot!(format!("exit: {}\n{}", human.status, human.stdout));
        assert_eq!(human.codes(), expected_codes(&name, &text), "{name}");
    });
}

#[test]
fn rules_lists_every_code() {
    let out = Test::new().args(["rules"]).run();
    assert_eq!(out.status, 0);
    for rule in redbrief::rules::all() {
        assert!(out.stdout.contains(rule.code), "{}", rule.code);
    }
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn explain_prints_every_page_by_code_or_name() {
    for rule in redbrief::rules::all() {
        let by_code = Test::new().args(["explain", rule.code]).run();
        assert_eq!(by_code.status, 0, "{}", rule.code);
        let by_name = Test::new().args(["explain", rule.name]).run();
        assert_eq!(by_code.stdout, by_name.stdout, "{}", rule.code);
        insta::assert_snapshot!(format!("explain-{}", rule.code), by_code.stdout);
    }
}

#[test]
fn explain_an_unknown_rule_suggests_the_closest() {
    let out = Test::new().args(["explain", "RS0066"]).run();
    assert_eq!(out.status, 2);
    assert_eq!(out.stdout, "");
    insta::assert_snapshot!(out.stderr, @"error: no rule is called `RS0066`; did you mean `RS006`?");
}

#[test]
fn an_allowed_rule_keeps_its_reason_in_the_model() {
    let spec = std::fs::read(crate::common::repo_path(
        "examples/handbag-fashion-sg.campaign",
    ))
    .expect("the example");
    let checked = redbrief::check("handbag-fashion-sg.campaign", spec);
    let campaign = checked.campaign.expect("a resolved campaign");
    let allows: Vec<(&str, &str)> = campaign
        .allows
        .iter()
        .map(|a| (a.rule.code, a.reason.as_str()))
        .collect();
    assert_eq!(
        allows,
        [(
            "RS008",
            "Premium launch: the lead KOL's fee is agreed with the client"
        )]
    );
    assert!(checked.findings.iter().all(|f| f.code() != "RS008"));
}
