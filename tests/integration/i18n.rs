//! The Chinese catalogue is complete and holds nothing stale: every
//! `t!("...")` text in src/ and every rule's summary has Chinese with the
//! same `{placeholders}`, every Chinese entry still has its English, and
//! every rule has a Chinese `explain` page with the English page's examples.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use redbrief::i18n::{self, Lang};

use crate::common::{repo_files, repo_path, Test};

/// Every `t!` text in src/, with where it is, as the user would see it.
fn texts_in_source() -> BTreeMap<String, String> {
    fn walk(dir: &Path, found: &mut BTreeMap<String, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("src/ reads")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(&path).expect("a source file reads");
                let shown = path
                    .strip_prefix(repo_path(""))
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                for (line, text) in t_texts(&code) {
                    found
                        .entry(text)
                        .or_insert_with(|| format!("{shown}:{line}"));
                }
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(&repo_path("src"), &mut found);
    found
}

/// The literal after each `t!(` in `code`, unescaped as Rust reads it,
/// with its line. The macro's own definition (`$english:literal`) has none.
fn t_texts(code: &str) -> Vec<(usize, String)> {
    let mut texts = Vec::new();
    for (at, _) in code.match_indices("t!(") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `print!(`, `assert!(` and friends end in `t!(` too
        }
        let line_start = code[..at].rfind('\n').map_or(0, |n| n + 1);
        if code[line_start..at].trim_start().starts_with("//") {
            continue; // an example in a comment
        }
        let rest = code[at + 3..].trim_start();
        let Some(literal) = rest.strip_prefix('"') else {
            continue;
        };
        let line = code[..at].lines().count();
        texts.push((line, unescape(literal)));
    }
    texts
}

/// A Rust string literal's value up to its closing quote.
fn unescape(literal: &str) -> String {
    let mut out = String::new();
    let mut chars = literal.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('\'') => out.push('\''),
                Some('\n') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some('u') => {
                    let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                    if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(c);
                    }
                }
                Some(other) => panic!("unexpected escape \\{other} in a t! text"),
                None => break,
            },
            c => out.push(c),
        }
    }
    out
}

