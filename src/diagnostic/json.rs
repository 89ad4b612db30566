//! `check --format json`: one array of findings for every file checked.

use serde::Serialize;

use super::FileReport;

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    help: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// `kocs.xlsx!C14`, for a finding about a roster cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
}

/// A pretty-printed JSON array; lines and columns are 1-based, columns count
/// characters, and `end_column` is just past the span's last character.
pub fn render(reports: &[FileReport<'_>]) -> String {
    let findings: Vec<JsonFinding<'_>> = reports
        .iter()
        .flat_map(|report| {
            report.findings.iter().map(move |finding| {
                let (file, at) = finding.place(report.file);
                JsonFinding {
                    code: finding.rule.code,
                    name: finding.rule.name,
                    severity: finding.severity.as_str(),
                    message: &finding.message,
                    help: &finding.help,
                    file,
                    line: at.line,
                    column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                    cell: finding.cell.as_ref().map(|cell| cell.to_string()),
                }
            })
        })
        .collect();
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&findings).unwrap_or_else(|_| "[]".to_string()) + "\n"
}
