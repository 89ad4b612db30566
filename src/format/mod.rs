//! `redbrief fmt`: one canonical layout for a spec, comments kept.
//!
//! The layout (the example in `language.md` is written in it):
//!
//! - Two spaces of indentation per block level; `{` ends the head line and
//!   `}` stands on a line of its own, so one-line blocks are opened up.
//! - Statements in a row (no block or blank line between them) are
//!   aligned: values start one space after the longest key of the row, and
//!   in `kpi` lines the comparators one space after the longest metric. An
//!   `allow` after the creators is a row of its own, so it is not padded.
//! - One blank line between blocks, and between a block and a statement.
//!   Between two statements (or comments) a blank line is kept where the
//!   user had one or more; none at the start or end of a block.
//! - Lists as `a, b`; money as `12k MYR` (one space); `3.2K` becomes
//!   `3.2k`, `1.5M` `1.5m` and `X2` or `×2` `x2` (each means the same).
//!   Other numbers, dates and names stay as written.
//! - Strings are printed with the escapes `\"`, `\\` and `\n`; a `"""`
//!   string stays one, its lines indented one level past its statement and
//!   the closing quotes on their own line at the statement's indentation.
//! - A comment on its own line stays before what followed it, at that
//!   thing's indentation; a comment at the end of a line stays there, one
//!   space after the value (no column alignment, so editing one line never
//!   moves the comments of others); comments at the end of a block stay
//!   before its `}`. Trailing spaces in comments are dropped.
//! - The output is UTF-8 with `\n` line endings, no byte-order mark, and
//!   one newline at the end.
//!
//! A spec with a syntax error (E001) or a line redbrief cannot read (an
//! unknown field or block, E002) is not formatted: its layout cannot be
//! known. Other findings do not matter here: layout is independent of
//! meaning. Every result is checked before it is handed back: it must parse
//! cleanly, resolve to the same campaign with the same findings, hold the
//! same comments, and come out of the printer again unchanged.

mod printer;
#[cfg(test)]
mod tests;

use crate::diagnostic::codes::{SYNTAX, UNKNOWN_NAME};
use crate::diagnostic::{Finding, Severity};
use crate::export::CampaignView;
use crate::source::Span;
use crate::syntax::ast::{Node, Spec};
use crate::t;

/// Why a spec was not formatted.
#[derive(Debug)]
pub enum Refusal {
    /// The spec does not parse cleanly; these findings say why.
    Findings(Vec<Finding>),
    /// The printer's result failed its own check (a bug in redbrief): the
    /// words say which part.
    Unsafe(String),
}

/// The spec's text in canonical layout.
pub fn format(source: &str) -> Result<String, Refusal> {
    let parsed = crate::syntax::parse(source);
    let spec = match parsed.spec {
        Some(spec) if parsed.findings.is_empty() => spec,
        _ => return Err(Refusal::Findings(parsed.findings)),
    };
    let unknown = unknown_words(&spec.nodes);
    let blocking: Vec<Finding> = crate::model::resolve(&spec, crate::rules::catalogue())
        .findings
        .into_iter()
        .filter(|f| {
            std::ptr::eq(f.rule, &SYNTAX)
                || (std::ptr::eq(f.rule, &UNKNOWN_NAME) && unknown.contains(&f.span))
        })
        .collect();
    if !blocking.is_empty() || !unknown.is_empty() {
        return Err(Refusal::Findings(blocking));
    }

    let formatted = printer::print(source, &spec);
    verify(source, &spec, &formatted)?;
    Ok(formatted)
}

/// The checks every result passes before it may replace the user's file.
fn verify(source: &str, spec: &Spec, formatted: &str) -> Result<(), Refusal> {
    let reparsed = crate::syntax::parse(formatted);
    let again = match reparsed.spec {
        Some(again) if reparsed.findings.is_empty() => again,
        _ => return Err(Refusal::Unsafe(t!("the formatted spec did not parse"))),
    };
    if comments(source, spec) != comments(formatted, &again) {
        return Err(Refusal::Unsafe(t!(
            "a comment would have been lost or changed"
        )));
    }
    if Meaning::of(source) != Meaning::of(formatted) {
        return Err(Refusal::Unsafe(t!("the campaign would have changed")));
    }
    if printer::print(formatted, &again) != formatted {
        return Err(Refusal::Unsafe(t!(
            "formatting twice gave a different layout"
        )));
    }
    Ok(())
}

/// The text of every comment, in order, trailing spaces aside.
pub fn comments<'a>(source: &'a str, spec: &Spec) -> Vec<&'a str> {
    spec.comments
        .iter()
        .map(|span| source.get(span.range()).unwrap_or("").trim_end())
        .collect()
}

/// What a spec says, with every position left out: the resolved campaign
/// and which findings it has.
#[derive(Debug, PartialEq)]
pub struct Meaning {
    pub campaign: Option<CampaignView>,
    pub findings: Vec<(&'static str, Severity)>,
}

impl Meaning {
    pub fn of(source: &str) -> Meaning {
        let checked = crate::check("", source.as_bytes().to_vec());
        let mut findings: Vec<(&'static str, Severity)> = checked
            .findings
            .iter()
            .map(|f| (f.rule.code, f.severity))
            .collect();
        findings.sort();
        Meaning {
            campaign: checked.campaign.as_deref().map(CampaignView::of),
            findings,
        }
    }
}

/// The spans of words that start lines redbrief cannot read, at any depth.
fn unknown_words(nodes: &[Node]) -> Vec<Span> {
    let mut found = Vec::new();
    for node in nodes {
        match node {
            Node::Unknown(unknown) => found.push(unknown.word.span),
            Node::Invalid(key) => found.push(key.span),
            Node::Block(block) => found.extend(unknown_words(&block.body)),
            Node::Statement(_) => {}
        }
    }
    found
}
