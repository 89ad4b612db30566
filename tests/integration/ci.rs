//! The pieces other tools run: the pre-commit hooks (run by the real
//! `pre-commit` when it is installed) and the GitHub Action (its metadata
//! checked here key by key, its scripts by `shellcheck` when installed;
//! actionlint could not be installed on our machines, so it is not used).

use std::path::Path;
use std::process::Command;

use serde_yaml::Value;

use crate::common::repo_path;

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(repo_path(path)).expect("the file");
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not text in {value:?}"))
}

/// Whether a tool answers `--version`; prints why a test is skipped when not.
fn installed(tool: &str, test: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("skipped {test}: `{tool}` is not installed (.ci/run installs it)");
    }
    found
}

/// The fenced blocks of one language in the README.
fn readme_blocks(language: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(repo_path("README.md")).expect("the README");
    let fence = format!("```{language}\n");
    readme
        .split(&fence)
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .map(str::to_string)
        .collect()
}

// ---- pre-commit ----

#[test]
fn the_hooks_build_with_cargo_and_take_campaign_files() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_sequence().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().map(|h| text(h, "id")).collect();
    assert_eq!(ids, ["redbrief-check", "redbrief-fmt"]);
    for hook in hooks {
        assert_eq!(text(hook, "language"), "rust");
        assert_eq!(text(hook, "files"), "\\.campaign$");
        assert!(text(hook, "entry").starts_with("redbrief "));
        assert!(!text(hook, "name").is_empty());
    }
    assert_eq!(text(&hooks[0], "entry"), "redbrief check --deny-warnings");
    assert_eq!(text(&hooks[1], "entry"), "redbrief fmt");

    // The README's .pre-commit-config.yaml names these hooks.
    let config = readme_blocks("yaml")
        .into_iter()
        .find(|b| b.contains("redbrief-check"))
        .expect("the README shows a .pre-commit-config.yaml");
    let config: Value = serde_yaml::from_str(&config).expect("YAML");
    let named: Vec<&str> = config["repos"][0]["hooks"]
        .as_sequence()
        .expect("hooks")
        .iter()
        .map(|h| text(h, "id"))
        .collect();
    assert_eq!(named, ids);
}

/// Runs a command in a folder; its exit code and what it printed.
fn run(dir: &Path, program: &str, args: &[&str], home: &Path) -> (i32, String) {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), printed)
}

