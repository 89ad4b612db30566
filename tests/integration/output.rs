//! `redbrief render` and its output folder under stress: two runs at once,
//! leftovers of interrupted runs, read-only folders, links, modes and
//! owners, broken manifests, flushing before the swap.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::common::{files_under, Test};

const GLOW: &str = "examples/glow-serum-my.campaign";

/// A valid spec with the creators numbered in `numbers` (one KOL in ten),
/// in the shape of the benchmark generator.
fn generated(numbers: std::ops::Range<usize>, fee: u32) -> String {
    let creators = numbers.len();
    let mut spec = format!(
        "campaign \"Scale {creators}\" {{\n  window    2027-01-05 to 2027-06-30\n  languages en, zh\n\
         \x20 brand \"Dewpoint\" {{\n    category skincare\n    market   SG\n    voice    \"Calm, practical, honest\"\n    avoid    \"miracle\"\n  }}\n\
         \x20 product \"Hydra Mist 100ml\" {{\n    price  32 SGD\n    claims \"Contains 2% glycerin\", \"Fragrance-free\"\n  }}\n\
         \x20 goal first-look {{\n    stage discovery\n    kpi   reach >= 300k\n  }}\n\
         \x20 goal proof {{\n    stage validation\n    kpi   saves >= 3k\n  }}\n"
    );
    let kols = numbers.start + (creators / 10).max(1);
    for i in numbers {
        if i < kols {
            let _ = write!(
                spec,
                "  kol @kol.creator{i} {{\n    followers  {}k\n    niche      lifestyle, beauty\n    serves     first-look\n\
                 \x20   deliver    video x1 on 2027-01-{:02}\n    fee        {fee} SGD\n    angle      \"Desk reset story {i}\"\n\
                 \x20   visual     \"Daylight, greenery, variant {}\"\n  }}\n",
                60 + i % 900,
                8 + i % 7,
                i % 13
            );
        } else {
            let _ = write!(
                spec,
                "  koc @koc_user_{i} {{\n    followers  {}.{}k\n    niche      skincare\n    serves     proof\n    trial      14d\n\
                 \x20   deliver    image x1 on 2027-03-{:02}\n    fee        300 SGD\n    angle      \"Routine story {i}, skin type {}\"\n\
                 \x20   prompts    \"How did it feel on day {}?\"\n  }}\n",
                1 + i % 9,
                i % 10,
                1 + i % 28,
                i % 6,
                i % 14 + 1
            );
        }
    }
    spec.push_str("}\n");
    spec
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("a folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The files the manifest in `out` lists, sorted, with the manifest.
fn manifest_and_listed(out: &Path) -> Vec<String> {
    let manifest = fs::read_to_string(out.join(".redbrief-manifest")).expect("a manifest");
    let mut listed: Vec<String> = manifest
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .chain([".redbrief-manifest".to_string()])
        .collect();
    listed.sort();
    listed
}

fn spec_hash(page: &str) -> Option<&str> {
    page.lines()
        .find_map(|line| line.strip_prefix("spec_sha256: "))
}

/// Runs redbrief in `dir` and waits.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = command(dir, args).output().expect("redbrief runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_redbrief"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// The glow example rendered into `briefs`, its spec then edited so the
/// next render changes every file.
fn rendered_then_changed() -> crate::common::Output {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "briefs"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let spec = out.dir.join(GLOW);
    let text = fs::read_to_string(&spec).expect("the spec");
    fs::write(
        &spec,
        text.replace("fee        11k MYR", "fee        10k MYR"),
    )
    .expect("edited");
    out
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const BUSY: &str = "is being written by another redbrief run";

#[test]
fn two_renders_at_once_leave_one_whole_set() {
    // Two specs of the same size (so the runs reach the folder together)
    // whose sets differ in files and bytes: any mix of the two shows in
    // the manifest or the spec hashes.
    // The user's notes in the folder are carried from set to set, which
    // keeps each run at the folder long enough for the two to meet there.
    let mut test = Test::new();
    const NOTES: usize = 2000;
    for note in 0..NOTES {
        test = test.file(&format!("briefs/notes/{note}.txt"), "ours");
    }
    let dir = test.path().to_path_buf();
    let _scratch = test.args(["--version"]).run();
    let started = Instant::now();
    let mut outcomes = [0usize; 2];
    for round in 0..25 {
        // New fees every round: neither run finds the folder up to date.
        fs::write(dir.join("a.campaign"), generated(0..60, 2000 + round)).expect("a spec");
        fs::write(dir.join("b.campaign"), generated(1..61, 3000 + round)).expect("a spec");
        let (first, second) = match round % 2 {
            0 => ("a.campaign", "b.campaign"),
            _ => ("b.campaign", "a.campaign"),
        };
        let one = command(&dir, &["render", first, "-o", "briefs"])
            .spawn()
            .expect("runs");
        let two = command(&dir, &["render", second, "-o", "briefs"])
            .spawn()
            .expect("runs");
        for child in [one, two] {
            let output = child.wait_with_output().expect("finishes");
            let stderr = String::from_utf8_lossy(&output.stderr);
            match output.status.code() {
                Some(0) => outcomes[0] += 1,
                Some(2) if stderr.contains(BUSY) => outcomes[1] += 1,
                other => panic!("round {round}: exit {other:?}\n{stderr}"),
            }
        }
        let briefs = dir.join("briefs");
        let (notes, on_disk): (Vec<String>, Vec<String>) = files_under(&briefs)
            .into_iter()
            .partition(|f| f.starts_with("notes/"));
        assert_eq!(notes.len(), NOTES, "round {round}: notes lost");
        assert_eq!(on_disk, manifest_and_listed(&briefs), "round {round}");
        let hashes: std::collections::BTreeSet<String> = on_disk
            .iter()
            .filter(|f| f.ends_with(".md"))
            .map(|f| {
                spec_hash(&read(&briefs.join(f)))
                    .unwrap_or("none")
                    .to_string()
            })
            .collect();
        assert_eq!(hashes.len(), 1, "round {round}: a mix of sets {hashes:?}");
        // Per language: 60 briefs, the overview and 60 order texts (every
        // creator here is paid); then the manifest.
        assert_eq!(on_disk.len(), 2 * (60 + 1 + 60) + 1, "round {round}");
        assert_eq!(names_in(&dir), ["a.campaign", "b.campaign", "briefs"]);
    }
    println!(
        "25 rounds in {:.1} s: {} renders done, {} gave way",
        started.elapsed().as_secs_f64(),
        outcomes[0],
        outcomes[1]
    );
}

#[test]
fn a_run_that_finds_the_folder_locked_waits_then_names_the_other_run() {
    let test = Test::new().repo_file(GLOW);
    let dir = test.path().to_path_buf();
    let lock = redbrief::fs::Lock::acquire(&dir.join("briefs")).expect("the lock");
    let started = Instant::now();
    let out = test.args(["render", GLOW, "-o", "briefs"]).run();
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert!(started.elapsed() >= redbrief::fs::lock::WAIT);
    // This test process holds the lock; its pid is in the message.
    let pid = format!("pid {}:", std::process::id());
    assert!(out.stderr.contains(BUSY), "{}", out.stderr);
    assert!(out.stderr.contains(&pid), "{}", out.stderr);
    assert!(!dir.join("briefs").exists());
    drop(lock);
    assert_eq!(names_in(&dir), ["examples"]);
}

#[test]
fn an_old_folder_redbrief_did_not_make_is_named_with_its_fix() {
    let out = rendered_then_changed();
    let before = read(&out.dir.join("briefs/en/kol/lina.glow.md"));
    fs::create_dir_all(out.dir.join(".briefs.redbrief-old/zh")).expect("a folder");
    fs::write(out.dir.join(".briefs.redbrief-old/zh/x"), "").expect("a file");

    let (status, _, stderr) = run_in(&out.dir, &["render", GLOW, "-o", "briefs"]);
    assert_eq!(status, 2, "{stderr}");
    assert!(
        stderr.contains("`.briefs.redbrief-old` is in the way"),
        "{stderr}"
    );
    assert!(
        stderr.contains("(`rm -r .briefs.redbrief-old`)"),
        "{stderr}"
    );
    assert_eq!(read(&out.dir.join("briefs/en/kol/lina.glow.md")), before);
    assert!(out.dir.join(".briefs.redbrief-old/zh/x").is_file());

    // The command it names is the whole fix.
    fs::remove_dir_all(out.dir.join(".briefs.redbrief-old")).expect("removed");
    let (status, _, stderr) = run_in(&out.dir, &["render", GLOW, "-o", "briefs"]);
    assert_eq!(status, 0, "{stderr}");
    assert_ne!(read(&out.dir.join("briefs/en/kol/lina.glow.md")), before);
}

#[test]
fn an_old_set_whose_removal_was_cut_short_is_removed() {
    // The swap finished; the removal got as far as the briefs, not the
    // manifest, which still marks the folder as redbrief's.
    let out = rendered_then_changed();
    fs::create_dir_all(out.dir.join(".briefs.redbrief-old/en")).expect("a folder");
    fs::write(
        out.dir.join(".briefs.redbrief-old/.redbrief-manifest"),
        "en/overview.md\n",
    )
    .expect("a manifest");
    let (status, _, stderr) = run_in(&out.dir, &["render", GLOW, "-o", "briefs"]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(names_in(&out.dir), ["briefs", "examples"]);
}

#[test]
fn a_read_only_folder_in_the_output_stops_the_render_before_anything_moves() {
    // Checked from the mode bits, so it holds for root too (tests often
    // run as root, for whom the system would let everything through).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let out = rendered_then_changed();
        let zh = out.dir.join("briefs/zh");
        let before = read(&zh.join("kol/lina.glow.md"));
        fs::set_permissions(&zh, fs::Permissions::from_mode(0o555)).expect("read-only");

        let (status, _, stderr) = run_in(&out.dir, &["render", GLOW, "-o", "briefs"]);
        fs::set_permissions(&zh, fs::Permissions::from_mode(0o755)).expect("writable");
        assert_eq!(status, 2, "{stderr}");
        assert!(stderr.contains("`briefs/zh` is read-only"), "{stderr}");
        assert!(stderr.contains("`chmod u+w briefs/zh`"), "{stderr}");
        assert_eq!(read(&zh.join("kol/lina.glow.md")), before);
        assert_eq!(names_in(&out.dir), ["briefs", "examples"]);

        let (status, _, stderr) = run_in(&out.dir, &["render", GLOW, "-o", "briefs"]);
        assert_eq!(status, 0, "{stderr}");
    }
}

#[test]
fn a_linked_output_folder_is_written_through() {
    #[cfg(unix)]
    {
        let test = Test::new()
            .repo_file(GLOW)
            .file("shared/briefs/notes.md", "ours");
        std::os::unix::fs::symlink("shared/briefs", test.path().join("link")).expect("a link");
        let out = test.args(["render", GLOW, "-o", "link/"]).run();
        assert_eq!(out.status, 0, "{}", out.stderr);
        let spec = out.dir.join(GLOW);
        let text = read(&spec);
        fs::write(&spec, text.replace("languages en, zh", "languages en")).expect("edited");
        let (status, _, stderr) = run_in(&out.dir, &["render", GLOW, "-o", "link"]);
        assert_eq!(status, 0, "{stderr}");

        let link = out.dir.join("link");
        assert!(link.symlink_metadata().expect("the link").is_symlink());
        let target = out.dir.join("shared/briefs");
        assert_eq!(read(&target.join("notes.md")), "ours");
        assert!(target.join("en/kol/lina.glow.md").is_file());
        assert!(!target.join("zh").exists());
        assert_eq!(names_in(&out.dir), ["examples", "link", "shared"]);
        assert_eq!(names_in(&out.dir.join("shared")), ["briefs"]);
    }
}

#[test]
fn a_link_to_nothing_is_refused() {
    #[cfg(unix)]
    {
        let test = Test::new().repo_file(GLOW);
        std::os::unix::fs::symlink("unmounted/briefs", test.path().join("briefs")).expect("a link");
        let out = test.args(["render", GLOW, "-o", "briefs"]).run();
        assert_eq!(out.status, 2);
        assert!(
            out.stderr.contains(
                "`briefs` is a symbolic link to `unmounted/briefs`, which does not exist"
            ),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("`mkdir -p unmounted/briefs`"));
        assert_eq!(names_in(&out.dir), ["briefs", "examples"]);
    }
}

#[test]
fn the_output_folder_keeps_its_mode_owner_and_group() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let out = rendered_then_changed();
        let briefs = out.dir.join("briefs");
        fs::set_permissions(&briefs, fs::Permissions::from_mode(0o700)).expect("private");
        fs::set_permissions(briefs.join("en/kol"), fs::Permissions::from_mode(0o750))
            .expect("private");
        let root = fs::metadata(&out.dir).expect("the folder").uid() == 0
            && std::os::unix::fs::chown(&briefs, Some(4321), Some(4321)).is_ok();
        if !root {
            println!("skipped the owner half: changing an owner needs root");
        }

        let (status, _, stderr) = run_in(&out.dir, &["render", GLOW, "-o", "briefs"]);
        assert_eq!(status, 0, "{stderr}");
        let meta = fs::metadata(&briefs).expect("the folder");
        assert_eq!(meta.mode() & 0o7777, 0o700);
        let kol = fs::metadata(briefs.join("en/kol")).expect("a folder");
        assert_eq!(kol.mode() & 0o7777, 0o750);
        if root {
            assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
        }
    }
}

#[test]
fn new_briefs_follow_the_umask() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let out = Test::new()
            .repo_file(GLOW)
            .umask(0o027)
            .args(["render", GLOW, "-o", "briefs"])
            .run();
        assert_eq!(out.status, 0, "{}", out.stderr);
        let mode = |p: &str| {
            fs::metadata(out.dir.join(p))
                .expect("written")
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode("briefs"), 0o750);
        assert_eq!(mode("briefs/en/kol"), 0o750);
        assert_eq!(mode("briefs/en/kol/lina.glow.md"), 0o640);
        assert_eq!(mode("briefs/.redbrief-manifest"), 0o640);
    }
}

