//! RS014 unserved-goal: every goal has creators.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::t;

crate::rule_info! {
    /// # RS014 unserved-goal
    ///
    /// ## What it does
    /// Reports a goal that no creator's `serves` line names. The finding
    /// points at the goal.
    ///
    /// ## Why it matters
    /// A goal with no one assigned cannot be met, yet its KPIs would still
    /// appear in the overview the client reads.
    ///
    /// ## Example
    /// ```
    /// goal decided {
    ///   stage conversion
    ///   kpi   orders >= 120
    /// }
    /// # ...and no creator has `serves decided`
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// koc @jun.wears {
    ///   serves considered, decided
    /// }
    /// ```
    /// or delete the goal.
    pub static UNSERVED_GOAL = {
        code: "RS014",
        name: "unserved-goal",
        severity: Error,
        summary: "no creator serves a goal",
    };
}

pub struct UnservedGoal;

impl Rule for UnservedGoal {
    fn info(&self) -> &'static RuleInfo {
        &UNSERVED_GOAL
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let mut served = vec![false; campaign.goals.len()];
        for goal in campaign.creators.iter().flat_map(|c| &c.serves) {
            if let Some(slot) = served.get_mut(goal.value) {
                *slot = true;
            }
        }
        for (goal, _) in campaign.goals.iter().zip(served).filter(|(_, s)| !s) {
            findings.push(
                Finding::new(
                    &UNSERVED_GOAL,
                    goal.span,
                    t!("no creator serves goal `{goal}`", goal = goal.name.value),
                )
                .label(t!("nobody assigned"))
                .help(t!(
                    "add `{goal}` to the `serves` line of the creators who should meet it, or delete the goal",
                    goal = goal.name.value
                )),
            );
        }
    }
}
