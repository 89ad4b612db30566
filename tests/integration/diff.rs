//! `redbrief diff`: who must be re-briefed between two versions of a spec.
//! Each pair is the bundled Malaysian launch and a copy with a line edited.

use std::path::Path;
use std::process::Command;

use crate::common::{repo_path, Test};

const EXAMPLE: &str = "examples/glow-serum-my.campaign";

fn example() -> String {
    std::fs::read_to_string(repo_path(EXAMPLE)).expect("the example spec")
}

/// The example with one piece of text replaced; the text must be there.
fn edited(spec: &str, from: &str, to: &str) -> String {
    assert!(spec.contains(from), "`{from}` is not in the spec");
    spec.replacen(from, to, 1)
}

/// The example without one creator's block.
fn without(spec: &str, head: &str) -> String {
    let start = spec.find(head).expect("the creator's block");
    let end = start + spec[start..].find("\n  }\n").expect("its end") + "\n  }\n".len();
    format!("{}{}", &spec[..start], &spec[end..])
}

/// The example with a block added at the end of the campaign.
fn with(spec: &str, block: &str) -> String {
    let end = spec.rfind("}\n").expect("the campaign's closing brace");
    format!("{}\n{block}{}", &spec[..end], &spec[end..])
}

const NEW_KOC: &str = r#"  koc @mei.tries {
    followers  2.8k
    niche      skincare
    serves     trust
    trial      14d
    deliver    image x1 on 2026-12-22
    fee        500 MYR
    angle      "Night-shift nurse, tired skin"
    prompts    "Did it help after a night shift?"
  }
"#;

/// `redbrief diff old.campaign new.campaign` and the rest of `args`.
fn diff(new: &str, args: &[&str]) -> crate::common::Output {
    Test::new()
        .file("old.campaign", example())
        .file("new.campaign", new)
        .args(["diff", "old.campaign", "new.campaign"])
        .args(args.iter().copied())
        .run()
}

#[test]
fn a_fee_change_names_the_creator_and_both_fees() {
    let new = edited(&example(), "fee        9k MYR", "fee        11k MYR");
    let out = diff(&new, &[]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "@sofia.daily (KOL)\n  fee 9k MYR → 11k MYR\n\n\
         1 brief changes (1 changed); 5 stay the same; the overview changes\n"
    );
}

