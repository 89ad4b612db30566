//! What templates see: the campaign as plain strings and lists, with dates,
//! money, counts and KPI lines already written out in the brief's language,
//! so a template only places text and never formats numbers. Every field is
//! always present (an absent one is `none` or an empty list), because the
//! environment is strict about undefined names.
//!
//! `words` writes a language's numbers, dates and names; `view` builds the
//! campaign, creator and delivery views; `overview` the overview's funnel,
//! chart and budget. A view's fields are private where only serde (that is,
//! the templates) reads them. What every brief shares besides the campaign,
//! the platform's facts, is here.

use serde::Serialize;

use super::words::Words;
use crate::model::values::group_thousands;
use crate::model::Language;
use crate::platform;

/// The platform facts briefs state, from `crate::platform`.
#[derive(Debug, Serialize)]
pub(crate) struct PlatformView {
    title_max: usize,
    body_max: String,
    images_min: usize,
    images_max: usize,
    image_aspect: &'static str,
    tags_max: usize,
    collaboration_platform: &'static str,
    ad_label_rule: &'static str,
    /// The terms XHS001 looks for, from the rules' one list.
    absolute_terms: Vec<&'static str>,
}

impl PlatformView {
    pub(crate) fn new(words: Words) -> Self {
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