/// The real `pre-commit` runs our hooks in a scratch repository.
///
/// The hooks are those of `.pre-commit-hooks.yaml` (ids, arguments after
/// `redbrief`, file pattern), written into a `repo: local` config with
/// `language: system` and the binary under test as the entry. The manifest's
/// own `language: rust` would have pre-commit `cargo install` this crate
/// from a git clone, a release build of several minutes on every run; that
/// path is `pre_commit_installs_the_hooks_with_cargo` below, run by hand.
#[test]
fn the_pre_commit_hooks_run_under_pre_commit() {
    if !installed("pre-commit", "the_pre_commit_hooks_run_under_pre_commit")
        || !installed("git", "the_pre_commit_hooks_run_under_pre_commit")
    {
        return;
    }
    let binary = env!("CARGO_BIN_EXE_redbrief");
    let manifest = yaml(".pre-commit-hooks.yaml");
    let mut local = Vec::new();
    for hook in manifest.as_sequence().expect("hooks") {
        let entry = text(hook, "entry");
        let arguments = entry.strip_prefix("redbrief").expect("a redbrief entry");
        local.push(format!(
            "      - id: {}\n        name: {}\n        entry: '{binary}{arguments}'\n        language: system\n        files: '{}'\n",
            text(hook, "id"),
            text(hook, "name"),
            text(hook, "files"),
        ));
    }
    let config = format!("repos:\n  - repo: local\n    hooks:\n{}", local.concat());

    let scratch = tempfile::tempdir().expect("a scratch folder");
    let (dir, home) = (scratch.path().join("repo"), scratch.path().join("cache"));
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::write(dir.join(".pre-commit-config.yaml"), config).expect("config");
    let clean =
        std::fs::read_to_string(repo_path("examples/glow-serum-my.campaign")).expect("an example");
    std::fs::write(dir.join("launch.campaign"), &clean).expect("a spec");
    std::fs::write(dir.join("notes.txt"), "not a spec\n").expect("a file");
    let git = |args: &[&str]| {
        let (code, printed) = run(&dir, "git", args, &home);
        assert_eq!(code, 0, "git {args:?}: {printed}");
    };
    git(&["init", "--quiet"]);
    git(&["add", "."]);
    let pre_commit = |args: &[&str]| run(&dir, "pre-commit", args, &home);

    // A clean, canonically laid out spec passes both hooks.
    let (code, printed) = pre_commit(&["run", "--all-files"]);
    assert_eq!(code, 0, "{printed}");
    assert!(printed.contains("redbrief check"), "{printed}");
    assert!(printed.contains("Passed"), "{printed}");

    // A strategy warning fails the check hook (--deny-warnings).
    let warned = std::fs::read_to_string(repo_path("examples/handbag-fashion-sg.campaign"))
        .expect("an example");
    std::fs::write(dir.join("launch.campaign"), &warned).expect("a spec");
    git(&["add", "."]);
    let (code, printed) = pre_commit(&["run", "redbrief-check", "--all-files"]);
    assert_eq!(code, 1, "{printed}");
    assert!(printed.contains("RS009"), "{printed}");

    // A spec out of layout is rewritten by the fmt hook, which fails.
    let messy = clean.replace("  budget    60k MYR", "    budget 60k MYR");
    std::fs::write(dir.join("launch.campaign"), &messy).expect("a spec");
    git(&["add", "."]);
    let (code, printed) = pre_commit(&["run", "redbrief-fmt", "--all-files"]);
    assert_eq!(code, 1, "{printed}");
    assert!(
        printed.contains("files were modified by this hook"),
        "{printed}"
    );
    let rewritten = std::fs::read_to_string(dir.join("launch.campaign")).expect("the spec");
    assert_eq!(rewritten, clean);
}

/// The manifest as published: pre-commit clones this repository at HEAD and
/// builds the hooks with `cargo install` (`language: rust`). A release build
/// from scratch, so run by hand:
/// `cargo test --test integration pre_commit_installs -- --ignored`.
#[test]
#[ignore = "builds redbrief in release mode from a clone; minutes"]
fn pre_commit_installs_the_hooks_with_cargo() {
    let test = "pre_commit_installs_the_hooks_with_cargo";
    if !installed("pre-commit", test) || !installed("git", test) || !installed("cargo", test) {
        return;
    }
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let (hooks, dir, home) = (
        scratch.path().join("hooks"),
        scratch.path().join("repo"),
        scratch.path().join("cache"),
    );
    let worktree = repo_path(".");
    let (code, printed) = run(
        scratch.path(),
        "git",
        &[
            "clone",
            "--quiet",
            &worktree.display().to_string(),
            &hooks.display().to_string(),
        ],
        &home,
    );
    assert_eq!(code, 0, "{printed}");
    let (_, head) = run(&hooks, "git", &["rev-parse", "HEAD"], &home);
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: redbrief-check\n      - id: redbrief-fmt\n",
        hooks.display(),
        head.trim()
    );
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::write(dir.join(".pre-commit-config.yaml"), config).expect("config");
    let clean =
        std::fs::read_to_string(repo_path("examples/glow-serum-my.campaign")).expect("an example");
    std::fs::write(dir.join("launch.campaign"), clean).expect("a spec");
    for args in [&["init", "--quiet"][..], &["add", "."][..]] {
        let (code, printed) = run(&dir, "git", args, &home);
        assert_eq!(code, 0, "{printed}");
    }
    let (code, printed) = run(&dir, "pre-commit", &["run", "--all-files"], &home);
    assert_eq!(code, 0, "{printed}");
    assert!(printed.contains("Passed"), "{printed}");
}

// ---- the GitHub Action ----

/// Every `${{ ... }}` expression in a text.
fn expressions(text: &str) -> Vec<&str> {
    text.split("${{")
        .skip(1)
        .filter_map(|rest| rest.split("}}").next())
        .map(str::trim)
        .collect()
}

