//! The spec as written: blocks and statements, each with its byte span.
//!
//! Values keep the user's text (`3.2k`, `12k MYR`, `2026-12-03`); turning
//! them into numbers, money and dates is the model's job, so that `fmt` can
//! print them back as written.

use super::fields::{FieldSpec, Key};
use crate::source::{Span, Spanned};

/// A whole `.campaign` file.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// Top-level nodes: normally one `campaign` block.
    pub nodes: Vec<Node>,
    /// Every `# comment`, in order, for `fmt`.
    pub comments: Vec<Span>,
    /// Creator blocks left for the model to build one at a time
    /// (`syntax::outline`); none in a tree from `syntax::parse`.
    pub unbuilt: Unbuilt,
}

/// Creator blocks of the campaign not yet built: each parses on its own
/// (`syntax::build_creators`), so the model can build, read and drop them
/// a batch at a time, and a large roster's tree is never held whole.
#[derive(Debug, Clone, Default)]
pub struct Unbuilt {
    /// Where each block stands, from its head to its `}`, in file order.
    pub blocks: Vec<std::ops::Range<usize>>,
    /// The text they are read from, when the scanner changed the file's
    /// (full-width punctuation made ASCII); `None`: the file's own text.
    pub text: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Block(Block),
    Statement(Statement),
    /// A line (or block) starting with a word that is no keyword at all; the
    /// model reports it with a suggestion fitting the block it is in.
    Unknown(Unknown),
    /// A line starting with a known keyword whose value could not be read
    /// (already reported as E001). The model counts the field as given, so
    /// it does not also report it missing.
    Invalid(Spanned<&'static str>),
}

impl Node {
    pub fn span(&self) -> Span {
        match self {
            Node::Block(block) => block.span,
            Node::Statement(statement) => statement.span,
            Node::Unknown(unknown) => unknown.span,
            Node::Invalid(key) => key.span,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Unknown {
    pub word: Spanned<String>,
    pub span: Span,
    /// The line ends with `{`: the word was meant as a kind of block.
    pub opens_block: bool,
}

/// `head { body }`
#[derive(Debug, Clone)]
pub struct Block {
    pub head: BlockHead,
    /// The text before `{`, e.g. `kol @lina.glow`.
    pub head_span: Span,
    pub body: Vec<Node>,
    /// From the head to the closing `}`.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Key opinion leader: high-profile, discovery and aspiration.
    Kol,
    /// Key opinion consumer: an everyday user, research and validation.
    Koc,
}

impl Role {
    pub fn keyword(self) -> &'static str {
        match self {
            Role::Kol => "kol",
            Role::Koc => "koc",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Kol => "KOL",
            Role::Koc => "KOC",
        }
    }
}

#[derive(Debug, Clone)]
pub enum BlockHead {
    Campaign {
        name: Text,
    },
    Brand {
        name: Text,
    },
    Product {
        name: Text,
    },
    Goal {
        name: Spanned<String>,
    },
    Creator {
        role: Role,
        handle: Spanned<String>,
    },
    Policy,
    Terms,
    Contact {
        name: Text,
    },
    /// `roster "kocs.csv" as koc`
    Roster {
        path: Text,
        role: Spanned<Role>,
    },
}

impl BlockHead {
    /// The keyword that opens the block.
    pub fn keyword(&self) -> &'static str {
        match self {
            BlockHead::Campaign { .. } => "campaign",
            BlockHead::Brand { .. } => "brand",
            BlockHead::Product { .. } => "product",
            BlockHead::Goal { .. } => "goal",
            BlockHead::Creator { role, .. } => role.keyword(),
            BlockHead::Policy => "policy",
            BlockHead::Terms => "terms",
            BlockHead::Contact { .. } => "contact",
            BlockHead::Roster { .. } => "roster",
        }
    }
}

/// A string value, escapes already decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text as written first: every language without a version of its
    /// own reads it.
    pub value: String,
    /// The first string's quotes and what is between them.
    pub span: Span,
    /// Written as `"""..."""`.
    pub multiline: bool,
    /// `zh "..."` after it: the text for briefs in that language, in the
    /// order written.
    pub translations: Vec<Translation>,
}

/// `zh "睡前护肤仪式"` after a free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The language code as written.
    pub language: Spanned<String>,
    /// The version; its own `translations` are empty.
    pub text: Text,
    /// From the language code to the closing quote.
    pub span: Span,
}

