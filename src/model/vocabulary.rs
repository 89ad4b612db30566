//! The fixed words of the language: stages, delivery formats, languages and
//! KPI metrics, with the everyday words strategists use for them instead
//! (`awareness` for `discovery`, `cn` for `zh`), so a finding can say which
//! one was meant.

use serde::Serialize;

use crate::suggest;

/// A closed set of names, as written in a spec.
pub trait Vocabulary: Sized + Copy + 'static {
    /// What the set is called in messages ("stage", "format").
    const WHAT: &'static str;
    const ALL: &'static [Self];
    /// Other words people use, and what they mean.
    const ALIASES: &'static [(&'static str, Self)] = &[];
    fn name(self) -> &'static str;

    fn parse(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == word)
    }

    /// The help line for an unknown word: an alias it stands for, the
    /// closest name, or the list of names.
    fn help(word: &str) -> String {
        match Self::meant(word) {
            Some(meant) => format!("did you mean `{}`?", meant.name()),
            None => {
                let names: Vec<&str> = Self::ALL.iter().map(|v| v.name()).collect();
                format!(
                    "a {} is one of: {}",
                    Self::WHAT,
                    suggest::quote_list(&names)
                )
            }
        }
    }

    /// The name an unknown word stands for: an alias, or the closest name.
    fn meant(word: &str) -> Option<Self> {
        let lower = word.to_lowercase();
        if let Some((_, meant)) = Self::ALIASES.iter().find(|(alias, _)| *alias == lower) {
            return Some(*meant);
        }
        let best = suggest::closest(word, Self::ALL.iter().map(|v| v.name()))?;
        Self::parse(best)
    }
}

/// A stage of the buyer journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// First impressions and aspiration: the KOL's stage.
    Discovery,
    /// Research, comparison, trust: the KOC's stage.
    Validation,
    /// The purchase decision, reached through validation.
    Conversion,
}

impl Vocabulary for Stage {
    const WHAT: &'static str = "stage";
    const ALL: &'static [Self] = &[Stage::Discovery, Stage::Validation, Stage::Conversion];
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("awareness", Stage::Discovery),
        ("aspiration", Stage::Discovery),
        ("research", Stage::Validation),
        ("trust", Stage::Validation),
        ("consideration", Stage::Validation),
        ("purchase", Stage::Conversion),
        ("sales", Stage::Conversion),
        ("decision", Stage::Conversion),
    ];
    fn name(self) -> &'static str {
        match self {
            Stage::Discovery => "discovery",
            Stage::Validation => "validation",
            Stage::Conversion => "conversion",
        }
    }
}

/// What a creator posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// An image note (1 to 18 images).
    Image,
    Video,
    Live,
}

impl Vocabulary for Format {
    const WHAT: &'static str = "format";
    const ALL: &'static [Self] = &[Format::Image, Format::Video, Format::Live];
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("photo", Format::Image),
        ("photos", Format::Image),
        ("images", Format::Image),
        ("note", Format::Image),
        ("carousel", Format::Image),
        ("reel", Format::Video),
        ("videos", Format::Video),
        ("livestream", Format::Live),
        ("stream", Format::Live),
    ];
    fn name(self) -> &'static str {
        match self {
            Format::Image => "image",
            Format::Video => "video",
            Format::Live => "live",
        }
    }
}

/// A language briefs are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Vocabulary for Language {
    const WHAT: &'static str = "language";
    const ALL: &'static [Self] = &[Language::En, Language::Zh];
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("cn", Language::Zh),
        ("chinese", Language::Zh),
        ("zh-cn", Language::Zh),
        ("zh-hans", Language::Zh),
        ("zh_cn", Language::Zh),
        ("english", Language::En),
        ("en-us", Language::En),
        ("en-gb", Language::En),
    ];
    fn name(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
        }
    }
}

/// What a KPI measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Reach,
    Impressions,
    Views,
    Likes,
    Saves,
    Comments,
    Shares,
    Follows,
    Ces,
    Engagement,
    SearchRank,
    Clicks,
    Orders,
    Sales,
    Revenue,
    Roi,
    Cpe,
    Cpm,
}

