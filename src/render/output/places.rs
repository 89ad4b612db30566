//! Where a render works, and what an interrupted one left there.
//!
//! OUT (or, when OUT is a symbolic link, the folder it leads to), the
//! staging folder `.OUT.redbrief-new` and the old set's `.OUT.redbrief-old`
//! beside it. Both side folders carry a manifest from the moment redbrief
//! makes them, and lose it last when redbrief removes them, so a folder
//! there without one is never redbrief's and is never touched.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::manifest::{self, MANIFEST};
use super::{Leftover, OutputError};
use crate::fs::{beside, folder_of, identity, Action, FileError};

/// The folders a render reads and writes.
pub struct Places {
    /// OUT as the user named it (for messages).
    pub given: PathBuf,
    /// The folder written: OUT, or the one a link at OUT leads to.
    pub out: PathBuf,
    pub staging: PathBuf,
    pub old: PathBuf,
    /// The folder holding all three (`.` for a bare name).
    pub parent: PathBuf,
}

impl Places {
    /// A symbolic link at OUT is written through: the folder it leads to
    /// is the one replaced, and the link stays. A link to nothing is
    /// refused; its target may be a drive that is not mounted.
    pub fn of(given: &Path) -> Result<Places, OutputError> {
        // `link/` names the link itself, as `link` does.
        let plain: PathBuf = given.components().collect();
        let is_link = fs::symlink_metadata(&plain).is_ok_and(|m| m.file_type().is_symlink());
        let out = if is_link {
            match fs::canonicalize(&plain) {
                Ok(target) => target,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    // As seen from here, not from the link's folder.
                    let target = fs::read_link(&plain).unwrap_or_default();
                    return Err(OutputError::DanglingLink {
                        out: given.to_path_buf(),
                        target: plain.parent().unwrap_or(Path::new("")).join(target),
                    });
                }
                Err(e) => {
                    return Err(OutputError::File {
                        out: given.to_path_buf(),
                        error: FileError::new(Action::Read, given, e),
                    })
                }
            }
        } else {
            plain
        };
        if !matches!(out.components().next_back(), Some(Component::Normal(_))) {
            return Err(OutputError::NotReplaceable(given.to_path_buf()));
        }
        Ok(Places {
            given: given.to_path_buf(),
            staging: beside(&out, "new"),
            old: beside(&out, "old"),
            parent: folder_of(&out),
            out,
        })
    }
}

/// Clears what an interrupted render left beside OUT: the old set is put
/// back (OUT missing: interrupted between the two renames) or removed (the
/// swap finished, the removal did not); a staging folder is removed. A
/// folder there that redbrief did not make, or cannot clear, stops the
/// render before anything moves, with the folder named.
pub fn recover(places: &Places) -> Result<(), OutputError> {
    let out_exists = fs::symlink_metadata(&places.out).is_ok();
    if fs::symlink_metadata(&places.old).is_ok() {
        let stuck = |action: Action, source: io::Error| {
            leftover(places, &places.old, Leftover::Stuck { action, source })
        };
        if !manifest::marks(&places.old) {
            return Err(leftover(
                places,
                &places.old,
                Leftover::OldNotOurs { out_exists },
            ));
        }
        if out_exists {
            remove_ours(&places.old).map_err(|e| stuck(Action::Remove, e))?;
        } else {
            fs::rename(&places.old, &places.out).map_err(|e| stuck(Action::MoveInto, e))?;
        }
    }
    if fs::symlink_metadata(&places.staging).is_ok() {
        if !manifest::marks(&places.staging) {
            return Err(leftover(places, &places.staging, Leftover::StagingNotOurs));
        }
        remove_ours(&places.staging).map_err(|source| {
            leftover(
                places,
                &places.staging,
                Leftover::Stuck {
                    action: Action::Remove,
                    source,
                },
            )
        })?;
    }
    Ok(())
}

fn leftover(places: &Places, folder: &Path, leftover: Leftover) -> OutputError {
    OutputError::Leftover {
        folder: folder.to_path_buf(),
        out: places.out.clone(),
        leftover,
    }
}

/// Removes a folder redbrief made, its manifest last: a removal cut short
/// leaves a folder still known as redbrief's, to finish next time.
pub fn remove_ours(folder: &Path) -> io::Result<()> {
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        if entry.file_name() == MANIFEST {
            continue;
        }
        match entry.file_type()?.is_dir() {
            true => fs::remove_dir_all(entry.path())?,
            false => fs::remove_file(entry.path())?,
        }
    }
    fs::remove_file(folder.join(MANIFEST))?;
    fs::remove_dir(folder)
}

/// A render replaces OUT as a whole and then removes the old set, which
/// needs every folder in it writable. A folder marked read-only is found
/// here, before anything moves, not when the old set will not go.
pub fn refuse_read_only(out: &Path) -> Result<(), OutputError> {
    match fs::symlink_metadata(out) {
        Ok(meta) if meta.is_dir() => read_only_in(out, out, &meta),
        _ => Ok(()),
    }
}

fn read_only_in(out: &Path, folder: &Path, meta: &fs::Metadata) -> Result<(), OutputError> {
    if identity::is_read_only(folder, meta) {
        return Err(OutputError::ReadOnly {
            folder: folder.to_path_buf(),
        });
    }
    let entries = fs::read_dir(folder).map_err(|e| OutputError::File {
        out: out.to_path_buf(),
        error: FileError::new(Action::Read, folder, e),
    })?;
    for entry in entries.flatten() {
        // The entry's own type, read with the name on most systems (no
        // stat for each of thousands of briefs), and not through links: a
        // link to a folder is moved with the rest, not looked into.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if let Ok(meta) = entry.metadata() {
            read_only_in(out, &entry.path(), &meta)?;
        }
    }
    Ok(())
}
