//! A spec as it was at a git revision, read by running `git show REV:PATH`
//! (the `git` command, so redbrief needs no git library). PATH is the
//! file's path from the repository's root, which `git rev-parse
//! --show-prefix` gives for the file's folder.

use std::fmt;
use std::io;
use std::path::Path;
use std::process::Command;

/// Why a spec could not be read from git.
#[derive(Debug)]
pub enum GitError {
    /// There is no `git` command to run.
    NotInstalled,
    /// `git` could not be started for another reason.
    NotStarted(io::Error),
    /// A revision starting with `-` would be read as an option.
    OptionLike(String),
    /// git ran and refused (not a repository, an unknown revision, a path
    /// that is not in that revision); its own words.
    Refused(String),
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::NotInstalled => f.write_str(&crate::t!(
                "`git` is not installed (or not on PATH); `--git` runs it"
            )),
            GitError::NotStarted(error) => f.write_str(&crate::t!(
                "`git` could not be started: {reason}",
                reason = crate::fs::reason(error)
            )),
            GitError::OptionLike(rev) => f.write_str(&crate::t!(
                "`{rev}` is not a revision; name a branch, tag or commit such as `main` or `HEAD~1`",
                rev = rev
            )),
            GitError::Refused(message) => f.write_str(message),
        }
    }
}

/// The bytes of `file` at `rev`. `file` is as the user gave it, relative to
/// the current folder or absolute; its folder must exist.
pub fn show(rev: &str, file: &Path) -> Result<Vec<u8>, GitError> {
    if rev.starts_with('-') {
        return Err(GitError::OptionLike(rev.to_string()));
    }
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = git(folder, &["rev-parse", "--show-prefix"])?;
    let prefix = String::from_utf8_lossy(&prefix);
    let object = format!("{rev}:{}{name}", prefix.trim_end_matches(['\n', '\r']));
    git(folder, &["show", &object])
}

/// Runs git in a folder; its output, or its complaint.
fn git(folder: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(folder)
        .output()
        .map_err(|error| match error.kind() {
            io::ErrorKind::NotFound => GitError::NotInstalled,
            _ => GitError::NotStarted(error),
        })?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let message: Vec<&str> = stderr
        .lines()
        .map(|line| line.trim_start_matches("fatal: ").trim())
        .filter(|line| !line.is_empty())
        .collect();
    Err(GitError::Refused(match message.is_empty() {
        true => crate::t!("`git {command}` failed", command = args.join(" ")),
        false => message.join("; "),
    }))
}
