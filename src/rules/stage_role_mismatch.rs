//! RS005 stage-role-mismatch: KOLs at discovery, KOCs at validation.

use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::{Role, Stage};
use crate::t;

crate::rule_info! {
    /// # RS005 stage-role-mismatch
    ///
    /// ## What it does
    /// Reports a KOC who serves a `discovery` goal, or a KOL who serves a
    /// `validation` goal. The finding points at the goal's name on the
    /// creator's `serves` line. (A KOL on a `conversion` goal is RS001.)
    ///
    /// ## Why it matters
    /// "KOLs on Xiaohongshu are influential during the discovery and
    /// aspiration stage by shaping first impressions"; "KOCs on Xiaohongshu
    /// play a critical role during the research and validation stage by
    /// influencing buyer confidence through relatable, experience-based
    /// content". A KOC with a few thousand followers cannot carry a launch's
    /// reach, and a KOL's polished post is not the honest review researchers
    /// look for.
    ///
    /// ## Example
    /// ```
    /// koc @amy_tries {
    ///   serves launch, trust   # launch is a discovery goal
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// koc @amy_tries {
    ///   serves trust
    /// }
    /// ```
    pub static STAGE_ROLE_MISMATCH = {
        code: "RS005",
        name: "stage-role-mismatch",
        severity: Warning,
        summary: "a KOC serves a discovery goal or a KOL serves a validation goal",
    };
}

pub struct StageRoleMismatch;

impl Rule for StageRoleMismatch {
    fn info(&self) -> &'static RuleInfo {
        &STAGE_ROLE_MISMATCH
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for creator in &campaign.creators {
            for served in &creator.serves {
                let Some(goal) = campaign.goal(served.value) else {
                    continue;
                };
                // Most creators serve their own stage: words are made only
                // for those who do not.
                let who = || who(creator);
                let name = &goal.name.value;
                let allow = || {
                    or_allow(
                        &STAGE_ROLE_MISMATCH,
                        &t!("if this creator works outside their role on purpose"),
                    )
                };
                let (message, label, help) = match (creator.role, goal.stage.value) {
                    (Role::Koc, Stage::Discovery) => (
                        t!(
                            "{who} serves `{goal}`, a discovery goal",
                            who = who(),
                            goal = name
                        ),
                        t!("discovery is not the KOC's stage"),
                        t!(
                            "KOCs validate: serve a validation or conversion goal and leave the \
                             first impression to KOLs; {allow}",
                            allow = allow()
                        ),
                    ),
                    (Role::Kol, Stage::Validation) => (
                        t!(
                            "{who} serves `{goal}`, a validation goal",
                            who = who(),
                            goal = name
                        ),
                        t!("validation is not the KOL's stage"),
                        t!(
                            "KOLs create the first impression: serve a discovery goal and leave \
                             validation to KOCs; {allow}",
                            allow = allow()
                        ),
                    ),
                    _ => continue,
                };
                findings.push(
                    Finding::new(&STAGE_ROLE_MISMATCH, served.span, message)
                        .label(label)
                        .related(goal.stage.span, t!("the goal's stage"))
                        .help(help),
                );
            }
        }
    }
}
