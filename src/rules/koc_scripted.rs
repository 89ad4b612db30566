//! RS011 koc-scripted: KOCs give honest opinions, not ad copy.

use std::sync::LazyLock;

use super::given::{word_finding, Field};
use super::text::Terms;
use super::{or_allow, who, words, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::t;

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

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for (index, koc) in campaign.kocs_indexed() {
            if let (Some(first), Some(last)) = (koc.script.first(), koc.script.last()) {
                let lines = koc.script.len();
                let message = if lines == 1 {
                    t!("{who} is given a script (1 line to say)", who = who(koc))
                } else {
                    t!(
                        "{who} is given a script ({n} lines to say)",
                        who = who(koc),
                        n = lines
                    )
                };
                findings.push(
                    Finding::new(&KOC_SCRIPTED, first.span.to(last.span), message)
                        .label(t!("lines a KOC must say"))
                        .help(t!(
                            "turn the lines into `prompts`: questions the KOC answers in their own \
                             words; {allow}",
                            allow = or_allow(
                                &KOC_SCRIPTED,
                                &t!("if the lines are legal wording the KOC must include")
                            )
                        )),
                );
            }
            // The angle and prompts, with their versions, folded once by
            // the context.
            let texts = campaign
                .given_to(index)
                .filter(|(given, _)| matches!(given.field, Field::Angle | Field::Prompt));
            for (given, folded) in texts {
                let hits = HARD_SELL.find_folded(folded, given.text);
                let Some(finding) = word_finding(&KOC_SCRIPTED, &given, &hits, |text, terms| {
                    t!(
                        "{text} uses hard-sell wording: {terms}",
                        text = text,
                        terms = terms
                    )
                }) else {
                    continue;
                };
                findings.push(finding.label(t!("hard sell")).help(t!(
                    "drop the call to action and ask what they found instead, e.g. \"Would you \
                     buy it again?\"; {allow}",
                    allow = or_allow(
                        &KOC_SCRIPTED,
                        &t!("if the offer is part of what they review")
                    )
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_term_said_twice_is_named_once() {
        let spec = r#"campaign "Dedup" {
  window    2026-12-01 to 2027-01-31
  languages en
  brand "Lumière Skin" {
    category skincare
    hashtags "露米尔"
  }
  product "Glow Serum 30ml" {
    price 189 MYR
  }
  goal trust {
    stage validation
    kpi   saves >= 4k
  }
  koc @amy_tries {
    followers 3.2k
    niche     skincare
    serves    trust
    trial     14d
    deliver   image x1 on 2026-12-10
    prompts   "Buy now: limited time, so buy now"
  }
}
"#;
        let checked = crate::check("dedup.campaign", spec.as_bytes().to_vec());
        assert!(checked.strategy_checked, "{:?}", checked.findings);
        let messages: Vec<&str> = checked
            .findings
            .iter()
            .filter(|f| f.code() == "RS011")
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "a prompt of KOC @amy_tries uses hard-sell wording: \"buy now\" and \"limited time\""
            ]
        );
    }
}
