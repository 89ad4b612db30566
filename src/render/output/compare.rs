//! Comparing a set with OUT one file at a time, as the files are rendered,
//! holding only their paths: what `render --check` lists, and what tells
//! `write` whether there is anything to write.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::manifest::{self, MANIFEST};
use super::{join, not_a_folder, read_manifest, Change, OutputError, RenderedFile};

/// What OUT held before the render, as far as comparing needs.
pub(super) struct Before {
    pub out: PathBuf,
    /// OUT does not exist: every file appears, and nothing is read.
    pub fresh: bool,
    /// The files OUT's manifest lists.
    pub listed: BTreeSet<String>,
}

impl Before {
    /// Reads OUT's manifest; refuses a file at OUT or a broken manifest.
    pub fn of(out: &Path) -> Result<Before, OutputError> {
        let fresh = match fs::symlink_metadata(out) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => true,
            _ if out.exists() && !out.is_dir() => return Err(not_a_folder(out)),
            _ => false,
        };
        Ok(Before {
            out: out.to_path_buf(),
            fresh,
            listed: match fresh {
                true => BTreeSet::new(),
                false => read_manifest(out)?,
            },
        })
    }

    /// How the file at `path` in OUT differs from `contents`; `None` when
    /// it holds exactly those bytes.
    pub fn change(&self, path: &str, contents: &[u8]) -> Option<Change> {
        if self.fresh {
            return Some(Change::Appears);
        }
        match fs::read(join(&self.out, path)) {
            Ok(bytes) if bytes == contents => None,
            Ok(_) => Some(Change::Changed),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Some(Change::Appears),
            // A folder where a brief belongs, or an unreadable file.
            Err(_) => Some(Change::Changed),
        }
    }

    /// The files an earlier render wrote that the set (`sorted`) no longer
    /// has, in the manifest's order.
    pub fn disappearing<'a>(&'a self, sorted: &'a [&str]) -> impl Iterator<Item = &'a String> {
        self.listed.iter().filter(move |path| {
            // Only a file goes: a folder the manifest names is the user's.
            let is_file = join(&self.out, path)
                .symlink_metadata()
                .is_ok_and(|m| m.is_file());
            path.as_str() != MANIFEST && sorted.binary_search(&path.as_str()).is_err() && is_file
        })
    }
}

/// The paths of a set as they come, one a line in one string: tens of
/// thousands of paths cost their bytes, not an allocation each.
#[derive(Default)]
pub(super) struct Paths {
    lines: String,
    count: usize,
}

impl Paths {
    pub fn push(&mut self, path: &str) {
        self.lines.push_str(path);
        self.lines.push('\n');
        self.count += 1;
    }

    pub fn len(&self) -> usize {
        self.count
    }

    /// In the order given.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.lines.lines()
    }

    /// Sorted as the manifest lists them.
    pub fn sorted(&self) -> Vec<&str> {
        let mut sorted: Vec<&str> = self.iter().collect();
        sorted.sort_unstable();
        sorted
    }
}

/// `render --check`: every way OUT differs from a set given one file at a
/// time. Reads only.
pub struct Comparison {
    before: Before,
    paths: Paths,
    changes: Vec<(Change, String)>,
}

impl Comparison {
    /// Refuses a file at OUT or a broken manifest, before any file is given.
    pub fn of(out: &Path) -> Result<Comparison, OutputError> {
        Ok(Comparison {
            before: Before::of(out)?,
            paths: Paths::default(),
            changes: Vec::new(),
        })
    }

    pub fn add(&mut self, file: &RenderedFile) {
        self.paths.push(&file.path);
        if let Some(change) = self.before.change(&file.path, file.contents.as_bytes()) {
            self.changes.push((change, file.path.clone()));
        }
    }

    /// How many files were given.
    pub fn files(&self) -> usize {
        self.paths.len()
    }

    /// Every way OUT differs from the set, the manifest included, sorted by
    /// path; empty when OUT is up to date.
    pub fn finish(self) -> Vec<(Change, String)> {
        let Comparison {
            before,
            paths,
            mut changes,
        } = self;
        let sorted = paths.sorted();
        let listing = manifest::listing(&sorted);
        if let Some(change) = before.change(MANIFEST, listing.as_bytes()) {
            changes.push((change, MANIFEST.to_string()));
        }
        changes.extend(
            before
                .disappearing(&sorted)
                .map(|path| (Change::Disappears, path.clone())),
        );
        changes.sort_by(|a, b| a.1.cmp(&b.1));
        changes
    }
}
