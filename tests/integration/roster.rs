//! `roster "kocs.csv" as koc { ... }`: creators read from spreadsheets.
//!
//! The CSV fixtures and their specs are written by
//! `tests/fixtures/rosters/make.py`, one per encoding, header style and bad
//! input; each report is a snapshot. Workbooks are written here with
//! rust_xlsxwriter into a scratch folder, so no binary fixture is kept.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use crate::common::{check_in_process, repo_path, Report, Test};

const FIXTURES: &str = "tests/fixtures/rosters";

fn check_fixture(name: &str) -> Report {
    let shown = format!("{FIXTURES}/{name}");
    check_in_process(&shown, std::fs::read(repo_path(&shown)).expect("a fixture"))
}

#[test]
fn every_roster_fixture_reports_as_its_snapshot() {
    insta::glob!("../fixtures/rosters", "*.campaign", |path| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let out = check_fixture(name);
        if name.starts_with("e011") {
            assert_eq!(out.status, 1, "{name}:\n{}", out.stdout);
            assert!(out.stdout.contains("[E011]"), "{name}:\n{}", out.stdout);
        }
        assert!(!out.stdout.contains("panicked"));
        insta::assert_snapshot!(out.stdout);
    });
}

/// Handles, followers and fees of the creators a spec resolved to.
fn creators(out: &Report) -> Vec<String> {
    let campaign = out.checked[0].campaign.as_ref().expect("a campaign");
    campaign
        .creators
        .iter()
        .map(|c| {
            format!(
                "{} {:?} {} {:?} {:?} {}",
                c.handle.value,
                c.role,
                c.followers.value,
                c.engagement.map(|e| e.value),
                c.fee.as_ref().map(|f| f.value.grouped_amount()),
                c.niche
                    .iter()
                    .map(|n| n.value.as_str())
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        })
        .collect()
}

#[test]
fn every_encoding_reads_the_same_creators() {
    let utf8 = creators(&check_fixture("utf8-bom.campaign"));
    assert_eq!(utf8.len(), 3, "{utf8:?}");
    assert!(
        utf8[1].starts_with("@小鹿爱护肤 Koc 5000 Some(4.5)"),
        "{utf8:?}"
    );
    assert!(utf8[2].contains("32000"), "{utf8:?}");
    for other in ["utf16.campaign", "gb18030.campaign"] {
        assert_eq!(creators(&check_fixture(other)), utf8, "{other}");
    }
    assert_eq!(
        creators(&check_fixture("tsv.campaign")),
        creators(&check_fixture("utf8.campaign"))
    );
}

#[test]
fn export_headers_are_read_with_their_units() {
    let out = check_fixture("pugongying.campaign");
    let read = creators(&out);
    assert_eq!(read.len(), 41, "a KOL and 40 KOCs");
    // 粉丝数（万） 0.3 is 3,000; the image fee column, with the platform's
    // service fee, is the fee of an image delivery, in the budget's currency.
    assert!(
        read[1].starts_with("@试用官01号 Koc 3000 Some(3.0)"),
        "{}",
        read[1]
    );
    assert!(
        read[1].contains("\"400 CNY\"") || read[1].contains("400"),
        "{}",
        read[1]
    );
    let qiangua = creators(&check_fixture("qiangua.campaign"));
    // 0.042 in an 互动率 column is a spreadsheet's percent: 4.2%.
    assert!(
        qiangua[1].starts_with("@晴天试用记 Koc 4800 Some(4.2)"),
        "{qiangua:?}"
    );
    assert!(qiangua[2].ends_with("生活/护肤"), "{qiangua:?}");
}

/// A spec reading `kols.xlsx` beside it, in the scratch folder of `test`.
fn kol_spec(extra: &str) -> String {
    format!(
        r#"campaign "Workbook" {{
  window 2026-12-01 to 2027-01-31
  budget 80k MYR
  brand "Lumière Skin" {{
    category skincare
    market MY
  }}
  product "Glow Serum 30ml" {{
    price 189 MYR
  }}
  goal launch {{
    stage discovery
    kpi reach >= 800k
  }}
  goal trust {{
    stage validation
    kpi saves >= 4k
  }}
  roster "kols.xlsx" as kol {{
    serves  launch
    deliver video x1 on 2026-12-03
    angle   "An evening ritual"
{extra}  }}
  koc @amy_tries {{
    followers 3.2k
    niche skincare
    serves trust
    trial 14d
    deliver image x1 on 2026-12-20
    angle "Oily skin, humid commute"
  }}
}}
"#
    )
}

