//! What templates see: the campaign as plain strings and lists, with dates,
//! money, counts and KPI lines already written out in the brief's language,
//! so a template only places text and never formats numbers. Every field is
//! always present (an absent one is `none` or an empty list), because the
//! environment is strict about undefined names.

use jiff::civil::Date;
use serde::Serialize;

use crate::diagnostic::{Finding, Severity};
use crate::model::values::{self, group_thousands};
use crate::model::vocabulary::Vocabulary;
use crate::model::{
    Campaign, Comparator, Creator, Delivery, Format, Goal, Kpi, Language, Metric, Money, Product,
    Quantity, Role, Schedule, Stage,
};
use crate::platform;
use crate::source::SourceFile;

/// Numbers, dates and names in one brief language.
#[derive(Debug, Clone, Copy)]
pub struct Words(pub Language);

impl Words {
    pub fn stage(self, stage: Stage) -> &'static str {
        match (self.0, stage) {
            (Language::En, Stage::Discovery) => "discovery",
            (Language::En, Stage::Validation) => "validation",
            (Language::En, Stage::Conversion) => "conversion",
            (Language::Zh, Stage::Discovery) => "发现种草",
            (Language::Zh, Stage::Validation) => "研究验证",
            (Language::Zh, Stage::Conversion) => "决策转化",
        }
    }

    pub fn metric(self, metric: Metric) -> &'static str {
        use Metric::*;
        match self.0 {
            Language::En => match metric {
                Reach => "reach",
                Impressions => "impressions",
                Views => "views",
                Likes => "likes",
                Saves => "saves",
                Comments => "comments",
                Shares => "shares",
                Follows => "new followers",
                Ces => "CES score",
                Engagement => "engagement rate",
                SearchRank => "search rank",
                Clicks => "link clicks",
                Orders => "orders",
                Sales => "sales",
                Revenue => "revenue",
                Roi => "ROI",
                Cpe => "cost per engagement",
                Cpm => "cost per 1,000 impressions",
            },
            Language::Zh => match metric {
                Reach => "触达人数",
                Impressions => "曝光量",
                Views => "阅读/播放量",
                Likes => "点赞",
                Saves => "收藏",
                Comments => "评论",
                Shares => "分享",
                Follows => "涨粉",
                Ces => "CES 评分",
                Engagement => "互动率",
                SearchRank => "搜索排名",
                Clicks => "链接点击",
                Orders => "订单数",
                Sales => "销售额",
                Revenue => "GMV",
                Roi => "ROI",
                Cpe => "单次互动成本（CPE）",
                Cpm => "千次曝光成本（CPM）",
            },
        }
    }

    /// `800,000` in English; `80万` in Chinese, where 万 is how people count.
    pub fn count(self, n: u64) -> String {
        if self.0 == Language::Zh {
            for (unit, size) in [("亿", 100_000_000u64), ("万", 10_000)] {
                // Only when exact to two decimals, so no number is rounded.
                let Some(scaled) = n.checked_mul(100) else {
                    break;
                };
                if n >= size && scaled % size == 0 {
                    let hundredths = scaled / size;
                    let whole = hundredths / 100;
                    let text = match hundredths % 100 {
                        0 => whole.to_string(),
                        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
                        f => format!("{whole}.{f:02}"),
                    };
                    return format!("{text}{unit}");
                }
            }
        }
        group_thousands(n)
    }

    /// `12,000 MYR`; in Chinese, yuan as `30,000 元`.
    pub fn money(self, money: &Money) -> String {
        if self.0 == Language::Zh && money.currency == "CNY" {
            format!("{} 元", money.grouped_amount())
        } else {
            money.to_string()
        }
    }

    pub fn percent(self, value: f64) -> String {
        format!("{}%", decimal(value))
    }

    /// `Dec`, `12月`: a month on the timeline chart's scale.
    pub fn month(self, date: Date) -> String {
        match self.0 {
            Language::En => month_abbr(date).to_string(),
            Language::Zh => format!("{}月", date.month()),
        }
    }

    /// `3 Dec 2026`, `2026年12月3日`.
    pub fn date(self, date: Date) -> String {
        match self.0 {
            Language::En => format!("{} {} {}", date.day(), month_abbr(date), date.year()),
            Language::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        }
    }

    /// `10 Dec – 24 Dec 2026`, `2026年12月10日至12月24日`.
    pub fn date_range(self, from: Date, to: Date) -> String {
        let same_year = from.year() == to.year();
        match self.0 {
            Language::En if same_year => {
                format!("{} {} – {}", from.day(), month_abbr(from), self.date(to))
            }
            Language::En => format!("{} – {}", self.date(from), self.date(to)),
            Language::Zh if same_year => {
                format!("{}至{}月{}日", self.date(from), to.month(), to.day())
            }
            Language::Zh => format!("{}至{}", self.date(from), self.date(to)),
        }
    }

    /// `1 video`, `2 image notes`; `视频笔记 1 条`, `图文笔记 2 篇`.
    pub fn posts(self, format: Format, count: u32) -> String {
        match self.0 {
            Language::En => {
                let (one, many) = match format {
                    Format::Image => ("image note", "image notes"),
                    Format::Video => ("video", "videos"),
                    Format::Live => ("livestream", "livestreams"),
                };
                format!("{count} {}", if count == 1 { one } else { many })
            }
            Language::Zh => match format {
                Format::Image => format!("图文笔记 {count} 篇"),
                Format::Video => format!("视频笔记 {count} 条"),
                Format::Live => format!("直播 {count} 场"),
            },
        }
    }

    /// `3 Dec 2026`, `10 Dec – 24 Dec 2026`.
    pub fn when(self, schedule: &Schedule) -> String {
        match schedule {
            Schedule::On(on) => self.date(on.value),
            Schedule::Between(from, to) => self.date_range(from.value, to.value),
        }
    }

    /// When a delivery is due: `on 3 Dec 2026`, `from 10 Dec to 24 Dec 2026`; in Chinese the
    /// date alone reads naturally before 发布.
    pub fn due(self, schedule: &Schedule) -> String {
        match (self.0, schedule) {
            (Language::En, Schedule::On(on)) => format!("on {}", self.date(on.value)),
            (Language::En, Schedule::Between(from, to)) => {
                let (from, to) = (from.value, to.value);
                match from.year() == to.year() {
                    true => format!(
                        "from {} {} to {}",
                        from.day(),
                        month_abbr(from),
                        self.date(to)
                    ),
                    false => format!("from {} to {}", self.date(from), self.date(to)),
                }
            }
            (Language::Zh, Schedule::On(on)) => self.date(on.value),
            (Language::Zh, Schedule::Between(from, to)) => {
                format!("{}之间", self.date_range(from.value, to.value))
            }
        }
    }

    /// `reach at least 800,000`, `搜索排名进入前 10`.
    pub fn kpi(self, kpi: &Kpi) -> String {
        let metric = self.metric(kpi.metric);
        let target = self.quantity(&kpi.target);
        match (self.0, kpi.metric, kpi.comparator) {
            (Language::En, Metric::SearchRank, Comparator::AtMost) => {
                format!("{metric} in the top {target}")
            }
            (Language::En, _, Comparator::AtLeast) => format!("{metric} at least {target}"),
            (Language::En, _, Comparator::AtMost) => format!("{metric} at most {target}"),
            (Language::Zh, Metric::SearchRank, Comparator::AtMost) => {
                format!("{metric}进入前 {target}")
            }
            (Language::Zh, _, Comparator::AtLeast) => format!("{metric}不低于 {target}"),
            (Language::Zh, _, Comparator::AtMost) => format!("{metric}不高于 {target}"),
        }
    }

    fn quantity(self, quantity: &Quantity) -> String {
        match quantity {
            Quantity::Count(n) => self.count(*n),
            Quantity::Number(n) => decimal(*n),
            Quantity::Percent(p) => self.percent(*p),
            Quantity::Money(m) => self.money(m),
        }
    }

    fn role(self, role: Role) -> &'static str {
        match (self.0, role) {
            (Language::En, Role::Kol) => "KOL: discovery and aspiration",
            (Language::En, Role::Koc) => "KOC: research and validation",
            (Language::Zh, Role::Kol) => "KOL · 种草与向往",
            (Language::Zh, Role::Koc) => "KOC · 真实体验与口碑验证",
        }
    }
}

