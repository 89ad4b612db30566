//! The resolved campaign: units turned into numbers, dates checked against
//! the calendar, `serves` linked to goals, each creator's role and stages
//! known. Rules, briefs and export all read this model, never the AST.
//!
//! Resolving reports the E-codes (E002 to E010) and keeps going, so one
//! mistake never hides the next. A creator or goal missing a required part
//! is reported and left out of the model, so rules only see whole ones.

pub mod file_name;
mod resolve;
pub mod values;
pub mod vocabulary;

use std::sync::Arc;

use jiff::civil::Date;

use crate::diagnostic::RuleInfo;
use crate::source::{Span, Spanned};
pub use crate::syntax::ast::{Comparator, Role, Text};
pub use resolve::{resolve, resolve_outline, Resolved};
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
    /// Who creators talk to.
    pub contact: Option<Contact>,
    /// The campaign's terms: every creator's, unless they override one.
    pub terms: Terms,
    /// Sales moments (双11, 双12, 618), in the order written.
    pub peaks: Vec<Peak>,
    /// Money spent besides fees.
    pub costs: Vec<Cost>,
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
    /// Free texts, each boxed: most creators leave most of them out, and
    /// ten thousand creators are held at once.
    pub audience: Option<Box<Text>>,
    pub fee: Option<Spanned<Money>>,
    pub angle: Option<Box<Text>>,
    pub keywords: Vec<Text>,
    pub title: Option<Box<Text>>,
    /// Lines the creator must say.
    pub script: Vec<Text>,
    pub note: Option<Box<Text>>,
    /// KOL only: art direction.
    pub visual: Option<Box<Text>>,
    /// KOC only: days of use before posting.
    pub trial: Option<Spanned<u32>>,
    /// KOC only: questions to answer honestly.
    pub prompts: Vec<Text>,
    /// KOC only: days of replying to comments.
    pub followup: Option<Spanned<u32>>,
    /// The account's Xiaohongshu number.
    pub xhs_id: Option<Box<Text>>,
    /// The name as written (a roster's 昵称), to greet them by.
    pub nickname: Option<Box<Text>>,
    /// The spreadsheet cell a roster creator came from (`kocs.csv:14:3`,
    /// `kocs.xlsx!C14`); `None` for a creator typed in the spec.
    pub source: Option<String>,
    /// The terms this creator works under: the campaign's, with their own
    /// `terms { ... }` over them. Shared with the campaign's when they
    /// have none of their own, as most do.
    pub terms: Arc<Terms>,
    /// Their dates, worked out once from the terms and the deliveries, so
    /// briefs, the overview, the order text and export agree.
    pub dates: CreatorDates,
}

impl Creator {
    /// Gives back the room its lists grew into while read (a list that
    /// grows starts with room for four): a roster holds ten thousand
    /// creators at once.
    pub fn shrink_to_fit(&mut self) {
        self.serves.shrink_to_fit();
        self.stages.shrink_to_fit();
        self.products.shrink_to_fit();
        self.deliveries.shrink_to_fit();
        self.niche.shrink_to_fit();
        self.keywords.shrink_to_fit();
        self.script.shrink_to_fit();
        self.prompts.shrink_to_fit();
    }

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
            xhs_id: None,
            nickname: None,
            source: None,
            terms: Arc::default(),
            dates: CreatorDates::default(),
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

/// `contact "NAME" { wechat, email, phone }`
#[derive(Debug, Clone)]
pub struct Contact {
    pub name: Text,
    pub wechat: Option<Text>,
    pub email: Option<Text>,
    pub phone: Option<Text>,
    pub span: Span,
}

/// `terms { ... }`: what a creator agrees to. Every term is optional; the
/// ones with a default say so in their accessor.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// When the product reaches creators.
    pub samples: Option<Spanned<Date>>,
    /// The draft is due this many days before the first post.
    pub draft: Option<Spanned<u32>>,
    /// Days we take to answer a draft.
    pub review: Option<Spanned<u32>>,
    /// Rounds of changes we may ask for.
    pub revisions: Option<Spanned<u64>>,
    /// Days the note stays up, unedited.
    pub keep_live: Option<Spanned<u32>>,
    pub rights: Option<Rights>,
    /// Days without a paid post for a competing brand.
    pub exclusivity: Option<Spanned<u32>>,
    /// Days after posting that data screenshots are due.
    pub report: Vec<Spanned<u32>>,
    pub payment: Option<Text>,
    pub fee_includes: Vec<FeeInclude>,
}

