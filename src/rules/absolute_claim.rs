//! XHS001 absolute-claim: no absolute terms the Advertising Law forbids,
//! and no English overstatements.

use std::sync::LazyLock;

use super::given::word_finding;
use super::text::Terms;
use super::{or_allow, words, Rule, RuleInfo};
use crate::diagnostic::Findings;
use crate::t;

crate::rule_info! {
    /// # XHS001 absolute-claim
    ///
    /// ## What it does
    /// Reports text given to creators that uses absolute terms, in two
    /// lists that briefs also print apart:
    ///
    /// - Absolute terms of Chinese advertising: 国家级, 最高级, 最佳 (the
    ///   words of the statute), and what enforcement treats as similar: 最,
    ///   世界级, 顶级, 极品, 第一, 全网第一, TOP1, 唯一, 首个, 首选, 独家, 绝对,
    ///   万能, 100%, 百分百.
    /// - English overstatements to avoid: "best", "No.1", "#1", "number one",
    ///   "world's first", "guaranteed". No statute names them; they are the
    ///   usual translations of the terms above, and the finding says so.
    ///
    /// Text given to creators is each creator's `angle`, `visual`, `title`,
    /// `note`, `script`, `prompts` and `keywords`, the product `claims` and
    /// the brand `hashtags` (not `audience` or `voice`, which are never
    /// posted, nor the product `link` or the campaign's `contact`).
    ///
    /// Matching folds case, full-width forms, spacing and punctuation.
    /// English terms match whole words ("best" does not fire on
    /// "bestseller"); Chinese terms match inside words. Decided cases:
    ///
    /// - 最佳 does not fire in consumer tips: 最佳使用时间, 最佳使用方法,
    ///   最佳赏味期, 最佳食用期 (the guideline exempts tips on how, when and
    ///   how long to use or keep a product).
    /// - 最 fires in 最好, 最火, 最强, but not in words that place something in
    ///   time (最近, 最后, 最初, 最终, 最新), set a limit (最少, 最多), give
    ///   advice (最好先, 最好不要, 最好别: "you'd better") or say what the
    ///   creator likes (最爱).
    /// - 第一 fires, but not for a time, step or layer: 第一次, 第一天, 第一周,
    ///   第一个月, 第一晚, 第一眼, 第一步, 第一遍, 第一层, 第一印象, 第一波,
    ///   第一时间 ("right away").
    /// - 唯一 fires, but not in 唯一的缺点 / 唯一缺点 / 唯一的不足 ("its only
    ///   downside"), the honest review a KOC brief asks for.
    /// - "#1" fires as a rank, not as a shade or product number (色号#1,
    ///   "shade #1"): the guideline exempts product names and models.
    /// - "best" fires as a ranking ("the best serum"), not in advice ("best
    ///   way", "best time", "works best", "do your best", "all the best"),
    ///   a date mark ("best before") or a friend ("best friend").
    /// - "100%" fires even on test results ("100% of testers"); quote the
    ///   number of testers instead, or allow it with the test named.
    /// - "guarantee" alone does not fire (a money-back guarantee is a
    ///   service promise); "guaranteed" does.
    /// - Facts the guideline allows when limited in time and place ("2025
    ///   天猫面霜类目销量第一") and awards with their source still fire: check
    ///   the proof, then allow the rule with the source as the reason.
    ///
    /// ## Why it matters
    /// Advertising Law art. 9(3) forbids "国家级", "最高级", "最佳" and
    /// similar terms in advertising, and a paid note is an ad; art. 57 sets
    /// fines from 200,000 CNY, and the platform may limit such notes. Which
    /// terms are "similar", and which uses are not claims at all, is set by
    /// SAMR's 2023 《广告绝对化用语执法指南》 and enforcement cases. Beyond the
    /// law, superlatives are what "overly produced or sales-driven" content
    /// sounds like; the strategy's readers trust "honest opinions".
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
        summary: "text for creators uses absolute terms the Advertising Law forbids, or English overstatements",
    };
}

pub struct AbsoluteClaim;

/// Both lists in one automaton: a text is read once.
static ABSOLUTE: LazyLock<Terms> =
    LazyLock::new(|| Terms::new(words::ABSOLUTE_TERMS.iter().chain(words::OVERSTATEMENTS)));

fn is_overstatement(term: &str) -> bool {
    words::OVERSTATEMENTS.iter().any(|word| word.term == term)
}

impl Rule for AbsoluteClaim {
    fn info(&self) -> &'static RuleInfo {
        &ABSOLUTE_CLAIM
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for (given, folded) in campaign.given() {
            let hits = ABSOLUTE.find_folded(folded, given.text);
            if hits.is_empty() {
                continue;
            }
            let (english, chinese): (Vec<_>, Vec<_>) =
                hits.into_iter().partition(|hit| is_overstatement(hit.term));
            if let Some(finding) = word_finding(&ABSOLUTE_CLAIM, &given, &chinese, |text, terms| {
                t!(
                        "{text} uses absolute terms the Advertising Law and its enforcement forbid: {terms}",
                        text = text,
                        terms = terms
                    )
            }) {
                findings.push(finding.label(t!("absolute term")).help(t!(
                    "say what was measured instead (\"85% of 40 testers in 28 days\"); {allow}",
                    allow = or_allow(
                        &ABSOLUTE_CLAIM,
                        &t!("for a fact you can prove, limited in time and place, or an award with its source")
                    )
                )));
            }
            if let Some(finding) = word_finding(&ABSOLUTE_CLAIM, &given, &english, |text, terms| {
                t!(
                        "{text} uses overstatements to avoid (English, not terms of the Advertising Law): {terms}",
                        text = text,
                        terms = terms
                    )
            }) {
                findings.push(finding.label(t!("overstatement")).help(t!(
                    "say what was measured instead (\"85% of 40 testers in 28 days\"); {allow}",
                    allow = or_allow(&ABSOLUTE_CLAIM, &t!("for a claim you can prove"))
                )));
            }
        }
    }
}
