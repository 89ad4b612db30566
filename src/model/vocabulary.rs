//! The fixed words of the language: stages, delivery formats, languages and
//! KPI metrics, with the everyday words strategists use for them instead
//! (`awareness` for `discovery`, `cn` for `zh`), so a finding can say which
//! one was meant.

use serde::Serialize;

use crate::suggest;
use crate::t;

/// What is said about a word that is not in a set, in the user's language.
pub struct Unknown {
    /// The finding's message: the word, and the block it stands in.
    pub message: String,
    pub label: String,
    /// The help line listing every name.
    pub one_of: String,
}

/// A closed set of names, as written in a spec.
pub trait Vocabulary: Sized + Copy + 'static {
    const ALL: &'static [Self];
    /// Other words people use, and what they mean.
    const ALIASES: &'static [(&'static str, Self)] = &[];
    fn name(self) -> &'static str;

    /// The messages about an unknown `word` in `owner`, with `names` (the
    /// set, quoted) for the help: each set says them whole ("unknown stage
    /// ..."), so a translator sees every sentence.
    fn unknown(word: &str, owner: &str, names: &str) -> Unknown;

    fn parse(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == word)
    }

    /// The help line for an unknown word: an alias it stands for, the
    /// closest name, or the list of names.
    fn help(word: &str) -> String {
        match Self::meant(word) {
            Some(meant) => t!("did you mean `{meant}`?", meant = meant.name()),
            None => {
                let names: Vec<&str> = Self::ALL.iter().map(|v| v.name()).collect();
                Self::unknown(word, "", &suggest::quote_list(&names)).one_of
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
    fn unknown(word: &str, owner: &str, names: &str) -> Unknown {
        Unknown {
            message: t!(
                "unknown stage `{word}` in {owner}",
                word = word,
                owner = owner
            ),
            label: t!("unknown stage"),
            one_of: t!("a stage is one of: {names}", names = names),
        }
    }
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
    fn unknown(word: &str, owner: &str, names: &str) -> Unknown {
        Unknown {
            message: t!(
                "unknown format `{word}` in {owner}",
                word = word,
                owner = owner
            ),
            label: t!("unknown format"),
            one_of: t!("a format is one of: {names}", names = names),
        }
    }
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

/// A brief language is a language redbrief can speak, and back.
impl From<Language> for crate::i18n::Lang {
    fn from(language: Language) -> Self {
        match language {
            Language::En => crate::i18n::Lang::En,
            Language::Zh => crate::i18n::Lang::Zh,
        }
    }
}

impl From<crate::i18n::Lang> for Language {
    fn from(lang: crate::i18n::Lang) -> Self {
        match lang {
            crate::i18n::Lang::En => Language::En,
            crate::i18n::Lang::Zh => Language::Zh,
        }
    }
}

impl Vocabulary for Language {
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
    fn unknown(word: &str, owner: &str, names: &str) -> Unknown {
        Unknown {
            message: t!(
                "unknown language `{word}` in {owner}",
                word = word,
                owner = owner
            ),
            label: t!("unknown language"),
            one_of: t!("a language is one of: {names}", names = names),
        }
    }
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
    fn unknown(word: &str, owner: &str, names: &str) -> Unknown {
        Unknown {
            message: t!(
                "unknown metric `{word}` in {owner}",
                word = word,
                owner = owner
            ),
            label: t!("unknown metric"),
            one_of: t!("a metric is one of: {names}", names = names),
        }
    }
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
    fn unknown(word: &str, owner: &str, names: &str) -> Unknown {
        Unknown {
            message: t!(
                "unknown usage right `{word}` in {owner}",
                word = word,
                owner = owner
            ),
            label: t!("unknown usage right"),
            one_of: t!("a usage right is one of: {names}", names = names),
        }
    }
    fn name(self) -> &'static str {
        match self {
            Self::Repost => "repost",
            Self::Boost => "boost",
            Self::Ads => "ads",
        }
    }
}

impl Vocabulary for super::FeeInclude {
    const ALL: &'static [Self] = &[Self::Tax, Self::PlatformFee];
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("taxes", Self::Tax),
        ("vat", Self::Tax),
        ("platform", Self::PlatformFee),
        ("service_fee", Self::PlatformFee),
        ("pugongying", Self::PlatformFee),
    ];
    fn unknown(word: &str, owner: &str, names: &str) -> Unknown {
        Unknown {
            message: t!(
                "unknown fee inclusion `{word}` in {owner}",
                word = word,
                owner = owner
            ),
            label: t!("unknown fee inclusion"),
            one_of: t!("a fee inclusion is one of: {names}", names = names),
        }
    }
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
