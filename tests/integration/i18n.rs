//! The Chinese catalogue is complete and holds nothing stale: every
//! `t!("...")` text in src/ and every rule's summary has Chinese with the
//! same `{placeholders}`, every Chinese entry still has its English, and
//! every rule has a Chinese `explain` page with the English page's examples.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use redbrief::i18n::{self, Lang};

use crate::common::repo_path;

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
