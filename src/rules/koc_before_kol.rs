//! RS007 koc-before-kol: KOLs introduce, then KOCs validate.

use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::t;

crate::rule_info! {
    /// # RS007 koc-before-kol
    ///
    /// ## What it does
    /// Reports a KOC delivery dated before the first KOL delivery. A
    /// delivery `from DATE to DATE` counts from its first date; undated
    /// deliveries are not compared. A KOC posting on the same day as the
    /// first KOL is fine. The finding points at the KOC's delivery date.
    ///
    /// ## Why it matters
    /// The strategy's layered structure is "KOL posts introduce the product
    /// and shape perception; KOC posts validate the product through real
    /// experiences and honest feedback". A review of a product nobody has
    /// heard of yet has nothing to validate, and readers searching after the
    /// KOL post will not find it at the top.
    ///
    /// ## Example
    /// ```
    /// kol @lina.glow { deliver video x1 on 2026-12-03 }
    /// koc @amy_tries { deliver image x1 on 2026-12-01 }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// kol @lina.glow { deliver video x1 on 2026-12-03 }
    /// koc @amy_tries { deliver image x1 on 2026-12-10 }
    /// ```
    pub static KOC_BEFORE_KOL = {
        code: "RS007",
        name: "koc-before-kol",
        severity: Warning,
        summary: "a KOC delivery is dated before the first KOL delivery",
    };
}

pub struct KocBeforeKol;

impl Rule for KocBeforeKol {
    fn info(&self) -> &'static RuleInfo {
        &KOC_BEFORE_KOL
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let first_kol = campaign
            .kols()
            .flat_map(|kol| kol.deliveries.iter().map(move |d| (kol, d)))
            .filter_map(|(kol, delivery)| delivery.schedule.map(|s| (kol, s)))
            .min_by_key(|(_, schedule)| schedule.first());
        let Some((kol, kol_schedule)) = first_kol else {
            return;
        };
        let kol_date = kol_schedule.first();
        for koc in campaign.kocs() {
            for schedule in koc.deliveries.iter().filter_map(|d| d.schedule) {
                let date = schedule.first();
                if date >= kol_date {
                    continue;
                }
                findings.push(
                    Finding::new(
                        &KOC_BEFORE_KOL,
                        schedule.span(),
                        t!(
                            "{who} posts on {date}, before the first KOL post ({kol} on {kol_date})",
                            who = who(koc),
                            date = date,
                            kol = who(kol),
                            kol_date = kol_date
                        ),
                    )
                    .label(t!("before any KOL post"))
                    .related(kol_schedule.span(), t!("the first KOL post"))
                    .help(t!(
                        "date KOC posts on or after {kol_date}, so they validate what the KOLs \
                         introduced; {allow}",
                        kol_date = kol_date,
                        allow = or_allow(&KOC_BEFORE_KOL, &t!("if the product is already known"))
                    )),
                );
            }
        }
    }
}
