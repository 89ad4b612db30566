//! `diff --format markdown`: a pull-request comment or a job summary. A
//! short table (creator, role, what changed), then the campaign-level
//! changes once, then the details per creator.
//!
//! Handles are written as code, so `@lina.glow` never mentions a GitHub
//! user; other text is escaped so a spec cannot add links, HTML or table
//! cells of its own.

use super::{colon, full_stop, semicolon, Change, CreatorDiff, Delta, Diff, Status};
use crate::t;

pub fn render(diff: &Diff) -> String {
    let title = t!(
        "Briefs: {old} → {new}",
        old = code(&diff.old),
        new = code(&diff.new)
    );
    let mut out = format!("### {title}\n\n");
    if diff.briefs_change() {
        out.push_str(&t!("| Creator | Role | What changed |"));
        out.push_str("\n| --- | --- | --- |\n");
        for creator in &diff.creators {
            let what = creator.summary().join(semicolon());
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                cell(&code(&creator.handle)),
                creator.role.label(),
                cell(&escape(&what)),
            ));
        }
        out.push('\n');
    }
    out.push_str(&escape(&super::human::summary(diff)));
    out.push_str(full_stop());
    out.push('\n');

    if !diff.campaign.is_empty() {
        let heading = match diff.briefs_change() {
            true => t!("Campaign changes, said once"),
            false => t!("Campaign changes that no brief shows"),
        };
        out.push_str(&format!("\n#### {heading}\n\n"));
        for change in &diff.campaign {
            out.push_str(&item(change));
        }
    }
    // Details for those with changes of their own; the table says the rest.
    let own = |c: &&CreatorDiff| c.status == Status::Changed && !c.changes.is_empty();
    for creator in diff.creators.iter().filter(own) {
        out.push_str(&details(creator));
    }
    out
}

fn details(creator: &CreatorDiff) -> String {
    let head = t!(
        "{handle} ({role})",
        handle = code(&creator.handle),
        role = creator.role.label()
    );
    let mut out = format!("\n#### {head}\n\n");
    for change in &creator.changes {
        out.push_str(&item(change));
    }
    for through in &creator.through {
        let line = t!("{scope} changed (see above)", scope = escape(through));
        out.push_str(&format!("- {line}\n"));
    }
    if creator.campaign_wide {
        out.push_str(&format!("- {}\n", t!("campaign-wide changes (see above)")));
    }
    if creator.unexplained() {
        out.push_str(&format!("- {}\n", t!("brief text changed")));
    }
    out
}

/// One change as a list item, values as code, prose and list items as
/// nested items.
fn item(change: &Change) -> String {
    let field = escape(&change.field);
    match &change.delta {
        Delta::Value { old, new } => match (old, new) {
            (Some(old), Some(new)) => format!("- {field} {} → {}\n", code(old), code(new)),
            (None, Some(new)) => {
                let line = t!("{field} added: {new}", field = field, new = code(new));
                format!("- {line}\n")
            }
            (Some(old), None) => {
                let line = t!(
                    "{field} removed (was {old})",
                    field = field,
                    old = code(old)
                );
                format!("- {line}\n")
            }
            (None, None) => format!("- {}\n", t!("{field} changed", field = field)),
        },
        Delta::Text { old, new } => {
            let shown = |text: &Option<String>| match text {
                Some(text) => escape(text).replace('\n', "<br>"),
                None => format!("*{}*", t!("(none)")),
            };
            format!(
                "- {}\n  - {}\n  - {}\n",
                escape(&change.summary()),
                t!("was: {text}", text = shown(old)),
                t!("now: {text}", text = shown(new))
            )
        }
        Delta::List { added, removed } if added.is_empty() && removed.is_empty() => {
            format!("- {}\n", t!("{field} reordered", field = field))
        }
        Delta::List { added, removed } => {
            let mut out = format!("- {field}{}\n", colon().trim_end());
            for a in added {
                out.push_str(&format!("  - {}\n", t!("added {item}", item = code(a))));
            }
            for r in removed {
                out.push_str(&format!("  - {}\n", t!("removed {item}", item = code(r))));
            }
            out
        }
    }
}

/// Text as a code span, fenced with more backticks than it holds.
fn code(text: &str) -> String {
    let text = text.replace('\n', " ");
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Backslash before every character Markdown could read as markup; `@`
/// too, so no handle in prose mentions a GitHub user.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '@' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// A table cell: a `|` ends the cell even inside a code span unless
/// escaped, and a cell is one line.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut escaped = false;
    for ch in text.chars() {
        if ch == '|' && !escaped {
            out.push('\\');
        }
        escaped = ch == '\\' && !escaped;
        out.push(if ch == '\n' { ' ' } else { ch });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_outlast_backticks_inside() {
        assert_eq!(code("9k MYR"), "`9k MYR`");
        assert_eq!(code("a `b` c"), "``a `b` c``");
        assert_eq!(code("`x"), "`` `x ``");
    }

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            escape("<b>@amy [x](y) *z*"),
            "&lt;b&gt;\\@amy \\[x\\](y) \\*z\\*"
        );
        assert_eq!(cell("`a|b` \\| c"), "`a\\|b` \\| c");
    }
}
