//! RS016 validation-after-peak: KOC reviews that come after the last sales
//! moment come too late to help anyone decide.

use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::Stage;
use crate::t;

crate::rule_info! {
    /// # RS016 validation-after-peak
    ///
    /// ## What it does
    /// When the spec has a `peak` (双11, 双12, 618, a launch day), reports a
    /// KOC delivery serving a `validation` or `conversion` goal that starts
    /// after the last peak. A delivery on the peak day itself is fine.
    ///
    /// ## Why it matters
    /// KOCs validate: their honest reviews are what people read while they
    /// research, before they buy. "KOL posts introduce the product ... KOC
    /// posts validate" — and a review that lands after 双12 reaches readers
    /// who have already made their purchase decision.
    ///
    /// ## Example
    /// ```
    /// peak "双12" 2026-12-12
    /// koc @amy_tries {
    ///   serves  trust
    ///   deliver image x1 on 2026-12-15
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// peak "双12" 2026-12-12
    /// koc @amy_tries {
    ///   serves  trust
    ///   deliver image x1 on 2026-12-08
    /// }
    /// ```
    pub static VALIDATION_AFTER_PEAK = {
        code: "RS016",
        name: "validation-after-peak",
        severity: Warning,
        summary: "a KOC's validation post comes after the last sales peak",
    };
}

pub struct ValidationAfterPeak;

impl Rule for ValidationAfterPeak {
    fn info(&self) -> &'static RuleInfo {
        &VALIDATION_AFTER_PEAK
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let Some(last) = campaign.peaks.iter().max_by_key(|p| p.date.value) else {
            return;
        };
        for koc in campaign.kocs() {
            let validates = koc
                .stages
                .iter()
                .any(|s| matches!(s, Stage::Validation | Stage::Conversion));
            if !validates {
                continue;
            }
            for delivery in &koc.deliveries {
                let Some(first) = delivery.first_date() else {
                    continue;
                };
                if first <= last.date.value {
                    continue;
                }
                findings.push(
                    Finding::new(
                        &VALIDATION_AFTER_PEAK,
                        delivery.span,
                        t!(
                            "{who} posts on {first}, after \"{peak}\" on {date}: the review reaches readers who have already bought",
                            who = who(koc),
                            first = first,
                            peak = last.name.value,
                            date = last.date.value
                        ),
                    )
                    .label(t!("after the last peak"))
                    .related(last.span, t!("the last peak"))
                    .help(t!(
                        "move the post to {date} or earlier, so it helps people decide before the peak; {allow}",
                        date = last.date.value,
                        allow = or_allow(
                            &VALIDATION_AFTER_PEAK,
                            &t!("if this wave is for after-sales reviews")
                        )
                    )),
                );
            }
        }
    }
}
