//! One spec file read, resolved and checked: the pipeline up to findings.

use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::diagnostic::{self, Finding};
use crate::model::{self, Campaign};
use crate::roster;
use crate::rules;
use crate::source::{LineStarts, SourceFile};
use crate::syntax;

/// One spec file after checking.
pub struct Checked {
    pub file: SourceFile,
    /// The resolved campaign, when the file could be read that far; shared,
    /// so that what the templates read lazily can hold it.
    pub campaign: Option<Arc<Campaign>>,
    /// Every finding, in file order; allowed rules already left out.
    pub findings: Vec<Finding>,
    /// Whether the strategy rules ran: they wait for a spec without errors.
    pub strategy_checked: bool,
    /// Findings past `MOST_FINDINGS`, counted but not kept.
    pub omitted: Omitted,
    /// The roster spreadsheets the spec read: each path as shown and the
    /// sha256 of its bytes.
    pub rosters: Vec<(String, String)>,
}

/// At most this many findings are kept for one file: past it, a broken
/// file (a pasted spreadsheet, ten thousand braces) would print megabytes
/// nobody reads, and the first ones are the ones to fix.
pub const MOST_FINDINGS: usize = 100;

/// Findings left out of a file's report, by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    pub errors: usize,
    pub warnings: usize,
}

impl Omitted {
    pub fn total(self) -> usize {
        self.errors + self.warnings
    }
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.omitted.errors > 0 || self.findings.iter().any(Finding::is_error)
    }

    /// The sha256 of what the briefs were made from: the spec's text, and
    /// when it reads rosters, their paths and bytes' hashes after it.
    pub fn spec_sha256(&self) -> String {
        let mut hash = Sha256::new();
        hash.update(self.file.text.as_bytes());
        for (path, sha256) in &self.rosters {
            hash.update(format!("\nroster {path} {sha256}").as_bytes());
        }
        format!("{:x}", hash.finalize())
    }
}

/// Reads, resolves and checks one spec given as bytes.
pub fn check(path: impl Into<String>, bytes: Vec<u8>) -> Checked {
    check_with(path.into(), bytes, Lines::Inline)
}

/// `check`, with a large spec's line index counted on another core while
/// this one starts reading (`LINES_BESIDE_FROM_BYTES`): for the `check`
/// command, whose time is the reading. `render` checks without it: it
/// checks once per language, and the extra thread left the peak of a
/// 100,000-creator render 40-55 MiB higher (glibc hands each thread an
/// arena of its own), for 2 ms of 40 s.
pub fn check_counting_lines_beside(path: impl Into<String>, bytes: Vec<u8>) -> Checked {
    check_with(path.into(), bytes, Lines::Beside)
}

/// Where a spec's line index is counted.
#[derive(Clone, Copy, PartialEq)]
enum Lines {
    Inline,
    Beside,
}

fn check_with(path: String, bytes: Vec<u8>, lines: Lines) -> Checked {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            // Chinese text saved by older Windows tools is GB18030 (GBK):
            // say so, and show the lines as they read, not as mojibake.
            let gb18030 = |bytes: &[u8]| {
                encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(bytes)
                    .map(|text| text.into_owned())
            };
            let (text, finding) = match gb18030(bytes) {
                Some(text) if !text.is_ascii() => {
                    // Where the two encodings first part: the first
                    // character beyond ASCII.
                    let at = text.find(|c: char| !c.is_ascii()).unwrap_or(0);
                    let finding = syntax::not_utf8_but_gb18030(at, &text);
                    (text, finding)
                }
                _ => (
                    String::from_utf8_lossy(bytes).into_owned(),
                    syntax::not_utf8(valid_up_to),
                ),
            };
            return Checked {
                file: SourceFile::new(path, text),
                campaign: None,
                findings: vec![finding],
                strategy_checked: false,
                omitted: Omitted::default(),
                rosters: Vec::new(),
            };
        }
    };
    let ((mut findings, mut rosters, resolved), lines) = read_with_lines(&text, &path, lines);
    let mut campaign = None;
    let mut strategy_checked = false;
    let mut dropped = Omitted::default();
    if let Some(resolved) = resolved {
        findings.append(&mut rosters.findings);
        findings.extend(resolved.findings);
        if let Some(mut resolved) = resolved.campaign {
            for creator in &mut resolved.creators {
                creator.source = rosters.cell_name(creator.head_span.start);
            }
            // Strategy rules reason about the whole roster. While the spec
            // has errors, a creator or goal may be missing from the model,
            // and the rules would report gaps that are not there.
            if !findings.iter().any(Finding::is_error) {
                // Only the first findings are kept (`keep_first`), so the
                // rules need keep no more; a roster's findings are folded
                // per line (`Rosters::place`), so they are all kept.
                let keep = rosters.is_empty().then_some(MOST_FINDINGS);
                let (found, errors, warnings) = rules::run(&resolved, keep).into_parts();
                findings.extend(found);
                dropped = Omitted { errors, warnings };
                strategy_checked = true;
            }
            campaign = Some(Arc::new(resolved));
        }
    }
    diagnostic::sort(&mut findings);
    let file = SourceFile::with_lines(path, text, lines);
    let mut findings = rosters.place(&file, findings);
    let mut omitted = keep_first(&mut findings);
    omitted.errors += dropped.errors;
    omitted.warnings += dropped.warnings;
    Checked {
        file,
        campaign,
        findings,
        strategy_checked,
        omitted,
        rosters: rosters
            .inputs()
            .map(|(path, bytes)| (path.to_string(), format!("{:x}", Sha256::digest(bytes))))
            .collect(),
    }
}

