//! What a creator agrees to, as a brief shows it: their dates (worked out
//! once in the model, `Creator::dates`, and only written out here), their
//! terms, the campaign's contact, and for a KOC with two or more notes what
//! each note covers.

use serde::Serialize;

use super::words::Words;
use crate::model::vocabulary::Vocabulary;
use crate::model::{Contact, Creator, FeeInclude, Format, RightUse, Role, Schedule, Terms};

/// A creator's dates in the brief's language: `3 Dec 2026`.
#[derive(Debug, Serialize)]
pub(crate) struct ScheduleView {
    samples_arrive: Option<String>,
    /// KOC: the day the trial starts.
    trial_start: Option<String>,
    draft_due: Option<String>,
    /// The day our feedback on the draft is due.
    feedback_by: Option<String>,
    /// Days we take to answer a draft, and rounds of changes we may ask for.
    review_days: String,
    revisions: u64,
    /// Each delivery's date or range, once each, in spec order.
    posts: Vec<String>,
    /// The days data screenshots are due.
    data_due: Vec<String>,
}

impl ScheduleView {
    /// Each delivery's date or range, once each.
    pub(crate) fn posts(&self) -> &[String] {
        &self.posts
    }

    pub(crate) fn new(creator: &Creator, words: Words) -> Self {
        let dates = &creator.dates;
        let date = |d: Option<jiff::civil::Date>| d.map(|d| words.date(d));
        let mut posts: Vec<String> = Vec::new();
        for shown in creator
            .deliveries
            .iter()
            .filter_map(|d| d.schedule.as_ref())
            .map(|s| words.when(s))
        {
            if !posts.contains(&shown) {
                posts.push(shown);
            }
        }
        ScheduleView {
            samples_arrive: date(dates.samples_arrive),
            trial_start: date(dates.trial_start),
            draft_due: date(dates.draft_due),
            feedback_by: date(dates.feedback_by),
            review_days: words.days(creator.terms.review_days()),
            revisions: creator.terms.revisions(),
            posts,
            data_due: dates.data_due.iter().map(|d| words.date(*d)).collect(),
        }
    }
}

/// A creator's terms, beyond the dates. Rights and fee inclusions are
/// keywords (`repost`, `platform_fee`) the language's copy puts into words.
#[derive(Debug, Serialize)]
pub(crate) struct TermsView {
    fee_includes: Vec<&'static str>,
    payment: Option<String>,
    keep_live: Option<String>,
    rights: Option<RightsView>,
    exclusivity: Option<String>,
    /// Whether anything above is given, so an empty section leaves no heading.
    any: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct RightsView {
    uses: Vec<&'static str>,
    days: String,
}

impl TermsView {
    pub(crate) fn new(terms: &Terms, words: Words) -> Self {
        let days = |d: Option<&crate::source::Spanned<u32>>| d.map(|d| words.days(d.value));
        let view = TermsView {
            fee_includes: terms
                .fee_includes
                .iter()
                .map(|f| match f {
                    FeeInclude::Tax => "tax",
                    FeeInclude::PlatformFee => "platform_fee",
                })
                .collect(),
            payment: terms.payment.as_ref().map(|p| words.text(p)),
            keep_live: days(terms.keep_live.as_ref()),
            rights: terms.rights.as_ref().map(|r| RightsView {
                uses: r
                    .uses
                    .iter()
                    .map(|u| match u {
                        RightUse::Repost => "repost",
                        RightUse::Boost => "boost",
                        RightUse::Ads => "ads",
                    })
                    .collect(),
                days: words.days(r.days),
            }),
            exclusivity: days(terms.exclusivity.as_ref()),
            any: false,
        };
        TermsView {
            any: !view.fee_includes.is_empty()
                || view.payment.is_some()
                || view.keep_live.is_some()
                || view.rights.is_some()
                || view.exclusivity.is_some(),
            ..view
        }
    }
}

/// Who creators talk to, and how.
#[derive(Debug, Serialize)]
pub(crate) struct ContactView {
    name: String,
    wechat: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

impl ContactView {
    pub(crate) fn new(contact: &Contact) -> Self {
        let text = |t: &Option<crate::model::Text>| t.as_ref().map(|t| t.value.clone());
        ContactView {
            name: contact.name.value.clone(),
            wechat: text(&contact.wechat),
            email: text(&contact.email),
            phone: text(&contact.phone),
        }
    }
}

/// One note of a KOC who posts two or more: which it is and what it covers
/// (`first`: first impressions; `middle`: how it is going; `last`: the
/// result after the trial), with when it is due.
#[derive(Debug, Serialize)]
pub(crate) struct NoteView {
    number: usize,
    covers: &'static str,
    format: &'static str,
    /// `on 5 Dec 2026`, `from 5 Dec 2026`, `by 19 Dec 2026`; none if undated.
    when: Option<String>,
}

/// The notes of a KOC with two or more, in date order; empty otherwise.
/// Livestreams are not notes and are left out.
pub(crate) fn notes_plan(creator: &Creator, words: Words) -> Vec<NoteView> {
    if creator.role != Role::Koc {
        return Vec::new();
    }
    let mut deliveries: Vec<_> = creator
        .deliveries
        .iter()
        .filter(|d| d.format != Format::Live)
        .collect();
    // Dated first, by date; a stable sort keeps spec order otherwise.
    deliveries.sort_by_key(|d| (d.first_date().is_none(), d.first_date()));
    let mut notes: Vec<(Format, Option<String>)> = Vec::new();
    for delivery in deliveries {
        for index in 0..delivery.count {
            let when = delivery.schedule.as_ref().map(|s| match s {
                Schedule::On(on) => words.on(on.value),
                Schedule::Between(from, to) => match index {
                    0 => words.starting(from.value),
                    i if i + 1 == delivery.count => words.by(to.value),
                    _ => words.due(s),
                },
            });
            notes.push((delivery.format, when));
        }
    }
    if notes.len() < 2 {
        return Vec::new();
    }
    let last = notes.len() - 1;
    notes
        .into_iter()
        .enumerate()
        .map(|(index, (format, when))| NoteView {
            number: index + 1,
            covers: match index {
                0 => "first",
                i if i == last => "last",
                _ => "middle",
            },
            format: format.name(),
            when,
        })
        .collect()
}
