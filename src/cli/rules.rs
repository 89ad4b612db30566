//! `redbrief rules`: every check, one line each.

use clap::Args;

use super::{print, Exit};

#[derive(Debug, Args)]
pub struct RulesArgs {}

pub fn run(_args: &RulesArgs) -> Exit {
    let rules: Vec<_> = crate::rules::all().collect();
    let code_width = rules.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let name_width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let severity_width = "severity".len();
    let mut table = format!(
        "{:code_width$}  {:name_width$}  {:severity_width$}  {}\n",
        "code", "name", "severity", "fires when"
    );
    for rule in rules {
        table.push_str(&format!(
            "{:code_width$}  {:name_width$}  {:severity_width$}  {}\n",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.summary
        ));
    }
    table.push_str("\n`redbrief explain CODE` shows what a rule checks, why, and how to fix it.\n");
    print(&table)
}
