//! RS002 shared-brief: KOLs and KOCs get briefs of their own.

use rustc_hash::FxHashMap;

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
        // Keyed by folded text, so the roster is read once; sized for every
        // text up front, so a large roster's map is never held twice while
        // it grows.
        let texts = campaign
            .creators
            .iter()
            .map(|c| usize::from(c.angle.is_some()) + c.script.len() + c.prompts.len())
            .sum();
        let mut seen: FxHashMap<Key<'_>, Givers<'_>> =
            FxHashMap::with_capacity_and_hasher(texts, Default::default());
        // The angle, script lines and prompts of each creator in turn, with
        // their versions: a `zh` version shared by a KOL and a KOC is a
        // shared Chinese brief, whatever the texts as written say.
        let given = campaign
            .given()
            .filter_map(|(given, folded)| match given.owner {
                Owner::Creator(creator)
                    if matches!(
                        given.field,
                        Field::Angle | Field::ScriptLine | Field::Prompt
                    ) =>
                {
                    Some((creator, given.text, given.field, folded))
                }
                _ => None,
            });
        for (creator, text, field, folded) in given {
            if folded.is_empty() {
                continue;
            }
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
