//! A creator block to a `Creator`: its fields read into the model as they
//! come, its goals and products looked up, its deliveries checked.

use super::{CreatorContext, Resolver};
use crate::diagnostic::codes::{MISSING, SCHEDULE, UNKNOWN_NAME};
use crate::diagnostic::Finding;
use crate::model::values;
use crate::model::*;
use crate::source::{Span, Spanned};
use crate::suggest;
use crate::syntax::ast::{Block, Literal, ScheduleLiteral, Value};
use crate::syntax::fields::Key;
use crate::t;

use super::place::place_of;
use std::sync::Arc;

impl Resolver<'_> {
    pub(super) fn creator(
        &mut self,
        block: &Block,
        role: Role,
        handle: &Spanned<String>,
        context: &CreatorContext<'_>,
    ) -> Option<Creator> {
        let owner = handle.value.clone();
        let mut creator = Creator::new(handle.clone(), role, block.head_span);
        // Required values not yet read.
        let mut followers = None;
        let mut serves_span: Option<Span> = None;
        let given = self.statements(block, place_of(role), &owner);
        for statement in given.statements {
            let span = statement.span;
            match (statement.key(), &statement.value) {
                (Key::Followers, Value::Count(count)) => {
                    followers = self
                        .count(count, &|| t!("{owner}'s followers", owner = owner))
                        .map(|n| Spanned::new(n, count.span));
                }
                (Key::Serves, Value::Names(goals)) => {
                    serves_span = Some(serves_span.map_or(span, |s| s.to(span)));
                    self.serves(&mut creator, goals, context);
                }
                (Key::Products, Value::Texts(names)) => {
                    self.features(&mut creator, names, context);
                }
                (
                    Key::Deliver,
                    Value::Deliver {
                        format,
                        times,
                        schedule,
                    },
                ) => {
                    if let Some(delivery) =
                        self.delivery(span, format, times, schedule.as_ref(), &owner)
                    {
                        push_tight(&mut creator.deliveries, delivery);
                    }
                }
                (Key::Niche, Value::Names(words)) => {
                    extend_tight(&mut creator.niche, words.iter().cloned())
                }
                (Key::Engagement, Value::Percent(p)) => {
                    creator.engagement = self
                        .percent(p, &|| t!("{owner}'s engagement", owner = owner))
                        .map(|v| Spanned::new(v, p.span))
                }
                (Key::Audience, Value::Text(text)) => {
                    creator.audience = Some(Box::new(text.clone()))
                }
                (Key::Fee, Value::Money(money)) => {
                    creator.fee = self.money(money, &|| t!("{owner}'s fee", owner = owner), false)
                }
                (Key::Angle, Value::Text(text)) => creator.angle = Some(Box::new(text.clone())),
                (Key::Keywords, Value::Texts(texts)) => {
                    extend_tight(&mut creator.keywords, texts.iter().cloned())
                }
                (Key::Title, Value::Text(text)) => creator.title = Some(Box::new(text.clone())),
                (Key::Script, Value::Texts(texts)) => {
                    extend_tight(&mut creator.script, texts.iter().cloned())
                }
                (Key::Note, Value::Text(text)) => creator.note = Some(Box::new(text.clone())),
                (Key::Visual, Value::Text(text)) => creator.visual = Some(Box::new(text.clone())),
                (Key::Trial, Value::Duration(d)) => {
                    creator.trial = self
                        .duration(d, &|| t!("{owner}'s trial", owner = owner))
                        .map(|v| Spanned::new(v, d.span))
                }
                (Key::Prompts, Value::Texts(texts)) => {
                    extend_tight(&mut creator.prompts, texts.iter().cloned())
                }
                (Key::XhsId, Value::Text(text)) => creator.xhs_id = Some(Box::new(text.clone())),
                (Key::Nickname, Value::Text(text)) => {
                    creator.nickname = Some(Box::new(text.clone()))
                }
                (Key::Followup, Value::Duration(d)) => {
                    creator.followup = self
                        .duration(d, &|| t!("{owner}'s followup", owner = owner))
                        .map(|v| Spanned::new(v, d.span))
                }
                _ => {}
            }
        }
        let mut own_terms: Option<Span> = None;
        for inner in &given.blocks {
            if let Some(first) = own_terms {
                let finding = self.second_block(inner, first, "terms");
                self.report(finding);
                continue;
            }
            own_terms = Some(inner.head_span);
            // The campaign's terms may stand anywhere in the file; all are
            // read before the creators. The creator's own go over them.
            let own = self.terms(inner, &t!("{owner}'s terms", owner = owner));
            creator.terms = Arc::new(context.campaign.terms.overridden_by(&own));
        }
        if own_terms.is_none() {
            creator.terms = Arc::clone(&context.terms);
        }
        let mut missing = |what: &str, help: String| {
            self.findings.push(
                Finding::new(
                    &MISSING,
                    block.head_span,
                    t!("{owner} has no `{field}`", owner = owner, field = what),
                )
                .label(t!("no `{field}`", field = what))
                .help(help),
            );
        };
        if !given.keys.contains("followers") {
            missing(
                "followers",
                t!("add their follower count, e.g. `followers 3.2k`"),
            );
        }
        if !given.keys.contains("serves") {
            missing(
                "serves",
                t!("add the goals this creator works toward, e.g. `serves trust`"),
            );
        }
        if !given.keys.contains("deliver") {
            missing(
                "deliver",
                t!("add what they post and when, e.g. `deliver image x2 on 2026-12-10`"),
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
            missing("product", t!("the campaign has several products; name the ones this creator features: `product {names}`", names = names.join(", ")));
        }
        if !several_products && creator.products.is_empty() && !context.campaign.products.is_empty()
        {
            push_tight(&mut creator.products, Spanned::new(0, block.head_span));
        }
        creator.followers = followers?;
        creator.serves_span = serves_span?;
        if creator.deliveries.is_empty() {
            return None;
        }
        let mut stages: Vec<Stage> = creator
            .serves
            .iter()
            .filter_map(|g| context.campaign.goals.get(g.value))
            .map(|g| g.stage.value)
            .collect();
        stages.sort();
        stages.dedup();
        creator.stages = stages;
        creator.dates = CreatorDates::of(&creator, &creator.terms);
        Some(creator)
    }

    /// `serves`: each goal looked up by name.
    fn serves(
        &mut self,
        creator: &mut Creator,
        goals: &[Spanned<String>],
        context: &CreatorContext<'_>,
    ) {
        let owner = &creator.handle.value;
        if creator.serves.is_empty() {
            creator.serves.reserve_exact(goals.len());
        }
        for goal in goals {
            match context.goals.get(goal.value.as_str()) {
                Some(index) => creator.serves.push(Spanned::new(*index, goal.span)),
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
                    let finding = Finding::new(
                        &UNKNOWN_NAME,
                        goal.span,
                        t!(
                            "{owner} serves `{goal}`, but no goal has that name",
                            owner = owner,
                            goal = goal.value
                        ),
                    )
                    .label(t!("unknown goal"))
                    .help(
                        match suggest::closest(&goal.value, names.iter().copied()) {
                            Some(best) => t!("did you mean `{meant}`?", meant = best),
                            None => t!(
                                "the goals are: {goals}",
                                goals = suggest::quote_list(&names)
                            ),
                        },
                    );
                    self.report(match suggest::closest(&goal.value, names) {
                        Some(best) => finding.fix(goal.span, best),
                        None => finding,
                    });
                }
            }
        }
    }

    /// `product`: each product the creator features, looked up by name.
    fn features(&mut self, creator: &mut Creator, names: &[Text], context: &CreatorContext<'_>) {
        let owner = &creator.handle.value;
        if creator.products.is_empty() {
            creator.products.reserve_exact(names.len());
        }
        for name in names {
            match context
                .campaign
                .products
                .iter()
                .position(|p| p.name.value == name.value)
            {
                Some(index) => creator.products.push(Spanned::new(index, name.span)),
                None => {
                    let known: Vec<&str> = context
                        .campaign
                        .products
                        .iter()
                        .map(|p| p.name.value.as_str())
                        .collect();
                    let best = suggest::closest(&name.value, known.iter().copied());
                    let finding = Finding::new(
                        &UNKNOWN_NAME,
                        name.span,
                        t!(
                            "{owner} features \"{product}\", but no product has that name",
                            owner = owner,
                            product = name.value
                        ),
                    )
                    .label(t!("unknown product"))
                    .help(match best {
                        Some(best) => t!("did you mean \"{meant}\"?", meant = best),
                        None => t!(
                            "the products are {products}",
                            products = known
                                .iter()
                                .map(|k| format!("\"{k}\""))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                    self.report(match best {
                        Some(best) => {
                            let quoted = best.replace('\\', "\\\\").replace('"', "\\\"");
                            finding.fix(name.span, format!("\"{quoted}\""))
                        }
                        None => finding,
                    });
                }
            }
        }
    }

    pub(super) fn delivery(
        &mut self,
        span: Span,
        format: &Spanned<String>,
        times: &Literal,
        schedule: Option<&ScheduleLiteral>,
        owner: &str,
    ) -> Option<Delivery> {
        let format = self.vocabulary::<Format>(format, owner);
        let count = values::times(&times.value)
            .map_err(|e| self.invalid(times.span, e, &t!("write how many posts, like x1 or x2")))
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
                            t!(
                                "{owner}'s delivery runs from {from} to {to}, which is backwards",
                                owner = owner,
                                from = from.value,
                                to = to.value
                            ),
                        )
                        .label(t!("`from` is after `to`"))
                        .help(t!(
                            "write the earlier date after `from` and the later one after `to`"
                        )),
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

/// `items` added to `list`, which, when it is still empty, gets room for
/// exactly them: a list grown from nothing starts with room for four, and
/// `Creator::shrink_to_fit` gave that back with a reallocation for most of
/// each creator's lists, six for every creator of a roster. A list given
/// again grows as lists do.
fn extend_tight<T>(list: &mut Vec<T>, items: impl ExactSizeIterator<Item = T>) {
    if list.is_empty() {
        list.reserve_exact(items.len());
    }
    list.extend(items);
}

/// `item` pushed onto `list`, with room for it alone when it is the first
/// (most creators deliver once): see `extend_tight`.
fn push_tight<T>(list: &mut Vec<T>, item: T) {
    if list.is_empty() {
        list.reserve_exact(1);
    }
    list.push(item);
}

#[cfg(test)]
mod tests {
    use super::{extend_tight, push_tight};

    #[test]
    fn a_list_read_once_has_room_for_what_it_holds() {
        let mut niche: Vec<u8> = Vec::new();
        extend_tight(&mut niche, [1, 2].into_iter());
        assert_eq!((niche.len(), niche.capacity()), (2, 2));
        // Given again, it grows as lists do.
        extend_tight(&mut niche, [3].into_iter());
        assert_eq!(niche, [1, 2, 3]);
        let mut deliveries = Vec::new();
        push_tight(&mut deliveries, 'a');
        assert_eq!(deliveries.capacity(), 1);
        push_tight(&mut deliveries, 'b');
        assert_eq!(deliveries, ['a', 'b']);
    }
}
