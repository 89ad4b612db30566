//! Writing files so that nothing is ever left half-written, and I/O errors
//! as data: what redbrief was doing, to which path, and what the system
//! said. The command line puts them into words (`reason`, `Display`).

use std::fmt;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// What redbrief was doing with a path when the file system said no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Write,
    Create,
    Remove,
    MoveAside,
    MoveInto,
    Keep,
}

impl Action {
    fn verb(self) -> &'static str {
        match self {
            Action::Read => "cannot read",
            Action::Write => "cannot write",
            Action::Create => "cannot create",
            Action::Remove => "cannot remove",
            Action::MoveAside => "cannot move aside",
            Action::MoveInto => "cannot move the new briefs into",
            Action::Keep => "cannot keep",
        }
    }
}

/// An I/O failure with the path it happened to.
#[derive(Debug)]
pub struct FileError {
    pub action: Action,
    pub path: PathBuf,
    pub source: io::Error,
}

impl FileError {
    pub fn new(action: Action, path: &Path, source: io::Error) -> Self {
        FileError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// A closure for `map_err`: `fs::write(p, b).map_err(FileError::on(Action::Write, p))`.
    pub fn on(action: Action, path: &Path) -> impl FnOnce(io::Error) -> FileError + '_ {
        move |source| FileError::new(action, path, source)
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} `{}`: {}",
            self.action.verb(),
            self.path.display(),
            reason(&self.source)
        )
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// An I/O error in plain words, without "(os error 2)".
pub fn reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

/// The largest spec redbrief reads: a 100,000-creator roster typed out is
/// about 40 MiB. Past it, a file is refused before it is read whole, so
/// `check /dev/zero` ends at once instead of filling the memory.
pub const LARGEST_SPEC: u64 = 64 << 20;

/// A file's bytes, or `None` when it holds more than `most` bytes. Reads
/// at most one byte more than that, whatever the file is (a pipe, a device).
pub fn read_at_most(path: &Path, most: u64) -> io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(most + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= most).then_some(bytes))
}

/// Replaces a file's contents all at once: a temporary file in the same
/// folder, given the old file's permissions, renamed over it. A symbolic
/// link is followed, so the file it points at is the one replaced.
pub fn replace_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut temporary = temporary_beside(&target)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    temporary.as_file().set_permissions(permissions)?;
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Writes a new file all at once; fails with `AlreadyExists` rather than
/// replace one that is there.
pub fn create_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut temporary = temporary_beside(path)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    temporary.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

fn temporary_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".redbrief-")
        .suffix(".tmp")
        .tempfile_in(folder)
}
