//! Writing a rendered set to the output folder without ever leaving a mix
//! of old and new briefs, and without touching files the user put there.
//!
//! The new set is built in a staging folder beside OUT (`.OUT.redbrief-new`),
//! together with hard links to the user's own files from OUT, given OUT's
//! mode, owner and group, and flushed to disk. Then OUT is renamed aside
//! (`.OUT.redbrief-old`), the staging folder renamed to OUT, and the old
//! folder removed. An interrupted render leaves OUT as it was, or the new
//! set in place, or (between the two renames) both folders whole beside
//! it; the next render puts the old one back first (see `places`).
//!
//! One render at a time: a lock beside OUT (`.OUT.redbrief-lock`) is held
//! from the first look at OUT to the last rename. A symbolic link at OUT is
//! written through: the folder it leads to is replaced, the link stays.
//!
//! A manifest in OUT lists the files a render wrote. Only those are left
//! behind when the next set replaces them; everything else is carried over.

mod manifest;
mod places;

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::RenderedFile;
use crate::fs::{create_file, durable, identity, Action, FileError, Lock, LockError};
use manifest::{with_manifest, ManifestError};
pub use manifest::{Broken, MANIFEST};
use places::Places;

/// How one file of OUT would differ after a render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Changed,
    Appears,
    Disappears,
}

impl Change {
    /// The change in the user's language, before a file's path in
    /// `render --check`'s list.
    pub fn as_str(self) -> String {
        match self {
            Change::Changed => crate::t!("would change"),
            Change::Appears => crate::t!("would appear"),
            Change::Disappears => crate::t!("would disappear"),
        }
    }
}

/// Why the briefs could not be written to (or compared with) a folder.
/// Every refusal comes before anything of OUT moved.
#[derive(Debug)]
pub enum OutputError {
    /// OUT is a file.
    NotAFolder(PathBuf),
    /// OUT is `.`, `..` or `/`, which cannot be swapped as a whole.
    NotReplaceable(PathBuf),
    /// OUT is a symbolic link to `target`, which does not exist.
    DanglingLink { out: PathBuf, target: PathBuf },
    /// A file the user put in OUT stands where a brief now belongs.
    InTheWay(PathBuf),
    /// A folder beside OUT, where the render works, that redbrief did not
    /// make or cannot clear.
    Leftover {
        folder: PathBuf,
        out: PathBuf,
        leftover: Leftover,
    },
    /// A folder in OUT (or OUT) is marked read-only.
    ReadOnly { folder: PathBuf },
    /// The manifest cannot be read, so redbrief's files cannot be told
    /// from the user's.
    BrokenManifest { manifest: PathBuf, broken: Broken },
    /// Another run held the lock on OUT for all of `waited`.
    Busy {
        out: PathBuf,
        holder: Option<String>,
        waited: Duration,
    },
    /// The folder holding OUT is not writable, and the new set is built
    /// beside OUT.
    NoRoomBeside { out: PathBuf, parent: PathBuf },
    /// The file system refused a step of writing OUT.
    File { out: PathBuf, error: FileError },
}

/// What is wrong with a folder beside OUT.
#[derive(Debug)]
pub enum Leftover {
    /// `.OUT.redbrief-new` has no manifest: not redbrief's staging folder.
    StagingNotOurs,
    /// `.OUT.redbrief-old` has no manifest: not an old set redbrief moved.
    OldNotOurs { out_exists: bool },
    /// redbrief's, from an interrupted render, but it could not be
    /// removed (`Action::Remove`) or put back as OUT (`Action::MoveInto`).
    Stuck { action: Action, source: io::Error },
}

impl OutputError {
    fn file(out: &Path, action: Action, path: &Path, source: io::Error) -> Self {
        OutputError::File {
            out: out.to_path_buf(),
            error: FileError::new(action, path, source),
        }
    }
}

/// What `write` did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files of the new set that were new or different.
    pub updated: usize,
    /// Files of an earlier render that the new set no longer has.
    pub removed: usize,
    /// The new set is in place, but the old one could not be removed; the
    /// next render tries again.
    pub left_behind: Option<FileError>,
}

/// The relative paths OUT's manifest lists.
fn read_manifest(out: &Path) -> Result<BTreeSet<String>, OutputError> {
    manifest::read(out).map_err(|error| match error {
        ManifestError::Broken(broken) => OutputError::BrokenManifest {
            manifest: out.join(MANIFEST),
            broken,
        },
        ManifestError::Io(e) => OutputError::file(out, Action::Read, &out.join(MANIFEST), e),
    })
}

fn join(out: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(out.to_path_buf(), |p, part| p.join(part))
}

