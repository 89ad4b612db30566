//! The campaign overview, for the strategist and the client: goals by funnel
//! stage with the creators serving them, the roster, each wave's dates (and
//! the chart in `chart`), the budget with every cost, and what is still open
//! in plain words.

use std::sync::Arc;

use minijinja::Value;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::chart::ChartView;
use super::lazy::LazyRows;
use super::view::{DeliveryView, RosterRow};
use super::words::Words;
use crate::diagnostic::{Finding, Severity};
use crate::model::values;
use crate::model::vocabulary::Vocabulary;
use crate::model::{Campaign, Creator, Money, Role, Stage};
use crate::source::SourceFile;

/// The overview as the templates see it: funnel, roster, timeline, budget,
/// findings and allows, in that order. Each part is converted for the
/// templates as soon as it is made and then let go, so a large roster is
/// never held twice at once (as views and as template values).
#[derive(Serialize)]
struct OverviewView {
    funnel: Value,
    roster: Value,
    kol_wave: Value,
    koc_wave: Value,
    /// The timeline drawn to scale, when any delivery is dated.
    chart: Value,
    budget: Value,
    warnings: Value,
    allows: Value,
    /// Which date columns each wave's table has, worked out here so a
    /// template need not collect the rows with a date to ask.
    kol_dates: WaveDates,
    koc_dates: WaveDates,
}

/// Whether any row of a wave has each date.
#[derive(Debug, Serialize)]
struct WaveDates {
    samples: bool,
    trials: bool,
    drafts: bool,
    data: bool,
}

impl WaveDates {
    /// Which dates any creator of a wave (indexes into the creators) has.
    fn new(campaign: &Campaign, wave: &[usize]) -> Self {
        let dates = || {
            wave.iter()
                .filter_map(|&i| campaign.creators.get(i))
                .map(|c| &c.dates)
        };
        WaveDates {
            samples: dates().any(|d| d.samples_arrive.is_some()),
            trials: dates().any(|d| d.trial_start.is_some()),
            drafts: dates().any(|d| d.draft_due.is_some()),
            data: dates().any(|d| !d.data_due.is_empty()),
        }
    }
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
    /// The creators serving it, as `LazyRows`.
    creators: Value,
}

#[derive(Debug, Serialize)]
pub(crate) struct FunnelCreator {
    handle: String,
    role: &'static str,
}

