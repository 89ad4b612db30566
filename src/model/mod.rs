//! The resolved campaign: units turned into numbers, dates checked against
//! the calendar, `serves` linked to goals, each creator's role and stages
//! known. Rules, briefs and export all read this model, never the AST.
//!
//! Resolving reports the E-codes (E002 to E010) and keeps going, so one
//! mistake never hides the next. A creator or goal missing a required part
//! is reported and left out of the model, so rules only see whole ones.

mod resolve;
pub mod values;
pub mod vocabulary;

use jiff::civil::Date;

use crate::diagnostic::RuleInfo;
use crate::source::{Span, Spanned};
pub use crate::syntax::ast::{Comparator, Role, Text};
pub use resolve::resolve;
pub use values::Money;
pub use vocabulary::{Format, Language, Metric, MetricKind, Stage};

#[derive(Debug, Clone)]
pub struct Campaign {
    pub name: Text,
    /// The `campaign "NAME"` head: where campaign-wide findings point.
    pub head_span: Span,
    pub window: Option<Window>,
    pub budget: Option<Spanned<Money>>,
    /// Brief languages, in the order written; `en` when not given.
    pub languages: Vec<Language>,
    pub brand: Option<Brand>,
    pub products: Vec<Product>,
    pub goals: Vec<Goal>,
    pub creators: Vec<Creator>,
    pub policy: Policy,
    pub allows: Vec<Allow>,
}

impl Campaign {
    pub fn goal(&self, index: usize) -> Option<&Goal> {
        self.goals.get(index)
    }

    pub fn kols(&self) -> impl Iterator<Item = &Creator> {
        self.creators.iter().filter(|c| c.role == Role::Kol)
    }

    pub fn kocs(&self) -> impl Iterator<Item = &Creator> {
        self.creators.iter().filter(|c| c.role == Role::Koc)
    }

    /// The goals a creator serves, in the order they wrote them.
    pub fn goals_of<'a>(&'a self, creator: &'a Creator) -> impl Iterator<Item = &'a Goal> + 'a {
        creator.serves.iter().filter_map(|g| self.goal(g.value))
    }

    /// The products a creator features.
    pub fn products_of<'a>(
        &'a self,
        creator: &'a Creator,
    ) -> impl Iterator<Item = &'a Product> + 'a {
        creator
            .products
            .iter()
            .filter_map(|p| self.products.get(p.value))
    }

    /// Whether an `allow` silences this rule.
    pub fn allows(&self, rule: &RuleInfo) -> bool {
        self.allows
            .iter()
            .any(|allow| std::ptr::eq(allow.rule, rule))
    }
}

/// `window START to END`
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub start: Date,
    pub end: Date,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Brand {
    pub name: Text,
    pub span: Span,
    pub category: Option<Spanned<String>>,
    pub market: Option<Spanned<String>>,
    pub voice: Option<Text>,
    /// Words no creator may be asked to say.
    pub avoid: Vec<Text>,
    pub hashtags: Vec<Text>,
}

#[derive(Debug, Clone)]
pub struct Product {
    pub name: Text,
    pub span: Span,
    pub price: Option<Spanned<Money>>,
    /// The only claims creators may repeat.
    pub claims: Vec<Text>,
    pub link: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct Goal {
    pub name: Spanned<String>,
    pub span: Span,
    pub stage: Spanned<Stage>,
    pub kpis: Vec<Kpi>,
}

/// `kpi METRIC >= TARGET`
#[derive(Debug, Clone)]
pub struct Kpi {
    pub metric: Metric,
    pub comparator: Comparator,
    pub target: Quantity,
    pub span: Span,
}

/// A KPI target, in the unit its metric is measured in.
#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    Count(u64),
    /// A plain number that may have decimals (`roi >= 2.5`).
    Number(f64),
    Percent(f64),
    Money(Money),
}

