//! RS006 thin-trust: trust comes from several everyday voices.

use super::{commas, handles, or_allow, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::Stage;
use crate::t;

crate::rule_info! {
    /// # RS006 thin-trust
    ///
    /// ## What it does
    /// Reports a campaign with validation or conversion goals that fewer than
    /// `min_kocs` KOCs serve (3 unless `policy` says otherwise). A campaign
    /// with no validation or conversion goal is left to RS004. The finding
    /// points at the first validation or conversion goal.
    ///
    /// ## Why it matters
    /// "Working with multiple KOCs usually delivers broader trust coverage
    /// than relying on one large creator", because "trust is built across
    /// diverse and realistic experiences". One or two reviews read as
    /// anecdotes; several from different lives read as evidence.
    ///
    /// ## Example
    /// ```
    /// goal trust { stage validation ... }
    ///
    /// koc @amy_tries  { serves trust ... }
    /// koc @farah.skin { serves trust ... }
    /// ```
    ///
    /// ## Use instead
    /// Add a third KOC to `trust`, or, for a deliberate pilot, lower the
    /// threshold or accept it with a reason:
    /// ```
    /// policy {
    ///   min_kocs 2
    /// }
    /// allow thin-trust "Pilot wave: two KOCs before we scale"
    /// ```
    pub static THIN_TRUST = {
        code: "RS006",
        name: "thin-trust",
        severity: Warning,
        summary: "fewer than `min_kocs` KOCs serve the validation and conversion goals",
    };
}

pub struct ThinTrust;

impl Rule for ThinTrust {
    fn info(&self) -> &'static RuleInfo {
        &THIN_TRUST
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let is_trust_goal = |stage: Stage| matches!(stage, Stage::Validation | Stage::Conversion);
        let trust_goals: Vec<_> = campaign
            .goals
            .iter()
            .filter(|goal| is_trust_goal(goal.stage.value))
            .collect();
        let Some(first_goal) = trust_goals.first() else {
            return;
        };
        let serving: Vec<_> = campaign
            .kocs()
            .filter(|koc| koc.stages.iter().any(|&stage| is_trust_goal(stage)))
            .collect();
        let wanted = campaign.policy.min_kocs;
        if serving.len() as u64 >= wanted {
            return;
        }
        let names: Vec<String> = trust_goals
            .iter()
            .map(|goal| format!("`{}`", goal.name.value))
            .collect();
        let goals = commas(&names);
        let kocs = handles(serving.iter().copied());
        let message = match serving.len() {
            0 => t!(
                "no KOC serves the validation and conversion goals ({goals}); the policy asks for at least {wanted}",
                goals = goals,
                wanted = wanted
            ),
            1 => t!(
                "only 1 KOC ({kocs}) serves the validation and conversion goals ({goals}); the policy asks for at least {wanted}",
                kocs = kocs,
                goals = goals,
                wanted = wanted
            ),
            n => t!(
                "only {n} KOCs ({kocs}) serve the validation and conversion goals ({goals}); the policy asks for at least {wanted}",
                n = n,
                kocs = kocs,
                goals = goals,
                wanted = wanted
            ),
        };
        findings.push(
            Finding::new(&THIN_TRUST, first_goal.span, message)
                .label(t!("too few everyday voices"))
                .help(t!(
                    "add KOCs to {goals}, each with a different everyday angle; or set `min_kocs` in \
                     `policy`; {allow}",
                    goals = goals,
                    allow = or_allow(&THIN_TRUST, &t!("for a pilot wave"))
                )),
        );
    }
}
