//! Findings as LSP diagnostics: the code links to the rule's page, the help
//! follows the message, and "first declared here" places become related
//! information.

use std::str::FromStr;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};

use super::position;
use crate::diagnostic::{Finding, Severity};
use crate::source::SourceFile;

/// Where a rule's page is read when the editor is not told otherwise
/// (`initializationOptions.rulesUrl`): the rule pages in the repository,
/// docs/rules/CODE.md, the same text `redbrief explain CODE` prints.
pub const RULES_URL: &str = "https://github.com/redbrief/redbrief/blob/main/docs/rules/";

pub fn diagnostic(file: &SourceFile, uri: &Uri, finding: &Finding, rules_url: &str) -> Diagnostic {
    // A roster cell's finding is marked at the `roster` line; say which cell.
    let said = match &finding.cell {
        Some(cell) => format!("{cell}: {}", finding.message),
        None => finding.message.clone(),
    };
    let message = if finding.help.is_empty() {
        said
    } else {
        crate::t!(
            "{message}\nhelp: {help}",
            message = said,
            help = finding.help
        )
    };
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), position::range(file, related.span)),
            message: related.label.clone(),
        })
        .collect();
    Diagnostic {
        range: position::range(file, finding.span),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(finding.code().to_string())),
        code_description: page(rules_url, finding.code()).map(|href| CodeDescription { href }),
        source: Some("redbrief".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The address of a rule's page.
fn page(rules_url: &str, code: &str) -> Option<Uri> {
    let base = rules_url.trim_end_matches('/');
    Uri::from_str(&format!("{base}/{code}.md")).ok()
}
