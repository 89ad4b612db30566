//! RS015 no-time-to-try: a KOC's trial must fit between the samples
//! arriving (or the campaign opening) and their first post.

use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::t;

crate::rule_info! {
    /// # RS015 no-time-to-try
    ///
    /// ## What it does
    /// Reports a KOC whose trial cannot fit: their first post date minus
    /// `trial` falls before the samples arrive (`terms { samples }`), or,
    /// when no samples date is given, before the campaign window opens. A
    /// trial that starts on the very day the samples arrive fits.
    ///
    /// ## Why it matters
    /// KOC content is "experience-driven reviews focused on real usage". A
    /// creator asked to try a serum for 14 days and post on 10 December
    /// must start on 26 November; if the product reaches her on 1 December,
    /// she either posts late or posts a review of five days' use.
    ///
    /// ## Example
    /// ```
    /// terms { samples 2026-12-01 }
    /// koc @amy_tries {
    ///   trial   14d
    ///   deliver image x1 on 2026-12-10
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// terms { samples 2026-11-25 }
    /// koc @amy_tries {
    ///   trial   14d
    ///   deliver image x1 on 2026-12-10
    /// }
    /// ```
    pub static NO_TIME_TO_TRY = {
        code: "RS015",
        name: "no-time-to-try",
        severity: Warning,
        summary: "a KOC's trial starts before the samples arrive or the campaign opens",
    };
}

pub struct NoTimeToTry;

impl Rule for NoTimeToTry {
    fn info(&self) -> &'static RuleInfo {
        &NO_TIME_TO_TRY
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for koc in campaign.kocs() {
            let (Some(trial), Some(start), Some(first_post)) =
                (&koc.trial, koc.dates.trial_start, koc.dates.first_post)
            else {
                continue;
            };
            let (earliest, samples, related) = match (&koc.terms.samples, campaign.window) {
                (Some(samples), _) => (samples.value, true, samples.span),
                (None, Some(window)) => (window.start, false, window.span),
                (None, None) => continue,
            };
            if start >= earliest {
                continue;
            }
            let (message, what) = if samples {
                (
                    t!(
                        "{who} must start a {days}-day trial on {start} to post on {first_post}, but the samples arrive on {earliest}",
                        who = who(koc),
                        days = trial.value,
                        start = start,
                        first_post = first_post,
                        earliest = earliest
                    ),
                    t!("the samples arrive"),
                )
            } else {
                (
                    t!(
                        "{who} must start a {days}-day trial on {start} to post on {first_post}, but the campaign opens on {earliest}",
                        who = who(koc),
                        days = trial.value,
                        start = start,
                        first_post = first_post,
                        earliest = earliest
                    ),
                    t!("the campaign opens"),
                )
            };
            findings.push(
                Finding::new(&NO_TIME_TO_TRY, trial.span, message)
                    .label(t!("the trial does not fit"))
                    .related(related, what)
                    .help(t!(
                        "post on {date} or later, shorten the trial, or get the samples to them by {start}; {allow}",
                        date = earliest
                            .checked_add(jiff::Span::new().days(i64::from(trial.value)))
                            .map_or_else(|_| t!("a later date"), |d| d.to_string()),
                        start = start,
                        allow = or_allow(&NO_TIME_TO_TRY, &t!("if they already use the product"))
                    )),
            );
        }
    }
}
