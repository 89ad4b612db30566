//! What may be typed at the cursor: at the start of a line, the fields of
//! the block (and role) it is in; after a field, the names it takes (goals
//! after `serves`, stages, formats, metrics, languages, rules after `allow`,
//! products after a creator's `product`).

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit,
};

use super::cursor::{self, Cursor};
use super::position;
use crate::model::vocabulary::Vocabulary;
use crate::model::{Format, Language, Metric, Stage};
use crate::source::{SourceFile, Span};
use crate::syntax::fields::{self, Key, Place};

/// The completions at `offset`. `typing_space`: the request came because a
/// space was typed, when the start of a line (indentation) offers nothing.
pub fn complete(
    file: &SourceFile,
    offset: usize,
    zh: bool,
    typing_space: bool,
) -> Vec<CompletionItem> {
    let text = &file.text;
    let at = cursor::at(text, offset);
    if at.in_string || at.in_comment {
        return Vec::new();
    }
    let typed = cursor::typed(at.before);
    let replace = position::range(file, Span::new(offset - typed.len(), offset));
    let item = |label: &str, kind: CompletionItemKind| CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            replace,
            label.to_string(),
        ))),
        ..CompletionItem::default()
    };
    if at.at_keyword() {
        if typing_space {
            return Vec::new();
        }
        return keywords(&at, zh, item);
    }
    let place = at.place();
    let keyword = at.keyword();
    let field = place
        .and_then(|place| fields::field_at(keyword, place))
        .or_else(|| fields::field(keyword));
    let Some(field) = field else {
        return Vec::new();
    };
    // Which value of the line the cursor is on: 0 for the first.
    let rest = at.before.trim_start().get(keyword.len()..).unwrap_or("");
    let argument = rest
        .split_whitespace()
        .count()
        .saturating_sub(usize::from(!typed.is_empty() && rest.ends_with(typed)));
    let words = |names: Vec<&str>, kind| names.into_iter().map(|name| item(name, kind)).collect();
    match field.key {
        Key::Serves => words(goal_names(text), CompletionItemKind::REFERENCE),
        Key::Stage => words(names::<Stage>(), CompletionItemKind::ENUM_MEMBER),
        Key::Languages => words(names::<Language>(), CompletionItemKind::ENUM_MEMBER),
        Key::Deliver if argument == 0 => words(names::<Format>(), CompletionItemKind::ENUM_MEMBER),
        Key::Kpi if argument == 0 => words(names::<Metric>(), CompletionItemKind::ENUM_MEMBER),
        Key::Allow if argument == 0 => crate::rules::all()
            .filter(|rule| !rule.is_spec_error())
            .map(|rule| CompletionItem {
                detail: Some(format!(
                    "{} · {}",
                    rule.code,
                    crate::i18n::text_in(crate::i18n::current(), rule.summary)
                )),
                ..item(rule.name, CompletionItemKind::VALUE)
            })
            .collect(),
        Key::Products if matches!(place, Some(Place::Kol | Place::Koc)) && typed.is_empty() => {
            product_names(text)
                .into_iter()
                .map(|name| {
                    let quoted = format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""));
                    CompletionItem {
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace, quoted))),
                        ..item(&name, CompletionItemKind::REFERENCE)
                    }
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The fields of the block the cursor is in (for a creator, those of its
/// role only), then the blocks that may open there.
fn keywords(
    at: &Cursor<'_>,
    zh: bool,
    item: impl Fn(&str, CompletionItemKind) -> CompletionItem,
) -> Vec<CompletionItem> {
    let Some(place) = at.place() else {
        return match at.blocks.is_empty() {
            true => vec![block_item(fields::block("campaign"), zh, &item)],
            false => Vec::new(),
        };
    };
    let mut items: Vec<CompletionItem> = place
        .fields()
        .map(|field| CompletionItem {
            detail: Some(field.kind.example().replace('`', "")),
            documentation: Some(markdown(if zh { field.zh } else { field.en })),
            ..item(field.keyword, CompletionItemKind::FIELD)
        })
        .collect();
    items.extend(
        place
            .blocks()
            .map(|block| block_item(Some(block), zh, &item)),
    );
    items
}

fn block_item(
    block: Option<&fields::BlockSpec>,
    zh: bool,
    item: &impl Fn(&str, CompletionItemKind) -> CompletionItem,
) -> CompletionItem {
    match block {
        Some(block) => CompletionItem {
            detail: Some(format!("{} {} {{ … }}", block.keyword, block.head)),
            documentation: Some(markdown(if zh { block.zh } else { block.en })),
            ..item(block.keyword, CompletionItemKind::KEYWORD)
        },
        None => item("campaign", CompletionItemKind::KEYWORD),
    }
}

fn markdown(text: &str) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text.to_string(),
    })
}

