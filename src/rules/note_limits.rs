//! XHS005 note-limits: the spec asks for no more than a note holds.

use super::{who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::platform::{title_length, TITLE_MAX, TOPIC_TAGS_MAX};
use crate::t;

crate::rule_info! {
    /// # XHS005 note-limits
    ///
    /// ## What it does
    /// Reports a creator's `title` longer than 20 by the platform's count,
    /// and a brand with more than 10 topic `hashtags`. Exactly 20 and
    /// exactly 10 are fine.
    ///
    /// The title is counted as the app counts it: encode as UTF-16, each
    /// code unit above 127 counts 2 and every other counts 1, and the length
    /// is the sum halved, rounded up. So a Chinese character counts 1, two
    /// Latin letters, digits or spaces count 1, and "Claude 4.6发布，AI助手又进化了"
    /// counts 15.
    ///
    /// ## Why it matters
    /// The app will not take a longer title or an eleventh topic tag: the
    /// creator has to cut it while posting, and what gets cut is rarely the
    /// part you cared about. The title is what researchers see in search
    /// results, so it is worth getting right in the brief.
    ///
    /// ## Example
    /// ```
    /// kol @lina.glow {
    ///   title "My 9pm skin ritual, and why I never skip it now"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// kol @lina.glow {
    ///   title "My 9pm skin ritual"
    /// }
    /// ```
    pub static NOTE_LIMITS = {
        code: "XHS005",
        name: "note-limits",
        severity: Warning,
        summary: "a title over 20 (as the platform counts) or over 10 topic hashtags",
    };
}

pub struct NoteLimits;

impl Rule for NoteLimits {
    fn info(&self) -> &'static RuleInfo {
        &NOTE_LIMITS
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for creator in &campaign.creators {
            let Some(title) = &creator.title else {
                continue;
            };
            let length = title_length(&title.value);
            if length > TITLE_MAX {
                findings.push(
                    Finding::new(
                        &NOTE_LIMITS,
                        title.span,
                        t!(
                            "the title of {who} counts {length} on Xiaohongshu; a title holds at most {max}",
                            who = who(creator),
                            length = length,
                            max = TITLE_MAX
                        ),
                    )
                    .label(t!("{length} of {max}", length = length, max = TITLE_MAX))
                    .help(t!(
                        "shorten it by {over}: a Chinese character counts 1, two Latin letters, \
                         digits or spaces count 1",
                        over = length - TITLE_MAX
                    )),
                );
            }
        }
        if let Some(brand) = &campaign.brand {
            if let Some(extra) = brand.hashtags.get(TOPIC_TAGS_MAX) {
                findings.push(
                    Finding::new(
                        &NOTE_LIMITS,
                        extra.span,
                        t!(
                            "the brand \"{brand}\" asks for {n} topic hashtags; a note holds at most {max}",
                            brand = brand.name.value,
                            n = brand.hashtags.len(),
                            max = TOPIC_TAGS_MAX
                        ),
                    )
                    .label(t!("hashtag {n}", n = TOPIC_TAGS_MAX + 1))
                    .help(t!(
                        "keep the {max} that matter most; the app takes no more",
                        max = TOPIC_TAGS_MAX
                    )),
                );
            }
        }
    }
}
