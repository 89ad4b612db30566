//! Field by field: what changed in a creator, and in the campaign around
//! them. Values are compared in the resolved model (`3.2k` and `3200` are
//! the same), and shown as the spec writes them, taken from the source at
//! the value's span (`9k MYR`, not `9,000 MYR`).

use super::{Change, Delta, Scope};
use crate::model::values::percent_text;
use crate::model::vocabulary::Vocabulary as _;
use crate::model::{Brand, Campaign, Creator, Delivery, Schedule, Text, DEFAULT_FOLLOWUP_DAYS};
use crate::source::{SourceFile, Span, Spanned};

/// One version of the spec: its text, to quote values from, and its model.
pub(super) struct Side<'a> {
    file: &'a SourceFile,
    campaign: &'a Campaign,
}

impl<'a> Side<'a> {
    pub(super) fn new(file: &'a SourceFile, campaign: &'a Campaign) -> Self {
        Side { file, campaign }
    }

    /// The text at a span, its runs of blanks made one space.
    fn written(&self, span: Span) -> String {
        let text = self.file.text.get(span.range()).unwrap_or_default();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// A whole statement's value: the line at the span without its keyword
    /// (`reach >= 800k` from `kpi   reach >= 800k`).
    fn statement(&self, span: Span) -> String {
        let line = self.written(span);
        match line.split_once(' ') {
            Some((_, value)) => value.to_string(),
            None => line,
        }
    }

    fn schedule(&self, schedule: Option<&Schedule>) -> String {
        match schedule {
            Some(Schedule::On(on)) => format!("on {}", self.written(on.span)),
            Some(Schedule::Between(from, to)) => format!(
                "from {} to {}",
                self.written(from.span),
                self.written(to.span)
            ),
            None => "undated".to_string(),
        }
    }
}

/// The changes found so far, all of one scope.
struct Changes {
    list: Vec<Change>,
    scope: Scope,
}

impl Changes {
    fn new(scope: Scope) -> Self {
        Changes {
            list: Vec::new(),
            scope,
        }
    }

    fn push(&mut self, field: impl Into<String>, delta: Delta) {
        self.list.push(Change {
            field: field.into(),
            delta,
            scope: self.scope.clone(),
        });
    }

    fn value(&mut self, field: impl Into<String>, old: Option<String>, new: Option<String>) {
        self.push(field, Delta::Value { old, new });
    }

