//! `redbrief completions SHELL`

use crate::common::Test;

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = Test::new().args(["completions", shell]).run();
        assert_eq!(out.status, 0, "{shell}: {}", out.stderr);
        for word in ["redbrief", "check", "fmt", "export", "init"] {
            assert!(out.stdout.contains(word), "{shell} script lacks {word}");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = Test::new().args(["completions", "tcsh"]).run();
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("possible values"), "{}", out.stderr);
}