#[test]
fn the_action_declares_what_github_needs() {
    let action = yaml("action.yml");
    assert!(!text(&action, "name").is_empty());
    assert!(!text(&action, "description").is_empty());
    let inputs = action["inputs"].as_mapping().expect("inputs");
    for (name, input) in inputs {
        let name = name.as_str().expect("an input name");
        assert!(
            !text(input, "description").is_empty(),
            "input `{name}` needs a description"
        );
        assert!(
            input["default"].is_string(),
            "input `{name}` needs a default"
        );
    }
    assert_eq!(text(&action["runs"], "using"), "composite");
    let steps = action["runs"]["steps"].as_sequence().expect("steps");
    let ids: Vec<&str> = steps.iter().filter_map(|s| s["id"].as_str()).collect();
    let mut used = Vec::new();
    for step in steps {
        let name = text(step, "name");
        // A composite action's `run` step must say its shell.
        let script = text(step, "run");
        assert_eq!(text(step, "shell"), "bash", "step `{name}`");
        // Inputs and contexts reach scripts through `env`, never pasted
        // into the script, where a value could inject shell code.
        assert!(
            expressions(script).is_empty(),
            "step `{name}` pastes an expression into its script"
        );
        let env = serde_yaml::to_string(&step["env"]).expect("env");
        let condition = step["if"].as_str().unwrap_or("");
        for expression in expressions(&env).into_iter().chain(expressions(condition)) {
            for word in expression.split(|c: char| !(c.is_alphanumeric() || "._-".contains(c))) {
                if let Some(input) = word.strip_prefix("inputs.") {
                    assert!(
                        inputs.contains_key(input),
                        "step `{name}` uses undeclared input `{input}`"
                    );
                    used.push(input.to_string());
                }
                if let Some(step) = word.strip_prefix("steps.") {
                    let id = step.split('.').next().unwrap_or("");
                    assert!(ids.contains(&id), "`{name}` names no step `{id}`");
                }
            }
        }
    }
    for (name, _) in inputs {
        let name = name.as_str().unwrap_or("");
        assert!(
            used.iter().any(|u| u == name),
            "input `{name}` is never used"
        );
    }

    // What the action is for.
    let scripts: String = steps.iter().map(|s| text(s, "run")).collect();
    for command in [
        "cargo install --locked --git",
        "cargo install --locked --path",
        "redbrief check --format github",
        "redbrief fmt --check",
        "--check || status=1",
        "redbrief diff --git \"$rev\" \"$spec\" --format markdown",
        "$GITHUB_STEP_SUMMARY",
    ] {
        assert!(
            scripts.contains(command),
            "the action never runs `{command}`"
        );
    }
}

#[test]
fn the_readme_workflow_uses_only_the_actions_inputs() {
    let workflow = readme_blocks("yaml")
        .into_iter()
        .find(|b| b.contains("/redbrief@"))
        .expect("the README shows a workflow using the action");
    let workflow: Value = serde_yaml::from_str(&workflow).expect("YAML");
    let action = yaml("action.yml");
    let inputs = action["inputs"].as_mapping().expect("inputs");
    let jobs = workflow["jobs"].as_mapping().expect("jobs");
    let mut found = false;
    for (_, job) in jobs {
        for step in job["steps"].as_sequence().expect("steps") {
            let Some(uses) = step["uses"].as_str() else {
                continue;
            };
            if !uses.contains("/redbrief@") {
                continue;
            }
            found = true;
            for (key, _) in step["with"].as_mapping().expect("with") {
                let key = key.as_str().unwrap_or("");
                assert!(inputs.contains_key(key), "the action has no input `{key}`");
            }
        }
    }
    assert!(found, "no step uses the action");
}

