//! `redbrief render`: every example's briefs as snapshots, and the promises
//! around them: layout, safe file names, safe writing, `--check`,
//! overridable templates, refusing a spec with errors.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{files_under, repo_files, repo_path, Test};

const GLOW: &str = "examples/glow-serum-my.campaign";
const CN: &str = "examples/xiaolu-skincare-cn.campaign";
const HANDLES: &str = "tests/fixtures/render/handles.campaign";

fn read(dir: &Path, relative: &str) -> String {
    fs::read_to_string(dir.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn every_example_renders_as_snapshots() {
    insta::glob!("../../examples", "*.campaign", |path| {
        let name = path.file_name().expect("a file name").to_string_lossy();
        let example = format!("examples/{name}");
        let out = Test::new()
            .repo_file(&example)
            .args(["render", example.as_str(), "-o", "out"])
            .run();
        let written = out.dir.join("out");
        if out.status != 0 {
            // Refused: the findings say why, and nothing is written.
            assert!(!written.exists(), "{example} refused but wrote files");
            insta::assert_snapshot!("refused", format!("exit: {}\n{}", out.status, out.stderr));
            return;
        }
        for file in files_under(&written) {
            let snapshot = file.replace('/', "__");
            insta::assert_snapshot!(snapshot, read(&written, &file));
        }
    });
}

#[test]
fn layout_is_language_role_handle() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "briefs"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let briefs = out.dir.join("briefs");
    let mut expected = vec![".redbrief-manifest".to_string()];
    for lang in ["en", "zh"] {
        expected.push(format!("{lang}/overview.md"));
        for kol in ["lina.glow", "sofia.daily"] {
            expected.push(format!("{lang}/kol/{kol}.md"));
            expected.push(format!("{lang}/orders/{kol}.txt"));
        }
        for koc in ["amy_tries", "farah.skin", "weiling.notes", "raj.routine"] {
            expected.push(format!("{lang}/koc/{koc}.md"));
        }
        // @weiling.notes is gifted: no fee, so no Pugongying order.
        for koc in ["amy_tries", "farah.skin", "raj.routine"] {
            expected.push(format!("{lang}/orders/{koc}.txt"));
        }
    }
    expected.sort();
    assert_eq!(files_under(&briefs), expected);
    assert!(
        out.stdout.contains("wrote 24 of 24 files"),
        "{}",
        out.stdout
    );
}

#[test]
fn briefs_carry_front_matter() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "briefs", "--lang", "zh"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let brief = read(&out.dir.join("briefs"), "zh/koc/amy_tries.md");
    let front = brief
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(front, _)| front)
        .expect("front matter");
    assert!(front.contains("campaign: \"Glow Serum MY Launch\""));
    assert!(front.contains("creator: \"@amy_tries\""));
    assert!(front.contains("role: \"koc\""));
    assert!(front.contains("language: \"zh\""));
    let hash = front
        .lines()
        .find_map(|l| l.strip_prefix("spec_sha256: "))
        .map(|quoted| quoted.trim_matches('"'))
        .expect("a spec hash");
    assert_eq!(hash.len(), 64);
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
    let overview = read(&out.dir.join("briefs"), "zh/overview.md");
    assert!(overview.contains(&format!("spec_sha256: \"{hash}\"")));
    assert!(overview.contains("document: \"overview\""));
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    let out = Test::new()
        .repo_file(CN)
        .args(["render", CN, "-o", "a"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let again = Test::new()
        .repo_file(CN)
        .args(["render", CN, "-o", "a"])
        .run();
    let (a, b) = (out.dir.join("a"), again.dir.join("a"));
    assert_eq!(files_under(&a), files_under(&b));
    for file in files_under(&a) {
        assert_eq!(read(&a, &file), read(&b, &file), "{file}");
    }
}

/// The `## ` sections of a Markdown brief, each as its heading and lines.
fn sections(brief: &str) -> Vec<(&str, Vec<&str>)> {
    let body = brief.splitn(3, "---\n").nth(2).unwrap_or(brief);
    let mut sections: Vec<(&str, Vec<&str>)> = vec![("", Vec::new())];
    for line in body.lines().filter(|l| !l.is_empty()) {
        match line.strip_prefix("## ") {
            Some(heading) => sections.push((heading, Vec::new())),
            None => sections.last_mut().expect("a section").1.push(line),
        }
    }
    sections
}

#[test]
fn kol_and_koc_briefs_are_different_documents() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "b"])
        .run();
    let b = out.dir.join("b");
    let kol = read(&b, "en/kol/lina.glow.md");
    let koc = read(&b, "en/koc/amy_tries.md");
    assert!(kol.contains("not judged on sales"));
    assert!(kol.contains("Soft evening light"));
    assert!(koc.contains("there is no script"));
    assert!(koc.contains("Use Glow Serum 30ml for 14 days"));
    assert!(koc.contains("- Would you repurchase at 189 MYR?"));
    assert!(koc.contains("For 7 days after you post"));
    // The two share lines only where every brief states the same thing: the
    // header's facts, dates, never-say, disclosure, terms and contact.
    for (language, named) in [
        (
            "en",
            ["Your dates", "Never say", "Disclosure", "Terms", "Contact"],
        ),
        (
            "zh",
            ["时间安排", "禁用词", "合作报备", "合作条款", "对接人"],
        ),
    ] {
        let kol = read(&b, &format!("{language}/kol/lina.glow.md"));
        let koc = read(&b, &format!("{language}/koc/amy_tries.md"));
        let kol_lines: std::collections::HashSet<&str> = sections(&kol)
            .into_iter()
            .flat_map(|(_, lines)| lines)
            .collect();
        for (heading, lines) in sections(&koc) {
            if heading.is_empty() || named.contains(&heading) {
                continue;
            }
            let shared: Vec<&&str> = lines
                .iter()
                // The product page is a fact both state.
                .filter(|l| !l.contains("https://lumiere.example"))
                .filter(|l| l.chars().count() > 12 && kol_lines.contains(*l))
                .collect();
            assert!(shared.is_empty(), "{language} `{heading}`: {shared:#?}");
        }
    }
}

