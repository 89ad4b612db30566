//! RS009 tier-mismatch: a KOC is an everyday user, a KOL has reach.

use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::Role;
use crate::t;

crate::rule_info! {
    /// # RS009 tier-mismatch
    ///
    /// ## What it does
    /// Reports a KOC with more followers than `koc_max_followers` (10k
    /// unless `policy` says otherwise), or a KOL with fewer than
    /// `kol_min_followers` (50k). Exactly the threshold is fine. The finding
    /// points at the creator's `followers`.
    ///
    /// ## Why it matters
    /// "A KOC is an everyday user who shares real product experiences and
    /// influences purchasing decisions through authenticity rather than
    /// reach." A large account briefed as a KOC reads as an influencer, not
    /// a peer; a small account briefed as a KOL cannot carry a launch's
    /// reach. Agencies draw the tiers differently (素人 under 5k to 10k,
    /// micro 10k to 50k, 腰部 50k to 500k, 头部 above), so set your own in
    /// `policy`.
    ///
    /// ## Example
    /// ```
    /// koc @clara.closet {
    ///   followers 14k
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Brief a large account as a KOL, or raise the threshold:
    /// ```
    /// policy {
    ///   koc_max_followers 20k
    /// }
    /// ```
    pub static TIER_MISMATCH = {
        code: "RS009",
        name: "tier-mismatch",
        severity: Warning,
        summary: "a KOC over `koc_max_followers` or a KOL under `kol_min_followers`",
    };
}

pub struct TierMismatch;

impl Rule for TierMismatch {
    fn info(&self) -> &'static RuleInfo {
        &TIER_MISMATCH
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let policy = &campaign.policy;
        for creator in &campaign.creators {
            let followers = creator.followers.value;
            let allow = || or_allow(&TIER_MISMATCH, &t!("if this creator fits the role anyway"));
            let (message, label, help) = match creator.role {
                Role::Koc if followers > policy.koc_max_followers => (
                    t!(
                        "{who} has {n} followers, more than the {max} a KOC may have",
                        who = who(creator),
                        n = crate::i18n::number(followers),
                        max = crate::i18n::number(policy.koc_max_followers)
                    ),
                    t!("too large for an everyday user"),
                    t!(
                        "brief this creator as a `kol`, choose a smaller account, or raise \
                         `koc_max_followers` in `policy`; {allow}",
                        allow = allow()
                    ),
                ),
                Role::Kol if followers < policy.kol_min_followers => (
                    t!(
                        "{who} has {n} followers, fewer than the {min} a KOL needs",
                        who = who(creator),
                        n = crate::i18n::number(followers),
                        min = crate::i18n::number(policy.kol_min_followers)
                    ),
                    t!("too small to carry reach"),
                    t!(
                        "brief this creator as a `koc`, choose a larger account, or lower \
                         `kol_min_followers` in `policy`; {allow}",
                        allow = allow()
                    ),
                ),
                _ => continue,
            };
            findings.push(
                Finding::new(&TIER_MISMATCH, creator.followers.span, message)
                    .label(label)
                    .help(help),
            );
        }
    }
}
