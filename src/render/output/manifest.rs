//! The manifest: the list of files a render wrote into OUT, so the next
//! render replaces only those and keeps everything else.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path};

/// The manifest's name in OUT (and in the staging and old folders, which
/// it marks as redbrief's).
pub const MANIFEST: &str = ".redbrief-manifest";

const HEADER: &str = "# Written by `redbrief render`: the files it wrote here, so the next\n\
                      # render replaces only these. Other files in this folder are kept.\n";

/// What is wrong with a manifest redbrief cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    /// It is not UTF-8 text.
    NotText,
    /// Something other than a file stands where the manifest belongs.
    NotAFile,
    /// This line (1-based) is not a path redbrief writes: empty parts,
    /// `..`, an absolute path or a control character.
    Line(usize),
}

/// Why a manifest could not be read.
#[derive(Debug)]
pub enum ManifestError {
    Broken(Broken),
    Io(io::Error),
}

/// A manifest listing nothing: what an output folder redbrief never wrote
/// to is given before it is moved aside, so the moved folder is known as
/// one redbrief moved.
pub fn empty() -> String {
    HEADER.to_string()
}

/// The manifest of a set, given its paths sorted.
pub fn listing(sorted: &[&str]) -> String {
    let mut manifest =
        String::with_capacity(HEADER.len() + sorted.iter().map(|p| p.len() + 1).sum::<usize>());
    manifest.push_str(HEADER);
    for path in sorted {
        manifest.push_str(path);
        manifest.push('\n');
    }
    manifest
}

/// The relative paths the manifest in `folder` lists; none when it has
/// none. A line redbrief would never write makes the whole manifest
/// broken: guessing which files are whose could remove the user's.
pub fn read(folder: &Path) -> Result<BTreeSet<String>, ManifestError> {
    let path = folder.join(MANIFEST);
    match fs::symlink_metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(ManifestError::Io(e)),
        Ok(meta) if !meta.is_file() => return Err(ManifestError::Broken(Broken::NotAFile)),
        Ok(_) => {}
    }
    let bytes = fs::read(&path).map_err(ManifestError::Io)?;
    let text = String::from_utf8(bytes).map_err(|_| ManifestError::Broken(Broken::NotText))?;
    let mut listed = BTreeSet::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !is_plain_relative(line) {
            return Err(ManifestError::Broken(Broken::Line(number + 1)));
        }
        listed.insert(line.to_string());
    }
    Ok(listed)
}

/// Whether `folder` is one redbrief made: a real folder (not a link to
/// one) holding a manifest file.
pub fn marks(folder: &Path) -> bool {
    let real_folder = fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir());
    real_folder && fs::symlink_metadata(folder.join(MANIFEST)).is_ok_and(|m| m.is_file())
}

fn is_plain_relative(line: &str) -> bool {
    !line.chars().any(|c| c.is_control() || c == '\\')
        && line
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && Path::new(line)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}
