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
use crate::t;

/// Who a text belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'c> {
    Creator(&'c Creator),
    Product(&'c Product),
    Brand(&'c Brand),
}

/// The field a text is given in, as a finding names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Angle,
    Visual,
    Title,
    Note,
    ScriptLine,
    Prompt,
    Keyword,
    Hashtag,
    Claim,
}

impl Field {
    /// How the field reads in a sentence: "the angle", "a prompt".
    pub fn name(self) -> String {
        match self {
            Field::Angle => t!("the angle"),
            Field::Visual => t!("the visual"),
            Field::Title => t!("the title"),
            Field::Note => t!("the note"),
            Field::ScriptLine => t!("a script line"),
            Field::Prompt => t!("a prompt"),
            Field::Keyword => t!("a keyword"),
            Field::Hashtag => t!("a hashtag"),
            Field::Claim => t!("a claim"),
        }
    }
}

/// One text given to creators, and where it sits in the spec.
#[derive(Debug, Clone, Copy)]
pub struct Given<'c> {
    pub text: &'c Text,
    pub owner: Owner<'c>,
    pub field: Field,
    /// The language code when `text` is a version in another language.
    pub language: Option<&'c str>,
}

impl Given<'_> {
    /// "the angle of KOC @amy_tries", "a claim of the product "Glow Serum"".
    pub fn describe(&self) -> String {
        let field = self.field.name();
        match (self.owner, self.language) {
            (Owner::Creator(creator), None) => {
                t!("{field} of {who}", field = field, who = super::who(creator))
            }
            (Owner::Product(product), None) => t!(
                "{field} of the product \"{product}\"",
                field = field,
                product = product.name.value
            ),
            (Owner::Brand(brand), None) => t!(
                "{field} of the brand \"{brand}\"",
                field = field,
                brand = brand.name.value
            ),
            (Owner::Creator(creator), Some(code)) => t!(
                "the `{code}` version of {field} of {who}",
                code = code,
                field = field,
                who = super::who(creator)
            ),
            (Owner::Product(product), Some(code)) => t!(
                "the `{code}` version of {field} of the product \"{product}\"",
                code = code,
                field = field,
                product = product.name.value
            ),
            (Owner::Brand(brand), Some(code)) => t!(
                "the `{code}` version of {field} of the brand \"{brand}\"",
                code = code,
                field = field,
                brand = brand.name.value
            ),
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
    campaign_texts(campaign).chain(campaign.creators.iter().flat_map(creator_texts))
}

/// The texts the brand and products give every creator: `texts` before
/// the creators' own.
pub fn campaign_texts(campaign: &Campaign) -> impl Iterator<Item = Given<'_>> {
    let brand = campaign.brand.iter().flat_map(|brand| {
        brand.hashtags.iter().map(move |text| Given {
            text,
            owner: Owner::Brand(brand),
            field: Field::Hashtag,
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
                field: Field::Claim,
                language,
            })
    });
    brand.chain(products)
}

/// One creator's texts.
pub fn creator_texts(creator: &Creator) -> impl Iterator<Item = Given<'_>> {
    let single = [
        (&creator.angle, Field::Angle),
        (&creator.visual, Field::Visual),
        (&creator.title, Field::Title),
        (&creator.note, Field::Note),
    ]
    .into_iter()
    .filter_map(|(text, field)| text.as_deref().map(|text| (text, field)));
    let lists = [
        (&creator.script, Field::ScriptLine),
        (&creator.prompts, Field::Prompt),
        (&creator.keywords, Field::Keyword),
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
/// first term, naming them all. `message` says it whole, as one text to
/// translate, from the text's description and the quoted terms: "the angle
/// of KOC @amy_tries uses absolute wording: "best" and "#1"".
pub fn word_finding(
    rule: &'static RuleInfo,
    given: &Given<'_>,
    hits: &[Hit<'_>],
    message: impl FnOnce(String, String) -> String,
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
        message(given.describe(), quoted(&terms)),
    ))
}
