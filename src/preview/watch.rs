//! Which files the preview watches, and waiting for them to settle.
//!
//! A file is watched through its folder: editors save by writing a new file
//! and renaming it over the old one, and a watch on the old file would end
//! with it. Events for other files in the folder are dropped here. A folder
//! of templates is watched whole.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

/// An editor's save is several events (write, rename, attributes); a
/// rebuild waits until the files have been quiet this long...
const QUIET: Duration = Duration::from_millis(120);
/// ...or this long after the first event, whichever comes first.
const LONGEST_WAIT: Duration = Duration::from_secs(1);
/// How often files are compared when the system cannot notify us.
const POLL_EVERY: Duration = Duration::from_millis(500);

/// The files whose change means a rebuild.
#[derive(Debug, Clone, Default)]
pub struct WatchList {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
enum Entry {
    /// One file, by its folder (canonical) and its name.
    File { folder: PathBuf, path: PathBuf },
    /// A folder and everything in it (canonical).
    Tree(PathBuf),
}

/// A file or folder that cannot be watched.
#[derive(Debug)]
pub struct WatchError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for WatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!(
            "cannot watch `{path}` for changes: {reason}",
            path = self.path.display(),
            reason = self.reason
        ))
    }
}

impl std::error::Error for WatchError {}

impl WatchList {
    /// Watches one file. Its folder must exist; the file may come and go.
    pub fn file(&mut self, path: &Path) -> Result<(), WatchError> {
        let failed = |error: io::Error| WatchError {
            path: path.to_path_buf(),
            reason: crate::fs::reason(&error),
        };
        let name = path.file_name().ok_or_else(|| WatchError {
            path: path.to_path_buf(),
            reason: crate::t!("it names no file"),
        })?;
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let folder = std::fs::canonicalize(folder).map_err(failed)?;
        let path = folder.join(name);
        self.entries.push(Entry::File { folder, path });
        Ok(())
    }

    /// Watches a folder and everything under it.
    pub fn tree(&mut self, folder: &Path) -> Result<(), WatchError> {
        let folder = std::fs::canonicalize(folder).map_err(|error| WatchError {
            path: folder.to_path_buf(),
            reason: crate::fs::reason(&error),
        })?;
        self.entries.push(Entry::Tree(folder));
        Ok(())
    }

    /// Whether a change to `path` concerns any entry.
    pub fn concerns(&self, path: &Path) -> bool {
        self.entries.iter().any(|entry| match entry {
            Entry::File { path: watched, .. } => path == watched,
            Entry::Tree(folder) => path.starts_with(folder),
        })
    }

    /// The folders to ask the system about, each once; a folder inside a
    /// watched tree needs no watch of its own.
    fn folders(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let trees: Vec<&PathBuf> = self
            .entries
            .iter()
            .filter_map(|entry| match entry {
                Entry::Tree(folder) => Some(folder),
                Entry::File { .. } => None,
            })
            .collect();
        let inside_another = |folder: &PathBuf| {
            trees
                .iter()
                .any(|tree| *tree != folder && folder.starts_with(tree))
        };
        let mut folders: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        for tree in &trees {
            if !inside_another(tree) && !folders.iter().any(|(f, _)| f == *tree) {
                folders.push(((*tree).clone(), RecursiveMode::Recursive));
            }
        }
        for entry in &self.entries {
            let Entry::File { folder, .. } = entry else {
                continue;
            };
            let covered = trees.iter().any(|tree| folder.starts_with(tree));
            if !covered && !folders.iter().any(|(f, _)| f == folder) {
                folders.push((folder.clone(), RecursiveMode::NonRecursive));
            }
        }
        folders
    }
}