/// Dates as the English briefs write them: `3 Dec 2026`.
fn english_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = iso
        .split('-')
        .map(|p| p.parse::<usize>().expect("a number"));
    let (year, month, day) = (
        parts.next().expect("a year"),
        parts.next().expect("a month"),
        parts.next().expect("a day"),
    );
    format!("{day} {} {year}", MONTHS[month - 1])
}

#[test]
fn a_creators_dates_are_the_same_in_brief_overview_and_export() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "b", "--lang", "en"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let b = out.dir.join("b");
    let overview = read(&b, "en/overview.md");
    let (status, export, _) = rerun(&out.dir, &["export", GLOW, "--to", "json"]);
    assert_eq!(status, 0);
    let export: serde_json::Value = serde_json::from_str(&export).expect("JSON");
    let creators = export["campaign"]["creators"].as_array().expect("creators");
    let mut kocs = 0;
    for creator in creators.iter().filter(|c| c["role"] == "koc") {
        kocs += 1;
        let handle = creator["handle"].as_str().expect("a handle");
        let dates = &creator["dates"];
        let date = |key: &str| english_date(dates[key].as_str().expect(key));
        let data_due: Vec<String> = dates["data_due"]
            .as_array()
            .expect("data_due")
            .iter()
            .map(|d| english_date(d.as_str().expect("a date")))
            .collect();
        assert!(!data_due.is_empty(), "{handle}");

        let name = handle.trim_start_matches('@');
        let brief = read(&b, &format!("en/koc/{name}.md"));
        let (_, your_dates) = sections(&brief)
            .into_iter()
            .find(|(heading, _)| *heading == "Your dates")
            .expect("a Your dates section");
        let line = |label: &str| {
            your_dates
                .iter()
                .find(|l| l.starts_with(&format!("- **{label}")))
                .unwrap_or_else(|| panic!("{handle}: no `{label}` in {your_dates:#?}"))
                .to_string()
        };
        assert!(line("The product reaches you:").ends_with(&date("samples_arrive")));
        assert!(line("Start using it:").ends_with(&date("trial_start")));
        assert!(line("Draft due:").ends_with(&date("draft_due")));
        assert!(line("Our feedback:").contains(&format!("by {}", date("feedback_by"))));
        // A range is written `5 Dec – 19 Dec 2026`: its first day without the year.
        let first_post = date("first_post");
        let first_day = first_post.rsplit_once(' ').map_or("", |(day, _)| day);
        let post = line("Post:");
        assert!(
            post.contains(&first_post) || post.contains(&format!(" {first_day} – ")),
            "{handle}: {post}"
        );
        let data_line = line("Data screenshots due:");
        for due in &data_due {
            assert!(data_line.contains(due.as_str()), "{handle}: {data_line}");
        }

        let row = overview
            .lines()
            .find(|l| l.starts_with(&format!("| {handle} |")) && l.contains(&date("draft_due")))
            .unwrap_or_else(|| panic!("{handle}: no dated row in the overview"));
        assert!(
            row.contains(&post.replace("- **Post:** ", "")),
            "{handle}: {row}"
        );
        for expected in [
            date("samples_arrive"),
            date("trial_start"),
            date("draft_due"),
        ]
        .iter()
        .chain(&data_due)
        {
            assert!(
                row.contains(expected.as_str()),
                "{handle}: {expected} not in {row}"
            );
        }
    }
    assert_eq!(kocs, 4);
}

#[test]
fn order_texts_are_plain_text_for_paid_creators() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "b", "--format", "html"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let b = out.dir.join("b");
    let orders: Vec<String> = files_under(&b)
        .into_iter()
        .filter(|f| f.contains("/orders/"))
        .collect();
    assert_eq!(orders.len(), 10, "{orders:?}");
    let manifest = read(&b, ".redbrief-manifest");
    for order in &orders {
        assert!(order.ends_with(".txt"), "{order}");
        assert!(
            manifest.contains(order.as_str()),
            "{order} not in the manifest"
        );
        let text = read(&b, order);
        for markup in ["**", "# ", "<", "---", "`", "[", "&amp;"] {
            assert!(!text.contains(markup), "`{markup}` in {order}:\n{text}");
        }
        assert!(text.ends_with(".\n") || text.ends_with("。\n"), "{order}");
    }
    let zh = read(&b, "zh/orders/amy_tries.txt");
    assert!(zh
        .starts_with("合作要求｜Glow Serum MY Launch\n博主：@amy_tries（小红书号：4021877316）\n"));
    assert!(zh.contains("报备要求：发布时绑定本订单"), "{zh}");
    assert!(!b.join("en/orders/weiling.notes.txt").exists());
    // `render --check` covers them like any other file.
    let check = ["render", GLOW, "-o", "b", "--format", "html", "--check"];
    fs::remove_file(b.join("en/orders/lina.glow.txt")).expect("an order text");
    let (status, stdout, _) = rerun(&out.dir, &check);
    assert_eq!(status, 1);
    assert_eq!(
        stdout.lines().next(),
        Some("would appear: b/en/orders/lina.glow.txt")
    );
}

#[test]
fn a_gifted_creator_reads_that_the_product_is_a_gift() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "b"])
        .run();
    let b = out.dir.join("b");
    let en = read(&b, "en/koc/weiling.notes.md");
    assert!(en.contains("- **No fee:** the product is a gift from the brand."));
    assert!(en.contains("“利益相关” or “品牌赠送”"));
    assert!(en.contains("still posted; the gift never depends on a good review"));
    assert!(!en.contains("still paid"));
    assert!(!en.contains("bind this collaboration's order"));
    let zh = read(&b, "zh/koc/weiling.notes.md");
    assert!(zh.contains("- **品牌赠送**：本次没有合作费用"), "{zh}");
    assert!(zh.contains("请在笔记里注明“利益相关”或“品牌赠送”"));
}

