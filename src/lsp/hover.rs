//! What the cursor rests on, explained: a field or block keyword (from the
//! field table, in English or Chinese), a rule (its `explain` page), a goal
//! (its stage, KPIs and who serves it), a creator (role, goals, deliveries).

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::cursor;
use super::document::Document;
use super::navigation;
use super::position;
use crate::model::vocabulary::Vocabulary;
use crate::model::{Creator, Role, Schedule};
use crate::syntax::ast::{Block, BlockHead, Node, Value};
use crate::syntax::fields::{self, FieldSpec, Key, Place, Repeat};

pub fn hover(document: &Document, offset: usize, zh: bool) -> Option<Hover> {
    let text = document.text();
    let (span, word) = cursor::word(text, offset)?;
    let at = cursor::at(text, span.start);
    let markdown = if word.starts_with('@') {
        creator(document, word)
    } else if is_rule_code(word) || (at.keyword() == "allow" && !at.at_keyword()) {
        crate::rules::find(word).map(|rule| match zh {
            true => crate::i18n::rule_page(crate::i18n::Lang::Zh, rule.code)
                .map_or_else(|| rule.page(), str::to_string),
            false => rule.page(),
        })
    } else if at.in_string || at.in_comment {
        None
    } else if at.at_keyword() {
        keyword(word, at.place(), zh)
    } else if matches!(at.keyword(), "serves" | "goal") {
        goal(document, word)
    } else {
        None
    }?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(position::range(&document.file, span)),
    })
}