#[test]
fn a_folder_the_manifest_names_is_never_removed() {
    let out = rendered_then_changed();
    let briefs = out.dir.join("briefs");
    fs::create_dir_all(briefs.join("plans")).expect("a folder");
    fs::write(briefs.join("plans/q1.md"), "ours").expect("a file");
    let manifest = briefs.join(".redbrief-manifest");
    fs::write(&manifest, format!("{}plans\n", read(&manifest))).expect("edited");

    let (status, stdout, _) = run_in(&out.dir, &["render", GLOW, "-o", "briefs", "--check"]);
    assert_eq!(status, 1);
    assert!(!stdout.contains("would disappear"), "{stdout}");
    let (status, _, stderr) = run_in(&out.dir, &["render", GLOW, "-o", "briefs"]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(read(&briefs.join("plans/q1.md")), "ours");
}

#[test]
fn a_broken_manifest_is_called_broken() {
    let out = rendered_then_changed();
    let briefs = out.dir.join("briefs");
    let before = read(&briefs.join("en/kol/lina.glow.md"));
    for (garbage, what) in [
        (
            &b"en/overview.md\n\xff\xfe\x00garbage\n"[..],
            "it is not UTF-8 text",
        ),
        (
            &b"# notes\nen/overview.md\n../../etc/passwd\n"[..],
            "line 3 is not a path inside the folder",
        ),
    ] {
        fs::write(briefs.join(".redbrief-manifest"), garbage).expect("garbage");
        let (status, _, stderr) = run_in(&out.dir, &["render", GLOW, "-o", "briefs"]);
        assert_eq!(status, 2, "{stderr}");
        assert!(
            stderr.contains(&format!("`briefs/.redbrief-manifest` is broken ({what})")),
            "{stderr}"
        );
        assert!(!stderr.contains("not written by redbrief"), "{stderr}");
        assert!(stderr.contains("`rm -r briefs`"), "{stderr}");
        assert_eq!(read(&briefs.join("en/kol/lina.glow.md")), before);
        assert_eq!(names_in(&out.dir), ["briefs", "examples"]);
    }
}

#[test]
fn the_new_set_is_on_disk_before_it_is_swapped_in() {
    // Seen through strace: a flush (syncfs, or fsync) of the new set comes
    // before the rename that puts it in place.
    let probe = Command::new("strace").arg("-V").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        println!("skipped: strace is not installed");
        return;
    }
    let test = Test::new().repo_file(GLOW);
    let dir = test.path().to_path_buf();
    let _scratch = test.args(["--version"]).run();
    let trace = dir.join("trace");
    let output = Command::new("strace")
        .args(["-f", "-o"])
        .arg(&trace)
        .args(["-e", "trace=syncfs,fsync,rename,renameat,renameat2"])
        .arg(env!("CARGO_BIN_EXE_redbrief"))
        .args(["render", GLOW, "-o", "briefs"])
        .current_dir(&dir)
        .output()
        .expect("strace runs");
    if !output.status.success() || !trace.exists() {
        println!(
            "skipped: strace cannot trace here: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        return;
    }
    let trace = read(&trace);
    let swap = trace
        .lines()
        .position(|l| l.contains(".briefs.redbrief-new\"") && l.contains("\"briefs\""))
        .unwrap_or_else(|| panic!("no swap in\n{trace}"));
    let flushed = trace
        .lines()
        .take(swap)
        .any(|l| l.contains("syncfs(") || l.contains("fsync("));
    assert!(flushed, "no flush before the swap:\n{trace}");
}

/// A command line that runs redbrief as a user without root's powers:
/// the user running the tests, or, for root, `nobody` through `setpriv`
/// (with the folder handed to it). None, with the reason, when neither.
#[cfg(unix)]
fn as_plain_user(dir: &Path) -> Result<Vec<String>, String> {
    use std::os::unix::fs::MetadataExt;
    let binary = env!("CARGO_BIN_EXE_redbrief").to_string();
    let probe = dir.join(".probe");
    fs::write(&probe, "").map_err(|e| e.to_string())?;
    let root = fs::metadata(&probe).map_err(|e| e.to_string())?.uid() == 0;
    fs::remove_file(&probe).map_err(|e| e.to_string())?;
    if !root {
        return Ok(vec![binary]);
    }
    let setpriv = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
    ];
    let works = Command::new(setpriv[0])
        .args(&setpriv[1..])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        return Err("running as root and `setpriv` cannot drop to nobody".to_string());
    }
    give_to_nobody(dir);
    Ok(setpriv
        .iter()
        .map(|s| s.to_string())
        .chain([binary])
        .collect())
}