#[test]
fn chinese_law_is_cited_only_for_the_chinese_market() {
    let glow = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "b"])
        .run();
    let cn = Test::new()
        .repo_file(CN)
        .args(["render", CN, "-o", "b"])
        .run();
    assert_eq!(cn.status, 0, "{}", cn.stderr);
    for (out, cited) in [(&glow, false), (&cn, true)] {
        let b = out.dir.join("b");
        for file in files_under(&b).iter().filter(|f| f.contains("/ko")) {
            let brief = read(&b, file);
            for law in [
                "Advertising Law",
                "《广告法》",
                "Internet Advertising Measures",
                "《互联网广告管理办法》",
            ] {
                let says = brief.contains(law);
                let this_language = file.starts_with("zh") == law.starts_with('《');
                if this_language {
                    assert_eq!(says, cited, "`{law}` in {file}");
                }
            }
        }
    }
    let b = cn.dir.join("b");
    let kol = read(&b, "zh/kol/林一一的梳妆台.md");
    assert!(kol.contains("广告代言人不得为未使用过的商品作推荐、证明（《广告法》第三十八条）"));
    assert!(
        kol.contains("- 《广告法》第九条第三项明确禁止的用语（及类似说法）：国家级、最高级、最佳")
    );
    assert!(kol.contains("- 英文夸大说法也请避免：best、No.1"));
    let glow_kol = read(&glow.dir.join("b"), "en/kol/lina.glow.md");
    assert!(glow_kol.contains("good practice"));
    assert!(glow_kol.contains("- English overstatements to avoid: best, No.1"));
    assert!(!glow_kol.contains("advertising law forbids"));
}

#[test]
fn platform_basics_go_to_kocs_not_kols() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "b", "--lang", "en"])
        .run();
    let b = out.dir.join("b");
    let kol = read(&b, "en/kol/sofia.daily.md");
    let koc = read(&b, "en/koc/farah.skin.md");
    assert!(kol.contains("the first image is the cover"));
    assert!(koc.contains("the first image is the cover"));
    for basic in [
        "1 to 18 images",
        "at most 20 characters",
        "at most 10 a note",
    ] {
        assert!(koc.contains(basic), "{basic}");
        assert!(!kol.contains(basic), "{basic}");
    }
    let video = read(&b, "en/koc/raj.routine.md");
    assert!(video.contains("subtitles"), "{video}");
    assert!(video.contains("vertical 9:16 frame"), "{video}");
}

