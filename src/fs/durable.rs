//! Making written files durable before they are renamed into place, so a
//! power cut after the rename cannot leave a folder of empty files.

use std::fs::File;
use std::io;
use std::path::Path;

/// Flushes everything written under `dir` to disk. On Linux that is one
/// `syncfs` of the file system holding `dir`, which on a 10,000-creator
/// render costs a fraction of syncing each of its 20,000 files (see the
/// README); elsewhere each file and folder is synced.
pub fn sync_tree(dir: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let folder = File::open(dir)?;
        rustix::fs::syncfs(&folder)?;
        Ok(())
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    sync_each(dir)
}

/// Syncs every file and folder under `dir`, folders after what they hold.
pub fn sync_each(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            sync_each(&entry.path())?;
        } else if kind.is_file() {
            File::open(entry.path())?.sync_all()?;
        }
    }
    sync_folder(dir)
}

/// Makes a folder's list of names durable (after a rename into it).
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    // Windows cannot open a folder as a file; its renames are journaled.
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
