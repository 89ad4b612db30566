//! XHS003 avoid-word: the brand's own banned words stay out of briefs.

use super::given::word_finding;
use super::text::Terms;
use super::{Rule, RuleInfo};
use crate::diagnostic::Findings;
use crate::t;

crate::rule_info! {
    /// # XHS003 avoid-word
    ///
    /// ## What it does
    /// Reports text given to creators (see XHS001) that contains a word
    /// from the brand's own `avoid` list. Matching is the same as for the
    /// other wording rules: case, width, spacing and punctuation are folded,
    /// English words match whole words (avoiding "cure" does not flag
    /// "secure"), Chinese words match anywhere. Unlike XHS001 there are no
    /// exceptions: if the brand avoids 第一, then 第一次 is flagged too, so
    /// write the avoid list as precisely as you mean it.
    ///
    /// ## Why it matters
    /// The `avoid` list is the brand's promise to itself (legal review, past
    /// crises, tone). A brief that asks a creator to say one of those words
    /// contradicts the brand in the brand's own campaign.
    ///
    /// ## Example
    /// ```
    /// brand "Lumière Skin" {
    ///   avoid "miracle", "cure"
    /// }
    ///
    /// kol @lina.glow {
    ///   angle "A miracle in a bottle"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// kol @lina.glow {
    ///   angle "An evening self-care ritual in a KL condo"
    /// }
    /// ```
    pub static AVOID_WORD = {
        code: "XHS003",
        name: "avoid-word",
        severity: Error,
        summary: "text for creators contains a word from the brand's `avoid` list",
    };
}

pub struct AvoidWord;

impl Rule for AvoidWord {
    fn info(&self) -> &'static RuleInfo {
        &AVOID_WORD
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let Some(brand) = &campaign.brand else {
            return;
        };
        if brand.avoid.is_empty() {
            return;
        }
        let avoid = Terms::from_written(
            brand.avoid.iter().map(|t| t.value.as_str()),
            super::words::KNOWN,
        );
        for (given, folded) in campaign.given() {
            let hits = avoid.find_folded(folded, given.text);
            let Some(finding) = word_finding(&AVOID_WORD, &given, &hits, |text, terms| {
                t!(
                    "{text} uses a word the brand avoids: {terms}",
                    text = text,
                    terms = terms
                )
            }) else {
                continue;
            };
            let listed = hits
                .first()
                .and_then(|hit| brand.avoid.iter().find(|t| t.value == hit.term));
            let finding = match listed {
                Some(listed) => finding.related(listed.span, t!("the brand avoids it here")),
                None => finding,
            };
            findings.push(finding.label(t!("avoided word")).help(t!(
                "reword it: the brand's `avoid` list says no creator may be asked to say this"
            )));
        }
    }
}