fn names<V: Vocabulary>() -> Vec<&'static str> {
    V::ALL.iter().map(|v| v.name()).collect()
}

/// The names of the goals declared in the text (`goal NAME {`), read line
/// by line so they are offered while the file does not parse.
fn goal_names(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = heads(text, "goal")
        .map(cursor::first_word)
        .filter(|name| !name.is_empty())
        .collect();
    names.dedup();
    names
}

/// The names of the products declared in the text (`product "NAME" {`).
fn product_names(text: &str) -> Vec<String> {
    heads(text, "product")
        .filter(|rest| rest.contains('{'))
        .filter_map(|rest| {
            let inner = rest.strip_prefix('"')?;
            let end = inner.find('"')?;
            Some(inner[..end].to_string())
        })
        .collect()
}

/// What follows `keyword` on each line that starts with it.
fn heads<'a>(text: &'a str, keyword: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    text.lines().filter_map(move |line| {
        let rest = line.trim_start().strip_prefix(keyword)?;
        rest.starts_with([' ', '\t']).then(|| rest.trim_start())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(items: &[CompletionItem]) -> Vec<&str> {
        items.iter().map(|item| item.label.as_str()).collect()
    }

    const SPEC: &str = "campaign \"C\" {\n  product \"Glow 30ml\" {\n  }\n  goal launch {\n    stage \n  }\n  goal trust {\n  }\n  koc @小雨 {\n    \n    serves la\n    product \n  }\n}\n";

    fn at(marker: &str, after: usize) -> Vec<CompletionItem> {
        let file = SourceFile::new("t", SPEC);
        let offset = SPEC.find(marker).unwrap() + after;
        complete(&file, offset, false, false)
    }

    #[test]
    fn a_koc_is_offered_koc_fields_only() {
        let items = at("    \n    serves", 4);
        let labels = labels(&items);
        assert!(labels.contains(&"trial") && labels.contains(&"followers"));
        assert!(!labels.contains(&"visual"), "{labels:?}");
        assert!(!labels.contains(&"kol"), "no blocks inside a creator");
    }

    #[test]
    fn values_follow_their_field() {
        assert_eq!(labels(&at("serves la", 9)), ["launch", "trust"]);
        assert_eq!(
            labels(&at("stage \n", 6)),
            ["discovery", "validation", "conversion"]
        );
        let product = at("product \n  }", 8);
        assert_eq!(labels(&product), ["Glow 30ml"]);
    }

    #[test]
    fn the_first_value_of_shaped_lines() {
        let complete_line = |line: &str| {
            let text = format!("campaign \"C\" {{\n  goal g {{\n    {line}\n  }}\n}}\n");
            let file = SourceFile::new("t", text.as_str());
            let offset = text.find(line).unwrap_or(0) + line.len();
            labels(&complete(&file, offset, false, true))
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert!(complete_line("kpi sa").contains(&"saves".to_string()));
        assert!(
            complete_line("kpi saves ").is_empty(),
            "no metric after the metric"
        );
        assert_eq!(complete_line("deliver "), ["image", "video", "live"]);
        let rules = complete_line("allow ");
        assert!(rules.contains(&"thin-trust".to_string()), "{rules:?}");
        assert!(
            !rules.contains(&"syntax".to_string()),
            "E-codes cannot be allowed"
        );
        assert_eq!(complete_line("languages en, "), ["en", "zh"]);
    }

    #[test]
    fn a_space_at_the_start_of_a_line_offers_nothing() {
        let file = SourceFile::new("t", SPEC);
        let offset = SPEC.find("    \n    serves").unwrap() + 4;
        assert!(complete(&file, offset, false, true).is_empty());
    }
}