/// Days before the first post that a draft is due, when `draft` is not given.
pub const DEFAULT_DRAFT_DAYS: u32 = 3;
/// Days we take to answer a draft, when `review` is not given.
pub const DEFAULT_REVIEW_DAYS: u32 = 2;
/// Rounds of changes, when `revisions` is not given.
pub const DEFAULT_REVISIONS: u64 = 2;

impl Terms {
    pub fn draft_days(&self) -> u32 {
        self.draft.as_ref().map_or(DEFAULT_DRAFT_DAYS, |d| d.value)
    }

    pub fn review_days(&self) -> u32 {
        self.review
            .as_ref()
            .map_or(DEFAULT_REVIEW_DAYS, |d| d.value)
    }

    pub fn revisions(&self) -> u64 {
        self.revisions
            .as_ref()
            .map_or(DEFAULT_REVISIONS, |r| r.value)
    }

    /// These terms with every term `over` gives put over them.
    pub fn overridden_by(&self, over: &Terms) -> Terms {
        Terms {
            samples: over.samples.or(self.samples),
            draft: over.draft.or(self.draft),
            review: over.review.or(self.review),
            revisions: over.revisions.or(self.revisions),
            keep_live: over.keep_live.or(self.keep_live),
            rights: over.rights.clone().or_else(|| self.rights.clone()),
            exclusivity: over.exclusivity.or(self.exclusivity),
            report: if over.report.is_empty() {
                self.report.clone()
            } else {
                over.report.clone()
            },
            payment: over.payment.clone().or_else(|| self.payment.clone()),
            fee_includes: if over.fee_includes.is_empty() {
                self.fee_includes.clone()
            } else {
                over.fee_includes.clone()
            },
        }
    }
}

/// `rights repost, boost for 90d`
#[derive(Debug, Clone)]
pub struct Rights {
    pub uses: Vec<RightUse>,
    pub days: u32,
    pub span: Span,
}

/// What the brand may do with a creator's note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RightUse {
    /// Repost it on the brand's own account.
    Repost,
    /// Pay to push it (薯条, 聚光).
    Boost,
    /// Use it in the brand's ads.
    Ads,
}

/// What a creator's fee covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeInclude {
    Tax,
    PlatformFee,
}

/// `peak "双12" 2026-12-12`: a sales moment.
#[derive(Debug, Clone)]
pub struct Peak {
    pub name: Text,
    pub date: Spanned<Date>,
    pub span: Span,
}

/// `cost "Samples, 40 units" 7.5k MYR`
#[derive(Debug, Clone)]
pub struct Cost {
    pub name: Text,
    pub amount: Spanned<Money>,
    pub span: Span,
}

/// A creator's dates, derived from the terms and the deliveries. A delivery
/// given as a range counts from its first day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreatorDates {
    /// The first day anything is posted.
    pub first_post: Option<Date>,
    /// When the product reaches them (`terms { samples }`).
    pub samples_arrive: Option<Date>,
    /// KOC: the first post date minus `trial`.
    pub trial_start: Option<Date>,
    /// The first post date minus `draft`.
    pub draft_due: Option<Date>,
    /// The draft due date plus `review`.
    pub feedback_by: Option<Date>,
    /// Each delivery's first day plus each `report` duration, in order.
    pub data_due: Vec<Date>,
}

impl CreatorDates {
    /// Works out the dates of a creator under `terms`.
    pub fn of(creator: &Creator, terms: &Terms) -> CreatorDates {
        let days = |n: u32| jiff::Span::new().days(i64::from(n));
        let before = |date: Date, n: u32| date.checked_sub(days(n)).ok();
        let after = |date: Date, n: u32| date.checked_add(days(n)).ok();
        let first_post = creator.first_date();
        let draft_due = first_post.and_then(|d| before(d, terms.draft_days()));
        let mut data_due: Vec<Date> = creator
            .deliveries
            .iter()
            .filter_map(Delivery::first_date)
            .flat_map(|posted| {
                terms
                    .report
                    .iter()
                    .filter_map(move |r| after(posted, r.value))
            })
            .collect();
        data_due.sort();
        data_due.dedup();
        CreatorDates {
            first_post,
            samples_arrive: terms.samples.map(|s| s.value),
            trial_start: match (&creator.trial, first_post) {
                (Some(trial), Some(first)) if creator.role == Role::Koc => {
                    before(first, trial.value)
                }
                _ => None,
            },
            draft_due,
            feedback_by: draft_due.and_then(|d| after(d, terms.review_days())),
            data_due,
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
