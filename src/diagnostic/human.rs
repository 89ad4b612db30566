//! rustc-style findings for people at a terminal:
//!
//! ```text
//! error[E002] unknown-name: unknown field `folowers` in @amy_tries
//!   --> spring.campaign:12:5
//!    |
//! 12 |     folowers 3.2k
//!    |     ^^^^^^^^ unknown field
//!    |
//!    = help: did you mean `followers`?
//! ```
//!
//! Carets are placed by display width, so they stay under the right
//! characters in Chinese text (two columns each) and after tabs. Very long
//! lines are shown as a window around the span.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthChar;

use super::{Cell, FileReport, Finding, Severity};
use crate::source::{SourceFile, Span};
use crate::{i18n, t};

/// Columns a tab is shown as.
const TAB_WIDTH: usize = 4;
/// Source lines wider than this are shown as a window around the span.
const MAX_LINE_WIDTH: usize = 100;
/// How much of the line to show before the span in such a window.
const CONTEXT_BEFORE: usize = 30;

const GUTTER: Style = AnsiColor::BrightBlue.on_default().bold();
const BOLD: Style = Style::new().bold();

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => AnsiColor::BrightRed.on_default().bold(),
        Severity::Warning => AnsiColor::BrightYellow.on_default().bold(),
    }
}

/// Every finding of a file, each followed by a blank line. The text carries
/// ANSI styles; print it through `anstream`, which drops them when the
/// output is not a terminal or `NO_COLOR` is set.
pub fn render(report: &FileReport<'_>) -> String {
    let mut out = String::new();
    for finding in report.findings {
        render_finding(&mut out, report.file, finding);
        out.push('\n');
    }
    if report.omitted > 0 {
        let _ = writeln!(
            out,
            "{}\n",
            t!(
                "... and {n} more in {file}, not shown: fix the ones above first, then check again",
                n = report.omitted,
                file = report.file.path
            )
        );
    }
    out
}

fn render_finding(out: &mut String, file: &SourceFile, finding: &Finding) {
    let severity = severity_style(finding.severity);
    let _ = writeln!(
        out,
        "{severity}{}[{}]{severity:#} {BOLD}{}{}{}{BOLD:#}",
        finding.severity.word(),
        finding.rule.code,
        finding.rule.name,
        i18n::colon(),
        finding.message
    );

    if let Some(cell) = &finding.cell {
        render_cell(out, file, finding, cell);
        return;
    }
    // Labelled lines in file order: the primary span with `^`, related
    // spans with `-`.
    let mut marks: Vec<Mark<'_>> = vec![Mark {
        span: finding.span,
        label: finding.label.as_deref(),
        primary: true,
    }];
    marks.extend(finding.related.iter().map(|related| Mark {
        span: related.span,
        label: Some(related.label.as_str()),
        primary: false,
    }));
    marks.sort_by_key(|mark| (mark.span.start, !mark.primary));

    let gutter = marks
        .iter()
        .map(|mark| file.position(mark.span.start).line)
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    let pad = " ".repeat(gutter);
    let position = file.position(finding.span.start);
    let _ = writeln!(
        out,
        "{pad}{GUTTER}-->{GUTTER:#} {}:{}:{}",
        file.path, position.line, position.column
    );
    let _ = writeln!(out, "{pad} {GUTTER}|{GUTTER:#}");

    let mut previous_line: Option<usize> = None;
    for mark in &marks {
        let line = file.line_index(mark.span.start);
        if previous_line.is_some_and(|previous| line > previous + 1) {
            let _ = writeln!(out, "{GUTTER}...{GUTTER:#}");
        }
        let range = file.line_range(line);
        let start = mark.span.start.clamp(range.start, range.end);
        let end = mark.span.end.clamp(start, range.end);
        let shown = ShownLine::new(
            &file.text[range.clone()],
            start - range.start,
            end - range.start,
        );
        if previous_line != Some(line) {
            let _ = writeln!(
                out,
                "{GUTTER}{:>gutter$} |{GUTTER:#} {}",
                line + 1,
                shown.text.trim_end()
            );
        }
        previous_line = Some(line);
        let (symbol, style) = if mark.primary {
            ("^", severity)
        } else {
            ("-", GUTTER)
        };
        let label = mark.label.map(|l| format!(" {l}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{pad} {GUTTER}|{GUTTER:#} {}{style}{}{label}{style:#}",
            " ".repeat(shown.caret_column),
            symbol.repeat(shown.caret_width.max(1)),
        );
    }
    if !finding.help.is_empty() {
        let _ = writeln!(out, "{pad} {GUTTER}|{GUTTER:#}");
        let _ = writeln!(
            out,
            "{pad} {GUTTER}={GUTTER:#} {BOLD}{}{BOLD:#}{}{}",
            t!("help:"),
            i18n::after_label(),
            finding.help
        );
    }
}

