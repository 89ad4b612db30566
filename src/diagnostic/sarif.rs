//! `check --format sarif`: SARIF 2.1.0 for code-scanning dashboards, with
//! the whole rule catalog in `tool.driver.rules`.

use serde::Serialize;

use super::FileReport;
use super::{Catalogue, RuleInfo};
use crate::i18n;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log for `reports`, with every rule of `rules` in its catalog.
pub fn render(reports: &[FileReport<'_>], rules: &Catalogue) -> String {
    let catalog: Vec<&'static RuleInfo> = rules.iter().collect();
    let driver = Driver {
        name: "redbrief",
        rules: catalog.iter().map(|rule| descriptor(rule)).collect(),
        version: env!("CARGO_PKG_VERSION"),
    };

    let mut results = Vec::new();
    for report in reports {
        for finding in report.findings {
            let (file, at) = finding.place(report.file);
            let location = ResultLocation {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: uri(file) },
                    region: Region {
                        end_column: at.end_column,
                        end_line: at.end_line,
                        start_column: at.column,
                        start_line: at.line,
                    },
                },
            };
            let mut text = finding.message.clone();
            if !finding.help.is_empty() {
                text.push_str(&format!("\n{}", super::help_label()));
                text.push_str(&finding.help);
            }
            results.push(SarifResult {
                // SARIF's levels include ours by the same names.
                level: finding.severity.as_str(),
                locations: [location],
                message: Text { text },
                rule_id: finding.rule.code,
                rule_index: catalog
                    .iter()
                    .position(|rule| std::ptr::eq(*rule, finding.rule)),
            });
        }
    }

    let log = Log {
        schema: SCHEMA,
        runs: [Run {
            // Columns are counted in characters, as in the other forms.
            column_kind: "unicodeCodePoints",
            results,
            tool: Tool { driver },
        }],
        version: "2.1.0",
    };
    serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string()) + "\n"
}

fn descriptor(rule: &RuleInfo) -> Descriptor {
    Descriptor {
        default_configuration: Configuration {
            level: rule.severity.as_str(),
        },
        full_description: Text {
            text: i18n::rule_page(i18n::current(), rule.code)
                .map_or_else(|| rule.page(), str::to_string),
        },
        id: rule.code,
        name: rule.name,
        short_description: Text {
            text: i18n::text_in(i18n::current(), rule.summary).to_string(),
        },
    }
}

// The part of SARIF 2.1.0 that redbrief writes. Fields stay in alphabetical
// order of their JSON names, the order serde-sarif wrote them in, so the
// output did not change when we dropped it for these few structs.

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    column_kind: &'static str,
    results: Vec<SarifResult>,
    tool: Tool,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    rules: Vec<Descriptor>,
    version: &'static str,
}

/// One rule of the catalog (SARIF's `reportingDescriptor`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    default_configuration: Configuration,
    full_description: Text,
    id: &'static str,
    name: &'static str,
    short_description: Text,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

/// SARIF's `message` and `multiformatMessageString`: plain text only.
#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    level: &'static str,
    locations: [ResultLocation; 1],
    message: Text,
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// Lines and columns count from 1.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
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
