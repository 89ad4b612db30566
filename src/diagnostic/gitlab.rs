//! `check --format gitlab`: GitLab's Code Quality report, which a merge
//! request shows beside its diff. Save it as an artifact:
//! `artifacts: reports: codequality: gl-code-quality-report.json`.
//!
//! Severities: an error is `major` (it stops `render` and fails `check`), a
//! warning `minor` (it fails `check` only under `--deny-warnings`). GitLab's
//! other levels (`info`, `critical`, `blocker`) are not used.
//!
//! The fingerprint tells GitLab which issue is the same between two runs,
//! so it must not move with the line: it is the SHA-256 of the code, the
//! path and the message, which names the creator or goal at fault, and of
//! how many identical findings came before it in the file, so two findings
//! alike still differ. The message is in the user's language, so a
//! pipeline keeps its fingerprints as long as it keeps its language
//! (`REDBRIEF_LANG` pins it whatever the runner's locale).

use std::collections::HashMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{FileReport, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation<'a>,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// A pretty-printed JSON array of Code Quality issues.
pub fn render(reports: &[FileReport<'_>]) -> String {
    let mut issues = Vec::new();
    for report in reports {
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for finding in report.findings {
            let code = finding.rule.code;
            let (path, at) = finding.place(report.file);
            let before = seen.entry((code, &finding.message)).or_insert(0);
            let fingerprint = fingerprint(code, path, &finding.message, *before);
            *before += 1;
            let mut description = format!("{code} {}: {}", finding.rule.name, finding.message);
            if !finding.help.is_empty() {
                description.push_str(&format!(" ({}", super::help_label()));
                description.push_str(&finding.help);
                description.push(')');
            }
            issues.push(Issue {
                description,
                check_name: code,
                fingerprint,
                severity: match finding.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: IssueLocation {
                    path,
                    lines: Lines { begin: at.line },
                },
            });
        }
    }
    // Plain strings and numbers: serialising cannot fail.
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string()) + "\n"
}

fn fingerprint(code: &str, path: &str, message: &str, occurrence: usize) -> String {
    let mut hash = Sha256::new();
    for part in [code, path, message, &occurrence.to_string()] {
        hash.update(part.as_bytes());
        // A separator no part contains, so ("ab", "c") and ("a", "bc") differ.
        hash.update([0]);
    }
    format!("{:x}", hash.finalize())
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_are_stable_and_tell_repeats_apart() {
        let first = fingerprint("E002", "a.campaign", "unknown field", 0);
        assert_eq!(first, fingerprint("E002", "a.campaign", "unknown field", 0));
        assert_ne!(first, fingerprint("E002", "a.campaign", "unknown field", 1));
        assert_ne!(first, fingerprint("E002", "b.campaign", "unknown field", 0));
        assert_eq!(first.len(), 64);
    }
}
