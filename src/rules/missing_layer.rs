//! RS004 missing-layer: KOLs and KOCs work as two layers.

use super::{or_allow, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::Stage;
use crate::t;

crate::rule_info! {
    /// # RS004 missing-layer
    ///
    /// ## What it does
    /// Reports a roster with one of the two layers missing:
    ///
    /// - KOLs and no KOC: nobody validates what the KOLs introduce. The
    ///   finding points at the campaign's head.
    /// - a `discovery` goal and no KOL: nobody creates the first impression.
    ///   The finding points at the first discovery goal.
    ///
    /// ## Why it matters
    /// "The strongest Xiaohongshu marketing ROI strategies combine both
    /// formats": "KOL posts introduce the product and shape perception; KOC
    /// posts validate the product through real experiences and honest
    /// feedback." And: "Companies that rely only on polished influence often
    /// miss this final step."
    ///
    /// ## Example
    /// ```
    /// campaign "Glow Serum MY Launch" {
    ///   kol @lina.glow   { serves launch ... }
    ///   kol @sofia.daily { serves launch ... }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Add KOCs who try the product and serve a validation goal:
    /// ```
    /// koc @amy_tries {
    ///   serves trust
    ///   trial  14d
    /// }
    /// ```
    /// A deliberate awareness-only burst can say so with
    /// `allow missing-layer "reason"`.
    pub static MISSING_LAYER = {
        code: "RS004",
        name: "missing-layer",
        severity: Warning,
        summary: "KOLs with no KOC, or a discovery goal with no KOL",
    };
}

pub struct MissingLayer;

impl Rule for MissingLayer {
    fn info(&self) -> &'static RuleInfo {
        &MISSING_LAYER
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let kols = campaign.kols().count();
        let first_kol = campaign.kols().next();
        if let Some(first_kol) = first_kol {
            if campaign.kocs().next().is_none() {
                let name = &campaign.name.value;
                let message = if kols == 1 {
                    t!(
                        "campaign \"{name}\" has a KOL and no KOC: nobody validates what the KOLs introduce",
                        name = name
                    )
                } else {
                    t!(
                        "campaign \"{name}\" has KOLs and no KOC: nobody validates what the KOLs introduce",
                        name = name
                    )
                };
                findings.push(
                    Finding::new(&MISSING_LAYER, campaign.head_span, message)
                        .label(t!("no validation layer"))
                        .related(first_kol.head_span, t!("the KOLs start here"))
                        .help(t!(
                            "add KOCs who try the product (`trial`) and serve a validation goal; {allow}",
                            allow = or_allow(&MISSING_LAYER, &t!("for an awareness-only burst"))
                        )),
                );
            }
        } else if let Some(goal) = campaign
            .goals
            .iter()
            .find(|goal| goal.stage.value == Stage::Discovery)
        {
            findings.push(
                Finding::new(
                    &MISSING_LAYER,
                    goal.span,
                    t!(
                        "goal `{goal}` is a discovery goal, but the roster has no KOL",
                        goal = goal.name.value
                    ),
                )
                .label(t!("no discovery layer"))
                .related(goal.stage.span, t!("discovery is the KOL's stage"))
                .help(t!(
                    "add a KOL to serve `{goal}`, or move the goal to `validation` if it is about \
                     trust; {allow}",
                    goal = goal.name.value,
                    allow = or_allow(
                        &MISSING_LAYER,
                        &t!("if another channel creates the first impression")
                    )
                )),
            );
        }
    }
}
