//! RS002 shared-brief: KOLs and KOCs get briefs of their own.

use rustc_hash::{FxHashMap, FxHashSet};

use super::given::{Field, Owner};
use super::text::Key;
use super::{who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::{Creator, Role, Text};
use crate::t;

crate::rule_info! {
    /// # RS002 shared-brief
    ///
    /// ## What it does
    /// Reports a KOL and a KOC given the same `angle`, `prompts` entry or
    /// `script` line. Texts are compared after folding case, full-width and
    /// half-width forms, spacing and punctuation, so "Oily skin, tested!"
    /// and "oily-skin tested" are the same. The three fields are compared
    /// with each other too: a KOL's script line reused as a KOC's prompt is
    /// the same brief. Versions in other languages (`zh "..."`) are
    /// compared too: a shared `zh` version is a shared Chinese brief. The
    /// finding points at the second of the two texts.
    ///
    /// ## Why it matters
    /// "Using the same content brief for KOLs and KOCs" is one of the four
    /// common mistakes the strategy names. "Results improve when KOLs and
    /// KOCs are given different roles instead of being used
    /// interchangeably": KOL content is "professionally shot and visually
    /// polished", KOC content is "experience-driven reviews focused on real
    /// usage". One brief for both makes the KOC sound like an ad and wastes
    /// the KOL's reach on a review.
    ///
    /// ## Example
    /// ```
    /// kol @lina.glow {
    ///   angle "An evening self-care ritual"
    /// }
    ///
    /// koc @amy_tries {
    ///   angle "An evening self-care ritual"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// kol @lina.glow {
    ///   angle "An evening self-care ritual in a KL condo"
    /// }
    ///
    /// koc @amy_tries {
    ///   angle "Oily-skin commuter testing it under sunscreen"
    /// }
    /// ```
    pub static SHARED_BRIEF = {
        code: "RS002",
        name: "shared-brief",
        severity: Error,
        summary: "a KOL and a KOC are given the same angle, prompt or script line",
    };
}

pub struct SharedBrief;

/// The first KOL and the first KOC given one folded text.
#[derive(Default)]
struct Givers<'c> {
    kol: Option<(&'c Creator, &'c Text, Field)>,
    koc: Option<(&'c Creator, &'c Text, Field)>,
}

impl Rule for SharedBrief {
    fn info(&self) -> &'static RuleInfo {
        &SHARED_BRIEF
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        // The angle, script lines and prompts of each creator in turn, with
        // their versions: a `zh` version shared by a KOL and a KOC is a
        // shared Chinese brief, whatever the texts as written say.
        let given = || {
            campaign
                .given()
                .filter_map(|(given, folded)| match given.owner {
                    Owner::Creator(creator)
                        if !folded.text.is_empty()
                            && matches!(
                                given.field,
                                Field::Angle | Field::ScriptLine | Field::Prompt
                            ) =>
                    {
                        Some((creator, given.text, given.field, folded.text))
                    }
                    _ => None,
                })
        };
        // Only a text both roles are given can be shared: the keys of the
        // role given fewer texts (the KOLs, in a usual roster) are
        // gathered first, and a text of the other role is looked at only
        // if one of them is its key. A map of every text, at 100,000
        // creators, missed the cache on every probe.
        let (kol_texts, koc_texts) =
            given().fold((0, 0), |(kol, koc), (creator, ..)| match creator.role {
                Role::Kol => (kol + 1, koc),
                Role::Koc => (kol, koc + 1),
            });
        let fewer = if kol_texts <= koc_texts {
            Role::Kol
        } else {
            Role::Koc
        };
        let mut shared: FxHashSet<Key<'_>> =
            FxHashSet::with_capacity_and_hasher(kol_texts.min(koc_texts), Default::default());
        shared.extend(
            given()
                .filter(|(creator, ..)| creator.role == fewer)
                .map(|(.., folded)| Key(folded)),
        );
        let mut seen: FxHashMap<Key<'_>, Givers<'_>> =
            FxHashMap::with_capacity_and_hasher(kol_texts.min(koc_texts), Default::default());
        let given = given().filter(|(.., folded)| shared.contains(&Key(folded)));
        for (creator, text, field, folded) in given {
            let givers = seen.entry(Key(folded)).or_default();
            let (own, other) = match creator.role {
                Role::Kol => (&mut givers.kol, givers.koc),
                Role::Koc => (&mut givers.koc, givers.kol),
            };
            if let Some((first, first_text, first_field)) = other {
                findings.push(
                    Finding::new(
                        &SHARED_BRIEF,
                        text.span,
                        t!(
                            "{field} of {who} repeats {first_field} of {first}",
                            field = field.name(),
                            who = who(creator),
                            first_field = first_field.name(),
                            first = who(first)
                        ),
                    )
                    .label(t!("same text as the other role's brief"))
                    .related(first_text.span, t!("given to {who}", who = who(first)))
                    .help(t!(
                        "write each role its own brief: an aspirational story for the KOL, \
                             a real-use question or everyday setting for the KOC"
                    )),
                );
            }
            if own.is_none() {
                *own = Some((creator, text, field));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// RS002's messages for creators of these roles and angles, in order.
    fn shared(creators: &[(&str, &str)]) -> Vec<String> {
        let mut spec = String::from(
            "campaign \"Shared\" {\n  window 2026-12-01 to 2027-01-31\n  languages en\n  \
             brand \"Lumière Skin\" {\n    category skincare\n    market MY\n  }\n  \
             product \"Glow Serum 30ml\" {\n    price 189 MYR\n  }\n  \
             goal buzz {\n    stage discovery\n    kpi reach >= 100k\n  }\n  \
             goal trust {\n    stage validation\n    kpi saves >= 4k\n  }\n",
        );
        for (n, (role, angle)) in creators.iter().enumerate() {
            let (followers, serves, extra) = match *role {
                "kol" => ("300k", "buzz", ""),
                _ => ("3k", "trust", "    trial 14d\n"),
            };
            spec.push_str(&format!(
                "  {role} @c{n} {{\n    followers {followers}\n    niche skincare\n    \
                 serves {serves}\n{extra}    deliver image x1 on 2026-12-{day:02}\n    \
                 angle \"{angle}\"\n  }}\n",
                day = 10 + n
            ));
        }
        spec.push_str("}\n");
        let checked = crate::check("shared.campaign", spec.into_bytes());
        assert!(checked.strategy_checked, "{:?}", checked.findings);
        checked
            .findings
            .iter()
            .filter(|f| f.code() == "RS002")
            .map(|f| f.message.clone())
            .collect()
    }

    #[test]
    fn fewer_kols_key_the_texts() {
        assert_eq!(
            shared(&[
                ("kol", "A city night"),
                ("koc", "a city-night!"),
                ("koc", "A desk")
            ]),
            ["the angle of KOC @c1 repeats the angle of KOL @c0"]
        );
    }

    /// With fewer KOCs their texts are keyed first, and a KOL given a KOC's
    /// text after it is still found, as is a KOC given an earlier KOL's.
    #[test]
    fn fewer_kocs_key_the_texts() {
        assert_eq!(
            shared(&[
                ("kol", "A city night"),
                ("kol", "Rain in KL"),
                ("koc", "rain in kl"),
                ("kol", "Rain, in KL"),
                ("kol", "A desk"),
            ]),
            [
                "the angle of KOC @c2 repeats the angle of KOL @c1",
                "the angle of KOL @c3 repeats the angle of KOC @c2",
            ]
        );
        assert!(shared(&[("kol", "a"), ("kol", "b"), ("koc", "c")]).is_empty());
    }
}
