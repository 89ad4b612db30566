//! `redbrief fmt`: canonical layout, comments kept, meaning unchanged.

use std::path::Path;

use redbrief::export::{to_json, Export};
use redbrief::format::{format, Refusal};

use crate::common::{repo_files, repo_path, Test};

/// A spec in canonical layout, and the same spec before `fmt`.
const CANONICAL: &str = "campaign \"C\" {\n  window 2026-12-01 to 2026-12-31\n}\n";
const UNTIDY: &str = "campaign \"C\" {\n  window    2026-12-01 to 2026-12-31\n}\n";

const MESSY: &str = "# Spring wave\r\n\r\n\r\ncampaign \"Spring\" {   # the whole campaign\r\nwindow 2027-03-01   to 2027-04-30\r\n\tbudget 10K   MYR\r\n  languages en,zh\r\n  brand \"B\" { category homeware }\r\n  product \"P\" {\r\n\r\n     price 159 MYR\r\n     # only these\r\n     claims \"Hand-glazed\",\"Two cups\" , \"Stoneware\" # trailing\r\n\r\n  }\r\n  goal look { stage discovery\r\n kpi reach >= 1.5M\r\n  kpi saves >= 2k }\r\n  kol @a {\r\n   followers 100K\r\n   serves look   # why\r\n   deliver video X1 on 2027-03-05\r\n   note \"\"\"\r\n       Bring the set.\r\n         Keep it slow.\r\n       \"\"\"\r\n  } # end of the KOL\r\n\r\n\r\n  # before the close\r\n}\r\n";

#[test]
fn a_messy_spec_is_laid_out_canonically() {
    let out = Test::new()
        .file("spring.campaign", MESSY)
        .args(["fmt", "spring.campaign"])
        .run();
    assert_eq!(
        (out.status, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    let formatted = read(&out.dir.join("spring.campaign"));
    // Its lines ended in CRLF, and still do; the layout is the snapshot.
    assert!(formatted.ends_with("}\r\n") && !formatted.replace("\r\n", "").contains('\n'));
    insta::assert_snapshot!(formatted.replace("\r\n", "\n"));
}

#[test]
fn check_lists_the_files_that_would_change_and_writes_nothing() {
    let out = Test::new()
        .repo_file("examples/glow-serum-my.campaign")
        .file("spring.campaign", MESSY)
        .args([
            "fmt",
            "--check",
            "examples/glow-serum-my.campaign",
            "spring.campaign",
        ])
        .run();
    assert_eq!(out.status, 1);
    assert_eq!(out.stdout, "spring.campaign\n");
    assert_eq!(read(&out.dir.join("spring.campaign")), MESSY);
}

#[test]
fn check_passes_on_canonical_files() {
    let out = Test::new()
        .repo_file("examples/glow-serum-my.campaign")
        .args(["fmt", "--check", "examples/glow-serum-my.campaign"])
        .run();
    assert_eq!((out.status, out.stdout.as_str()), (0, ""));
}

#[test]
fn a_spec_that_does_not_parse_is_left_as_it_was() {
    let broken = "campaign \"C\" {\n  window 2027-03-01\n   kol @a {\n  }\n}\n";
    let out = Test::new()
        .file("broken.campaign", broken)
        .args(["fmt", "broken.campaign"])
        .run();
    assert_eq!(out.status, 1);
    assert!(out.stderr.contains("error[E001] syntax"), "{}", out.stderr);
    assert!(
        out.stderr.contains("--> broken.campaign:2:"),
        "{}",
        out.stderr
    );
    assert!(out
        .stderr
        .contains("`broken.campaign` was not formatted: fix the findings above first"));
    assert_eq!(read(&out.dir.join("broken.campaign")), broken);
}

#[test]
fn an_unknown_field_stops_fmt_but_other_errors_do_not() {
    let typo = "campaign \"C\" {\n kol @a {\n  folowers 3k\n }\n}\n";
    let unknown_goal = "campaign \"C\" {\n kol @a {\n  serves nowhere\n }\n}\n";
    let out = Test::new()
        .file("typo.campaign", typo)
        .file("goal.campaign", unknown_goal)
        .args(["fmt", "typo.campaign", "goal.campaign"])
        .run();
    assert_eq!(out.status, 1);
    assert!(out
        .stderr
        .contains("error[E002] unknown-name: unknown field `folowers`"));
    assert_eq!(read(&out.dir.join("typo.campaign")), typo);
    assert_eq!(
        read(&out.dir.join("goal.campaign")),
        "campaign \"C\" {\n  kol @a {\n    serves nowhere\n  }\n}\n"
    );
}

#[test]
fn writing_keeps_permissions_and_leaves_no_temporary_file() {
    let test = Test::new().file("spring.campaign", MESSY);
    let path = test.path().join("spring.campaign");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o640);
        std::fs::set_permissions(&path, mode).expect("permissions set");
    }
    let out = test.args(["fmt", "spring.campaign"]).run();
    assert_eq!(out.status, 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.dir.join("spring.campaign"))
            .expect("the file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    let names: Vec<String> = std::fs::read_dir(&out.dir)
        .expect("the folder")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["spring.campaign"]);
}

