//! `redbrief fmt FILE... [--check]`

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{print, trouble, Exit};
use crate::diagnostic::{human, FileReport};
use crate::format::{format, Refusal};
use crate::fs::{reason as io_reason, replace_file};
use crate::source::SourceFile;

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Campaign spec files (*.campaign) to rewrite in place.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit 1 if any.
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: &FmtArgs) -> Exit {
    let mut exit = Exit::Success;
    for path in &args.files {
        exit = exit.max(file(path, args.check));
    }
    exit
}

fn file(path: &Path, check: bool) -> Exit {
    let shown = path.display().to_string();
    if path.is_dir() {
        return trouble(&format!("`{shown}` is a folder; name a .campaign file"));
    }
    let bytes = match crate::fs::read_at_most(path, crate::fs::LARGEST_SPEC) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return trouble(&super::too_large(&shown)),
        Err(error) => return trouble(&format!("cannot read `{shown}`: {}", io_reason(&error))),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let finding = crate::syntax::not_utf8(error.utf8_error().valid_up_to());
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            return refused(SourceFile::new(shown, text), vec![finding]);
        }
    };
    let formatted = match format(&text) {
        Ok(formatted) => formatted,
        Err(Refusal::Findings(findings)) => return refused(SourceFile::new(shown, text), findings),
        Err(Refusal::Unsafe(what)) => {
            return trouble(&format!(
                "`{shown}` was left as it was: {what} (a bug in redbrief; please report it with the file)"
            ))
        }
    };
    if formatted == text {
        return Exit::Success;
    }
    if check {
        return match print(&format!("{shown}\n")) {
            Exit::Success => Exit::Failed,
            trouble => trouble,
        };
    }
    match replace_file(path, formatted.as_bytes()) {
        Ok(()) => Exit::Success,
        Err(error) => trouble(&format!("cannot write `{shown}`: {}", io_reason(&error))),
    }
}

/// A spec that does not parse is not rewritten: say why on stderr.
fn refused(file: SourceFile, mut findings: Vec<crate::diagnostic::Finding>) -> Exit {
    let omitted = findings.len().saturating_sub(crate::check::MOST_FINDINGS);
    findings.truncate(crate::check::MOST_FINDINGS);
    let mut text = human::render(&FileReport {
        file: &file,
        findings: &findings,
        omitted,
    });
    text.push_str(&format!(
        "`{}` was not formatted: fix the findings above first\n",
        file.path
    ));
    let _ = anstream::stderr().write_all(text.as_bytes());
    Exit::Failed
}