#[cfg(unix)]
fn give_to_nobody(path: &Path) {
    std::os::unix::fs::lchown(path, Some(65534), Some(65534)).expect("chown");
    if path.is_dir() && !path.is_symlink() {
        for entry in fs::read_dir(path).expect("a folder").flatten() {
            give_to_nobody(&entry.path());
        }
    }
}

#[test]
#[cfg(unix)]
fn a_leftover_the_user_cannot_remove_is_named_with_the_commands_that_can() {
    use std::os::unix::fs::PermissionsExt;
    let out = rendered_then_changed();
    let dir = out.dir.clone();
    let old = dir.join(".briefs.redbrief-old");
    // An interrupted render's old set, with a folder in it made read-only.
    fs::create_dir_all(old.join("zh")).expect("a folder");
    fs::write(old.join(".redbrief-manifest"), "zh/x\n").expect("a manifest");
    fs::write(old.join("zh/x"), "old").expect("a file");
    let runner = match as_plain_user(&dir) {
        Ok(runner) => runner,
        Err(reason) => {
            println!("skipped: {reason}");
            return;
        }
    };
    fs::set_permissions(old.join("zh"), fs::Permissions::from_mode(0o555)).expect("read-only");
    let before = read(&dir.join("briefs/en/kol/lina.glow.md"));
    let render = |dir: &Path| {
        let output = Command::new(&runner[0])
            .args(&runner[1..])
            .args(["render", GLOW, "-o", "briefs"])
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("redbrief runs");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };

    let (status, stderr) = render(&dir);
    assert_eq!(status, Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "error: `.briefs.redbrief-old` was left by an interrupted render and cannot be removed: \
         permission denied; remove it yourself \
         (`chmod -R u+w .briefs.redbrief-old && rm -r .briefs.redbrief-old`), then render again\n"
    );
    assert_eq!(read(&dir.join("briefs/en/kol/lina.glow.md")), before);

    // What it says to do is all it takes.
    fs::set_permissions(old.join("zh"), fs::Permissions::from_mode(0o755)).expect("writable");
    fs::remove_dir_all(&old).expect("removed");
    let (status, stderr) = render(&dir);
    assert_eq!(status, Some(0), "{stderr}");
    assert_ne!(read(&dir.join("briefs/en/kol/lina.glow.md")), before);
}

