//! Campaign-level changes, each said once: the campaign's own fields, the
//! brand, every product and goal by name, the policy and `allow` lines; and
//! which of them reach a creator through the goals they serve and the
//! products they feature.

use super::fields::{quote, quoted_all, Changes, Side};
use super::{Change, Scope};
use crate::model::values::percent_text;
use crate::model::vocabulary::Vocabulary as _;
use crate::model::{Brand, Campaign, Creator};

/// Campaign-level changes, each once: the campaign's own fields, the brand,
/// every product and goal by name, the policy and `allow` lines.
pub(super) fn changes(before: &Side<'_>, after: &Side<'_>) -> Vec<Change> {
    let (old, new) = (before.campaign, after.campaign);
    let mut changes = Changes::new(Scope::Campaign);
    changes.quoted("campaign name", Some(&old.name), Some(&new.name));
    let window = |side: &Side<'_>, campaign: &Campaign| {
        campaign
            .window
            .map(|w| ((w.start, w.end), side.statement(w.span)))
    };
    let (old_window, new_window) = (window(before, old), window(after, new));
    if old_window.as_ref().map(|w| w.0) != new_window.as_ref().map(|w| w.0) {
        changes.value("window", old_window.map(|w| w.1), new_window.map(|w| w.1));
    }
    changes.scalar(
        "budget",
        (before, old.budget.as_ref()),
        (after, new.budget.as_ref()),
    );
    let languages = |campaign: &Campaign| {
        campaign
            .languages
            .iter()
            .map(|l| l.name().to_string())
            .collect()
    };
    changes.list("languages", languages(old), languages(new));
    brand(
        &mut changes,
        (before, old.brand.as_ref()),
        (after, new.brand.as_ref()),
    );
    let mut all = changes.list;
    all.extend(products(before, after));
    all.extend(goals(before, after));

    let mut changes = Changes::new(Scope::Campaign);
    policy(&mut changes, old, new);
    let allows = |campaign: &Campaign| {
        campaign
            .allows
            .iter()
            .map(|a| format!("{} {}", a.rule.name, quote(&a.reason)))
            .collect()
    };
    changes.list("allow", allows(old), allows(new));
    all.extend(changes.list);
    all
}

