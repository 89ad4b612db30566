//! A large spec parsed in pieces: the creator blocks apart from the rest
//! (a run of a few neighbours at a time, `build_creators`), on every core,
//! and the rest of the file with those blocks blanked out.
//!
//! A roster of ten thousand creators is almost all creator blocks, and a
//! block parses the same wherever it stands (the grammar has no context
//! beyond the line after its `}`), so the pieces give the tree one parse of
//! the whole file would. Pieces also keep memory down: pest holds the tokens
//! of one run of blocks at a time, not of the whole file. Whenever a piece or the
//! rest does not parse cleanly, `None` sends the caller to the one-parse
//! path, whose error messages are the ones users see.

use std::ops::Range;

use pest::Parser;

use super::ast::Node;
use super::build::Builder;
use super::{CampaignParser, Rule};
use crate::diagnostic::Finding;
use crate::source::Span;

/// Below this many creator blocks, a thread costs more than it saves.
const PIECES_PER_THREAD: usize = 256;

/// The top-level nodes and the builder's findings, or `None` to parse the
/// file in one go. `blocks` are the scanner's blocks one level inside a
/// top-level block.
#[cfg(test)]
pub fn parse(text: &str, blocks: &[Range<usize>]) -> Option<(Vec<Node>, Vec<Finding>)> {
    build(text, outline(text, blocks)?)
}

/// Builds an outline's creator blocks, on every core, into the blocks they
/// stand in.
pub fn build(text: &str, outline: Outline) -> Option<(Vec<Node>, Vec<Finding>)> {
    let Outline {
        mut nodes,
        mut findings,
        creators,
    } = outline;

    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(creators.len() / PIECES_PER_THREAD)
        .max(1);
    let chunk = creators.len().div_ceil(threads);
    let built: Vec<Option<(Vec<Node>, Vec<Finding>)>> = if threads == 1 {
        vec![build_pieces(text, &creators)]
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = creators
                .chunks(chunk)
                .map(|chunk| {
                    let lang = crate::i18n::current();
                    scope.spawn(move || crate::i18n::speaking(lang, || build_pieces(text, chunk)))
                })
                .collect();
            workers
                .into_iter()
                .map(|worker| worker.join().ok().flatten())
                .collect()
        })
    };

    // Each creator into the block it stands in, in file order.
    let mut nested: Vec<Vec<Node>> = nodes.iter().map(|_| Vec::new()).collect();
    for part in built {
        let (piece_nodes, piece_findings) = part?;
        findings.extend(piece_findings);
        for node in piece_nodes {
            let outer = outer_of(&nodes, node.span())?;
            nested.get_mut(outer)?.push(node);
        }
    }
    for (outer, inner) in nodes.iter_mut().zip(nested) {
        if let (Node::Block(block), false) = (outer, inner.is_empty()) {
            block.body.extend(inner);
            block.body.sort_by_key(|node| node.span().start);
        }
    }
    Some((nodes, findings))
}

/// The file with its creator blocks not yet built: the rest's nodes and
/// findings, and where each creator block stands.
pub struct Outline {
    pub nodes: Vec<Node>,
    pub findings: Vec<Finding>,
    pub creators: Vec<Range<usize>>,
}

/// Parses the file without its creator blocks, or `None` to parse the file
/// in one go.
pub fn outline(text: &str, blocks: &[Range<usize>]) -> Option<Outline> {
    let creators: Vec<Range<usize>> = blocks
        .iter()
        .filter(|block| stands_alone(text, block))
        .cloned()
        .collect();
    if creators.is_empty() {
        return None;
    }

    let (rest, cut) = rest_of(text, &creators)?;
    let mut builder = Builder::default();
    let mut nodes = {
        let mut pairs = CampaignParser::parse(Rule::spec, &rest).ok()?;
        pairs
            .next()
            .map(|spec| builder.spec(spec))
            .unwrap_or_default()
    };
    drop(rest);
    let findings = builder.findings;
    if let Some(cut) = cut {
        // Only the `}` of the block holding the creators came after them.
        if findings.iter().any(|finding| finding.span.end > cut.at) {
            return None;
        }
        for node in &mut nodes {
            match node {
                Node::Block(block) if block.span.end > cut.at => block.span.end += cut.length,
                _ if node.span().end > cut.at => return None,
                _ => {}
            }
        }
    }
    // Every creator stands in a block of the rest.
    for creator in &creators {
        outer_of(&nodes, Span::new(creator.start, creator.end))?;
    }
    Some(Outline {
        nodes,
        findings,
        creators,
    })
}