#[test]
fn an_absent_field_leaves_no_trace() {
    let out = Test::new()
        .repo_file(HANDLES)
        .args(["render", HANDLES, "-o", "b"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let b = out.dir.join("b");
    for file in files_under(&b) {
        let text = read(&b, &file);
        assert!(!text.contains("None"), "{file}");
        assert!(!text.contains("none"), "{file}");
        assert!(!text.contains("\n\n\n"), "{file}");
        // No heading directly followed by another heading.
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        for pair in lines.windows(2) {
            assert!(
                !(pair[0].starts_with("## ") && pair[1].starts_with("## ")),
                "empty section `{}` in {file}",
                pair[0]
            );
        }
    }
    let kol = read(&b, "en/kol/__.md");
    assert!(!kol.contains("Creative direction\n\n- "));
    assert!(!kol.contains("Use only these claims"));
    assert!(!kol.contains("Fee:"));
}

#[test]
fn handles_become_safe_file_names() {
    let out = Test::new()
        .repo_file(HANDLES)
        .args(["render", HANDLES, "-o", "b"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let b = out.dir.join("b");
    assert!(b.join("en/kol/__.md").is_file());
    assert!(b.join("zh/koc/小雨护肤日记.md").is_file());
    assert!(read(&b, "en/kol/__.md").contains("creator: \"@..\""));
    // Nothing escaped the output folder.
    assert!(!out.dir.join("b/en/kol.md").exists());
    assert!(!out.dir.join("b/en.md").exists());
    let mut top: Vec<String> = fs::read_dir(&out.dir)
        .expect("the scratch folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["b", "tests"]);
}

#[test]
fn two_handles_on_one_file_name_are_an_error_check_reports() {
    let spec = fs::read_to_string(repo_path(HANDLES))
        .expect("the fixture")
        .replace(
            "  koc @小雨护肤日记 {",
            "  kol @__ {\n    followers 80k\n    niche fashion\n    serves look\n    deliver image x1 on 2026-05-03\n  }\n\n  koc @小雨护肤日记 {",
        );
    let out = Test::new()
        .file("clash.campaign", spec)
        .args(["render", "clash.campaign", "-o", "b"])
        .run();
    assert_eq!(out.status, 1, "{}", out.stderr);
    // `check` finds it first (E003), with the language folder in the path.
    assert!(
        out.stderr.contains(
            "error[E003] duplicate: @.. and @__ would be written to one brief file, `en/kol/__.md`"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.dir.join("b").exists());
}

#[test]
fn handles_differing_only_in_case_clash() {
    let spec = fs::read_to_string(repo_path(HANDLES))
        .expect("the fixture")
        .replace("kol @.. {", "kol @Amy {")
        .replace(
            "  koc @小雨护肤日记 {",
            "  kol @amy {\n    followers 80k\n    niche fashion\n    serves look\n    deliver image x1 on 2026-05-03\n  }\n\n  koc @小雨护肤日记 {",
        );
    let out = Test::new()
        .file("clash.campaign", spec)
        .args(["render", "clash.campaign", "-o", "b"])
        .run();
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert!(out.stderr.contains("error[E003]"), "{}", out.stderr);
    assert!(out.stderr.contains("@Amy and @amy"), "{}", out.stderr);
}

#[test]
fn a_spec_with_errors_writes_nothing() {
    let spec = fs::read_to_string(repo_path(GLOW))
        .expect("the example")
        .replace("followers  320k", "folowers  320k");
    let out = Test::new()
        .file("broken.campaign", spec)
        .args(["render", "broken.campaign", "-o", "briefs"])
        .run();
    assert_eq!(out.status, 1);
    assert!(out.stderr.contains("error[E002]"), "{}", out.stderr);
    assert!(out.stderr.contains("no briefs written"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(!out.dir.join("briefs").exists());
}

#[test]
fn a_spec_with_errors_leaves_earlier_briefs_alone() {
    let rendered = Rendered::glow();
    let before = read(&rendered.briefs(), "en/kol/lina.glow.md");
    rendered.edit_spec("followers  320k", "folowers  320k");
    let (status, _, stderr) = rendered.run(&["render", GLOW, "-o", "briefs"]);
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(read(&rendered.briefs(), "en/kol/lina.glow.md"), before);
}

/// Runs the binary again in a folder an earlier `Test` made.
fn rerun(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_redbrief"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("redbrief runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A rendered example in a scratch folder, to run more commands in.
struct Rendered {
    _out: crate::common::Output,
    dir: PathBuf,
}

impl Rendered {
    fn glow() -> Rendered {
        let out = Test::new()
            .repo_file(GLOW)
            .args(["render", GLOW, "-o", "briefs"])
            .run();
        assert_eq!(out.status, 0, "{}", out.stderr);
        let dir = out.dir.clone();
        Rendered { _out: out, dir }
    }

    fn briefs(&self) -> PathBuf {
        self.dir.join("briefs")
    }

    fn edit_spec(&self, from: &str, to: &str) {
        let path = self.dir.join(GLOW);
        let spec = fs::read_to_string(&path).expect("the spec");
        assert!(spec.contains(from), "{from}");
        fs::write(&path, spec.replace(from, to)).expect("the spec");
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        rerun(&self.dir, args)
    }

    fn check(&self) -> (i32, String, String) {
        self.run(&["render", GLOW, "-o", "briefs", "--check"])
    }
}

#[test]
fn check_on_a_fresh_folder_lists_every_file_and_writes_nothing() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "briefs", "--check"])
        .run();
    assert_eq!(out.status, 1);
    assert!(!out.dir.join("briefs").exists());
    assert!(out
        .stdout
        .contains("would appear: briefs/en/kol/lina.glow.md\n"));
    assert!(out
        .stdout
        .contains("would appear: briefs/.redbrief-manifest\n"));
    assert!(out.stdout.contains("25 files out of date in `briefs`"));
}

#[test]
fn check_passes_when_up_to_date() {
    let rendered = Rendered::glow();
    let (status, stdout, _) = rendered.check();
    assert_eq!(status, 0, "{stdout}");
    assert_eq!(stdout, "`briefs` is up to date (24 files)\n");
}

#[test]
fn check_lists_stale_briefs() {
    let rendered = Rendered::glow();
    rendered.edit_spec("fee        11k MYR", "fee        10k MYR");
    let before = read(&rendered.briefs(), "en/kol/lina.glow.md");
    let (status, stdout, _) = rendered.check();
    assert_eq!(status, 1);
    // The fee is in the brief, the overview's roster and budget.
    assert!(stdout.contains("would change: briefs/en/kol/lina.glow.md\n"));
    assert!(stdout.contains("would change: briefs/zh/overview.md\n"));
    // The spec hash changes every file.
    assert!(stdout.contains("would change: briefs/en/koc/amy_tries.md\n"));
    assert_eq!(read(&rendered.briefs(), "en/kol/lina.glow.md"), before);
}

#[test]
fn check_lists_a_brief_that_would_disappear() {
    let rendered = Rendered::glow();
    rendered.edit_spec("languages en, zh", "languages en");
    let (status, stdout, _) = rendered.check();
    assert_eq!(status, 1);
    assert!(stdout.contains("would disappear: briefs/zh/kol/lina.glow.md\n"));
    assert!(stdout.contains("would change: briefs/.redbrief-manifest\n"));
    assert!(!stdout.contains("would disappear: briefs/en/"), "{stdout}");
}

#[test]
fn check_lists_a_missing_brief() {
    let rendered = Rendered::glow();
    fs::remove_file(rendered.briefs().join("en/koc/raj.routine.md")).expect("a brief");
    let (status, stdout, _) = rendered.check();
    assert_eq!(status, 1);
    assert_eq!(
        stdout.lines().next(),
        Some("would appear: briefs/en/koc/raj.routine.md")
    );
    assert!(stdout.contains("1 file out of date"), "{stdout}");
}

#[test]
fn check_ignores_files_the_user_added() {
    let rendered = Rendered::glow();
    fs::write(rendered.briefs().join("README.md"), "ours").expect("a file");
    fs::write(rendered.briefs().join("en/kol/notes.md"), "ours").expect("a file");
    let (status, stdout, _) = rendered.check();
    assert_eq!(status, 0, "{stdout}");
}

#[test]
fn a_rerender_keeps_user_files_and_removes_only_its_own() {
    let rendered = Rendered::glow();
    let briefs = rendered.briefs();
    fs::write(briefs.join("README.md"), "ours").expect("a file");
    fs::create_dir_all(briefs.join("zh/kol/drafts")).expect("a folder");
    fs::write(briefs.join("zh/kol/drafts/idea.md"), "draft").expect("a file");
    rendered.edit_spec("languages en, zh", "languages en");

    let (status, stdout, stderr) = rendered.run(&["render", GLOW, "-o", "briefs"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stdout.contains("removed 12 an earlier render wrote"),
        "{stdout}"
    );
    assert_eq!(read(&briefs, "README.md"), "ours");
    assert_eq!(read(&briefs, "zh/kol/drafts/idea.md"), "draft");
    assert!(!briefs.join("zh/kol/lina.glow.md").exists());
    assert!(!briefs.join("zh/overview.md").exists());
    assert!(!briefs.join("zh/koc").exists());
    assert!(briefs.join("en/kol/lina.glow.md").is_file());
    // No staging or old folder is left beside the output.
    let mut beside: Vec<String> = fs::read_dir(&rendered.dir)
        .expect("the scratch folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["briefs", "examples"]);
    let manifest = read(&briefs, ".redbrief-manifest");
    assert!(!manifest.contains("README.md"));
    assert!(!manifest.contains("zh/"));
}

#[test]
fn a_user_file_where_a_brief_belongs_stops_the_render() {
    let out = Test::new()
        .repo_file(GLOW)
        .file("briefs/en/kol/lina.glow.md", "my own notes")
        .args(["render", GLOW, "-o", "briefs"])
        .run();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("was not written by redbrief"),
        "{}",
        out.stderr
    );
    assert_eq!(read(&out.dir, "briefs/en/kol/lina.glow.md"), "my own notes");
    assert!(!out.dir.join("briefs/en/overview.md").exists());
}

#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let out = Test::new()
        .repo_file(GLOW)
        .file("briefs", "not a folder")
        .args(["render", GLOW, "-o", "briefs"])
        .run();
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: `briefs` is a file; choose a folder for the briefs with `-o`\n"
    );
    assert_eq!(read(&out.dir, "briefs"), "not a folder");
}

#[test]
fn lang_picks_from_the_spec_languages() {
    let out = Test::new()
        .repo_file(CN)
        .args(["render", CN, "-o", "b", "--lang", "en"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.dir.join("b/en/overview.md").is_file());
    assert!(!out.dir.join("b/zh").exists());

    let out = Test::new()
        .repo_file(HANDLES)
        .args(["render", HANDLES, "--lang", "cn"])
        .run();
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("did you mean `zh`?"), "{}", out.stderr);
}

#[test]
fn lang_outside_the_spec_is_a_clear_error() {
    let spec = fs::read_to_string(repo_path(GLOW))
        .expect("the example")
        // The Chinese versions stay for later, accepted (LANG002).
        .replace(
            "languages en, zh",
            "languages en\n  allow unshown-version \"Chinese briefs come later\"",
        );
    let out = Test::new()
        .file("en.campaign", spec)
        .args(["render", "en.campaign", "--lang", "zh"])
        .run();
    assert_eq!(out.status, 2);
    // One `--lang` is also the language render speaks: the error is in
    // Chinese, naming the languages as written.
    assert!(out.stderr.starts_with("错误："), "{}", out.stderr);
    assert!(
        out.stderr.contains("`languages en`") && out.stderr.contains("`zh`"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(!out.dir.join("briefs").exists());
}

#[test]
fn an_override_template_replaces_the_built_in_one() {
    let out = Test::new()
        .repo_file(GLOW)
        .file(
            "mine/en/kol.md.j2",
            "# Hi {{ creator.handle }}\n\nFee: {{ creator.fee or \"none agreed\" }}\n",
        )
        .args(["render", GLOW, "-o", "b", "--templates", "mine"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let b = out.dir.join("b");
    let kol = read(&b, "en/kol/lina.glow.md");
    assert!(
        kol.ends_with("---\n\n# Hi @lina.glow\n\nFee: 11,000 MYR\n"),
        "{kol}"
    );
    // The others stay built in.
    assert!(read(&b, "en/koc/amy_tries.md").contains("## Try it first"));
    assert!(read(&b, "zh/kol/lina.glow.md").contains("## 创意方向"));
}

#[test]
fn a_broken_template_names_itself_and_its_line() {
    let out = Test::new()
        .repo_file(GLOW)
        .file(
            "mine/en/koc.md.j2",
            "# Brief\n\n{% if creator.angle %}\nno end\n",
        )
        .args(["render", GLOW, "-o", "b", "--templates", "mine"])
        .run();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .starts_with("error: in template `mine/en/koc.md.j2`, line 4: syntax error"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(!out.dir.join("b").exists());
}

#[test]
fn an_undefined_variable_is_an_error_not_empty_text() {
    let out = Test::new()
        .repo_file(GLOW)
        .file("mine/zh/overview.md.j2", "# 总览\n\n{{ campaign.nmae }}\n")
        .args(["render", GLOW, "-o", "b", "--templates", "mine"])
        .run();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .starts_with("error: in template `mine/zh/overview.md.j2`, line 3: undefined value"),
        "{}",
        out.stderr
    );
    assert!(!out.dir.join("b").exists());
}

#[test]
fn an_override_that_replaces_nothing_is_reported() {
    let out = Test::new()
        .repo_file(GLOW)
        .file("mine/en/kols.md.j2", "# typo\n")
        .file("mine/README.txt", "not a template")
        .args(["render", GLOW, "-o", "b", "--templates", "mine"])
        .run();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .contains("`mine/en/kols.md.j2` replaces no built-in template"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_render_interrupted_between_the_swaps_is_recovered() {
    // The old set moved aside, the new one not yet in place: OUT is missing.
    let test = Test::new()
        .repo_file(GLOW)
        .file(
            ".briefs.redbrief-old/.redbrief-manifest",
            "en/kol/gone.md\n",
        )
        .file(".briefs.redbrief-old/en/kol/gone.md", "old brief")
        .file(".briefs.redbrief-old/mine.txt", "kept")
        .file(".briefs.redbrief-new/.redbrief-manifest", "")
        .args(["render", GLOW, "-o", "briefs"]);
    let scratch = test.path().to_path_buf();
    let out = test.run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(read(&scratch, "briefs/mine.txt"), "kept");
    assert!(!scratch.join("briefs/en/kol/gone.md").exists());
    assert!(scratch.join("briefs/en/kol/lina.glow.md").is_file());
    assert!(!scratch.join(".briefs.redbrief-old").exists());
    assert!(!scratch.join(".briefs.redbrief-new").exists());
}

#[test]
fn a_folder_in_the_way_that_is_not_ours_is_left_alone() {
    let out = Test::new()
        .repo_file(GLOW)
        .file(".briefs.redbrief-new/precious.txt", "not ours")
        .args(["render", GLOW, "-o", "briefs"])
        .run();
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("is in the way of the render"),
        "{}",
        out.stderr
    );
    assert_eq!(
        read(&out.dir, ".briefs.redbrief-new/precious.txt"),
        "not ours"
    );
}

#[test]
fn refusal_is_coloured_only_when_asked() {
    let spec = fs::read_to_string(repo_path(GLOW))
        .expect("the example")
        .replace("followers  320k", "folowers  320k");
    let out = Test::new()
        .file("broken.campaign", spec)
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "")
        .args(["render", "broken.campaign"])
        .run();
    assert_eq!(out.status, 1);
    assert!(out.stderr.contains("\u{1b}["), "{}", out.stderr);
}

/// An HTML page with its shared `<style>` block left out: the same in every
/// page, so it is kept in one snapshot (the first overview) only.
fn without_style(page: &str) -> String {
    match (page.find("<style>"), page.find("</style>")) {
        (Some(start), Some(end)) => format!("{}<style>…{}", &page[..start], &page[end..]),
        _ => page.to_string(),
    }
}

#[test]
fn every_example_renders_as_html_snapshots() {
    insta::glob!("../../examples", "*.campaign", |path| {
        let name = path.file_name().expect("a file name").to_string_lossy();
        let example = format!("examples/{name}");
        let out = Test::new()
            .repo_file(&example)
            .args(["render", example.as_str(), "-o", "out", "--format", "html"])
            .run();
        let written = out.dir.join("out");
        if out.status != 0 {
            // The Markdown snapshots already hold the refusal.
            assert!(!written.exists(), "{example} refused but wrote files");
            return;
        }
        for file in files_under(&written) {
            let page = read(&written, &file);
            let shown = match file.as_str() {
                "en/overview.html" if name.starts_with("glow") => page,
                _ => without_style(&page),
            };
            // The Markdown test holds `.redbrief-manifest` under that name.
            let snapshot = match file.as_str() {
                ".redbrief-manifest" => "html.redbrief-manifest".to_string(),
                _ => file.replace('/', "__"),
            };
            insta::assert_snapshot!(snapshot, shown);
        }
    });
}

/// A spec whose user strings try to break out of HTML.
const HOSTILE: &str = r#"campaign "Launch <script>alert(1)</script>" {
  window    2026-05-01 to 2026-05-31
  languages en, zh

  brand "\"Quotes\" & Co <b>" {
    category fashion
    voice    "Bold & <i>loud</i>"
    avoid    "<img src=x onerror=alert(1)>"
    hashtags "tag&<b>"
  }

  product "Tote <script>alert(1)</script>" {
    price  80 SGD
    claims "\"quotes\" & ampersands", "<script>alert(1)</script>"
    link   "javascript:alert(1)"
  }

  goal look {
    stage discovery
    kpi   reach >= 10k
  }

  goal trust {
    stage validation
    kpi   saves >= 500
  }

  kol @lina.glow {
    followers 90k
    niche     fashion
    serves    look
    deliver   image x1 on 2026-05-02
    angle     "<script>alert(1)</script> \"quotes\" & ampersands"
    visual    "</style><script>alert(1)</script>"
    title     "A & B"
    note      "</main><script>alert(1)</script>"
  }

  koc @amy_tries {
    followers 4200
    niche     fashion
    serves    trust
    trial     14d
    deliver   image x1 on 2026-05-20
    angle     "\"quotes\" & ampersands <script>alert(1)</script>"
    prompts   "<script>alert(1)</script>?"
    keywords  "\"quotes\" & ampersands"
  }
}
"#;

#[test]
fn every_user_string_is_escaped_in_html() {
    let out = Test::new()
        .file("hostile.campaign", HOSTILE)
        .args(["render", "hostile.campaign", "-o", "b", "--format", "html"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let b = out.dir.join("b");
    let pages: Vec<String> = files_under(&b)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert_eq!(pages.len(), 6, "{pages:?}");
    for file in &pages {
        let page = read(&b, file);
        for raw in [
            "<script",
            "<b>",
            "<i>",
            "<img",
            "</style><",
            "</main><",
            "\"quotes\"",
        ] {
            assert!(!page.contains(raw), "`{raw}` unescaped in {file}");
        }
        assert!(!page.contains("href=\"javascript"), "{file}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
            "{file}"
        );
        assert!(page.contains("&quot;"), "{file}");
        // One <style>, one </main>: nothing closed them early.
        assert_eq!(page.matches("</style>").count(), 1, "{file}");
        assert_eq!(page.matches("</main>").count(), 1, "{file}");
    }
    let kol = read(&b, "en/kol/lina.glow.html");
    assert!(kol.contains("&quot;quotes&quot; &amp; ampersands"), "{kol}");
    assert!(kol.contains("<meta name=\"redbrief:campaign\" content=\"Launch &lt;script&gt;"));
    let koc = read(&b, "zh/koc/amy_tries.html");
    assert!(
        koc.contains("“&quot;quotes&quot; &amp; ampersands”"),
        "{koc}"
    );
}

#[test]
fn html_pages_carry_front_matter_as_meta_tags() {
    let out = Test::new()
        .repo_file(GLOW)
        .args([
            "render", GLOW, "-o", "b", "--format", "html", "--lang", "zh",
        ])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let b = out.dir.join("b");
    assert!(files_under(&b)
        .iter()
        .all(|f| f.ends_with(".html") || f.ends_with(".txt") || f == ".redbrief-manifest"));
    let page = read(&b, "zh/koc/amy_tries.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n"),
        "{page}"
    );
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("<meta name=\"viewport\""));
    assert!(page.contains("@media print"));
    assert!(page.contains("<meta name=\"redbrief:creator\" content=\"@amy_tries\">"));
    assert!(page.contains("<meta name=\"redbrief:role\" content=\"koc\">"));
    assert!(page.contains("<meta name=\"redbrief:language\" content=\"zh\">"));
    assert!(page.contains("<meta name=\"redbrief:spec_sha256\" content=\""));
    // Self-contained: nothing to fetch, nothing to run.
    for external in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!page.contains(external), "{external}");
    }
    let overview = read(&b, "zh/overview.html");
    assert!(overview.contains("<meta name=\"redbrief:document\" content=\"overview\">"));
    assert!(overview.contains("<figure class=\"chart\">"));
}

#[test]
fn check_works_for_html() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "pages", "--format", "html"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let check = ["render", GLOW, "-o", "pages", "--format", "html", "--check"];
    let (status, stdout, _) = rerun(&out.dir, &check);
    assert_eq!(status, 0, "{stdout}");
    assert_eq!(stdout, "`pages` is up to date (24 files)\n");

    let spec = out.dir.join(GLOW);
    let text = fs::read_to_string(&spec).expect("the spec");
    fs::write(
        &spec,
        text.replace("fee        11k MYR", "fee        10k MYR"),
    )
    .expect("the spec");
    let (status, stdout, _) = rerun(&out.dir, &check);
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("would change: pages/en/kol/lina.glow.html\n"),
        "{stdout}"
    );
    assert!(stdout.contains("--format html"), "{stdout}");
    assert!(!stdout.contains(".md"), "{stdout}");

    // Markdown would replace every page.
    let (status, stdout, _) = rerun(&out.dir, &["render", GLOW, "-o", "pages", "--check"]);
    assert_eq!(status, 1);
    assert!(
        stdout.contains("would disappear: pages/en/overview.html\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("would appear: pages/en/overview.md\n"),
        "{stdout}"
    );
}

#[test]
fn markdown_and_html_live_in_different_folders() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "md"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let html = ["render", GLOW, "-o", "html", "--format", "html"];
    let (status, _, stderr) = rerun(&out.dir, &html);
    assert_eq!(status, 0, "{stderr}");
    let md_files = files_under(&out.dir.join("md"));
    let html_files = files_under(&out.dir.join("html"));
    assert_eq!(md_files.len(), 25);
    assert_eq!(
        md_files
            .iter()
            .map(|f| f.replace(".md", ".html"))
            .collect::<Vec<_>>(),
        html_files
    );
    let (status, stdout, _) = rerun(&out.dir, &["render", GLOW, "-o", "md", "--check"]);
    assert_eq!(status, 0, "{stdout}");
    let (status, stdout, _) = rerun(&out.dir, &[&html[..], &["--check"]].concat());
    assert_eq!(status, 0, "{stdout}");
}

#[test]
fn an_html_override_template_replaces_the_built_in_one() {
    let out = Test::new()
        .repo_file(GLOW)
        .file(
            "mine/en/kol.html.j2",
            "<p>Hi {{ creator.handle }}, {{ campaign.brand.voice }}</p>\n",
        )
        .args([
            "render",
            GLOW,
            "-o",
            "b",
            "--format",
            "html",
            "--templates",
            "mine",
        ])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let b = out.dir.join("b");
    assert_eq!(
        read(&b, "en/kol/lina.glow.html"),
        "<p>Hi @lina.glow, Warm, science-backed, never exaggerated</p>\n"
    );
    assert!(read(&b, "zh/kol/lina.glow.html").contains("<h2>创意方向</h2>"));
}

#[test]
fn html_renders_nothing_on_stderr_when_piped() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "b", "--format", "html"])
        .run();
    assert_eq!(out.status, 0);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, "wrote 24 of 24 files to `b`\n");
}

