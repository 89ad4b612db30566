//! Writing a rendered set to the output folder without ever leaving a mix
//! of old and new briefs, and without touching files the user put there.
//!
//! The new set is built in a staging folder beside OUT (`.OUT.redbrief-new`),
//! together with hard links to the user's own files from OUT. Then OUT is
//! renamed aside (`.OUT.redbrief-old`), the staging folder renamed to OUT,
//! and the old folder removed. An interrupted render leaves OUT as it was,
//! or the new set in place, or (between the two renames) both folders
//! whole beside it; the next render puts the old one back first.
//!
//! A manifest in OUT lists the files a render wrote. Only those are left
//! behind when the next set replaces them; everything else is carried over.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::RenderedFile;
use crate::fs::{Action, FileError};

/// The list of files the last render wrote, relative to OUT.
pub const MANIFEST: &str = ".redbrief-manifest";

const MANIFEST_HEADER: &str = "# Written by `redbrief render`: the files it wrote here, so the next\n\
                               # render replaces only these. Other files in this folder are kept.\n";

/// How one file of OUT would differ after a render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Changed,
    Appears,
    Disappears,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Changed => "would change",
            Change::Appears => "would appear",
            Change::Disappears => "would disappear",
        }
    }
}

/// Why the briefs could not be written to (or compared with) a folder.
#[derive(Debug)]
pub enum OutputError {
    /// OUT is a file.
    NotAFolder(PathBuf),
    /// OUT is `.`, `..` or `/`, which cannot be swapped as a whole.
    NotReplaceable(PathBuf),
    /// A file the user put in OUT stands where a brief now belongs.
    InTheWay(PathBuf),
    /// Something that is not ours stands where the staging folder goes.
    StagingInTheWay(PathBuf),
    /// The file system refused a step of writing OUT.
    File { out: PathBuf, error: FileError },
}

impl OutputError {
    fn file(out: &Path, action: Action, path: &Path, source: io::Error) -> Self {
        OutputError::File {
            out: out.to_path_buf(),
            error: FileError::new(action, path, source),
        }
    }
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::NotAFolder(out) => write!(
                f,
                "`{}` is a file; choose a folder for the briefs with `-o`",
                out.display()
            ),
            OutputError::NotReplaceable(out) => write!(
                f,
                "`{}` cannot be replaced as a whole; name a folder for the briefs, such as `-o briefs`",
                out.display()
            ),
            OutputError::InTheWay(path) => write!(
                f,
                "`{}` was not written by redbrief and a brief now belongs there; move it, then render again",
                path.display()
            ),
            OutputError::StagingInTheWay(path) => write!(
                f,
                "`{}` is in the way of the render; move or remove it",
                path.display()
            ),
            OutputError::File { out, error } => {
                write!(f, "cannot write the briefs to `{}`: {error}", out.display())
            }
        }
    }
}

impl std::error::Error for OutputError {}

/// What `write` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Written {
    /// Files of the new set that were new or different.
    pub updated: usize,
    /// Files of an earlier render that the new set no longer has.
    pub removed: usize,
}

/// The set with its manifest, as (relative path, bytes).
fn with_manifest(files: &[RenderedFile]) -> Vec<(&str, String)> {
    let mut manifest = String::from(MANIFEST_HEADER);
    for file in files {
        manifest.push_str(&file.path);
        manifest.push('\n');
    }
    let mut all: Vec<(&str, String)> = files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.clone()))
        .collect();
    all.push((MANIFEST, manifest));
    all
}

/// The relative paths a manifest lists. Anything that is not a plain
/// relative path is ignored: a manifest never names a file outside OUT.
fn read_manifest(out: &Path) -> BTreeSet<String> {
    let Ok(text) = fs::read_to_string(out.join(MANIFEST)) else {
        return BTreeSet::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| {
            Path::new(line)
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
        })
        .map(str::to_string)
        .collect()
}

fn join(out: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(out.to_path_buf(), |p, part| p.join(part))
}

/// Every way OUT differs from the set, sorted by path; empty when OUT is up
/// to date. Reads only.
pub fn compare(out: &Path, files: &[RenderedFile]) -> Result<Vec<(Change, String)>, OutputError> {
    if out.exists() && !out.is_dir() {
        return Err(not_a_folder(out));
    }
    let all = with_manifest(files);
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
    for path in read_manifest(out) {
        if !wanted.contains(path.as_str()) && join(out, &path).symlink_metadata().is_ok() {
            changes.push((Change::Disappears, path));
        }
    }
    changes.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(changes)
}

fn not_a_folder(out: &Path) -> OutputError {
    OutputError::NotAFolder(out.to_path_buf())
}

/// Where the new set is built and where the old one waits to be removed.
struct Places {
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
}