/// `RS006`, `XHS001`, `E002`.
fn is_rule_code(word: &str) -> bool {
    let digits = word.trim_start_matches(|c: char| c.is_ascii_uppercase());
    digits.len() < word.len() && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// A keyword's line of the field table, or a block's.
fn keyword(word: &str, place: Option<Place>, zh: bool) -> Option<String> {
    let here = place.and_then(|place| fields::field_at(word, place));
    if let Some(field) = here {
        return Some(describe_field(field, zh));
    }
    if let Some(block) = fields::block(word) {
        let head = if block.head.is_empty() {
            String::new()
        } else {
            format!(" {}", block.head)
        };
        let description = if zh { block.zh } else { block.en };
        return Some(format!(
            "**`{}`**`{head} {{ … }}`\n\n{description}",
            block.keyword
        ));
    }
    fields::field(word).map(|field| describe_field(field, zh))
}

fn describe_field(field: &FieldSpec, zh: bool) -> String {
    let repeat = match field.repeat {
        Repeat::Once => crate::t!("one value"),
        Repeat::List => crate::t!("a list, separated by commas"),
        Repeat::Each => crate::t!("one a line, may repeat"),
    };
    let required = crate::t!("required");
    let description = if zh { field.zh } else { field.en };
    let mut head = format!(
        "**`{}`** {} · {repeat}",
        field.keyword,
        field.kind.example()
    );
    if field.required {
        head.push_str(&format!(" · {required}"));
    }
    format!("{head}\n\n{description}")
}

/// A goal's stage, KPIs and the creators serving it, read from the text as
/// written, so it shows while the spec has errors.
fn goal(document: &Document, name: &str) -> Option<String> {
    let analysis = document.analysis();
    let campaign = analysis.campaign_block()?;
    let block = campaign.body.iter().find_map(|node| match node {
        Node::Block(block) => match &block.head {
            BlockHead::Goal { name: goal } if goal.value == name => Some(block),
            _ => None,
        },
        _ => None,
    })?;
    let file = &document.file;
    let mut stage = crate::t!("not given");
    let mut kpis = Vec::new();
    for node in &block.body {
        if let Node::Statement(statement) = node {
            match (&statement.key(), &statement.value) {
                (Key::Stage, Value::Name(word)) => stage = format!("`{}`", word.value),
                (Key::Kpi, _) => {
                    let line = file.slice(statement.span);
                    let target = line.strip_prefix("kpi").unwrap_or(line).trim();
                    kpis.push(format!("- `{}`", squeeze(target)));
                }
                _ => {}
            }
        }
    }
    let mut markdown = crate::t!(
        "**goal `{name}`** · stage {stage}\n",
        name = name,
        stage = stage
    );
    if !kpis.is_empty() {
        markdown.push_str(&crate::t!("\nKPIs:\n{kpis}\n", kpis = kpis.join("\n")));
    }
    let served: Vec<String> = creators_serving(campaign, name)
        .map(|(role, handle)| crate::t!("{handle} ({role})", handle = handle, role = role.label()))
        .collect();
    markdown.push_str(&match served.as_slice() {
        [] => crate::t!("\nNo creator serves it yet."),
        _ => crate::t!(
            "\nServed by {creators}",
            creators = served.join(list_comma())
        ),
    });
    Some(markdown)
}

/// The role and handle of each creator block whose `serves` names the goal.
fn creators_serving<'a>(
    campaign: &'a Block,
    goal: &'a str,
) -> impl Iterator<Item = (Role, &'a str)> + 'a {
    campaign.body.iter().filter_map(move |node| match node {
        Node::Block(block) => match &block.head {
            BlockHead::Creator { role, handle }
                if navigation::served(block).any(|name| name.value == goal) =>
            {
                Some((*role, handle.value.as_str()))
            }
            _ => None,
        },
        _ => None,
    })
}

/// A creator's role, goals and deliveries, from the resolved campaign.
fn creator(document: &Document, handle: &str) -> Option<String> {
    let analysis = document.analysis();
    let campaign = analysis.checked.campaign.as_ref()?;
    let creator = campaign
        .creators
        .iter()
        .find(|c| c.handle.value == handle)?;
    let file = &document.file;
    let mut markdown = crate::t!(
        "**{role} {handle}** · {followers} followers\n",
        role = creator.role.label(),
        handle = creator.handle.value,
        followers = file.slice(creator.followers.span)
    );
    let goals: Vec<String> = campaign
        .goals_of(creator)
        .map(|goal| {
            crate::t!(
                "`{goal}` ({stage})",
                goal = goal.name.value,
                stage = goal.stage.value.name()
            )
        })
        .collect();
    if !goals.is_empty() {
        markdown.push_str(&crate::t!(
            "\nServes {goals}\n",
            goals = goals.join(list_comma())
        ));
    }
    markdown.push_str(&deliveries(creator));
    let mut terms = Vec::new();
    if let Some(trial) = &creator.trial {
        terms.push(crate::t!("trial {days} days", days = trial.value));
    }
    if creator.role == Role::Koc {
        terms.push(crate::t!(
            "answers comments for {days} days",
            days = creator.followup_days()
        ));
    }
    if let Some(fee) = &creator.fee {
        terms.push(crate::t!("fee {fee}", fee = squeeze(file.slice(fee.span))));
    }
    if !terms.is_empty() {
        markdown.push_str(&format!("\n{}", terms.join(" · ")));
    }
    Some(markdown)
}

fn deliveries(creator: &Creator) -> String {
    if creator.deliveries.is_empty() {
        return String::new();
    }
    let lines: Vec<String> = creator
        .deliveries
        .iter()
        .map(|delivery| {
            let when = match &delivery.schedule {
                Some(Schedule::On(on)) => crate::t!("on {date}", date = on.value),
                Some(Schedule::Between(from, to)) => {
                    crate::t!("from {from} to {to}", from = from.value, to = to.value)
                }
                None => crate::t!("date not set"),
            };
            format!("- {} ×{} {when}", delivery.format.name(), delivery.count)
        })
        .collect();
    crate::t!("\nDelivers:\n{deliveries}\n", deliveries = lines.join("\n"))
}

/// Between the items of a list in running text: `, ` or `、`.
fn list_comma() -> &'static str {
    match crate::i18n::current() {
        crate::i18n::Lang::En => ", ",
        crate::i18n::Lang::Zh => "、",
    }
}

/// Runs of spaces made one, as `fmt` would align them away.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_codes_are_letters_then_digits() {
        assert!(is_rule_code("RS006"));
        assert!(is_rule_code("E001"));
        assert!(!is_rule_code("RS"));
        assert!(!is_rule_code("006"));
        assert!(!is_rule_code("thin-trust"));
    }

    #[test]
    fn a_field_is_described_in_the_clients_language() {
        let en = keyword("followers", Some(Place::Koc), false).unwrap_or_default();
        assert!(en.contains("follower count"), "{en}");
        let zh = keyword("followers", Some(Place::Koc), true).unwrap_or_default();
        assert!(zh.contains("粉丝数"), "{zh}");
        let block = keyword("koc", Some(Place::Campaign), false).unwrap_or_default();
        assert!(block.contains("everyday user"), "{block}");
    }
}
