//! A brief language's words: stage, metric and role names, and counts,
//! money, dates, post counts and KPI lines written out the way a reader of
//! that language writes them.

use jiff::civil::Date;

use crate::model::vocabulary::Vocabulary;
use crate::model::{
    Comparator, Format, Kpi, Language, Metric, Money, Quantity, Role, Schedule, Stage,
};

/// Numbers, dates and names in one brief language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words(pub(crate) Language);

impl Words {
    /// A free text as this language's briefs show it: its own version, or
    /// the text as written.
    pub(crate) fn text(self, text: &crate::model::Text) -> String {
        text.version(self.0.name()).to_string()
    }

    pub(crate) fn stage(self, stage: Stage) -> &'static str {
        match (self.0, stage) {
            (Language::En, Stage::Discovery) => "discovery",
            (Language::En, Stage::Validation) => "validation",
            (Language::En, Stage::Conversion) => "conversion",
            (Language::Zh, Stage::Discovery) => "认知种草",
            (Language::Zh, Stage::Validation) => "口碑验证",
            (Language::Zh, Stage::Conversion) => "决策转化",
        }
    }

    /// A metric by the name Pugongying's note report (蒲公英数据) gives it
    /// where it reports one: 曝光量, 阅读量, 点赞, 收藏, 评论, 分享, 涨粉,
    /// 互动率, CPM, CPE. English names carry that Chinese name, so a client
    /// can find the figure in the report.
    pub(crate) fn metric(self, metric: Metric) -> &'static str {
        use Metric::*;
        match self.0 {
            Language::En => match metric {
                Reach => "reach",
                Impressions => "impressions (曝光量)",
                Views => "reads (阅读量)",
                Likes => "likes (点赞)",
                Saves => "saves (收藏)",
                Comments => "comments (评论)",
                Shares => "shares (分享)",
                Follows => "new followers (涨粉)",
                Ces => "CES score",
                Engagement => "engagement rate (互动率)",
                SearchRank => "search rank",
                Clicks => "link clicks",
                Orders => "orders",
                Sales => "sales",
                Revenue => "revenue",
                Roi => "ROI",
                Cpe => "cost per engagement (CPE)",
                Cpm => "cost per 1,000 impressions (CPM)",
            },
            Language::Zh => match metric {
                Reach => "触达人数",
                Impressions => "曝光量",
                Views => "阅读量",
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

    /// `800,000` in English; `80万`, `3200` in Chinese, where 万 is how
    /// people count and digits are not grouped.
    pub(crate) fn count(self, n: u64) -> String {
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
            return n.to_string();
        }
        crate::i18n::grouped(n)
    }

    /// `12,000 MYR`; in Chinese `1.2万 MYR`, `189.90 MYR`, and yuan as `3万元`.
    pub(crate) fn money(self, money: &Money) -> String {
        if self.0 == Language::En {
            return money.to_string();
        }
        let amount = match money.hundredths % 100 {
            0 => self.count(money.hundredths / 100),
            cents => format!("{}.{cents:02}", money.hundredths / 100),
        };
        match money.currency.as_str() {
            "CNY" => format!("{amount}元"),
            currency => format!("{amount} {currency}"),
        }
    }

    /// `3 days`, `1 day`; `3 天`.
    pub(crate) fn days(self, n: u32) -> String {
        match (self.0, n) {
            (Language::En, 1) => "1 day".to_string(),
            (Language::En, n) => format!("{n} days"),
            (Language::Zh, n) => format!("{n} 天"),
        }
    }

    pub(crate) fn percent(self, value: f64) -> String {
        format!("{}%", decimal(value))
    }

    /// `Dec`, `12月`: a month on the timeline chart's scale.
    pub(crate) fn month(self, date: Date) -> String {
        match self.0 {
            Language::En => month_abbr(date).to_string(),
            Language::Zh => format!("{}月", date.month()),
        }
    }

    /// `3 Dec 2026`, `2026年12月3日`.
    pub(crate) fn date(self, date: Date) -> String {
        match self.0 {
            Language::En => format!("{} {} {}", date.day(), month_abbr(date), date.year()),
            Language::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        }
    }

    /// `10 Dec – 24 Dec 2026`, `2026年12月10日至12月24日`.
    pub(crate) fn date_range(self, from: Date, to: Date) -> String {
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
    pub(crate) fn posts(self, format: Format, count: u32) -> String {
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

    /// `2 image notes, 3 Dec 2026`; `图文笔记 2 篇，2026年12月3日`.
    pub(crate) fn posts_when(self, format: Format, count: u32, when: &str) -> String {
        let separator = match self.0 {
            Language::En => ", ",
            Language::Zh => "，",
        };
        format!("{}{separator}{when}", self.posts(format, count))
    }

    /// `3 Dec 2026`, `10 Dec – 24 Dec 2026`.
    pub(crate) fn when(self, schedule: &Schedule) -> String {
        match schedule {
            Schedule::On(on) => self.date(on.value),
            Schedule::Between(from, to) => self.date_range(from.value, to.value),
        }
    }

    /// When a delivery is due: `on 3 Dec 2026`, `from 10 Dec to 24 Dec 2026`; in Chinese the
    /// date alone reads naturally before 发布.
    pub(crate) fn due(self, schedule: &Schedule) -> String {
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

    /// A day something happens: `on 3 Dec 2026`; `2026年12月3日`.
    pub(crate) fn on(self, date: Date) -> String {
        match self.0 {
            Language::En => format!("on {}", self.date(date)),
            Language::Zh => self.date(date),
        }
    }

    /// `from 3 Dec 2026`, `2026年12月3日起`.
    pub(crate) fn starting(self, date: Date) -> String {
        match self.0 {
            Language::En => format!("from {}", self.date(date)),
            Language::Zh => format!("{}起", self.date(date)),
        }
    }

    /// `by 3 Dec 2026`, `2026年12月3日前`.
    pub(crate) fn by(self, date: Date) -> String {
        match self.0 {
            Language::En => format!("by {}", self.date(date)),
            Language::Zh => format!("{}前", self.date(date)),
        }
    }

    /// `reach at least 800,000`, `搜索排名进入前 10`.
    pub(crate) fn kpi(self, kpi: &Kpi) -> String {
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

    /// A niche or a brand category as a reader of the language says it:
    /// `skincare` is 护肤 in Chinese. A word not known here stays as written.
    pub(crate) fn topic(self, name: &str) -> String {
        const ZH: &[(&str, &str)] = &[
            ("beauty", "美妆"),
            ("cosmetics", "彩妆"),
            ("makeup", "彩妆"),
            ("skincare", "护肤"),
            ("haircare", "美发护发"),
            ("grooming", "男士理容"),
            ("fashion", "时尚穿搭"),
            ("luxury", "轻奢"),
            ("lifestyle", "生活方式"),
            ("student", "学生党"),
            ("work", "职场"),
            ("food", "美食"),
            ("travel", "旅行"),
            ("fitness", "健身"),
            ("parenting", "母婴"),
            ("home", "家居"),
            ("tech", "数码"),
            ("pets", "萌宠"),
        ];
        match self.0 {
            Language::En => name.to_string(),
            Language::Zh => ZH
                .iter()
                .find(|(en, _)| en.eq_ignore_ascii_case(name.trim()))
                .map_or_else(|| name.to_string(), |(_, zh)| zh.to_string()),
        }
    }

    /// A market by its code: `Malaysia`, `马来西亚`; an unknown code as written.
    pub(crate) fn market(self, code: &str) -> String {
        const MARKETS: &[(&str, &str, &str)] = &[
            ("CN", "Mainland China", "中国大陆"),
            ("HK", "Hong Kong", "中国香港"),
            ("TW", "Taiwan", "中国台湾"),
            ("MY", "Malaysia", "马来西亚"),
            ("SG", "Singapore", "新加坡"),
            ("TH", "Thailand", "泰国"),
            ("ID", "Indonesia", "印度尼西亚"),
            ("PH", "the Philippines", "菲律宾"),
            ("VN", "Vietnam", "越南"),
            ("JP", "Japan", "日本"),
            ("KR", "South Korea", "韩国"),
            ("AU", "Australia", "澳大利亚"),
            ("US", "the United States", "美国"),
            ("GB", "the United Kingdom", "英国"),
        ];
        MARKETS
            .iter()
            .find(|(known, ..)| known.eq_ignore_ascii_case(code.trim()))
            .map_or_else(
                || code.to_string(),
                |(_, en, zh)| match self.0 {
                    Language::En => en.to_string(),
                    Language::Zh => zh.to_string(),
                },
            )
    }

    /// A brief language by name, as the overview lists them: `English`,
    /// `Chinese`; `英文`, `中文`.
    pub(crate) fn language(self, language: Language) -> &'static str {
        match (self.0, language) {
            (Language::En, Language::En) => "English",
            (Language::En, Language::Zh) => "Chinese",
            (Language::Zh, Language::En) => "英文",
            (Language::Zh, Language::Zh) => "中文",
        }
    }

    pub(crate) fn role(self, role: Role) -> &'static str {
        match (self.0, role) {
            (Language::En, Role::Kol) => "KOL: discovery and aspiration",
            (Language::En, Role::Koc) => "KOC: research and validation",
            (Language::Zh, Role::Kol) => "KOL · 认知种草",
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
pub(crate) fn decimal(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_use_wan_only_when_exact() {
        let zh = Words(Language::Zh);
        assert_eq!(zh.count(1_500_000), "150万");
        assert_eq!(zh.count(15_000), "1.5万");
        assert_eq!(zh.count(6_000), "6000");
        assert_eq!(zh.count(3_200), "3200");
        assert_eq!(zh.count(12_345), "12345");
        assert_eq!(zh.count(250_000_000), "2.5亿");
        assert_eq!(Words(Language::En).count(800_000), "800,000");
        assert_eq!(zh.count(u64::MAX), u64::MAX.to_string());
    }

    #[test]
    fn chinese_money_has_no_separators() {
        let zh = Words(Language::Zh);
        let money = |hundredths, currency: &str| Money {
            hundredths,
            currency: currency.to_string(),
        };
        assert_eq!(zh.money(&money(1_100_000, "MYR")), "1.1万 MYR");
        assert_eq!(zh.money(&money(60_000, "MYR")), "600 MYR");
        assert_eq!(zh.money(&money(18_990, "MYR")), "189.90 MYR");
        assert_eq!(zh.money(&money(1_400_000, "CNY")), "1.4万元");
        assert_eq!(zh.money(&money(1_234_500, "CNY")), "12345元");
        assert_eq!(
            Words(Language::En).money(&money(1_100_000, "MYR")),
            "11,000 MYR"
        );
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
