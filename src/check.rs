//! One spec file read, resolved and checked: the pipeline up to findings.

use sha2::{Digest, Sha256};

use crate::diagnostic::{self, Finding};
use crate::model::{self, Campaign};
use crate::roster;
use crate::rules;
use crate::source::SourceFile;
use crate::syntax;

/// One spec file after checking.
pub struct Checked {
    pub file: SourceFile,
    /// The resolved campaign, when the file could be read that far.
    pub campaign: Option<Campaign>,
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
    let path = path.into();
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
    let mut parsed = syntax::parse(&text);
    let mut findings = parsed.findings;
    let mut campaign = None;
    let mut strategy_checked = false;
    let mut rosters = roster::Rosters::default();
    let mut dropped = Omitted::default();
    if let Some(mut spec) = parsed.spec.take() {
        rosters = roster::expand(&mut spec, &path, text.len());
        findings.append(&mut rosters.findings);
        let resolved = model::resolve(&spec, rules::catalogue());
        // The tree is not needed past the model: free it before the rules.
        drop(spec);
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
            campaign = Some(resolved);
        }
    }
    diagnostic::sort(&mut findings);
    let file = SourceFile::new(path, text);
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

/// Keeps the first `MOST_FINDINGS` findings and counts the rest.
fn keep_first(findings: &mut Vec<Finding>) -> Omitted {
    let rest = findings.split_off(MOST_FINDINGS.min(findings.len()));
    let errors = rest.iter().filter(|f| f.is_error()).count();
    Omitted {
        errors,
        warnings: rest.len() - errors,
    }
}
