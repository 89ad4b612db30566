//! RS010 koc-no-trial: KOCs use the product before they post.

use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::t;

crate::rule_info! {
    /// # RS010 koc-no-trial
    ///
    /// ## What it does
    /// Reports a KOC with no `trial`, or a trial shorter than `min_trial`
    /// (7 days unless `policy` says otherwise). A trial of exactly
    /// `min_trial` is fine. The finding points at the `trial` line, or at
    /// the KOC when there is none.
    ///
    /// ## Why it matters
    /// KOC content is "experience-driven reviews focused on real usage": "a
    /// skincare user documenting visible skin changes after two weeks of
    /// use", "a buyer explaining whether a product felt worth the price
    /// after extended use". A review written the day the parcel arrives has
    /// no experience in it.
    ///
    /// ## Example
    /// ```
    /// koc @小雨护肤日记 {
    ///   trial 5d
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// koc @小雨护肤日记 {
    ///   trial 14d
    /// }
    /// ```
    pub static KOC_NO_TRIAL = {
        code: "RS010",
        name: "koc-no-trial",
        severity: Warning,
        summary: "a KOC has no trial period, or one shorter than `min_trial`",
    };
}

pub struct KocNoTrial;

impl Rule for KocNoTrial {
    fn info(&self) -> &'static RuleInfo {
        &KOC_NO_TRIAL
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let min = campaign.policy.min_trial_days;
        for koc in campaign.kocs() {
            let (span, message, label) = match &koc.trial {
                None => (
                    koc.head_span,
                    t!(
                        "{who} has no `trial`: they may post before using the product",
                        who = who(koc)
                    ),
                    t!("no trial period"),
                ),
                Some(trial) if trial.value < min => (
                    trial.span,
                    if trial.value == 1 {
                        t!(
                            "{who} tries the product for 1 day before posting, less than the {min} days the policy asks for",
                            who = who(koc),
                            min = min
                        )
                    } else {
                        t!(
                            "{who} tries the product for {n} days before posting, less than the {min} days the policy asks for",
                            who = who(koc),
                            n = trial.value,
                            min = min
                        )
                    },
                    t!("too short to see results"),
                ),
                Some(_) => continue,
            };
            findings.push(
                Finding::new(&KOC_NO_TRIAL, span, message)
                    .label(label)
                    .help(t!(
                        "give them `trial {min}d` or more, so the review reports real use; {allow}",
                        min = min,
                        allow = or_allow(
                            &KOC_NO_TRIAL,
                            &t!("if the product shows its effect at once")
                        )
                    )),
            );
        }
    }
}
