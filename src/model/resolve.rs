//! AST to `Campaign`, reporting E002 to E010 on the way.

use std::collections::{HashMap, HashSet};

use super::values;
use super::vocabulary::{Unit, Vocabulary};
use super::*;
use crate::diagnostic::codes::{
    BAD_ALLOW, CURRENCY, DUPLICATE, INVALID_VALUE, MISSING, OVER_BUDGET, SCHEDULE, SYNTAX,
    UNKNOWN_NAME, WRONG_ROLE_FIELD,
};
use crate::diagnostic::{Catalogue, Finding};
use crate::suggest;
use crate::syntax::ast::{
    Block, BlockHead, Field, Literal, MoneyLiteral, Node, QuantityLiteral, ScheduleLiteral, Spec,
    Statement, Unknown,
};

/// The model (when there is a campaign block at all) and the findings.
pub struct Resolved {
    pub campaign: Option<Campaign>,
    pub findings: Vec<Finding>,
}

/// Where a statement stands, which decides what it may say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Campaign,
    Brand,
    Product,
    Goal,
    Creator(Role),
    Policy,
}

const CAMPAIGN_FIELDS: &[&str] = &["window", "budget", "languages", "allow"];
const CAMPAIGN_BLOCKS: &[&str] = &["brand", "product", "goal", "kol", "koc", "policy"];
const BRAND_FIELDS: &[&str] = &["category", "market", "voice", "avoid", "hashtags"];
const PRODUCT_FIELDS: &[&str] = &["price", "claims", "link"];
const GOAL_FIELDS: &[&str] = &["stage", "kpi"];
const CREATOR_FIELDS: &[&str] = &[
    "followers",
    "serves",
    "product",
    "deliver",
    "niche",
    "engagement",
    "audience",
    "fee",
    "angle",
    "keywords",
    "title",
    "script",
    "note",
    "visual",
    "trial",
    "prompts",
    "followup",
];
const KOL_ONLY: &[&str] = &["visual"];
const KOC_ONLY: &[&str] = &["trial", "prompts", "followup"];
const POLICY_FIELDS: &[&str] = &[
    "min_kocs",
    "max_creator_share",
    "koc_max_followers",
    "kol_min_followers",
    "min_trial",
];
/// Fields that take one value; the others are lists, and a second line adds to the list.
const SINGLE_VALUED: &[&str] = &[
    "window",
    "budget",
    "category",
    "market",
    "voice",
    "price",
    "link",
    "stage",
    "followers",
    "engagement",
    "audience",
    "fee",
    "angle",
    "title",
    "note",
    "visual",
    "trial",
    "followup",
    "min_kocs",
    "max_creator_share",
    "koc_max_followers",
    "kol_min_followers",
    "min_trial",
];

impl Place {
    fn fields(self) -> &'static [&'static str] {
        match self {
            Place::Campaign => CAMPAIGN_FIELDS,
            Place::Brand => BRAND_FIELDS,
            Place::Product => PRODUCT_FIELDS,
            Place::Goal => GOAL_FIELDS,
            Place::Creator(_) => CREATOR_FIELDS,
            Place::Policy => POLICY_FIELDS,
        }
    }

    /// "a creator", "the brand": the kind of block, for messages.
    fn kind(self) -> &'static str {
        match self {
            Place::Campaign => "the campaign",
            Place::Brand => "the brand",
            Place::Product => "a product",
            Place::Goal => "a goal",
            Place::Creator(_) => "a creator",
            Place::Policy => "the policy",
        }
    }
}

/// The kind of block a field belongs in, if any.
fn home_of(key: &str) -> Option<Place> {
    [
        Place::Brand,
        Place::Product,
        Place::Goal,
        Place::Creator(Role::Kol),
        Place::Policy,
        Place::Campaign,
    ]
    .into_iter()
    .find(|place| place.fields().contains(&key))
}

/// Resolves a spec; `allow` lines are looked up in `rules`.
pub fn resolve(spec: &Spec, rules: &Catalogue) -> Resolved {
    let mut resolver = Resolver {
        findings: Vec::new(),
        rules,
    };
    let campaign = resolver.spec(spec);
    let mut findings = resolver.findings;
    crate::diagnostic::sort(&mut findings);
    Resolved { campaign, findings }
}

struct Resolver<'r> {
    findings: Vec<Finding>,
    rules: &'r Catalogue,
}

