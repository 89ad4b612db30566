//! `redbrief check`: output forms, exit codes, and every example.

use crate::common::{repo_files, Test};

#[test]
fn every_example_checks_as_intended() {
    for example in repo_files("examples", "campaign") {
        let out = Test::new()
            .repo_file(&example)
            .args(["check", example.as_str()])
            .run();
        insta::assert_snapshot!(
            format!("example-{}", example.trim_start_matches("examples/")),
            format!("exit: {}\n{}{}", out.status, out.stdout, out.stderr)
        );
    }
}
