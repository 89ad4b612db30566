//! AST to `Campaign`, reporting E002 to E010 on the way, one concern a file:
//! `place` (which statement may stand where: E002, E003, E007, from the
//! field table), `read` (values: E004), `blocks` (brand, product, goal,
//! policy, allow), `creator` (creators and their deliveries) and `checks`
//! (what the whole campaign must have: E005, E006, E008, E009).

mod blocks;
mod checks;
mod creator;
mod place;
mod read;
mod roster;
mod translations;

use std::collections::{HashMap, HashSet};

use super::*;
use crate::diagnostic::codes::{DUPLICATE, MISSING, SCHEDULE, SYNTAX};
use crate::diagnostic::{Catalogue, Finding};
use crate::syntax::ast::{Block, BlockHead, Node, Spec, Statement, Value};
use crate::syntax::fields::{Key, Place};
use crate::t;

/// The model (when there is a campaign block at all) and the findings.
pub struct Resolved {
    pub campaign: Option<Campaign>,
    pub findings: Vec<Finding>,
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
                        Finding::new(
                            &DUPLICATE,
                            block.head_span,
                            t!("a second campaign in one file"),
                        )
                        .label(t!("second campaign"))
                        .related(first.head_span, t!("the first campaign"))
                        .help(t!(
                            "keep one campaign per file: move this one to a file of its own"
                        )),
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
                Finding::new(&MISSING, Span::at(0), t!("this file has no `campaign` block"))
                    .label(t!("expected `campaign \"NAME\" {{` here"))
                    .help(t!("wrap the spec in `campaign \"NAME\" {{ ... }}`; `redbrief init` writes a starter campaign to edit")),
            );
        }
        campaign
    }

    /// E003 for a block that may stand once, given again.
    fn second_block(&self, block: &Block, first: Span, keyword: &str) -> Finding {
        Finding::new(
            &DUPLICATE,
            block.head_span,
            t!("a second `{keyword}` block", keyword = keyword),
        )
        .label(t!("second {keyword}", keyword = keyword))
        .related(first, t!("the first {keyword}", keyword = keyword))
        .help(t!("merge the two `{keyword}` blocks", keyword = keyword))
    }

    fn outside(&mut self, span: Span, what: &str) {
        self.report(
            Finding::new(
                &SYNTAX,
                span,
                t!("`{what}` stands outside the `campaign` block", what = what),
            )
            .label(t!("outside the campaign"))
            .help(t!("move it inside `campaign \"NAME\" {{ ... }}`")),
        );
    }

    fn campaign(&mut self, block: &Block, name: Text) -> Campaign {
        let owner = t!("the campaign");
        let owner = owner.as_str();
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
            contact: None,
            terms: Terms::default(),
            peaks: Vec::new(),
            costs: Vec::new(),
        };
        let mut terms_span: Option<Span> = None;
        let mut seen = HashMap::new();
        let mut creators = Vec::new();
        let mut policy_span: Option<Span> = None;
        let mut goal_spans: HashMap<String, Span> = HashMap::new();
        let mut broken_goals = HashSet::new();
        let mut product_spans: HashMap<String, Span> = HashMap::new();
        let mut window_literal = None;

        for node in &block.body {
            match node {
                Node::Block(inner) => match &inner.head {
                    BlockHead::Brand { name } => match &campaign.brand {
                        Some(first) => self.report(
                            Finding::new(&DUPLICATE, inner.head_span, t!("a second `brand` block"))
                                .label(t!("second brand"))
                                .related(first.span, t!("the first brand"))
                                .help(t!("a campaign advertises one brand: merge the two blocks")),
                        ),
                        None => campaign.brand = Some(self.brand(inner, name.clone())),
                    },
                    BlockHead::Product { name } => {
                        if let Some(first) = product_spans.get(&name.value) {
                            self.report(
                                Finding::new(&DUPLICATE, inner.head_span, t!("product \"{name}\" is declared twice", name = name.value))
                                    .label(t!("second declaration"))
                                    .related(*first, t!("first declared here"))
                                    .help(t!("merge the two product blocks, or give each product its own name")),
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
                                Finding::new(
                                    &DUPLICATE,
                                    inner.head_span,
                                    t!("goal `{name}` is declared twice", name = name.value),
                                )
                                .label(t!("second declaration"))
                                .related(*first, t!("first declared here"))
                                .help(t!(
                                    "rename one of the goals, or merge their KPIs into one block"
                                )),
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
                    BlockHead::Creator { role, handle } => creators.push((inner, *role, handle)),
                    BlockHead::Policy => {
                        if let Some(first) = policy_span {
                            self.report(
                                Finding::new(
                                    &DUPLICATE,
                                    inner.head_span,
                                    t!("a second `policy` block"),
                                )
                                .label(t!("second policy"))
                                .related(first, t!("the first policy"))
                                .help(t!("merge the two policy blocks")),
                            );
                            continue;
                        }
                        policy_span = Some(inner.head_span);
                        campaign.policy = self.policy(inner);
                    }
                    BlockHead::Terms => {
                        if let Some(first) = terms_span {
                            self.report(self.second_block(inner, first, "terms"));
                            continue;
                        }
                        terms_span = Some(inner.head_span);
                        campaign.terms = self.terms(inner, &t!("the campaign's terms"));
                    }
                    BlockHead::Contact { name } => match &campaign.contact {
                        Some(first) => {
                            let finding = self.second_block(inner, first.span, "contact");
                            self.report(finding);
                        }
                        None => campaign.contact = Some(self.contact(inner, name.clone())),
                    },
                    BlockHead::Roster { path, role } => self.roster(inner, path, role.value),
                    BlockHead::Campaign { .. } => self.report(
                        Finding::new(
                            &DUPLICATE,
                            inner.head_span,
                            t!("a campaign inside the campaign"),
                        )
                        .label(t!("nested campaign"))
                        .help(t!("keep one campaign per file")),
                    ),
                },
                Node::Statement(statement) => {
                    if !self.accept(statement, Place::Campaign, owner, &mut seen) {
                        continue;
                    }
                    match (statement.key(), &statement.value) {
                        (Key::Window, Value::Window { start, end }) => {
                            window_literal = Some(statement.span);
                            let (start, end) = (self.date(start), self.date(end));
                            if let (Some(start), Some(end)) = (start, end) {
                                if start.value > end.value {
                                    self.report(
                                        Finding::new(&SCHEDULE, statement.span, t!("the campaign window ends ({end}) before it starts ({start})", end = end.value, start = start.value))
                                            .label(t!("ends before it starts"))
                                            .help(t!("write the start date first: `window START to END`")),
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
                        (Key::Budget, Value::Money(money)) => {
                            campaign.budget = self.money(money, &t!("the budget"), true)
                        }
                        (Key::Languages, Value::Names(languages)) => {
                            for language in languages {
                                if let Some(language) = self.vocabulary::<Language>(language, owner)
                                {
                                    if !campaign.languages.contains(&language) {
                                        campaign.languages.push(language);
                                    }
                                }
                            }
                        }
                        (Key::Peak, Value::Peak { name, date }) => {
                            if let Some(date) = self.date(date) {
                                campaign.peaks.push(Peak {
                                    name: name.clone(),
                                    date,
                                    span: statement.span,
                                });
                            }
                        }
                        (Key::Cost, Value::Cost { name, amount }) => {
                            let what = t!("the cost \"{name}\"", name = name.value);
                            if let Some(amount) = self.money(amount, &what, true) {
                                campaign.costs.push(Cost {
                                    name: name.clone(),
                                    amount,
                                    span: statement.span,
                                });
                            }
                        }
                        (Key::Allow, Value::Allow { rule, reason }) => {
                            if let Some(allow) = self.allow(statement.span, rule, reason.as_ref()) {
                                campaign.allows.push(allow);
                            }
                        }
                        _ => {}
                    }
                }
                Node::Unknown(unknown) => {
                    self.unknown(unknown, Place::Campaign, owner);
                }
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
        self.translations(block);

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
                        t!("{handle} is declared twice", handle = handle.value),
                    )
                    .label(t!("second declaration"))
                    .help(t!("keep one block per creator: merge the two"))
                } else {
                    Finding::new(
                        &DUPLICATE,
                        handle.span,
                        t!("{handle} is declared as both a {first} and a {second}", handle = handle.value, first = first_role.label(), second = role.label()),
                    )
                    .label(t!("declared again as a {role}", role = role.label()))
                    .help(t!("a creator plays one part: a KOL creates awareness, a KOC builds trust; keep the block with the role you mean"))
                };
                self.report(finding.related(*first_span, t!("first declared here")));
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
        // The campaign's terms may stand anywhere in the file: each
        // creator's are put over them once all are read.
        for creator in &mut resolved {
            creator.terms = campaign.terms.overridden_by(&creator.terms);
            creator.dates = CreatorDates::of(creator, &creator.terms);
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
        self.file_clashes(&campaign);
        campaign
    }
}

/// A block's readable statements and the keys of every field given.
struct Given<'a> {
    statements: Vec<&'a Statement>,
    keys: HashSet<&'static str>,
    /// Blocks that may stand inside this one (a creator's `terms`).
    blocks: Vec<&'a Block>,
}

/// What a creator's references are resolved against.
struct CreatorContext<'a> {
    goals: &'a HashMap<&'a str, usize>,
    broken_goals: &'a HashSet<String>,
    campaign: &'a Campaign,
}
