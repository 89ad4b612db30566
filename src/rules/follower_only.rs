//! RS003 follower-only: a creator is chosen for more than follower count.

use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::t;

crate::rule_info! {
    /// # RS003 follower-only
    ///
    /// ## What it does
    /// Reports a creator whose block gives `followers` but none of `niche`,
    /// `engagement` or `audience`: the only reason on record for choosing
    /// them is their size.
    ///
    /// ## Why it matters
    /// "Choosing creators based only on follower size" is the first of the
    /// four common mistakes the strategy names. On Xiaohongshu "influence on
    /// the platform is built through credibility and relevance, not
    /// popularity alone": a creator's niche, engagement and audience say
    /// whether their readers are the buyers you want.
    ///
    /// ## Example
    /// ```
    /// koc @amy_tries {
    ///   followers 3.2k
    ///   serves    trust
    ///   ...
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// koc @amy_tries {
    ///   followers  3.2k
    ///   niche      skincare
    ///   engagement 7.5%
    ///   serves     trust
    /// }
    /// ```
    pub static FOLLOWER_ONLY = {
        code: "RS003",
        name: "follower-only",
        severity: Warning,
        summary: "a creator is described only by follower count",
    };
}

pub struct FollowerOnly;

impl Rule for FollowerOnly {
    fn info(&self) -> &'static RuleInfo {
        &FOLLOWER_ONLY
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for creator in &campaign.creators {
            if creator.niche.is_empty()
                && creator.engagement.is_none()
                && creator.audience.is_none()
            {
                findings.push(
                    Finding::new(
                        &FOLLOWER_ONLY,
                        creator.head_span,
                        t!(
                            "{who} is described only by follower count",
                            who = who(creator)
                        ),
                    )
                    .label(t!("no niche, engagement or audience"))
                    .related(creator.followers.span, t!("the only fit signal"))
                    .help(t!(
                        "add `niche`, `engagement` or `audience` to show why this creator's \
                         readers are your buyers; {allow}",
                        allow = or_allow(&FOLLOWER_ONLY, &t!("if the data is on file elsewhere"))
                    )),
                );
            }
        }
    }
}
