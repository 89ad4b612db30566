//! What templates see: the campaign as plain strings and lists, with dates,
//! money, counts and KPI lines already written out in the brief's language,
//! so a template only places text and never formats numbers or works out a
//! date. Every field is always present (an absent one is `none` or an empty
//! list), because the environment is strict about undefined names.
//!
//! `words` writes a language's numbers, dates and names; `view` builds the
//! campaign, creator and delivery views, `terms` a creator's dates and
//! terms; `overview` the overview's funnel, budget and findings, `chart` its
//! timeline. A view's fields are private where only serde (that is, the
//! templates) reads them. What every brief shares besides the campaign, the
//! platform's facts and the rules that govern the campaign's market, is here.

use serde::Serialize;

use super::words::Words;
use crate::model::{Campaign, Language};
use crate::platform::{self, Citation};
use crate::rules::text::key;
use crate::rules::words::{ABSOLUTE_TERMS, OVERSTATEMENTS};

/// The platform facts briefs state, from `crate::platform`, and the rules
/// that govern the campaign's market: Chinese law is cited only when the
/// brand's `market` is `CN`.
#[derive(Debug, Serialize)]
pub(crate) struct PlatformView {
    title_max: usize,
    body_max: String,
    images_min: usize,
    images_max: usize,
    image_aspect: &'static str,
    video_aspect: &'static str,
    tags_max: usize,
    collaboration_platform: &'static str,
    /// Chinese law, when it governs the campaign; none elsewhere.
    law: Option<LawView>,
    /// The platform's own rules, named in every market.
    platform_rules: &'static str,
    off_platform_rules: &'static str,
    /// The market's own disclosure rule, where one is known.
    market_rule: Option<&'static str>,
    /// The terms Advertising Law art. 9(3) itself names.
    law_terms: Vec<&'static str>,
    /// The other Chinese absolute terms XHS001 looks for: enforcement
    /// practice, not the law's words.
    enforcement_terms: Vec<&'static str>,
    /// English overstatements XHS001 looks for: not terms of that article.
    overstatements: Vec<&'static str>,
}

/// Chinese law as a brief cites it, in the brief's language.
#[derive(Debug, Serialize)]
pub(crate) struct LawView {
    absolute: &'static str,
    identifiable: &'static str,
    endorser: &'static str,
    liability: &'static str,
    ad_label: &'static str,
    ai_label: &'static str,
}

impl PlatformView {
    pub(crate) fn new(campaign: &Campaign, words: Words) -> Self {
        let cite = |citation: Citation| match words.0 {
            Language::En => citation.en,
            Language::Zh => citation.zh,
        };
        let market = campaign
            .brand
            .as_ref()
            .and_then(|b| b.market.as_ref())
            .map(|m| m.value.trim());
        let chinese_law =
            market.is_some_and(|m| m.eq_ignore_ascii_case(platform::CHINESE_LAW_MARKET));
        // The terms the statute names are listed apart; spelling variants
        // of one word (No.1, No1) are shown once.
        let mut seen = std::collections::HashSet::new();
        let mut once = |term: &&'static str| {
            !platform::AD_LAW_ABSOLUTE_TERMS.contains(term) && seen.insert(key(term))
        };
        let enforcement_terms: Vec<&'static str> = ABSOLUTE_TERMS
            .iter()
            .map(|w| w.term)
            .filter(&mut once)
            .collect();
        let overstatements: Vec<&'static str> = OVERSTATEMENTS
            .iter()
            .map(|w| w.term)
            .filter(&mut once)
            .collect();
        PlatformView {
            title_max: platform::TITLE_MAX,
            body_max: words.count(platform::BODY_MAX_CHARS as u64),
            images_min: platform::IMAGES_MIN,
            images_max: platform::IMAGES_MAX,
            image_aspect: platform::IMAGE_ASPECT,
            video_aspect: platform::VIDEO_ASPECT,
            tags_max: platform::TOPIC_TAGS_MAX,
            collaboration_platform: match words.0 {
                Language::En => platform::COLLABORATION_PLATFORM_EN,
                Language::Zh => platform::COLLABORATION_PLATFORM_ZH,
            },
            law: chinese_law.then(|| LawView {
                absolute: cite(platform::AD_LAW_ABSOLUTE),
                identifiable: cite(platform::AD_LAW_IDENTIFIABLE),
                endorser: cite(platform::AD_LAW_ENDORSER),
                liability: cite(platform::AD_LAW_LIABILITY),
                ad_label: cite(platform::AD_LABEL_RULE),
                ai_label: cite(platform::AI_LABEL_RULE),
            }),
            platform_rules: cite(platform::PLATFORM_RULES),
            off_platform_rules: cite(platform::OFF_PLATFORM_RULES),
            market_rule: market.and_then(platform::market_disclosure_rule).map(cite),
            law_terms: platform::AD_LAW_ABSOLUTE_TERMS.to_vec(),
            enforcement_terms,
            overstatements,
        }
    }
}