#[test]
fn a_moved_delivery_shows_both_dates() {
    let new = edited(
        &example(),
        "video x1 on 2026-12-01",
        "video x1 on 2026-12-02",
    );
    let out = diff(&new, &[]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("@lina.glow (KOL)\n  deliver video x1 on 2026-12-01 → on 2026-12-02\n\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_new_creator_is_listed_as_new() {
    let out = diff(&with(&example(), NEW_KOC), &[]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "@mei.tries (KOC): new creator\n\n\
         1 brief changes (1 new); 6 stay the same; the overview changes\n"
    );
}

#[test]
fn a_removed_creator_is_listed_as_removed() {
    let out = diff(&without(&example(), "  koc @raj.routine {"), &[]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "@raj.routine (KOC): removed\n\n\
         1 brief changes (1 removed); 5 stay the same; the overview changes\n"
    );
}

#[test]
fn a_campaign_change_is_said_once_and_reaches_the_briefs_that_show_it() {
    // The brand voice is part of the KOL brief's creative direction; the
    // KOC briefs do not show it, so they stay as they are.
    let new = edited(
        &example(),
        "\"Warm, science-backed, never exaggerated\"",
        "\"Warm and science-backed\"",
    );
    let out = diff(&new, &[]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "@lina.glow (KOL)\n  campaign-wide changes (see below)\n\
         @sofia.daily (KOL)\n  campaign-wide changes (see below)\n\n\
         campaign changes, said once:\n  brand voice changed\n    \
         was: \"Warm, science-backed, never exaggerated\"\n    \
         now: \"Warm and science-backed\"\n\n\
         2 briefs change (2 changed); 4 stay the same\n"
    );
}

#[test]
fn a_goal_kpi_reaches_the_creators_serving_it() {
    let new = edited(&example(), "kpi   reach >= 800k", "kpi   reach >= 1m");
    let out = diff(&new, &["--format", "json"]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    assert_eq!(json["briefs_change"], true);
    let change = &json["campaign"][0];
    assert_eq!(change["field"], "goal launch kpi");
    assert_eq!(change["old"], "reach >= 800k");
    assert_eq!(change["new"], "reach >= 1m");
    assert_eq!(change["scope"]["goal"], "launch");
    let creators = json["creators"].as_array().expect("creators");
    let handles: Vec<&str> = creators
        .iter()
        .filter_map(|c| c["handle"].as_str())
        .collect();
    assert_eq!(handles, ["@lina.glow", "@sofia.daily"]);
    assert_eq!(creators[0]["through"][0], "goal launch");
    assert_eq!(creators[0]["languages"], serde_json::json!(["en", "zh"]));
}

#[test]
fn what_no_brief_shows_changes_no_brief() {
    // Followers and a comment are in no brief; the budget only in the
    // overview.
    let spec = edited(&example(), "followers  2.1k", "followers  2.4k");
    let spec = edited(&spec, "budget    60k MYR", "budget    70k MYR # raised");
    let out = diff(&spec, &[]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "campaign changes that no brief shows:\n  budget 60k MYR → 70k MYR\n\n\
         no brief changes (6 briefs stay the same); the overview changes\n"
    );
}

#[test]
fn the_same_spec_changes_nothing() {
    let out = diff(&format!("# Sent to creators on 1 Nov\n{}", example()), &[]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "no brief changes (6 briefs stay the same)\n");
}

#[test]
fn a_spec_with_errors_exits_two_with_its_findings() {
    let new = edited(&example(), "followers  3.2k", "folowers  3.2k");
    let out = diff(&new, &[]);
    assert_eq!(out.status, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("error[E002] unknown-name: unknown field `folowers` in @amy_tries\n"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .ends_with("error: `new.campaign` has errors; fix them to compare its briefs\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn one_file_without_git_is_a_usage_error() {
    let out = Test::new()
        .file("a.campaign", example())
        .args(["diff", "a.campaign"])
        .run();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("redbrief diff --git REV FILE"),
        "{}",
        out.stderr
    );
}

#[test]
fn markdown_is_a_table_then_details() {
    let spec = edited(&example(), "fee        9k MYR", "fee        11k MYR");
    let spec = edited(&spec, "video x1 on 2026-12-01", "video x1 on 2026-12-02");
    let spec = edited(
        &spec,
        "\"An evening self-care ritual in a KL condo\"",
        "\"A | pipe and <b>tags</b> stay text\"",
    );
    let spec = edited(&spec, "\"skincareroutine\"", "\"glowup\"");
    let spec = edited(&spec, "kpi   reach >= 800k", "kpi   reach >= 1m");
    let spec = without(&with(&spec, NEW_KOC), "  koc @raj.routine {");
    let out = diff(&spec, &["--format", "markdown"]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

/// Runs git in a folder, failing the test when git fails.
fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=redbrief",
            "-c",
            "user.email=redbrief@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn git_installed() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        println!("skipped: `git` is not installed");
    }
    found
}

#[test]
fn git_compares_with_a_revision_from_any_folder() {
    if !git_installed() {
        return;
    }
    let test = Test::new().file("campaigns/launch.campaign", example());
    git(test.path(), &["init", "--quiet"]);
    git(test.path(), &["add", "."]);
    git(test.path(), &["commit", "--quiet", "-m", "first plan"]);
    let new = edited(&example(), "fee        9k MYR", "fee        11k MYR");
    std::fs::write(test.path().join("campaigns/launch.campaign"), &new).expect("edit");

    // From the repository's root...
    let out = test
        .args(["diff", "--git", "HEAD", "campaigns/launch.campaign"])
        .run();
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("@sofia.daily (KOL)\n  fee 9k MYR → 11k MYR\n"),
        "{}",
        out.stdout
    );

    // ...and from inside the folder, where the path is relative to it.
    let output = Command::new(env!("CARGO_BIN_EXE_redbrief"))
        .args([
            "diff",
            "--git",
            "HEAD",
            "launch.campaign",
            "--format",
            "json",
        ])
        .current_dir(out.dir.join("campaigns"))
        .output()
        .expect("redbrief runs");
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["old"], "HEAD:launch.campaign");
    assert_eq!(json["creators"][0]["handle"], "@sofia.daily");
}

#[test]
fn git_errors_say_what_git_said() {
    if !git_installed() {
        return;
    }
    let test = Test::new()
        .file("launch.campaign", example())
        .file("later.campaign", example());
    git(test.path(), &["init", "--quiet"]);
    git(test.path(), &["add", "launch.campaign"]);
    git(test.path(), &["commit", "--quiet", "-m", "first plan"]);
    let dir = test.path().to_path_buf();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_redbrief"))
            .args(args)
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("redbrief runs")
    };

    let unknown_rev = run(&["diff", "--git", "no-such-branch", "launch.campaign"]);
    assert_eq!(unknown_rev.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown_rev.stderr);
    assert!(
        stderr.starts_with("error: cannot read `launch.campaign` at `no-such-branch`: "),
        "{stderr}"
    );
    assert!(stderr.contains("no-such-branch"), "{stderr}");

    let not_committed = run(&["diff", "--git", "HEAD", "later.campaign"]);
    assert_eq!(not_committed.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&not_committed.stderr);
    assert!(
        stderr.starts_with("error: cannot read `later.campaign` at `HEAD`: "),
        "{stderr}"
    );
    assert!(stderr.contains("later.campaign"), "{stderr}");

    let option = run(&["diff", "--git=--output=x", "launch.campaign"]);
    assert_eq!(option.status.code(), Some(2));
    drop(test);
}

#[test]
fn git_missing_is_a_clear_error() {
    // An empty PATH: no `git` to run, whether or not this machine has one.
    let empty = tempfile::tempdir().expect("an empty folder");
    let out = Test::new()
        .file("launch.campaign", example())
        .env("PATH", &empty.path().display().to_string())
        .args(["diff", "--git", "main", "launch.campaign"])
        .run();
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: cannot read `launch.campaign` at `main`: `git` is not installed (or not on PATH); `--git` runs it\n"
    );
}
