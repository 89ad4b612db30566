//! `redbrief diff`: which creators must be re-briefed between two versions
//! of a spec, and why.
//!
//! Whether a brief changes is decided by the briefs themselves: both
//! versions are rendered in memory and each creator's files (every
//! language) compared, leaving out the spec hash in the front matter, which
//! changes with any edit, a comment included. What changed is then said
//! field by field from the resolved models (`fields` for a creator,
//! `campaign` for the rest), in the spec's own words (`fee 9k MYR → 11k
//! MYR`). Campaign-level changes (brand, products, goals, window...) are
//! said once; a creator's row names the goals and products it shares with
//! them, and whether the campaign-wide changes reach their brief.
//!
//! `human`, `json` and `markdown` put a `Diff` into words for the terminal,
//! for scripts and for a pull-request comment.

mod campaign;
mod fields;
pub mod human;
pub mod json;
pub mod markdown;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::vocabulary::Vocabulary as _;
use crate::model::{Campaign, Language, Role};
use crate::render::{Briefs, RenderError, RenderOptions, RenderedFile};
use crate::Checked;

/// What changes between two versions of a spec.
#[derive(Debug, Serialize)]
pub struct Diff {
    /// The two specs, named as the user named them.
    pub old: String,
    pub new: String,
    /// Campaign-level changes, each said once: the brand, products, goals,
    /// window, languages, policy and `allow` lines.
    pub campaign: Vec<Change>,
    /// Creators whose brief changes, appears or disappears: the new roster's
    /// order, then the removed creators in the old roster's order.
    pub creators: Vec<CreatorDiff>,
    /// Creators whose briefs stay as they are.
    pub unchanged: usize,
    /// Whether the campaign overview changes (it is sent to no creator).
    pub overview_changes: bool,
}

impl Diff {
    /// Whether any creator's brief changes, appears or disappears.
    pub fn briefs_change(&self) -> bool {
        !self.creators.is_empty()
    }

    /// How many creators are added, changed and removed.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |status| self.creators.iter().filter(|c| c.status == status).count();
        (
            count(Status::Added),
            count(Status::Changed),
            count(Status::Removed),
        )
    }
}

/// One creator whose brief is not what it was.
#[derive(Debug, Serialize)]
pub struct CreatorDiff {
    /// With its `@`.
    pub handle: String,
    /// The role in the new version (the old one for a removed creator).
    pub role: Role,
    pub status: Status,
    /// The languages whose brief differs.
    pub languages: Vec<Language>,
    /// The creator's own fields that changed.
    pub changes: Vec<Change>,
    /// Campaign-level changes scoped to a goal this creator serves or a
    /// product they feature: `goal launch`, `product "Glow Serum 30ml"`.
    pub through: Vec<String>,
    /// Whether the campaign-wide changes (brand, window, languages...)
    /// reach this brief.
    pub campaign_wide: bool,
}

impl CreatorDiff {
    /// Whether nothing in the specs explains the change (a template reads
    /// something redbrief does not compare).
    pub fn unexplained(&self) -> bool {
        self.changes.is_empty() && self.through.is_empty() && !self.campaign_wide
    }

    /// The short reason for a table cell or a heading: their own changes
    /// first, then the goals and products they share, then the campaign.
    pub fn summary(&self) -> Vec<String> {
        match self.status {
            Status::Added => return vec![crate::t!("new creator")],
            Status::Removed => return vec![crate::t!("removed")],
            Status::Changed => {}
        }
        let mut parts: Vec<String> = self.changes.iter().map(Change::summary).collect();
        parts.extend(
            self.through
                .iter()
                .map(|t| crate::t!("{scope} changed", scope = t)),
        );
        if self.campaign_wide {
            parts.push(crate::t!("campaign-wide changes"));
        }
        if self.unexplained() {
            parts.push(crate::t!("brief text changed"));
        }
        parts
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In the new version only: send them their first brief.
    Added,
    /// Their brief reads differently: send it again.
    Changed,
    /// In the old version only: tell them they are off the campaign.
    Removed,
}

/// One field that changed, with its old and new value as the spec writes
/// them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// As the spec names it: `fee`, `deliver video x1`, `brand voice`,
    /// `goal launch kpi`, `product "Glow Serum 30ml" claims`.
    pub field: String,
    #[serde(flatten)]
    pub delta: Delta,
    /// Whose briefs it can reach.
    pub scope: Scope,
}

