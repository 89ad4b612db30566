//! `check --format sarif`: SARIF 2.1.0 for code-scanning dashboards, with
//! the whole rule catalog in `tool.driver.rules`.

use serde_sarif::sarif::{
    ArtifactLocation, Location as SarifLocation, Message, MultiformatMessageString,
    PhysicalLocation, Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult,
    ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::{Catalogue, RuleInfo};
use super::{FileReport, Location, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(reports: &[FileReport<'_>], rules: &Catalogue) -> String {
    let catalog: Vec<&'static RuleInfo> = rules.iter().collect();
    let descriptors: Vec<ReportingDescriptor> =
        catalog.iter().map(|rule| descriptor(rule)).collect();
    let driver = ToolComponent::builder()
        .name("redbrief")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(descriptors)
        .build();

    let mut results = Vec::new();
    for report in reports {
        for finding in report.findings {
            let at = Location::of(report.file, finding.span);
            let region = Region::builder()
                .start_line(at.line as i64)
                .start_column(at.column as i64)
                .end_line(at.end_line as i64)
                .end_column(at.end_column as i64)
                .build();
            let location = SarifLocation::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(
                            ArtifactLocation::builder()
                                .uri(uri(&report.file.path))
                                .build(),
                        )
                        .region(region)
                        .build(),
                )
                .build();
            let mut text = finding.message.clone();
            if !finding.help.is_empty() {
                text.push_str("\nhelp: ");
                text.push_str(&finding.help);
            }
            let mut result = SarifResult::builder()
                .rule_id(finding.rule.code)
                .level(level(finding.severity))
                .message(Message::builder().text(text).build())
                .locations(vec![location])
                .build();
            result.rule_index = catalog
                .iter()
                .position(|rule| std::ptr::eq(*rule, finding.rule))
                .map(|index| index as i64);
            results.push(result);
        }
    }

    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        // Columns are counted in characters, as in the other forms.
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .build();
    let sarif = Sarif::builder()
        .schema(SCHEMA)
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_string_pretty(&sarif).unwrap_or_else(|_| "{}".to_string()) + "\n"
}

fn descriptor(rule: &RuleInfo) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.summary)
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(rule.page())
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(serde_json::Value::from(rule.severity.as_str()))
                .build(),
        )
        .build()
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
    }
}

/// A relative path as a URI reference: forward slashes, spaces and other
/// reserved characters percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}