#[test]
fn html_pages_print_on_a4_with_latin_fonts_first_in_english() {
    let out = Test::new()
        .repo_file(GLOW)
        .args(["render", GLOW, "-o", "b", "--format", "html"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let b = out.dir.join("b");
    for file in ["en/overview.html", "zh/koc/amy_tries.html"] {
        let page = read(&b, file);
        let style = page
            .split("<style>")
            .nth(1)
            .and_then(|rest| rest.split("</style>").next())
            .expect("a style block");
        // A4 with margins, and margin boxes at top and bottom, which keep
        // the browser's own header and footer off the page.
        let page_rule = style
            .lines()
            .find(|l| l.starts_with("@page "))
            .expect("an @page rule");
        assert!(page_rule.contains("size: A4"), "{page_rule}");
        assert!(page_rule.contains("margin: 16mm"), "{page_rule}");
        assert!(page_rule.contains("@top-right"), "{page_rule}");
        assert!(page_rule.contains("@bottom-right"), "{page_rule}");
        // English pages: a Latin font before every CJK font.
        let english = style
            .lines()
            .find(|l| l.starts_with("html:lang(en) body"))
            .expect("an English font rule");
        let first = |font: &str| english.find(font).expect(font);
        for cjk in [
            "\"PingFang SC\"",
            "\"Microsoft YaHei\"",
            "\"Noto Sans CJK SC\"",
        ] {
            assert!(first("Arial") < first(cjk), "{english}");
        }
        // Chinese pages: CJK fonts first, so Chinese punctuation is full-width.
        let chinese = style
            .lines()
            .find(|l| l.starts_with("body {"))
            .expect("a body rule");
        assert!(
            chinese.contains("font: 16px/1.65 \"PingFang SC\""),
            "{chinese}"
        );
        // Wide tables scroll sideways inside their box on a phone.
        assert!(style.contains(".table { overflow-x: auto;"), "{style}");
        assert!(style.contains(".table table { min-width: "), "{style}");
    }
    let overview = read(&b, "en/overview.html");
    let tables = overview.matches("<table>").count();
    assert!(tables >= 2, "{overview}");
    assert_eq!(
        overview.matches("<div class=\"table\">\n<table>").count(),
        tables
    );
    assert!(overview.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
}

#[test]
fn the_overview_draws_trials_samples_peaks_and_weeks_without_repeating_them() {
    let out = Test::new()
        .repo_file(GLOW)
        .args([
            "render", GLOW, "-o", "b", "--format", "html", "--lang", "en",
        ])
        .run();
    let page = read(&out.dir.join("b"), "en/overview.html");
    assert_eq!(page.matches("<span class=\"trial\"").count(), 4);
    assert_eq!(page.matches("<span class=\"samples\"").count(), 6);
    assert_eq!(page.matches("<span class=\"peak\"").count(), 1);
    assert!(page.contains("双12 · 12 Dec 2026"));
    assert!(page.matches("<span class=\"week\"").count() >= 9);
    // One-day posts are points; @amy_tries posts over a range, a bar.
    assert_eq!(page.matches("class=\"post point").count(), 5);
    assert_eq!(page.matches("class=\"post bar").count(), 1);
    // The trial and post dates the chart draws are not tabled again.
    assert!(!page.contains("Trial starts"));
    assert!(!page.contains("<th>Posts</th>"));
    // The budget lists each cost and what is left after them.
    assert!(page.contains("<li>Samples, 40 units: 7,500 MYR</li>"));
    assert!(page.contains("<strong>Left after fees and costs:</strong> 25,400 MYR"));
    // Findings speak to the client, not of the tool.
    let body = page.split("<body>").nth(1).expect("a body");
    assert!(!body.contains("redbrief"), "the tool is named in the page");
}

/// A campaign named `yes` (or `on`, `1_000`, a date) is a string to every
/// YAML reader: front matter values are always double-quoted.
#[test]
fn front_matter_reads_as_strings_in_yaml_1_1() {
    let spec = fs::read_to_string(repo_path(GLOW))
        .expect("the example")
        .replace("campaign \"Glow Serum MY Launch\"", "campaign \"yes\"");
    let out = Test::new()
        .file("yes.campaign", spec)
        .args(["render", "yes.campaign", "-o", "b", "--lang", "en"])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let brief = read(&out.dir.join("b"), "en/kol/lina.glow.md");
    let front: Vec<&str> = brief
        .lines()
        .skip(1)
        .take_while(|line| *line != "---")
        .collect();
    assert!(front.contains(&"campaign: \"yes\""), "{front:?}");
    for line in &front {
        let (_, value) = line.split_once(": ").expect("key: value");
        assert!(value.starts_with('"') && value.ends_with('"'), "{line}");
    }
    // PyYAML is the YAML 1.1 reader most tools use; where it is installed,
    // it must read every value back as the string written.
    let script = "import sys, yaml\nd = yaml.safe_load(sys.stdin.read().split('---')[1])\n\
                  assert all(isinstance(v, str) for v in d.values()), d\nprint(d['campaign'])";
    let child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("skipped the PyYAML read: python3 is not installed");
        return;
    };
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write as _;
        let _ = stdin.write_all(brief.as_bytes());
    }
    let done = child.wait_with_output().expect("python3 ran");
    let stderr = String::from_utf8_lossy(&done.stderr);
    if stderr.contains("No module named 'yaml'") {
        eprintln!("skipped the PyYAML read: PyYAML is not installed");
        return;
    }
    assert!(done.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&done.stdout).trim(), "yes");
}