impl Text {
    /// A plain string with no versions in other languages.
    pub fn plain(value: String, span: Span, multiline: bool) -> Text {
        Text {
            value,
            span,
            multiline,
            translations: Vec::new(),
        }
    }

    /// The text a brief in `language` (a code, `zh`) shows: its own
    /// version, or the text as written first.
    pub fn version(&self, language: &str) -> &str {
        self.translation(language)
            .map_or(self.value.as_str(), |t| t.text.value.as_str())
    }

    /// The version written for `language`, if any.
    pub fn translation(&self, language: &str) -> Option<&Translation> {
        self.translations
            .iter()
            .find(|t| t.language.value == language)
    }

    /// What deleting the `index`th version removes: from the end of what
    /// precedes it (the string, or the version before) to its closing
    /// quote, so no space or line is left behind.
    pub fn removal(&self, index: usize) -> Span {
        let start = match index {
            0 => self.span.end,
            _ => self.translations[index - 1].span.end,
        };
        Span::new(start, self.translations[index].span.end)
    }

    /// Where the text and every version of it stand.
    pub fn whole_span(&self) -> Span {
        self.translations
            .last()
            .map_or(self.span, |t| self.span.to(t.span))
    }
}

/// One line: `key value...`.
#[derive(Debug, Clone)]
pub struct Statement {
    /// The keyword as written, e.g. `followers`.
    pub key: Spanned<&'static str>,
    /// The field table's row for the keyword.
    pub field: &'static FieldSpec,
    pub value: Value,
    pub span: Span,
}

impl Statement {
    /// Which field this is.
    pub fn key(&self) -> Key {
        self.field.key
    }
}

/// A literal kept as written (`3.2k`, `4.1%`, `14d`, `2026-12-03`, `x2`).
pub type Literal = Spanned<String>;

/// `600 MYR`: amount and currency as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyLiteral {
    pub amount: Literal,
    pub currency: Literal,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::AtMost => "<=",
        }
    }
}

/// A KPI target as written: a count, a percent or money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityLiteral {
    Count(Literal),
    Percent(Literal),
    Money(MoneyLiteral),
}

impl QuantityLiteral {
    pub fn span(&self) -> Span {
        match self {
            QuantityLiteral::Count(l) | QuantityLiteral::Percent(l) => l.span,
            QuantityLiteral::Money(m) => m.span,
        }
    }
}

/// `on DATE` or `from DATE to DATE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleLiteral {
    On(Literal),
    Between(Literal, Literal),
}

/// A statement's value, in the form its field takes (the field table's
/// `Kind`); the model decides which fields belong in which block.
#[derive(Debug, Clone)]
pub enum Value {
    Text(Text),
    Texts(Vec<Text>),
    Name(Spanned<String>),
    Names(Vec<Spanned<String>>),
    Count(Literal),
    Percent(Literal),
    Money(MoneyLiteral),
    Duration(Literal),
    Durations(Vec<Literal>),
    Date(Literal),
    Market(Literal),
    Window {
        start: Literal,
        end: Literal,
    },
    Kpi {
        metric: Spanned<String>,
        comparator: Spanned<Comparator>,
        target: QuantityLiteral,
    },
    Deliver {
        format: Spanned<String>,
        times: Literal,
        schedule: Option<ScheduleLiteral>,
    },
    Allow {
        rule: Literal,
        reason: Option<Text>,
    },
    Rights {
        uses: Vec<Spanned<String>>,
        duration: Literal,
    },
    Peak {
        name: Text,
        date: Literal,
    },
    Cost {
        name: Text,
        amount: MoneyLiteral,
    },
}
