//! XHS007 search-language: the words people search with on Xiaohongshu
//! are Chinese, so tags and keywords with no Chinese at all are not found.

use super::text::has_han;
use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::Text;
use crate::t;

crate::rule_info! {
    /// # XHS007 search-language
    ///
    /// ## What it does
    /// Reports the brand's `hashtags`, and each creator's `keywords`, when
    /// not one of them holds a Chinese character. A list with one Chinese
    /// (or mixed, like "Glow 精华") entry is fine; an empty list is not
    /// this rule's business.
    ///
    /// ## Why it matters
    /// Search on Xiaohongshu is overwhelmingly in Chinese, even in Malaysia
    /// and Singapore: readers research a product by typing 精华推荐 or
    /// 油皮护肤, and topic tags are browsed the same way. A note whose tags
    /// and title words are all English is seen by its followers and hardly
    /// found by anyone else, which is the whole point of seeding.
    /// Hashtags and keywords are what the creator posts word for word, so
    /// they are written once, in the readers' language, whatever the
    /// brief's language.
    ///
    /// ## Example
    /// ```
    /// brand "Lumière Skin" { hashtags "lumiereskin", "glowserum" }
    /// koc @amy_tries { keywords "oily skin", "serum review" }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// brand "Lumière Skin" { hashtags "lumiereskin", "精华推荐" }
    /// koc @amy_tries { keywords "油皮精华", "serum review" }
    /// ```
    pub static SEARCH_LANGUAGE = {
        code: "XHS007",
        name: "search-language",
        severity: Warning,
        summary: "the brand's `hashtags` or a creator's `keywords` hold no Chinese at all",
    };
}

pub struct SearchLanguage;

impl Rule for SearchLanguage {
    fn info(&self) -> &'static RuleInfo {
        &SEARCH_LANGUAGE
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        if let Some(brand) = &campaign.brand {
            if let Some(finding) =
                no_chinese(&brand.hashtags, || t!("the brand's `hashtags`"), "精华推荐")
            {
                findings.push(finding);
            }
        }
        for creator in &campaign.creators {
            // Put in words only for a finding: ten thousand creators'
            // labels would be formatted for nothing.
            let what = || t!("the `keywords` of {who}", who = who(creator));
            if let Some(finding) = no_chinese(&creator.keywords, what, "油皮精华") {
                findings.push(finding);
            }
        }
    }
}

fn no_chinese(list: &[Text], what: impl FnOnce() -> String, like: &str) -> Option<Finding> {
    if list.is_empty() || list.iter().any(|text| has_han(&text.value)) {
        return None;
    }
    let span = list[0].span.to(list[list.len() - 1].span);
    Some(
        Finding::new(
            &SEARCH_LANGUAGE,
            span,
            t!(
                "{what} hold no Chinese: readers on Xiaohongshu search in Chinese",
                what = what()
            ),
        )
        .label(t!("no Chinese search word"))
        .help(t!(
            "add the Chinese words readers search for, like \"{like}\"; {allow}",
            like = like,
            allow = or_allow(
                &SEARCH_LANGUAGE,
                &t!("if the note is meant for English searches only")
            )
        )),
    )
}
