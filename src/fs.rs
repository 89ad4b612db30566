//! Writing files so that nothing is ever left half-written, and I/O errors
//! as data: what redbrief was doing, to which path, and what the system
//! said. The command line puts them into words (`reason`, `Display`).
//!
//! A file redbrief replaces keeps what it was beyond its bytes: its mode,
//! owner and group (`identity`); a file it creates follows the umask; a
//! set of files is made durable before it is renamed into place
//! (`durable`); and one run at a time writes a given place (`lock`).

pub mod durable;
pub mod identity;
pub mod lock;

use std::fmt;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

pub use lock::{Lock, LockError};

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
    Lock,
    Sync,
    KeepOwner,
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
        let (path, reason) = (self.path.display(), reason(&self.source));
        let said = match self.action {
            Action::Read => crate::t!(
                "cannot read `{path}`: {reason}",
                path = path,
                reason = reason
            ),
            Action::Write => crate::t!(
                "cannot write `{path}`: {reason}",
                path = path,
                reason = reason
            ),
            Action::Create => crate::t!(
                "cannot create `{path}`: {reason}",
                path = path,
                reason = reason
            ),
            Action::Remove => crate::t!(
                "cannot remove `{path}`: {reason}",
                path = path,
                reason = reason
            ),
            Action::MoveAside => crate::t!(
                "cannot move aside `{path}`: {reason}",
                path = path,
                reason = reason
            ),
            Action::MoveInto => crate::t!(
                "cannot move the new briefs into `{path}`: {reason}",
                path = path,
                reason = reason
            ),
            Action::Keep => crate::t!(
                "cannot keep `{path}`: {reason}",
                path = path,
                reason = reason
            ),
            Action::Lock => crate::t!(
                "cannot lock `{path}`: {reason}",
                path = path,
                reason = reason
            ),
            Action::Sync => crate::t!(
                "cannot flush to disk `{path}`: {reason}",
                path = path,
                reason = reason
            ),
            Action::KeepOwner => crate::t!(
                "cannot keep the owner, group and mode of `{path}`: {reason}",
                path = path,
                reason = reason
            ),
        };
        f.write_str(&said)
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// An I/O error in plain words, without "(os error 2)". In English the
/// system's own words serve for all but the two commonest kinds; in
/// Chinese the kinds a user meets are worded too (the system's words are
/// English), and a rarer one keeps the system's words.
pub fn reason(error: &io::Error) -> String {
    use io::ErrorKind as Kind;
    match error.kind() {
        Kind::NotFound => return crate::t!("no such file"),
        Kind::PermissionDenied => return crate::t!("permission denied"),
        _ => {}
    }
    if crate::i18n::current() == crate::i18n::Lang::Zh {
        let worded = match error.kind() {
            Kind::AlreadyExists => Some(crate::t!("it already exists")),
            Kind::IsADirectory => Some(crate::t!("it is a folder")),
            Kind::NotADirectory => Some(crate::t!("a part of the path is a file, not a folder")),
            Kind::DirectoryNotEmpty => Some(crate::t!("the folder is not empty")),
            Kind::ReadOnlyFilesystem => Some(crate::t!("the drive is read-only")),
            Kind::StorageFull => Some(crate::t!("the disk is full")),
            Kind::QuotaExceeded => Some(crate::t!("the disk quota is used up")),
            Kind::FileTooLarge => Some(crate::t!("the file is too large")),
            Kind::ResourceBusy => Some(crate::t!("it is in use by another program")),
            Kind::CrossesDevices => Some(crate::t!("it would move across drives")),
            Kind::InvalidFilename => Some(crate::t!("the name is too long or not allowed")),
            Kind::TooManyLinks => Some(crate::t!("too many links")),
            Kind::InvalidData => Some(crate::t!("the data is not valid")),
            Kind::UnexpectedEof => Some(crate::t!("the file ended early")),
            Kind::TimedOut => Some(crate::t!("it took too long")),
            Kind::Interrupted => Some(crate::t!("it was interrupted")),
            Kind::AddrInUse => Some(crate::t!("the address is in use")),
            Kind::AddrNotAvailable => {
                Some(crate::t!("the address is not available on this machine"))
            }
            _ => None,
        };
        if let Some(worded) = worded {
            return worded;
        }
    }
    let text = error.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
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
    // Room for the whole file up front (a byte more shows it is not at its
    // end): a 40 MB spec is read without being copied as it grows.
    let size = file.metadata().map_or(0, |meta| meta.len()).min(most) + 1;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(most + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= most).then_some(bytes))
}

