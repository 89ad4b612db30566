//! XHS006 keep-live-range: how long a note must stay up, within what the
//! platform's note protection offers.

use super::{or_allow, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::platform::{KEEP_LIVE_MAX_DAYS, KEEP_LIVE_MIN_DAYS};
use crate::t;

crate::rule_info! {
    /// # XHS006 keep-live-range
    ///
    /// ## What it does
    /// Reports a `keep_live` term (in the campaign's `terms` or a
    /// creator's) outside the 30 to 365 days that Pugongying's note
    /// protection (笔记保护) offers. 30 and 365 days are fine.
    ///
    /// ## Why it matters
    /// A creator is asked to keep the note up, unedited, for `keep_live`.
    /// The platform protects a collaboration note for a period the brand
    /// chooses within that range when the order is placed; a term outside
    /// it cannot be set in the order, and a brief that promises it promises
    /// what the order will not say.
    ///
    /// ## Example
    /// ```
    /// terms { keep_live 2w }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// terms { keep_live 180d }
    /// ```
    pub static KEEP_LIVE_RANGE = {
        code: "XHS006",
        name: "keep-live-range",
        severity: Warning,
        summary: "`keep_live` is outside the 30 to 365 days note protection offers",
    };
}

pub struct KeepLiveRange;

impl Rule for KeepLiveRange {
    fn info(&self) -> &'static RuleInfo {
        &KEEP_LIVE_RANGE
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        // A creator without terms of their own carries the campaign's, span
        // and all: each `keep_live` line is reported once.
        let mut lines: Vec<_> = std::iter::once(&campaign.terms)
            .chain(campaign.creators.iter().map(|c| &*c.terms))
            .filter_map(|terms| terms.keep_live)
            .collect();
        lines.sort_by_key(|k| k.span.start);
        lines.dedup_by_key(|k| k.span);
        for keep_live in lines {
            if (KEEP_LIVE_MIN_DAYS..=KEEP_LIVE_MAX_DAYS).contains(&keep_live.value) {
                continue;
            }
            findings.push(
                Finding::new(
                    &KEEP_LIVE_RANGE,
                    keep_live.span,
                    t!(
                        "`keep_live` is {days} days; Pugongying's note protection runs from {min} to {max} days",
                        days = keep_live.value,
                        min = KEEP_LIVE_MIN_DAYS,
                        max = KEEP_LIVE_MAX_DAYS
                    ),
                )
                .label(t!("outside what the order can set"))
                .help(t!(
                    "choose a period from {min}d to {max}d, like 180d; {allow}",
                    min = KEEP_LIVE_MIN_DAYS,
                    max = KEEP_LIVE_MAX_DAYS,
                    allow = or_allow(
                        &KEEP_LIVE_RANGE,
                        &t!("if the creator agreed to it outside the order")
                    )
                )),
            );
        }
    }
}
