use proptest::prelude::*;

use super::*;
use crate::syntax::parse;

fn formatted(source: &str) -> String {
    match format(source) {
        Ok(text) => text,
        Err(refusal) => panic!("not formatted: {refusal:?}\n{source}"),
    }
}

fn refused(source: &str) -> Vec<&'static str> {
    match format(source) {
        Ok(text) => panic!("formatted a spec it should refuse:\n{text}"),
        Err(Refusal::Findings(findings)) => findings.iter().map(|f| f.rule.code).collect(),
        Err(Refusal::Unsafe(why)) => panic!("unsafe: {why}"),
    }
}

#[test]
fn one_line_blocks_are_opened_up_and_aligned() {
    let source = "campaign \"C\" {\ngoal g { stage discovery }\npolicy { min_kocs 2 }\n}\n";
    assert_eq!(
        formatted(source),
        "campaign \"C\" {\n  goal g {\n    stage discovery\n  }\n\n  policy {\n    min_kocs 2\n  }\n}\n"
    );
}

#[test]
fn kpi_comparators_line_up_within_a_row() {
    let source = "campaign \"C\" {\n goal g {\n  stage validation\n  kpi saves >= 4k\n  kpi search_rank <= 10\n }\n}\n";
    assert!(formatted(source).contains(
        "    stage validation\n    kpi   saves       >= 4k\n    kpi   search_rank <= 10\n"
    ));
}

#[test]
fn a_blank_line_breaks_the_alignment_and_is_kept_once() {
    let source =
        "campaign \"C\" {\n  window 2026-12-01 to 2026-12-31\n\n\n\n  allow thin-trust \"pilot\"\n}\n";
    assert_eq!(
        formatted(source),
        "campaign \"C\" {\n  window 2026-12-01 to 2026-12-31\n\n  allow thin-trust \"pilot\"\n}\n"
    );
}

#[test]
fn comments_stay_where_they_were() {
    let source = "# top\ncampaign \"C\" { # head\n      # before window\n window 2026-12-01 to 2026-12-31   # trailing   \n  brand \"B\" {\n  } # after brand\n   # last in campaign\n}\n# end of file\n";
    assert_eq!(
        formatted(source),
        "# top\ncampaign \"C\" { # head\n  # before window\n  window 2026-12-01 to 2026-12-31 # trailing\n\n  brand \"B\" {\n  } # after brand\n  # last in campaign\n}\n# end of file\n"
    );
}

#[test]
fn a_comment_after_a_one_item_list_stays_on_its_line() {
    let source =
        "campaign \"C\" {\n  kol @a {\n    serves trust\t# why\n    niche  beauty # and\n  }\n}\n";
    assert!(formatted(source).contains("    serves trust # why\n    niche  beauty # and\n"));
}

#[test]
fn the_blank_line_between_blocks_goes_before_their_comments() {
    let source = "campaign \"C\" {\n  goal a {\n  }\n  # the second goal\n  goal b {\n  }\n}\n";
    assert_eq!(
        formatted(source),
        "campaign \"C\" {\n  goal a {\n  }\n\n  # the second goal\n  goal b {\n  }\n}\n"
    );
}

#[test]
fn no_blank_line_opens_or_closes_a_block() {
    let source = "\n\ncampaign \"C\" {\n\n\n  window 2026-12-01 to 2026-12-31\n\n}\n\n\n";
    assert_eq!(
        formatted(source),
        "campaign \"C\" {\n  window 2026-12-01 to 2026-12-31\n}\n"
    );
}

#[test]
fn strings_are_escaped_canonically_and_multiline_text_is_reindented() {
    let source = "campaign \"say \\\"hi\\\" \\\\ bye\" {\n kol @a {\n note \"\"\"first\n        second\n   \"\"\"\n }\n kol @b {\n note \"one\\ntwo\"\n }\n}\n";
    assert_eq!(
        formatted(source),
        "campaign \"say \\\"hi\\\" \\\\ bye\" {\n  kol @a {\n    note \"\"\"\n      first\n              second\n    \"\"\"\n  }\n\n  kol @b {\n    note \"one\\ntwo\"\n  }\n}\n"
    );
}

#[test]
fn values_are_spaced_and_suffixes_lowered() {
    let source = "campaign \"C\" {\nbudget 60K\tMYR\nlanguages en ,zh\n kol @a {\n followers 1.5M\n deliver video ×2 from 2026-12-01 to 2026-12-02\n }\n}\n";
    let out = formatted(source);
    assert!(
        out.contains("  budget    60k MYR\n  languages en, zh\n"),
        "{out}"
    );
    assert!(
        out.contains("    followers 1.5m\n    deliver   video x2 from 2026-12-01 to 2026-12-02\n"),
        "{out}"
    );
}

