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
