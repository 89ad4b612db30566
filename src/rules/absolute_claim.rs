//! XHS001 absolute-claim: no superlatives the Advertising Law forbids.

use std::sync::LazyLock;

use super::given::{texts, word_finding};
use super::text::Terms;
use super::{or_allow, words, Rule, RuleInfo};
use crate::diagnostic::Finding;
use crate::model::Campaign;

crate::rule_info! {
    /// # XHS001 absolute-claim
    ///
    /// ## What it does
    /// Reports text given to creators that uses absolute or superlative
    /// terms: 最, 最佳, 第一, 全网第一, 唯一, 首个, 顶级, 国家级, 100%,
    /// "best", "No.1", "#1", "number one", "world's first", "guaranteed".
    /// Text given to creators is each creator's `angle`, `visual`, `title`,
    /// `note`, `script`, `prompts` and `keywords`, the product `claims` and
    /// the brand `hashtags` (not `audience` or `voice`, which are never
    /// posted).
    ///
    /// Matching folds case, full-width forms, spacing and punctuation.
    /// English terms match whole words ("best" does not fire on
    /// "bestseller"); Chinese terms match inside words. Decided cases:
    ///
    /// - 最 fires in 最好, 最火, 最强, but not in 最近, 最后, 最初, 最终 or
    ///   最少, which place something in time or set a minimum.
    /// - 第一 fires, but not in 第一次, 第一天, 第一周, 第一眼, 第一步,
    ///   第一印象 or 第一波 ("the first time / day / ...").
    /// - "best" fires as a ranking ("the best serum"), not in advice: "best
    ///   way", "best time", "works best", "do your best", "all the best".
    /// - "100%" fires even on test results ("100% of testers"); quote the
    ///   number of testers instead, or allow it with the test named.
    /// - "guarantee" alone does not fire (a money-back guarantee is a
    ///   service promise); "guaranteed" does.
    ///
    /// ## Why it matters
    /// China's Advertising Law (art. 9(3)) forbids "国家级", "最高级", "最佳"
    /// and similar terms in advertising, and a paid note is an ad; art. 57
    /// sets fines from 200,000 CNY, and the platform may limit such notes.
    /// Beyond the law, superlatives are what "overly produced or
    /// sales-driven" content sounds like; the strategy's readers trust
    /// "honest opinions".
    ///
    /// ## Example
    /// ```
    /// product "舒缓修护霜 50g" {
    ///   claims "全网第一的修护面霜"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// State what was measured:
    /// ```
    /// product "舒缓修护霜 50g" {
    ///   claims "28 天使用测试（n=40）中 85% 的人感到肌肤更舒适"
    /// }
    /// ```
    pub static ABSOLUTE_CLAIM = {
        code: "XHS001",
        name: "absolute-claim",
        severity: Warning,
        summary: "text for creators uses absolute terms the Advertising Law forbids",
    };
}

pub struct AbsoluteClaim;

static ABSOLUTE: LazyLock<Terms> = LazyLock::new(|| Terms::new(words::ABSOLUTE));

impl Rule for AbsoluteClaim {
    fn info(&self) -> &'static RuleInfo {
        &ABSOLUTE_CLAIM
    }

    fn check(&self, campaign: &Campaign, findings: &mut Vec<Finding>) {
        for given in texts(campaign) {
            let hits = ABSOLUTE.find(&given.text.value);
            if let Some(finding) =
                word_finding(&ABSOLUTE_CLAIM, &given, &hits, "uses absolute wording")
            {
                findings.push(finding.label("absolute term").help(format!(
                    "say what was measured instead (\"85% of 40 testers in 28 days\"); {}",
                    or_allow(
                        &ABSOLUTE_CLAIM,
                        "for a claim you can prove, such as a certified award"
                    )
                )));
            }
        }
    }
}