/// A Pugongying-style KOL workbook: a merged title row, units in headers,
/// a formula fee with its cached value, a hyperlink formula, a date serial
/// and a percent-formatted engagement.
fn kol_workbook(path: &Path, first_sheet: &str) {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name(first_sheet).expect("a sheet name");
    notes
        .write_string(0, 0, "说明：本表由蒲公英导出")
        .expect("a cell");
    if first_sheet != "名单" {
        let sheet = book.add_worksheet();
        sheet.set_name("名单").expect("a sheet name");
    }
    let sheet = book.worksheet_from_name("名单").expect("the roster sheet");
    let title = Format::new();
    sheet
        .merge_range(0, 0, 0, 6, "蒲公英 · KOL 报价单", &title)
        .expect("a merged title");
    let headers = [
        "博主昵称",
        "小红书号",
        "粉丝数（万）",
        "互动率",
        "视频笔记一口价(含平台服务费)",
        "主页",
        "note",
    ];
    for (column, header) in headers.iter().enumerate() {
        sheet
            .write_string(1, column as u16, *header)
            .expect("a header");
    }
    let percent = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let rows: [(&str, &str, f64, f64, &str, &str); 2] = [
        (
            "Lina Glow ✨",
            "95260001",
            32.0,
            0.031,
            "=8000+1000",
            "9000",
        ),
        ("晚安小熊", "95260002", 18.5, 0.027, "=6000*1", "6000"),
    ];
    for (index, (name, id, followers, engagement, fee, cached)) in rows.iter().enumerate() {
        let row = index as u32 + 2;
        sheet.write_string(row, 0, *name).expect("a cell");
        sheet.write_string(row, 1, *id).expect("a cell");
        sheet.write_number(row, 2, *followers).expect("a cell");
        sheet
            .write_number_with_format(row, 3, *engagement, &percent)
            .expect("a cell");
        sheet
            .write_formula(row, 4, Formula::new(*fee).set_result(*cached))
            .expect("a cell");
        sheet
            .write_formula(
                row,
                5,
                Formula::new(r#"=HYPERLINK("https://www.xiaohongshu.com/user/profile/1","主页")"#)
                    .set_result("主页"),
            )
            .expect("a cell");
        let samples = ExcelDateTime::from_ymd(2026, 11, 20).expect("a date");
        sheet
            .write_datetime_with_format(row, 6, &samples, &date)
            .expect("a cell");
    }
    book.save(path).expect("a workbook");
}

#[test]
fn a_workbook_reads_cached_values_units_and_dates() {
    let test = Test::new().file("spec.campaign", kol_spec(""));
    kol_workbook(&test.path().join("kols.xlsx"), "名单");
    let spec = test.path().join("spec.campaign");
    let out = check_in_process(
        &spec.to_string_lossy(),
        std::fs::read(&spec).expect("the spec"),
    );
    let read = creators(&out);
    assert_eq!(
        read[..2],
        [
            "@LinaGlow Kol 320000 Some(3.1) Some(\"9,000\") ",
            "@晚安小熊 Kol 185000 Some(2.7) Some(\"6,000\") ",
        ],
        "{}",
        out.stdout
    );
    let campaign = out.checked[0].campaign.as_ref().expect("a campaign");
    let note = campaign.creators[0].note.as_ref().map(|n| n.value.as_str());
    assert_eq!(note, Some("2026-11-20"), "a date serial reads as a date");
}

#[test]
fn a_named_sheet_is_read_and_a_missing_one_is_e011() {
    let test = Test::new().file("spec.campaign", kol_spec("    sheet \"名单\"\n"));
    kol_workbook(&test.path().join("kols.xlsx"), "说明");
    let spec = test.path().join("spec.campaign");
    let out = check_in_process("spec.campaign", std::fs::read(&spec).expect("the spec"));
    // Named relative to the working folder, the spec's roster is not there.
    assert!(out.stdout.contains("[E011]"));
    let out = check_in_process(
        &spec.to_string_lossy(),
        std::fs::read(&spec).expect("the spec"),
    );
    assert_eq!(creators(&out).len(), 3, "{}", out.stdout);

    let wrong = kol_spec("    sheet \"Sheet9\"\n");
    std::fs::write(&spec, wrong).expect("the spec");
    let out = check_in_process(
        &spec.to_string_lossy(),
        std::fs::read(&spec).expect("the spec"),
    );
    let shown = out
        .stdout
        .replace(&format!("{}/", test.path().display()), "[dir]/");
    insta::assert_snapshot!(shown);
}

#[test]
fn a_hundred_thousand_rows_check_quickly() {
    let mut csv = String::from("粉丝数,昵称,互动率,类目\n");
    for row in 0..100_000 {
        csv.push_str(&format!(
            "{},koc{row:06},4.{}%,护肤\n",
            2000 + row % 5000,
            row % 10
        ));
    }
    let spec = std::fs::read_to_string(repo_path(&format!("{FIXTURES}/utf8.campaign")))
        .expect("a fixture")
        .replace("plain.csv", "many.csv");
    let test = Test::new()
        .file("many.csv", csv)
        .file("spec.campaign", &spec);
    let path = test.path().join("spec.campaign");
    let started = std::time::Instant::now();
    let checked = redbrief::check(path.to_string_lossy(), spec.into_bytes());
    let took = started.elapsed();
    let campaign = checked.campaign.as_ref().expect("a campaign");
    assert_eq!(campaign.creators.len(), 100_001);
    // Generous for an unoptimised build on a shared machine.
    assert!(took.as_secs() < 60, "took {took:?}");
}

/// The agency's KOL rate card of `examples/rosters/kol-launch-my.campaign`:
/// a notes sheet first, then "KOL" with a merged title row, followers in
/// thousands and a formula fee.
fn example_rate_card(path: &Path) {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").expect("a sheet name");
    notes
        .write_string(0, 0, "Rates valid until 2026-12-31, platform fee included")
        .expect("a cell");
    let sheet = book.add_worksheet();
    sheet.set_name("KOL").expect("a sheet name");
    sheet
        .merge_range(0, 0, 0, 6, "Lumière Skin · KOL rate card", &Format::new())
        .expect("a merged title");
    let headers = [
        "handle",
        "xhs_id",
        "Followers (k)",
        "engagement",
        "niche",
        "视频笔记一口价(含平台服务费)",
        "angle",
    ];
    for (column, header) in headers.iter().enumerate() {
        sheet
            .write_string(1, column as u16, *header)
            .expect("a header");
    }
    let percent = Format::new().set_num_format("0.0%");
    let rows = [
        (
            "@lina.glow",
            "95260001",
            320.0,
            0.031,
            "beauty",
            "=8000*1.1",
            "8800",
            "An evening self-care ritual",
        ),
        (
            "@hana.skin",
            "95260002",
            185.0,
            0.042,
            "skincare, lifestyle",
            "=6000*1.1",
            "6600",
            "The ten-minute routine before a night shift",
        ),
        (
            "@kl.glowup",
            "95260003",
            96.0,
            0.055,
            "beauty",
            "=4000*1.1",
            "4400",
            "Getting ready for Chinese New Year dinners",
        ),
    ];
    for (index, (handle, id, followers, engagement, niche, formula, cached, angle)) in
        rows.iter().enumerate()
    {
        let row = index as u32 + 2;
        sheet.write_string(row, 0, *handle).expect("a cell");
        sheet.write_string(row, 1, *id).expect("a cell");
        sheet.write_number(row, 2, *followers).expect("a cell");
        sheet
            .write_number_with_format(row, 3, *engagement, &percent)
            .expect("a cell");
        sheet.write_string(row, 4, *niche).expect("a cell");
        sheet
            .write_formula(row, 5, Formula::new(*formula).set_result(*cached))
            .expect("a cell");
        sheet.write_string(row, 6, *angle).expect("a cell");
    }
    book.save(path).expect("a workbook");
}

#[test]
fn the_workbook_example_reads_its_kols() {
    let workbook = repo_path("examples/rosters/kols.xlsx");
    if std::env::var_os("REDBRIEF_UPDATE_EXAMPLES").is_some() || !workbook.exists() {
        example_rate_card(&workbook);
    }
    let spec = "examples/rosters/kol-launch-my.campaign";
    let out = check_in_process(spec, std::fs::read(repo_path(spec)).expect("the example"));
    assert_eq!(out.status, 0, "{}", out.stdout);
    let read = creators(&out);
    assert_eq!(
        read[..3],
        [
            "@lina.glow Kol 320000 Some(3.1) Some(\"8,800\") beauty",
            "@hana.skin Kol 185000 Some(4.2) Some(\"6,600\") skincare/lifestyle",
            "@kl.glowup Kol 96000 Some(5.5) Some(\"4,400\") beauty",
        ]
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn the_seeding_example_reads_forty_kocs_from_a_pugongying_export() {
    let spec = "examples/rosters/seeding-wave-cn.campaign";
    let out = check_in_process(spec, std::fs::read(repo_path(spec)).expect("the example"));
    assert_eq!(out.status, 0, "{}", out.stdout);
    let campaign = out.checked[0].campaign.as_ref().expect("a campaign");
    let kocs = campaign
        .creators
        .iter()
        .filter(|c| c.role == redbrief::model::Role::Koc)
        .count();
    assert_eq!(kocs, 40);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn json_names_the_roster_cell() {
    let out = Test::new()
        .repo_file("tests/fixtures/rosters/cells.campaign")
        .repo_file("tests/fixtures/rosters/bad-cells.csv")
        .args([
            "check",
            "tests/fixtures/rosters/cells.campaign",
            "--format",
            "json",
        ])
        .run();
    assert_eq!(out.status, 1);
    let findings: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let first = &findings[0];
    assert_eq!(first["code"], "E002");
    assert_eq!(first["file"], "tests/fixtures/rosters/bad-cells.csv");
    assert_eq!(first["line"], 1);
    assert_eq!(first["column"], 2);
    assert_eq!(first["cell"], "tests/fixtures/rosters/bad-cells.csv:1:2");
}

#[test]
fn the_brief_hash_covers_the_roster() {
    let spec = std::fs::read(repo_path("tests/fixtures/rosters/utf8.campaign")).expect("spec");
    let shown = "tests/fixtures/rosters/utf8.campaign";
    let checked = redbrief::check(shown, spec.clone());
    assert_eq!(checked.rosters.len(), 1);
    let mut without = redbrief::check(shown, spec);
    without.rosters.clear();
    assert_ne!(checked.spec_sha256(), without.spec_sha256());
}

#[test]
fn roster_creators_are_rendered_checked_and_exported_like_typed_ones() {
    const SPEC: &str = "examples/rosters/seeding-wave-cn.campaign";
    let run = |args: &[&str]| {
        Test::new()
            .repo_file(SPEC)
            .repo_file("examples/rosters/pugongying-kocs.csv")
            .args(args.iter().copied())
            .run()
    };
    let out = run(&["render", SPEC, "-o", "out"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let kocs = std::fs::read_dir(out.dir.join("out/zh/koc"))
        .expect("the KOC briefs")
        .count();
    assert_eq!(kocs, 40);
    let brief = std::fs::read_to_string(out.dir.join("out/zh/koc/学生党的护肤日记01.md"))
        .expect("a roster creator's brief");
    assert!(brief.contains("学生党在通勤时的两周真实记录"), "{brief}");
    assert!(brief.contains("95300000"), "{brief}");

    let out = run(&["export", SPEC, "--to", "json"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let exported: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let creators = exported["campaign"]["creators"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(creators, 41);
}

#[test]
fn fmt_keeps_a_roster_block_as_written_in_canonical_layout() {
    const SPEC: &str = "examples/rosters/seeding-wave-cn.campaign";
    let canonical = std::fs::read_to_string(repo_path(SPEC)).expect("the example");
    let loose = canonical
        .replace(
            "roster \"pugongying-kocs.csv\" as koc {",
            "roster   \"pugongying-kocs.csv\"   as   koc {",
        )
        .replace("    trial    14d", "    trial 14d");
    assert_ne!(loose, canonical);
    let out = Test::new()
        .file(SPEC, &loose)
        .repo_file("examples/rosters/pugongying-kocs.csv")
        .args(["fmt", SPEC])
        .run();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let formatted = std::fs::read_to_string(out.dir.join(SPEC)).expect("the spec");
    assert_eq!(formatted, canonical);
}

/// A nickname with what a handle cannot hold (a space, an emoji) becomes a
/// handle, and the name as written greets the creator in their brief;
/// `export` says which cell each roster creator came from.
#[test]
fn a_nickname_greets_its_creator_and_export_names_the_cell() {
    const SPEC: &str = "examples/rosters/seeding-wave-cn.campaign";
    let csv = std::fs::read_to_string(repo_path("examples/rosters/pugongying-kocs.csv"))
        .expect("the example roster")
        .replacen("学生党的护肤日记01,", "学生党 的护肤日记🌸01,", 1);
    let run = |args: &[&str]| {
        Test::new()
            .repo_file(SPEC)
            .file("examples/rosters/pugongying-kocs.csv", &csv)
            .args(args.iter().copied())
            .run()
    };
    let out = run(&["render", SPEC, "-o", "out", "--format", "md"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let brief = std::fs::read_to_string(out.dir.join("out/zh/koc/学生党的护肤日记01.md"))
        .expect("the brief under the cleaned handle");
    assert!(brief.contains("学生党 的护肤日记🌸01，你好！"), "{brief}");

    let out = run(&["export", SPEC, "--to", "json"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let exported: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let creators = exported["campaign"]["creators"]
        .as_array()
        .expect("creators");
    let first = creators
        .iter()
        .find(|c| c["handle"] == "@学生党的护肤日记01")
        .expect("the roster creator");
    assert_eq!(first["nickname"], "学生党 的护肤日记🌸01");
    assert_eq!(first["source"], "examples/rosters/pugongying-kocs.csv:3:1");
    // A creator typed in the spec has no cell.
    assert!(creators.iter().any(|c| c["source"].is_null()));
}

/// The overview of a language the user does not read checks the spec again
/// for its findings' words, and that second check reads the rosters from
/// disk again: one saved in between must stop the render, not give the
/// other language other creators.
#[test]
fn a_roster_saved_during_a_render_stops_it() {
    let spec = std::fs::read_to_string(repo_path("examples/rosters/seeding-wave-cn.campaign"))
        .expect("the example")
        .replace("  languages zh\n", "  languages en, zh\n");
    let roster = std::fs::read(repo_path("examples/rosters/pugongying-kocs.csv")).expect("csv");
    let test = Test::new()
        .file("wave.campaign", &spec)
        .file("pugongying-kocs.csv", &roster);
    let path = test.path().join("wave.campaign");
    let checked = redbrief::check(path.to_string_lossy(), spec.into_bytes());
    assert!(
        !checked.findings.is_empty(),
        "the `zh` overview is checked again"
    );
    let briefs = redbrief::render::Briefs::new(&Default::default()).expect("templates");
    assert!(briefs.render(&checked).is_ok(), "the rosters as they were");

    let saved = String::from_utf8(roster)
        .expect("UTF-8")
        .replacen(",1800,", ",1900,", 1);
    std::fs::write(test.path().join("pugongying-kocs.csv"), saved).expect("saved");
    let error = briefs.render(&checked).expect_err("a roster changed");
    assert!(
        matches!(error, redbrief::render::RenderError::SpecChanged),
        "{error:?}"
    );
    assert!(error.to_string().contains("render again"), "{error}");
}
