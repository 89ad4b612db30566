//! RS008 budget-concentration: no single creator takes most of the fees.

use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::values::{percent_text, share, Money};
use crate::t;

crate::rule_info! {
    /// # RS008 budget-concentration
    ///
    /// ## What it does
    /// Reports a creator whose fee is over `max_creator_share` (50% unless
    /// `policy` says otherwise) of all creator fees added up. It needs two
    /// or more creators with a fee above zero; exactly the share is fine.
    /// The finding points at the creator's `fee`.
    ///
    /// ## Why it matters
    /// "Companies find that working with multiple KOCs delivers stronger ROI
    /// than relying on a single large creator, as trust is built across
    /// diverse and realistic experiences." When one fee takes most of the
    /// money, one post's performance decides the campaign.
    ///
    /// ## Example
    /// ```
    /// kol @evelyn.styles { fee 24k SGD }
    /// koc @jun.wears     { fee 1.2k SGD }
    /// koc @mei.ling.buys { fee 900 SGD }
    /// ```
    ///
    /// ## Use instead
    /// Move money from the largest fee to more KOCs, or, when a premium
    /// launch needs one lead creator, say so:
    /// ```
    /// allow budget-concentration "Premium launch: the lead KOL's fee is agreed with the client"
    /// ```
    pub static BUDGET_CONCENTRATION = {
        code: "RS008",
        name: "budget-concentration",
        severity: Warning,
        summary: "one creator's fee is over `max_creator_share` of all fees",
    };
}

pub struct BudgetConcentration;

impl Rule for BudgetConcentration {
    fn info(&self) -> &'static RuleInfo {
        &BUDGET_CONCENTRATION
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let paid: Vec<_> = campaign
            .creators
            .iter()
            .filter_map(|c| c.fee.as_ref().map(|fee| (c, fee)))
            .filter(|(_, fee)| fee.value.hundredths > 0)
            .collect();
        let Some((_, first)) = paid.first() else {
            return;
        };
        let currency = &first.value.currency;
        // Mixed currencies are E009; shares across them mean nothing.
        if paid.len() < 2 || paid.iter().any(|(_, fee)| fee.value.currency != *currency) {
            return;
        }
        let total: u128 = paid
            .iter()
            .map(|(_, fee)| u128::from(fee.value.hundredths))
            .sum();
        let limit = campaign.policy.max_creator_share;
        for (creator, fee) in &paid {
            let share = share(fee.value.hundredths, total);
            if share <= limit {
                continue;
            }
            let all = Money {
                hundredths: u64::try_from(total).unwrap_or(u64::MAX),
                currency: currency.clone(),
            };
            findings.push(
                Finding::new(
                    &BUDGET_CONCENTRATION,
                    fee.span,
                    t!(
                        "the fee of {who}, {fee}, is {share} of all creator fees ({all}); the policy allows at most {limit}",
                        who = who(creator),
                        fee = fee.value.said(),
                        share = percent_text(share),
                        all = all.said(),
                        limit = percent_text(limit)
                    ),
                )
                .label(t!("most of the money on one creator"))
                .help(t!(
                    "spread the money over more KOCs, or set `max_creator_share` in `policy`; {allow}",
                    allow = or_allow(&BUDGET_CONCENTRATION, &t!("when one lead creator is the plan"))
                )),
            );
        }
    }
}
