//! What a file or folder is beyond its contents: its mode, owner and group,
//! and whether it is meant to be written at all.

use std::fs::{File, Metadata};
use std::io;
use std::path::Path;

/// Whether a file or folder is marked read-only for the running user. For
/// its owner, and for root, that is the owner's write bit (and, for a
/// folder, search bit): root could write anyway, but someone marked it so,
/// and the mark decides, not who happens to run redbrief. For anyone else
/// the system answers.
pub fn is_read_only(path: &Path, meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::Access;
        use std::os::unix::fs::MetadataExt;
        let me = rustix::process::geteuid();
        let (bits, access) = match meta.is_dir() {
            true => (0o300, Access::WRITE_OK | Access::EXEC_OK),
            false => (0o200, Access::WRITE_OK),
        };
        if me.is_root() || me.as_raw() == meta.uid() {
            return meta.mode() & bits != bits;
        }
        rustix::fs::access(path, access).is_err()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        meta.permissions().readonly()
    }
}

/// How many names (hard links) a file has.
pub fn links(meta: &Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Gives a new folder the mode, owner and group of the one it replaces.
/// The owner first: changing it clears set-id bits the mode then restores.
pub fn carry_to_folder(from: &Metadata, to: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let now = std::fs::symlink_metadata(to)?;
        if (now.uid(), now.gid()) != (from.uid(), from.gid()) {
            std::os::unix::fs::lchown(to, Some(from.uid()), Some(from.gid()))?;
        }
    }
    std::fs::set_permissions(to, from.permissions())
}

/// Gives an open new file the owner and group of the one it replaces; the
/// caller sets the mode afterwards.
pub fn carry_owner(from: &Metadata, to: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let now = to.metadata()?;
        if (now.uid(), now.gid()) != (from.uid(), from.gid()) {
            std::os::unix::fs::fchown(to, Some(from.uid()), Some(from.gid()))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (from, to);
    Ok(())
}