impl Resolver<'_> {
    fn report(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    fn spec(&mut self, spec: &Spec) -> Option<Campaign> {
        let mut campaign: Option<Campaign> = None;
        for node in &spec.nodes {
            match node {
                Node::Block(block) => match (&block.head, &campaign) {
                    (BlockHead::Campaign { .. }, Some(first)) => self.report(
                        Finding::new(&DUPLICATE, block.head_span, "a second campaign in one file")
                            .label("second campaign")
                            .related(first.head_span, "the first campaign")
                            .help("keep one campaign per file: move this one to a file of its own"),
                    ),
                    (BlockHead::Campaign { name }, None) => {
                        campaign = Some(self.campaign(block, name.clone()))
                    }
                    _ => self.outside(block.head_span, block.head.keyword()),
                },
                Node::Statement(statement) => self.outside(statement.span, statement.key.value),
                Node::Unknown(unknown) => self.outside(unknown.span, &unknown.word.value),
                Node::Invalid(key) => self.outside(key.span, key.value),
            }
        }
        if campaign.is_none() {
            self.report(
                Finding::new(&MISSING, Span::at(0), "this file has no `campaign` block")
                    .label("expected `campaign \"NAME\" {` here")
                    .help("wrap the spec in `campaign \"NAME\" { ... }`; `redbrief init` writes a starter campaign to edit"),
            );
        }
        campaign
    }

    fn outside(&mut self, span: Span, what: &str) {
        self.report(
            Finding::new(
                &SYNTAX,
                span,
                format!("`{what}` stands outside the `campaign` block"),
            )
            .label("outside the campaign")
            .help("move it inside `campaign \"NAME\" { ... }`"),
        );
    }

    /// Checks that a statement belongs where it stands and is not a repeat
    /// of a single-valued field.
    fn accept(
        &mut self,
        statement: &Statement,
        place: Place,
        owner: &str,
        seen: &mut HashMap<&'static str, Span>,
    ) -> bool {
        let key = statement.key.value;
        if let Place::Creator(role) = place {
            let (wrong, other) = match role {
                Role::Kol => (KOC_ONLY, "KOC"),
                Role::Koc => (KOL_ONLY, "KOL"),
            };
            if wrong.contains(&key) {
                let hint = match role {
                    Role::Kol => "a KOL creates aspiration; trials, reader questions and comment follow-up are a KOC's part",
                    Role::Koc => "a KOC shoots on a phone in everyday settings; art direction is for a KOL's polished post",
                };
                self.report(
                    Finding::new(
                        &WRONG_ROLE_FIELD,
                        statement.key.span,
                        format!("`{key}` is a {other}-only field, but {owner} is a {}", role.label()),
                    )
                    .label(format!("{other}-only field"))
                    .help(format!(
                        "remove `{key}` ({hint}), or declare the creator with `{}` if they are a {other}",
                        other.to_lowercase()
                    )),
                );
                return false;
            }
        }
        if !place.fields().contains(&key) {
            let help = match home_of(key) {
                Some(home) => format!("`{key}` belongs in {} block; move it there", home.kind()),
                None => format!(
                    "{} block takes {}",
                    place.kind(),
                    suggest::quote_list(place.fields())
                ),
            };
            self.report(
                Finding::new(
                    &UNKNOWN_NAME,
                    statement.key.span,
                    format!("`{key}` is not a field of {owner}"),
                )
                .label("not a field here")
                .help(help),
            );
            return false;
        }
        if SINGLE_VALUED.contains(&key) {
            if let Some(first) = seen.get(key) {
                self.report(
                    Finding::new(
                        &DUPLICATE,
                        statement.span,
                        format!("`{key}` is given twice in {owner}"),
                    )
                    .label("second value")
                    .related(*first, "first value")
                    .help(format!("keep one `{key}` line and delete the other")),
                );
                return false;
            }
            seen.insert(key, statement.span);
        }
        true
    }

    fn unknown(&mut self, unknown: &Unknown, place: Place, owner: &str) {
        let word = &unknown.word.value;
        let mut known: Vec<&str> = place.fields().to_vec();
        if place == Place::Campaign {
            known.extend_from_slice(CAMPAIGN_BLOCKS);
        }
        let help = if unknown.opens_block
            && ["creator", "influencer", "kols", "kocs"].contains(&word.to_lowercase().as_str())
        {
            "a creator block starts with its role: `kol @handle {` or `koc @handle {`".to_string()
        } else if let Some(best) = suggest::closest(word, known.iter().copied()) {
            format!("did you mean `{best}`?")
        } else if let Some(home) =
            suggest::closest(word, crate::syntax::keywords()).and_then(home_of)
        {
            format!(
                "no such field in {}; the closest is a field of {} block",
                place.kind(),
                home.kind()
            )
        } else {
            format!(
                "{} block takes {}",
                place.kind(),
                suggest::quote_list(&known)
            )
        };
        let what = if unknown.opens_block {
            "kind of block"
        } else {
            "field"
        };
        self.report(
            Finding::new(
                &UNKNOWN_NAME,
                unknown.word.span,
                format!("unknown {what} `{word}` in {owner}"),
            )
            .label(format!("unknown {what}"))
            .help(help),
        );
    }

    /// The statements of a block that may be read, in order, and the keys
    /// of every field given (readable or not). Nested blocks and unknown
    /// lines are reported here.
    fn statements<'a>(&mut self, block: &'a Block, place: Place, owner: &str) -> Given<'a> {
        let mut seen = HashMap::new();
        let mut accepted = Vec::new();
        let mut keys = HashSet::new();
        for node in &block.body {
            match node {
                Node::Invalid(key) => {
                    keys.insert(key.value);
                }
                Node::Statement(statement) => {
                    keys.insert(statement.key.value);
                    if self.accept(statement, place, owner, &mut seen) {
                        accepted.push(statement);
                    }
                }
                Node::Block(inner) => self.report(
                    Finding::new(
                        &SYNTAX,
                        inner.head_span,
                        format!("a `{}` block inside {owner}", inner.head.keyword()),
                    )
                    .label("blocks do not nest here")
                    .help(format!(
                        "close {owner} with `}}` first; `{}` blocks stand directly inside the campaign",
                        inner.head.keyword()
                    )),
                ),
                Node::Unknown(unknown) => self.unknown(unknown, place, owner),
            }
        }
        Given {
            statements: accepted,
            keys,
        }
    }

    // ---------------------------------------------------------- values

    fn invalid(&mut self, span: Span, message: String, help: &str) {
        self.report(
            Finding::new(&INVALID_VALUE, span, message)
                .label("invalid value")
                .help(help),
        );
    }

    /// Reads a literal with `read`; a value that cannot be is E004,
    /// prefixed with what it is the value of.
    fn value<T>(
        &mut self,
        literal: &Literal,
        what: &str,
        read: fn(&str) -> Result<T, String>,
        help: &str,
    ) -> Option<T> {
        read(&literal.value)
            .map_err(|e| self.invalid(literal.span, format!("{what}: {e}"), help))
            .ok()
    }

    fn count(&mut self, literal: &Literal, what: &str) -> Option<u64> {
        let help = "write a whole number above zero, like 3200 or 3.2k";
        self.value(literal, what, values::count, help)
    }

    fn percent(&mut self, literal: &Literal, what: &str) -> Option<f64> {
        let help = "write a percent from 0% to 100%, like 4.1%";
        self.value(literal, what, values::percent, help)
    }

    fn duration(&mut self, literal: &Literal, what: &str) -> Option<u32> {
        let help = "write a number of days or weeks, like 14d or 2w";
        self.value(literal, what, values::duration, help)
    }

    fn date(&mut self, literal: &Literal) -> Option<Spanned<jiff::civil::Date>> {
        values::date(&literal.value)
            .map(|date| Spanned::new(date, literal.span))
            .map_err(|e| {
                self.invalid(
                    literal.span,
                    e,
                    "write a real date as YYYY-MM-DD, like 2026-12-03",
                )
            })
            .ok()
    }

    /// Money; `positive` for amounts that cannot be zero (budget, price).
    fn money(
        &mut self,
        literal: &MoneyLiteral,
        what: &str,
        positive: bool,
    ) -> Option<Spanned<Money>> {
        match values::money(&literal.amount.value, &literal.currency.value) {
            Ok(money) if positive && money.hundredths == 0 => {
                self.invalid(
                    literal.span,
                    format!("{what} is zero"),
                    "write an amount above zero, like 600 MYR",
                );
                None
            }
            Ok(money) => Some(Spanned::new(money, literal.span)),
            Err(e) => {
                self.invalid(
                    literal.span,
                    format!("{what}: {e}"),
                    "write an amount with at most two decimals, like 189.90 MYR",
                );
                None
            }
        }
    }

    fn vocabulary<V: Vocabulary>(&mut self, word: &Spanned<String>, owner: &str) -> Option<V> {
        let found = V::parse(&word.value);
        if found.is_none() {
            self.report(
                Finding::new(
                    &UNKNOWN_NAME,
                    word.span,
                    format!("unknown {} `{}` in {owner}", V::WHAT, word.value),
                )
                .label(format!("unknown {}", V::WHAT))
                .help(V::help(&word.value)),
            );
        }
        found
    }

    // ---------------------------------------------------------- blocks

    fn campaign(&mut self, block: &Block, name: Text) -> Campaign {
        let owner = "the campaign";
        let mut campaign = Campaign {
            name,
            head_span: block.head_span,
            window: None,
            budget: None,
            languages: Vec::new(),
            brand: None,
            products: Vec::new(),
            goals: Vec::new(),
            creators: Vec::new(),
            policy: Policy::default(),
            allows: Vec::new(),
        };
        let mut seen = HashMap::new();
        let mut creators = Vec::new();
        let mut policy_span: Option<Span> = None;
        let mut goal_spans: HashMap<String, Span> = HashMap::new();
        let mut broken_goals = HashSet::new();
        let mut product_spans: HashMap<String, Span> = HashMap::new();
        let mut window_literal = None;

        for node in &block.body {
            match node {
                Node::Block(inner) => {
                    match &inner.head {
                        BlockHead::Brand { name } => match &campaign.brand {
                            Some(first) => self.report(
                                Finding::new(&DUPLICATE, inner.head_span, "a second `brand` block")
                                    .label("second brand")
                                    .related(first.span, "the first brand")
                                    .help("a campaign advertises one brand: merge the two blocks"),
                            ),
                            None => campaign.brand = Some(self.brand(inner, name.clone())),
                        },
                        BlockHead::Product { name } => {
                            if let Some(first) = product_spans.get(&name.value) {
                                self.report(
                                Finding::new(&DUPLICATE, inner.head_span, format!("product \"{}\" is declared twice", name.value))
                                    .label("second declaration")
                                    .related(*first, "first declared here")
                                    .help("merge the two product blocks, or give each product its own name"),
                            );
                                continue;
                            }
                            product_spans.insert(name.value.clone(), inner.head_span);
                            let product = self.product(inner, name.clone());
                            campaign.products.push(product);
                        }
                        BlockHead::Goal { name } => {
                            if let Some(first) = goal_spans.get(&name.value) {
                                self.report(
                                Finding::new(&DUPLICATE, inner.head_span, format!("goal `{}` is declared twice", name.value))
                                    .label("second declaration")
                                    .related(*first, "first declared here")
                                    .help("rename one of the goals, or merge their KPIs into one block"),
                            );
                                continue;
                            }
                            goal_spans.insert(name.value.clone(), inner.head_span);
                            match self.goal(inner, name) {
                                Some(goal) => campaign.goals.push(goal),
                                None => {
                                    broken_goals.insert(name.value.clone());
                                }
                            }
                        }
                        BlockHead::Creator { role, handle } => {
                            creators.push((inner, *role, handle))
                        }
                        BlockHead::Policy => {
                            if let Some(first) = policy_span {
                                self.report(
                                    Finding::new(
                                        &DUPLICATE,
                                        inner.head_span,
                                        "a second `policy` block",
                                    )
                                    .label("second policy")
                                    .related(first, "the first policy")
                                    .help("merge the two policy blocks"),
                                );
                                continue;
                            }
                            policy_span = Some(inner.head_span);
                            campaign.policy = self.policy(inner);
                        }
                        BlockHead::Campaign { .. } => self.report(
                            Finding::new(
                                &DUPLICATE,
                                inner.head_span,
                                "a campaign inside the campaign",
                            )
                            .label("nested campaign")
                            .help("keep one campaign per file"),
                        ),
                    }
                }
                Node::Statement(statement) => {
                    if !self.accept(statement, Place::Campaign, owner, &mut seen) {
                        continue;
                    }
                    match &statement.field {
                        Field::Window { start, end } => {
                            window_literal = Some(statement.span);
                            let (start, end) = (self.date(start), self.date(end));
                            if let (Some(start), Some(end)) = (start, end) {
                                if start.value > end.value {
                                    self.report(
                                        Finding::new(&SCHEDULE, statement.span, format!("the campaign window ends ({}) before it starts ({})", end.value, start.value))
                                            .label("ends before it starts")
                                            .help("write the start date first: `window START to END`"),
                                    );
                                } else {
                                    campaign.window = Some(Window {
                                        start: start.value,
                                        end: end.value,
                                        span: statement.span,
                                    });
                                }
                            }
                        }
                        Field::Budget(money) => {
                            campaign.budget = self.money(money, "the budget", true)
                        }
                        Field::Languages(languages) => {
                            for language in languages {
                                if let Some(language) = self.vocabulary::<Language>(language, owner)
                                {
                                    if !campaign.languages.contains(&language) {
                                        campaign.languages.push(language);
                                    }
                                }
                            }
                        }
                        Field::Allow { rule, reason } => {
                            if let Some(allow) = self.allow(statement.span, rule, reason.as_ref()) {
                                campaign.allows.push(allow);
                            }
                        }
                        _ => {}
                    }
                }
                Node::Unknown(unknown) => self.unknown(unknown, Place::Campaign, owner),
                Node::Invalid(key) => {
                    if key.value == "window" {
                        window_literal = Some(key.span);
                    }
                }
            }
        }
        if campaign.languages.is_empty() {
            campaign.languages.push(Language::En);
        }

        let goal_index: HashMap<&str, usize> = campaign
            .goals
            .iter()
            .enumerate()
            .map(|(i, goal)| (goal.name.value.as_str(), i))
            .collect();
        let mut handles: HashMap<&str, (Role, Span)> = HashMap::new();
        let mut resolved = Vec::with_capacity(creators.len());
        for (block, role, handle) in creators {
            if let Some((first_role, first_span)) = handles.get(handle.value.as_str()) {
                let finding = if *first_role == role {
                    Finding::new(
                        &DUPLICATE,
                        handle.span,
                        format!("{} is declared twice", handle.value),
                    )
                    .label("second declaration")
                    .help("keep one block per creator: merge the two")
                } else {
                    Finding::new(
                        &DUPLICATE,
                        handle.span,
                        format!("{} is declared as both a {} and a {}", handle.value, first_role.label(), role.label()),
                    )
                    .label(format!("declared again as a {}", role.label()))
                    .help("a creator plays one part: a KOL creates awareness, a KOC builds trust; keep the block with the role you mean")
                };
                self.report(finding.related(*first_span, "first declared here"));
                continue;
            }
            handles.insert(handle.value.as_str(), (role, handle.span));
            let context = CreatorContext {
                goals: &goal_index,
                broken_goals: &broken_goals,
                campaign: &campaign,
            };
            if let Some(creator) = self.creator(block, role, handle, &context) {
                resolved.push(creator);
            }
        }
        campaign.creators = resolved;

        self.required_parts(
            &campaign,
            window_literal.is_some(),
            !goal_spans.is_empty(),
            !handles.is_empty(),
        );
        self.schedule(&campaign);
        self.money_totals(&campaign);
        campaign
    }

    fn required_parts(
        &mut self,
        campaign: &Campaign,
        has_window: bool,
        has_goal: bool,
        has_creator: bool,
    ) {
        let mut missing = |what: &str, help: &str| {
            self.findings.push(
                Finding::new(
                    &MISSING,
                    campaign.head_span,
                    format!("the campaign has no {what}"),
                )
                .label(format!("no {what} in this campaign"))
                .help(help.to_string()),
            );
        };
        if !has_window {
            missing(
                "`window`",
                "add a line like `window 2026-12-01 to 2027-01-31` inside the campaign",
            );
        }
        if campaign.brand.is_none() {
            missing(
                "`brand` block",
                "add `brand \"NAME\" { ... }` with the brand's category, market and voice",
            );
        }
        if campaign.products.is_empty() {
            missing(
                "`product` block",
                "add `product \"NAME\" { ... }` with its price and the claims creators may repeat",
            );
        }
        if !has_goal {
            missing("`goal`", "add a goal, e.g. `goal launch { stage discovery  kpi reach >= 800k }` over three lines");
        }
        if !has_creator {
            missing(
                "creator",
                "add a `kol @handle { ... }` or `koc @handle { ... }` block",
            );
        }
    }

    fn schedule(&mut self, campaign: &Campaign) {
        let Some(window) = campaign.window else {
            return;
        };
        for creator in &campaign.creators {
            for delivery in &creator.deliveries {
                let dates: Vec<Spanned<jiff::civil::Date>> = match delivery.schedule {
                    None => continue,
                    Some(Schedule::On(on)) => vec![on],
                    Some(Schedule::Between(from, to)) => vec![from, to],
                };
                for date in dates {
                    if date.value < window.start || date.value > window.end {
                        self.report(
                            Finding::new(
                                &SCHEDULE,
                                date.span,
                                format!(
                                    "{}'s delivery on {} is outside the campaign window ({} to {})",
                                    creator.handle.value, date.value, window.start, window.end
                                ),
                            )
                            .label("outside the window")
                            .related(window.span, "the campaign window")
                            .help("move the delivery into the window, or widen the window"),
                        );
                    }
                }
            }
        }
    }

    /// E009 (one currency) and then E008 (fees within the budget).
    fn money_totals(&mut self, campaign: &Campaign) {
        let mut amounts: Vec<(&Spanned<Money>, String)> = Vec::new();
        if let Some(budget) = &campaign.budget {
            amounts.push((budget, "the budget".to_string()));
        }
        for creator in &campaign.creators {
            if let Some(fee) = &creator.fee {
                amounts.push((fee, format!("{}'s fee", creator.handle.value)));
            }
        }
        for product in &campaign.products {
            if let Some(price) = &product.price {
                amounts.push((price, format!("the price of \"{}\"", product.name.value)));
            }
        }
        let Some((reference, reference_what)) = amounts.first() else {
            return;
        };
        let currency = reference.value.currency.clone();
        let reference_span = reference.span;
        let reference_what = reference_what.clone();
        let mut mixed = false;
        for (money, what) in &amounts[1..] {
            if money.value.currency != currency {
                mixed = true;
                self.findings.push(
                    Finding::new(
                        &CURRENCY,
                        money.span,
                        format!(
                            "{what} is in {}, but {reference_what} is in {currency}",
                            money.value.currency
                        ),
                    )
                    .label(format!("not {currency}"))
                    .related(reference_span, format!("{currency} here"))
                    .help(format!(
                        "write every amount in {currency}; redbrief does not convert currencies"
                    )),
                );
            }
        }
        if mixed {
            return;
        }
        let Some(budget) = &campaign.budget else {
            return;
        };
        let fees: u64 = campaign
            .creators
            .iter()
            .filter_map(|c| c.fee.as_ref())
            .map(|fee| fee.value.hundredths)
            .sum();
        if fees > budget.value.hundredths {
            let total = Money {
                hundredths: fees,
                currency: currency.clone(),
            };
            let over = Money {
                hundredths: fees - budget.value.hundredths,
                currency,
            };
            self.findings.push(
                Finding::new(
                    &OVER_BUDGET,
                    budget.span,
                    format!(
                        "the creators' fees add up to {total}, {over} over the budget of {}",
                        budget.value
                    ),
                )
                .label("budget exceeded")
                .help("raise the budget, lower fees, or take a creator off the roster"),
            );
        }
    }

    fn allow(&mut self, span: Span, rule: &Literal, reason: Option<&Text>) -> Option<Allow> {
        let Some(info) = self.rules.find(&rule.value) else {
            let help = match self.rules.closest(&rule.value) {
                Some(best) => format!("did you mean `{best}`? `redbrief rules` lists every rule"),
                None => "`redbrief rules` lists every rule's code and name".to_string(),
            };
            self.report(
                Finding::new(
                    &BAD_ALLOW,
                    rule.span,
                    format!("`allow` names `{}`, which is no rule", rule.value),
                )
                .label("unknown rule")
                .help(help),
            );
            return None;
        };
        if info.is_spec_error() {
            self.report(
                Finding::new(
                    &BAD_ALLOW,
                    rule.span,
                    format!(
                        "{} ({}) cannot be allowed: it means the spec itself is wrong",
                        info.code, info.name
                    ),
                )
                .label("E-codes cannot be silenced")
                .help("fix what the error points at and delete this `allow`"),
            );
            return None;
        }
        match reason.map(|r| r.value.trim()).filter(|r| !r.is_empty()) {
            Some(reason) => Some(Allow {
                rule: info,
                reason: reason.to_string(),
                span,
            }),
            None => {
                self.report(
                    Finding::new(&BAD_ALLOW, span, format!("`allow {}` gives no reason", rule.value))
                        .label("no reason")
                        .help(format!("say why in quotes, e.g. `allow {} \"Pilot wave before we scale\"`; the reason is printed in the overview", rule.value)),
                );
                None
            }
        }
    }

    fn brand(&mut self, block: &Block, name: Text) -> Brand {
        let owner = format!("the brand \"{}\"", name.value);
        let mut brand = Brand {
            name,
            span: block.head_span,
            category: None,
            market: None,
            voice: None,
            avoid: Vec::new(),
            hashtags: Vec::new(),
        };
        for statement in self.statements(block, Place::Brand, &owner).statements {
            match &statement.field {
                Field::Category(category) => brand.category = Some(category.clone()),
                Field::Market(market) => brand.market = Some(market.clone()),
                Field::Voice(voice) => brand.voice = Some(voice.clone()),
                Field::Avoid(words) => brand.avoid.extend(words.iter().cloned()),
                Field::Hashtags(tags) => brand.hashtags.extend(tags.iter().cloned()),
                _ => {}
            }
        }
        brand
    }

    fn product(&mut self, block: &Block, name: Text) -> Product {
        let owner = format!("the product \"{}\"", name.value);
        let mut product = Product {
            name,
            span: block.head_span,
            price: None,
            claims: Vec::new(),
            link: None,
        };
        for statement in self.statements(block, Place::Product, &owner).statements {
            match &statement.field {
                Field::Price(price) => product.price = self.money(price, "the price", true),
                Field::Claims(claims) => product.claims.extend(claims.iter().cloned()),
                Field::Link(link) => product.link = Some(link.clone()),
                _ => {}
            }
        }
        product
    }

    fn goal(&mut self, block: &Block, name: &Spanned<String>) -> Option<Goal> {
        let owner = format!("goal `{}`", name.value);
        let mut stage = None;
        let mut kpis = Vec::new();
        let given = self.statements(block, Place::Goal, &owner);
        let stage_given = given.keys.contains("stage");
        let kpi_given = given.keys.contains("kpi");
        for statement in given.statements {
            match &statement.field {
                Field::Stage(word) => {
                    stage = self
                        .vocabulary::<Stage>(word, &owner)
                        .map(|s| Spanned::new(s, word.span));
                }
                Field::Kpi {
                    metric,
                    comparator,
                    target,
                } => {
                    if let Some(kpi) =
                        self.kpi(statement.span, metric, comparator.value, target, &owner)
                    {
                        kpis.push(kpi);
                    }
                }
                _ => {}
            }
        }
        if !stage_given {
            self.report(
                Finding::new(&MISSING, block.head_span, format!("{owner} has no `stage`"))
                    .label("no stage")
                    .help("add `stage discovery`, `stage validation` or `stage conversion`: the part of the buyer journey this goal is about"),
            );
        }
        if !kpi_given {
            self.report(
                Finding::new(&MISSING, block.head_span, format!("{owner} has no `kpi`"))
                    .label("no KPI")
                    .help("add how the goal is measured, e.g. `kpi saves >= 4k`"),
            );
        }
        Some(Goal {
            name: name.clone(),
            span: block.head_span,
            stage: stage?,
            kpis,
        })
    }

    fn kpi(
        &mut self,
        span: Span,
        metric: &Spanned<String>,
        comparator: Comparator,
        target: &QuantityLiteral,
        owner: &str,
    ) -> Option<Kpi> {
        let metric_value = self.vocabulary::<Metric>(metric, owner)?;
        let name = metric_value.name();
        let example = match metric_value.unit() {
            Unit::Count => format!("kpi {name} >= 6k"),
            Unit::Percent => format!("kpi {name} >= 5%"),
            Unit::Money => format!("kpi {name} <= 2 MYR"),
            Unit::Number => format!("kpi {name} >= 2.5"),
        };
        let target = match (metric_value.unit(), target) {
            (Unit::Count, QuantityLiteral::Count(count)) => {
                Quantity::Count(self.count(count, &format!("the `{name}` target"))?)
            }
            (Unit::Number, QuantityLiteral::Count(number)) => match values::number(&number.value) {
                Ok(n) => Quantity::Number(n),
                Err(e) => {
                    self.invalid(
                        number.span,
                        format!("the `{name}` target: {e}"),
                        "write a number above zero, like 2.5",
                    );
                    return None;
                }
            },
            (Unit::Number | Unit::Percent, QuantityLiteral::Percent(percent)) => {
                Quantity::Percent(self.percent(percent, &format!("the `{name}` target"))?)
            }
            (Unit::Money, QuantityLiteral::Money(money)) => Quantity::Money(
                self.money(money, &format!("the `{name}` target"), true)?
                    .value,
            ),
            (_, other) => {
                let kind = match metric_value.unit() {
                    Unit::Count => "a count",
                    Unit::Percent => "a percent",
                    Unit::Money => "an amount of money",
                    Unit::Number => "a number",
                };
                self.invalid(
                    other.span(),
                    format!("`{name}` is measured as {kind}"),
                    &format!("write the target as {kind}, like `{example}`"),
                );
                return None;
            }
        };
        Some(Kpi {
            metric: metric_value,
            comparator,
            target,
            span,
        })
    }

    fn policy(&mut self, block: &Block) -> Policy {
        let mut policy = Policy::default();
        for statement in self
            .statements(block, Place::Policy, "the policy")
            .statements
        {
            match &statement.field {
                Field::MinKocs(n) => {
                    if let Some(n) = self.count(n, "`min_kocs`") {
                        policy.min_kocs = n;
                    }
                }
                Field::MaxCreatorShare(p) => match self.percent(p, "`max_creator_share`") {
                    Some(share) if share > 0.0 => policy.max_creator_share = share,
                    Some(_) => self.invalid(
                        p.span,
                        "`max_creator_share` is 0%: no creator could be paid".to_string(),
                        "write a share above 0%, like 50%",
                    ),
                    None => {}
                },
                Field::KocMaxFollowers(n) => {
                    if let Some(n) = self.count(n, "`koc_max_followers`") {
                        policy.koc_max_followers = n;
                    }
                }
                Field::KolMinFollowers(n) => {
                    if let Some(n) = self.count(n, "`kol_min_followers`") {
                        policy.kol_min_followers = n;
                    }
                }
                Field::MinTrial(d) => {
                    if let Some(days) = self.duration(d, "`min_trial`") {
                        policy.min_trial_days = days;
                    }
                }
                _ => {}
            }
        }
        policy
    }

    fn creator(
        &mut self,
        block: &Block,
        role: Role,
        handle: &Spanned<String>,
        context: &CreatorContext<'_>,
    ) -> Option<Creator> {
        let owner = handle.value.clone();
        let mut followers = None;
        let mut serves = Vec::new();
        let mut serves_span = None;
        let mut products = Vec::new();
        let mut deliveries = Vec::new();
        let mut creator_fields = CreatorFields::default();
        let given = self.statements(block, Place::Creator(role), &owner);
        for statement in given.statements {
            match &statement.field {
                Field::Followers(count) => {
                    followers = self
                        .count(count, &format!("{owner}'s followers"))
                        .map(|n| Spanned::new(n, count.span));
                }
                Field::Serves(goals) => {
                    serves_span =
                        Some(serves_span.map_or(statement.span, |s: Span| s.to(statement.span)));
                    for goal in goals {
                        match context.goals.get(goal.value.as_str()) {
                            Some(index) => serves.push(Spanned::new(*index, goal.span)),
                            // Already reported where the goal is declared.
                            None if context.broken_goals.contains(&goal.value) => {}
                            None => {
                                let mut names: Vec<&str> = context
                                    .goals
                                    .keys()
                                    .copied()
                                    .chain(context.broken_goals.iter().map(String::as_str))
                                    .collect();
                                names.sort_unstable();
                                self.report(
                                    Finding::new(
                                        &UNKNOWN_NAME,
                                        goal.span,
                                        format!(
                                            "{owner} serves `{}`, but no goal has that name",
                                            goal.value
                                        ),
                                    )
                                    .label("unknown goal")
                                    .help(suggest::help_for(&goal.value, &names, "the goals are")),
                                );
                            }
                        }
                    }
                }
                Field::Products(names) => {
                    for name in names {
                        match context
                            .campaign
                            .products
                            .iter()
                            .position(|p| p.name.value == name.value)
                        {
                            Some(index) => products.push(Spanned::new(index, name.span)),
                            None => {
                                let known: Vec<&str> = context
                                    .campaign
                                    .products
                                    .iter()
                                    .map(|p| p.name.value.as_str())
                                    .collect();
                                self.report(
                                    Finding::new(
                                        &UNKNOWN_NAME,
                                        name.span,
                                        format!(
                                            "{owner} features \"{}\", but no product has that name",
                                            name.value
                                        ),
                                    )
                                    .label("unknown product")
                                    .help(
                                        match suggest::closest(&name.value, known.iter().copied()) {
                                            Some(best) => format!("did you mean \"{best}\"?"),
                                            None => format!(
                                                "the products are {}",
                                                known
                                                    .iter()
                                                    .map(|k| format!("\"{k}\""))
                                                    .collect::<Vec<_>>()
                                                    .join(", ")
                                            ),
                                        },
                                    ),
                                );
                            }
                        }
                    }
                }
                Field::Deliver {
                    format,
                    times,
                    schedule,
                } => {
                    if let Some(delivery) =
                        self.delivery(statement.span, format, times, schedule.as_ref(), &owner)
                    {
                        deliveries.push(delivery);
                    }
                }
                other => self.creator_field(other, &owner, &mut creator_fields),
            }
        }
        let mut missing = |what: &str, help: String| {
            self.findings.push(
                Finding::new(
                    &MISSING,
                    block.head_span,
                    format!("{owner} has no `{what}`"),
                )
                .label(format!("no `{what}`"))
                .help(help),
            );
        };
        if !given.keys.contains("followers") {
            missing(
                "followers",
                "add their follower count, e.g. `followers 3.2k`".to_string(),
            );
        }
        if !given.keys.contains("serves") {
            missing(
                "serves",
                "add the goals this creator works toward, e.g. `serves trust`".to_string(),
            );
        }
        if !given.keys.contains("deliver") {
            missing(
                "deliver",
                "add what they post and when, e.g. `deliver image x2 on 2026-12-10`".to_string(),
            );
        }
        let several_products = context.campaign.products.len() > 1;
        if several_products && !given.keys.contains("product") {
            let names: Vec<String> = context
                .campaign
                .products
                .iter()
                .map(|p| format!("\"{}\"", p.name.value))
                .collect();
            missing("product", format!("the campaign has several products; name the ones this creator features: `product {}`", names.join(", ")));
        }
        if !several_products && products.is_empty() && !context.campaign.products.is_empty() {
            products.push(Spanned::new(0, block.head_span));
        }
        let followers = followers?;
        let serves_span = serves_span?;
        if deliveries.is_empty() {
            return None;
        }
        let mut stages: Vec<Stage> = serves
            .iter()
            .filter_map(|g| context.campaign.goals.get(g.value))
            .map(|g| g.stage.value)
            .collect();
        stages.sort();
        stages.dedup();
        let CreatorFields {
            niche,
            engagement,
            audience,
            fee,
            angle,
            keywords,
            title,
            script,
            note,
            visual,
            trial,
            prompts,
            followup,
        } = creator_fields;
        Some(Creator {
            handle: handle.clone(),
            role,
            head_span: block.head_span,
            followers,
            serves,
            serves_span,
            stages,
            products,
            deliveries,
            niche,
            engagement,
            audience,
            fee,
            angle,
            keywords,
            title,
            script,
            note,
            visual,
            trial,
            prompts,
            followup,
        })
    }

    /// The optional creator fields.
    fn creator_field(&mut self, field: &Field, owner: &str, into: &mut CreatorFields) {
        match field {
            Field::Niche(words) => into.niche.extend(words.iter().cloned()),
            Field::Engagement(p) => {
                into.engagement = self
                    .percent(p, &format!("{owner}'s engagement"))
                    .map(|v| Spanned::new(v, p.span))
            }
            Field::Audience(text) => into.audience = Some(text.clone()),
            Field::Fee(money) => into.fee = self.money(money, &format!("{owner}'s fee"), false),
            Field::Angle(text) => into.angle = Some(text.clone()),
            Field::Keywords(texts) => into.keywords.extend(texts.iter().cloned()),
            Field::Title(text) => into.title = Some(text.clone()),
            Field::Script(texts) => into.script.extend(texts.iter().cloned()),
            Field::Note(text) => into.note = Some(text.clone()),
            Field::Visual(text) => into.visual = Some(text.clone()),
            Field::Trial(d) => {
                into.trial = self
                    .duration(d, &format!("{owner}'s trial"))
                    .map(|v| Spanned::new(v, d.span))
            }
            Field::Prompts(texts) => into.prompts.extend(texts.iter().cloned()),
            Field::Followup(d) => {
                into.followup = self
                    .duration(d, &format!("{owner}'s followup"))
                    .map(|v| Spanned::new(v, d.span))
            }
            _ => {}
        }
    }

    fn delivery(
        &mut self,
        span: Span,
        format: &Spanned<String>,
        times: &Literal,
        schedule: Option<&ScheduleLiteral>,
        owner: &str,
    ) -> Option<Delivery> {
        let format = self.vocabulary::<Format>(format, owner);
        let count = values::times(&times.value)
            .map_err(|e| self.invalid(times.span, e, "write how many posts, like x1 or x2"))
            .ok();
        let schedule = match schedule {
            None => None,
            Some(ScheduleLiteral::On(on)) => Some(Schedule::On(self.date(on)?)),
            Some(ScheduleLiteral::Between(from, to)) => {
                let (from, to) = (self.date(from), self.date(to));
                let (from, to) = (from?, to?);
                if from.value > to.value {
                    self.report(
                        Finding::new(
                            &SCHEDULE,
                            from.span.to(to.span),
                            format!(
                                "{owner}'s delivery runs from {} to {}, which is backwards",
                                from.value, to.value
                            ),
                        )
                        .label("`from` is after `to`")
                        .help("write the earlier date after `from` and the later one after `to`"),
                    );
                    return None;
                }
                Some(Schedule::Between(from, to))
            }
        };
        Some(Delivery {
            format: format?,
            count: count?,
            schedule,
            span,
        })
    }
}

/// A block's readable statements and the keys of every field given.
struct Given<'a> {
    statements: Vec<&'a Statement>,
    keys: HashSet<&'static str>,
}

/// What a creator's references are resolved against.
struct CreatorContext<'a> {
    goals: &'a HashMap<&'a str, usize>,
    broken_goals: &'a HashSet<String>,
    campaign: &'a Campaign,
}

#[derive(Default)]
struct CreatorFields {
    niche: Vec<Spanned<String>>,
    engagement: Option<Spanned<f64>>,
    audience: Option<Text>,
    fee: Option<Spanned<Money>>,
    angle: Option<Text>,
    keywords: Vec<Text>,
    title: Option<Text>,
    script: Vec<Text>,
    note: Option<Text>,
    visual: Option<Text>,
    trial: Option<Spanned<u32>>,
    prompts: Vec<Text>,
    followup: Option<Spanned<u32>>,
}
