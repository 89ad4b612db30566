//! `redbrief init`: a starter campaign that checks clean.

use crate::common::Test;

#[test]
fn the_starter_checks_with_no_finding_at_all() {
    let out = Test::new().args(["init"]).run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "wrote launch.campaign\nnext: edit it, then run `redbrief check launch.campaign`\n"
    );
    let written = std::fs::read_to_string(out.dir.join("launch.campaign")).expect("written");
    assert_eq!(written, redbrief::cli::init::STARTER);

    let check = Test::new()
        .file("launch.campaign", &written)
        .args([
            "check",
            "launch.campaign",
            "--format",
            "json",
            "--deny-warnings",
        ])
        .run();
    assert_eq!((check.status, check.stdout.as_str()), (0, "[]\n"));
}

#[test]
fn init_makes_the_folder_it_is_given() {
    let out = Test::new().args(["init", "spring/2027"]).run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out
        .stdout
        .starts_with("wrote spring/2027/launch.campaign\n"));
    assert!(out.dir.join("spring/2027/launch.campaign").is_file());
}

#[test]
fn init_wants_a_folder_not_a_file() {
    let out = Test::new().file("notes", "").args(["init", "notes"]).run();
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: `notes` is a file; name a folder to write launch.campaign into\n"
    );
}

#[test]
fn init_never_overwrites() {
    let out = Test::new()
        .file("launch.campaign", "# mine\n")
        .args(["init"])
        .run();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("`launch.campaign` already exists"),
        "{}",
        out.stderr
    );
    let kept = std::fs::read_to_string(out.dir.join("launch.campaign")).expect("kept");
    assert_eq!(kept, "# mine\n");
}

#[test]
#[cfg(unix)]
fn init_follows_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    for (umask, mode) in [(0o022, 0o644), (0o077, 0o600)] {
        let out = Test::new().umask(umask).args(["init"]).run();
        assert_eq!(out.status, 0, "{}", out.stderr);
        let written = std::fs::metadata(out.dir.join("launch.campaign")).expect("written");
        assert_eq!(
            written.permissions().mode() & 0o777,
            mode,
            "umask {umask:03o}"
        );
    }
}

/// `redbrief templates DIR` writes the built-in templates in the layout
/// `--templates` reads: rendering with them unchanged gives the same briefs.
#[test]
fn templates_writes_what_render_reads_and_never_overwrites() {
    const GLOW: &str = "examples/glow-serum-my.campaign";
    let out = Test::new()
        .repo_file(GLOW)
        .args(["templates", "mine"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.dir.join("mine/en/kol.md.j2").is_file());
    assert!(out.dir.join("mine/zh/copy.j2").is_file());

    let render = |args: &[&str]| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_redbrief"))
            .args(args)
            .current_dir(&out.dir)
            .output()
            .expect("redbrief runs");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    render(&["render", GLOW, "-o", "plain"]);
    render(&["render", GLOW, "-o", "edited", "--templates", "mine"]);
    let plain =
        std::fs::read_to_string(out.dir.join("plain/en/kol/lina.glow.md")).expect("a brief");
    let edited =
        std::fs::read_to_string(out.dir.join("edited/en/kol/lina.glow.md")).expect("a brief");
    assert_eq!(plain, edited);

    let again = std::process::Command::new(env!("CARGO_BIN_EXE_redbrief"))
        .args(["templates", "mine"])
        .current_dir(&out.dir)
        .output()
        .expect("redbrief runs");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites a file"));
}