#[test]
fn byte_order_mark_and_crlf_are_dropped() {
    let source = "\u{feff}# c\r\ncampaign \"C\" {\r\n  window 2026-12-01 to 2026-12-31\r\n}\r\n";
    assert_eq!(
        formatted(source),
        "# c\ncampaign \"C\" {\n  window 2026-12-01 to 2026-12-31\n}\n"
    );
}

#[test]
fn specs_that_do_not_parse_or_have_unknown_lines_are_refused() {
    assert_eq!(
        refused("campaign \"C\" {\n  window 2026-12-01\n}\n"),
        ["E001"]
    );
    assert_eq!(
        refused("campaign \"C\" {\n  kol @a {\n    folowers 3k\n  }\n}\n"),
        ["E002"]
    );
    assert_eq!(refused("campaign \"C\" {\n"), ["E001"]);
    assert_eq!(refused("window 2026-12-01 to 2026-12-31\n"), ["E001"]);
}

#[test]
fn semantic_errors_do_not_stop_formatting() {
    // An unknown goal (E002) and a window that ends first (E005).
    let source =
        "campaign \"C\" {\nwindow 2027-01-01 to 2026-01-01\n kol @a {\n serves nowhere\n }\n}\n";
    assert!(formatted(source).contains("    serves nowhere\n"));
}

#[test]
fn examples_and_the_starter_are_in_canonical_layout() {
    let examples = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| std::fs::read_to_string(entry.path()).unwrap_or_default());
    for source in examples.chain([include_str!("../cli/starter.campaign").to_string()]) {
        assert_eq!(formatted(&source), source);
    }
}

// ------------------------------------------------------------ properties

/// Choices drawn by proptest; the spec below is built from them, so a
/// failing case shrinks to a small spec.
struct Dice {
    rolls: Vec<u8>,
    at: usize,
}

impl Dice {
    fn pick(&mut self, n: usize) -> usize {
        let roll = self.rolls.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        usize::from(roll) % n.max(1)
    }

    fn one<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.pick(options.len())]
    }

    fn chance(&mut self, in_four: usize) -> bool {
        self.pick(4) < in_four
    }
}

/// A spec written the way a hurried person might: odd indentation and
/// spacing, blank lines, own-line and trailing comments, CRLF, a BOM.
struct Writer<'d> {
    dice: &'d mut Dice,
    out: String,
    eol: &'static str,
}

const COMMENTS: &[&str] = &[
    "# wave 1",
    "#",
    "# 第一波：KOL 种草",
    "#   spaced out   ",
    "# has \"quotes\" and { braces }",
    "## double",
];
const INDENTS: &[&str] = &["", " ", "  ", "    ", "\t", " \t "];
const SPACES: &[&str] = &[" ", "  ", "     ", "\t"];

