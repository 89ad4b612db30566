//! `redbrief export`: the resolved campaign as plain data for other tools.
//!
//! These are view structs over the model, not serde on the model itself, so
//! no byte span leaks out and the shape stays stable when the model grows.
//! Field order is struct order; creators, goals and products keep spec
//! order. Every field is always present (`null` or `[]` when not given), so
//! a consumer never has to guess which keys exist.
//!
//! Units: counts are integers, percents are numbers (`4.1` for 4.1%), money
//! is `{amount, currency}` (a whole amount as an integer, otherwise a number
//! with at most two decimals), durations are days, dates are ISO
//! `YYYY-MM-DD`.
//!
//! A free text is exported as written first (`angle`); its versions in
//! other languages are in the view's `translations`, by language then
//! field, each the text that language's brief shows (a list item without a
//! version of its own shows the item as written): `{"zh": {"angle": "..."}}`.

use serde::Serialize;

pub mod sheet;

use crate::diagnostic::{Finding, Location};
use crate::model::{
    Campaign, Comparator, Creator, CreatorDates, FeeInclude, Format, Goal, Language, Metric,
    MetricKind, Money, Quantity, RightUse, Role, Stage, Terms,
};
use crate::source::SourceFile;
use crate::Checked;

/// Everything `export` prints for one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Export {
    /// `null` when the file could not be read as a campaign at all.
    pub campaign: Option<CampaignView>,
    pub findings: Vec<FindingView>,
}