/// The family a metric belongs to; the rules reason about families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    /// How many people saw it.
    Reach,
    /// How people reacted.
    Engagement,
    /// Whether people bought.
    Conversion,
    /// What it cost.
    Cost,
}

/// The unit a metric's target is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    Percent,
    Money,
    /// A plain number, decimals allowed (a return on investment of 2.5).
    Number,
}

impl Metric {
    pub fn kind(self) -> MetricKind {
        use Metric::*;
        match self {
            Reach | Impressions | Views => MetricKind::Reach,
            Likes | Saves | Comments | Shares | Follows | Ces | Engagement | SearchRank => {
                MetricKind::Engagement
            }
            Clicks | Orders | Sales | Revenue | Roi => MetricKind::Conversion,
            Cpe | Cpm => MetricKind::Cost,
        }
    }

    pub fn unit(self) -> Unit {
        use Metric::*;
        match self {
            Engagement => Unit::Percent,
            Sales | Revenue | Cpe | Cpm => Unit::Money,
            Roi => Unit::Number,
            _ => Unit::Count,
        }
    }
}

impl Vocabulary for Metric {
    const WHAT: &'static str = "metric";
    const ALL: &'static [Self] = &[
        Metric::Reach,
        Metric::Impressions,
        Metric::Views,
        Metric::Likes,
        Metric::Saves,
        Metric::Comments,
        Metric::Shares,
        Metric::Follows,
        Metric::Ces,
        Metric::Engagement,
        Metric::SearchRank,
        Metric::Clicks,
        Metric::Orders,
        Metric::Sales,
        Metric::Revenue,
        Metric::Roi,
        Metric::Cpe,
        Metric::Cpm,
    ];
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("collects", Metric::Saves),
        ("favorites", Metric::Saves),
        ("bookmarks", Metric::Saves),
        ("followers", Metric::Follows),
        ("conversions", Metric::Orders),
        ("purchases", Metric::Orders),
        ("gmv", Metric::Revenue),
        ("er", Metric::Engagement),
        ("engagement_rate", Metric::Engagement),
    ];
    fn name(self) -> &'static str {
        use Metric::*;
        match self {
            Reach => "reach",
            Impressions => "impressions",
            Views => "views",
            Likes => "likes",
            Saves => "saves",
            Comments => "comments",
            Shares => "shares",
            Follows => "follows",
            Ces => "ces",
            Engagement => "engagement",
            SearchRank => "search_rank",
            Clicks => "clicks",
            Orders => "orders",
            Sales => "sales",
            Revenue => "revenue",
            Roi => "roi",
            Cpe => "cpe",
            Cpm => "cpm",
        }
    }
}

impl Vocabulary for super::RightUse {
    const WHAT: &'static str = "usage right";
    const ALL: &'static [Self] = &[Self::Repost, Self::Boost, Self::Ads];
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("share", Self::Repost),
        ("reshare", Self::Repost),
        ("promote", Self::Boost),
        ("薯条", Self::Boost),
        ("聚光", Self::Boost),
        ("advertising", Self::Ads),
        ("paid", Self::Ads),
    ];
    fn name(self) -> &'static str {
        match self {
            Self::Repost => "repost",
            Self::Boost => "boost",
            Self::Ads => "ads",
        }
    }
}

impl Vocabulary for super::FeeInclude {
    const WHAT: &'static str = "fee inclusion";
    const ALL: &'static [Self] = &[Self::Tax, Self::PlatformFee];
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("taxes", Self::Tax),
        ("vat", Self::Tax),
        ("platform", Self::PlatformFee),
        ("service_fee", Self::PlatformFee),
        ("pugongying", Self::PlatformFee),
    ];
    fn name(self) -> &'static str {
        match self {
            Self::Tax => "tax",
            Self::PlatformFee => "platform_fee",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_point_at_the_meant_name() {
        assert_eq!(Language::help("cn"), "did you mean `zh`?");
        assert_eq!(Stage::help("awareness"), "did you mean `discovery`?");
        assert_eq!(Stage::help("discvery"), "did you mean `discovery`?");
        assert!(Format::help("banner").contains("`image`, `video` or `live`"));
    }
}
