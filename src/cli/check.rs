//! `redbrief check FILE...`

use clap::Args;

use std::path::PathBuf;

use super::{print, read_spec_with, stdin_once, trouble, Exit, FindingFormat};
use crate::diagnostic::{github, gitlab, human, json, sarif, FileReport, Severity};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Campaign spec files (*.campaign); `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = FindingFormat::Human)]
    pub format: FindingFormat,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub speak: super::Speak,
}

pub fn run(args: &CheckArgs) -> Exit {
    if let Err(message) = stdin_once(&args.files) {
        return trouble(&message);
    }
    let mut exit = Exit::Success;
    let mut checked = Vec::new();
    for path in &args.files {
        match read_spec_with(path, crate::check::check_counting_lines_beside) {
            Ok(spec) => checked.push(spec),
            Err(message) => exit = exit.max(trouble(&message)),
        }
    }
    let reports: Vec<FileReport<'_>> = checked
        .iter()
        .map(|c| FileReport {
            file: &c.file,
            findings: &c.findings,
            omitted: c.omitted.total(),
        })
        .collect();

    let errors = count(&checked, Severity::Error);
    let warnings = count(&checked, Severity::Warning);
    let output = match args.format {
        FindingFormat::Human => {
            let mut text: String = reports.iter().map(human::render).collect();
            if !checked.is_empty() {
                let held = checked.iter().filter(|c| !c.strategy_checked).count();
                text.push_str(&human::summary(errors, warnings, checked.len(), held));
                if errors == 0 && warnings > 0 && args.deny_warnings {
                    // Why a check with no errors exits 1.
                    text.push_str(&crate::t!(
                        "; warnings fail the check under --deny-warnings"
                    ));
                }
                text.push('\n');
            }
            text
        }
        FindingFormat::Json => json::render(&reports),
        FindingFormat::Github => github::render(&reports),
        FindingFormat::Sarif => sarif::render(&reports, crate::rules::catalogue()),
        FindingFormat::Gitlab => gitlab::render(&reports),
    };
    if print(&output) == Exit::Trouble {
        return Exit::Trouble;
    }

    if errors > 0 || (args.deny_warnings && warnings > 0) {
        exit = exit.max(Exit::Failed);
    }
    // The process ends with this command: ten thousand creators' models
    // need not be freed allocation by allocation first.
    drop(reports);
    std::mem::forget(checked);
    exit
}

/// Findings of one severity in every file, those left out of the report too.
fn count(checked: &[crate::Checked], severity: Severity) -> usize {
    checked
        .iter()
        .map(|c| {
            let shown = c.findings.iter().filter(|f| f.severity == severity).count();
            shown
                + match severity {
                    Severity::Error => c.omitted.errors,
                    Severity::Warning => c.omitted.warnings,
                }
        })
        .sum()
}
