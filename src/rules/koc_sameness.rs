//! RS013 koc-sameness: KOCs bring different experiences.

use super::given::Field;
use super::text::Key;
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
        // Each KOC's angle, folded and compared without spaces; an empty
        // key for none. Only one angle can be shared by over half the
        // KOCs: a majority vote finds the candidate in one pass, without
        // a map of every angle, and a second pass counts it.
        let keyed = || {
            campaign.kocs_indexed().map(|(index, koc)| {
                let angle = campaign
                    .given_to(index)
                    .find(|(given, _)| given.field == Field::Angle && given.language.is_none())
                    .map_or("", |(_, folded)| folded.text);
                (koc, Key(angle))
            })
        };
        let mut candidate = Key("");
        let mut lead = 0_usize;
        let mut total = 0;
        for (_, key) in keyed() {
            total += 1;
            if lead == 0 {
                candidate = key;
            }
            lead = if key == candidate { lead + 1 } else { lead - 1 };
        }
        if total < MIN_KOCS {
            return;
        }
        let group: Vec<&Creator> = keyed()
            .filter(|(_, key)| *key == candidate)
            .map(|(koc, _)| koc)
            .collect();
        if group.len() * 2 <= total {
            return;
        }
        let shared = !candidate.is_empty();
        let count = group.len();
        let kocs = handles(group.iter().copied());
        let (span, label, message) =
            match (group.first().and_then(|c| c.angle.as_ref()), group.get(1)) {
                (Some(first), Some(second)) if shared => (
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
            if shared {
                finding = finding.related(first.span, t!("first given here"));
            }
        }
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    /// RS013's message for KOCs with these angles (`None`: no angle), or
    /// `None` if it does not fire.
    fn sameness(angles: &[Option<&str>]) -> Option<String> {
        let mut spec = String::from(
            "campaign \"Sameness\" {\n  window 2026-12-01 to 2027-01-31\n  languages en\n  \
             brand \"Lumière Skin\" {\n    category skincare\n    market MY\n  }\n  \
             product \"Glow Serum 30ml\" {\n    price 189 MYR\n  }\n  \
             goal trust {\n    stage validation\n    kpi saves >= 4k\n  }\n",
        );
        for (n, angle) in angles.iter().enumerate() {
            spec.push_str(&format!(
                "  koc @koc{n} {{\n    followers 3k\n    niche skincare\n    serves trust\n    \
                 trial 14d\n    deliver image x1 on 2026-12-{day:02}\n",
                day = 10 + n
            ));
            if let Some(angle) = angle {
                spec.push_str(&format!("    angle \"{angle}\"\n"));
            }
            spec.push_str("  }\n");
        }
        spec.push_str("}\n");
        let checked = crate::check("sameness.campaign", spec.into_bytes());
        assert!(checked.strategy_checked, "{:?}", checked.findings);
        let found: Vec<String> = checked
            .findings
            .iter()
            .filter(|f| f.code() == "RS013")
            .map(|f| f.message.clone())
            .collect();
        assert!(found.len() <= 1, "{found:?}");
        found.into_iter().next()
    }

    #[test]
    fn the_angle_over_half_share_is_found_wherever_it_starts() {
        // The shared angle is not the first one seen.
        assert_eq!(
            sameness(&[
                Some("A desk reset"),
                Some("Oily skin"),
                Some("oily-skin"),
                None,
                Some("OILY SKIN!")
            ])
            .as_deref(),
            Some("3 of 5 KOCs share the angle \"Oily skin\": @koc1, @koc2 and @koc4")
        );
        // Half is not over half.
        assert_eq!(
            sameness(&[Some("a"), Some("a"), Some("b"), Some("c")]),
            None
        );
        // Every angle different.
        assert_eq!(sameness(&[Some("a"), Some("b"), Some("c")]), None);
        // Fewer than three KOCs are not judged.
        assert_eq!(sameness(&[Some("a"), Some("a")]), None);
    }

    #[test]
    fn punctuation_only_angles_count_as_none() {
        assert_eq!(
            sameness(&[Some("!!!"), None, Some("A desk reset")]).as_deref(),
            Some("2 of 3 KOCs have no angle: @koc0 and @koc1")
        );
    }
}
