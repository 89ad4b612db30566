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
use std::ops::Range;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

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

/// Resolves a tree from `syntax::parse`; `allow` lines are looked up in
/// `rules`.
pub fn resolve(spec: &Spec, rules: &Catalogue) -> Resolved {
    debug_assert!(spec.unbuilt.blocks.is_empty(), "an outline needs its text");
    resolve_outline(spec, "", rules).unwrap_or_else(|| Resolved {
        campaign: None,
        findings: Vec::new(),
    })
}

/// Resolves a tree from `syntax::outline`, building its unbuilt creator
/// blocks from `text` (the file's) one at a time, on every core. `None`
/// when one of them does not parse on its own: then the file is to be
/// parsed whole (`syntax::parse`) and resolved with `resolve`.
pub fn resolve_outline(spec: &Spec, text: &str, rules: &Catalogue) -> Option<Resolved> {
    let mut resolver = Resolver {
        findings: Vec::new(),
        rules,
    };
    let unbuilt = Unbuilt {
        blocks: &spec.unbuilt.blocks,
        text: spec.unbuilt.text.as_deref().unwrap_or(text),
    };
    let campaign = resolver.spec(spec, &unbuilt)?;
    let mut findings = resolver.findings;
    crate::diagnostic::sort(&mut findings);
    Some(Resolved { campaign, findings })
}

struct Resolver<'r> {
    findings: Vec<Finding>,
    rules: &'r Catalogue,
}

/// The creator blocks an outline left unbuilt, and the text they stand in.
#[derive(Clone, Copy)]
struct Unbuilt<'a> {
    blocks: &'a [Range<usize>],
    text: &'a str,
}

impl Resolver<'_> {
    fn report(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// The campaign, if the file has one; `None` inside when an unbuilt
    /// creator block does not parse on its own.
    fn spec(&mut self, spec: &Spec, unbuilt: &Unbuilt<'_>) -> Option<Option<Campaign>> {
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
                        campaign = Some(self.campaign(block, name.clone(), unbuilt)?)
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
        Some(campaign)
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

    fn campaign(&mut self, block: &Block, name: Text, unbuilt: &Unbuilt<'_>) -> Option<Campaign> {
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
        let mut seen = FxHashMap::default();
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
                    BlockHead::Creator { .. } => creators.push(CreatorBlock::Built(inner)),
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
                            campaign.budget = self.money(money, &|| t!("the budget"), true)
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
                            let what = || t!("the cost \"{name}\"", name = name.value);
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
        let context = CreatorContext {
            goals: &goal_index,
            broken_goals: &broken_goals,
            campaign: &campaign,
            terms: Arc::new(campaign.terms.clone()),
        };
        // The outline's creators among the tree's, in file order. (Only an
        // outline without rosters leaves any: a roster's rows stand after
        // the `roster` line, their spans past the end of the file.)
        if !unbuilt.blocks.is_empty() {
            creators.extend(unbuilt.blocks.iter().cloned().map(CreatorBlock::Unbuilt));
            creators.sort_by_key(CreatorBlock::start);
        }
        let mut handles: FxHashMap<String, (Role, Span)> =
            FxHashMap::with_capacity_and_hasher(creators.len(), Default::default());
        let mut resolved = Vec::with_capacity(creators.len());
        let mut file_keys = Vec::with_capacity(creators.len());
        let mut findings = Vec::new();
        read_creators(&creators, unbuilt.text, self.rules, &context, |run| {
            findings.extend(run.built);
            for read in run.reads {
                let handle = read.handle;
                if let Some((first_role, first_span)) = handles.get(&handle.value) {
                    let role = read.role;
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
                    findings.push(finding.related(*first_span, t!("first declared here")));
                    continue;
                }
                findings.extend(read.findings);
                if let Some(creator) = read.creator {
                    resolved.push(creator);
                    file_keys.push(read.file_key);
                }
                handles.insert(handle.value, (read.role, handle.span));
            }
        })?;
        drop(creators);
        self.findings.append(&mut findings);
        resolved.shrink_to_fit();
        campaign.creators = resolved;

        self.required_parts(
            &campaign,
            window_literal.is_some(),
            !goal_spans.is_empty(),
            !handles.is_empty(),
        );
        self.schedule(&campaign);
        self.money_totals(&campaign);
        self.file_clashes(&campaign, file_keys);
        Some(campaign)
    }
}

/// A creator block to read: built in the tree, or left for `read_creators`
/// to build.
enum CreatorBlock<'a> {
    Built(&'a Block),
    Unbuilt(Range<usize>),
}

impl CreatorBlock<'_> {
    fn start(&self) -> usize {
        match self {
            CreatorBlock::Built(block) => block.span.start,
            CreatorBlock::Unbuilt(range) => range.start,
        }
    }
}

/// Below this many creators a thread costs more than it saves.
const CREATORS_PER_THREAD: usize = 256;

/// One run of creator blocks read: what each block gave, in order.
struct ReadCreators {
    reads: Vec<Read>,
    /// The findings of building the blocks and of their texts' versions:
    /// reported whether or not a block is read.
    built: Vec<Finding>,
}

