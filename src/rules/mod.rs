//! Every check redbrief knows, with its code, name, default severity and
//! documentation. The E-codes (`errors.rs`) are raised while reading a spec
//! (src/syntax, src/model); the strategy rules (RS, XHS) each live in a file
//! of their own and run on the resolved campaign.
//!
//! A rule's documentation is its doc comment, captured by `rule_info!`, and
//! is exactly what `redbrief explain CODE` prints: one source, never a copy.

pub mod given;
pub mod patterns;
pub mod text;
pub mod words;

// RS: role separation.
pub mod budget_concentration;
pub mod fast_scroll_kpis;
pub mod follower_only;
pub mod koc_before_kol;
pub mod koc_no_trial;
pub mod koc_sameness;
pub mod koc_scripted;
pub mod kol_sales_kpi;
pub mod missing_layer;
pub mod no_time_to_try;
pub mod shared_brief;
pub mod stage_role_mismatch;
pub mod thin_trust;
pub mod tier_mismatch;
pub mod unserved_goal;
pub mod validation_after_peak;
// XHS: platform and compliance.
pub mod absolute_claim;
pub mod avoid_word;
pub mod keep_live_range;
pub mod medical_claim;
pub mod mixed_script_handle;
pub mod note_limits;
pub mod off_platform;
pub mod search_language;
// LANG: briefs in their reader's language.
pub mod unshown_version;
pub mod untranslated;

use std::sync::LazyLock;

use crate::diagnostic::{Catalogue, Findings, RuleInfo};
use crate::model::{Campaign, Creator, Role};
use crate::t;

/// A strategy or platform check on the resolved campaign.
pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    /// Pushes a finding for each problem; `run` drops the allowed ones.
    fn check(&self, campaign: &Context<'_>, findings: &mut Findings);
}

/// What the rules read: the campaign (it derefs to it), and every text
/// given to creators folded for matching. Seven rules match word lists or
/// compare texts in each of those texts; folding is most of that work, so
/// it is done once here, not once per rule.
///
/// The texts are listed once, in arrays, and folded into strings end to
/// end: each rule then reads memory in order. Walking the creators' fields
/// again for every rule missed the cache once a roster outgrew it, and made
/// the rules at 100,000 creators 18 times slower than at 10,000.
pub struct Context<'c> {
    campaign: &'c Campaign,
    /// The brand's and products' texts.
    campaign_texts: Listed<'c>,
    /// The creators' texts, `share` creators to a part, as each thread
    /// listed them: joining them would copy every text once more.
    parts: Vec<Listed<'c>>,
    share: usize,
}

/// The given texts of a run of creators, and their folds.
#[derive(Default)]
struct Listed<'c> {
    /// `given::texts`, in that order.
    given: Vec<given::Given<'c>>,
    /// `text::fold` of each of `given`, end to end.
    folded: String,
    /// Where the fold of `given[i]` ends in `folded`: four bytes, not
    /// eight, for each of a roster's texts (a spec is at most 64 MiB; past
    /// 4 GiB of folds, which none reaches, the last texts would read as
    /// empty).
    ends: Vec<u32>,
    /// The fixed word lists with a term in `given[i]` (`text::screen`).
    lists: Vec<text::Lists>,
    /// Where creator i of the run has its texts start in `given`.
    starts: Vec<usize>,
}

/// How many creators ahead `Listed::of_creators` reaches for texts.
const LOOK_AHEAD: usize = 8;

/// Reads the first byte of each of a creator's texts. The texts lie
/// wherever they were allocated: asked for a few creators early, they are
/// on their way into the cache while the ones before are folded, instead
/// of being waited for one at a time. At 100,000 creators this took
/// listing and folding from 99 to 81 ms.
fn touch(creator: &Creator) -> u8 {
    given::creator_texts(creator).fold(0, |sum, given| {
        sum ^ given.text.value.as_bytes().first().copied().unwrap_or(0)
    })
}

impl<'c> Listed<'c> {
    /// The texts the brand and products give every creator, folded.
    fn of_campaign(campaign: &'c Campaign) -> Self {
        let mut listed = Listed::default();
        for given in given::campaign_texts(campaign) {
            listed.push(given, true);
        }
        listed.screen();
        listed
    }

