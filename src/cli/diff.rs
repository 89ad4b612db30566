//! `redbrief diff OLD NEW`, `redbrief diff --git REV FILE`

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{git, print, read_spec, trouble, Exit};
use crate::diagnostic::{human as findings, FileReport};
use crate::diff::{self, human, json, markdown};
use crate::render::RenderOptions;
use crate::Checked;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// OLD and NEW, two versions of a spec; with `--git REV`, the one FILE
    /// to compare with its version at REV.
    #[arg(required = true, num_args = 1..=2, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Compare FILE with its version at a git revision (`main`,
    /// `origin/main`, `HEAD~1`), read with `git show`.
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// A folder of templates, as for `render`: a brief changes when the
    /// briefs these templates write change.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    #[command(flatten)]
    pub speak: super::Speak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For the terminal.
    Human,
    /// For scripts.
    Json,
    /// A pull-request comment or job summary: a table, then details.
    Markdown,
}

pub fn run(args: &DiffArgs) -> Exit {
    let (old, new) = match (&args.git, args.files.as_slice()) {
        (None, [old, new]) => match (read_spec(old), read_spec(new)) {
            (Ok(old), Ok(new)) => (old, new),
            (Err(message), _) | (_, Err(message)) => return trouble(&message),
        },
        (Some(rev), [file]) => {
            let new = match read_spec(file) {
                Ok(new) => new,
                Err(message) => return trouble(&message),
            };
            match git::show(rev, file) {
                Ok(bytes) => (crate::check(format!("{rev}:{}", file.display()), bytes), new),
                Err(error) => {
                    return trouble(&crate::t!(
                        "cannot read `{path}` at `{rev}`: {reason}",
                        path = file.display(),
                        rev = rev,
                        reason = error
                    ))
                }
            }
        }
        (None, _) => {
            return trouble(&crate::t!(
                "name two versions of a spec, `redbrief diff OLD NEW`, or one and a git revision, `redbrief diff --git REV FILE`"
            ))
        }
        (Some(rev), _) => {
            return trouble(&crate::t!(
                "with `--git {rev}`, name one spec: `redbrief diff --git {rev} FILE`",
                rev = rev
            ))
        }
    };
    if refuse(&old) | refuse(&new) {
        return Exit::Trouble;
    }

    let options = RenderOptions {
        templates: args.templates.clone(),
        ..RenderOptions::default()
    };
    let diff = match diff::compare(&old, &new, &options) {
        Ok(diff) => diff,
        Err(error) => return trouble(&error.to_string()),
    };
    let text = match args.format {
        DiffFormat::Human => human::render(&diff),
        DiffFormat::Json => json::render(&diff),
        DiffFormat::Markdown => markdown::render(&diff),
    };
    match print(&text) {
        Exit::Success if diff.briefs_change() => Exit::Failed,
        other => other,
    }
}

/// A spec with errors has no briefs to compare: its findings, then why
/// nothing was compared.
fn refuse(checked: &Checked) -> bool {
    if !checked.has_errors() && checked.campaign.is_some() {
        return false;
    }
    let report = FileReport {
        file: &checked.file,
        findings: &checked.findings,
        omitted: checked.omitted.total(),
    };
    anstream::eprint!("{}", findings::render(&report));
    trouble(&crate::t!(
        "`{path}` has errors; fix them to compare its briefs",
        path = checked.file.path
    ));
    true
}
