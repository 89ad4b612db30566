//! The campaign overview: goals by funnel stage with the creators serving
//! them, the roster, each wave as a list and both drawn to scale, the
//! budget, and the warnings and allows a strategist signs off on.

use jiff::civil::Date;
use serde::Serialize;

use super::view::{CampaignView, CreatorView, DeliveryView};
use super::words::{decimal, Words};
use crate::diagnostic::{Finding, Severity};
use crate::model::values;
use crate::model::vocabulary::Vocabulary;
use crate::model::{Campaign, Creator, Delivery, Money, Role, Stage};
use crate::source::SourceFile;

/// The overview: funnel, roster, timeline, budget, findings and allows.
#[derive(Debug, Serialize)]
pub(crate) struct OverviewView {
    funnel: Vec<FunnelStage>,
    roster: Vec<CreatorView>,
    kol_wave: Vec<TimelineEntry>,
    koc_wave: Vec<TimelineEntry>,
    /// The timeline drawn to scale, when any delivery is dated.
    chart: Option<ChartView>,
    budget: BudgetView,
    warnings: Vec<FindingView>,
    allows: Vec<AllowView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FunnelStage {
    stage: &'static str,
    stage_name: &'static str,
    goals: Vec<FunnelGoal>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FunnelGoal {
    name: String,
    kpis: Vec<String>,
    creators: Vec<FunnelCreator>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FunnelCreator {
    handle: String,
    role: &'static str,
}

#[derive(Debug, Serialize)]
pub(crate) struct TimelineEntry {
    when: Option<String>,
    creator: String,
    posts: String,
}

/// Deliveries as bars across the campaign window (or, without one, from the
/// first to the last due date): the KOL wave, then the KOC wave, each in date
/// order. Positions are percentages of the window's width, worked out here so
/// a template only places them.
#[derive(Debug, Serialize)]
pub(crate) struct ChartView {
    /// The first and last day of the scale: `1 Dec 2026`.
    start: String,
    end: String,
    bars: Vec<ChartBar>,
    /// The first of each month inside the scale.
    ticks: Vec<ChartTick>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ChartBar {
    role: &'static str,
    creator: String,
    posts: String,
    when: String,
    /// Where the bar starts and how wide it is, in percent: `12.5`.
    left: String,
    width: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct ChartTick {
    /// `Jan`, `1月`.
    label: String,
    left: String,
}

/// More month marks than this would crowd the scale (a window of years).
const CHART_TICKS_MAX: usize = 24;

impl ChartView {
    fn new(campaign: &Campaign, words: Words) -> Option<ChartView> {
        let dated: Vec<(&Creator, &Delivery, Date, Date)> = [Role::Kol, Role::Koc]
            .into_iter()
            .flat_map(|role| sorted_deliveries(campaign, role))
            .filter_map(|(creator, delivery)| {
                let schedule = delivery.schedule.as_ref()?;
                let (first, last) = (schedule.first(), schedule.last());
                Some((creator, delivery, first, last.max(first)))
            })
            .collect();
        let (start, end) = match campaign.window {
            Some(window) => (window.start, window.end),
            None => (
                dated.iter().map(|d| d.2).min()?,
                dated.iter().map(|d| d.3).max()?,
            ),
        };
        if dated.is_empty() || end < start {
            return None;
        }
        // Days are counted inclusively, so a one-day delivery has a width.
        let days = |from: Date, to: Date| -> f64 {
            from.until(to)
                .map_or(0.0, |span| f64::from(span.get_days()))
        };
        let length = days(start, end) + 1.0;
        let percent = |value: f64| decimal((value / length * 100.0).clamp(0.0, 100.0));
        let bars = dated
            .into_iter()
            .map(|(creator, delivery, first, last)| {
                let (first, last) = (first.clamp(start, end), last.clamp(start, end));
                ChartBar {
                    role: creator.role.keyword(),
                    creator: creator.handle.value.clone(),
                    posts: words.posts(delivery.format, delivery.count),
                    when: delivery
                        .schedule
                        .as_ref()
                        .map(|s| words.when(s))
                        .unwrap_or_default(),
                    left: percent(days(start, first)),
                    width: percent(days(first, last) + 1.0),
                }
            })
            .collect();
        let mut ticks = Vec::new();
        let mut month = start.first_of_month();
        while ticks.len() < CHART_TICKS_MAX {
            if month > end {
                break;
            }
            if month >= start {
                ticks.push(ChartTick {
                    label: words.month(month),
                    left: percent(days(start, month)),
                });
            }
            match month.last_of_month().tomorrow() {
                Ok(next) => month = next,
                Err(_) => break,
            }
        }
        if ticks.len() == CHART_TICKS_MAX {
            ticks.clear();
        }
        Some(ChartView {
            start: words.date(start),
            end: words.date(end),
            bars,
            ticks,
        })
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct BudgetView {
    total: Option<String>,
    fees: Option<String>,
    kol_fees: Option<String>,
    kol_paid: usize,
    koc_fees: Option<String>,
    koc_paid: usize,
    /// The largest fee, when two or more creators are paid.
    largest: Option<LargestFee>,
    /// Budget less all fees.
    left: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct LargestFee {
    creator: String,
    fee: String,
    share: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct FindingView {
    code: &'static str,
    name: &'static str,
    message: String,
    line: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct AllowView {
    code: &'static str,
    name: &'static str,
    reason: String,
}

impl OverviewView {
    pub(crate) fn new(
        campaign: &Campaign,
        campaign_view: &CampaignView,
        findings: &[Finding],
        file: &SourceFile,
        words: Words,
    ) -> Self {
        let funnel = Stage::ALL
            .iter()
            .filter_map(|&stage| {
                let goals: Vec<FunnelGoal> = campaign
                    .goals
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.stage.value == stage)
                    .map(|(index, goal)| FunnelGoal {
                        name: goal.name.value.clone(),
                        kpis: goal.kpis.iter().map(|k| words.kpi(k)).collect(),
                        creators: campaign
                            .creators
                            .iter()
                            .filter(|c| c.serves.iter().any(|s| s.value == index))
                            .map(|c| FunnelCreator {
                                handle: c.handle.value.clone(),
                                role: c.role.keyword(),
                            })
                            .collect(),
                    })
                    .collect();
                (!goals.is_empty()).then(|| FunnelStage {
                    stage: stage.name(),
                    stage_name: words.stage(stage),
                    goals,
                })
            })
            .collect();

        let roster = campaign
            .creators
            .iter()
            .map(|c| CreatorView::new(campaign_view, c, words))
            .collect();

        OverviewView {
            funnel,
            roster,
            kol_wave: wave(campaign, Role::Kol, words),
            koc_wave: wave(campaign, Role::Koc, words),
            chart: ChartView::new(campaign, words),
            budget: BudgetView::new(campaign, words),
            warnings: findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .map(|f| FindingView {
                    code: f.rule.code,
                    name: f.rule.name,
                    message: f.message.clone(),
                    line: file.line_index(f.span.start) + 1,
                })
                .collect(),
            allows: campaign
                .allows
                .iter()
                .map(|a| AllowView {
                    code: a.rule.code,
                    name: a.rule.name,
                    reason: a.reason.clone(),
                })
                .collect(),
        }
    }
}

/// One role's deliveries in date order; undated ones last, in spec order.
fn sorted_deliveries(campaign: &Campaign, role: Role) -> Vec<(&Creator, &Delivery)> {
    let mut entries: Vec<(&Creator, &Delivery)> = campaign
        .creators
        .iter()
        .filter(|c| c.role == role)
        .flat_map(|c| c.deliveries.iter().map(move |d| (c, d)))
        .collect();
    // A stable sort keeps spec order among deliveries due the same day.
    entries.sort_by_key(|(_, delivery)| {
        let date = delivery.first_date();
        (date.is_none(), date)
    });
    entries
}

fn wave(campaign: &Campaign, role: Role, words: Words) -> Vec<TimelineEntry> {
    sorted_deliveries(campaign, role)
        .into_iter()
        .map(|(creator, delivery)| {
            let view = DeliveryView::new(delivery, words);
            TimelineEntry {
                when: view.when,
                creator: creator.handle.value.clone(),
                posts: view.posts,
            }
        })
        .collect()
}

impl BudgetView {
    fn new(campaign: &Campaign, words: Words) -> Self {
        let fees: Vec<(&Creator, &Money)> = campaign
            .creators
            .iter()
            .filter_map(|c| c.fee.as_ref().map(|f| (c, &f.value)))
            .collect();
        // One currency is checked (E009); if it were not, sums would lie.
        let currency = fees
            .first()
            .map(|(_, m)| m.currency.clone())
            .or_else(|| campaign.budget.as_ref().map(|b| b.value.currency.clone()));
        let one_currency = fees
            .iter()
            .all(|(_, m)| Some(&m.currency) == currency.as_ref());
        let sum = |role: Option<Role>| -> u128 {
            fees.iter()
                .filter(|(c, _)| role.is_none_or(|r| c.role == r))
                .map(|(_, m)| u128::from(m.hundredths))
                .sum()
        };
        let show = |hundredths: u128| {
            currency.as_ref().and_then(|currency| {
                u64::try_from(hundredths).ok().map(|hundredths| {
                    words.money(&Money {
                        hundredths,
                        currency: currency.clone(),
                    })
                })
            })
        };
        let paid = |role: Role| fees.iter().filter(|(c, _)| c.role == role).count();
        if !one_currency || fees.is_empty() {
            return BudgetView {
                total: campaign.budget.as_ref().map(|b| words.money(&b.value)),
                fees: None,
                kol_fees: None,
                kol_paid: 0,
                koc_fees: None,
                koc_paid: 0,
                largest: None,
                left: None,
            };
        }
        let all = sum(None);
        let largest = fees
            .iter()
            .max_by_key(|(_, m)| m.hundredths)
            .filter(|_| fees.len() >= 2 && all > 0)
            .map(|(c, m)| LargestFee {
                creator: c.handle.value.clone(),
                fee: words.money(m),
                share: values::percent_text(values::share(m.hundredths, all)),
            });
        let left = campaign.budget.as_ref().and_then(|b| {
            (b.value.currency == *currency.as_deref().unwrap_or_default())
                .then(|| u128::from(b.value.hundredths).checked_sub(all))
                .flatten()
                .and_then(show)
        });
        BudgetView {
            total: campaign.budget.as_ref().map(|b| words.money(&b.value)),
            fees: show(all),
            kol_fees: (paid(Role::Kol) > 0)
                .then(|| show(sum(Some(Role::Kol))))
                .flatten(),
            kol_paid: paid(Role::Kol),
            koc_fees: (paid(Role::Koc) > 0)
                .then(|| show(sum(Some(Role::Koc))))
                .flatten(),
            koc_paid: paid(Role::Koc),
            largest,
            left,
        }
    }
}