/// A finding about a roster cell: the cell's place, its row with the cell
/// marked, and the `roster` statement that read the file.
fn render_cell(out: &mut String, file: &SourceFile, finding: &Finding, cell: &Cell) {
    let gutter = cell.row.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}{GUTTER}-->{GUTTER:#} {cell}");
    let _ = writeln!(out, "{pad} {GUTTER}|{GUTTER:#}");
    let tabs = cell.file.ends_with(".tsv") || cell.file.ends_with(".tab");
    let separator = match (cell.workbook, tabs) {
        (true, _) => " | ",
        (false, true) => "\t",
        (false, false) => ",",
    };
    let mut row = String::new();
    let (mut start, mut end) = (0, 0);
    for (index, text) in cell.cells.iter().enumerate() {
        if index > 0 {
            row.push_str(separator);
        }
        let quoted;
        let text = if !cell.workbook && !tabs && (text.contains(',') || text.contains('"')) {
            quoted = format!("\"{}\"", text.replace('"', "\"\""));
            &quoted
        } else {
            text
        };
        if index + 1 == cell.column {
            start = row.len();
            end = start + text.len();
        }
        row.push_str(text);
    }
    if cell.column > cell.cells.len() {
        start = row.len();
        end = start;
    }
    let shown = ShownLine::new(&row, start, end);
    let _ = writeln!(
        out,
        "{GUTTER}{} |{GUTTER:#} {}",
        cell.row,
        shown.text.trim_end()
    );
    let severity = severity_style(finding.severity);
    let label = finding
        .label
        .as_deref()
        .map(|l| format!(" {l}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{pad} {GUTTER}|{GUTTER:#} {}{severity}{}{label}{severity:#}",
        " ".repeat(shown.caret_column),
        "^".repeat(shown.caret_width.max(1)),
    );
    let _ = writeln!(out, "{pad} {GUTTER}|{GUTTER:#}");
    let position = file.position(finding.span.start);
    let _ = writeln!(
        out,
        "{pad} {GUTTER}={GUTTER:#} {BOLD}{}{BOLD:#}{}{}",
        t!("note:"),
        i18n::after_label(),
        t!(
            "read by the roster at {place}",
            place = format!("{}:{}:{}", file.path, position.line, position.column)
        )
    );
    for related in &finding.related {
        let _ = writeln!(
            out,
            "{pad} {GUTTER}={GUTTER:#} {BOLD}{}{BOLD:#}{}{}",
            t!("note:"),
            i18n::after_label(),
            related.label
        );
    }
    if !finding.help.is_empty() {
        let _ = writeln!(
            out,
            "{pad} {GUTTER}={GUTTER:#} {BOLD}{}{BOLD:#}{}{}",
            t!("help:"),
            i18n::after_label(),
            finding.help
        );
    }
}

struct Mark<'a> {
    span: Span,
    label: Option<&'a str>,
    primary: bool,
}

/// A source line made ready to show: tabs expanded, control characters made
/// visible, long lines cut to a window, and where the caret goes.
struct ShownLine {
    text: String,
    caret_column: usize,
    caret_width: usize,
}