impl Writer<'_> {
    fn line(&mut self, text: &str) {
        for _ in 0..self.dice.pick(4).saturating_sub(2) {
            let blank = self.dice.one(&["", "  ", "\t"]);
            self.out.push_str(blank);
            self.out.push_str(self.eol);
        }
        if self.dice.pick(6) == 0 {
            let indent = self.dice.one(INDENTS);
            let comment = self.dice.one(COMMENTS);
            self.out.push_str(&format!("{indent}{comment}{}", self.eol));
        }
        let indent = self.dice.one(INDENTS);
        self.out.push_str(indent);
        self.out.push_str(text);
        if self.dice.pick(6) == 0 {
            let space = self.dice.one(SPACES);
            let comment = self.dice.one(COMMENTS);
            self.out.push_str(&format!("{space}{comment}"));
        }
        self.out.push_str(self.eol);
    }

    fn statement(&mut self, key: &str, value: &str) {
        let space = self.dice.one(SPACES);
        self.line(&format!("{key}{space}{value}"));
    }

    /// A statement with one of the given values.
    fn either(&mut self, key: &str, values: &[&str]) {
        let value = self.dice.one(values);
        self.statement(key, value);
    }

    fn list(&mut self, items: &[&str]) -> String {
        let mut text = String::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                text.push_str(self.dice.one(&[",", ", ", " , ", ",\t"]));
            }
            text.push_str(item);
        }
        text
    }

    fn pick_list(&mut self, options: &[&'static str]) -> Vec<&'static str> {
        let n = 1 + self.dice.pick(options.len());
        let start = self.dice.pick(options.len());
        (0..n)
            .map(|i| options[(start + i) % options.len()])
            .collect()
    }
}

fn generated_spec(rolls: Vec<u8>) -> String {
    let mut dice = Dice { rolls, at: 0 };
    let eol = if dice.pick(4) == 0 { "\r\n" } else { "\n" };
    let bom = dice.pick(8) == 0;
    let mut w = Writer {
        dice: &mut dice,
        out: String::new(),
        eol,
    };
    if bom {
        w.out.push('\u{feff}');
    }
    let name = w.dice.one(&[
        "\"Launch\"",
        "\"say \\\"hi\\\"\"",
        "\"back\\\\slash\"",
        "\"舒缓修护霜 双十二\"",
    ]);
    w.line(&format!("campaign {name} {{"));
    let start_day = 1 + w.dice.pick(9);
    w.statement("window", &format!("2026-12-0{start_day} to 2027-01-31"));
    if w.dice.chance(3) {
        let budget = w
            .dice
            .one(&["60k MYR", "60K MYR", "60000 MYR", "6万 MYR", "60_000\tMYR"]);
        w.statement("budget", budget);
    }
    if w.dice.chance(2) {
        let languages = w.pick_list(&["en", "zh"]);
        let languages = w.list(&languages);
        w.statement("languages", &languages);
    }

    w.line("brand \"Lumière\" {");
    w.statement("category", "skincare");
    if w.dice.chance(2) {
        w.statement("market", "MY");
    }
    let avoid = w.pick_list(&["\"miracle\"", "\"cure\"", "\"最好\""]);
    let avoid = w.list(&avoid);
    w.statement("avoid", &avoid);
    w.line("}");

    w.line("product \"Serum\" {");
    w.either("price", &["189 MYR", "189.90 MYR", "1.5k MYR"]);
    let claims = w.pick_list(&[
        "\"Fragrance-free\"",
        "\"14 天\"",
        "\"a \\\"quoted\\\" claim\"",
    ]);
    let claims = w.list(&claims);
    w.statement("claims", &claims);
    w.line("}");

    let goals = ["launch", "trust", "decide"];
    let goal_count = 1 + w.dice.pick(3);
    for goal in &goals[..goal_count] {
        if w.dice.pick(5) == 0 {
            let stage = w.dice.one(&["discovery", "validation"]);
            w.line(&format!("goal {goal} {{ stage {stage} }}"));
            continue;
        }
        w.line(&format!("goal {goal} {{"));
        w.either("stage", &["discovery", "validation", "conversion"]);
        for _ in 0..1 + w.dice.pick(3) {
            let kpi = w.dice.one(&[
                "reach >= 800k",
                "saves >=  6K",
                "comments >= 1500",
                "search_rank <= 10",
                "engagement >= 5%",
                "cpe <= 2 MYR",
            ]);
            w.statement("kpi", kpi);
        }
        w.line("}");
    }

    let handles = ["@lina.glow", "@amy_tries", "@小鹿爱护肤", "@raj-r"];
    for handle in &handles[..1 + w.dice.pick(handles.len())] {
        let role = w.dice.one(&["kol", "koc"]);
        w.line(&format!("{role} {handle} {{"));
        w.either("followers", &["320k", "3.2K", "4200", "32万", "1.5M"]);
        let serves = w.pick_list(&goals[..goal_count]);
        let serves = w.list(&serves);
        w.statement("serves", &serves);
        let niche = w.pick_list(&["beauty", "skincare", "student"]);
        let niche = w.list(&niche);
        w.statement("niche", &niche);
        w.either(
            "deliver",
            &[
                "video x1 on 2026-12-10",
                "image X2 from 2026-12-10 to 2026-12-24",
                "image ×1",
                "live x1 on 2027-01-05",
            ],
        );
        w.either("fee", &["600 MYR", "12k MYR", "0 MYR"]);
        if w.dice.chance(2) {
            w.either(
                "angle",
                &[
                    "\"An evening ritual\"",
                    "\"敏感肌 # 不是注释\"",
                    "\"tab\there\"",
                ],
            );
        }
        if role == "koc" {
            w.either("trial", &["14d", "2w", "5d"]);
            let prompts = w.pick_list(&["\"Would you repurchase?\"", "\"会回购吗？\""]);
            let prompts = w.list(&prompts);
            w.statement("prompts", &prompts);
        }
        if w.dice.pick(4) == 0 {
            let indent = w.dice.one(INDENTS);
            let eol = w.eol;
            w.statement(
                "note",
                &format!("\"\"\"{eol}{indent}  first line{eol}{indent}    indented{eol}{eol}{indent}  last{eol}{indent}\"\"\""),
            );
        }
        w.line("}");
    }
    if w.dice.chance(1) {
        w.line("policy { min_kocs 2 }");
    }
    if w.dice.chance(2) {
        w.statement("allow", "thin-trust \"Pilot wave\"");
    }
    w.line("}");
    if w.dice.pick(3) == 0 {
        let comment = w.dice.one(COMMENTS);
        w.out.push_str(comment);
    }
    w.out
}

proptest! {
    // Each case parses and resolves a spec four times; 64 keeps the test
    // quick on a small machine.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn formatting_is_idempotent_and_keeps_meaning_and_comments(
        rolls in proptest::collection::vec(any::<u8>(), 400)
    ) {
        let source = generated_spec(rolls);
        let once = match format(&source) {
            Ok(text) => text,
            Err(refusal) => return Err(TestCaseError::fail(format!("{refusal:?}\n{source}"))),
        };
        prop_assert_eq!(&formatted(&once), &once, "not idempotent; source:\n{}", source);
        prop_assert_eq!(Meaning::of(&once), Meaning::of(&source));
        let (before, after) = (parse(&source), parse(&once));
        let (Some(before), Some(after)) = (before.spec, after.spec) else {
            return Err(TestCaseError::fail("did not parse"));
        };
        prop_assert_eq!(comments(&source, &before), comments(&once, &after));
    }
}