/// Every way OUT differs from the set, sorted by path; empty when OUT is up
/// to date. Reads only.
pub fn compare(out: &Path, files: &[RenderedFile]) -> Result<Vec<(Change, String)>, OutputError> {
    let fresh = match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => true,
        _ if out.exists() && !out.is_dir() => return Err(not_a_folder(out)),
        _ => false,
    };
    let all = with_manifest(files);
    if fresh {
        // Nothing to read: every file appears.
        let mut changes: Vec<(Change, String)> = all
            .iter()
            .map(|(path, _)| (Change::Appears, path.to_string()))
            .collect();
        changes.sort_by(|a, b| a.1.cmp(&b.1));
        return Ok(changes);
    }
    let listed = read_manifest(out)?;
    let mut changes = Vec::new();
    let mut wanted = BTreeSet::new();
    for (path, contents) in &all {
        wanted.insert(*path);
        match fs::read(join(out, path)) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => changes.push((Change::Changed, path.to_string())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                changes.push((Change::Appears, path.to_string()))
            }
            // A folder where a brief belongs, or an unreadable file.
            Err(_) => changes.push((Change::Changed, path.to_string())),
        }
    }
    for path in listed {
        // Only a file goes: a folder the manifest names is the user's.
        let is_file = join(out, &path)
            .symlink_metadata()
            .is_ok_and(|m| m.is_file());
        if !wanted.contains(path.as_str()) && is_file {
            changes.push((Change::Disappears, path));
        }
    }
    changes.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(changes)
}

fn not_a_folder(out: &Path) -> OutputError {
    OutputError::NotAFolder(out.to_path_buf())
}

/// Writes the set to OUT, replacing an earlier render's files and keeping
/// the user's. Does nothing when OUT is already up to date.
pub fn write(out: &Path, files: &[RenderedFile]) -> Result<Written, OutputError> {
    write_with_progress(out, files, &mut || {})
}

