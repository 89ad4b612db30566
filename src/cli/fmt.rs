//! `redbrief fmt FILE... [--check] [--force]`

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{busy, is_stdin, print, read_stdin, stdin_once, trouble, Exit};
use crate::diagnostic::{human, FileReport};
use crate::format::{format, Refusal};
use crate::fs::{reason as io_reason, replace_file, Guard, Lock, LockError, ReplaceError};
use crate::source::SourceFile;

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Campaign spec files (*.campaign) to rewrite in place; `-` reads
    /// standard input (with `--check` only).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit 1 if any.
    #[arg(long)]
    pub check: bool,
    /// Rewrite a file even when it is read-only, has other names (hard
    /// links), or belongs to someone whose ownership cannot be kept.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub speak: super::Speak,
}

pub fn run(args: &FmtArgs) -> Exit {
    if let Err(message) = stdin_once(&args.files) {
        return trouble(&message);
    }
    let mut exit = Exit::Success;
    for path in &args.files {
        exit = exit.max(file(path, args));
    }
    exit
}

fn file(path: &Path, args: &FmtArgs) -> Exit {
    if is_stdin(path) {
        if !args.check {
            return trouble(&crate::t!(
                "fmt rewrites files in place; standard input (`-`) can only be checked: `redbrief fmt --check -`"
            ));
        }
        return match read_stdin() {
            Ok(bytes) => spec("<stdin>".to_string(), bytes, |_| Exit::Success, true),
            Err(message) => trouble(&message),
        };
    }
    let shown = path.display().to_string();
    if path.is_dir() {
        return trouble(&crate::t!(
            "`{path}` is a folder; name a .campaign file",
            path = shown
        ));
    }
    // Held from reading the file to writing it back, beside the file a
    // link leads to, so two runs on one file through two names still wait.
    let _lock = match (args.check, std::fs::canonicalize(path)) {
        (false, Ok(target)) => match Lock::acquire(&target) {
            Ok(lock) => Some(lock),
            Err(LockError::Busy { holder, waited, .. }) => {
                return trouble(&busy(path, holder.as_deref(), waited))
            }
            Err(LockError::File(error)) => return trouble(&error.to_string()),
        },
        // `--check` writes nothing; a missing file is reported below.
        _ => None,
    };
    let bytes = match crate::fs::read_at_most(path, crate::fs::LARGEST_SPEC) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return trouble(&super::too_large(&shown)),
        Err(error) => {
            return trouble(&crate::t!(
                "cannot read `{path}`: {reason}",
                path = shown,
                reason = io_reason(&error)
            ))
        }
    };
    spec(
        shown.clone(),
        bytes,
        |formatted| write(path, &shown, formatted, args.force),
        args.check,
    )
}

/// Formats one spec's bytes; lists it under `--check` when it would
/// change, else hands the new text to `write`.
fn spec(shown: String, bytes: Vec<u8>, write: impl FnOnce(&str) -> Exit, check: bool) -> Exit {
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
            return trouble(&crate::t!(
                "`{path}` was left as it was: {what} (a bug in redbrief; please report it with the file)",
                path = shown,
                what = what
            ))
        }
    };
    let layout = Layout::of(&text);
    let formatted = layout.apply(&formatted);
    if formatted == text {
        return Exit::Success;
    }
    if check {
        return match print(&format!("{shown}\n")) {
            Exit::Success => Exit::Failed,
            trouble => trouble,
        };
    }
    if let Some(note) = layout.mixed_note() {
        anstream::eprintln!(
            "{}",
            crate::t!("note: `{path}`: {note}", path = shown, note = note)
        );
    }
    write(&formatted)
}

/// Replaces the file, keeping its identity or saying why not.
fn write(path: &Path, shown: &str, formatted: &str, force: bool) -> Exit {
    match replace_file(path, formatted.as_bytes(), force) {
        Ok(replaced) => {
            for guard in &replaced.overridden {
                if let Guard::HardLinked { links } = guard {
                    anstream::eprintln!(
                        "{}",
                        crate::t!(
                            "note: `{path}` had {links} names (hard links); this one is now a file of its own, the others keep the old text",
                            path = shown,
                            links = links
                        )
                    );
                }
            }
            if replaced.owner_changed {
                anstream::eprintln!(
                    "{}",
                    crate::t!(
                        "note: `{path}` now belongs to you: its owner and group could not be kept",
                        path = shown
                    )
                );
            }
            Exit::Success
        }
        Err(ReplaceError::Guarded(guards)) => {
            // "it is read-only ..., and it has 2 names ...": each guard is
            // a clause of its own.
            let why = guards
                .iter()
                .map(|g| guard_words(*g))
                .reduce(|first, then| {
                    crate::t!("{first}, and {then}", first = first, then = then)
                })
                .unwrap_or_default();
            trouble(&crate::t!(
                "`{path}` was left as it was: {why}; `redbrief fmt --force {path}` rewrites it anyway",
                path = shown,
                why = why
            ))
        }
        Err(ReplaceError::Owner(error)) => trouble(&crate::t!(
            "`{path}` was left as it was: its new text could not keep its owner and group ({reason}); `redbrief fmt --force {path}` rewrites it as yours",
            path = shown,
            reason = io_reason(&error)
        )),
        Err(ReplaceError::Io(error)) => trouble(&crate::t!(
            "cannot write `{path}`: {reason}",
            path = shown,
            reason = io_reason(&error)
        )),
    }
}

fn guard_words(guard: Guard) -> String {
    match guard {
        Guard::ReadOnly => crate::t!("it is read-only (`--force` keeps it so)"),
        Guard::HardLinked { links } => crate::t!(
            "it has {links} names (hard links), and fmt writes a new file, so the other names would keep the old text",
            links = links
        ),
    }
}

/// What fmt keeps of a file's layout that the canonical one drops: a
/// leading byte order mark, and CRLF line endings when most lines end so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    bom: bool,
    crlf: usize,
    lf: usize,
}

impl Layout {
    fn of(text: &str) -> Layout {
        let crlf = text.matches("\r\n").count();
        Layout {
            bom: text.starts_with('\u{feff}'),
            crlf,
            lf: text.matches('\n').count() - crlf,
        }
    }

    fn keeps_crlf(self) -> bool {
        self.crlf > 0 && self.crlf >= self.lf
    }

    /// The canonical text (LF, no BOM) in this file's layout.
    fn apply(self, canonical: &str) -> String {
        let mut text = String::with_capacity(canonical.len() + canonical.len() / 16 + 3);
        if self.bom {
            text.push('\u{feff}');
        }
        match self.keeps_crlf() {
            true => text.push_str(&canonical.replace('\n', "\r\n")),
            false => text.push_str(canonical),
        }
        text
    }

    /// What changed in a file whose lines ended both ways.
    fn mixed_note(self) -> Option<String> {
        match (self.crlf, self.lf) {
            (0, _) | (_, 0) => None,
            _ if self.keeps_crlf() => Some(crate::t!("every line now ends in CRLF, as most did")),
            _ => Some(crate::t!("every line now ends in LF, as most did")),
        }
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
    text.push_str(&crate::t!(
        "`{path}` was not formatted: fix the findings above first",
        path = file.path
    ));
    text.push('\n');
    let _ = anstream::stderr().write_all(text.as_bytes());
    Exit::Failed
}