/// Every text of a spec with its versions, in order: (text, [(code, version)]).
fn versions(source: &str) -> Vec<(String, Vec<(String, String)>)> {
    fn walk(nodes: &[Node], out: &mut Vec<(String, Vec<(String, String)>)>) {
        use crate::syntax::ast::Value;
        for node in nodes {
            match node {
                Node::Block(block) => walk(&block.body, out),
                Node::Statement(statement) => {
                    let texts: Vec<&crate::syntax::ast::Text> = match &statement.value {
                        Value::Text(text) => vec![text],
                        Value::Texts(list) => list.iter().collect(),
                        _ => Vec::new(),
                    };
                    for text in texts {
                        let tr = text
                            .translations
                            .iter()
                            .map(|t| (t.language.value.clone(), t.text.value.clone()))
                            .collect();
                        out.push((text.value.clone(), tr));
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    if let Some(spec) = parse(source).spec {
        walk(&spec.nodes, &mut out);
    }
    out
}

#[test]
fn versions_go_under_the_value_and_list_items_one_a_line() {
    let source = "campaign \"C\" {\n  languages en, zh\n  koc @a {\n    angle \"An evening\" zh \"睡前\"\n    prompts \"A?\" zh \"甲？\", \"B?\"\n    niche skincare\n  }\n}\n";
    let want = "campaign \"C\" {\n  languages en, zh\n\n  koc @a {\n    angle   \"An evening\"\n            zh \"睡前\"\n    prompts \"A?\" zh \"甲？\",\n            \"B?\"\n    niche   skincare\n  }\n}\n";
    assert_eq!(formatted(source), want);
}

/// A version as a hurried person writes it: on the line, or on the next.
fn version(dice: &mut Dice, code: &str, text: &str) -> String {
    let space = dice.one(SPACES);
    if dice.chance(1) {
        let indent = dice.one(INDENTS);
        format!("\n{indent}{code}{space}\"{text}\"")
    } else {
        format!("{space}{code} \"{text}\"")
    }
}

fn translated_spec(rolls: Vec<u8>) -> String {
    let mut dice = Dice { rolls, at: 0 };
    const EN: &[&str] = &["An evening ritual", "Worth it?", "Say \\\"hi\\\"", ""];
    const ZH: &[&str] = &["睡前护肤", "值得吗？", "说“你好”", "一二 三"];
    let mut angle = format!("\"{}\"", dice.one(EN));
    for code in ["zh", "en"] {
        if dice.chance(2) {
            let text = if code == "zh" {
                dice.one(ZH)
            } else {
                dice.one(EN)
            };
            angle.push_str(&version(&mut dice, code, text));
        }
    }
    let mut prompts = String::new();
    for i in 0..1 + dice.pick(3) {
        if i > 0 {
            prompts.push(',');
            prompts.push_str(dice.one(&[" ", "", "\n      ", "\n"]));
        }
        prompts.push_str(&format!("\"{}\"", dice.one(EN)));
        if dice.chance(3) {
            let text = dice.one(ZH);
            prompts.push_str(&version(&mut dice, "zh", text));
        }
    }
    let comment = dice.one(&["", " # kept"]);
    format!(
        "campaign \"C\" {{\n  languages en, zh\n  brand \"B\" {{\n    voice \"Warm\" zh \"温暖\"{comment}\n  }}\n  koc @a {{\n    angle {angle}\n    prompts {prompts}\n    followers 3k\n  }}\n}}\n"
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn formatting_keeps_every_version_in_order(
        rolls in proptest::collection::vec(any::<u8>(), 40)
    ) {
        let source = translated_spec(rolls);
        let once = match format(&source) {
            Ok(text) => text,
            Err(refusal) => return Err(TestCaseError::fail(format!("{refusal:?}\n{source}"))),
        };
        prop_assert_eq!(&formatted(&once), &once, "not idempotent; source:\n{}", source);
        prop_assert_eq!(versions(&once), versions(&source), "source:\n{}", source);
        prop_assert_eq!(Meaning::of(&once), Meaning::of(&source));
    }
}