#[test]
fn the_action_scripts_pass_shellcheck() {
    if !installed("shellcheck", "the_action_scripts_pass_shellcheck") {
        return;
    }
    let action = yaml("action.yml");
    for step in action["runs"]["steps"].as_sequence().expect("steps") {
        let mut child = Command::new("shellcheck")
            .args(["--shell=bash", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("shellcheck runs");
        {
            use std::io::Write as _;
            let mut stdin = child.stdin.take().expect("stdin");
            stdin
                .write_all(text(step, "run").as_bytes())
                .expect("the script");
        }
        let output = child.wait_with_output().expect("shellcheck finishes");
        assert!(
            output.status.success(),
            "step `{}`:\n{}",
            text(step, "name"),
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

/// Runs one of the action's step scripts with bash, as the runner would,
/// with the binary under test first on PATH.
fn action_step(name: &str, dir: &Path, env: &[(&str, &str)]) -> (i32, String) {
    let action = yaml("action.yml");
    let step = action["runs"]["steps"]
        .as_sequence()
        .expect("steps")
        .iter()
        .find(|s| text(s, "name") == name)
        .unwrap_or_else(|| panic!("no step `{name}`"))
        .clone();
    let binary = Path::new(env!("CARGO_BIN_EXE_redbrief"));
    let path = format!(
        "{}:{}",
        binary.parent().expect("the binary's folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .args(["-c", text(&step, "run")])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("bash runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), printed)
}

#[test]
fn the_action_steps_check_and_summarise_a_pull_request() {
    let test = "the_action_steps_check_and_summarise_a_pull_request";
    if !installed("bash", test) || !installed("git", test) {
        return;
    }
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let dir = scratch.path();
    let home = dir.join(".cache");
    let git = |args: &[&str]| {
        let mut all = vec![
            "-c",
            "user.name=redbrief",
            "-c",
            "user.email=redbrief@example.com",
            "-c",
            "commit.gpgsign=false",
        ];
        all.extend_from_slice(args);
        let (code, printed) = run(dir, "git", &all, &home);
        assert_eq!(code, 0, "git {args:?}: {printed}");
    };
    let example =
        std::fs::read_to_string(repo_path("examples/glow-serum-my.campaign")).expect("an example");
    std::fs::create_dir_all(dir.join("campaigns")).expect("a folder");
    std::fs::write(dir.join("campaigns/launch.campaign"), &example).expect("a spec");
    git(&["init", "--quiet"]);
    git(&["symbolic-ref", "HEAD", "refs/heads/main"]);
    git(&["add", "."]);
    git(&["commit", "--quiet", "-m", "the plan"]);
    git(&["checkout", "--quiet", "-b", "raise"]);
    let raised = example.replace("fee        9k MYR", "fee        11k MYR");
    std::fs::write(dir.join("campaigns/launch.campaign"), raised).expect("a spec");
    std::fs::write(dir.join("campaigns/spring.campaign"), &example).expect("a spec");
    git(&["add", "."]);
    git(&["commit", "--quiet", "-m", "raise a fee, plan spring"]);

    let files = ("FILES", "campaigns/*.campaign");
    let check = "Check specs, layout and briefs";
    let (code, printed) = action_step(
        check,
        dir,
        &[files, ("BRIEFS", ""), ("DENY_WARNINGS", "true")],
    );
    assert_eq!(code, 0, "{printed}");

    // No briefs committed: `render --check` fails, per spec, at its folder.
    let (code, printed) = action_step(
        check,
        dir,
        &[
            files,
            ("BRIEFS", "briefs/{stem}"),
            ("DENY_WARNINGS", "true"),
        ],
    );
    assert_eq!(code, 1, "{printed}");
    assert!(
        printed.contains("briefs/launch/en/overview.md"),
        "{printed}"
    );
    assert!(
        printed.contains("briefs/spring/en/overview.md"),
        "{printed}"
    );

    let summary = dir.join("summary.md");
    let summary_path = summary.display().to_string();
    let (code, printed) = action_step(
        "Say which briefs change",
        dir,
        &[
            files,
            ("BASE", "main"),
            ("GITHUB_STEP_SUMMARY", &summary_path),
        ],
    );
    assert_eq!(code, 0, "{printed}");
    let written = std::fs::read_to_string(&summary).expect("the summary");
    assert!(
        written
            .contains("### Briefs: `main:campaigns/launch.campaign` → `campaigns/launch.campaign`"),
        "{written}"
    );
    assert!(
        written.contains("| `@sofia.daily` | KOL | fee 9k MYR → 11k MYR |"),
        "{written}"
    );
    assert!(
        written.contains("### Briefs: `campaigns/spring.campaign` is new"),
        "{written}"
    );
}