/// Why `replace_file` would rather not replace a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// The file is marked read-only for the running user.
    ReadOnly,
    /// The file has other names (hard links); a replacement is a new file,
    /// so they would keep the old text.
    HardLinked { links: u64 },
}

/// Why a file was not replaced.
#[derive(Debug)]
pub enum ReplaceError {
    /// Guards that `force` would override.
    Guarded(Vec<Guard>),
    /// The new file could not be given the old one's owner and group.
    Owner(io::Error),
    Io(io::Error),
}

impl From<io::Error> for ReplaceError {
    fn from(error: io::Error) -> Self {
        ReplaceError::Io(error)
    }
}

/// What `replace_file` did beyond writing the bytes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Replaced {
    /// The guards `force` overrode.
    pub overridden: Vec<Guard>,
    /// The file now belongs to the running user, not its earlier owner.
    pub owner_changed: bool,
}

/// Replaces a file's contents all at once: a temporary file in the same
/// folder, given the old file's owner, group and permissions, synced, and
/// renamed over it. A symbolic link is followed, so the file it points at
/// is the one replaced. A read-only or hard-linked file, or one whose owner
/// cannot be kept, is left alone unless `force`.
pub fn replace_file(path: &Path, contents: &[u8], force: bool) -> Result<Replaced, ReplaceError> {
    let target = std::fs::canonicalize(path)?;
    let before = std::fs::metadata(&target)?;
    let mut guards = Vec::new();
    if identity::is_read_only(&target, &before) {
        guards.push(Guard::ReadOnly);
    }
    if identity::links(&before) > 1 {
        guards.push(Guard::HardLinked {
            links: identity::links(&before),
        });
    }
    if !guards.is_empty() && !force {
        return Err(ReplaceError::Guarded(guards));
    }
    let mut temporary = temporary_beside(&target)?;
    let mut owner_changed = false;
    if let Err(error) = identity::carry_owner(&before, temporary.as_file()) {
        if !force {
            return Err(ReplaceError::Owner(error));
        }
        owner_changed = true;
    }
    temporary.write_all(contents)?;
    temporary.as_file().set_permissions(before.permissions())?;
    temporary.as_file().sync_all()?;
    temporary.persist(&target).map_err(|e| e.error)?;
    // The new text is in place whatever this says; it only makes the
    // rename itself durable, so it is not reported as a failed write.
    let _ = durable::sync_folder(&folder_of(&target));
    Ok(Replaced {
        overridden: guards,
        owner_changed,
    })
}

/// Writes a new file all at once, its mode following the umask as any new
/// file's does; fails with `AlreadyExists` rather than replace one that is
/// there.
pub fn create_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut temporary = temporary_with(path, true)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    temporary.persist_noclobber(path).map_err(|e| e.error)?;
    let _ = durable::sync_folder(&folder_of(path));
    Ok(())
}

/// `.NAME.redbrief-WHAT` in the folder of `path`: where redbrief keeps its
/// own things beside what it writes (a lock, a staging folder).
pub fn beside(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sibling = format!(".{name}.redbrief-{what}");
    match path.parent() {
        Some(parent) => parent.join(sibling),
        None => PathBuf::from(sibling),
    }
}

/// The folder holding `path`, `.` for a bare name.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn temporary_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    temporary_with(path, false)
}

/// A temporary file in `path`'s folder: private (0600) while it is written
/// over an existing file whose mode it then takes, or as any new file
/// (0666 less the umask) when it is to become one.
fn temporary_with(path: &Path, as_new_file: bool) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".redbrief-").suffix(".tmp");
    #[cfg(unix)]
    if as_new_file {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = as_new_file;
    builder.tempfile_in(folder_of(path))
}
