//! Writing a rendered set to the output folder without ever leaving a mix
//! of old and new briefs, and without touching files the user put there.
//!
//! The new set is built in a staging folder beside OUT (`.OUT.redbrief-new`)
//! one file at a time, as the files are rendered (`Writer`), each compared
//! with OUT's on the way: a set that changes nothing is never written. At
//! the end come the manifest and hard links to the user's own files from
//! OUT; the folder is given OUT's mode, owner and group, and flushed to
//! disk. Then OUT is renamed aside
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

mod compare;
mod manifest;
mod places;

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::RenderedFile;
use crate::fs::{create_file, durable, identity, Action, FileError, Lock, LockError};
pub use compare::Comparison;
use compare::{Before, Paths};
use manifest::ManifestError;
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
/// to date. Reads only. To compare a set as it is rendered, use
/// `Comparison`.
pub fn compare(out: &Path, files: &[RenderedFile]) -> Result<Vec<(Change, String)>, OutputError> {
    let mut comparison = Comparison::of(out)?;
    for file in files {
        comparison.add(file);
    }
    Ok(comparison.finish())
}

fn not_a_folder(out: &Path) -> OutputError {
    OutputError::NotAFolder(out.to_path_buf())
}

/// Writes the set to OUT, replacing an earlier render's files and keeping
/// the user's. Does nothing when OUT is already up to date. To write a set
/// as it is rendered, use `Writer`.
pub fn write(out: &Path, files: &[RenderedFile]) -> Result<Written, OutputError> {
    let mut writer = Writer::open(out)?;
    for file in files {
        writer.add(file)?;
    }
    writer.finish()
}

/// Writes a set to OUT one file at a time, as it is rendered: each file
/// goes straight into the staging folder, so the set is never held. The
/// staging folder is made at the first file that differs from OUT (a render
/// that changes nothing writes nothing); `finish` adds the manifest and the
/// user's files and swaps it in. A writer dropped before `finish` (a
/// template failed halfway) removes the staging folder: OUT is as it was.
pub struct Writer {
    places: Places,
    /// OUT's metadata, when it exists, for the new folder to keep.
    existing: Option<fs::Metadata>,
    before: Before,
    paths: Paths,
    /// Files of the set that are new or differ from OUT's.
    updated: usize,
    /// The staging folder, once made; it holds every file given since.
    staging: Option<Staging>,
    // Held from the first look at OUT to the last rename; dropped after
    // the staging folder is removed (fields drop after `Drop::drop`).
    _lock: Lock,
}

/// The staging folder being filled.
struct Staging {
    folder: PathBuf,
    /// Each folder made once: asking again for every brief doubles the
    /// system calls of a large render.
    made: HashSet<PathBuf>,
}

impl Staging {
    /// Writes one file of the set, making its folders the first time.
    fn put(&mut self, relative: &str, contents: &[u8]) -> Result<(), (PathBuf, io::Error)> {
        let target = join(&self.folder, relative);
        if let Some(parent) = target.parent() {
            if !self.made.contains(parent) {
                fs::create_dir_all(parent).map_err(|e| (parent.to_path_buf(), e))?;
                self.made.insert(parent.to_path_buf());
            }
        }
        fs::write(&target, contents).map_err(|e| (target, e))
    }
}

