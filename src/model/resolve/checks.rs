//! What the whole campaign must have once its blocks are read: the required
//! parts (E006), deliveries inside the window (E005), one currency (E009)
//! and fees within the budget (E008).

use rustc_hash::FxHashMap;

use super::Resolver;
use crate::diagnostic::codes::{CURRENCY, DUPLICATE, MISSING, OVER_BUDGET, SCHEDULE};
use crate::diagnostic::Finding;
use crate::model::vocabulary::Vocabulary as _;
use crate::model::{file_name, Campaign, Money, Role, Schedule};
use crate::source::Spanned;
use crate::t;

impl Resolver<'_> {
    pub(super) fn required_parts(
        &mut self,
        campaign: &Campaign,
        has_window: bool,
        has_goal: bool,
        has_creator: bool,
    ) {
        let mut missing = |message: String, label: String, help: String| {
            self.findings.push(
                Finding::new(&MISSING, campaign.head_span, message)
                    .label(label)
                    .help(help),
            );
        };
        if !has_window {
            missing(
                t!("the campaign has no `window`"),
                t!("no `window` in this campaign"),
                t!("add a line like `window 2026-12-01 to 2027-01-31` inside the campaign"),
            );
        }
        if campaign.brand.is_none() {
            missing(
                t!("the campaign has no `brand` block"),
                t!("no `brand` block in this campaign"),
                t!("add `brand \"NAME\" {{ ... }}` with the brand's category, market and voice"),
            );
        }
        if campaign.products.is_empty() {
            missing(
                t!("the campaign has no `product` block"),
                t!("no `product` block in this campaign"),
                t!("add `product \"NAME\" {{ ... }}` with its price and the claims creators may repeat"),
            );
        }
        if !has_goal {
            missing(
                t!("the campaign has no `goal`"),
                t!("no `goal` in this campaign"),
                t!("add a goal, e.g. `goal launch {{ stage discovery  kpi reach >= 800k }}` over three lines"),
            );
        }
        if !has_creator {
            missing(
                t!("the campaign has no creator"),
                t!("no creator in this campaign"),
                t!("add a `kol @handle {{ ... }}` or `koc @handle {{ ... }}` block"),
            );
        }
    }

    pub(super) fn schedule(&mut self, campaign: &Campaign) {
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
                                t!(
                                    "{handle}'s delivery on {date} is outside the campaign window ({start} to {end})",
                                    handle = creator.handle.value,
                                    date = date.value,
                                    start = window.start,
                                    end = window.end
                                ),
                            )
                            .label(t!("outside the window"))
                            .related(window.span, t!("the campaign window"))
                            .help(t!("move the delivery into the window, or widen the window")),
                        );
                    }
                }
            }
        }
    }

    /// E009 (one currency) and then E008 (fees within the budget).
    pub(super) fn money_totals(&mut self, campaign: &Campaign) {
        // Each amount with what it is, put in words only for a finding: a
        // roster of ten thousand fees has none in most specs.
        enum Amount<'c> {
            Budget,
            Fee(&'c str),
            Cost(&'c str),
            Price(&'c str),
        }
        let said = |amount: &Amount<'_>| match *amount {
            Amount::Budget => t!("the budget"),
            Amount::Fee(owner) => t!("{owner}'s fee", owner = owner),
            Amount::Cost(name) => t!("the cost \"{name}\"", name = name),
            Amount::Price(name) => t!("the price of \"{name}\"", name = name),
        };
        let mut amounts: Vec<(&Spanned<Money>, Amount<'_>)> = Vec::new();
        if let Some(budget) = &campaign.budget {
            amounts.push((budget, Amount::Budget));
        }
        for creator in &campaign.creators {
            if let Some(fee) = &creator.fee {
                amounts.push((fee, Amount::Fee(&creator.handle.value)));
            }
        }
        for cost in &campaign.costs {
            amounts.push((&cost.amount, Amount::Cost(&cost.name.value)));
        }
        for product in &campaign.products {
            if let Some(price) = &product.price {
                amounts.push((price, Amount::Price(&product.name.value)));
            }
        }
        let Some((reference, reference_what)) = amounts.first() else {
            return;
        };
        let currency = reference.value.currency.clone();
        let reference_span = reference.span;
        let reference_what = said(reference_what);
        let mut mixed = false;
        for (money, what) in &amounts[1..] {
            if money.value.currency != currency {
                mixed = true;
                self.findings.push(
                    Finding::new(
                        &CURRENCY,
                        money.span,
                        t!(
                            "{what} is in {currency}, but {reference} is in {reference_currency}",
                            what = said(what),
                            currency = money.value.currency,
                            reference = reference_what,
                            reference_currency = currency
                        ),
                    )
                    .label(t!("not {currency}", currency = currency))
                    .related(reference_span, t!("{currency} here", currency = currency))
                    .help(t!(
                        "write every amount in {currency}; redbrief does not convert currencies",
                        currency = currency
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
            .fold(0u64, |sum, fee| sum.saturating_add(fee.value.hundredths));
        let costs: u64 = campaign.costs.iter().fold(0u64, |sum, cost| {
            sum.saturating_add(cost.amount.value.hundredths)
        });
        let spent = fees.saturating_add(costs);
        if spent > budget.value.hundredths {
            let money = |hundredths: u64| Money {
                hundredths,
                currency: currency.clone(),
            };
            let total = money(spent);
            let over = money(spent - budget.value.hundredths);
            let (message, help) = if campaign.costs.is_empty() {
                (
                    t!(
                        "the creators' fees add up to {total}, {over} over the budget of {budget}",
                        total = total.said(),
                        over = over.said(),
                        budget = budget.value.said()
                    ),
                    t!("raise the budget, lower fees, or take a creator off the roster"),
                )
            } else {
                (
                    t!(
                        "the creators' fees ({fees}) and other costs ({costs}) add up to {total}, {over} over the budget of {budget}",
                        fees = money(fees).said(),
                        costs = money(costs).said(),
                        total = total.said(),
                        over = over.said(),
                        budget = budget.value.said()
                    ),
                    t!("raise the budget, lower fees or costs, or take a creator off the roster"),
                )
            };
            self.findings.push(
                Finding::new(&OVER_BUDGET, budget.span, message)
                    .label(t!("budget exceeded"))
                    .help(help),
            );
        }
    }

    /// E003 for two handles whose briefs would be one file: the same name
    /// once case and Unicode form are set aside (`@Lina` and `@lina`), as
    /// `render` would find out too late. `file_keys` are the creators'
    /// `file_name::clash_key`s, in order.
    pub(super) fn file_clashes(&mut self, campaign: &Campaign, file_keys: Vec<String>) {
        let language = campaign.languages.first().map_or("en", |l| l.name());
        let mut taken: FxHashMap<(Role, String), usize> =
            FxHashMap::with_capacity_and_hasher(campaign.creators.len(), Default::default());
        for (index, (creator, file_key)) in campaign.creators.iter().zip(file_keys).enumerate() {
            let key = (creator.role, file_key);
            let Some(&first) = taken.get(&key) else {
                taken.insert(key, index);
                continue;
            };
            let name = file_name::for_handle(&creator.handle.value);
            let first = &campaign.creators[first];
            let path = format!("{language}/{}/{name}.md", creator.role.keyword());
            self.report(
                Finding::new(
                    &DUPLICATE,
                    creator.handle.span,
                    t!(
                        "{first} and {second} would be written to one brief file, `{path}`",
                        first = first.handle.value,
                        second = creator.handle.value,
                        path = path
                    ),
                )
                .label(t!("same file name as another handle"))
                .related(first.handle.span, t!("the other handle"))
                .help(t!("on macOS and Windows a file name ignores upper and lower case, and a leading `.` is written `_`: if these are one creator, keep one block; if two, check each handle as Xiaohongshu shows it")),
            );
        }
    }
}
