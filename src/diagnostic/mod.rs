//! One `Finding` type for everything redbrief reports, from a syntax error to
//! a strategy warning, and its emitters: `human` (rustc-style), `json`,
//! `github` (workflow annotations), `gitlab` (Code Quality reports) and
//! `sarif` (code-scanning dashboards).

mod cell;
pub mod codes;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
mod rule;
pub mod sarif;

use std::fmt;

use serde::Serialize;

pub use cell::Cell;
pub use rule::{Catalogue, RuleInfo};

use crate::source::{SourceFile, Span};

/// How much a finding matters. Errors stop `render` and fail `check`;
/// warnings fail `check` only under `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The word a person reads: `warning`, or `警告` in Chinese. Machine
    /// forms (JSON, SARIF) keep `as_str`.
    pub fn word(self) -> String {
        match self {
            Severity::Warning => crate::t!("warning"),
            Severity::Error => crate::t!("error"),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `help: ` before a finding's help in one-line forms (GitHub, GitLab,
/// SARIF), or `建议：` in Chinese.
pub fn help_label() -> String {
    crate::t!("help:") + crate::i18n::after_label()
}

/// A second place a finding points at ("first declared here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub label: String,
}

/// The one exact edit that resolves a finding (`320k` for `320,000`, `,`
/// for `，`, `followers` for `folowers`): the text at `span` becomes
/// `replacement`, or is deleted when it is empty. Editors offer it as a
/// quick fix; the printed forms (human, json, github, sarif) do not show it,
/// the help already says it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

/// Something wrong with a spec: which rule, where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static RuleInfo,
    pub severity: Severity,
    /// Plain words naming the creator, goal or line at fault.
    pub message: String,
    pub span: Span,
    /// A few words shown under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: String,
    pub related: Vec<Related>,
    /// Set only where the help names one exact replacement.
    pub fix: Option<Fix>,
    /// A roster cell the finding is about; `span` then marks the `roster`
    /// statement that read the spreadsheet.
    pub cell: Option<Box<Cell>>,
}

impl Finding {
    /// A finding of `rule` at its default severity.
    pub fn new(rule: &'static RuleInfo, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            message: bounded(message.into()),
            span,
            label: None,
            help: String::new(),
            related: Vec::new(),
            fix: None,
            cell: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(bounded(label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = bounded(help.into());
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: bounded(label.into()),
        });
        self
    }

    /// The exact edit the help describes.
    pub fn fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// The roster cell the finding is about.
    pub fn at_cell(mut self, cell: Cell) -> Self {
        self.cell = Some(Box::new(cell));
        self
    }

    /// The file a finding is in and where: the roster cell when it has
    /// one, else its span in the spec.
    pub fn place<'a>(&'a self, file: &'a SourceFile) -> (&'a str, Location) {
        match &self.cell {
            Some(cell) => (
                &cell.file,
                Location {
                    line: cell.row,
                    column: cell.column,
                    end_line: cell.row,
                    end_column: cell.column + 1,
                },
            ),
            None => (&file.path, Location::of(file, self.span)),
        }
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Finding {}

/// About the most characters of a message, label or help: they quote what
/// the user wrote, and a 50 MB string must not make a 50 MB finding.
const LONGEST_TEXT: usize = 400;

/// `text`, or its start and its end around `...` when it is too long: the
/// end usually says what is wrong ("..., but no product has that name").
fn bounded(text: String) -> String {
    const END: usize = 120;
    if text.len() <= LONGEST_TEXT {
        return text;
    }
    let chars = text.chars().count();
    if chars <= LONGEST_TEXT {
        return text;
    }
    let head = crate::source::shorten(&text, LONGEST_TEXT - END);
    let tail_from = text
        .char_indices()
        .nth(chars - END)
        .map_or(text.len(), |(at, _)| at);
    format!("{head}{}", &text[tail_from..])
}

/// Orders findings by place in the file, then code, so output is stable.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule.code, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule.code,
            &b.message,
        ))
    });
}

/// Findings as rules make them, holding at most about twice `keep`: each
/// time it fills, the `keep` first in report order (`sort`) stay and the
/// rest are only counted. A rule that fires on every one of 10,000
/// creators then costs no more memory than one that fires a hundred
/// times, and the first findings a user reads are the same.
pub struct Findings {
    kept: Vec<Finding>,
    keep: Option<usize>,
    /// Once `keep` are kept: where the last of them starts. A finding
    /// starting past it can never be kept (`keeps`).
    last_kept: Option<usize>,
    /// Errors and warnings made but not kept.
    pub dropped_errors: usize,
    pub dropped_warnings: usize,
}

