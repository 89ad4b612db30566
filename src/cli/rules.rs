//! `redbrief rules`: every check, one line each.

use clap::Args;
use unicode_width::UnicodeWidthStr;

use super::{print, Exit};
use crate::i18n;
use crate::t;

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub speak: super::Speak,
}

pub fn run(_args: &RulesArgs) -> Exit {
    let rules: Vec<_> = crate::rules::all().collect();
    let header = [t!("code"), t!("name"), t!("severity"), t!("fires when")];
    let rows: Vec<[String; 4]> = rules
        .iter()
        .map(|rule| {
            [
                rule.code.to_string(),
                rule.name.to_string(),
                rule.severity.word(),
                i18n::text_in(i18n::current(), rule.summary).to_string(),
            ]
        })
        .collect();
    // Columns are as wide as they look: a Chinese character is two.
    let widths: Vec<usize> = (0..3)
        .map(|column| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|row| row[column].width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut table = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        for (column, width) in widths.iter().enumerate() {
            let cell = &row[column];
            table.push_str(cell);
            table.push_str(&" ".repeat(width - cell.width() + 2));
        }
        table.push_str(&row[3]);
        table.push('\n');
    }
    table.push('\n');
    table.push_str(&t!(
        "`redbrief explain CODE` shows what a rule checks, why, and how to fix it.\n"
    ));
    print(&table)
}