/// Starts watching; each change to a listed file sends `()`. Where the
/// system's notifications cannot be had (Linux's inotify limit reached by
/// other programs, some network drives), falls back to comparing the
/// files every half second, and says so in the note.
pub fn start(
    list: &WatchList,
    changed: Sender<()>,
) -> Result<(Box<dyn Watcher + Send>, Option<String>), WatchError> {
    let handler = {
        let list = list.clone();
        move |event: notify::Result<Event>| {
            let relevant = match event {
                Ok(event) => {
                    is_a_change(&event.kind) && event.paths.iter().any(|p| list.concerns(p))
                }
                // Events were lost (an overflowing queue): look again.
                Err(_) => true,
            };
            if relevant {
                // The receiver is gone only when the preview is stopping.
                let _ = changed.send(());
            }
        }
    };
    let notified = RecommendedWatcher::new(handler.clone(), notify::Config::default())
        .map_err(|error| error.to_string())
        .and_then(|mut watcher| {
            add_folders(&mut watcher, list)?;
            Ok(Box::new(watcher) as Box<dyn Watcher + Send>)
        });
    match notified {
        Ok(watcher) => Ok((watcher, None)),
        Err(reason) => {
            let config = notify::Config::default().with_poll_interval(POLL_EVERY);
            let mut watcher = PollWatcher::new(handler, config).map_err(|error| WatchError {
                path: PathBuf::from("."),
                reason: error.to_string(),
            })?;
            add_folders(&mut watcher, list).map_err(|reason| WatchError {
                path: PathBuf::from("."),
                reason,
            })?;
            let note = crate::t!(
                "watching for changes by polling every half second ({reason})",
                reason = reason
            );
            Ok((Box::new(watcher), Some(note)))
        }
    }
}

fn add_folders(watcher: &mut impl Watcher, list: &WatchList) -> Result<(), String> {
    for (folder, mode) in list.folders() {
        watcher
            .watch(&folder, mode)
            .map_err(|error| format!("`{}`: {error}", folder.display()))?;
    }
    Ok(())
}

/// Reading a file is no change (and the preview reads the spec on every
/// build: counting that would rebuild forever); closing one written is.
fn is_a_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Waits for a change, then for the files to settle. `false` once no more
/// changes can come (the watcher is gone).
pub fn settle(changes: &Receiver<()>) -> bool {
    if changes.recv().is_err() {
        return false;
    }
    let first = Instant::now();
    loop {
        let left = LONGEST_WAIT.saturating_sub(first.elapsed());
        if left.is_zero() {
            return true;
        }
        match changes.recv_timeout(QUIET.min(left)) {
            Ok(()) => continue,
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_watched_through_its_folder() {
        let dir = tempfile::tempdir().expect("a folder");
        let spec = dir.path().join("launch.campaign");
        let mut list = WatchList::default();
        list.file(&spec).expect("watchable");
        let folder = std::fs::canonicalize(dir.path()).expect("canonical");
        assert!(list.concerns(&folder.join("launch.campaign")));
        assert!(!list.concerns(&folder.join("launch.campaign~")));
        assert!(!list.concerns(&folder.join(".launch.campaign.swp")));
        assert_eq!(list.folders(), vec![(folder, RecursiveMode::NonRecursive)]);
    }

    #[test]
    fn a_tree_covers_its_files_and_folders() {
        let dir = tempfile::tempdir().expect("a folder");
        let templates = dir.path().join("templates");
        std::fs::create_dir_all(templates.join("en")).expect("folders");
        let mut list = WatchList::default();
        list.file(&templates.join("roster.csv")).expect("watchable");
        list.tree(&templates).expect("watchable");
        let tree = std::fs::canonicalize(&templates).expect("canonical");
        assert!(list.concerns(&tree.join("en/kol.html.j2")));
        assert_eq!(list.folders(), vec![(tree, RecursiveMode::Recursive)]);
    }

    #[test]
    fn reading_is_no_change() {
        use notify::event::{CreateKind, ModifyKind, RenameMode};
        assert!(!is_a_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_a_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_a_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_a_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(is_a_change(&EventKind::Create(CreateKind::File)));
    }
}
