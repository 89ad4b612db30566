//! Text to AST: the first pass (`scan`), the pest grammar
//! (grammar/campaign.pest) and the tree builder (`build`). Findings here are
//! E001 (syntax); unknown words are left in the tree for the model, which
//! knows the block they appear in and can suggest the right field.

pub mod ast;
mod build;
pub mod fields;
pub use fields::keywords;
mod expected;
mod pieces;
mod scan;

use pest::Parser;

use crate::diagnostic::codes::SYNTAX;
use crate::diagnostic::Finding;
use crate::source::Span;
use crate::t;

pub use ast::{Spec, Unbuilt};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/campaign.pest"]
pub(crate) struct CampaignParser;

/// What parsing a file gives: the tree (unless the structure was too broken
/// to read) and the syntax findings.
pub struct Parsed {
    pub spec: Option<Spec>,
    pub findings: Vec<Finding>,
}

/// Parses one spec's text.
pub fn parse(text: &str) -> Parsed {
    let scan = scan::scan(text);
    let mut findings = scan.findings;
    if scan.structural {
        return Parsed {
            spec: None,
            findings,
        };
    }
    if let Some((nodes, built)) = pieces::parse(&scan.text, &scan.inner_blocks) {
        findings.extend(built);
        crate::diagnostic::sort(&mut findings);
        return Parsed {
            spec: Some(Spec {
                nodes,
                comments: scan.comments,
                unbuilt: Unbuilt::default(),
            }),
            findings,
        };
    }
    let spec = match CampaignParser::parse(Rule::spec, &scan.text) {
        Ok(mut pairs) => {
            let mut builder = build::Builder::default();
            let nodes = pairs
                .next()
                .map(|spec| builder.spec(spec))
                .unwrap_or_default();
            findings.extend(builder.findings);
            Some(Spec {
                nodes,
                comments: scan.comments,
                unbuilt: Unbuilt::default(),
            })
        }
        Err(error) => {
            findings.push(expected::finding(&scan.text, 0, &error));
            None
        }
    };
    crate::diagnostic::sort(&mut findings);
    Parsed { spec, findings }
}

/// `parse`, but a campaign's creator blocks may be left unbuilt
/// (`Spec::unbuilt`) for the model to build one at a time: for `check`,
/// which needs the model, not the tree. Left unbuilt only where the model
/// reads them all alike: every creator inside the one campaign block, and
/// no `roster` block, whose rows take their places among the creators.
pub fn outline(text: &str) -> Parsed {
    let scan = scan::scan(text);
    if scan.structural {
        return parse(text);
    }
    let Some(outline) = pieces::outline(&scan.text, &scan.inner_blocks) else {
        return parse(text);
    };
    let one_campaign = match outline.nodes.as_slice() {
        [ast::Node::Block(campaign)] => {
            matches!(campaign.head, ast::BlockHead::Campaign { .. })
                && !campaign.body.iter().any(|node| {
                    matches!(node, ast::Node::Block(b) if matches!(b.head, ast::BlockHead::Roster { .. }))
                })
        }
        _ => false,
    };
    if !one_campaign {
        return parse(text);
    }
    let mut findings = scan.findings;
    findings.extend(outline.findings);
    crate::diagnostic::sort(&mut findings);
    let changed = matches!(scan.text, std::borrow::Cow::Owned(_));
    Parsed {
        spec: Some(Spec {
            nodes: outline.nodes,
            comments: scan.comments,
            unbuilt: Unbuilt {
                blocks: outline.creators,
                text: changed.then(|| scan.text.into_owned()),
            },
        }),
        findings,
    }
}

/// Builds one of `outline`'s unbuilt creator blocks from the text it stands
/// in: the block (none where `parse` would skip it too) and the findings of
/// building it, or `None` when it does not parse on its own, and the file
/// must be parsed whole (`parse`) for the errors users should read.
pub fn build_creator(
    text: &str,
    block: std::ops::Range<usize>,
) -> Option<(Option<ast::Block>, Vec<Finding>)> {
    let (node, findings) = pieces::build_creator(text, block)?;
    let block = match node {
        Some(ast::Node::Block(block)) => Some(block),
        _ => None,
    };
    Some((block, findings))
}

/// The finding for a file that is not UTF-8: where the first bad byte is.
/// A spec that reads as GB18030 (GBK) text: the finding points at its
/// first Chinese (non-ASCII) character, at `at` in the decoded `text`.
pub fn not_utf8_but_gb18030(at: usize, text: &str) -> Finding {
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    Finding::new(
        &SYNTAX,
        Span::new(at, end.max(at + 1).min(text.len().max(at + 1))),
        t!("the file is GB18030 (GBK) text, not UTF-8"),
    )
    .label(t!("the first character saved as GB18030"))
    .help(t!(
        "save the file as UTF-8 (in most editors: Save As, then choose the UTF-8 encoding); redbrief reads specs as UTF-8 only, so every file reads the same on every machine"
    ))
}

pub fn not_utf8(valid_up_to: usize) -> Finding {
    Finding::new(
        &SYNTAX,
        Span::new(valid_up_to, valid_up_to + 1),
        t!("the file is not UTF-8 text"),
    )
    .label(t!("this byte is not UTF-8"))
    .help(t!(
        "save the file as UTF-8 (in most editors: Save As, then choose the UTF-8 encoding)"
    ))
}
