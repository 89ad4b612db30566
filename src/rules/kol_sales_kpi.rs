//! RS001 kol-sales-kpi: KOLs are not measured on sales.

use super::{either, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::vocabulary::Vocabulary;
use crate::model::{MetricKind, Role, Stage};
use crate::t;

crate::rule_info! {
    /// # RS001 kol-sales-kpi
    ///
    /// ## What it does
    /// Reports a KOL who serves a `conversion` goal, or a goal measured by
    /// conversion KPIs: `clicks`, `orders`, `sales`, `revenue` or `roi`.
    /// The finding points at the goal's name on the KOL's `serves` line.
    ///
    /// ## Why it matters
    /// The strategy names "Expecting direct sales from awareness-led posts"
    /// among the four common mistakes. "KOL posts introduce the product and
    /// shape perception"; buyers on Xiaohongshu then "search, save, compare,
    /// and revisit content before making decisions", and that validation is
    /// the KOCs' work. A KOL judged on orders looks like a failure even when
    /// the launch worked, and a brief pushed toward sales reads as an ad.
    ///
    /// ## Example
    /// ```
    /// goal decided {
    ///   stage conversion
    ///   kpi   orders >= 120
    /// }
    ///
    /// kol @evelyn.styles {
    ///   serves first-look, decided
    ///   ...
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Let KOLs serve discovery goals measured by reach and saves, and give
    /// the conversion goal to KOCs:
    /// ```
    /// kol @evelyn.styles {
    ///   serves first-look
    /// }
    ///
    /// koc @jun.wears {
    ///   serves considered, decided
    /// }
    /// ```
    pub static KOL_SALES_KPI = {
        code: "RS001",
        name: "kol-sales-kpi",
        severity: Error,
        summary: "a KOL serves a conversion goal or one measured by sales KPIs",
    };
}

pub struct KolSalesKpi;

impl Rule for KolSalesKpi {
    fn info(&self) -> &'static RuleInfo {
        &KOL_SALES_KPI
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for kol in campaign.creators.iter().filter(|c| c.role == Role::Kol) {
            for served in &kol.serves {
                let Some(goal) = campaign.goal(served.value) else {
                    continue;
                };
                let name = &goal.name.value;
                let (finding, fix) = if goal.stage.value == Stage::Conversion {
                    let finding = Finding::new(
                        &KOL_SALES_KPI,
                        served.span,
                        t!(
                            "{who} serves `{name}`, a conversion goal",
                            who = who(kol),
                            name = name
                        ),
                    )
                    .related(goal.stage.span, t!("the goal is at the conversion stage"));
                    let fix = t!(
                        "KOLs build awareness: take `{name}` off this KOL's `serves` line and give \
                         it to KOCs, whose honest reviews lead to the purchase",
                        name = name
                    );
                    (finding, fix)
                } else {
                    let sales: Vec<_> = goal
                        .kpis
                        .iter()
                        .filter(|kpi| kpi.metric.kind() == MetricKind::Conversion)
                        .collect();
                    let Some(first) = sales.first() else {
                        continue;
                    };
                    let metrics: Vec<&str> = sales.iter().map(|kpi| kpi.metric.name()).collect();
                    let finding = Finding::new(
                        &KOL_SALES_KPI,
                        served.span,
                        t!(
                            "{who} serves `{name}`, which is measured by {metrics}",
                            who = who(kol),
                            name = name,
                            metrics = either(&metrics)
                        ),
                    )
                    .related(first.span, t!("a sales KPI"));
                    let fix = t!(
                        "KOLs build awareness: measure `{name}` by reach and saves, and put sales \
                         KPIs on a goal KOCs serve",
                        name = name
                    );
                    (finding, fix)
                };
                findings.push(finding.label(t!("a KOL measured on sales")).help(fix));
            }
        }
    }
}