/// The inode and modification time of a path, to tell a file left alone
/// from one written again with the same bytes (nothing to compare where
/// there are no inodes).
fn stamp_of(path: &Path) -> Option<(u64, i64, i64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Some((meta.ino(), meta.mtime(), meta.mtime_nsec()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

#[test]
fn a_template_that_fails_halfway_through_the_set_leaves_the_folder_as_it_was() {
    // Briefs are written as they are rendered; a template that fails on the
    // last creator comes after most of the set is in the staging folder.
    const FAILS_ON: &str =
        "{% if creator.handle == \"@koc_user_199\" %}{{ creator.nmae }}{% endif %}\
                            # {{ creator.handle }}\n";
    let test = Test::new()
        .file("s.campaign", generated(0..200, 2000))
        .file("mine/en/koc.md.j2", FAILS_ON);
    let dir = test.path().to_path_buf();
    let failing = [
        "render",
        "s.campaign",
        "-o",
        "briefs",
        "--templates",
        "mine",
    ];

    // Into a fresh folder: nothing is made.
    let out = test.args(failing).run();
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert!(out.stderr.contains("mine/en/koc.md.j2"), "{}", out.stderr);
    assert!(out.stderr.contains("undefined value"), "{}", out.stderr);
    assert_eq!(names_in(&dir), ["mine", "s.campaign"]);

    // Over an earlier render, with a spec that changes every brief: the
    // earlier set stays, whole.
    let (status, _, stderr) = run_in(&dir, &["render", "s.campaign", "-o", "briefs"]);
    assert_eq!(status, 0, "{stderr}");
    let briefs = dir.join("briefs");
    let before = contents_under(&briefs);
    let out_before = stamp_of(&briefs);
    fs::write(dir.join("s.campaign"), generated(0..200, 2500)).expect("a spec");
    let (status, _, stderr) = run_in(&dir, &failing);
    assert_eq!(status, 2, "{stderr}");
    assert!(stderr.contains("mine/en/koc.md.j2"), "{stderr}");
    assert!(contents_under(&briefs) == before, "the earlier set changed");
    assert_eq!(stamp_of(&briefs), out_before);
    assert_eq!(names_in(&dir), ["briefs", "mine", "s.campaign"]);
}

#[test]
fn a_render_that_changes_nothing_leaves_the_folder_untouched() {
    // Large enough for several threads to render at once.
    let test = Test::new().file("s.campaign", generated(0..300, 2000));
    let dir = test.path().to_path_buf();
    let out = test.args(["render", "s.campaign", "-o", "briefs"]).run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let briefs = dir.join("briefs");
    let files = files_under(&briefs);
    // Per language: 300 briefs, 300 order texts, the overview; the manifest.
    assert_eq!(files.len(), 2 * (300 + 300 + 1) + 1);
    let watched = [
        ".",
        "en/kol",
        "en/overview.md",
        "zh/koc/koc_user_299.md",
        ".redbrief-manifest",
    ];
    let stamps: Vec<_> = watched.iter().map(|p| stamp_of(&briefs.join(p))).collect();

    let (status, stdout, stderr) = run_in(&dir, &["render", "s.campaign", "-o", "briefs"]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(stdout, "`briefs` is up to date (1202 files)\n");
    assert_eq!(files_under(&briefs), files);
    let again: Vec<_> = watched.iter().map(|p| stamp_of(&briefs.join(p))).collect();
    assert_eq!(again, stamps, "a file or folder was written again");
    assert_eq!(names_in(&dir), ["briefs", "s.campaign"]);

    // And `--check` agrees, exit 0.
    let (status, stdout, _) = run_in(&dir, &["render", "s.campaign", "-o", "briefs", "--check"]);
    assert_eq!(status, 0, "{stdout}");
    assert_eq!(stdout, "`briefs` is up to date (1202 files)\n");
}

/// Every file under `dir` with its bytes, by path.
fn contents_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = fs::read(dir.join(&f)).expect("a file");
            (f, bytes)
        })
        .collect()
}

#[test]
fn check_lists_every_change_of_a_large_set_in_order() {
    // Rendered on several threads and compared as the pages come, the list
    // is still every change the render then makes, sorted by path.
    let test = Test::new().file("s.campaign", generated(0..300, 2000));
    let dir = test.path().to_path_buf();
    let out = test.args(["render", "s.campaign", "-o", "briefs"]).run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    // Creator 0 leaves, creator 300 joins, every fee changes.
    fs::write(dir.join("s.campaign"), generated(1..301, 2100)).expect("a spec");
    let (status, stdout, _) = run_in(&dir, &["render", "s.campaign", "-o", "briefs", "--check"]);
    assert_eq!(status, 1, "{stdout}");

    let briefs = dir.join("briefs");
    let before = contents_under(&briefs);
    let (status, _, stderr) = run_in(&dir, &["render", "s.campaign", "-o", "briefs"]);
    assert_eq!(status, 0, "{stderr}");
    let after = contents_under(&briefs);
    let mut expected = String::new();
    let paths: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for path in &paths {
        let change = match (before.get(*path), after.get(*path)) {
            (Some(old), Some(new)) if old == new => continue,
            (Some(_), Some(_)) => "would change",
            (None, _) => "would appear",
            (_, None) => "would disappear",
        };
        let _ = writeln!(expected, "{change}: briefs/{path}");
    }
    assert!(expected.contains("would disappear: briefs/en/kol/kol.creator0.md\n"));
    assert!(expected.contains("would appear: briefs/zh/koc/koc_user_300.md\n"));
    let _ = writeln!(
        expected,
        "{} files out of date in `briefs`; run `redbrief render s.campaign -o briefs` to update",
        expected.lines().count()
    );
    assert_eq!(stdout, expected);
}
