//! What the whole campaign must have once its blocks are read: the required
//! parts (E006), deliveries inside the window (E005), one currency (E009)
//! and fees within the budget (E008).

use std::collections::HashMap;

use super::Resolver;
use crate::diagnostic::codes::{CURRENCY, DUPLICATE, MISSING, OVER_BUDGET, SCHEDULE};
use crate::diagnostic::Finding;
use crate::model::vocabulary::Vocabulary as _;
use crate::model::{file_name, Campaign, Money, Role, Schedule};
use crate::source::Spanned;

impl Resolver<'_> {
    pub(super) fn required_parts(
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
    pub(super) fn money_totals(&mut self, campaign: &Campaign) {
        let mut amounts: Vec<(&Spanned<Money>, String)> = Vec::new();
        if let Some(budget) = &campaign.budget {
            amounts.push((budget, "the budget".to_string()));
        }
        for creator in &campaign.creators {
            if let Some(fee) = &creator.fee {
                amounts.push((fee, format!("{}'s fee", creator.handle.value)));
            }
        }
        for cost in &campaign.costs {
            amounts.push((&cost.amount, format!("the cost \"{}\"", cost.name.value)));
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
                    format!(
                        "the creators' fees add up to {total}, {over} over the budget of {}",
                        budget.value
                    ),
                    "raise the budget, lower fees, or take a creator off the roster",
                )
            } else {
                (
                    format!(
                        "the creators' fees ({}) and other costs ({}) add up to {total}, {over} over the budget of {}",
                        money(fees),
                        money(costs),
                        budget.value
                    ),
                    "raise the budget, lower fees or costs, or take a creator off the roster",
                )
            };
            self.findings.push(
                Finding::new(&OVER_BUDGET, budget.span, message)
                    .label("budget exceeded")
                    .help(help),
            );
        }
    }

    /// E003 for two handles whose briefs would be one file: the same name
    /// once case and Unicode form are set aside (`@Lina` and `@lina`), as
    /// `render` would find out too late.
    pub(super) fn file_clashes(&mut self, campaign: &Campaign) {
        let language = campaign.languages.first().map_or("en", |l| l.name());
        let mut taken: HashMap<(Role, String), usize> = HashMap::new();
        for (index, creator) in campaign.creators.iter().enumerate() {
            let name = file_name::for_handle(&creator.handle.value);
            let key = (creator.role, file_name::clash_key(&name));
            let Some(&first) = taken.get(&key) else {
                taken.insert(key, index);
                continue;
            };
            let first = &campaign.creators[first];
            let path = format!("{language}/{}/{name}.md", creator.role.keyword());
            self.report(
                Finding::new(
                    &DUPLICATE,
                    creator.handle.span,
                    format!(
                        "{} and {} would be written to one brief file, `{path}`",
                        first.handle.value, creator.handle.value
                    ),
                )
                .label("same file name as another handle")
                .related(first.handle.span, "the other handle")
                .help("on macOS and Windows a file name ignores upper and lower case, and a leading `.` is written `_`: if these are one creator, keep one block; if two, check each handle as Xiaohongshu shows it"),
            );
        }
    }
}