/// A user's template that would loop for ever is stopped by a budget of
/// template steps per document, with a message naming the file: a brief's,
/// and the overview's, which is rendered on its own, straight into its file.
#[test]
fn an_endless_user_template_is_stopped_with_a_clear_error() {
    for template in ["mine/en/kol.md.j2", "mine/en/overview.md.j2"] {
        let out = Test::new()
            .repo_file(GLOW)
            .file(
                template,
                "{% for a in range(3000) %}{% for b in range(3000) %}x{% endfor %}{% endfor %}\n",
            )
            .args(["render", GLOW, "-o", "b", "--templates", "mine"])
            .run();
        assert_eq!(out.status, 2, "{template}: {}", out.stderr);
        assert!(out.stderr.contains(template), "{}", out.stderr);
        assert!(
            out.stderr.contains("the template ran too long"),
            "{template}: {}",
            out.stderr
        );
        assert!(!out.dir.join("b").exists(), "{template}");
    }
}

/// English phrases a `zh` brief may show: the overstatements it tells the
/// creator to avoid, which are English words by nature.
const ENGLISH_ON_PURPOSE: &[&str] = &["number one", "world's first"];

/// The English free text in a line of a `zh` brief: a run of two or more
/// Latin words between Chinese characters and punctuation, once what is
/// the same in every language (names, handles, links, ids, currency codes,
/// and what the creator posts word for word) is taken out.
fn english_in(line: &str, same_everywhere: &[String]) -> Option<String> {
    let mut rest = line.to_string();
    for word in same_everywhere
        .iter()
        .map(String::as_str)
        .chain(ENGLISH_ON_PURPOSE.iter().copied())
    {
        rest = rest.replace(word, " | ");
    }
    let is_cjk = |c: char| {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
    };
    rest.split(|c: char| is_cjk(c) || c == '|')
        .map(|segment| {
            segment
                .split_whitespace()
                .filter(|word| !word.contains("http"))
                .filter(|word| {
                    let letters: String = word.chars().filter(char::is_ascii_alphabetic).collect();
                    // Currency codes (MYR, SGD) and bare numbers are not words.
                    let currency =
                        letters.len() == 3 && letters.chars().all(|c| c.is_ascii_uppercase());
                    !letters.is_empty() && !currency
                })
                .collect::<Vec<_>>()
        })
        .find(|words| words.len() >= 2)
        .map(|words| words.join(" "))
}