/// One creator's dates in a wave, as their brief states them.
#[derive(Debug, Serialize)]
pub(crate) struct WaveRow {
    creator: String,
    samples_arrive: Option<String>,
    trial_start: Option<String>,
    draft_due: Option<String>,
    feedback_by: Option<String>,
    /// Each delivery: `2 image notes`, `5 Dec – 19 Dec 2026`.
    posts: Vec<DeliveryView>,
    data_due: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct BudgetView {
    total: Option<String>,
    fees: Option<String>,
    kol_fees: Option<String>,
    kol_paid: usize,
    koc_fees: Option<String>,
    koc_paid: usize,
    /// Creators with no fee: the product is their gift.
    gifted: usize,
    /// Every `cost`, in spec order.
    costs: Vec<CostView>,
    /// The largest fee, when two or more creators are paid.
    largest: Option<LargestFee>,
    /// Budget less all fees and costs.
    left: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct CostView {
    name: String,
    amount: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct LargestFee {
    creator: String,
    fee: String,
    share: String,
}

/// A warning as the overview tells it: its code picks the plain sentence in
/// the language's copy; the creators it names and the terms it quotes fill
/// it in. `message` and `help` are the checker's own words, for a code the
/// copy does not know.
#[derive(Debug, Serialize)]
pub(crate) struct FindingView {
    code: &'static str,
    name: &'static str,
    message: String,
    help: String,
    line: usize,
    creators: Vec<FindingCreator>,
    /// The words it quotes (`"best"`), for the word-list rules.
    terms: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FindingCreator {
    handle: String,
    role: &'static str,
    followers: String,
    trial_days: Option<u32>,
}

#[derive(Debug, Serialize)]
pub(crate) struct AllowView {
    code: &'static str,
    name: &'static str,
    summary: &'static str,
    reason: String,
}

/// The overview's value for the templates.
pub(crate) fn overview(
    campaign: &Arc<Campaign>,
    findings: &[Finding],
    file: &SourceFile,
    words: Words,
) -> Value {
    let (kol_wave, koc_wave) = (wave(campaign, Role::Kol), wave(campaign, Role::Koc));
    let view = OverviewView {
        funnel: Value::from_serialize(funnel(campaign, words)),
        roster: LazyRows::of_creators(campaign, (0..campaign.creators.len()).collect(), move |c| {
            RosterRow::new(c, words)
        }),
        kol_dates: WaveDates::new(campaign, &kol_wave),
        koc_dates: WaveDates::new(campaign, &koc_wave),
        kol_wave: LazyRows::of_creators(campaign, kol_wave, move |c| wave_row(c, words)),
        koc_wave: LazyRows::of_creators(campaign, koc_wave, move |c| wave_row(c, words)),
        chart: Value::from_serialize(ChartView::new(campaign, words)),
        budget: Value::from_serialize(BudgetView::new(campaign, words)),
        warnings: {
            let handles = Handles::of(campaign);
            Value::from_serialize(
                findings
                    .iter()
                    .filter(|f| f.severity == Severity::Warning)
                    .map(|f| FindingView::new(f, campaign, &handles, file, words))
                    .collect::<Vec<_>>(),
            )
        },
        allows: Value::from_serialize(
            campaign
                .allows
                .iter()
                .map(|a| AllowView {
                    code: a.rule.code,
                    name: a.rule.name,
                    summary: a.rule.summary,
                    reason: a.reason.clone(),
                })
                .collect::<Vec<_>>(),
        ),
    };
    // The parts pass through as they are: a value is not copied when it
    // is serialized into another.
    Value::from_serialize(&view)
}

/// Goals by funnel stage, each with the creators serving it.
fn funnel(campaign: &Arc<Campaign>, words: Words) -> Vec<FunnelStage> {
    Stage::ALL
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
                    creators: LazyRows::of_creators(
                        campaign,
                        campaign
                            .creators
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| c.serves.iter().any(|s| s.value == index))
                            .map(|(i, _)| i)
                            .collect(),
                        |c| FunnelCreator {
                            handle: c.handle.value.clone(),
                            role: c.role.keyword(),
                        },
                    ),
                })
                .collect();
            (!goals.is_empty()).then(|| FunnelStage {
                stage: stage.name(),
                stage_name: words.stage(stage),
                goals,
            })
        })
        .collect()
}

/// A wave's creators (indexes), in the order they post.
fn wave(campaign: &Campaign, role: Role) -> Vec<usize> {
    let mut creators: Vec<usize> = (0..campaign.creators.len())
        .filter(|&i| campaign.creators[i].role == role)
        .collect();
    // A stable sort keeps spec order among creators posting the same day.
    creators.sort_by_key(|&i| {
        let first_post = campaign.creators[i].dates.first_post;
        (first_post.is_none(), first_post)
    });
    creators
}

/// One creator's row of their wave.
fn wave_row(creator: &Creator, words: Words) -> WaveRow {
    let dates = &creator.dates;
    let date = |d: Option<jiff::civil::Date>| d.map(|d| words.date(d));
    WaveRow {
        creator: creator.handle.value.clone(),
        samples_arrive: date(dates.samples_arrive),
        trial_start: date(dates.trial_start),
        draft_due: date(dates.draft_due),
        feedback_by: date(dates.feedback_by),
        posts: creator
            .deliveries
            .iter()
            .map(|d| DeliveryView::new(d, words))
            .collect(),
        data_due: dates.data_due.iter().map(|d| words.date(*d)).collect(),
    }
}