    /// Each of `creators`' texts. `fold` false leaves every fold empty (see
    /// `Context::new`).
    fn of_creators(creators: &'c [Creator], fold: bool) -> Self {
        let mut listed = Listed {
            starts: Vec::with_capacity(creators.len()),
            ..Listed::default()
        };
        for (at, creator) in creators.iter().enumerate() {
            if let Some(ahead) = creators.get(at + LOOK_AHEAD) {
                std::hint::black_box(touch(ahead));
            }
            listed.starts.push(listed.given.len());
            for given in given::creator_texts(creator) {
                listed.push(given, fold);
            }
        }
        listed.screen();
        listed
    }

    /// Reads every text once for the terms of every fixed list.
    fn screen(&mut self) {
        self.lists = text::screen(&self.folded, &self.ends);
    }

    fn push(&mut self, given: given::Given<'c>, fold: bool) {
        if fold {
            text::fold_into(&given.text.value, &mut self.folded);
        }
        self.given.push(given);
        self.ends
            .push(u32::try_from(self.folded.len()).unwrap_or(u32::MAX));
    }

    /// Every text listed, with its fold.
    fn all(&self) -> impl Iterator<Item = (given::Given<'c>, text::Fold<'_>)> + '_ {
        self.texts(0..self.given.len())
    }

    /// The texts of creator `index` of the run, with their folds.
    fn creator(
        &self,
        index: usize,
    ) -> impl Iterator<Item = (given::Given<'c>, text::Fold<'_>)> + '_ {
        let all = self.given.len();
        let start = self.starts.get(index).copied().unwrap_or(all);
        let end = self.starts.get(index + 1).copied().unwrap_or(all);
        self.texts(start..end)
    }

    /// Texts `range` of `given`, with their folds.
    fn texts(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (given::Given<'c>, text::Fold<'_>)> + '_ {
        let given = self.given.get(range.clone()).unwrap_or_default();
        let ends = self.ends.get(range.clone()).unwrap_or_default();
        let lists = self.lists.get(range.clone()).unwrap_or_default();
        let start = range
            .start
            .checked_sub(1)
            .and_then(|before| self.ends.get(before))
            .copied()
            .unwrap_or(0);
        let starts = std::iter::once(start).chain(ends.iter().copied());
        given
            .iter()
            .zip(starts.zip(ends.iter().copied()))
            .zip(lists)
            .map(|((given, (start, end)), &lists)| {
                let text = self.folded.get(start as usize..end as usize).unwrap_or("");
                (*given, text::Fold { text, lists })
            })
    }
}

impl<'c> Context<'c> {
    /// Lists and folds the given texts, on `threads` threads, each taking
    /// a run of creators while they are in its cache.
    pub fn new(campaign: &'c Campaign, threads: usize) -> Self {
        let campaign_texts = Listed::of_campaign(campaign);
        let creators = campaign.creators.as_slice();
        let share = creators.len().div_ceil(threads.max(1)).max(1);
        let parts = if threads <= 1 {
            vec![Listed::of_creators(creators, true)]
        } else {
            std::thread::scope(|scope| {
                let workers: Vec<_> = creators
                    .chunks(share)
                    .map(|part| {
                        let worker = scope.spawn(move || Listed::of_creators(part, true));
                        (part, worker)
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|(part, worker)| {
                        // A fold that panicked is a bug in redbrief: its
                        // texts read as empty (no word is found in them),
                        // and the other findings still reach the user.
                        worker
                            .join()
                            .unwrap_or_else(|_| Listed::of_creators(part, false))
                    })
                    .collect()
            })
        };
        Context {
            campaign,
            campaign_texts,
            parts,
            share,
        }
    }

    /// Every text given to creators (`given::texts`), with its fold.
    pub fn given(&self) -> impl Iterator<Item = (given::Given<'c>, text::Fold<'_>)> + '_ {
        self.campaign_texts
            .all()
            .chain(self.parts.iter().flat_map(Listed::all))
    }

    /// Each KOC with their index in `creators`, to ask `given_to` with.
    pub fn kocs_indexed(&self) -> impl Iterator<Item = (usize, &'c Creator)> {
        let campaign: &'c Campaign = self.campaign;
        campaign
            .creators
            .iter()
            .enumerate()
            .filter(|(_, creator)| creator.role == Role::Koc)
    }

