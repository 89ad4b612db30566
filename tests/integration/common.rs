//! A small builder that runs the real `redbrief` binary in a scratch folder,
//! so tests read like the user's session:
//!
//! ```ignore
//! let out = Test::new().file("a.campaign", SPEC).args(["check", "a.campaign"]).run();
//! assert_eq!(out.status, 1);
//! ```
//!
//! and, for the many fixtures, `check_in_process`: what `redbrief check`
//! would print, worked out by the library in this process (as ruff's rule
//! tests call `test_path`), without a process per file.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use redbrief::diagnostic::{human, FileReport, Severity};

pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    umask: Option<u32>,
}

/// What a run gave back.
#[derive(Debug)]
pub struct Output {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: PathBuf,
    // Keeps the scratch folder alive while the output is inspected.
    _dir: tempfile::TempDir,
}

impl Test {
    pub fn new() -> Self {
        Test {
            dir: tempfile::tempdir().expect("a scratch folder"),
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            umask: None,
        }
    }

    /// Writes a file (and its folders) into the scratch folder.
    pub fn file(self, path: &str, contents: impl AsRef<[u8]>) -> Self {
        let full = self.dir.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(full, contents).expect("a file");
        self
    }

    /// Copies a file from the repository (e.g. `examples/x.campaign`) into the
    /// scratch folder under the same relative path.
    pub fn repo_file(self, path: &str) -> Self {
        let contents = std::fs::read(repo_path(path)).expect("a repository file");
        self.file(path, contents)
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Sets a variable for the run (NO_COLOR is always set; the locale
    /// variables are cleared unless set here).
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// What the run reads on standard input (nothing otherwise).
    pub fn stdin(mut self, bytes: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(bytes.as_ref().to_vec());
        self
    }

    /// Runs redbrief under this umask (through `sh`, which sets it).
    pub fn umask(mut self, mask: u32) -> Self {
        self.umask = Some(mask);
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn run(self) -> Output {
        let binary = env!("CARGO_BIN_EXE_redbrief");
        let mut command = match self.umask {
            Some(mask) => {
                let mut sh = Command::new("sh");
                sh.arg("-c")
                    .arg(format!("umask {mask:03o} && exec \"$0\" \"$@\""))
                    .arg(binary);
                sh
            }
            None => Command::new(binary),
        };
        command
            .args(&self.args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR");
        // English unless a test asks otherwise, whatever this machine's locale.
        for locale in ["REDBRIEF_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(locale);
        }
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command.stdin(match self.stdin {
            Some(_) => Stdio::piped(),
            None => Stdio::null(),
        });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("redbrief runs");
        // Written from a thread, so a full stdout pipe cannot stall both.
        let feeder = match (self.stdin, child.stdin.take()) {
            (Some(bytes), Some(mut stdin)) => Some(std::thread::spawn(move || {
                let _ = stdin.write_all(&bytes);
            })),
            _ => None,
        };
        let output = child.wait_with_output().expect("redbrief runs");
        if let Some(feeder) = feeder {
            let _ = feeder.join();
        }
        Output {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            dir: self.dir.path().to_path_buf(),
            _dir: self.dir,
        }
    }
}

/// A path inside the repository.
pub fn repo_path(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The files in a repository folder with an extension, sorted by name.
pub fn repo_files(folder: &str, extension: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo_path(folder))
        .expect("a repository folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(&format!(".{extension}")))
        .map(|name| format!("{folder}/{name}"))
        .collect();
    files.sort();
    files
}

/// What `redbrief check` printed and would exit with, worked out in this
/// process.
pub struct Report {
    pub status: i32,
    pub stdout: String,
    /// One entry a file, in the order given.
    pub checked: Vec<redbrief::Checked>,
}

impl Report {
    /// The codes found in every file.
    pub fn codes(&self) -> BTreeSet<String> {
        self.checked
            .iter()
            .flat_map(|c| &c.findings)
            .map(|f| f.code().to_string())
            .collect()
    }
}

/// `redbrief check NAME` on a spec given as bytes, without starting the
/// binary: the library's findings through the human emitter, colour left
/// out as under `NO_COLOR`, then the closing line. `check::fixtures_print_
/// the_same_through_the_binary` holds this to what the binary prints.
pub fn check_in_process(name: &str, spec: impl Into<Vec<u8>>) -> Report {
    check_all_in_process(vec![(name.to_string(), spec.into())])
}

/// `redbrief check NAME...` on several specs, as `check_in_process`.
pub fn check_all_in_process(specs: Vec<(String, Vec<u8>)>) -> Report {
    let checked: Vec<redbrief::Checked> = specs
        .into_iter()
        .map(|(name, spec)| redbrief::check(name, spec))
        .collect();
    // As `cli/check.rs` does it for `--format human`.
    let mut text: String = checked
        .iter()
        .map(|c| {
            human::render(&FileReport {
                file: &c.file,
                findings: &c.findings,
                omitted: c.omitted.total(),
            })
        })
        .collect();
    let count = |severity: Severity| {
        checked
            .iter()
            .flat_map(|c| &c.findings)
            .filter(|f| f.severity == severity)
            .count()
    };
    let errors = count(Severity::Error);
    let held = checked.iter().filter(|c| !c.strategy_checked).count();
    text.push_str(&human::summary(
        errors,
        count(Severity::Warning),
        checked.len(),
        held,
    ));
    text.push('\n');
    Report {
        status: if errors > 0 { 1 } else { 0 },
        stdout: anstream::adapter::strip_str(&text).to_string(),
        checked,
    }
}

/// Every file under `dir`, as sorted `/`-separated relative paths.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, found: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, found);
            } else {
                let relative = path.strip_prefix(root).expect("under the root");
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, dir, &mut found);
    found.sort();
    found
}
