//! RS011 koc-scripted: KOCs give honest opinions, not ad copy.

use std::sync::LazyLock;

use super::text::{quoted, span_in, Terms};
use super::{or_allow, who, words, Rule, RuleInfo};
use crate::diagnostic::Finding;
use crate::model::Campaign;

crate::rule_info! {
    /// # RS011 koc-scripted
    ///
    /// ## What it does
    /// Reports a KOC who is given a `script` (lines to say), and a KOC whose
    /// `angle` or `prompts` use hard-sell wording: "buy now", "limited
    /// time", "link in bio", "discount code", "立即购买", "限时", "秒杀" and
    /// the rest of the list in `src/rules/words.rs`. Matching folds case,
    /// width, spacing and punctuation; English phrases match whole words,
    /// Chinese ones anywhere ("限时" fires on "限时折扣").
    ///
    /// ## Why it matters
    /// KOCs influence "buyer confidence through relatable, experience-based
    /// content instead of overt promotion", through "honest opinions shared
    /// through detailed captions and replies". "Content that feels overly
    /// produced or sales-driven often struggles to convert." A KOC reading a
    /// script or pushing a discount is just a small ad.
    ///
    /// ## Example
    /// ```
    /// koc @amy_tries {
    ///   script  "This serum changed my skin"
    ///   prompts "Tell them it's a limited time offer"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Ask questions the KOC answers in their own words:
    /// ```
    /// koc @amy_tries {
    ///   prompts "How did your skin feel by day 14?", "Would you repurchase?"
    /// }
    /// ```
    pub static KOC_SCRIPTED = {
        code: "RS011",
        name: "koc-scripted",
        severity: Warning,
        summary: "a KOC is given a script or hard-sell wording",
    };
}

pub struct KocScripted;

static HARD_SELL: LazyLock<Terms> = LazyLock::new(|| Terms::new(words::HARD_SELL));

impl Rule for KocScripted {
    fn info(&self) -> &'static RuleInfo {
        &KOC_SCRIPTED
    }

    fn check(&self, campaign: &Campaign, findings: &mut Vec<Finding>) {
        for koc in campaign.kocs() {
            if let (Some(first), Some(last)) = (koc.script.first(), koc.script.last()) {
                let lines = koc.script.len();
                let count = if lines == 1 {
                    "1 line".to_string()
                } else {
                    format!("{lines} lines")
                };
                findings.push(
                    Finding::new(
                        &KOC_SCRIPTED,
                        first.span.to(last.span),
                        format!("{} is given a script ({count} to say)", who(koc)),
                    )
                    .label("lines a KOC must say")
                    .help(format!(
                        "turn the lines into `prompts`: questions the KOC answers in their own \
                         words; {}",
                        or_allow(
                            &KOC_SCRIPTED,
                            "if the lines are legal wording the KOC must include"
                        )
                    )),
                );
            }
            let texts = koc
                .angle
                .iter()
                .map(|t| (t, "the angle"))
                .chain(koc.prompts.iter().map(|t| (t, "a prompt")));
            for (text, field) in texts {
                let hits = HARD_SELL.find(&text.value);
                let Some(first) = hits.first() else {
                    continue;
                };
                let mut terms: Vec<&str> = hits.iter().map(|hit| hit.term).collect();
                terms.dedup();
                findings.push(
                    Finding::new(
                        &KOC_SCRIPTED,
                        span_in(text, &first.bytes),
                        format!(
                            "{field} of {} uses hard-sell wording: {}",
                            who(koc),
                            quoted(&terms)
                        ),
                    )
                    .label("hard sell")
                    .help(format!(
                        "drop the call to action and ask what they found instead, e.g. \"Would \
                         you buy it again?\"; {}",
                        or_allow(&KOC_SCRIPTED, "if the offer is part of what they review")
                    )),
                );
            }
        }
    }
}