impl FindingView {
    fn new(
        finding: &Finding,
        campaign: &Campaign,
        handles: &Handles<'_>,
        file: &SourceFile,
        words: Words,
    ) -> Self {
        let message = &finding.message;
        FindingView {
            code: finding.rule.code,
            name: finding.rule.name,
            message: message.clone(),
            help: finding.help.clone(),
            line: file.line_index(finding.span.start) + 1,
            creators: handles
                .named(message)
                .into_iter()
                .map(|i| &campaign.creators[i])
                .map(|c| FindingCreator {
                    handle: c.handle.value.clone(),
                    role: c.role.keyword(),
                    followers: words.count(c.followers.value),
                    trial_days: c.trial.as_ref().map(|t| t.value),
                })
                .collect(),
            terms: quoted_terms(message),
        }
    }
}

/// The creators' handles, to find those a finding names. Looking up what
/// follows each `@` of a message, rather than looking for each handle in
/// it, keeps the overview's findings from costing findings x creators.
struct Handles<'c> {
    /// A creator's index by handle (handles are unique in a spec that
    /// renders).
    index: FxHashMap<&'c str, usize>,
    /// The longest handle, in bytes.
    longest: usize,
}

impl<'c> Handles<'c> {
    fn of(campaign: &'c Campaign) -> Self {
        Handles::new(campaign.creators.iter().map(|c| c.handle.value.as_str()))
    }

    fn new(handles: impl Iterator<Item = &'c str> + Clone) -> Self {
        Handles {
            index: handles.clone().enumerate().map(|(i, h)| (h, i)).collect(),
            longest: handles.map(str::len).max().unwrap_or(0),
        }
    }

    /// The creators (indexes) `message` names as whole handles, in the
    /// order it first names them; spec order for two named at one place
    /// (`@lina` and `@lina-x` in `@lina-x`).
    fn named(&self, message: &str) -> Vec<usize> {
        let mut named: Vec<(usize, usize)> = Vec::new();
        for (at, _) in message.match_indices('@') {
            let rest = &message[at..];
            let ends = rest.char_indices().map(|(end, _)| end).skip(1);
            for end in ends.chain([rest.len()]) {
                if end > self.longest {
                    break;
                }
                let Some(&creator) = self.index.get(&rest[..end]) else {
                    continue;
                };
                let first = !named.iter().any(|&(_, c)| c == creator);
                if first && named_whole(message, at, end) {
                    named.push((at, creator));
                }
            }
        }
        named.sort_unstable();
        named.into_iter().map(|(_, creator)| creator).collect()
    }
}

/// Whether the handle `message[at..at + len]` is named whole: `@lina` is
/// not named in `@lina.glow`, but is at the end of a sentence.
fn named_whole(message: &str, at: usize, len: usize) -> bool {
    let part_of_handle = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = message[at + len..].chars();
    match rest.next() {
        None => true,
        Some('.') => !rest.next().is_some_and(part_of_handle),
        Some(next) => !part_of_handle(next),
    }
}