/// `write`, calling `written` after each file of the set is written.
pub fn write_with_progress(
    out: &Path,
    files: &[RenderedFile],
    written: &mut dyn FnMut(),
) -> Result<Written, OutputError> {
    let places = Places::of(out)?;
    let failed =
        |action: Action, path: &Path, e: io::Error| OutputError::file(out, action, path, e);

    fs::create_dir_all(&places.parent).map_err(|e| failed(Action::Create, &places.parent, e))?;
    let _lock = Lock::acquire(&places.out).map_err(|error| match error {
        LockError::Busy { holder, waited, .. } => OutputError::Busy {
            out: out.to_path_buf(),
            holder,
            waited,
        },
        LockError::File(error) if error.source.kind() == io::ErrorKind::PermissionDenied => {
            no_room_beside(&places)
        }
        LockError::File(error) => OutputError::File {
            out: out.to_path_buf(),
            error,
        },
    })?;
    places::recover(&places)?;
    let existing = match fs::symlink_metadata(&places.out) {
        Ok(meta) if meta.is_dir() => Some(meta),
        Ok(_) => return Err(not_a_folder(out)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(failed(Action::Read, &places.out, e)),
    };

    let changes = compare(&places.out, files)?;
    if changes.is_empty() {
        return Ok(Written::default());
    }
    let removed = changes
        .iter()
        .filter(|(c, _)| *c == Change::Disappears)
        .count();
    let updated = changes.len() - removed - usize::from(changes.iter().any(|(_, p)| p == MANIFEST));
    places::refuse_read_only(&places.out)?;

    build(&places, existing.as_ref(), files, written)?;

    // Until the swap, a failure leaves OUT as it was; the staging folder
    // is ours to drop.
    let abandon = |error: OutputError| {
        let _ = places::remove_ours(&places.staging);
        error
    };
    durable::sync_tree(&places.staging)
        .map_err(|e| abandon(failed(Action::Sync, &places.staging, e)))?;
    let mut left_behind = None;
    if existing.is_some() {
        // An OUT redbrief never wrote to gets an empty manifest, so that
        // once moved aside it is known as the old set, to put back.
        let manifest = places.out.join(MANIFEST);
        if !manifest.exists() {
            create_file(&manifest, manifest::empty().as_bytes())
                .map_err(|e| abandon(failed(Action::Write, &manifest, e)))?;
        }
        fs::rename(&places.out, &places.old)
            .map_err(|e| abandon(failed(Action::MoveAside, &places.out, e)))?;
        if let Err(e) = fs::rename(&places.staging, &places.out) {
            let _ = fs::rename(&places.old, &places.out);
            return Err(abandon(failed(Action::MoveInto, &places.out, e)));
        }
        settle(&places);
        if let Err(e) = places::remove_ours(&places.old) {
            left_behind = Some(FileError::new(Action::Remove, &places.old, e));
        }
    } else {
        fs::rename(&places.staging, &places.out)
            .map_err(|e| abandon(failed(Action::MoveInto, &places.out, e)))?;
        settle(&places);
    }
    Ok(Written {
        updated,
        removed,
        left_behind,
    })
}

/// Makes the renames durable. The new set is in place whatever this says,
/// so a failure here is not reported as a failed render.
fn settle(places: &Places) {
    let _ = durable::sync_folder(&places.parent);
}

fn no_room_beside(places: &Places) -> OutputError {
    OutputError::NoRoomBeside {
        out: places.given.clone(),
        parent: places.parent.clone(),
    }
}

/// Fills the staging folder, or removes what it made of it.
fn build(
    places: &Places,
    existing: Option<&fs::Metadata>,
    files: &[RenderedFile],
    written: &mut dyn FnMut(),
) -> Result<(), OutputError> {
    let staging = &places.staging;
    fs::create_dir(staging).map_err(|e| match e.kind() {
        io::ErrorKind::PermissionDenied => no_room_beside(places),
        _ => OutputError::file(&places.out, Action::Create, staging, e),
    })?;
    let filled = fill(places, existing, files, written);
    if filled.is_err() {
        // Nothing of OUT was touched; the staging folder is ours to drop.
        let _ = fs::remove_dir_all(staging);
    }
    filled
}

/// The manifest first (it marks the folder as ours), then the new set,
/// then links to the user's files in OUT, and OUT's mode, owner and group.
fn fill(
    places: &Places,
    existing: Option<&fs::Metadata>,
    files: &[RenderedFile],
    written: &mut dyn FnMut(),
) -> Result<(), OutputError> {
    let staging = &places.staging;
    let failed = |path: &Path, e: io::Error| OutputError::file(&places.out, Action::Write, path, e);
    let mut all = with_manifest(files);
    all.rotate_right(1);
    // Each folder made once: asking again for every brief doubles the
    // system calls of a large render.
    let mut made: HashSet<PathBuf> = HashSet::new();
    for (path, contents) in &all {
        let target = join(staging, path);
        if let Some(parent) = target.parent() {
            if !made.contains(parent) {
                fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
                made.insert(parent.to_path_buf());
            }
        }
        fs::write(&target, contents.as_bytes()).map_err(|e| failed(&target, e))?;
        written();
    }
    if let Some(meta) = existing {
        let ours = read_manifest(&places.out)?;
        carry_over(&places.out, &places.out, staging, &ours)?;
        identity::carry_to_folder(meta, staging)
            .map_err(|e| OutputError::file(&places.out, Action::KeepOwner, &places.out, e))?;
    }
    Ok(())
}

/// Links every file in `dir` that no render wrote into the same place in
/// the staging folder, and gives each folder there the mode, owner and
/// group of its counterpart. A user file where a brief now belongs stops
/// the render rather than being overwritten.
fn carry_over(
    out: &Path,
    dir: &Path,
    staging: &Path,
    ours: &BTreeSet<String>,
) -> Result<(), OutputError> {
    let failed = |path: &Path, e: io::Error| OutputError::file(out, Action::Keep, path, e);
    let entries = fs::read_dir(dir).map_err(|e| failed(dir, e))?;
    let mut entries: Vec<fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(relative) = path.strip_prefix(out) else {
            continue;
        };
        let key: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let key = key.join("/");
        let file_type = entry.file_type().map_err(|e| failed(&path, e))?;
        // Only a file the manifest names was ours; a folder it names (a
        // hand-edited or stale manifest) is still looked into.
        if key == MANIFEST || (file_type.is_file() && ours.contains(&key)) {
            continue;
        }
        let target = staging.join(relative);
        if file_type.is_dir() {
            if target.symlink_metadata().is_ok() && !target.is_dir() {
                return Err(in_the_way(&path));
            }
            carry_over(out, &path, staging, ours)?;
            // Kept in the new set (a brief or a user file is in it, or it
            // was empty): the folder keeps what it was.
            if target.is_dir() {
                let meta = entry.metadata().map_err(|e| failed(&path, e))?;
                identity::carry_to_folder(&meta, &target)
                    .map_err(|e| OutputError::file(out, Action::KeepOwner, &path, e))?;
            }
            continue;
        }
        if target.symlink_metadata().is_ok() {
            return Err(in_the_way(&path));
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| failed(&path, e))?;
        }
        // A hard link costs nothing and keeps the file itself; a file system
        // without them gets a copy.
        if fs::hard_link(&path, &target).is_err() {
            fs::copy(&path, &target).map_err(|e| failed(&path, e))?;
        }
    }
    // An empty folder the user made is kept too.
    if dir != out && fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none()) {
        if let Ok(relative) = dir.strip_prefix(out) {
            fs::create_dir_all(staging.join(relative)).map_err(|e| failed(dir, e))?;
        }
    }
    Ok(())
}

fn in_the_way(path: &Path) -> OutputError {
    OutputError::InTheWay(path.to_path_buf())
}