impl Export {
    pub fn of(checked: &Checked) -> Export {
        Export {
            campaign: checked.campaign.as_deref().map(CampaignView::of),
            findings: checked
                .findings
                .iter()
                .map(|finding| FindingView::of(&checked.file, finding))
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignView {
    pub name: String,
    pub window: Option<WindowView>,
    pub budget: Option<MoneyView>,
    pub languages: Vec<Language>,
    pub brand: Option<BrandView>,
    pub products: Vec<ProductView>,
    pub goals: Vec<GoalView>,
    pub creators: Vec<CreatorView>,
    pub policy: PolicyView,
    pub allows: Vec<AllowView>,
    pub contact: Option<ContactView>,
    /// The campaign's terms, every creator's unless they override one.
    pub terms: TermsView,
    pub peaks: Vec<PeakView>,
    pub costs: Vec<CostView>,
}

impl CampaignView {
    pub fn of(campaign: &Campaign) -> CampaignView {
        CampaignView {
            name: campaign.name.value.clone(),
            window: campaign.window.map(|window| WindowView {
                start: window.start.to_string(),
                end: window.end.to_string(),
            }),
            budget: campaign.budget.as_ref().map(|b| MoneyView::of(&b.value)),
            languages: campaign.languages.clone(),
            brand: campaign.brand.as_ref().map(|brand| BrandView {
                name: brand.name.value.clone(),
                category: brand.category.as_ref().map(|c| c.value.clone()),
                market: brand.market.as_ref().map(|m| m.value.clone()),
                voice: brand.voice.as_ref().map(|v| v.value.clone()),
                avoid: texts(&brand.avoid),
                hashtags: texts(&brand.hashtags),
                translations: translations(&[("voice", Free::One(brand.voice.as_ref()))]),
            }),
            products: campaign
                .products
                .iter()
                .map(|product| ProductView {
                    name: product.name.value.clone(),
                    price: product.price.as_ref().map(|p| MoneyView::of(&p.value)),
                    claims: texts(&product.claims),
                    link: product.link.as_ref().map(|l| l.value.clone()),
                    translations: translations(&[("claims", Free::Many(&product.claims))]),
                })
                .collect(),
            goals: campaign.goals.iter().map(GoalView::of).collect(),
            creators: campaign
                .creators
                .iter()
                .map(|creator| CreatorView::of(campaign, creator))
                .collect(),
            policy: PolicyView {
                min_kocs: campaign.policy.min_kocs,
                max_creator_share: campaign.policy.max_creator_share,
                koc_max_followers: campaign.policy.koc_max_followers,
                kol_min_followers: campaign.policy.kol_min_followers,
                min_trial_days: campaign.policy.min_trial_days,
            },
            allows: campaign
                .allows
                .iter()
                .map(|allow| AllowView {
                    code: allow.rule.code,
                    name: allow.rule.name,
                    reason: allow.reason.clone(),
                })
                .collect(),
            contact: campaign.contact.as_ref().map(|c| ContactView {
                name: c.name.value.clone(),
                wechat: c.wechat.as_ref().map(|t| t.value.clone()),
                email: c.email.as_ref().map(|t| t.value.clone()),
                phone: c.phone.as_ref().map(|t| t.value.clone()),
            }),
            terms: TermsView::of(&campaign.terms),
            peaks: campaign
                .peaks
                .iter()
                .map(|p| PeakView {
                    name: p.name.value.clone(),
                    date: p.date.value.to_string(),
                })
                .collect(),
            costs: campaign
                .costs
                .iter()
                .map(|c| CostView {
                    name: c.name.value.clone(),
                    amount: MoneyView::of(&c.amount.value),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowView {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoneyView {
    pub amount: Amount,
    pub currency: String,
}

impl MoneyView {
    pub fn of(money: &Money) -> MoneyView {
        MoneyView {
            amount: if money.hundredths.is_multiple_of(100) {
                Amount::Whole(money.hundredths / 100)
            } else {
                Amount::Decimal(money.amount())
            },
            currency: money.currency.clone(),
        }
    }
}

/// `12000`, or `189.9` when there are cents.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    Whole(u64),
    Decimal(f64),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BrandView {
    pub name: String,
    pub category: Option<String>,
    pub market: Option<String>,
    pub voice: Option<String>,
    pub avoid: Vec<String>,
    pub hashtags: Vec<String>,
    pub translations: Translations,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductView {
    pub name: String,
    pub price: Option<MoneyView>,
    pub claims: Vec<String>,
    pub link: Option<String>,
    pub translations: Translations,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalView {
    pub name: String,
    pub stage: Stage,
    pub kpis: Vec<KpiView>,
}

impl GoalView {
    fn of(goal: &Goal) -> GoalView {
        GoalView {
            name: goal.name.value.clone(),
            stage: goal.stage.value,
            kpis: goal
                .kpis
                .iter()
                .map(|kpi| KpiView {
                    metric: kpi.metric,
                    kind: kpi.metric.kind(),
                    comparator: kpi.comparator,
                    target: match &kpi.target {
                        Quantity::Count(n) => Target::Count(*n),
                        Quantity::Number(n) | Quantity::Percent(n) => Target::Number(*n),
                        Quantity::Money(money) => Target::Money(MoneyView::of(money)),
                    },
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiView {
    pub metric: Metric,
    /// reach, engagement, conversion or cost: what the rules reason about.
    pub kind: MetricKind,
    pub comparator: Comparator,
    pub target: Target,
}

/// A count, a number (a percent is a number: `5` for 5%), or money.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Target {
    Count(u64),
    Number(f64),
    Money(MoneyView),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreatorView {
    pub handle: String,
    pub role: Role,
    /// The stages of the goals served, in journey order.
    pub stages: Vec<Stage>,
    /// Goal names.
    pub serves: Vec<String>,
    /// Product names.
    pub products: Vec<String>,
    pub followers: u64,
    pub niche: Vec<String>,
    pub engagement: Option<f64>,
    pub audience: Option<String>,
    pub fee: Option<MoneyView>,
    pub deliveries: Vec<DeliveryView>,
    pub angle: Option<String>,
    pub title: Option<String>,
    pub keywords: Vec<String>,
    pub script: Vec<String>,
    pub note: Option<String>,
    /// KOL only.
    pub visual: Option<String>,
    /// KOC only.
    pub trial_days: Option<u32>,
    /// KOC only.
    pub prompts: Vec<String>,
    /// KOC only: the default (7) when not given; `null` for a KOL.
    pub followup_days: Option<u32>,
    pub xhs_id: Option<String>,
    /// The name as written, when a roster's 昵称 column gave it.
    pub nickname: Option<String>,
    /// The spreadsheet cell a roster creator came from (`kocs.csv:14:3`);
    /// `null` for a creator typed in the spec.
    pub source: Option<String>,
    /// The terms this creator works under: the campaign's with their own
    /// over them, defaults filled in.
    pub terms: TermsView,
    /// Their dates, derived from the terms and the deliveries.
    pub dates: DatesView,
    pub translations: Translations,
}

impl CreatorView {
    fn of(campaign: &Campaign, creator: &Creator) -> CreatorView {
        CreatorView {
            handle: creator.handle.value.clone(),
            role: creator.role,
            stages: creator.stages.clone(),
            serves: campaign
                .goals_of(creator)
                .map(|goal| goal.name.value.clone())
                .collect(),
            products: campaign
                .products_of(creator)
                .map(|product| product.name.value.clone())
                .collect(),
            followers: creator.followers.value,
            niche: creator.niche.iter().map(|n| n.value.clone()).collect(),
            engagement: creator.engagement.map(|e| e.value),
            audience: creator.audience.as_ref().map(|a| a.value.clone()),
            fee: creator.fee.as_ref().map(|fee| MoneyView::of(&fee.value)),
            deliveries: creator
                .deliveries
                .iter()
                .map(|delivery| {
                    let (from, to) = match &delivery.schedule {
                        None => (None, None),
                        Some(schedule) => (
                            Some(schedule.first().to_string()),
                            Some(schedule.last().to_string()),
                        ),
                    };
                    DeliveryView {
                        format: delivery.format,
                        count: delivery.count,
                        from,
                        to,
                    }
                })
                .collect(),
            angle: creator.angle.as_ref().map(|a| a.value.clone()),
            title: creator.title.as_ref().map(|t| t.value.clone()),
            keywords: texts(&creator.keywords),
            script: texts(&creator.script),
            note: creator.note.as_ref().map(|n| n.value.clone()),
            visual: creator.visual.as_ref().map(|v| v.value.clone()),
            trial_days: creator.trial.map(|t| t.value),
            prompts: texts(&creator.prompts),
            followup_days: (creator.role == Role::Koc).then(|| creator.followup_days()),
            xhs_id: creator.xhs_id.as_ref().map(|t| t.value.clone()),
            nickname: creator.nickname.as_ref().map(|t| t.value.clone()),
            source: creator.source.clone(),
            terms: TermsView::of(&creator.terms),
            dates: DatesView::of(&creator.dates),
            translations: translations(&[
                ("audience", Free::One(creator.audience.as_deref())),
                ("angle", Free::One(creator.angle.as_deref())),
                ("note", Free::One(creator.note.as_deref())),
                ("visual", Free::One(creator.visual.as_deref())),
                ("prompts", Free::Many(&creator.prompts)),
            ]),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactView {
    pub name: String,
    pub wechat: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Terms with their defaults filled in (draft 3 days, review 2 days, two
/// rounds of revisions); the others `null` or `[]` when not given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermsView {
    pub samples: Option<String>,
    pub draft_days: u32,
    pub review_days: u32,
    pub revisions: u64,
    pub keep_live_days: Option<u32>,
    pub rights: Option<RightsView>,
    pub exclusivity_days: Option<u32>,
    pub report_days: Vec<u32>,
    pub payment: Option<String>,
    pub fee_includes: Vec<FeeInclude>,
    pub translations: Translations,
}

impl TermsView {
    fn of(terms: &Terms) -> TermsView {
        TermsView {
            samples: terms.samples.map(|d| d.value.to_string()),
            draft_days: terms.draft_days(),
            review_days: terms.review_days(),
            revisions: terms.revisions(),
            keep_live_days: terms.keep_live.map(|d| d.value),
            rights: terms.rights.as_ref().map(|r| RightsView {
                uses: r.uses.clone(),
                days: r.days,
            }),
            exclusivity_days: terms.exclusivity.map(|d| d.value),
            report_days: terms.report.iter().map(|d| d.value).collect(),
            payment: terms.payment.as_ref().map(|t| t.value.clone()),
            fee_includes: terms.fee_includes.clone(),
            translations: translations(&[("payment", Free::One(terms.payment.as_ref()))]),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RightsView {
    pub uses: Vec<RightUse>,
    pub days: u32,
}

/// A creator's derived dates, ISO; `null` where the spec gives too little.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatesView {
    pub samples_arrive: Option<String>,
    pub trial_start: Option<String>,
    pub draft_due: Option<String>,
    pub feedback_by: Option<String>,
    pub first_post: Option<String>,
    pub data_due: Vec<String>,
}

impl DatesView {
    fn of(dates: &CreatorDates) -> DatesView {
        let iso = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string());
        DatesView {
            samples_arrive: iso(dates.samples_arrive),
            trial_start: iso(dates.trial_start),
            draft_due: iso(dates.draft_due),
            feedback_by: iso(dates.feedback_by),
            first_post: iso(dates.first_post),
            data_due: dates.data_due.iter().map(|d| d.to_string()).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeakView {
    pub name: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostView {
    pub name: String,
    pub amount: MoneyView,
}

/// One `deliver` line. An `on DATE` delivery has `from` and `to` equal;
/// an undated one has both `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveryView {
    pub format: Format,
    pub count: u32,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyView {
    pub min_kocs: u64,
    /// Percent.
    pub max_creator_share: f64,
    pub koc_max_followers: u64,
    pub kol_min_followers: u64,
    pub min_trial_days: u32,
}

/// `allow RULE "REASON"`: which rule is silenced, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllowView {
    pub code: &'static str,
    pub name: &'static str,
    pub reason: String,
}

/// A finding where `check --format json` would put it: 1-based line and
/// character column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingView {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub help: String,
    pub line: usize,
    pub column: usize,
}

impl FindingView {
    fn of(file: &SourceFile, finding: &Finding) -> FindingView {
        let at = Location::of(file, finding.span);
        FindingView {
            code: finding.rule.code,
            name: finding.rule.name,
            severity: finding.severity.as_str(),
            message: finding.message.clone(),
            help: finding.help.clone(),
            line: at.line,
            column: at.column,
        }
    }
}

/// Versions of a view's free texts: language code, then field, then the
/// text that language's brief shows.
pub type Translations =
    std::collections::BTreeMap<String, std::collections::BTreeMap<&'static str, Version>>;

/// One field's text in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Version {
    One(String),
    Many(Vec<String>),
}

/// A free-text field of the model.
enum Free<'a> {
    One(Option<&'a crate::model::Text>),
    Many(&'a [crate::model::Text]),
}

fn translations(fields: &[(&'static str, Free<'_>)]) -> Translations {
    let mut out = Translations::new();
    for (field, free) in fields {
        let texts: &[crate::model::Text] = match free {
            Free::One(text) => text.map(std::slice::from_ref).unwrap_or(&[]),
            Free::Many(texts) => texts,
        };
        for text in texts.iter() {
            for translation in &text.translations {
                let language = &translation.language.value;
                let version = match free {
                    Free::One(_) => Version::One(text.version(language).to_string()),
                    Free::Many(_) => Version::Many(
                        texts
                            .iter()
                            .map(|t| t.version(language).to_string())
                            .collect(),
                    ),
                };
                out.entry(language.clone())
                    .or_default()
                    .insert(field, version);
            }
        }
    }
    out
}

fn texts(texts: &[crate::model::Text]) -> Vec<String> {
    texts.iter().map(|t| t.value.clone()).collect()
}

/// The two forms `--to` offers.
pub fn to_yaml(export: &Export) -> Result<String, String> {
    serde_yaml::to_string(export).map_err(|e| e.to_string())
}

pub fn to_json(export: &Export) -> Result<String, String> {
    serde_json::to_string_pretty(export)
        .map(|json| json + "\n")
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_a_whole_number_unless_it_has_cents() {
        let money = |hundredths| {
            let view = MoneyView::of(&Money {
                hundredths,
                currency: "MYR".to_string(),
            });
            serde_json::to_string(&view).unwrap_or_default()
        };
        assert_eq!(money(1_200_000), r#"{"amount":12000,"currency":"MYR"}"#);
        assert_eq!(money(18_990), r#"{"amount":189.9,"currency":"MYR"}"#);
        assert_eq!(money(5), r#"{"amount":0.05,"currency":"MYR"}"#);
    }
}