impl Writer {
    /// Takes the lock on OUT, clears what an interrupted render left beside
    /// it, and reads its manifest. Every refusal here comes before anything
    /// is written.
    pub fn open(out: &Path) -> Result<Writer, OutputError> {
        let places = Places::of(out)?;
        let failed =
            |action: Action, path: &Path, e: io::Error| OutputError::file(out, action, path, e);

        fs::create_dir_all(&places.parent)
            .map_err(|e| failed(Action::Create, &places.parent, e))?;
        let lock = Lock::acquire(&places.out).map_err(|error| match error {
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
        let before = Before::of(&places.out)?;
        Ok(Writer {
            places,
            existing,
            before,
            paths: Paths::default(),
            updated: 0,
            staging: None,
            _lock: lock,
        })
    }

    /// Compares one file of the set with OUT's and writes it to the
    /// staging folder, once there is one.
    pub fn add(&mut self, file: &RenderedFile) -> Result<(), OutputError> {
        let contents = file.contents.as_bytes();
        if self.before.change(&file.path, contents).is_some() {
            self.updated += 1;
        }
        if self.updated > 0 {
            self.stage()?;
        }
        if let Some(staging) = &mut self.staging {
            staging.put(&file.path, contents).map_err(|(path, e)| {
                OutputError::file(&self.places.out, Action::Write, &path, e)
            })?;
        }
        self.paths.push(&file.path);
        Ok(())
    }

    /// How many files were given.
    pub fn files(&self) -> usize {
        self.paths.len()
    }

    /// The staging folder, made on first use with a manifest that marks it
    /// as redbrief's, and the files given so far: they are the same as
    /// OUT's, so they are copied from there.
    fn stage(&mut self) -> Result<(), OutputError> {
        if self.staging.is_none() {
            let places = &self.places;
            let folder = places.staging.clone();
            fs::create_dir(&folder).map_err(|e| match e.kind() {
                io::ErrorKind::PermissionDenied => no_room_beside(places),
                _ => OutputError::file(&places.out, Action::Create, &folder, e),
            })?;
            let staging = self.staging.insert(Staging {
                folder,
                made: HashSet::new(),
            });
            let failed = |(path, e): (PathBuf, io::Error)| {
                OutputError::file(&places.out, Action::Write, &path, e)
            };
            staging
                .put(MANIFEST, manifest::empty().as_bytes())
                .map_err(failed)?;
            for path in self.paths.iter() {
                let source = join(&places.out, path);
                let contents = fs::read(&source)
                    .map_err(|e| OutputError::file(&places.out, Action::Read, &source, e))?;
                staging.put(path, &contents).map_err(failed)?;
            }
        }
        Ok(())
    }

    /// Completes the new set (its manifest, the user's files carried over,
    /// OUT's mode, owner and group), flushes it to disk and swaps it in.
    /// When nothing differs from OUT, writes nothing and leaves OUT as it
    /// is.
    pub fn finish(mut self) -> Result<Written, OutputError> {
        let sorted = self.paths.sorted();
        let listing = manifest::listing(&sorted);
        let manifest_changes = self.before.change(MANIFEST, listing.as_bytes()).is_some();
        let removed = self.before.disappearing(&sorted).count();
        drop(sorted);
        if self.updated == 0 && removed == 0 && !manifest_changes {
            return Ok(Written::default());
        }
        places::refuse_read_only(&self.places.out)?;
        self.stage()?;
        let (out, staging) = (self.places.out.clone(), self.places.staging.clone());
        let manifest = staging.join(MANIFEST);
        fs::write(&manifest, listing.as_bytes())
            .map_err(|e| OutputError::file(&out, Action::Write, &manifest, e))?;
        if let Some(meta) = &self.existing {
            carry_over(&out, &out, &staging, &self.before.listed)?;
            identity::carry_to_folder(meta, &staging)
                .map_err(|e| OutputError::file(&out, Action::KeepOwner, &out, e))?;
        }
        // OUT as the user named it, from here on.
        let given = self.places.given.clone();
        let failed =
            |action: Action, path: &Path, e: io::Error| OutputError::file(&given, action, path, e);
        durable::sync_tree(&staging).map_err(|e| failed(Action::Sync, &staging, e))?;

        // Until the swap, a failure leaves OUT as it was, and dropping the
        // writer removes the staging folder.
        let places = &self.places;
        let mut left_behind = None;
        if self.existing.is_some() {
            // An OUT redbrief never wrote to gets an empty manifest, so that
            // once moved aside it is known as the old set, to put back.
            let manifest = out.join(MANIFEST);
            if !manifest.exists() {
                create_file(&manifest, manifest::empty().as_bytes())
                    .map_err(|e| failed(Action::Write, &manifest, e))?;
            }
            fs::rename(&out, &places.old).map_err(|e| failed(Action::MoveAside, &out, e))?;
            if let Err(e) = fs::rename(&staging, &out) {
                let _ = fs::rename(&places.old, &out);
                return Err(failed(Action::MoveInto, &out, e));
            }
            self.staging = None;
            settle(places);
            if let Err(e) = places::remove_ours(&places.old) {
                left_behind = Some(FileError::new(Action::Remove, &places.old, e));
            }
        } else {
            fs::rename(&staging, &out).map_err(|e| failed(Action::MoveInto, &out, e))?;
            self.staging = None;
            settle(places);
        }
        Ok(Written {
            updated: self.updated,
            removed,
            left_behind,
        })
    }
}

impl Drop for Writer {
    /// A staging folder not swapped in is ours to drop: nothing of OUT was
    /// touched.
    fn drop(&mut self) {
        if let Some(staging) = self.staging.take() {
            if places::remove_ours(&staging.folder).is_err() {
                let _ = fs::remove_dir_all(&staging.folder);
            }
        }
    }
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
