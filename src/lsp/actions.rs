//! Quick fixes: the exact edit a finding carries (`Finding::fix`), and for
//! a strategy or platform warning, an `allow` line that accepts it.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, WorkspaceEdit};

use super::diagnostics::diagnostic;
use super::document::Document;
use super::position;
use crate::diagnostic::{Finding, Fix, RuleInfo, Severity};
use crate::source::Span;

/// What an `allow` line inserted by a quick fix says until the strategist
/// writes the real reason (it is printed in the overview).
pub const REASON_PLACEHOLDER: &str = "TODO: why this is accepted";

/// The quick fixes for the findings that touch `span`.
pub fn code_actions(document: &Document, span: Span, rules_url: &str) -> Vec<CodeActionOrCommand> {
    let analysis = document.analysis();
    let mut actions = Vec::new();
    let mut allowed: Vec<&'static str> = Vec::new();
    for finding in &analysis.checked.findings {
        if finding.span.start > span.end || span.start > finding.span.end {
            continue;
        }
        if let Some(fix) = &finding.fix {
            actions.push(action(
                document,
                finding,
                title(document, fix),
                TextEdit::new(
                    position::range(&document.file, fix.span),
                    fix.replacement.clone(),
                ),
                true,
                rules_url,
            ));
        }
        let rule = finding.rule;
        if finding.severity == Severity::Warning
            && !rule.is_spec_error()
            && !allowed.contains(&rule.code)
        {
            if let Some(edit) = allow_edit(document, rule) {
                allowed.push(rule.code);
                let title = crate::t!(
                    "Allow {code} ({name}) in this campaign",
                    code = rule.code,
                    name = rule.name
                );
                actions.push(action(document, finding, title, edit, false, rules_url));
            }
        }
    }
    actions
}

fn action(
    document: &Document,
    finding: &Finding,
    title: String,
    edit: TextEdit,
    preferred: bool,
    rules_url: &str,
) -> CodeActionOrCommand {
    // lsp-types fixes the map's key type; a `Uri` caches parts of itself
    // in cells, but hashes and compares by its text alone.
    #[allow(clippy::mutable_key_type)]
    let changes = HashMap::from([(document.uri.clone(), vec![edit])]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(
            &document.file,
            &document.uri,
            finding,
            rules_url,
        )]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// "Replace `，` with `,`", "Delete `:`".
fn title(document: &Document, fix: &Fix) -> String {
    let old = shown(document.file.slice(fix.span));
    let new = shown(&fix.replacement);
    match (old.is_empty(), fix.replacement.is_empty()) {
        (_, true) => crate::t!("Delete {old}", old = old),
        (true, false) => crate::t!("Insert {new}", new = new),
        (false, false) => crate::t!("Replace {old} with {new}", old = old, new = new),
    }
}

/// A piece of text for a title: in backticks, cut short, and named when it
/// cannot be seen.
fn shown(text: &str) -> String {
    const SHOWN: usize = 30;
    match text {
        "" => String::new(),
        " " => crate::t!("a space"),
        "\u{3000}" => crate::t!("the full-width space"),
        "\u{FEFF}" => crate::t!("the invisible byte-order mark"),
        _ => {
            let mut cut: String = text.chars().take(SHOWN).collect();
            if cut.len() < text.len() {
                cut.push('…');
            }
            format!("`{cut}`")
        }
    }
}

/// An `allow NAME "reason"` line before the campaign's closing brace, after
/// a blank line unless it joins other `allow` lines.
fn allow_edit(document: &Document, rule: &RuleInfo) -> Option<TextEdit> {
    let campaign = document.analysis().campaign_block()?;
    let text = document.text();
    let close = campaign.span.end.checked_sub(1)?;
    if text.as_bytes().get(close) != Some(&b'}') {
        return None;
    }
    let file = &document.file;
    let line = file.line_index(close);
    let line_start = file.line_range(line).start;
    let allow = format!("  allow {} \"{REASON_PLACEHOLDER}\"\n", rule.name);
    let (at, new_text) = if text[line_start..close].trim().is_empty() {
        let previous = line.checked_sub(1).map_or("", |l| file.line_text(l).trim());
        let blank =
            if previous.is_empty() || previous.starts_with("allow") || previous.ends_with('{') {
                ""
            } else {
                "\n"
            };
        (line_start, format!("{blank}{allow}"))
    } else {
        (close, format!("\n{allow}"))
    };
    let at = position::position(file, at);
    Some(TextEdit::new(lsp_types::Range::new(at, at), new_text))
}