#[test]
fn a_missing_file_is_trouble() {
    let out = Test::new().args(["fmt", "nowhere.campaign"]).run();
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: cannot read `nowhere.campaign`: no such file\n"
    );
}

/// For every example, every test spec and the `init` starter that parses:
/// a second `fmt` changes nothing, the export is the same as the
/// original's, and every comment is still there. Worked out by the library
/// in this process, as `redbrief fmt` and `redbrief export` do it; the tests
/// above hold the commands themselves (writing, `--check`, refusing).
#[test]
fn every_spec_round_trips() {
    let mut specs: Vec<(String, String)> = repo_files("examples", "campaign")
        .into_iter()
        .map(|path| {
            let text = read(&repo_path(&path));
            (path, text)
        })
        .collect();
    campaign_files(&repo_path("tests"), &mut specs);
    specs.push((
        "launch.campaign".to_string(),
        redbrief::cli::init::STARTER.to_string(),
    ));
    assert!(specs.len() >= 4);
    for (name, original) in specs {
        let formatted = match format(&original) {
            Ok(formatted) => formatted,
            // A test spec that does not parse: fmt rightly refuses it.
            Err(Refusal::Findings(_))
                if !name.starts_with("examples/") && name != "launch.campaign" =>
            {
                continue
            }
            Err(Refusal::Findings(findings)) => {
                panic!("{name}: fmt refused it: {:?}", codes(&findings))
            }
            Err(Refusal::Unsafe(what)) => panic!("{name}: fmt found its own result unsafe: {what}"),
        };

        let again = format(&formatted).map_err(|_| "refused");
        assert_eq!(
            again.as_deref(),
            Ok(formatted.as_str()),
            "{name}: a second fmt changes it"
        );

        assert_eq!(
            export_without_positions(&original),
            export_without_positions(&formatted),
            "{name}: the export changed"
        );
        assert_eq!(comments(&original), comments(&formatted), "{name}");
    }
}

fn codes(findings: &[redbrief::diagnostic::Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code()).collect()
}

/// What `export --to json` prints, with the finding positions (which move
/// when the layout does) left out.
fn export_without_positions(spec: &str) -> serde_json::Value {
    let checked = redbrief::check("spec.campaign", spec.as_bytes().to_vec());
    let json = to_json(&Export::of(&checked)).expect("the export is JSON");
    let mut export: serde_json::Value = serde_json::from_str(&json).expect("export prints JSON");
    if let Some(findings) = export["findings"].as_array_mut() {
        for finding in findings {
            if let Some(finding) = finding.as_object_mut() {
                finding.remove("line");
                finding.remove("column");
            }
        }
    }
    export
}