    /// A number, money, duration or name, quoted from the spec.
    fn scalar<T: PartialEq>(
        &mut self,
        field: impl Into<String>,
        (before, old): (&Side<'_>, Option<&Spanned<T>>),
        (after, new): (&Side<'_>, Option<&Spanned<T>>),
    ) {
        if old.map(|o| &o.value) != new.map(|n| &n.value) {
            self.value(
                field,
                old.map(|o| before.written(o.span)),
                new.map(|n| after.written(n.span)),
            );
        }
    }

    /// Prose: too long for one line, so "changed" with both versions kept.
    fn text(&mut self, field: impl Into<String>, old: Option<&Text>, new: Option<&Text>) {
        let (old, new) = (old.map(|t| t.value.clone()), new.map(|t| t.value.clone()));
        if old != new {
            self.push(field, Delta::Text { old, new });
        }
    }

    /// A short text, shown in quotes.
    fn quoted(&mut self, field: impl Into<String>, old: Option<&Text>, new: Option<&Text>) {
        let (old, new) = (old.map(|t| quote(&t.value)), new.map(|t| quote(&t.value)));
        if old != new {
            self.value(field, old, new);
        }
    }

    /// A list: what was added and what was removed, or only the order.
    fn list(&mut self, field: impl Into<String>, old: Vec<String>, new: Vec<String>) {
        if old == new {
            return;
        }
        let added = new.iter().filter(|n| !old.contains(n)).cloned().collect();
        let removed = old.iter().filter(|o| !new.contains(o)).cloned().collect();
        self.push(field, Delta::List { added, removed });
    }
}

fn quote(text: &str) -> String {
    format!("\"{text}\"")
}

fn quoted_all(texts: &[Text]) -> Vec<String> {
    texts.iter().map(|t| quote(&t.value)).collect()
}

fn names(names: &[Spanned<String>]) -> Vec<String> {
    names.iter().map(|n| n.value.clone()).collect()
}

/// A creator's own fields, old against new.
pub(super) fn creator(
    before: &Side<'_>,
    old: &Creator,
    after: &Side<'_>,
    new: &Creator,
) -> Vec<Change> {
    let mut changes = Changes::new(Scope::Creator);
    if old.role != new.role {
        changes.value(
            "role",
            Some(old.role.keyword().to_string()),
            Some(new.role.keyword().to_string()),
        );
    }
    changes.scalar(
        "followers",
        (before, Some(&old.followers)),
        (after, Some(&new.followers)),
    );
    let goals = |side: &Side<'_>, creator: &Creator| {
        side.campaign
            .goals_of(creator)
            .map(|g| g.name.value.clone())
            .collect()
    };
    changes.list("serves", goals(before, old), goals(after, new));
    let products = |side: &Side<'_>, creator: &Creator| {
        side.campaign
            .products_of(creator)
            .map(|p| quote(&p.name.value))
            .collect()
    };
    changes.list("product", products(before, old), products(after, new));
    deliveries(
        &mut changes,
        (before, &old.deliveries),
        (after, &new.deliveries),
    );
    changes.list("niche", names(&old.niche), names(&new.niche));
    changes.scalar(
        "engagement",
        (before, old.engagement.as_ref()),
        (after, new.engagement.as_ref()),
    );
    changes.text("audience", old.audience.as_ref(), new.audience.as_ref());
    changes.scalar("fee", (before, old.fee.as_ref()), (after, new.fee.as_ref()));
    changes.text("angle", old.angle.as_ref(), new.angle.as_ref());
    changes.list(
        "keywords",
        quoted_all(&old.keywords),
        quoted_all(&new.keywords),
    );
    changes.quoted("title", old.title.as_ref(), new.title.as_ref());
    changes.list("script", quoted_all(&old.script), quoted_all(&new.script));
    changes.text("note", old.note.as_ref(), new.note.as_ref());
    changes.text("visual", old.visual.as_ref(), new.visual.as_ref());
    changes.scalar(
        "trial",
        (before, old.trial.as_ref()),
        (after, new.trial.as_ref()),
    );
    changes.list(
        "prompts",
        quoted_all(&old.prompts),
        quoted_all(&new.prompts),
    );
    if old.followup_days() != new.followup_days() {
        let shown = |side: &Side<'_>, creator: &Creator| match &creator.followup {
            Some(days) => side.written(days.span),
            None => format!("{DEFAULT_FOLLOWUP_DAYS}d (default)"),
        };
        changes.value(
            "followup",
            Some(shown(before, old)),
            Some(shown(after, new)),
        );
    }
    changes.list
}

/// Deliveries: when the posts are the same and only dates moved, each
/// moved one as `deliver video x1 on 2026-12-03 → on 2026-12-05`;
/// otherwise the deliveries added and removed.
fn deliveries(
    changes: &mut Changes,
    (before, old): (&Side<'_>, &[Delivery]),
    (after, new): (&Side<'_>, &[Delivery]),
) {
    let posts = |d: &Delivery| (d.format, d.count);
    let when = |d: &Delivery| d.schedule.as_ref().map(|s| (s.first(), s.last()));
    let same_posts =
        old.len() == new.len() && old.iter().zip(new).all(|(o, n)| posts(o) == posts(n));
    if same_posts {
        for (o, n) in old.iter().zip(new) {
            if when(o) != when(n) {
                changes.value(
                    format!("deliver {} x{}", n.format.name(), n.count),
                    Some(before.schedule(o.schedule.as_ref())),
                    Some(after.schedule(n.schedule.as_ref())),
                );
            }
        }
        return;
    }
    let key = |d: &Delivery| (posts(d), when(d));
    let added = new
        .iter()
        .filter(|n| !old.iter().any(|o| key(o) == key(n)))
        .map(|n| after.statement(n.span))
        .collect();
    let removed = old
        .iter()
        .filter(|o| !new.iter().any(|n| key(o) == key(n)))
        .map(|o| before.statement(o.span))
        .collect();
    changes.push("deliver", Delta::List { added, removed });
}

/// Campaign-level changes, each once: the campaign's own fields, the brand,
/// every product and goal by name, the policy and `allow` lines.
pub(super) fn campaign(before: &Side<'_>, after: &Side<'_>) -> Vec<Change> {
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