#[test]
fn zh_briefs_of_the_examples_have_no_english_free_text() {
    for example in repo_files("examples", "campaign") {
        let example = example.as_str();
        let out = Test::new()
            .repo_file(example)
            .args(["export", example, "--to", "json"])
            .run();
        let export: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        let campaign = &export["campaign"];
        if !campaign["languages"]
            .as_array()
            .is_some_and(|l| l.iter().any(|l| l == "zh"))
        {
            continue;
        }
        let mut same: Vec<String> = Vec::new();
        let mut add = |value: &serde_json::Value| match value {
            serde_json::Value::String(s) => same.push(s.clone()),
            serde_json::Value::Array(list) => {
                same.extend(list.iter().filter_map(|v| v.as_str().map(str::to_string)))
            }
            _ => {}
        };
        add(&campaign["name"]);
        add(&campaign["brand"]["name"]);
        add(&campaign["brand"]["avoid"]);
        add(&campaign["brand"]["hashtags"]);
        for field in ["name", "wechat", "email", "phone"] {
            add(&campaign["contact"][field]);
        }
        for product in campaign["products"].as_array().into_iter().flatten() {
            add(&product["name"]);
            add(&product["link"]);
        }
        for creator in campaign["creators"].as_array().into_iter().flatten() {
            for field in ["handle", "xhs_id", "title", "keywords", "script"] {
                add(&creator[field]);
            }
        }
        // Longest first, so a name is not cut by a shorter one inside it.
        same.sort_by_key(|s| std::cmp::Reverse(s.len()));

        let out = Test::new()
            .repo_file(example)
            .args(["render", example, "--lang", "zh", "-o", "out"])
            .run();
        assert_eq!(out.status, 0, "{example}: {}", out.stderr);
        let written = out.dir.join("out");
        for file in files_under(&written) {
            if !(file.starts_with("zh/kol/") || file.starts_with("zh/koc/")) {
                continue;
            }
            let text = read(&written, &file);
            // The front matter is for tools, not readers.
            let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
            for line in body.lines() {
                if let Some(english) = english_in(line, &same) {
                    panic!("{example}: {file} has English free text ({english}): {line}");
                }
            }
        }
    }
}
