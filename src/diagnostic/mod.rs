//! One `Finding` type for everything redbrief reports, from a syntax error to
//! a strategy warning, and its emitters: `human` (rustc-style), `json`,
//! `github` (workflow annotations) and `sarif` (code-scanning dashboards).

pub mod codes;
pub mod github;
pub mod human;
pub mod json;
mod rule;
pub mod sarif;

use std::fmt;

use serde::Serialize;

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
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
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
}

impl Finding {
    /// A finding of `rule` at its default severity.
    pub fn new(rule: &'static RuleInfo, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            message: message.into(),
            span,
            label: None,
            help: String::new(),
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
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

/// Findings are miette diagnostics, so any miette handler can show them;
/// the `human` emitter below lays them out the rustc way the spec asks for.
impl miette::Diagnostic for Finding {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.rule.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.help.is_empty()).then(|| Box::new(&self.help) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let primary = miette::LabeledSpan::new_primary_with_span(
            self.label.clone(),
            (self.span.start, self.span.end - self.span.start),
        );
        let related = self.related.iter().map(|r| {
            miette::LabeledSpan::new_with_span(
                Some(r.label.clone()),
                (r.span.start, r.span.end - r.span.start),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
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

/// A file together with what was found in it: what every emitter takes.
pub struct FileReport<'a> {
    pub file: &'a SourceFile,
    pub findings: &'a [Finding],
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
