//! RS012 fast-scroll-kpis: trust is measured by what researchers do.

use super::{either, or_allow, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::vocabulary::Vocabulary;
use crate::model::{MetricKind, Stage};
use crate::t;

crate::rule_info! {
    /// # RS012 fast-scroll-kpis
    ///
    /// ## What it does
    /// Reports a `validation` or `conversion` goal whose KPIs are all
    /// reach-type (`reach`, `impressions`, `views`). The finding points at
    /// the goal.
    ///
    /// ## Why it matters
    /// "Treating Xiaohongshu like a fast-scroll social platform" is one of
    /// the four common mistakes the strategy names. "Xiaohongshu users
    /// behave more like researchers than scrollers. They search, save,
    /// compare, and revisit content before making decisions." Views say a
    /// post was seen; saves, comments and search rank say it was used to
    /// decide.
    ///
    /// ## Example
    /// ```
    /// goal trust {
    ///   stage validation
    ///   kpi   views >= 200k
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// goal trust {
    ///   stage validation
    ///   kpi   saves    >= 4k
    ///   kpi   comments >= 1500
    /// }
    /// ```
    pub static FAST_SCROLL_KPIS = {
        code: "RS012",
        name: "fast-scroll-kpis",
        severity: Warning,
        summary: "a validation or conversion goal is measured only by reach",
    };
}

pub struct FastScrollKpis;

impl Rule for FastScrollKpis {
    fn info(&self) -> &'static RuleInfo {
        &FAST_SCROLL_KPIS
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for goal in &campaign.goals {
            if goal.stage.value == Stage::Discovery {
                continue;
            }
            let Some(first) = goal.kpis.first() else {
                continue;
            };
            if goal
                .kpis
                .iter()
                .any(|kpi| kpi.metric.kind() != MetricKind::Reach)
            {
                continue;
            }
            let mut metrics: Vec<&str> = goal.kpis.iter().map(|kpi| kpi.metric.name()).collect();
            metrics.dedup();
            let name = &goal.name.value;
            let metrics = either(&metrics);
            let allow = or_allow(
                &FAST_SCROLL_KPIS,
                &t!("if reach is all the client can report"),
            );
            let (message, help) = if goal.stage.value == Stage::Conversion {
                (
                    t!(
                        "goal `{goal}` is a conversion goal measured only by reach ({metrics})",
                        goal = name,
                        metrics = metrics
                    ),
                    t!(
                        "measure what researchers do: add `kpi saves >= ...`, `comments` or \
                         `search_rank`, or `clicks` and `orders`; {allow}",
                        allow = allow
                    ),
                )
            } else {
                (
                    t!(
                        "goal `{goal}` is a validation goal measured only by reach ({metrics})",
                        goal = name,
                        metrics = metrics
                    ),
                    t!(
                        "measure what researchers do: add `kpi saves >= ...`, `comments` or \
                         `search_rank`; {allow}",
                        allow = allow
                    ),
                )
            };
            findings.push(
                Finding::new(&FAST_SCROLL_KPIS, goal.span, message)
                    .label(t!("measured like a fast-scroll feed"))
                    .related(first.span, t!("a reach KPI"))
                    .help(help),
            );
        }
    }
}