    /// The texts given to `campaign.creators[index]`, with their folds.
    pub fn given_to(
        &self,
        index: usize,
    ) -> impl Iterator<Item = (given::Given<'c>, text::Fold<'_>)> + '_ {
        let part = self.parts.get(index / self.share);
        part.into_iter()
            .flat_map(move |part| part.creator(index % self.share))
    }
}

impl std::ops::Deref for Context<'_> {
    type Target = Campaign;

    fn deref(&self) -> &Campaign {
        self.campaign
    }
}

/// The strategy and platform rules, in code order.
pub static STRATEGY: &[&dyn Rule] = &[
    &kol_sales_kpi::KolSalesKpi,
    &shared_brief::SharedBrief,
    &follower_only::FollowerOnly,
    &missing_layer::MissingLayer,
    &stage_role_mismatch::StageRoleMismatch,
    &thin_trust::ThinTrust,
    &koc_before_kol::KocBeforeKol,
    &budget_concentration::BudgetConcentration,
    &tier_mismatch::TierMismatch,
    &koc_no_trial::KocNoTrial,
    &koc_scripted::KocScripted,
    &fast_scroll_kpis::FastScrollKpis,
    &koc_sameness::KocSameness,
    &unserved_goal::UnservedGoal,
    &no_time_to_try::NoTimeToTry,
    &validation_after_peak::ValidationAfterPeak,
    &absolute_claim::AbsoluteClaim,
    &medical_claim::MedicalClaim,
    &avoid_word::AvoidWord,
    &off_platform::OffPlatform,
    &note_limits::NoteLimits,
    &keep_live_range::KeepLiveRange,
    &search_language::SearchLanguage,
    &mixed_script_handle::MixedScriptHandle,
    &untranslated::Untranslated,
    &unshown_version::UnshownVersion,
];

/// Runs every strategy rule the campaign does not `allow`. `keep` bounds
/// the findings kept (see `Findings::first`); `None` keeps them all.
///
/// Rules are independent, so they run spread over the machine's cores; the
/// caller sorts the findings, so which thread finishes first never shows.
pub fn run(campaign: &Campaign, keep: Option<usize>) -> Findings {
    let sink = || keep.map_or_else(Findings::all, Findings::first);
    let active: Vec<&dyn Rule> = STRATEGY
        .iter()
        .copied()
        .filter(|rule| !campaign.allows(rule.info()))
        .collect();
    // A small roster is checked faster than a thread starts.
    let threads = if campaign.creators.len() < PARALLEL_FROM_CREATORS {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    let campaign = &Context::new(campaign, threads);
    let mut findings = sink();
    if threads == 1 {
        for rule in active {
            rule.check(campaign, &mut findings);
        }
        return findings;
    }
    // Rules differ in cost by ten times: each thread takes the next rule
    // not yet taken, so none waits on another's share.
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (active, next) = (&active, &next);
                let lang = crate::i18n::current();
                scope.spawn(move || {
                    crate::i18n::speaking(lang, || {
                        let mut findings = sink();
                        while let Some(rule) =
                            active.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                        {
                            rule.check(campaign, &mut findings);
                        }
                        findings
                    })
                })
            })
            .collect();
        for worker in workers {
            // A rule that panicked is a bug in redbrief; its findings are
            // lost, but the others still reach the user.
            if let Ok(found) = worker.join() {
                findings.append(found);
            }
        }
    });
    findings
}

/// Rosters at least this long are checked on several threads.
const PARALLEL_FROM_CREATORS: usize = 500;

/// "KOL @lina.glow": how findings name a creator.
pub fn who(creator: &Creator) -> String {
    format!("{} {}", creator.role.label(), creator.handle.value)
}

/// "@a, @b and @c", or "@a, @b, @c and 4 more": a roster named briefly.
pub fn handles<'c>(creators: impl IntoIterator<Item = &'c Creator>) -> String {
    const SHOWN: usize = 3;
    let all: Vec<String> = creators
        .into_iter()
        .map(|c| c.handle.value.clone())
        .collect();
    match all.len() {
        n if n <= SHOWN + 1 => crate::i18n::and_list(&all),
        n => {
            let mut shown = all[..SHOWN].to_vec();
            shown.push(t!("{n} more", n = n - SHOWN));
            crate::i18n::and_list(&shown)
        }
    }
}