/// The top-level block a creator at `span` stands in.
fn outer_of(nodes: &[Node], span: Span) -> Option<usize> {
    nodes.iter().position(|outer| match outer {
        Node::Block(block) => block.span.start <= span.start && span.end <= block.span.end,
        _ => false,
    })
}

/// Creators cut out of the file at `at`: `length` bytes.
struct Cut {
    at: usize,
    length: usize,
}

/// The file without its pieces, for the parser. When the creators stand
/// together (nothing but comments between them) and only the closing `}`
/// follows them, they are cut out, so the parser never reads past them;
/// otherwise each piece is blanked byte for byte (line breaks kept), so
/// that every offset stays where it was. Blanks cost the parser about as
/// much as the creators' own text.
fn rest_of(text: &str, pieces: &[Range<usize>]) -> Option<(String, Option<Cut>)> {
    let (first, last) = (pieces.first()?, pieces.last()?);
    let together = pieces.windows(2).all(|pair| {
        text.get(pair[0].end..pair[1].start)
            .is_some_and(only_comments)
    });
    let closes = text.get(last.end..).is_some_and(|after| {
        let words: Vec<&str> = after
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim_matches(SPACE))
            .filter(|line| !line.is_empty())
            .collect();
        words == ["}"]
    });
    if together && closes {
        let rest = format!("{}{}", text.get(..first.start)?, text.get(last.end..)?);
        let cut = Cut {
            at: first.start,
            length: last.end - first.start,
        };
        return Some((rest, Some(cut)));
    }
    let mut rest = text.as_bytes().to_vec();
    for piece in pieces {
        for byte in rest.get_mut(piece.clone())? {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    Some((String::from_utf8(rest).ok()?, None))
}

/// What the grammar skips between tokens, and a line break's `\r`.
const SPACE: [char; 3] = [' ', '\t', '\r'];

/// Blank lines and comments only.
fn only_comments(between: &str) -> bool {
    between.lines().all(|line| {
        let line = line.trim_matches(SPACE);
        line.is_empty() || line.starts_with('#')
    })
}

/// Parses and builds creator blocks, a run at a time.
fn build_pieces(text: &str, pieces: &[Range<usize>]) -> Option<(Vec<Node>, Vec<Finding>)> {
    let mut nodes = Vec::with_capacity(pieces.len());
    let mut findings = Vec::new();
    for (node, built) in build_creators(text, pieces)? {
        nodes.extend(node);
        findings.extend(built);
    }
    Some((nodes, findings))
}

/// Parses and builds creator blocks of `outline`: each block's node (none
/// where the whole parse would skip it too) and findings, in order, or
/// `None` when one does not parse on its own and the file must be parsed in
/// one go.
///
/// Blocks that stand one after another, with nothing but blank lines and
/// comments between them, are parsed as a run (`creator_run`): pest's
/// set-up, its token queue's growth and its line index then come once per
/// run, not once per creator, which was a fifth of the allocations of
/// checking a large roster.
pub fn build_creators(
    text: &str,
    pieces: &[Range<usize>],
) -> Option<Vec<(Option<Node>, Vec<Finding>)>> {
    let mut built = Vec::with_capacity(pieces.len());
    let mut rest = pieces;
    while !rest.is_empty() {
        let together = rest
            .windows(2)
            .take(BLOCKS_PER_RUN - 1)
            .take_while(|pair| {
                text.get(pair[0].end..pair[1].start)
                    .is_some_and(only_comments)
            })
            .count();
        let (run, after) = rest.split_at(together + 1);
        build_run(text, run, &mut built)?;
        rest = after;
    }
    Some(built)
}

/// At most this many blocks are parsed as one run: their tokens then stay
/// below glibc's mmap threshold (128 KiB, set in main.rs), so the queue is
/// not mapped and unmapped for every run, which costs more than it saves.
const BLOCKS_PER_RUN: usize = 8;

/// `build_creators` for one run of blocks.
fn build_run(
    text: &str,
    run: &[Range<usize>],
    built: &mut Vec<(Option<Node>, Vec<Finding>)>,
) -> Option<()> {
    let (first, last) = (run.first()?, run.last()?);
    let source = text.get(first.start..last.end)?;
    let mut pairs = CampaignParser::parse(Rule::creator_run, source).ok()?;
    let mut blocks = pairs
        .next()?
        .into_inner()
        .filter(|pair| pair.as_rule() == Rule::creator_block);
    for piece in run {
        let pair = blocks.next()?;
        // Each block must be all of its piece, as it would be in the file:
        // from its head to the `}` that ends its body.
        let body_end = pair.clone().into_inner().nth(1)?.as_span().end();
        if first.start + pair.as_span().start() != piece.start
            || first.start + body_end != piece.end
        {
            return None;
        }
        let mut builder = Builder::at(first.start);
        let node = builder.piece(pair);
        built.push((node, builder.findings));
    }
    // No block the scanner did not see.
    blocks.next().is_none().then_some(())
}

/// A creator block that parses alone as it would in the file: its head
/// starts a line (after spaces) and names a role, and after its `}` the
/// line holds at most spaces and a comment.
fn stands_alone(text: &str, block: &Range<usize>) -> bool {
    let (Some(before), Some(source), Some(after)) = (
        text.get(..block.start),
        text.get(block.clone()),
        text.get(block.end..),
    ) else {
        return false;
    };
    let line_before = before.rsplit('\n').next().unwrap_or("");
    let keyword = source.split([' ', '\t']).next().unwrap_or("");
    let after = after.trim_start_matches([' ', '\t']);
    line_before.bytes().all(|b| b == b' ' || b == b'\t')
        && matches!(keyword, "kol" | "koc")
        && (after.is_empty() || after.starts_with(['\n', '\r', '#']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::scan;

    /// The tree and findings of one parse of the whole text, as text.
    fn whole(text: &str) -> String {
        let text = scan::scan(text).text;
        let mut pairs = CampaignParser::parse(Rule::spec, &text).expect("parses");
        let mut builder = Builder::default();
        let nodes = pairs.next().map(|spec| builder.spec(spec));
        let mut findings = builder.findings;
        crate::diagnostic::sort(&mut findings);
        format!("{nodes:?}\n{findings:?}")
    }

    /// The same from the pieces, or `None` where they are not used.
    fn in_pieces(text: &str) -> Option<String> {
        let scan = scan::scan(text);
        let (nodes, mut findings) = parse(&scan.text, &scan.inner_blocks)?;
        crate::diagnostic::sort(&mut findings);
        Some(format!("{:?}\n{findings:?}", Some(nodes)))
    }

    const HEAD: &str =
        "campaign \"C\" {\n  window 2027-01-01 to 2027-02-01\n  budget 10k MYR\n  languages en\n";
    const KOL: &str = "  kol @a.b {\n    followers 120k\n    angle \"x\"\n  }\n";
    const BROKEN: &str = "  koc @c {\n    followers: 3k\n    followers abc\n    fee 1k  # paid\n    vibe \"soft\"\n    angle \"bad \\q escape\"\n  } # done\n";

    #[test]
    fn pieces_give_the_tree_of_one_parse() {
        let cases = [
            // Together, then the closing brace: cut out.
            format!("{HEAD}{KOL}\n  # between\n{BROKEN}{KOL}}}\n"),
            // A statement between creators, a block after them: blanked.
            format!("{HEAD}{KOL}  budget 20k MYR\n{BROKEN}}}\n"),
            format!("{HEAD}{KOL}{BROKEN}  policy {{\n    min_kocs 3\n  }}\n}}\n"),
            // Text after the campaign's brace.
            format!("{HEAD}{KOL}}}\nstray words\n"),
            // Enough creators for threads.
            format!("{HEAD}{}}}\n", [KOL, BROKEN].concat().repeat(600)),
            // Runs of blocks (`BLOCKS_PER_RUN`), with comments and blank
            // lines between them, broken off by a statement.
            format!(
                "{HEAD}{}  budget 20k MYR\n{}}}\n",
                [KOL, "\n  # next\n\n", BROKEN].concat().repeat(11),
                [BROKEN, KOL].concat().repeat(3)
            ),
        ];
        for (i, text) in cases.iter().enumerate() {
            let Some(pieces) = in_pieces(text) else {
                panic!("case {i} not parsed in pieces");
            };
            assert_eq!(pieces, whole(text), "case {i}");
        }
        // A creator that shares its line with the next is no piece, and the
        // file is read in one parse when the rest does not parse.
        let shared = format!("{HEAD}  kol @x {{\n  }} koc @y {{\n  }}\n{KOL}}}\n");
        if let Some(pieces) = in_pieces(&shared) {
            assert_eq!(pieces, whole(&shared));
        }
    }
}