fn month_abbr(date: Date) -> &'static str {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let index = usize::try_from(date.month() - 1).unwrap_or(0);
    MONTHS.get(index).copied().unwrap_or("")
}

/// `4.1`, `2.5`, `9`: at most two decimals, no trailing zeros.
fn decimal(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The platform facts briefs state, from `crate::platform`.
#[derive(Debug, Serialize)]
pub struct PlatformView {
    pub title_max: usize,
    pub body_max: String,
    pub images_min: usize,
    pub images_max: usize,
    pub image_aspect: &'static str,
    pub tags_max: usize,
    pub collaboration_platform: &'static str,
    pub ad_label_rule: &'static str,
    /// The terms XHS001 looks for, from the rules' one list.
    pub absolute_terms: Vec<&'static str>,
}

impl PlatformView {
    pub fn new(words: Words) -> Self {
        let (collaboration_platform, ad_label_rule) = match words.0 {
            Language::En => (
                platform::COLLABORATION_PLATFORM_EN,
                platform::AD_LABEL_RULE_EN,
            ),
            Language::Zh => (
                platform::COLLABORATION_PLATFORM_ZH,
                platform::AD_LABEL_RULE_ZH,
            ),
        };
        PlatformView {
            title_max: platform::TITLE_MAX,
            body_max: group_thousands(platform::BODY_MAX_CHARS as u64),
            images_min: platform::IMAGES_MIN,
            images_max: platform::IMAGES_MAX,
            image_aspect: platform::IMAGE_ASPECT,
            tags_max: platform::TOPIC_TAGS_MAX,
            collaboration_platform,
            ad_label_rule,
            absolute_terms: crate::rules::words::ABSOLUTE
                .iter()
                .map(|w| w.term)
                .collect(),
        }
    }
}

/// The campaign as every brief of one language sees it. Creators are left
/// out on purpose: a brief's context stays small however long the roster.
#[derive(Debug, Serialize)]
pub struct CampaignView {
    pub name: String,
    pub window: Option<String>,
    pub budget: Option<String>,
    pub languages: Vec<&'static str>,
    pub brand: Option<BrandView>,
    pub products: Vec<ProductView>,
    pub goals: Vec<GoalView>,
}

#[derive(Debug, Serialize)]
pub struct BrandView {
    pub name: String,
    pub category: Option<String>,
    pub market: Option<String>,
    pub voice: Option<String>,
    pub avoid: Vec<String>,
    /// With a `#` in front, however they were written.
    pub hashtags: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    pub name: String,
    pub price: Option<String>,
    pub claims: Vec<String>,
    pub link: Option<String>,
    /// The link again when it is a web address, for an HTML page to link
    /// to; a `javascript:` or other link is shown as text only.
    pub link_href: Option<String>,
    /// Whether there is anything to state beyond the name.
    pub has_facts: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalView {
    pub name: String,
    pub stage: &'static str,
    pub stage_name: &'static str,
    pub kpis: Vec<String>,
}

impl CampaignView {
    pub fn new(campaign: &Campaign, words: Words) -> Self {
        CampaignView {
            name: campaign.name.value.clone(),
            window: campaign.window.map(|w| words.date_range(w.start, w.end)),
            budget: campaign.budget.as_ref().map(|b| words.money(&b.value)),
            languages: campaign.languages.iter().map(|l| l.name()).collect(),
            brand: campaign.brand.as_ref().map(|brand| BrandView {
                name: brand.name.value.clone(),
                category: brand.category.as_ref().map(|c| c.value.clone()),
                market: brand.market.as_ref().map(|m| m.value.clone()),
                voice: brand.voice.as_ref().map(|v| v.value.clone()),
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
        }
    }
}

impl ProductView {
    fn new(product: &Product, words: Words) -> Self {
        ProductView {
            name: product.name.value.clone(),
            price: product.price.as_ref().map(|p| words.money(&p.value)),
            claims: product.claims.iter().map(|c| c.value.clone()).collect(),
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

/// One creator, for their own brief and for the overview's roster.
#[derive(Debug, Serialize)]
pub struct CreatorView {
    pub handle: String,
    pub role: &'static str,
    pub role_name: &'static str,
    pub followers: String,
    pub niche: Vec<String>,
    pub engagement: Option<String>,
    pub audience: Option<String>,
    pub fee: Option<String>,
    pub angle: Option<String>,
    pub keywords: Vec<String>,
    pub title: Option<String>,
    pub script: Vec<String>,
    pub note: Option<String>,
    pub visual: Option<String>,
    pub trial_days: Option<u32>,
    pub prompts: Vec<String>,
    pub followup_days: u32,
    pub goals: Vec<GoalView>,
    pub products: Vec<ProductView>,
    pub deliveries: Vec<DeliveryView>,
    /// Every due date, for the header: `3 Dec 2026`.
    pub dates: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct DeliveryView {
    pub format: &'static str,
    pub count: u32,
    /// `2 image notes`.
    pub posts: String,
    /// `3 Dec 2026`, `10 Dec – 24 Dec 2026`; none when undated.
    pub when: Option<String>,
    /// The same in a sentence: `on 3 Dec 2026`, `from 10 Dec to 24 Dec 2026`.
    pub due: Option<String>,
}

impl DeliveryView {
    fn new(delivery: &Delivery, words: Words) -> Self {
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
    pub fn new(campaign_view: &CampaignView, creator: &Creator, words: Words) -> Self {
        let texts = |list: &[crate::model::Text]| list.iter().map(|t| t.value.clone()).collect();
        let mut dates = Vec::new();
        for shown in creator
            .deliveries
            .iter()
            .filter_map(|d| d.schedule.as_ref())
        {
            let shown = words.when(shown);
            if !dates.contains(&shown) {
                dates.push(shown);
            }
        }
        CreatorView {
            handle: creator.handle.value.clone(),
            role: creator.role.keyword(),
            role_name: words.role(creator.role),
            followers: words.count(creator.followers.value),
            niche: creator.niche.iter().map(|n| n.value.clone()).collect(),
            engagement: creator.engagement.as_ref().map(|e| words.percent(e.value)),
            audience: creator.audience.as_ref().map(|a| a.value.clone()),
            fee: creator.fee.as_ref().map(|f| words.money(&f.value)),
            angle: creator.angle.as_ref().map(|a| a.value.clone()),
            keywords: texts(&creator.keywords),
            title: creator.title.as_ref().map(|t| t.value.clone()),
            script: texts(&creator.script),
            note: creator.note.as_ref().map(|n| n.value.clone()),
            visual: creator.visual.as_ref().map(|v| v.value.clone()),
            trial_days: creator.trial.as_ref().map(|t| t.value),
            prompts: texts(&creator.prompts),
            followup_days: creator.followup_days(),
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
            deliveries: creator
                .deliveries
                .iter()
                .map(|d| DeliveryView::new(d, words))
                .collect(),
            dates,
        }
    }
}

/// The overview: funnel, roster, timeline, budget, findings and allows.
#[derive(Debug, Serialize)]
pub struct OverviewView {
    pub funnel: Vec<FunnelStage>,
    pub roster: Vec<CreatorView>,
    pub kol_wave: Vec<TimelineEntry>,
    pub koc_wave: Vec<TimelineEntry>,
    /// The timeline drawn to scale, when any delivery is dated.
    pub chart: Option<ChartView>,
    pub budget: BudgetView,
    pub warnings: Vec<FindingView>,
    pub allows: Vec<AllowView>,
}

#[derive(Debug, Serialize)]
pub struct FunnelStage {
    pub stage: &'static str,
    pub stage_name: &'static str,
    pub goals: Vec<FunnelGoal>,
}

#[derive(Debug, Serialize)]
pub struct FunnelGoal {
    pub name: String,
    pub kpis: Vec<String>,
    pub creators: Vec<FunnelCreator>,
}

#[derive(Debug, Serialize)]
pub struct FunnelCreator {
    pub handle: String,
    pub role: &'static str,
}

#[derive(Debug, Serialize)]
pub struct TimelineEntry {
    pub when: Option<String>,
    pub creator: String,
    pub posts: String,
}

/// Deliveries as bars across the campaign window (or, without one, from the
/// first to the last due date): the KOL wave, then the KOC wave, each in date
/// order. Positions are percentages of the window's width, worked out here so
/// a template only places them.
#[derive(Debug, Serialize)]
pub struct ChartView {
    /// The first and last day of the scale: `1 Dec 2026`.
    pub start: String,
    pub end: String,
    pub bars: Vec<ChartBar>,
    /// The first of each month inside the scale.
    pub ticks: Vec<ChartTick>,
}

#[derive(Debug, Serialize)]
pub struct ChartBar {
    pub role: &'static str,
    pub creator: String,
    pub posts: String,
    pub when: String,
    /// Where the bar starts and how wide it is, in percent: `12.5`.
    pub left: String,
    pub width: String,
}

#[derive(Debug, Serialize)]
pub struct ChartTick {
    /// `Jan`, `1月`.
    pub label: String,
    pub left: String,
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
pub struct BudgetView {
    pub total: Option<String>,
    pub fees: Option<String>,
    pub kol_fees: Option<String>,
    pub kol_paid: usize,
    pub koc_fees: Option<String>,
    pub koc_paid: usize,
    /// The largest fee, when two or more creators are paid.
    pub largest: Option<LargestFee>,
    /// Budget less all fees.
    pub left: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct LargestFee {
    pub creator: String,
    pub fee: String,
    pub share: String,
}

#[derive(Debug, Serialize)]
pub struct FindingView {
    pub code: &'static str,
    pub name: &'static str,
    pub message: String,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct AllowView {
    pub code: &'static str,
    pub name: &'static str,
    pub reason: String,
}

impl OverviewView {
    pub fn new(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_use_wan_only_when_exact() {
        let zh = Words(Language::Zh);
        assert_eq!(zh.count(1_500_000), "150万");
        assert_eq!(zh.count(15_000), "1.5万");
        assert_eq!(zh.count(6_000), "6,000");
        assert_eq!(zh.count(12_345), "12,345");
        assert_eq!(zh.count(250_000_000), "2.5亿");
        assert_eq!(Words(Language::En).count(800_000), "800,000");
        assert_eq!(zh.count(u64::MAX), group_thousands(u64::MAX));
    }

    #[test]
    fn dates_read_naturally() {
        let en = Words(Language::En);
        let zh = Words(Language::Zh);
        let a = jiff::civil::date(2026, 12, 10);
        let b = jiff::civil::date(2026, 12, 24);
        let c = jiff::civil::date(2027, 1, 3);
        assert_eq!(en.date(a), "10 Dec 2026");
        assert_eq!(en.date_range(a, b), "10 Dec – 24 Dec 2026");
        assert_eq!(en.date_range(a, c), "10 Dec 2026 – 3 Jan 2027");
        assert_eq!(zh.date_range(a, b), "2026年12月10日至12月24日");
    }

    #[test]
    fn decimals_lose_trailing_zeros() {
        assert_eq!(decimal(4.1), "4.1");
        assert_eq!(decimal(9.0), "9");
        assert_eq!(decimal(2.25), "2.25");
    }
}