impl Change {
    /// One line: `fee 9k MYR → 11k MYR`, `angle changed`,
    /// `keywords: + "serum review", − "glow serum"`.
    pub fn summary(&self) -> String {
        let field = &self.field;
        match &self.delta {
            Delta::Value { old, new } => match (old, new) {
                (Some(old), Some(new)) => format!("{field} {old} → {new}"),
                (None, Some(new)) => crate::t!("{field} added: {new}", field = field, new = new),
                (Some(old), None) => {
                    crate::t!("{field} removed (was {old})", field = field, old = old)
                }
                (None, None) => crate::t!("{field} changed", field = field),
            },
            Delta::Text { old, new } => match (old, new) {
                (None, Some(_)) => crate::t!("{field} added", field = field),
                (Some(_), None) => crate::t!("{field} removed", field = field),
                _ => crate::t!("{field} changed", field = field),
            },
            Delta::List { added, removed } if added.is_empty() && removed.is_empty() => {
                crate::t!("{field} reordered", field = field)
            }
            Delta::List { added, removed } => {
                let items: Vec<String> = added
                    .iter()
                    .map(|a| format!("+ {a}"))
                    .chain(removed.iter().map(|r| format!("− {r}")))
                    .collect();
                format!("{field}{}{}", colon(), items.join(comma()))
            }
        }
    }
}

/// How a field changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Delta {
    /// A short value: `9k MYR`, `on 2026-12-03`, `14d`. `None` when the
    /// field is not given in that version.
    Value {
        old: Option<String>,
        new: Option<String>,
    },
    /// Prose (angle, voice, note...): summed up as "changed", both versions
    /// kept for the details.
    Text {
        old: Option<String>,
        new: Option<String>,
    },
    /// A list: the items only in the new version and only in the old one;
    /// both empty when only the order changed.
    List {
        added: Vec<String>,
        removed: Vec<String>,
    },
}

/// Whose briefs a campaign-level change can reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One creator's own field: their brief only.
    Creator,
    /// Every brief that shows it.
    Campaign,
    /// The briefs of the creators serving this goal.
    Goal(String),
    /// The briefs of the creators featuring this product.
    Product(String),
}

impl Scope {
    /// `goal launch`, `product "Glow Serum 30ml"`; none for the campaign
    /// or a creator.
    pub fn name(&self) -> Option<String> {
        match self {
            Scope::Creator | Scope::Campaign => None,
            Scope::Goal(goal) => Some(format!("goal {goal}")),
            Scope::Product(product) => Some(format!("product \"{product}\"")),
        }
    }
}

/// Between the items of a list: `, ` or `、`.
fn comma() -> &'static str {
    match crate::i18n::current() {
        Lang::En => ", ",
        Lang::Zh => "、",
    }
}

/// Between the clauses of a line: `; ` or `；`.
fn semicolon() -> &'static str {
    match crate::i18n::current() {
        Lang::En => "; ",
        Lang::Zh => "；",
    }
}

/// After a label, before what it introduces: `: ` or `：`.
fn colon() -> &'static str {
    match crate::i18n::current() {
        Lang::En => ": ",
        Lang::Zh => "：",
    }
}

/// At the end of a sentence: `.` or `。`.
fn full_stop() -> &'static str {
    match crate::i18n::current() {
        Lang::En => ".",
        Lang::Zh => "。",
    }
}

/// Compares two checked specs without errors by rendering both with the
/// given options (the templates decide what a brief shows). A spec with
/// errors is refused, as `render` refuses it.
pub fn compare(old: &Checked, new: &Checked, options: &RenderOptions) -> Result<Diff, RenderError> {
    let briefs = Briefs::new(options)?;
    let old_files = Rendered::of(&briefs.render(old)?);
    let new_files = Rendered::of(&briefs.render(new)?);
    let (Some(old_campaign), Some(new_campaign)) = (&old.campaign, &new.campaign) else {
        return Err(RenderError::SpecHasErrors);
    };
    let old_side = fields::Side::new(&old.file, old_campaign);
    let new_side = fields::Side::new(&new.file, new_campaign);
    let campaign = campaign::changes(&old_side, &new_side);
    // Which briefs the campaign-wide changes reach: the new spec rendered
    // with the old campaign-wide fields puts them back, so the briefs that
    // differ from the new ones are those that show them.
    let wide = match campaign.iter().any(|c| c.scope == Scope::Campaign) {
        true => Some(Rendered::of(&briefs.render(&Checked {
            file: new.file.clone(),
            campaign: Some(std::sync::Arc::new(campaign_wide_from(
                old_campaign,
                new_campaign,
            ))),
            findings: Vec::new(),
            strategy_checked: new.strategy_checked,
            omitted: crate::check::Omitted::default(),
            rosters: new.rosters.clone(),
        })?)),
        false => None,
    };

    let mut creators = Vec::new();
    let mut unchanged = 0;
    for creator in &new_campaign.creators {
        let handle = &creator.handle.value;
        let after = new_files.briefs.get(handle.as_str());
        let before = old_files.briefs.get(handle.as_str());
        let languages = differing(before, after);
        if languages.is_empty() {
            unchanged += 1;
            continue;
        }
        let previous = old_campaign
            .creators
            .iter()
            .find(|c| &c.handle.value == handle);
        let (status, changes) = match previous {
            Some(previous) => (
                Status::Changed,
                fields::creator(&old_side, previous, &new_side, creator),
            ),
            None => (Status::Added, Vec::new()),
        };
        let through = match status {
            Status::Changed => campaign::through(&new_side, creator, &campaign),
            _ => Vec::new(),
        };
        let campaign_wide = status == Status::Changed
            && wide
                .as_ref()
                .is_some_and(|wide| !differing(wide.briefs.get(handle.as_str()), after).is_empty());
        creators.push(CreatorDiff {
            handle: handle.clone(),
            role: creator.role,
            status,
            languages,
            changes,
            through,
            campaign_wide,
        });
    }
    for creator in &old_campaign.creators {
        let handle = &creator.handle.value;
        if new_campaign
            .creators
            .iter()
            .any(|c| &c.handle.value == handle)
        {
            continue;
        }
        creators.push(CreatorDiff {
            handle: handle.clone(),
            role: creator.role,
            status: Status::Removed,
            languages: differing(old_files.briefs.get(handle.as_str()), None),
            changes: Vec::new(),
            through: Vec::new(),
            campaign_wide: false,
        });
    }

    Ok(Diff {
        old: old.file.path.clone(),
        new: new.file.path.clone(),
        campaign,
        creators,
        unchanged,
        overview_changes: old_files.overviews != new_files.overviews,
    })
}

