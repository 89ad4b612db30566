//! RS013 koc-sameness: KOCs bring different experiences.

use std::collections::HashMap;

use super::text::key;
use super::{handles, or_allow, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::Creator;
use crate::t;

crate::rule_info! {
    /// # RS013 koc-sameness
    ///
    /// ## What it does
    /// Reports a roster of three or more KOCs in which over half share one
    /// `angle`. Angles are compared after folding case, width, spacing and
    /// punctuation. KOCs with no angle count as sharing the same (empty)
    /// angle: without one, each falls back to the same generic review. With
    /// four KOCs, two alike is fine and three is not; with three, two alike
    /// already fires. The finding points at the second KOC with the shared
    /// angle, or at the first KOC without one.
    ///
    /// ## Why it matters
    /// Working with multiple KOCs pays off because "trust is built across
    /// diverse and realistic experiences": the seed's KOCs are a shopper
    /// comparing brands, a skincare user two weeks in, a buyer after
    /// extended use. Five KOCs telling one story are one review posted five
    /// times, and readers notice.
    ///
    /// ## Example
    /// ```
    /// koc @amy_tries  { angle "My honest review" }
    /// koc @farah.skin { angle "My honest review" }
    /// koc @raj.routine { angle "A man's first serum" }
    /// ```
    ///
    /// ## Use instead
    /// Give each KOC a situation of their own:
    /// ```
    /// koc @amy_tries   { angle "Oily-skin commuter testing it under sunscreen" }
    /// koc @farah.skin  { angle "A fortnight in humid weather with combination skin" }
    /// koc @raj.routine { angle "A man's first serum, three weeks in" }
    /// ```
    pub static KOC_SAMENESS = {
        code: "RS013",
        name: "koc-sameness",
        severity: Warning,
        summary: "three or more KOCs and over half share one angle",
    };
}

pub struct KocSameness;

/// At least this many KOCs before sameness is judged.
const MIN_KOCS: usize = 3;

impl Rule for KocSameness {
    fn info(&self) -> &'static RuleInfo {
        &KOC_SAMENESS
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        // Keyed by folded angle ("" for none), in first-seen order.
        let mut groups: HashMap<String, Vec<&Creator>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut total = 0;
        for koc in campaign.kocs() {
            total += 1;
            let angle = koc
                .angle
                .as_ref()
                .map_or_else(String::new, |a| key(&a.value));
            let group = groups.entry(angle.clone()).or_default();
            if group.is_empty() {
                order.push(angle);
            }
            group.push(koc);
        }
        if total < MIN_KOCS {
            return;
        }
        let Some((angle, group)) = order
            .iter()
            .filter_map(|angle| groups.get(angle).map(|group| (angle, group)))
            .find(|(_, group)| group.len() * 2 > total)
        else {
            return;
        };
        let count = group.len();
        let kocs = handles(group.iter().copied());
        let (span, label, message) =
            match (group.first().and_then(|c| c.angle.as_ref()), group.get(1)) {
                (Some(first), Some(second)) if !angle.is_empty() => (
                    second.angle.as_ref().map_or(second.head_span, |a| a.span),
                    t!("the same angle again"),
                    t!(
                        "{count} of {total} KOCs share the angle \"{angle}\": {kocs}",
                        count = count,
                        total = total,
                        angle = first.value,
                        kocs = kocs
                    ),
                ),
                _ => (
                    group.first().map_or(campaign.head_span, |c| c.head_span),
                    t!("no angle"),
                    t!(
                        "{count} of {total} KOCs have no angle: {kocs}",
                        count = count,
                        total = total,
                        kocs = kocs
                    ),
                ),
            };
        let mut finding = Finding::new(&KOC_SAMENESS, span, message)
            .label(label)
            .help(t!(
                "give each KOC an angle from their own life (a commute, a climate, a budget, a \
                 first try); {allow}",
                allow = or_allow(&KOC_SAMENESS, &t!("if the sameness is a deliberate test"))
            ));
        if let Some(first) = group.first().and_then(|c| c.angle.as_ref()) {
            if !angle.is_empty() {
                finding = finding.related(first.span, t!("first given here"));
            }
        }
        findings.push(finding);
    }
}
