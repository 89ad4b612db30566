//! `diff --format json`: the whole comparison for scripts. Every change has
//! a `field`, a `kind` (`value`, `text` or `list`) with `old`/`new` or
//! `added`/`removed`, and a `scope` (`creator`, `campaign`, `{"goal": NAME}`
//! or `{"product": NAME}`).

use serde::Serialize;

use super::Diff;

#[derive(Serialize)]
struct JsonDiff<'a> {
    /// Whether any creator's brief changes, appears or disappears (the exit
    /// code says the same: 1 when true).
    briefs_change: bool,
    #[serde(flatten)]
    diff: &'a Diff,
}

pub fn render(diff: &Diff) -> String {
    let json = JsonDiff {
        briefs_change: diff.briefs_change(),
        diff,
    };
    // Plain strings, numbers and lists: serialising cannot fail.
    serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".to_string()) + "\n"
}