#[derive(Debug, Clone)]
pub struct Creator {
    /// With its `@`, as written.
    pub handle: Spanned<String>,
    pub role: Role,
    /// The `kol @handle` head.
    pub head_span: Span,
    pub followers: Spanned<u64>,
    /// Indexes into `Campaign::goals`, each with the span of its name.
    pub serves: Vec<Spanned<usize>>,
    /// The whole `serves` line.
    pub serves_span: Span,
    /// The stages of the goals served, in journey order, once each.
    pub stages: Vec<Stage>,
    /// Indexes into `Campaign::products`.
    pub products: Vec<Spanned<usize>>,
    pub deliveries: Vec<Delivery>,
    pub niche: Vec<Spanned<String>>,
    pub engagement: Option<Spanned<f64>>,
    pub audience: Option<Text>,
    pub fee: Option<Spanned<Money>>,
    pub angle: Option<Text>,
    pub keywords: Vec<Text>,
    pub title: Option<Text>,
    /// Lines the creator must say.
    pub script: Vec<Text>,
    pub note: Option<Text>,
    /// KOL only: art direction.
    pub visual: Option<Text>,
    /// KOC only: days of use before posting.
    pub trial: Option<Spanned<u32>>,
    /// KOC only: questions to answer honestly.
    pub prompts: Vec<Text>,
    /// KOC only: days of replying to comments.
    pub followup: Option<Spanned<u32>>,
}

impl Creator {
    /// A creator with nothing read yet but their head; the resolver fills
    /// in the fields as it reads them.
    pub fn new(handle: Spanned<String>, role: Role, head_span: Span) -> Self {
        Creator {
            handle,
            role,
            head_span,
            followers: Spanned::new(0, head_span),
            serves: Vec::new(),
            serves_span: head_span,
            stages: Vec::new(),
            products: Vec::new(),
            deliveries: Vec::new(),
            niche: Vec::new(),
            engagement: None,
            audience: None,
            fee: None,
            angle: None,
            keywords: Vec::new(),
            title: None,
            script: Vec::new(),
            note: None,
            visual: None,
            trial: None,
            prompts: Vec::new(),
            followup: None,
        }
    }

    /// Days of replying to comments; 7 when not given.
    pub fn followup_days(&self) -> u32 {
        self.followup
            .as_ref()
            .map_or(DEFAULT_FOLLOWUP_DAYS, |f| f.value)
    }

    /// The first date any delivery is due, if dated.
    pub fn first_date(&self) -> Option<Date> {
        self.deliveries.iter().filter_map(|d| d.first_date()).min()
    }
}

/// Days a KOC keeps answering comments when `followup` is not given.
pub const DEFAULT_FOLLOWUP_DAYS: u32 = 7;

/// `deliver FORMAT xN [on DATE | from DATE to DATE]`
#[derive(Debug, Clone)]
pub struct Delivery {
    pub format: Format,
    pub count: u32,
    pub schedule: Option<Schedule>,
    pub span: Span,
}

impl Delivery {
    pub fn first_date(&self) -> Option<Date> {
        self.schedule.as_ref().map(|s| s.first())
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Schedule {
    On(Spanned<Date>),
    Between(Spanned<Date>, Spanned<Date>),
}

impl Schedule {
    pub fn first(&self) -> Date {
        match self {
            Schedule::On(on) => on.value,
            Schedule::Between(from, _) => from.value,
        }
    }

    pub fn last(&self) -> Date {
        match self {
            Schedule::On(on) => on.value,
            Schedule::Between(_, to) => to.value,
        }
    }

    /// The span of the first date.
    pub fn span(&self) -> Span {
        match self {
            Schedule::On(on) => on.span,
            Schedule::Between(from, _) => from.span,
        }
    }
}

/// Thresholds the rules use; `policy { ... }` overrides the defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// RS006: KOCs needed on validation and conversion goals.
    pub min_kocs: u64,
    /// RS008: the largest share of all fees one creator may take, in percent.
    pub max_creator_share: f64,
    /// RS009: a KOC with more followers is not an everyday user.
    pub koc_max_followers: u64,
    /// RS009: a KOL with fewer followers has little reach.
    pub kol_min_followers: u64,
    /// RS010: the shortest trial, in days.
    pub min_trial_days: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_kocs: 3,
            max_creator_share: 50.0,
            koc_max_followers: 10_000,
            kol_min_followers: 50_000,
            min_trial_days: 7,
        }
    }
}

/// `allow RULE "REASON"`
#[derive(Debug, Clone)]
pub struct Allow {
    pub rule: &'static RuleInfo,
    pub reason: String,
    pub span: Span,
}
