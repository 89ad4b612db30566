//! What a rule is: its code, name, default severity and documentation.
//! Every finding points at one; the E-codes (`codes.rs`) and the strategy
//! rules (src/rules/) are all declared with `rule_info!`, so a rule's doc
//! comment is exactly what `redbrief explain CODE` prints.

use super::Severity;

/// What a rule is: the facts `rules`, `explain`, SARIF and `allow` need.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// `E002`, `RS006`, `XHS001`.
    pub code: &'static str,
    /// `unknown-name`, `thin-trust`: kebab-case, usable in `allow`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line for `redbrief rules`.
    pub summary: &'static str,
    /// The rule's page for `redbrief explain`, in Markdown.
    pub doc: &'static str,
}

impl RuleInfo {
    /// E-codes describe a spec that cannot be read; they cannot be allowed.
    pub fn is_spec_error(&self) -> bool {
        self.code.starts_with('E')
    }

    /// Whether `code_or_name` names this rule: its code in any case, or its name.
    pub fn is_named(&self, code_or_name: &str) -> bool {
        let wanted = code_or_name.trim();
        self.code.eq_ignore_ascii_case(wanted) || self.name == wanted
    }

    /// The explain page with the one space rustdoc puts after `///` removed.
    pub fn page(&self) -> String {
        let mut page = String::new();
        for line in self.doc.lines() {
            page.push_str(line.strip_prefix(' ').unwrap_or(line));
            page.push('\n');
        }
        page
    }
}

/// Every rule redbrief knows, for looking one up by what a user typed.
/// The rules module builds it; stages before it (the resolver's `allow`,
/// the SARIF emitter) are handed it rather than reaching forward for it.
pub struct Catalogue {
    rules: Vec<&'static RuleInfo>,
}

impl Catalogue {
    pub fn new(rules: impl IntoIterator<Item = &'static RuleInfo>) -> Self {
        Catalogue {
            rules: rules.into_iter().collect(),
        }
    }

    /// Every rule, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = &'static RuleInfo> + '_ {
        self.rules.iter().copied()
    }

    /// A rule by its code (any case) or its name.
    pub fn find(&self, code_or_name: &str) -> Option<&'static RuleInfo> {
        self.iter().find(|rule| rule.is_named(code_or_name))
    }

    /// The closest code or name to a mistyped one, for "did you mean".
    pub fn closest(&self, code_or_name: &str) -> Option<&'static str> {
        let candidates: Vec<&'static str> = self.iter().flat_map(|r| [r.code, r.name]).collect();
        crate::suggest::closest(code_or_name, candidates)
    }
}

/// Declares a `RuleInfo` whose `doc` is the doc comment above it.
#[macro_export]
macro_rules! rule_info {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        };
    ) => {
        $vis static $ident: $crate::diagnostic::RuleInfo = $crate::diagnostic::RuleInfo {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
        };
    };
}
