//! The campaign, each creator and each delivery as a brief shows them.
//! The campaign view is built once per language and shared by every brief;
//! a creator's view takes its goals and products from it.

use serde::Serialize;

use super::terms::{notes_plan, ContactView, NoteView, ScheduleView, TermsView};
use super::words::Words;
use crate::model::vocabulary::Vocabulary;
use crate::model::{Campaign, Creator, Delivery, Goal, Product};
use crate::platform;

/// The campaign as every brief of one language sees it. Creators are left
/// out on purpose: a brief's context stays small however long the roster.
#[derive(Debug, Serialize)]
pub(crate) struct CampaignView {
    name: String,
    window: Option<String>,
    budget: Option<String>,
    languages: Vec<&'static str>,
    brand: Option<BrandView>,
    products: Vec<ProductView>,
    goals: Vec<GoalView>,
    contact: Option<ContactView>,
    /// Sales moments: `双12` on `12 Dec 2026`.
    peaks: Vec<PeakView>,
    /// What the product calls for in a KOC's trial.
    care: CareView,
}

#[derive(Debug, Serialize)]
pub(crate) struct PeakView {
    name: String,
    date: String,
}

/// What the brand's category asks of a KOC trying the product: watching for
/// a reaction (on the skin or eaten), a patch test first (on the skin).
/// From the category lists in `crate::platform`.
#[derive(Debug, Serialize)]
pub(crate) struct CareView {
    reaction: bool,
    patch_test: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct BrandView {
    name: String,
    category: Option<String>,
    market: Option<String>,
    voice: Option<String>,
    avoid: Vec<String>,
    /// With a `#` in front, however they were written.
    hashtags: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProductView {
    name: String,
    price: Option<String>,
    claims: Vec<String>,
    link: Option<String>,
    /// The link again when it is a web address, for an HTML page to link
    /// to; a `javascript:` or other link is shown as text only.
    link_href: Option<String>,
    /// Whether there is anything to state beyond the name.
    has_facts: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct GoalView {
    name: String,
    stage: &'static str,
    stage_name: &'static str,
    kpis: Vec<String>,
}

impl CampaignView {
    pub(crate) fn new(campaign: &Campaign, words: Words) -> Self {
        CampaignView {
            name: campaign.name.value.clone(),
            window: campaign.window.map(|w| words.date_range(w.start, w.end)),
            budget: campaign.budget.as_ref().map(|b| words.money(&b.value)),
            languages: campaign
                .languages
                .iter()
                .map(|l| words.language(*l))
                .collect(),
            brand: campaign.brand.as_ref().map(|brand| BrandView {
                name: brand.name.value.clone(),
                category: brand.category.as_ref().map(|c| words.topic(&c.value)),
                market: brand.market.as_ref().map(|m| words.market(&m.value)),
                voice: brand.voice.as_ref().map(|v| words.text(v)),
                avoid: brand.avoid.iter().map(|a| a.value.clone()).collect(),
                hashtags: brand
                    .hashtags
                    .iter()
                    .map(|h| format!("#{}", h.value.trim_start_matches('#')))
                    .collect(),
            }),
            products: campaign
                .products
                .iter()
                .map(|p| ProductView::new(p, words))
                .collect(),
            goals: campaign
                .goals
                .iter()
                .map(|g| GoalView::new(g, words))
                .collect(),
            contact: campaign.contact.as_ref().map(ContactView::new),
            peaks: campaign
                .peaks
                .iter()
                .map(|p| PeakView {
                    name: p.name.value.clone(),
                    date: words.date(p.date.value),
                })
                .collect(),
            care: CareView::new(campaign),
        }
    }
}

impl CareView {
    fn new(campaign: &Campaign) -> Self {
        let category = campaign
            .brand
            .as_ref()
            .and_then(|b| b.category.as_ref())
            .map(|c| c.value.trim().to_lowercase());
        let within = |list: &[&str]| category.as_deref().is_some_and(|c| list.contains(&c));
        CareView {
            reaction: within(platform::REACTION_CATEGORIES),
            patch_test: within(platform::PATCH_TEST_CATEGORIES),
        }
    }
}

impl ProductView {
    fn new(product: &Product, words: Words) -> Self {
        ProductView {
            name: product.name.value.clone(),
            price: product.price.as_ref().map(|p| words.money(&p.value)),
            claims: product.claims.iter().map(|c| words.text(c)).collect(),
            link: product.link.as_ref().map(|l| l.value.clone()),
            link_href: product
                .link
                .as_ref()
                .map(|l| l.value.trim())
                .filter(|l| is_web_address(l))
                .map(str::to_string),
            has_facts: product.price.is_some()
                || !product.claims.is_empty()
                || product.link.is_some(),
        }
    }
}

impl GoalView {
    fn new(goal: &Goal, words: Words) -> Self {
        GoalView {
            name: goal.name.value.clone(),
            stage: goal.stage.value.name(),
            stage_name: words.stage(goal.stage.value),
            kpis: goal.kpis.iter().map(|k| words.kpi(k)).collect(),
        }
    }
}

fn is_web_address(link: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        link.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })
}

/// What a creator is at a glance: a row of the overview's roster table,
/// and the first fields of their brief's view. The overview holds only
/// these, not ten thousand briefs' views at once.
#[derive(Debug, Serialize)]
pub(crate) struct RosterRow {
    handle: String,
    role: &'static str,
    followers: String,
    niche: Vec<String>,
    engagement: Option<String>,
    fee: Option<String>,
    deliveries: Vec<DeliveryView>,
}

impl RosterRow {
    pub(crate) fn new(creator: &Creator, words: Words) -> Self {
        RosterRow {
            handle: creator.handle.value.clone(),
            role: creator.role.keyword(),
            followers: words.count(creator.followers.value),
            niche: creator
                .niche
                .iter()
                .map(|n| words.topic(&n.value))
                .collect(),
            engagement: creator.engagement.as_ref().map(|e| words.percent(e.value)),
            fee: creator.fee.as_ref().map(|f| words.money(&f.value)),
            deliveries: creator
                .deliveries
                .iter()
                .map(|d| DeliveryView::new(d, words))
                .collect(),
        }
    }
}

/// One creator, for their own brief.
#[derive(Debug, Serialize)]
pub(crate) struct CreatorView {
    /// `handle`, `role`, `followers`, `niche`, `engagement`, `fee`,
    /// `deliveries`, as the roster shows them.
    #[serde(flatten)]
    row: RosterRow,
    role_name: &'static str,
    audience: Option<String>,
    angle: Option<String>,
    keywords: Vec<String>,
    title: Option<String>,
    script: Vec<String>,
    note: Option<String>,
    visual: Option<String>,
    trial_days: Option<u32>,
    prompts: Vec<String>,
    followup_days: u32,
    xhs_id: Option<String>,
    /// The name to greet them by, when a roster gave one.
    nickname: Option<String>,
    /// No fee: the product is a gift, declared as such.
    gifted: bool,
    goals: Vec<GoalView>,
    products: Vec<ProductView>,
    /// The formats delivered, once each, in spec order: `image`, `video`.
    formats: Vec<&'static str>,
    /// Every due date, for the header: `3 Dec 2026`.
    dates: Vec<String>,
    /// Their dates from samples to data screenshots.
    schedule: ScheduleView,
    terms: TermsView,
    /// KOC with two or more notes: what each covers.
    notes: Vec<NoteView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DeliveryView {
    format: &'static str,
    count: u32,
    /// `2 image notes`; the overview's timeline reads this and `when` too.
    pub(crate) posts: String,
    /// `3 Dec 2026`, `10 Dec – 24 Dec 2026`; none when undated.
    pub(crate) when: Option<String>,
    /// The same in a sentence: `on 3 Dec 2026`, `from 10 Dec to 24 Dec 2026`.
    due: Option<String>,
}

impl DeliveryView {
    pub(crate) fn new(delivery: &Delivery, words: Words) -> Self {
        DeliveryView {
            format: delivery.format.name(),
            count: delivery.count,
            posts: words.posts(delivery.format, delivery.count),
            when: delivery.schedule.as_ref().map(|s| words.when(s)),
            due: delivery.schedule.as_ref().map(|s| words.due(s)),
        }
    }
}

impl CreatorView {
    /// `campaign_view` supplies goals and products already written out.
    pub(crate) fn new(campaign_view: &CampaignView, creator: &Creator, words: Words) -> Self {
        let texts = |list: &[crate::model::Text]| list.iter().map(|t| t.value.clone()).collect();
        let schedule = ScheduleView::new(creator, words);
        let mut formats = Vec::new();
        for format in creator.deliveries.iter().map(|d| d.format.name()) {
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        CreatorView {
            row: RosterRow::new(creator, words),
            role_name: words.role(creator.role),
            audience: creator.audience.as_ref().map(|a| words.text(a)),
            angle: creator.angle.as_ref().map(|a| words.text(a)),
            keywords: texts(&creator.keywords),
            title: creator.title.as_ref().map(|t| t.value.clone()),
            script: texts(&creator.script),
            note: creator.note.as_ref().map(|n| words.text(n)),
            visual: creator.visual.as_ref().map(|v| words.text(v)),
            trial_days: creator.trial.as_ref().map(|t| t.value),
            prompts: creator.prompts.iter().map(|p| words.text(p)).collect(),
            followup_days: creator.followup_days(),
            xhs_id: creator.xhs_id.as_ref().map(|x| x.value.clone()),
            nickname: creator.nickname.as_ref().map(|n| n.value.clone()),
            gifted: creator.fee.is_none(),
            goals: creator
                .serves
                .iter()
                .filter_map(|g| campaign_view.goals.get(g.value).cloned())
                .collect(),
            products: creator
                .products
                .iter()
                .filter_map(|p| campaign_view.products.get(p.value).cloned())
                .collect(),
            formats,
            dates: schedule.posts().to_vec(),
            schedule,
            terms: TermsView::new(&creator.terms, words),
            notes: notes_plan(creator, words),
        }
    }
}