/// The help sentence for accepting a warning on purpose: `when` is a
/// condition ("if the data is on file elsewhere") said in the user's
/// language, and the result ends a help after "; ".
pub fn or_allow(rule: &RuleInfo, when: &str) -> String {
    t!(
        "or, {when}, accept it with `allow {name} \"reason\"`",
        when = when,
        name = rule.name
    )
}

/// "`a`, `b` or `c`": the spec words a finding offers as alternatives.
pub fn either(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => t!("{some} or {last}", some = commas(rest), last = last),
    }
}

/// "a, b, c": items in running text, without a final "and".
pub fn commas<T: AsRef<str>>(items: &[T]) -> String {
    let comma = match crate::i18n::current() {
        crate::i18n::Lang::En => ", ",
        crate::i18n::Lang::Zh => "、",
    };
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(comma)
}

/// Every rule, E-codes first, in code order.
pub fn all() -> impl Iterator<Item = &'static RuleInfo> {
    catalogue().iter()
}

/// Every rule, E-codes first, in code order, to look rules up in.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
        Catalogue::new(
            crate::diagnostic::codes::ALL
                .iter()
                .copied()
                .chain(STRATEGY.iter().map(|rule| rule.info())),
        )
    });
    &CATALOGUE
}

/// A rule by its code (any case) or its name.
pub fn find(code_or_name: &str) -> Option<&'static RuleInfo> {
    catalogue().find(code_or_name)
}

/// The closest code or name to a mistyped one, for "did you mean".
pub fn closest(code_or_name: &str) -> Option<&'static str> {
    catalogue().closest(code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_given_text_is_folded_once_in_order_on_any_thread_count() {
        use crate::model::Text;
        for example in [
            include_str!("../../examples/glow-serum-my.campaign"),
            include_str!("../../examples/xiaolu-skincare-cn.campaign"),
        ] {
            let checked = crate::check("spec.campaign", example.as_bytes().to_vec());
            let campaign = checked.campaign.expect("the example resolves");
            let expected: Vec<String> = given::texts(&campaign)
                .map(|given| text::fold(&given.text.value))
                .collect();
            assert!(expected.len() > 10, "{}", expected.len());
            for threads in [1, 2, 7, 1000] {
                let context = Context::new(&campaign, threads);
                let folded: Vec<&str> = context.given().map(|(_, folded)| folded.text).collect();
                assert_eq!(folded, expected, "{threads} threads");
                // Each creator's own texts, and nobody else's.
                for (index, creator) in campaign.creators.iter().enumerate() {
                    let own: Vec<(*const Text, String)> = given::creator_texts(creator)
                        .map(|given| (given.text as *const Text, text::fold(&given.text.value)))
                        .collect();
                    let listed: Vec<(*const Text, String)> = context
                        .given_to(index)
                        .map(|(given, folded)| (given.text as *const Text, folded.text.to_string()))
                        .collect();
                    assert_eq!(listed, own, "{threads} threads, creator {index}");
                }
                assert_eq!(context.given_to(campaign.creators.len()).count(), 0);
            }
        }
    }

    #[test]
    fn codes_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.code), "{} twice", rule.code);
            assert!(seen.insert(rule.name), "{} twice", rule.name);
        }
    }

    #[test]
    fn every_rule_has_a_page() {
        for rule in all() {
            assert!(rule.page().contains("## What it does"), "{}", rule.code);
        }
    }

    #[test]
    fn strategy_is_in_code_order() {
        let codes: Vec<&str> = STRATEGY.iter().map(|r| r.info().code).collect();
        let number = |code: &str| {
            let digits = code.trim_start_matches(char::is_alphabetic);
            (
                code.len() - digits.len(),
                digits.parse::<u32>().unwrap_or(0),
            )
        };
        let mut sorted = codes.clone();
        // Families in the order rules.md lists them: RS, XHS, LANG.
        let family = |code: &str| {
            ["RS", "XHS", "LANG"]
                .iter()
                .position(|f| code.starts_with(f))
        };
        sorted.sort_by_key(|c| (family(c), number(c)));
        assert_eq!(codes, sorted);
        assert_eq!(codes.len(), 26);
    }

    #[test]
    fn find_takes_code_or_name() {
        assert_eq!(find("e002").map(|r| r.name), Some("unknown-name"));
        assert_eq!(find("syntax").map(|r| r.code), Some("E001"));
        assert_eq!(closest("unknwn-name"), Some("unknown-name"));
    }
}
