//! The reference in docs/ is generated from the tables redbrief reads: the
//! field table (docs/language.md's block and field tables) and the rule
//! catalogue (docs/rules.md and one page a rule in docs/rules/). These tests
//! fail when a table changed and the docs did not; run
//! `REDBRIEF_UPDATE_DOCS=1 cargo test docs` to write them anew, then read the diff.

use std::path::{Path, PathBuf};

use redbrief::syntax::fields::{self, Kind, Place, Repeat, BLOCKS, FIELDS};

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

fn updating() -> bool {
    std::env::var_os("REDBRIEF_UPDATE_DOCS").is_some()
}

/// Compares a generated file with the one in the repo (or writes it).
fn check_file(path: &Path, wanted: &str) {
    if updating() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, wanted).unwrap();
        return;
    }
    let found = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        found == wanted,
        "{} is out of date with the tables redbrief reads; run `REDBRIEF_UPDATE_DOCS=1 cargo test docs`",
        path.display()
    );
}

/// Replaces what stands between `<!-- generated:NAME -->` and
/// `<!-- end:NAME -->` in `text`.
fn splice(text: &str, name: &str, generated: &str) -> String {
    let begin = format!("<!-- generated:{name} -->\n");
    let end = format!("<!-- end:{name} -->");
    let (Some(a), Some(b)) = (text.find(&begin), text.find(&end)) else {
        panic!("docs/language.md has no `{begin}` ... `{end}` markers");
    };
    format!("{}{begin}{generated}{}", &text[..a], &text[b..])
}

fn blocks_table() -> String {
    let mut out = String::from(
        "| block | head | stands in | what it is | 说明 |\n| --- | --- | --- | --- | --- |\n",
    );
    for block in BLOCKS {
        let head = format!("{} {}", block.keyword, block.head);
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} | {} |\n",
            block.keyword,
            head.trim_end(),
            if block.inside.is_empty() {
                "the file".to_string()
            } else {
                block
                    .inside
                    .iter()
                    .map(|p| format!("`{}`", p.keyword()))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            block.en,
            block.zh
        ));
    }
    out
}

fn value_of(kind: Kind, repeat: Repeat) -> String {
    let how = match repeat {
        Repeat::Once => "once",
        Repeat::List => "a list; more lines add to it",
        Repeat::Each => "one a line; may repeat",
    };
    format!("{} ({how})", kind.example())
}

fn fields_tables() -> String {
    let groups: [(&str, &[Place]); 9] = [
        (
            "Campaign level, inside `campaign \"NAME\" { ... }`",
            &[Place::Campaign],
        ),
        ("Brand", &[Place::Brand]),
        ("Product", &[Place::Product]),
        ("Goal", &[Place::Goal]),
        (
            "Creators: `kol @handle { ... }` and `koc @handle { ... }`",
            &[Place::Kol, Place::Koc],
        ),
        (
            "Policy: thresholds the rules use (see `docs/rules.md`)",
            &[Place::Policy],
        ),
        (
            "Contact: `contact \"NAME\" { ... }`, who creators talk to",
            &[Place::Contact],
        ),
        (
            "Terms: `terms { ... }`, in the campaign for every creator, in a creator to override single terms",
            &[Place::Terms],
        ),
        (
            "Roster: `roster \"FILE\" as kol { ... }`, besides the creator fields every row starts from",
            &[Place::Roster],
        ),
    ];
    let mut out = String::new();
    for (title, places) in groups {
        out.push_str(&format!("### {title}\n\n"));
        let creators = places.len() > 1;
        if creators {
            out.push_str("| field | value | role | required | what it is | 说明 |\n| --- | --- | --- | --- | --- | --- |\n");
        } else {
            out.push_str("| field | value | required | what it is | 说明 |\n| --- | --- | --- | --- | --- |\n");
        }
        for field in FIELDS
            .iter()
            .filter(|f| f.places.iter().any(|p| places.contains(p)))
        {
            let required = if field.required { "yes" } else { "" };
            let mut value = value_of(field.kind, field.repeat);
            if field.translatable {
                value.push_str("; free text, in several languages: `\"...\" zh \"...\"`");
            }
            if creators {
                let role = match field.only_role() {
                    Some(Place::Kol) => "KOL only",
                    Some(_) => "KOC only",
                    None => "both",
                };
                out.push_str(&format!(
                    "| `{}` | {value} | {role} | {required} | {} | {} |\n",
                    field.keyword, field.en, field.zh
                ));
            } else {
                out.push_str(&format!(
                    "| `{}` | {value} | {required} | {} | {} |\n",
                    field.keyword, field.en, field.zh
                ));
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_language_reference_has_every_block_and_field() {
    let path = docs().join("language.md");
    let text = std::fs::read_to_string(&path).expect("docs/language.md");
    let text = splice(&text, "blocks", &blocks_table());
    let text = splice(&text, "fields", &fields_tables());
    check_file(&path, &text);
    for field in FIELDS {
        assert!(
            text.contains(&format!("`{}`", field.keyword)),
            "{}",
            field.keyword
        );
    }
    assert!(fields::field("followers").is_some());
}

#[test]
fn the_rules_reference_links_every_rule_page() {
    let mut index = String::from(
        "# The rules\n\n\
         Every check redbrief makes, generated from the rule catalogue. Each rule's\n\
         page is what `redbrief explain CODE` prints. E-codes mean the spec itself\n\
         is wrong and cannot be allowed; a warning can be accepted for a campaign\n\
         with `allow NAME \"reason\"`.\n\n\
         | code | name | default | what it checks |\n| --- | --- | --- | --- |\n",
    );
    for rule in redbrief::rules::all() {
        index.push_str(&format!(
            "| [{code}](rules/{code}.md) | `{}` | {} | {} |\n",
            rule.name,
            rule.severity,
            rule.summary,
            code = rule.code
        ));
        check_file(
            &docs().join("rules").join(format!("{}.md", rule.code)),
            &rule.page(),
        );
    }
    check_file(&docs().join("rules.md"), &index);
}
