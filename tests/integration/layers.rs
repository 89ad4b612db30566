//! The pipeline is a line, not a web: each module of src/ imports only from
//! modules before it. This test reads every source file and fails on a
//! `crate::` path that reaches forward, naming the file and the line.

use std::path::Path;

/// The stages in order; a module may use its own stage and any before it.
/// `fs`, `i18n`, `memory`, `platform` and `suggest` are leaves: they import nothing of ours.
const LINE: &[&[&str]] = &[
    &["fs", "i18n", "memory", "platform", "suggest", "source"],
    &["diagnostic"],
    &["syntax"],
    &["roster"],
    &["model"],
    &["rules"],
    &["check"],
    &["export"],
    &["format"],
    &["render"],
    &["diff"],
    &["lsp"],
    &["preview"],
    &["cli"],
];

/// Names the crate root re-exports, and the module each comes from.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Checked", "check"),
    ("rule_info", "diagnostic"),
    ("t", "i18n"),
];

fn stage(module: &str) -> Option<usize> {
    LINE.iter().position(|stage| stage.contains(&module))
}

/// The module a file belongs to: `src/model/resolve/place.rs` is `model`.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

fn rust_files(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// Every module named after `crate::` on a line, including inside
/// `use crate::{a, b}` groups.
fn referenced(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inside = group.split('}').next().unwrap_or("");
            for item in inside.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.push(name);
        }
    }
    found
}

#[test]
fn every_module_imports_only_from_earlier_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 20, "expected the source files under {src:?}");
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap_or(file);
        let Some(module) = module_of(relative) else {
            continue;
        };
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(own) = stage(&module) else {
            wrong.push(format!(
                "src/{} is module `{module}`, which has no place in LINE",
                relative.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            // A module's own tests may run the whole pipeline; they stand
            // last in the file (clippy's items_after_test_module).
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            let code = line.split("//").next().unwrap_or("");
            for name in referenced(code) {
                let target = ROOT_ITEMS
                    .iter()
                    .find(|(item, _)| *item == name)
                    .map_or(name.as_str(), |(_, module)| module);
                match stage(target) {
                    Some(theirs) if theirs <= own => {}
                    Some(_) => wrong.push(format!(
                        "src/{}:{}: `{module}` imports `{target}`, a later stage",
                        relative.display(),
                        number + 1
                    )),
                    None if target == module => {}
                    None => wrong.push(format!(
                        "src/{}:{}: `crate::{name}` is no module in LINE",
                        relative.display(),
                        number + 1
                    )),
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the line:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_reader_sees_both_kinds_of_path() {
    assert_eq!(referenced("use crate::model::Campaign;"), ["model"]);
    assert_eq!(
        referenced("use crate::{diagnostic::Finding, syntax};"),
        ["diagnostic", "syntax"]
    );
    assert_eq!(referenced("let x = crate::check(p, b);"), ["check"]);
}