/// The terms a word-list finding quotes after its last colon:
/// `angle of KOL @a uses "best" and "No.1"` gives `best`, `No.1`.
fn quoted_terms(message: &str) -> Vec<String> {
    let tail = message.rsplit_once(": ").map_or(message, |(_, tail)| tail);
    tail.split('"')
        .skip(1)
        .step_by(2)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

impl BudgetView {
    fn new(campaign: &Campaign, words: Words) -> Self {
        let fees: Vec<(&Creator, &Money)> = campaign
            .creators
            .iter()
            .filter_map(|c| c.fee.as_ref().map(|f| (c, &f.value)))
            .collect();
        let costs: Vec<&Money> = campaign.costs.iter().map(|c| &c.amount.value).collect();
        let total = campaign.budget.as_ref().map(|b| words.money(&b.value));
        let gifted = campaign.creators.iter().filter(|c| c.fee.is_none()).count();
        // One currency is checked (E009); if it were not, sums would lie.
        let currency = campaign
            .budget
            .as_ref()
            .map(|b| b.value.currency.clone())
            .or_else(|| fees.first().map(|(_, m)| m.currency.clone()))
            .or_else(|| costs.first().map(|m| m.currency.clone()));
        let one_currency = fees
            .iter()
            .map(|(_, m)| *m)
            .chain(costs.iter().copied())
            .all(|m| Some(&m.currency) == currency.as_ref());
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
        let cost_views = campaign
            .costs
            .iter()
            .map(|c| CostView {
                name: c.name.value.clone(),
                amount: words.money(&c.amount.value),
            })
            .collect();
        if !one_currency {
            return BudgetView {
                total,
                fees: None,
                kol_fees: None,
                kol_paid: 0,
                koc_fees: None,
                koc_paid: 0,
                gifted,
                costs: cost_views,
                largest: None,
                left: None,
            };
        }
        let sum = |role: Option<Role>| -> u128 {
            fees.iter()
                .filter(|(c, _)| role.is_none_or(|r| c.role == r))
                .map(|(_, m)| u128::from(m.hundredths))
                .sum()
        };
        let paid = |role: Role| fees.iter().filter(|(c, _)| c.role == role).count();
        let all_fees = sum(None);
        let spent = all_fees + costs.iter().map(|m| u128::from(m.hundredths)).sum::<u128>();
        let largest = fees
            .iter()
            .max_by_key(|(_, m)| m.hundredths)
            .filter(|_| fees.len() >= 2 && all_fees > 0)
            .map(|(c, m)| LargestFee {
                creator: c.handle.value.clone(),
                fee: words.money(m),
                share: values::percent_text(values::share(m.hundredths, all_fees)),
            });
        let role_fees = |role: Role| (paid(role) > 0).then(|| show(sum(Some(role)))).flatten();
        BudgetView {
            total,
            fees: (!fees.is_empty()).then(|| show(all_fees)).flatten(),
            kol_fees: role_fees(Role::Kol),
            kol_paid: paid(Role::Kol),
            koc_fees: role_fees(Role::Koc),
            koc_paid: paid(Role::Koc),
            gifted,
            costs: cost_views,
            largest,
            left: campaign
                .budget
                .as_ref()
                .and_then(|b| u128::from(b.value.hundredths).checked_sub(spent))
                .and_then(show),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{quoted_terms, Handles};

    fn named(message: &str, handles: &[&str]) -> Vec<usize> {
        Handles::new(handles.iter().copied()).named(message)
    }

    #[test]
    fn a_handle_is_named_only_whole() {
        let lina = ["@lina", "@lina.glow"];
        assert_eq!(named("KOC @lina.glow has", &lina), [1]);
        assert_eq!(named("ends with @lina.", &lina), [0]);
        assert_eq!(named("@lina_x and @linax", &lina), [] as [usize; 0]);
        assert_eq!(
            named("KOC @小雨护肤日记 tries", &["@小", "@小雨护肤日记"]),
            [1]
        );
    }

    #[test]
    fn handles_come_in_the_order_named_once_each() {
        let handles = ["@a", "@b", "@a-b"];
        assert_eq!(named("@b posts before @a, and @b again", &handles), [1, 0]);
        // Both are named at one place: spec order.
        assert_eq!(named("see @a-b", &handles), [0, 2]);
        // Named whole only the second time.
        assert_eq!(named("@a.b then @a.", &handles), [0]);
        assert_eq!(named("no handle here @", &handles), [] as [usize; 0]);
    }

    #[test]
    fn quoted_terms_come_after_the_last_colon() {
        assert_eq!(
            quoted_terms("claims of the product \"X\" use absolute terms: \"best\" and \"No.1\""),
            ["best", "No.1"]
        );
        assert!(quoted_terms("no quotes here").is_empty());
    }
}