/// The new campaign with the old one's campaign-wide fields: everything
/// but goals, products and creators, which are compared one by one.
fn campaign_wide_from(old: &Campaign, new: &Campaign) -> Campaign {
    Campaign {
        name: old.name.clone(),
        window: old.window,
        budget: old.budget.clone(),
        languages: old.languages.clone(),
        brand: old.brand.clone(),
        policy: old.policy.clone(),
        allows: old.allows.clone(),
        ..new.clone()
    }
}

/// The languages in which two sets of one creator's briefs differ,
/// counting a brief present on one side only.
fn differing(
    before: Option<&BTreeMap<Language, String>>,
    after: Option<&BTreeMap<Language, String>>,
) -> Vec<Language> {
    let empty = BTreeMap::new();
    let (before, after) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    let mut languages: Vec<Language> = before
        .keys()
        .chain(after.keys())
        .copied()
        .filter(|language| before.get(language) != after.get(language))
        .collect();
    languages.sort();
    languages.dedup();
    languages
}

/// A rendered set, keyed by what each file's front matter says it is.
struct Rendered {
    /// Handle → language → the brief, without its spec hash.
    briefs: BTreeMap<String, BTreeMap<Language, String>>,
    overviews: BTreeMap<Language, String>,
}

/// The front matter fields that say which document a file is.
#[derive(Deserialize)]
struct FrontMatter {
    creator: Option<String>,
    language: String,
}

impl Rendered {
    fn of(files: &[RenderedFile]) -> Rendered {
        let mut rendered = Rendered {
            briefs: BTreeMap::new(),
            overviews: BTreeMap::new(),
        };
        for file in files {
            let Some((front, body)) = split_front_matter(&file.contents) else {
                continue;
            };
            let Ok(matter) = serde_yaml::from_str::<FrontMatter>(front) else {
                continue;
            };
            let Some(language) = Language::parse(&matter.language) else {
                continue;
            };
            // The spec hash changes with every edit, a comment included;
            // it says nothing about the brief.
            let front: String = front
                .lines()
                .filter(|line| !line.starts_with("spec_sha256:"))
                .map(|line| format!("{line}\n"))
                .collect();
            let text = format!("{front}---\n{body}");
            match matter.creator {
                Some(handle) => {
                    rendered
                        .briefs
                        .entry(handle)
                        .or_default()
                        .insert(language, text);
                }
                None => {
                    rendered.overviews.insert(language, text);
                }
            }
        }
        rendered
    }
}

/// `---\nYAML---\n\nBODY` as (YAML, BODY).
fn split_front_matter(contents: &str) -> Option<(&str, &str)> {
    let rest = contents.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some((&rest[..=end], &rest[end + "\n---\n".len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_splits_at_its_closing_line() {
        let (front, body) = split_front_matter("---\na: 1\nb: 2\n---\n\n# Brief\n").unwrap();
        assert_eq!(front, "a: 1\nb: 2\n");
        assert_eq!(body, "\n# Brief\n");
        assert!(split_front_matter("# no front matter").is_none());
    }

    #[test]
    fn summaries_speak_the_spec() {
        let change = |delta| Change {
            field: "fee".to_string(),
            delta,
            scope: Scope::Creator,
        };
        let value = |old: Option<&str>, new: Option<&str>| Delta::Value {
            old: old.map(str::to_string),
            new: new.map(str::to_string),
        };
        assert_eq!(
            change(value(Some("9k MYR"), Some("11k MYR"))).summary(),
            "fee 9k MYR → 11k MYR"
        );
        assert_eq!(
            change(value(None, Some("9k MYR"))).summary(),
            "fee added: 9k MYR"
        );
        assert_eq!(
            change(Delta::List {
                added: vec!["a".into()],
                removed: vec!["b".into()]
            })
            .summary(),
            "fee: + a, − b"
        );
    }
}