/// What `read` gives, read.
type Read = (Vec<Finding>, roster::Rosters, Option<model::Resolved>);

/// A spec at least this large can have its line index worked out on
/// another core (`Lines::Beside`): a line index is a pass over the text
/// (1.5 ms at 10,000 creators, 3.8 MiB) that the first steps of reading,
/// one core's work, leave the other core free for. A smaller one is not
/// worth a thread.
const LINES_BESIDE_FROM_BYTES: usize = 1 << 20;

/// `read`, and the text's line index.
fn read_with_lines(text: &str, path: &str, lines: Lines) -> (Read, LineStarts) {
    if lines == Lines::Inline || text.len() < LINES_BESIDE_FROM_BYTES {
        return (read(text, path), LineStarts::of(text));
    }
    std::thread::scope(|scope| {
        let lines = scope.spawn(|| LineStarts::of(text));
        let read = read(text, path);
        // Working out line starts cannot panic; were it to, do it again.
        let lines = lines.join().unwrap_or_else(|_| LineStarts::of(text));
        (read, lines)
    })
}

/// Parses and resolves a spec's text: the syntax findings, the rosters it
/// read and, when it has a tree at all, the model and its findings. The
/// tree is dropped on return, before the rules run.
fn read(text: &str, path: &str) -> Read {
    // Creator blocks are built as the model reads them, one at a time on
    // each core: a large roster's tree is never held whole.
    let outline = syntax::outline(text);
    let Some(mut spec) = outline.spec else {
        return (outline.findings, roster::Rosters::default(), None);
    };
    let rosters = roster::expand(&mut spec, path, text.len());
    if let Some(resolved) = model::resolve_outline(&spec, text, rules::catalogue()) {
        return (outline.findings, rosters, Some(resolved));
    }
    // A creator block that does not parse on its own: the whole parse
    // gives the errors users should read.
    drop(spec);
    read_whole(text, path)
}

/// `read` from the whole tree.
fn read_whole(text: &str, path: &str) -> (Vec<Finding>, roster::Rosters, Option<model::Resolved>) {
    let parsed = syntax::parse(text);
    let Some(mut spec) = parsed.spec else {
        return (parsed.findings, roster::Rosters::default(), None);
    };
    let rosters = roster::expand(&mut spec, path, text.len());
    let resolved = model::resolve(&spec, rules::catalogue());
    (parsed.findings, rosters, Some(resolved))
}