/// What reading one creator block gave.
struct Read {
    handle: Spanned<String>,
    role: Role,
    /// The creator, when the block gave one.
    creator: Option<Creator>,
    /// What the creator's brief files are named by once case and Unicode
    /// form are set aside (`file_name::clash_key`), worked out here on the
    /// reading thread; empty without a creator.
    file_key: String,
    /// The findings of reading it: dropped when the handle was declared
    /// before, as the block is then not read.
    findings: Vec<Finding>,
}

/// Creators a thread reads before handing them on: enough to make the
/// hand-over cheap, few enough that little is held in flight.
const CREATORS_PER_BATCH: usize = 64;

/// Reads every creator block, each on its own, on every core, and hands
/// them to `take` in file order, a batch at a time: an unbuilt block is
/// built just before it is read and dropped after, so no more than a few
/// batches of tree and creators are held besides what `take` keeps. `None`
/// when an unbuilt block does not parse on its own.
fn read_creators(
    blocks: &[CreatorBlock<'_>],
    text: &str,
    rules: &Catalogue,
    context: &CreatorContext<'_>,
    mut take: impl FnMut(ReadCreators),
) -> Option<()> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(blocks.len() / CREATORS_PER_THREAD)
        .max(1);
    if threads == 1 {
        take(read_run(blocks, text, rules, context)?);
        return Some(());
    }
    // Batch i goes to thread i % threads, and is taken back from there in
    // turn: the threads keep step, and the order is the file's.
    let batches: Vec<&[CreatorBlock<'_>]> = blocks.chunks(CREATORS_PER_BATCH).collect();
    std::thread::scope(|scope| {
        let receivers: Vec<_> = (0..threads)
            .map(|thread| {
                let (hand, taken) = std::sync::mpsc::sync_channel(1);
                let lang = crate::i18n::current();
                let batches = &batches;
                scope.spawn(move || {
                    crate::i18n::speaking(lang, || {
                        for batch in batches.iter().skip(thread).step_by(threads) {
                            let run = read_run(batch, text, rules, context);
                            let failed = run.is_none();
                            // Gone only when the taker stopped: stop too.
                            if hand.send(run).is_err() || failed {
                                break;
                            }
                        }
                    })
                });
                taken
            })
            .collect();
        for batch in 0..batches.len() {
            take(receivers.get(batch % threads)?.recv().ok()??);
        }
        Some(())
    })
}

fn read_run(
    blocks: &[CreatorBlock<'_>],
    text: &str,
    rules: &Catalogue,
    context: &CreatorContext<'_>,
) -> Option<ReadCreators> {
    let mut run = ReadCreators {
        reads: Vec::with_capacity(blocks.len()),
        built: Vec::new(),
    };
    let mut rest = blocks;
    while let Some(next) = rest.first() {
        if let CreatorBlock::Built(block) = next {
            run.read(block, rules, context);
            rest = rest.get(1..).unwrap_or_default();
            continue;
        }
        // The unbuilt blocks from here, built together (and dropped
        // together once read).
        let unbuilt = rest
            .iter()
            .position(|block| matches!(block, CreatorBlock::Built(_)))
            .unwrap_or(rest.len());
        let (these, after) = rest.split_at(unbuilt);
        let ranges: Vec<Range<usize>> = these
            .iter()
            .filter_map(|block| match block {
                CreatorBlock::Unbuilt(range) => Some(range.clone()),
                CreatorBlock::Built(_) => None,
            })
            .collect();
        for (block, mut findings) in crate::syntax::build_creators(text, &ranges)? {
            run.built.append(&mut findings);
            // None: nothing the model reads, as in a whole parse.
            if let Some(block) = block {
                run.read(&block, rules, context);
            }
        }
        rest = after;
    }
    Some(run)
}

impl ReadCreators {
    /// Reads one creator block.
    fn read(&mut self, block: &Block, rules: &Catalogue, context: &CreatorContext<'_>) {
        let BlockHead::Creator { role, handle } = &block.head else {
            return;
        };
        let mut resolver = Resolver {
            findings: Vec::new(),
            rules,
        };
        resolver.creator_translations(block);
        self.built.append(&mut resolver.findings);
        let creator = resolver.creator(block, *role, handle, context);
        let file_key = match creator {
            Some(_) => file_name::clash_key(&file_name::for_handle(&handle.value)),
            None => String::new(),
        };
        self.reads.push(Read {
            handle: handle.clone(),
            role: *role,
            creator: creator.map(|mut creator| {
                creator.shrink_to_fit();
                creator
            }),
            file_key,
            findings: resolver.findings,
        });
    }
}

/// A block's readable statements and the keys of every field given.
struct Given<'a> {
    statements: Vec<&'a Statement>,
    keys: FxHashSet<&'static str>,
    /// Blocks that may stand inside this one (a creator's `terms`).
    blocks: Vec<&'a Block>,
}

/// What a creator's references are resolved against.
struct CreatorContext<'a> {
    goals: &'a HashMap<&'a str, usize>,
    broken_goals: &'a HashSet<String>,
    campaign: &'a Campaign,
    /// The campaign's terms, for creators without their own to share.
    terms: Arc<Terms>,
}