impl Places {
    fn of(out: &Path) -> Result<Places, OutputError> {
        let name = match out.components().next_back() {
            Some(Component::Normal(name)) => name.to_string_lossy().into_owned(),
            _ => return Err(OutputError::NotReplaceable(out.to_path_buf())),
        };
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Places {
            out: out.to_path_buf(),
            staging: parent.join(format!(".{name}.redbrief-new")),
            old: parent.join(format!(".{name}.redbrief-old")),
        })
    }
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

    recover(&places).map_err(|e| failed(Action::Remove, &places.old, e))?;
    if out.exists() && !out.is_dir() {
        return Err(not_a_folder(out));
    }

    let changes = compare(out, files)?;
    if changes.is_empty() {
        return Ok(Written::default());
    }
    let removed = changes
        .iter()
        .filter(|(c, _)| *c == Change::Disappears)
        .count();
    let updated = changes.len() - removed - usize::from(changes.iter().any(|(_, p)| p == MANIFEST));

    clear_staging(&places)?;
    if let Some(parent) = places.staging.parent() {
        fs::create_dir_all(parent).map_err(|e| failed(Action::Create, parent, e))?;
    }
    if let Err(e) = build(&places, files, written) {
        // Nothing of OUT was touched; the staging folder is ours to drop.
        let _ = fs::remove_dir_all(&places.staging);
        return Err(e);
    }

    if out.exists() {
        fs::rename(&places.out, &places.old)
            .map_err(|e| failed(Action::MoveAside, &places.out, e))?;
        if let Err(e) = fs::rename(&places.staging, &places.out) {
            let _ = fs::rename(&places.old, &places.out);
            return Err(failed(Action::MoveInto, &places.out, e));
        }
        fs::remove_dir_all(&places.old).map_err(|e| failed(Action::Remove, &places.old, e))?;
    } else {
        fs::rename(&places.staging, &places.out)
            .map_err(|e| failed(Action::MoveInto, &places.out, e))?;
    }
    Ok(Written { updated, removed })
}

/// An interrupted earlier render may have left the old set aside or a
/// staging folder; both carry our manifest, which is how we know them.
fn recover(places: &Places) -> io::Result<()> {
    if places.old.join(MANIFEST).is_file() {
        if places.out.exists() {
            // The swap finished; only the removal did not.
            fs::remove_dir_all(&places.old)?;
        } else {
            // Interrupted between the two renames: put the old set back.
            fs::rename(&places.old, &places.out)?;
        }
    }
    Ok(())
}

fn clear_staging(places: &Places) -> Result<(), OutputError> {
    if !places.staging.exists() {
        return Ok(());
    }
    if places.staging.join(MANIFEST).is_file() {
        return fs::remove_dir_all(&places.staging)
            .map_err(|e| OutputError::file(&places.out, Action::Remove, &places.staging, e));
    }
    Err(OutputError::StagingInTheWay(places.staging.clone()))
}

/// Fills the staging folder: the manifest first (it marks the folder as
/// ours), then the new set, then links to the user's files in OUT.
fn build(
    places: &Places,
    files: &[RenderedFile],
    written: &mut dyn FnMut(),
) -> Result<(), OutputError> {
    let staging = &places.staging;
    let failed = |path: &Path, e: io::Error| OutputError::file(&places.out, Action::Write, path, e);
    fs::create_dir(staging).map_err(|e| failed(staging, e))?;
    let mut all = with_manifest(files);
    all.rotate_right(1);
    for (path, contents) in &all {
        let target = join(staging, path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
        }
        fs::write(&target, contents).map_err(|e| failed(&target, e))?;
        written();
    }
    if places.out.is_dir() {
        let ours = read_manifest(&places.out);
        carry_over(&places.out, &places.out, staging, &ours)?;
    }
    Ok(())
}

/// Links every file in `dir` that no render wrote into the same place in
/// the staging folder. A user file where a brief now belongs stops the
/// render rather than being overwritten.
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
    let empty = entries.is_empty();
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
        if key == MANIFEST || ours.contains(&key) {
            continue;
        }
        let target = staging.join(relative);
        let file_type = entry.file_type().map_err(|e| failed(&path, e))?;
        if file_type.is_dir() {
            if target.exists() && !target.is_dir() {
                return Err(in_the_way(&path));
            }
            carry_over(out, &path, staging, ours)?;
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
    if empty && dir != out {
        if let Ok(relative) = dir.strip_prefix(out) {
            fs::create_dir_all(staging.join(relative)).map_err(|e| failed(dir, e))?;
        }
    }
    Ok(())
}

fn in_the_way(path: &Path) -> OutputError {
    OutputError::InTheWay(path.to_path_buf())
}