impl ShownLine {
    /// `start` and `end` are byte offsets within `line`.
    fn new(line: &str, start: usize, end: usize) -> ShownLine {
        // Only a stretch of a long line around the span is ever shown, so
        // only that stretch is looked at: a 50 MB line costs what a short
        // one does. A character is at most 4 bytes and 4 columns wide.
        let reach = (MAX_LINE_WIDTH + CONTEXT_BEFORE) * 4;
        let lo = crate::source::floor_char_boundary(line, start.saturating_sub(reach));
        let hi = crate::source::floor_char_boundary(line, start.saturating_add(reach));
        let clipped = lo > 0 || hi < line.len();
        // Each character with the byte offset and the columns it takes.
        let cells: Vec<(usize, String, usize)> = line[lo..hi]
            .char_indices()
            .map(|(offset, ch)| {
                let offset = offset + lo;
                let (shown, width) = match ch {
                    '\t' => (" ".repeat(TAB_WIDTH), TAB_WIDTH),
                    '\u{FEFF}' => (String::new(), 0),
                    ch if ch.is_control() => ("\u{FFFD}".to_string(), 1),
                    ch => (ch.to_string(), ch.width().unwrap_or(0)),
                };
                (offset, shown, width)
            })
            .collect();
        let total: usize = cells.iter().map(|c| c.2).sum();
        let first = cells.partition_point(|c| c.0 < start);
        let last = cells.partition_point(|c| c.0 < end);

        // The window of characters to show: all of a short line, or about
        // MAX_LINE_WIDTH columns starting a little before the span.
        let (from, to) = if total <= MAX_LINE_WIDTH && !clipped {
            (0, cells.len())
        } else {
            let mut from = first;
            let mut before = 0;
            while from > 0 && before + cells[from - 1].2 <= CONTEXT_BEFORE {
                from -= 1;
                before += cells[from].2;
            }
            let mut to = from;
            let mut width = 0;
            while to < cells.len() && width + cells[to].2 <= MAX_LINE_WIDTH {
                width += cells[to].2;
                to += 1;
            }
            (from, to)
        };
        let ellipsis_before = from > 0 || lo > 0;
        let mut text = String::new();
        let mut caret_column = 0;
        if ellipsis_before {
            text.push_str("...");
            caret_column = 3;
        }
        for cell in &cells[from..first.min(to)] {
            text.push_str(&cell.1);
            caret_column += cell.2;
        }
        for cell in &cells[first.min(to)..to] {
            text.push_str(&cell.1);
        }
        if to < cells.len() || hi < line.len() {
            text.push_str("...");
        }
        let caret_width = cells[first.min(to)..last.min(to)].iter().map(|c| c.2).sum();
        ShownLine {
            text,
            caret_column,
            caret_width,
        }
    }
}

/// The closing line: how many errors and warnings in how many files.
/// `held` counts the files whose strategy rules waited for errors to be fixed.
pub fn summary(errors: usize, warnings: usize, files: usize, held: usize) -> String {
    let files = match files {
        1 => t!("1 file"),
        n => t!("{n} files", n = n),
    };
    // Strategy rules wait for a spec without errors (see `crate::check`).
    let files = if held > 0 {
        t!(
            "{files} (strategy rules run once the errors are fixed)",
            files = files
        )
    } else {
        files
    };
    let errors_in = |n: usize| match n {
        1 => t!("1 error"),
        n => t!("{n} errors", n = n),
    };
    let warnings_in = |n: usize| match n {
        1 => t!("1 warning"),
        n => t!("{n} warnings", n = n),
    };
    match (errors, warnings) {
        (0, 0) => t!("no findings in {files}", files = files),
        (e, 0) => t!("{found} in {files}", found = errors_in(e), files = files),
        (0, w) => t!("{found} in {files}", found = warnings_in(w), files = files),
        (e, w) => t!(
            "{errors} and {warnings} in {files}",
            errors = errors_in(e),
            warnings = warnings_in(w),
            files = files
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_counts_wide_characters_as_two_columns() {
        let line = "koc @小鹿 { fee";
        let start = line.find("fee").unwrap();
        let shown = ShownLine::new(line, start, start + 3);
        // "koc @" is 5 columns, 小鹿 are 4, " { " is 3.
        assert_eq!(shown.caret_column, 12);
        assert_eq!(shown.caret_width, 3);
    }

    #[test]
    fn tabs_are_expanded() {
        let shown = ShownLine::new("\tfee", 1, 4);
        assert_eq!(shown.text, "    fee");
        assert_eq!(shown.caret_column, 4);
    }

    #[test]
    fn long_lines_show_a_window() {
        let line = format!("{}bad{}", "a".repeat(5000), "b".repeat(5000));
        let shown = ShownLine::new(&line, 5000, 5003);
        assert!(shown.text.len() < 120);
        assert_eq!(
            &shown.text[shown.caret_column..shown.caret_column + 3],
            "bad"
        );
    }
}
