//! Field by field: what changed in a creator (the campaign around them is
//! `campaign.rs`). Values are compared in the resolved model (`3.2k` and `3200` are
//! the same), and shown as the spec writes them, taken from the source at
//! the value's span (`9k MYR`, not `9,000 MYR`).

use super::{Change, Delta, Scope};
use crate::model::vocabulary::Vocabulary as _;
use crate::model::{Campaign, Creator, Delivery, Schedule, Text, DEFAULT_FOLLOWUP_DAYS};
use crate::source::{SourceFile, Span, Spanned};

/// One version of the spec: its text, to quote values from, and its model.
pub(super) struct Side<'a> {
    file: &'a SourceFile,
    pub(super) campaign: &'a Campaign,
}

impl<'a> Side<'a> {
    pub(super) fn new(file: &'a SourceFile, campaign: &'a Campaign) -> Self {
        Side { file, campaign }
    }

    /// The text at a span, its runs of blanks made one space.
    pub(super) fn written(&self, span: Span) -> String {
        let text = self.file.text.get(span.range()).unwrap_or_default();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// A whole statement's value: the line at the span without its keyword
    /// (`reach >= 800k` from `kpi   reach >= 800k`).
    pub(super) fn statement(&self, span: Span) -> String {
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
            None => crate::t!("undated"),
        }
    }
}

/// The changes found so far, all of one scope.
pub(super) struct Changes {
    pub(super) list: Vec<Change>,
    scope: Scope,
}

impl Changes {
    pub(super) fn new(scope: Scope) -> Self {
        Changes {
            list: Vec::new(),
            scope,
        }
    }

    pub(super) fn push(&mut self, field: impl Into<String>, delta: Delta) {
        self.list.push(Change {
            field: field.into(),
            delta,
            scope: self.scope.clone(),
        });
    }

    pub(super) fn value(
        &mut self,
        field: impl Into<String>,
        old: Option<String>,
        new: Option<String>,
    ) {
        self.push(field, Delta::Value { old, new });
    }

    /// A number, money, duration or name, quoted from the spec.
    pub(super) fn scalar<T: PartialEq>(
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
    pub(super) fn text(
        &mut self,
        field: impl Into<String>,
        old: Option<&Text>,
        new: Option<&Text>,
    ) {
        let (old, new) = (old.map(|t| t.value.clone()), new.map(|t| t.value.clone()));
        if old != new {
            self.push(field, Delta::Text { old, new });
        }
    }

    /// A short text, shown in quotes.
    pub(super) fn quoted(
        &mut self,
        field: impl Into<String>,
        old: Option<&Text>,
        new: Option<&Text>,
    ) {
        let (old, new) = (old.map(|t| quote(&t.value)), new.map(|t| quote(&t.value)));
        if old != new {
            self.value(field, old, new);
        }
    }

    /// A list: what was added and what was removed, or only the order.
    pub(super) fn list(&mut self, field: impl Into<String>, old: Vec<String>, new: Vec<String>) {
        if old == new {
            return;
        }
        let added = new.iter().filter(|n| !old.contains(n)).cloned().collect();
        let removed = old.iter().filter(|o| !new.contains(o)).cloned().collect();
        self.push(field, Delta::List { added, removed });
    }
}

pub(super) fn quote(text: &str) -> String {
    format!("\"{text}\"")
}

pub(super) fn quoted_all(texts: &[Text]) -> Vec<String> {
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
    changes.text("audience", old.audience.as_deref(), new.audience.as_deref());
    changes.scalar("fee", (before, old.fee.as_ref()), (after, new.fee.as_ref()));
    changes.text("angle", old.angle.as_deref(), new.angle.as_deref());
    changes.list(
        "keywords",
        quoted_all(&old.keywords),
        quoted_all(&new.keywords),
    );
    changes.quoted("title", old.title.as_deref(), new.title.as_deref());
    changes.list("script", quoted_all(&old.script), quoted_all(&new.script));
    changes.text("note", old.note.as_deref(), new.note.as_deref());
    changes.text("visual", old.visual.as_deref(), new.visual.as_deref());
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
            None => crate::t!("{days}d (default)", days = DEFAULT_FOLLOWUP_DAYS),
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