fn brand(
    changes: &mut Changes,
    (before, old): (&Side<'_>, Option<&Brand>),
    (after, new): (&Side<'_>, Option<&Brand>),
) {
    let (old, new) = match (old, new) {
        (Some(old), Some(new)) => (old, new),
        (None, None) => return,
        (old, new) => {
            changes.value(
                "brand",
                old.map(|b| quote(&b.name.value)),
                new.map(|b| quote(&b.name.value)),
            );
            return;
        }
    };
    changes.quoted("brand name", Some(&old.name), Some(&new.name));
    changes.scalar(
        "category",
        (before, old.category.as_ref()),
        (after, new.category.as_ref()),
    );
    changes.scalar(
        "market",
        (before, old.market.as_ref()),
        (after, new.market.as_ref()),
    );
    changes.text("brand voice", old.voice.as_ref(), new.voice.as_ref());
    changes.list("avoid", quoted_all(&old.avoid), quoted_all(&new.avoid));
    // Briefs put a `#` in front however the tag was written.
    let hashtags = |brand: &Brand| {
        brand
            .hashtags
            .iter()
            .map(|h| format!("#{}", h.value.trim_start_matches('#')))
            .collect()
    };
    changes.list("hashtags", hashtags(old), hashtags(new));
}

/// Products by name: added, removed, or their price, claims and link.
fn products(before: &Side<'_>, after: &Side<'_>) -> Vec<Change> {
    let mut all = Vec::new();
    let find =
        |side: &Side<'_>, name: &str| side.campaign.products.iter().any(|p| p.name.value == name);
    let old_product = |name: &str| {
        before
            .campaign
            .products
            .iter()
            .find(|p| p.name.value == name)
    };
    for product in &after.campaign.products {
        let name = &product.name.value;
        let mut changes = Changes::new(Scope::Product(name.clone()));
        match old_product(name) {
            None => changes.value("product", None, Some(quote(name))),
            Some(old) => {
                let field = |part: &str| format!("product {} {part}", quote(name));
                changes.scalar(
                    field("price"),
                    (before, old.price.as_ref()),
                    (after, product.price.as_ref()),
                );
                changes.list(
                    field("claims"),
                    quoted_all(&old.claims),
                    quoted_all(&product.claims),
                );
                changes.quoted(field("link"), old.link.as_ref(), product.link.as_ref());
            }
        }
        all.extend(changes.list);
    }
    for product in &before.campaign.products {
        let name = &product.name.value;
        if !find(after, name) {
            let mut changes = Changes::new(Scope::Product(name.clone()));
            changes.value("product", Some(quote(name)), None);
            all.extend(changes.list);
        }
    }
    all
}

/// Goals by name: added, removed, or their stage and KPIs (matched by
/// metric, so a new target reads `reach >= 800k → reach >= 1m`).
fn goals(before: &Side<'_>, after: &Side<'_>) -> Vec<Change> {
    let mut all = Vec::new();
    let find =
        |side: &Side<'_>, name: &str| side.campaign.goals.iter().any(|g| g.name.value == name);
    let old_goal = |name: &str| before.campaign.goals.iter().find(|g| g.name.value == name);
    for goal in &after.campaign.goals {
        let name = &goal.name.value;
        let mut changes = Changes::new(Scope::Goal(name.clone()));
        let Some(old) = old_goal(name) else {
            changes.value("goal", None, Some(name.clone()));
            all.extend(changes.list);
            continue;
        };
        changes.scalar(
            format!("goal {name} stage"),
            (before, Some(&old.stage)),
            (after, Some(&goal.stage)),
        );
        let field = format!("goal {name} kpi");
        for kpi in &goal.kpis {
            let same = old.kpis.iter().find(|k| k.metric == kpi.metric);
            match same {
                Some(same) if same.comparator == kpi.comparator && same.target == kpi.target => {}
                _ => changes.value(
                    field.clone(),
                    same.map(|s| before.statement(s.span)),
                    Some(after.statement(kpi.span)),
                ),
            }
        }
        for kpi in &old.kpis {
            if !goal.kpis.iter().any(|k| k.metric == kpi.metric) {
                changes.value(field.clone(), Some(before.statement(kpi.span)), None);
            }
        }
        all.extend(changes.list);
    }
    for goal in &before.campaign.goals {
        let name = &goal.name.value;
        if !find(after, name) {
            let mut changes = Changes::new(Scope::Goal(name.clone()));
            changes.value("goal", Some(name.clone()), None);
            all.extend(changes.list);
        }
    }
    all
}

/// The thresholds rules use; no brief shows them, the overview's findings
/// may.
fn policy(changes: &mut Changes, old: &Campaign, new: &Campaign) {
    let (old, new) = (&old.policy, &new.policy);
    let mut number = |field: &str, old: u64, new: u64, unit: &str| {
        if old != new {
            changes.value(
                format!("policy {field}"),
                Some(format!("{old}{unit}")),
                Some(format!("{new}{unit}")),
            );
        }
    };
    number("min_kocs", old.min_kocs, new.min_kocs, "");
    number(
        "koc_max_followers",
        old.koc_max_followers,
        new.koc_max_followers,
        "",
    );
    number(
        "kol_min_followers",
        old.kol_min_followers,
        new.kol_min_followers,
        "",
    );
    number(
        "min_trial",
        u64::from(old.min_trial_days),
        u64::from(new.min_trial_days),
        "d",
    );
    if old.max_creator_share != new.max_creator_share {
        changes.value(
            "policy max_creator_share",
            Some(percent_text(old.max_creator_share)),
            Some(percent_text(new.max_creator_share)),
        );
    }
}

/// The goals and products a creator shares with campaign-level changes:
/// `goal launch`, `product "Glow Serum 30ml"`, once each.
pub(super) fn through(after: &Side<'_>, creator: &Creator, campaign: &[Change]) -> Vec<String> {
    let serves: Vec<&str> = after
        .campaign
        .goals_of(creator)
        .map(|g| g.name.value.as_str())
        .collect();
    let features: Vec<&str> = after
        .campaign
        .products_of(creator)
        .map(|p| p.name.value.as_str())
        .collect();
    let mut through: Vec<String> = Vec::new();
    for change in campaign {
        let touches = match &change.scope {
            Scope::Creator | Scope::Campaign => false,
            Scope::Goal(goal) => serves.contains(&goal.as_str()),
            Scope::Product(product) => features.contains(&product.as_str()),
        };
        if let Some(name) = change.scope.name().filter(|_| touches) {
            if !through.contains(&name) {
                through.push(name);
            }
        }
    }
    through
}
