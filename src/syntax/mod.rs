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
    parse_with(text, Creators::Built)
}

/// `parse`, but a campaign's creator blocks may be left unbuilt
/// (`Spec::unbuilt`) for the model to build one at a time: for `check`,
/// which needs the model, not the tree. Left unbuilt only where the model
/// reads them all alike: every creator inside the one campaign block, and
/// no `roster` block, whose rows take their places among the creators.
pub fn outline(text: &str) -> Parsed {
    parse_with(text, Creators::MayStayUnbuilt)
}

/// Whether `parse_with` builds every creator block.
#[derive(Clone, Copy, PartialEq)]
enum Creators {
    Built,
    MayStayUnbuilt,
}

fn parse_with(text: &str, creators: Creators) -> Parsed {
    let scan::Scan {
        text: scanned,
        comments,
        mut findings,
        structural,
        inner_blocks,
    } = scan::scan(text);
    if structural {
        return Parsed {
            spec: None,
            findings,
        };
    }
    // A large spec is parsed in pieces (see `pieces`); the file in one go
    // when they do not parse cleanly.
    let built = match pieces::outline(&scanned, &inner_blocks) {
        Some(outline) if creators == Creators::MayStayUnbuilt && reads_alike(&outline) => {
            findings.extend(outline.findings);
            crate::diagnostic::sort(&mut findings);
            let changed = matches!(scanned, std::borrow::Cow::Owned(_));
            return Parsed {
                spec: Some(Spec {
                    nodes: outline.nodes,
                    comments,
                    unbuilt: Unbuilt {
                        blocks: outline.creators,
                        text: changed.then(|| scanned.into_owned()),
                    },
                }),
                findings,
            };
        }
        Some(outline) => pieces::build(&scanned, outline),
        None => None,
    };
    let nodes = match built {
        Some((nodes, built)) => {
            findings.extend(built);
            Some(nodes)
        }
        None => match CampaignParser::parse(Rule::spec, &scanned) {
            Ok(mut pairs) => {
                let mut builder = build::Builder::default();
                let nodes = pairs
                    .next()
                    .map(|spec| builder.spec(spec))
                    .unwrap_or_default();
                findings.extend(builder.findings);
                Some(nodes)
            }
            Err(error) => {
                findings.push(expected::finding(&scanned, 0, &error));
                None
            }
        },
    };
    crate::diagnostic::sort(&mut findings);
    Parsed {
        spec: nodes.map(|nodes| Spec {
            nodes,
            comments,
            unbuilt: Unbuilt::default(),
        }),
        findings,
    }
}

/// Whether the model may build an outline's creators itself: they all
/// stand in the one campaign block, with no `roster` block among them.
fn reads_alike(outline: &pieces::Outline) -> bool {
    match outline.nodes.as_slice() {
        [ast::Node::Block(campaign)] => {
            matches!(campaign.head, ast::BlockHead::Campaign { .. })
                && !campaign.body.iter().any(|node| {
                    matches!(node, ast::Node::Block(b) if matches!(b.head, ast::BlockHead::Roster { .. }))
                })
        }
        _ => false,
    }
}

/// Builds `outline`'s unbuilt creator blocks `blocks` from the text they
/// stand in: each block (none where `parse` would skip it too) and the
/// findings of building it, in order, or `None` when one does not parse on
/// its own, and the file must be parsed whole (`parse`) for the errors users
/// should read.
pub fn build_creators(
    text: &str,
    blocks: &[std::ops::Range<usize>],
) -> Option<Vec<(Option<ast::Block>, Vec<Finding>)>> {
    let built = pieces::build_creators(text, blocks)?;
    Some(
        built
            .into_iter()
            .map(|(node, findings)| match node {
                Some(ast::Node::Block(block)) => (Some(block), findings),
                _ => (None, findings),
            })
            .collect(),
    )
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