/// The `{name}` placeholders of a message (`{{` is a brace, not one).
fn placeholders(text: &str) -> BTreeSet<String> {
    let unescaped = text.replace("{{", "").replace("}}", "");
    unescaped
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

/// Every Chinese entry, with the file it is in; a key in two files fails.
fn zh_entries() -> BTreeMap<String, (String, &'static str)> {
    let mut entries = BTreeMap::new();
    for (file, text) in i18n::ZH_MESSAGES {
        let table = i18n::read_messages(text)
            .unwrap_or_else(|e| panic!("src/i18n/zh/messages/{file} does not read: {e}"));
        for (english, chinese) in table {
            if let Some((_, other)) = entries.insert(english.clone(), (chinese, *file)) {
                panic!("{english:?} is translated in both {other} and {file}");
            }
        }
    }
    entries
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_message_has_chinese_with_the_same_placeholders() {
    let zh = zh_entries();
    let mut english: BTreeMap<String, String> = texts_in_source();
    for rule in redbrief::rules::catalogue().iter() {
        english.insert(
            rule.summary.to_string(),
            format!("the summary of {}", rule.code),
        );
    }
    let mut problems = Vec::new();
    for (text, place) in &english {
        match zh.get(text) {
            None => problems.push(format!("{place}: no Chinese for {text:?}")),
            Some((chinese, file)) => {
                if chinese.trim().is_empty() {
                    problems.push(format!("{file}: the Chinese for {text:?} is empty"));
                } else if placeholders(chinese) != placeholders(text) {
                    problems.push(format!(
                        "{file}: {chinese:?} has placeholders {:?}, its English {text:?} has {:?}",
                        placeholders(chinese),
                        placeholders(text)
                    ));
                }
            }
        }
    }
    for (text, (_, file)) in &zh {
        if !english.contains_key(text) {
            problems.push(format!(
                "{file}: {text:?} is no longer said anywhere; remove it"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_rule_has_a_chinese_page_with_the_english_examples() {
    let code_blocks = |page: &str| -> Vec<String> {
        page.split("```")
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let mut problems = Vec::new();
    for rule in redbrief::rules::catalogue().iter() {
        let Some(page) = i18n::rule_page(Lang::Zh, rule.code) else {
            problems.push(format!(
                "{}: no src/i18n/zh/rules/{}.md",
                rule.code, rule.code
            ));
            continue;
        };
        let heading = format!("# {} {}\n", rule.code, rule.name);
        if !page.starts_with(&heading) {
            problems.push(format!(
                "{}: the Chinese page must start with {heading:?}",
                rule.code
            ));
        }
        if code_blocks(page) != code_blocks(&rule.page()) {
            problems.push(format!(
                "{}: the Chinese page's examples differ from the English page's; they are specs and stay as written",
                rule.code
            ));
        }
        let prose: String = page.split("```").step_by(2).collect();
        if !has_cjk(&prose) {
            problems.push(format!("{}: the Chinese page has no Chinese", rule.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn source_texts_are_read_as_rust_reads_them() {
    let code = "let a = t!(\"one {n} \\\"two\\\" \\\n      three\", n = 1);\nprint!(\"x\");";
    assert_eq!(
        t_texts(code),
        vec![(1, "one {n} \"two\" three".to_string())]
    );
    assert_eq!(
        placeholders("{who} has {{ and {n}"),
        BTreeSet::from(["who".to_string(), "n".to_string()])
    );
}

/// One spec a code family: syntax, names, values, a strategy rule, a
/// platform rule, a language rule and a spreadsheet cell.
const FAMILY_FIXTURES: &[&str] = &[
    "tests/fixtures/malformed/e001-unclosed-block.campaign",
    "tests/fixtures/malformed/e002-unknown-field.campaign",
    "tests/fixtures/malformed/e004-invalid-values.campaign",
    "tests/fixtures/rules/rs009-koc-fires.campaign",
    "tests/fixtures/rules/xhs001-fires.campaign",
    "tests/fixtures/rules/lang001-en-fires.campaign",
];

#[test]
fn check_speaks_chinese_when_asked() {
    for fixture in FAMILY_FIXTURES {
        let out = Test::new()
            .repo_file(fixture)
            .args(["check", "--lang", "zh", fixture])
            .run();
        assert!(out.stdout.contains("]"), "{fixture} has findings");
        let name = fixture.rsplit('/').next().unwrap_or(fixture);
        insta::assert_snapshot!(format!("check-zh-{name}"), out.stdout);
    }
}

#[test]
fn a_cell_in_a_spreadsheet_is_explained_in_chinese() {
    let out = Test::new()
        .repo_file("tests/fixtures/rosters/cells.campaign")
        .repo_file("tests/fixtures/rosters/bad-cells.csv")
        .args([
            "check",
            "--lang",
            "zh",
            "tests/fixtures/rosters/cells.campaign",
        ])
        .run();
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn the_locale_chooses_chinese_and_the_flag_wins() {
    let fixture = "tests/fixtures/rules/rs009-koc-fires.campaign";
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut test = Test::new()
            .repo_file(fixture)
            .args(["check", fixture])
            .args(args.iter().copied());
        for (key, value) in env {
            test = test.env(key, value);
        }
        test.run().stdout
    };
    let chinese = run(&[], &["--lang", "zh"]);
    let english = run(&[], &[]);
    let from_locale = run(&[("LANG", "zh_CN.UTF-8")], &[]);
    insta::assert_snapshot!(from_locale);
    assert_eq!(from_locale, chinese);
    assert_ne!(chinese, english);
    assert_eq!(run(&[("LANG", "zh_CN.UTF-8")], &["--lang", "en"]), english);
    assert_eq!(
        run(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")], &[]),
        english
    );
    assert_eq!(
        run(&[("REDBRIEF_LANG", "zh"), ("LC_ALL", "C")], &[]),
        chinese
    );
}

#[test]
fn every_finding_of_every_fixture_reads_in_chinese() {
    let mut fixtures = repo_files("tests/fixtures/rules", "campaign");
    fixtures.extend(repo_files("tests/fixtures/malformed", "campaign"));
    let out = Test::new()
        .args(["check", "--lang", "zh", "--format", "json"])
        .args(fixtures.iter().map(|f| repo_path(f).display().to_string()))
        .run();
    let findings: Vec<serde_json::Value> =
        serde_json::from_str(&out.stdout).expect("check --format json prints JSON");
    let codes: BTreeSet<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
    // Every rule fires somewhere among the fixtures, so every rule's
    // message is read here at least once.
    for rule in redbrief::rules::catalogue().iter() {
        if !["E011"].contains(&rule.code) {
            assert!(codes.contains(rule.code), "no fixture fires {}", rule.code);
        }
    }
    let english: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| {
            let message = f["message"].as_str().unwrap_or_default();
            let help = f["help"].as_str().unwrap_or_default();
            !has_cjk(message) || (!help.is_empty() && !has_cjk(help))
        })
        .collect();
    assert!(
        english.is_empty(),
        "{} findings still speak English:\n{}",
        english.len(),
        english
            .iter()
            .map(|f| format!("{} {} | {}", f["code"], f["message"], f["help"]))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Codes, names and severities stay English for machines.
    assert!(findings
        .iter()
        .all(|f| f["severity"] == "warning" || f["severity"] == "error"));
}

#[test]
fn explain_speaks_chinese_for_every_rule() {
    for rule in redbrief::rules::catalogue().iter() {
        let out = Test::new()
            .args(["explain", "--lang", "zh", rule.code])
            .run();
        assert_eq!(out.status, 0);
        insta::assert_snapshot!(format!("explain-zh-{}", rule.code), out.stdout);
    }
}

#[test]
fn rules_and_bad_flags_speak_chinese() {
    let rules = Test::new().args(["rules", "--lang", "zh"]).run();
    insta::assert_snapshot!(rules.stdout);
    let bad_flag = Test::new()
        .args(["check", "--lang", "zh", "--colour", "x.campaign"])
        .run();
    assert_eq!(bad_flag.status, 2);
    insta::assert_snapshot!(bad_flag.stderr);
    let missing = Test::new()
        .args(["check", "--lang", "zh", "nowhere.campaign"])
        .run();
    assert_eq!(missing.status, 2);
    insta::assert_snapshot!(missing.stderr);
    let sarif = Test::new()
        .repo_file(FAMILY_FIXTURES[1])
        .args([
            "check",
            "--lang",
            "zh",
            "--format",
            "sarif",
            FAMILY_FIXTURES[1],
        ])
        .run();
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("SARIF is JSON");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "E002");
    assert!(has_cjk(
        result["message"]["text"].as_str().unwrap_or_default()
    ));
}

/// Briefs are the same whatever language the user reads: the overview
/// quotes findings in its own language.
#[test]
fn the_locale_never_changes_the_briefs() {
    let mut specs = repo_files("examples", "campaign");
    specs.push("tests/fixtures/rules/lang001-en-fires.campaign".to_string());
    specs.push("tests/fixtures/rules/xhs001-fires.campaign".to_string());
    for spec in specs {
        let render = |lang: Option<&str>| {
            let mut test =
                Test::new()
                    .repo_file(&spec)
                    .args(["render", spec.as_str(), "-o", "out"]);
            if let Some(lang) = lang {
                test = test.env("LANG", lang);
            }
            let out = test.run();
            assert_eq!(out.status, 0, "{spec}: {}", out.stderr);
            crate::common::files_under(&out.dir.join("out"))
                .into_iter()
                .map(|path| {
                    let text = std::fs::read_to_string(out.dir.join("out").join(&path))
                        .unwrap_or_default();
                    (path, text)
                })
                .collect::<Vec<_>>()
        };
        let english = render(None);
        assert!(english.len() > 2, "{spec} rendered");
        assert!(
            english == render(Some("zh_CN.UTF-8")),
            "{spec}: the briefs differ under a Chinese locale"
        );
    }
}
