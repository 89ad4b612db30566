//! `check --format github`: workflow commands that GitHub Actions shows as
//! annotations on the pull request's diff.

use std::fmt::Write as _;

use super::FileReport;

pub fn render(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for report in reports {
        for finding in report.findings {
            let (file, at) = finding.place(report.file);
            let mut message = finding.message.clone();
            if !finding.help.is_empty() {
                message.push_str(&format!("\n{}", super::help_label()));
                message.push_str(&finding.help);
            }
            let _ = writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                finding.severity,
                property(file),
                at.line,
                at.column,
                at.end_line,
                at.end_column,
                property(&format!("{} {}", finding.rule.code, finding.rule.name)),
                data(&message),
            );
        }
    }
    out
}

/// Escapes a message as the workflow-command format requires.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, which also may not hold `:` or `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
