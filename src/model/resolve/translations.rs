//! Versions of free texts in other languages (`angle "..." zh "..."`): each
//! language code must be one redbrief writes briefs in (E002), and given
//! once per text (E003). Which fields take versions at all is the field
//! table's business, checked when the tree is built; a version in a
//! language the campaign's briefs are not in is a warning (LANG002).

use super::Resolver;
use crate::diagnostic::codes::DUPLICATE;
use crate::diagnostic::Finding;
use crate::model::vocabulary::Language;
use crate::syntax::ast::{Block, BlockHead, Node, Text, Value};
use crate::t;

impl Resolver<'_> {
    /// Checks every version written in the campaign block, but for its
    /// creators': each creator's are checked as the creator is read
    /// (`creator_translations`).
    pub(super) fn translations(&mut self, campaign: &Block) {
        let mut texts = Vec::new();
        collect(campaign, &mut texts, Creators::Skip);
        for text in texts {
            self.versions(text);
        }
    }

    /// Checks every version written in a creator block.
    pub(super) fn creator_translations(&mut self, creator: &Block) {
        let mut texts = Vec::new();
        collect(creator, &mut texts, Creators::Include);
        for text in texts {
            self.versions(text);
        }
    }

    fn versions(&mut self, text: &Text) {
        for (i, translation) in text.translations.iter().enumerate() {
            let code = &translation.language;
            if self
                .vocabulary::<Language>(code, &t!("a translation"))
                .is_none()
            {
                continue;
            }
            if let Some(first) = text.translations[..i]
                .iter()
                .find(|t| t.language.value == code.value)
            {
                self.report(
                    Finding::new(
                        &DUPLICATE,
                        translation.span,
                        t!(
                            "a second `{language}` version of one text",
                            language = code.value
                        ),
                    )
                    .label(t!("second version"))
                    .related(first.span, t!("the first version"))
                    .help(t!(
                        "keep one version per language: delete the one briefs should not show"
                    ))
                    .fix(text.removal(i), ""),
                );
            }
        }
    }
}

/// Whether `collect` goes into the creator blocks directly inside.
#[derive(Clone, Copy, PartialEq)]
enum Creators {
    Skip,
    Include,
}

/// Every text with versions in a block and the blocks inside it.
fn collect<'a>(block: &'a Block, texts: &mut Vec<&'a Text>, creators: Creators) {
    match &block.head {
        BlockHead::Campaign { name }
        | BlockHead::Brand { name }
        | BlockHead::Product { name }
        | BlockHead::Contact { name } => texts.push(name),
        _ => {}
    }
    for node in &block.body {
        match node {
            Node::Block(inner)
                if creators == Creators::Include
                    || !matches!(inner.head, BlockHead::Creator { .. }) =>
            {
                collect(inner, texts, Creators::Include)
            }
            Node::Statement(statement) => match &statement.value {
                Value::Text(text)
                | Value::Peak { name: text, .. }
                | Value::Cost { name: text, .. }
                | Value::Allow {
                    reason: Some(text), ..
                } => texts.push(text),
                Value::Texts(list) => texts.extend(list),
                _ => {}
            },
            _ => {}
        }
    }
    texts.retain(|text| !text.translations.is_empty());
}