fn comments(spec: &str) -> Vec<String> {
    let parsed = redbrief::syntax::parse(spec);
    let tree = parsed.spec.expect("the spec parses");
    redbrief::format::comments(spec, &tree)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Every `*.campaign` under a folder, at any depth.
fn campaign_files(folder: &Path, into: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            campaign_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "campaign") {
            into.push((path.display().to_string(), read(&path)));
        }
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("a readable file")
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_kept() {
    let untidy = format!("\u{feff}{}", UNTIDY.replace('\n', "\r\n"));
    let out = Test::new()
        .file("c.campaign", &untidy)
        .args(["fmt", "c.campaign"])
        .run();
    assert_eq!((out.status, out.stderr.as_str()), (0, ""));
    let expected = format!("\u{feff}{}", CANONICAL.replace('\n', "\r\n"));
    assert_eq!(read(&out.dir.join("c.campaign")), expected);

    let again = Test::new()
        .file("c.campaign", &expected)
        .args(["fmt", "--check", "c.campaign"])
        .run();
    assert_eq!((again.status, again.stdout.as_str()), (0, ""));
}

#[test]
fn mixed_line_endings_become_one_kind_and_fmt_says_so() {
    let mixed = "campaign \"C\" {\r\n  window    2026-12-01 to 2026-12-31\n}\n";
    let out = Test::new()
        .file("c.campaign", mixed)
        .args(["fmt", "c.campaign"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(read(&out.dir.join("c.campaign")), CANONICAL);
    assert_eq!(
        out.stderr,
        "note: `c.campaign`: every line now ends in LF, as most did\n"
    );
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("a file")
        .permissions()
        .mode()
        & 0o7777
}

#[test]
#[cfg(unix)]
fn a_read_only_file_is_left_alone_unless_forced() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::new().file("c.campaign", UNTIDY);
    let path = test.path().join("c.campaign");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("read-only");
    let out = test.args(["fmt", "c.campaign"]).run();
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: `c.campaign` was left as it was: it is read-only (`--force` keeps it so); \
         `redbrief fmt --force c.campaign` rewrites it anyway\n"
    );
    assert_eq!(read(&path), UNTIDY);

    let forced = Test::new()
        .file("c.campaign", UNTIDY)
        .args(["fmt", "--force", "c.campaign"]);
    let path = forced.path().join("c.campaign");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("read-only");
    let out = forced.run();
    assert_eq!((out.status, out.stderr.as_str()), (0, ""));
    assert_eq!(read(&path), CANONICAL);
    assert_eq!(mode_of(&path), 0o444);
}

#[test]
#[cfg(unix)]
fn a_hard_linked_file_is_left_alone_unless_forced() {
    let test = Test::new().file("c.campaign", UNTIDY);
    std::fs::hard_link(
        test.path().join("c.campaign"),
        test.path().join("twin.campaign"),
    )
    .expect("a hard link");
    let dir = test.path().to_path_buf();
    let out = test.args(["fmt", "c.campaign"]).run();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("it has 2 names (hard links)"),
        "{}",
        out.stderr
    );
    assert_eq!(read(&dir.join("c.campaign")), UNTIDY);

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_redbrief"))
        .args(["fmt", "--force", "c.campaign"])
        .current_dir(&dir)
        .output()
        .expect("redbrief runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the others keep the old text"));
    assert_eq!(read(&dir.join("c.campaign")), CANONICAL);
    assert_eq!(read(&dir.join("twin.campaign")), UNTIDY);
}

#[test]
#[cfg(unix)]
fn the_owner_and_group_are_kept() {
    use std::os::unix::fs::MetadataExt;
    let test = Test::new().file("c.campaign", UNTIDY);
    let path = test.path().join("c.campaign");
    if std::os::unix::fs::chown(&path, Some(4321), Some(4321)).is_err() {
        println!("skipped: giving a file to another owner needs root");
        return;
    }
    let out = test.args(["fmt", "c.campaign"]).run();
    assert_eq!((out.status, out.stderr.as_str()), (0, ""));
    let meta = std::fs::metadata(&path).expect("the file");
    assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
    assert_eq!(read(&path), CANONICAL);
}

#[test]
fn fmt_waits_for_another_run_on_the_same_file_then_names_it() {
    let test = Test::new().file("c.campaign", UNTIDY);
    let path = test.path().join("c.campaign");
    let lock =
        redbrief::fs::Lock::acquire(&path.canonicalize().expect("the file")).expect("locked");
    let out = test.args(["fmt", "c.campaign"]).run();
    assert_eq!(out.status, 2);
    let pid = format!("(pid {}:", std::process::id());
    assert!(
        out.stderr
            .contains("`c.campaign` is being written by another redbrief run")
            && out.stderr.contains(&pid),
        "{}",
        out.stderr
    );
    assert_eq!(read(&path), UNTIDY);
    drop(lock);
}

#[test]
fn check_reads_standard_input_for_dash() {
    let out = Test::new()
        .stdin(UNTIDY)
        .args(["fmt", "--check", "-"])
        .run();
    assert_eq!((out.status, out.stdout.as_str()), (1, "<stdin>\n"));
    let out = Test::new()
        .stdin(CANONICAL)
        .args(["fmt", "--check", "-"])
        .run();
    assert_eq!((out.status, out.stdout.as_str()), (0, ""));
}

#[test]
fn dash_without_check_is_refused() {
    let out = Test::new().stdin(UNTIDY).args(["fmt", "-"]).run();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("`redbrief fmt --check -`"),
        "{}",
        out.stderr
    );
}
