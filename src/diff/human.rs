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

use super::{Change, CreatorDiff, Delta, Diff, Status};

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
            true => "campaign changes, said once:",
            false => "campaign changes that no brief shows:",
        };
        out.push_str(heading);
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
    let head = format!("{} ({})", creator.handle, creator.role.label());
    match creator.status {
        Status::Added => return format!("{head}: new creator\n"),
        Status::Removed => return format!("{head}: removed\n"),
        Status::Changed => {}
    }
    let mut out = format!("{head}\n");
    for change in &creator.changes {
        out.push_str(&lines(change, "  "));
    }
    for through in &creator.through {
        out.push_str(&format!("  {through} changed (see below)\n"));
    }
    if creator.campaign_wide {
        out.push_str("  campaign-wide changes (see below)\n");
    }
    if creator.unexplained() {
        out.push_str("  brief text changed\n");
    }
    out
}

/// One change: its summary line, and for prose both versions.
fn lines(change: &Change, indent: &str) -> String {
    let mut out = format!("{indent}{}\n", change.summary());
    if let Delta::Text { old, new } = &change.delta {
        let shown = |text: &Option<String>| match text {
            Some(text) => format!("\"{}\"", text.replace('\n', "\n        ")),
            None => "(none)".to_string(),
        };
        out.push_str(&format!("{indent}  was: {}\n", shown(old)));
        out.push_str(&format!("{indent}  now: {}\n", shown(new)));
    }
    out
}

/// The closing line: how many briefs change, and how.
pub fn summary(diff: &Diff) -> String {
    let (added, changed, removed) = diff.counts();
    let briefs = |n: usize| match n {
        1 => "1 brief".to_string(),
        n => format!("{n} briefs"),
    };
    let mut line = match diff.creators.len() {
        0 => "no brief changes".to_string(),
        n => {
            let parts: Vec<String> = [(changed, "changed"), (added, "new"), (removed, "removed")]
                .into_iter()
                .filter(|(count, _)| *count > 0)
                .map(|(count, what)| format!("{count} {what}"))
                .collect();
            let verb = if n == 1 { "changes" } else { "change" };
            format!("{} {verb} ({})", briefs(n), parts.join(", "))
        }
    };
    if diff.unchanged > 0 {
        line.push_str(&match (diff.creators.is_empty(), diff.unchanged) {
            (true, n) => format!(" ({} stay the same)", briefs(n)),
            (false, 1) => "; 1 stays the same".to_string(),
            (false, n) => format!("; {n} stay the same"),
        });
    }
    if diff.overview_changes {
        line.push_str("; the overview changes");
    }
    line
}
