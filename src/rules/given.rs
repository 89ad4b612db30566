//! "Text given to creators": every string a brief hands a creator to say,
//! show or post, which the wording rules (XHS001 to XHS004) read.
//!
//! That is each creator's `angle`, `visual`, `title`, `note`, `script`
//! lines, `prompts` and `keywords`; the product `claims` (the only claims
//! creators may repeat); and the brand `hashtags` (posted as topic tags).
//! Each text's versions in other languages (`zh "..."`) are given too: a
//! `zh` brief hands the creator its version, so the word lists read it.
//! Left out on purpose: `audience` and the brand `voice` describe who reads
//! and how it should sound, and are never posted; the product `link` is for
//! tracking, and XHS004 looks for links written into what creators post.

use super::text::{quoted, span_in, Hit};
use super::RuleInfo;
use crate::diagnostic::Finding;
use crate::model::{Brand, Campaign, Creator, Product, Text};

/// Who a text belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'c> {
    Creator(&'c Creator),
    Product(&'c Product),
    Brand(&'c Brand),
}

/// One text given to creators, and where it sits in the spec.
#[derive(Debug, Clone, Copy)]
pub struct Given<'c> {
    pub text: &'c Text,
    pub owner: Owner<'c>,
    /// How the field reads in a sentence: "the angle", "a prompt".
    pub field: &'static str,
    /// The language code when `text` is a version in another language.
    pub language: Option<&'c str>,
}

impl Given<'_> {
    /// "the angle of KOC @amy_tries", "a claim of the product "Glow Serum"".
    pub fn describe(&self) -> String {
        let owner = match self.owner {
            Owner::Creator(creator) => super::who(creator),
            Owner::Product(product) => format!("the product \"{}\"", product.name.value),
            Owner::Brand(brand) => format!("the brand \"{}\"", brand.name.value),
        };
        match self.language {
            None => format!("{} of {owner}", self.field),
            Some(code) => format!("the `{code}` version of {} of {owner}", self.field),
        }
    }
}

/// A text and each of its versions, with the version's language.
pub fn versions(text: &Text) -> impl Iterator<Item = (&Text, Option<&str>)> {
    std::iter::once((text, None)).chain(
        text.translations
            .iter()
            .map(|t| (&t.text, Some(t.language.value.as_str()))),
    )
}

/// Every text given to creators, in the order the spec declares them.
pub fn texts(campaign: &Campaign) -> impl Iterator<Item = Given<'_>> {
    let brand = campaign.brand.iter().flat_map(|brand| {
        brand.hashtags.iter().map(move |text| Given {
            text,
            owner: Owner::Brand(brand),
            field: "a hashtag",
            language: None,
        })
    });
    let products = campaign.products.iter().flat_map(|product| {
        product
            .claims
            .iter()
            .flat_map(versions)
            .map(move |(text, language)| Given {
                text,
                owner: Owner::Product(product),
                field: "a claim",
                language,
            })
    });
    let creators = campaign.creators.iter().flat_map(creator_texts);
    brand.chain(products).chain(creators)
}

/// One creator's texts.
pub fn creator_texts(creator: &Creator) -> impl Iterator<Item = Given<'_>> {
    let single = [
        (&creator.angle, "the angle"),
        (&creator.visual, "the visual"),
        (&creator.title, "the title"),
        (&creator.note, "the note"),
    ]
    .into_iter()
    .filter_map(|(text, field)| text.as_ref().map(|text| (text, field)));
    let lists = [
        (&creator.script, "a script line"),
        (&creator.prompts, "a prompt"),
        (&creator.keywords, "a keyword"),
    ]
    .into_iter()
    .flat_map(|(texts, field)| texts.iter().map(move |text| (text, field)));
    single
        .chain(lists)
        .flat_map(|(text, field)| {
            versions(text).map(move |(text, language)| (text, field, language))
        })
        .map(move |(text, field, language)| Given {
            text,
            owner: Owner::Creator(creator),
            field,
            language,
        })
}

/// The finding for a text that contains listed terms: one per text, at the
/// first term, naming them all ("uses absolute wording: "best" and "#1"").
pub fn word_finding(
    rule: &'static RuleInfo,
    given: &Given<'_>,
    hits: &[Hit<'_>],
    what: &str,
) -> Option<Finding> {
    let first = hits.first()?;
    let mut terms: Vec<&str> = Vec::with_capacity(hits.len());
    for hit in hits {
        if !terms.contains(&hit.term) {
            terms.push(hit.term);
        }
    }
    Some(Finding::new(
        rule,
        span_in(given.text, &first.bytes),
        format!("{} {what}: {}", given.describe(), quoted(&terms)),
    ))
}
