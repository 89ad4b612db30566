//! `redbrief export --to csv|xlsx`: the execution sheet (执行表), one row
//! per creator and delivery, checked against `export --to json`.

use calamine::{Data, Reader, Xlsx};

use crate::common::Test;

const SPEC: &str = "examples/rosters/seeding-wave-cn.campaign";
const ROSTER: &str = "examples/rosters/pugongying-kocs.csv";
const GLOW: &str = "examples/glow-serum-my.campaign";

fn run(spec: &str, args: &[&str]) -> crate::common::Output {
    let mut test = Test::new().repo_file(spec);
    if spec == SPEC {
        test = test.repo_file(ROSTER);
    }
    test.args(["export", spec]).args(args.iter().copied()).run()
}

/// The rows `export --to json` implies: one per creator and delivery.
fn expected(spec: &str, zh: bool) -> Vec<Vec<String>> {
    let out = run(spec, &["--to", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let campaign = &json["campaign"];
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let language = if zh { "zh" } else { "en" };
    let brief_language = if campaign["languages"]
        .as_array()
        .is_some_and(|l| l.iter().any(|x| x == language))
    {
        language.to_string()
    } else {
        text(&campaign["languages"][0])
    };
    let mut rows = Vec::new();
    for creator in campaign["creators"].as_array().expect("creators") {
        let role = text(&creator["role"]);
        let handle = text(&creator["handle"]);
        let file = handle.trim_start_matches('@').to_string();
        for (index, delivery) in creator["deliveries"]
            .as_array()
            .expect("deliveries")
            .iter()
            .enumerate()
        {
            let format = text(&delivery["format"]);
            let format = match (zh, format.as_str()) {
                (true, "image") => "图文".to_string(),
                (true, "video") => "视频".to_string(),
                (true, "live") => "直播".to_string(),
                _ => format,
            };
            let from = text(&delivery["from"]);
            let to = match text(&delivery["to"]) {
                to if to.is_empty() => from.clone(),
                to => to,
            };
            let (fee, currency) = match (&creator["fee"], index) {
                (serde_json::Value::Null, _) | (_, 1..) => (String::new(), String::new()),
                (fee, _) => (text(&fee["amount"]), text(&fee["currency"])),
            };
            rows.push(vec![
                handle.clone(),
                text(&creator["xhs_id"]),
                role.to_uppercase(),
                creator["serves"]
                    .as_array()
                    .expect("goals")
                    .iter()
                    .map(text)
                    .collect::<Vec<_>>()
                    .join(", "),
                format,
                text(&delivery["count"]),
                text(&creator["dates"]["samples_arrive"]),
                text(&creator["dates"]["trial_start"]),
                text(&creator["dates"]["draft_due"]),
                from,
                to,
                fee,
                currency,
                format!("briefs/{brief_language}/{role}/{file}.md"),
            ]);
        }
    }
    rows
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

#[test]
fn the_workbook_reads_back_as_the_json_export() {
    for (spec, lang) in [(SPEC, "zh"), (GLOW, "en")] {
        let out = run(spec, &["--to", "xlsx", "-o", "sheet.xlsx", "--lang", lang]);
        assert_eq!(out.status, 0, "{}", out.stderr);
        let bytes = std::fs::read(out.dir.join("sheet.xlsx")).expect("the workbook");
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
        let range = book
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("readable");
        let mut rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| {
                let mut cells: Vec<String> = row.iter().map(cell_text).collect();
                cells.resize(14, String::new());
                cells
            })
            .collect();
        let header = rows.remove(0);
        assert_eq!(header[0], if lang == "zh" { "达人" } else { "Handle" });
        assert_eq!(rows, expected(spec, lang == "zh"), "{spec}");
    }
}

#[test]
fn the_csv_reads_back_as_the_json_export() {
    let out = run(GLOW, &["--to", "csv"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let text = out.stdout.trim_start_matches('\u{FEFF}');
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows, expected(GLOW, false));
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_workbook_needs_a_file_name() {
    let out = run(GLOW, &["--to", "xlsx"]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("-o sheet.xlsx"), "{}", out.stderr);
}

#[test]
fn a_spec_with_errors_gets_no_sheet_and_says_why() {
    let broken = "tests/fixtures/malformed/e002-unknown-field.campaign";
    for form in ["csv", "xlsx"] {
        let out = Test::new()
            .repo_file(broken)
            .args(["export", broken, "--to", form, "-o", "sheet"])
            .run();
        assert_eq!(out.status, 1, "{form}");
        assert!(!out.dir.join("sheet").exists(), "{form}: no sheet");
        assert!(out.stderr.contains("error[E002]"), "{}", out.stderr);
        assert!(
            out.stderr
                .ends_with(&format!("no sheet written: `{broken}` has errors\n")),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn the_sheet_speaks_the_users_language_unless_told() {
    let spec = std::fs::read_to_string(crate::common::repo_path(GLOW)).expect("the example");
    let header = |env: Option<&str>, args: &[&str]| {
        let mut test = Test::new()
            .file("g.campaign", &spec)
            .args(["export", "g.campaign", "--to", "csv"])
            .args(args.iter().copied());
        if let Some(lang) = env {
            test = test.env("LANG", lang);
        }
        let out = test.run();
        assert_eq!(out.status, 0, "{}", out.stderr);
        out.stdout.lines().next().unwrap_or_default().to_string()
    };
    let english = header(None, &[]);
    assert!(english.contains("Handle"), "{english}");
    assert_ne!(header(Some("zh_CN.UTF-8"), &[]), english);
    assert_eq!(header(Some("zh_CN.UTF-8"), &["--lang", "en"]), english);
}