impl Findings {
    /// Every finding kept.
    pub fn all() -> Self {
        Findings {
            kept: Vec::new(),
            keep: None,
            last_kept: None,
            dropped_errors: 0,
            dropped_warnings: 0,
        }
    }

    /// The first `keep` in report order kept, the rest counted.
    pub fn first(keep: usize) -> Self {
        Findings {
            keep: Some(keep),
            ..Findings::all()
        }
    }

    pub fn push(&mut self, finding: Finding) {
        self.kept.push(finding);
        if let Some(keep) = self.keep {
            if self.kept.len() >= keep.saturating_mul(2).max(1) {
                self.trim(keep);
            }
        }
    }

    /// Whether a finding at `span` could still be kept. A rule that fires
    /// on every creator asks first and, when not, only `count`s it: its
    /// message is not worth formatting ten thousand times.
    pub fn keeps(&self, span: Span) -> bool {
        self.last_kept.is_none_or(|last| span.start <= last)
    }

    /// Counts a finding of `rule`, at its default severity, that `keeps`
    /// said is not kept.
    pub fn count(&mut self, rule: &RuleInfo) {
        match rule.severity {
            Severity::Error => self.dropped_errors += 1,
            Severity::Warning => self.dropped_warnings += 1,
        }
    }

    fn trim(&mut self, keep: usize) {
        sort(&mut self.kept);
        for finding in self.kept.drain(keep.min(self.kept.len())..) {
            match finding.is_error() {
                true => self.dropped_errors += 1,
                false => self.dropped_warnings += 1,
            }
        }
        if self.kept.len() == keep {
            self.last_kept = self.kept.last().map(|finding| finding.span.start);
        }
    }

    /// Adds what another sink kept and counted.
    pub fn append(&mut self, other: Findings) {
        self.dropped_errors += other.dropped_errors;
        self.dropped_warnings += other.dropped_warnings;
        for finding in other.kept {
            self.push(finding);
        }
    }

    /// The findings kept (at most `keep` when bounded), and the counts of
    /// those dropped.
    pub fn into_parts(mut self) -> (Vec<Finding>, usize, usize) {
        if let Some(keep) = self.keep {
            self.trim(keep);
        }
        (self.kept, self.dropped_errors, self.dropped_warnings)
    }
}

/// A file together with what was found in it: what every emitter takes.
pub struct FileReport<'a> {
    pub file: &'a SourceFile,
    pub findings: &'a [Finding],
    /// How many more findings the file has that are not in `findings`.
    pub omitted: usize,
}

/// The machine-readable place of a finding: 1-based lines and character
/// columns; `end_column` is the column just past the span's last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn of(file: &SourceFile, span: Span) -> Location {
        let start = file.position(span.start);
        let end = file.position(span.end);
        Location {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::codes::SYNTAX;
    use super::*;

    crate::rule_info! {
        static NOTICED = {
            code: "T001",
            name: "noticed",
            severity: Warning,
            summary: "a warning for the test",
        };
    }

    /// Findings at scattered places, of both severities.
    fn made() -> Vec<Finding> {
        (0..1000usize)
            .map(|i| {
                let start = (i * 7919) % 1000;
                let rule = if i % 3 == 0 { &SYNTAX } else { &NOTICED };
                Finding::new(rule, Span::new(start, start + 1), format!("finding {i}"))
            })
            .collect()
    }

    #[test]
    fn asking_first_keeps_and_counts_what_pushing_all_does() {
        let mut all = Findings::first(10);
        let mut asked = Findings::first(10);
        let mut skipped = 0;
        for finding in made() {
            if asked.keeps(finding.span) {
                asked.push(finding.clone());
            } else {
                asked.count(finding.rule);
                skipped += 1;
            }
            all.push(finding);
        }
        assert!(skipped > 500, "most are never made: {skipped}");
        let (kept, errors, warnings) = all.into_parts();
        let shown = |kept: &[Finding]| kept.iter().map(|f| f.message.clone()).collect::<Vec<_>>();
        let (asked_kept, asked_errors, asked_warnings) = asked.into_parts();
        assert_eq!(shown(&asked_kept), shown(&kept));
        assert_eq!((asked_errors, asked_warnings), (errors, warnings));
        assert_eq!(kept.len() + errors + warnings, 1000);
        assert!(errors > 0 && warnings > 0);
    }
}
