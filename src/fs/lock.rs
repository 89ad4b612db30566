//! One run at a time: an exclusive lock on a small file beside what a
//! command writes (`.briefs.redbrief-lock` beside `briefs`), held while it
//! writes.
//!
//! The lock is the system's advisory `flock`: it goes when the process
//! goes, however it ends, so a crashed run never leaves a stale lock. The
//! file names the run holding it (pid and command line), so a run that
//! waited in vain can say for whom. The holder removes the file while it
//! still holds the lock; a run that locked a file removed meanwhile sees
//! that the path no longer leads to it, and tries again.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{beside, FileError};

/// How long a run waits for another to finish before giving up.
pub const WAIT: Duration = Duration::from_secs(5);

/// A held lock; dropping it releases it and removes its file.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: Option<File>,
}

/// Why a lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another run held it for all of `waited`; `holder` is what that run
    /// wrote about itself (`pid 4242: redbrief render a.campaign`), if it
    /// had yet.
    Busy {
        lock: PathBuf,
        holder: Option<String>,
        waited: Duration,
    },
    /// The lock file could not be made or locked.
    File(FileError),
}

/// The lock file for `target`: `.NAME.redbrief-lock` in its folder.
pub fn lock_path(target: &Path) -> PathBuf {
    beside(target, "lock")
}

impl Lock {
    /// Locks `target` (which need not exist; its folder must), waiting up
    /// to `WAIT` for another run to finish.
    pub fn acquire(target: &Path) -> Result<Lock, LockError> {
        Lock::acquire_within(target, WAIT)
    }

    /// `acquire`, waiting at most `wait`.
    pub fn acquire_within(target: &Path, wait: Duration) -> Result<Lock, LockError> {
        imp::acquire(lock_path(target), wait)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            // Removed while still held, then unlocked by closing.
            let _ = std::fs::remove_file(&self.path);
            drop(file);
        }
    }
}

/// What a run writes into the lock file about itself.
#[cfg_attr(not(unix), allow(dead_code))]
fn this_run() -> String {
    let mut args = std::env::args_os().map(|a| a.to_string_lossy().into_owned());
    let program = args
        .next()
        .and_then(|p| {
            Path::new(&p)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "redbrief".to_string());
    let command: Vec<String> = std::iter::once(program).chain(args).collect();
    format!("pid {}: {}", std::process::id(), command.join(" "))
}

#[cfg(unix)]
mod imp {
    use std::fs::{File, OpenOptions};
    use std::io::{Read as _, Seek as _, Write as _};
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    use rustix::fs::{flock, FlockOperation, OFlags};
    use rustix::io::Errno;

    use super::{this_run, Lock, LockError};
    use crate::fs::{Action, FileError};

    const POLL: Duration = Duration::from_millis(10);

    pub fn acquire(path: PathBuf, wait: Duration) -> Result<Lock, LockError> {
        let deadline = Instant::now() + wait;
        let failed = |path: &PathBuf, e: std::io::Error| {
            LockError::File(FileError::new(Action::Lock, path, e))
        };
        loop {
            // Never through a symbolic link: the file is truncated below.
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .custom_flags(OFlags::NOFOLLOW.bits() as i32)
                .open(&path)
                .map_err(|e| failed(&path, e))?;
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) if still_at(&file, &path) => {
                    name_holder(&file);
                    return Ok(Lock {
                        path,
                        file: Some(file),
                    });
                }
                // The run before us removed this file after we opened it.
                Ok(()) => continue,
                Err(Errno::WOULDBLOCK) | Err(Errno::INTR) => {
                    if Instant::now() >= deadline {
                        return Err(LockError::Busy {
                            holder: holder(&file),
                            lock: path,
                            waited: wait,
                        });
                    }
                    std::thread::sleep(POLL);
                }
                // A file system without locks (some network mounts): go
                // on unlocked, as every run did before there was a lock.
                Err(Errno::NOLCK) | Err(Errno::OPNOTSUPP) | Err(Errno::NOSYS) => {
                    drop(file);
                    let _ = std::fs::remove_file(&path);
                    return Ok(Lock { path, file: None });
                }
                Err(e) => return Err(failed(&path, e.into())),
            }
        }
    }

    fn still_at(file: &File, path: &PathBuf) -> bool {
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(held), Ok(there)) => (held.dev(), held.ino()) == (there.dev(), there.ino()),
            _ => false,
        }
    }

    fn name_holder(mut file: &File) {
        let _ = file
            .set_len(0)
            .and_then(|()| file.write_all(format!("{}\n", this_run()).as_bytes()));
    }

    fn holder(mut file: &File) -> Option<String> {
        let mut text = String::new();
        file.rewind().ok()?;
        file.take(4096).read_to_string(&mut text).ok()?;
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }
}

#[cfg(not(unix))]
mod imp {
    use std::path::PathBuf;
    use std::time::Duration;

    use super::{Lock, LockError};

    /// No lock outside Unix yet: std's `File::try_lock` needs Rust 1.89.
    pub fn acquire(path: PathBuf, _wait: Duration) -> Result<Lock, LockError> {
        Ok(Lock { path, file: None })
    }
}