/// Keeps the first `MOST_FINDINGS` findings and counts the rest.
fn keep_first(findings: &mut Vec<Finding>) -> Omitted {
    let rest = findings.split_off(MOST_FINDINGS.min(findings.len()));
    let errors = rest.iter().filter(|f| f.is_error()).count();
    Omitted {
        errors,
        warnings: rest.len() - errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings and model `read` gives, as text.
    fn shown(
        (mut findings, mut rosters, resolved): (
            Vec<Finding>,
            roster::Rosters,
            Option<model::Resolved>,
        ),
    ) -> String {
        findings.append(&mut rosters.findings);
        let campaign = resolved.map(|resolved| {
            findings.extend(resolved.findings);
            resolved.campaign
        });
        diagnostic::sort(&mut findings);
        format!("{findings:#?}\n{campaign:#?}")
    }

    const HEAD: &str = "campaign \"C\" {\n  window 2027-01-01 to 2027-03-01\n  languages en, zh\n  goal buzz {\n    stage discovery\n    kpi reach >= 10k\n  }\n";
    const KOL: &str = "  kol @a {\n    followers 120k\n    serves buzz\n    deliver video x1 on 2027-01-10\n    angle \"Morning\" zh \"早晨\" zh \"再说\"\n  }\n";
    const KOC: &str = "  koc @b {\n    followers 3k\n    serves buzz, nothing\n    deliver note x1 on 2027-01-20\n    vibe \"soft\"\n  }\n";

    #[test]
    fn a_large_spec_has_its_lines_counted_beside_the_reading() {
        let padding = "# a line of padding\n".repeat(60_000);
        assert!(padding.len() >= LINES_BESIDE_FROM_BYTES);
        let text = format!("{padding}campaign \"C\" {{\n  kol @a {{\n");
        let checked = check_counting_lines_beside("big.campaign", text.clone().into_bytes());
        let first = checked.findings.first().expect("an unclosed block");
        let line = checked.file.position(first.span.start).line;
        assert_eq!(
            line,
            SourceFile::new("big.campaign", text)
                .position(first.span.start)
                .line
        );
        assert!(line > 60_000, "{line}");
    }

    #[test]
    fn creators_built_one_at_a_time_read_as_the_whole_tree() {
        let cases = [
            format!("{HEAD}{KOL}{KOC}}}\n"),
            // The same handle twice: the second block is not read, but its
            // versions are still checked.
            format!("{HEAD}{KOL}{KOC}{KOL}}}\n"),
            // Full-width punctuation: the scanner's text is read, not the file's.
            format!("{HEAD}{KOL}  koc @c {{\n    followers：3k\n  }}\n}}\n"),
            // A creator that does not parse on its own.
            format!("{HEAD}{KOL}  koc @d {{\n    followers 3k\n    deliver video on\n  }}\n}}\n"),
            // A second campaign holding creators of its own.
            format!("{HEAD}{KOL}}}\n{HEAD}{KOC}}}\n"),
            // Enough creators for threads, a statement among them.
            format!(
                "{HEAD}{}  budget 10k MYR\n{}}}\n",
                KOL.repeat(300),
                (0..300)
                    .map(|i| KOC.replace("@b", &format!("@b{i}")))
                    .collect::<String>()
            ),
        ];
        for (i, text) in cases.iter().enumerate() {
            assert_eq!(
                shown(read(text, "spec.campaign")),
                shown(read_whole(text, "spec.campaign")),
                "case {i}"
            );
        }
        // The cases read from an outline, as meant.
        let unbuilt = |case: usize| {
            let outline = syntax::outline(&cases[case]);
            outline
                .spec
                .unwrap_or_else(|| panic!("case {case}: {:?}", outline.findings))
                .unbuilt
        };
        assert_eq!(unbuilt(0).blocks.len(), 2);
        assert!(unbuilt(2).text.is_some(), "the scanner's text");
        assert_eq!(
            unbuilt(3).blocks.len(),
            2,
            "the broken block left for the model"
        );
        assert!(unbuilt(4).blocks.is_empty(), "two campaigns: built");
        assert_eq!(unbuilt(5).blocks.len(), 600);
    }

    mod mangled {
        use super::*;
        use proptest::prelude::*;

        const EXAMPLES: [&str; 2] = [
            include_str!("../examples/glow-serum-my.campaign"),
            include_str!("../examples/xiaolu-skincare-cn.campaign"),
        ];

        /// What breaks a block on its own, or its neighbours.
        const TYPED: &[&str] = &[
            "{",
            "}",
            "\"",
            "\n",
            "，",
            "：",
            "kol @a {\n",
            "}\n}\n",
            "#",
            " to ",
        ];

        fn floor(text: &str, mut at: usize) -> usize {
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            /// However a spec is broken, reading its creators one at a time
            /// gives the findings and model of reading the whole tree.
            #[test]
            fn an_outline_reads_as_the_whole_tree(
                example in 0usize..2,
                at in 0usize..20_000,
                cut in 0usize..120,
                typed in proptest::collection::vec(0usize..10, 0..4),
            ) {
                let source = EXAMPLES[example];
                let at = floor(source, at % source.len());
                let end = floor(source, (at + cut).min(source.len()));
                let inserted: String = typed.iter().map(|i| TYPED[i % TYPED.len()]).collect();
                let text = format!("{}{inserted}{}", &source[..at], &source[end..]);
                prop_assert_eq!(
                    shown(read(&text, "spec.campaign")),
                    shown(read_whole(&text, "spec.campaign"))
                );
            }
        }
    }
}
