//! `diff --format human`: for the terminal. Each creator to re-brief with
//! what changed for them, the campaign-level changes once, then a count.
//!
//! ```text
//! @lina.glow (KOL)
//!   fee 11k MYR → 12k MYR
//!   angle changed
//!     was: "An evening self-care ritual in a KL condo"
//!     now: "A morning ritual before work"
//! @mei.tries (KOC): new creator
//!
//! campaign changes, said once:
//!   brand voice changed
//!     ...
//!
//! 2 briefs change (1 changed, 1 new); 5 stay the same
//! ```

use super::{comma, semicolon, Change, CreatorDiff, Delta, Diff, Status};
use crate::t;

pub fn render(diff: &Diff) -> String {
    let mut out = String::new();
    for creator in &diff.creators {
        out.push_str(&self::creator(creator));
    }
    if !diff.campaign.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        let heading = match diff.briefs_change() {
            true => t!("campaign changes, said once:"),
            false => t!("campaign changes that no brief shows:"),
        };
        out.push_str(&heading);
        out.push('\n');
        for change in &diff.campaign {
            out.push_str(&lines(change, "  "));
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(diff));
    out.push('\n');
    out
}

fn creator(creator: &CreatorDiff) -> String {
    let head = t!(
        "{handle} ({role})",
        handle = creator.handle,
        role = creator.role.label()
    );
    match creator.status {
        Status::Added => return t!("{creator}: new creator", creator = head) + "\n",
        Status::Removed => return t!("{creator}: removed", creator = head) + "\n",
        Status::Changed => {}
    }
    let mut out = format!("{head}\n");
    for change in &creator.changes {
        out.push_str(&lines(change, "  "));
    }
    for through in &creator.through {
        let line = t!("{scope} changed (see below)", scope = through);
        out.push_str(&format!("  {line}\n"));
    }
    if creator.campaign_wide {
        out.push_str(&format!("  {}\n", t!("campaign-wide changes (see below)")));
    }
    if creator.unexplained() {
        out.push_str(&format!("  {}\n", t!("brief text changed")));
    }
    out
}

/// One change: its summary line, and for prose both versions.
fn lines(change: &Change, indent: &str) -> String {
    let mut out = format!("{indent}{}\n", change.summary());
    if let Delta::Text { old, new } = &change.delta {
        let shown = |text: &Option<String>| match text {
            Some(text) => format!("\"{}\"", text.replace('\n', "\n        ")),
            None => t!("(none)"),
        };
        let (was, now) = (
            t!("was: {text}", text = shown(old)),
            t!("now: {text}", text = shown(new)),
        );
        out.push_str(&format!("{indent}  {was}\n"));
        out.push_str(&format!("{indent}  {now}\n"));
    }
    out
}

/// The closing line: how many briefs change, and how.
pub fn summary(diff: &Diff) -> String {
    let (added, changed, removed) = diff.counts();
    let mut clauses = Vec::new();
    match (diff.creators.len(), diff.unchanged) {
        (0, 0) => clauses.push(t!("no brief changes")),
        (0, 1) => clauses.push(t!("no brief changes (1 brief stay the same)")),
        (0, n) => clauses.push(t!("no brief changes ({n} briefs stay the same)", n = n)),
        (n, unchanged) => {
            let mut details = Vec::new();
            if changed > 0 {
                details.push(t!("{n} changed", n = changed));
            }
            if added > 0 {
                details.push(t!("{n} new", n = added));
            }
            if removed > 0 {
                details.push(t!("{n} removed", n = removed));
            }
            let details = details.join(comma());
            clauses.push(match n {
                1 => t!("1 brief changes ({details})", details = details),
                n => t!("{n} briefs change ({details})", n = n, details = details),
            });
            match unchanged {
                0 => {}
                1 => clauses.push(t!("1 stays the same")),
                n => clauses.push(t!("{n} stay the same", n = n)),
            }
        }
    }
    if diff.overview_changes {
        clauses.push(t!("the overview changes"));
    }
    clauses.join(semicolon())
}
