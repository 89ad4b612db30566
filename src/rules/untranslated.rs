//! LANG001 untranslated: a brief would show a free text in a script its
//! reader may not read.

use super::text::{has_han, has_latin};
use super::{or_allow, who, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::vocabulary::Vocabulary;
use crate::model::{Campaign, Creator, Language, Text};
use crate::t;

crate::rule_info! {
    /// # LANG001 untranslated
    ///
    /// ## What it does
    /// For each brief language in `languages`, reports a free text that
    /// language's briefs show when it has no version in that language
    /// (`zh "..."`) and is written in the wrong script for it: for `zh`, it
    /// has letters but no Chinese character; for `en`, it has Chinese
    /// characters and no Latin letter. One finding per text, naming the
    /// languages.
    ///
    /// Free texts are the brand's `voice`, a product's `claims`, a creator's
    /// `audience`, `angle`, `note`, `visual` and `prompts`, and the terms'
    /// `payment`. Names, links, handles, `avoid` words and what the creator
    /// posts word for word (`title`, `script`, `keywords`, `hashtags`) read
    /// the same in every brief and are not checked.
    ///
    /// Decided cases: a mixed text ("Glow 精华 review") is in the right
    /// script for both languages; a text with no letters at all ("189")
    /// is in neither's wrong script; a Chinese-only spec whose briefs are
    /// only in `zh` is fine.
    ///
    /// ## Why it matters
    /// The `zh` brief goes to a creator who reads Chinese. An angle or a
    /// prompt left in English there is the part of the brief the creator
    /// has to guess at, and a guessed angle is how a campaign of KOCs ends
    /// up saying the same thing. A brief is sendable as is only when all
    /// of it is in its reader's language.
    ///
    /// ## Example
    /// ```
    /// languages en, zh
    /// koc @amy_tries { angle "Oily-skin commuter testing it under sunscreen" }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// languages en, zh
    /// koc @amy_tries {
    ///   angle "Oily-skin commuter testing it under sunscreen"
    ///         zh "油皮通勤族，叠防晒实测"
    /// }
    /// ```
    pub static UNTRANSLATED = {
        code: "LANG001",
        name: "untranslated",
        severity: Warning,
        summary: "a brief would show a free text with no version in its language, in another script",
    };
}

pub struct Untranslated;

impl Rule for Untranslated {
    fn info(&self) -> &'static RuleInfo {
        &UNTRANSLATED
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for (what, text) in free_texts(campaign) {
            let missing: Vec<Language> = campaign
                .languages
                .iter()
                .copied()
                .filter(|&language| wrong_script(text, language))
                .collect();
            let Some(first) = missing.first() else {
                continue;
            };
            if !findings.keeps(text.span) {
                findings.count(&UNTRANSLATED);
                continue;
            }
            let codes: Vec<String> = missing.iter().map(|l| format!("`{}`", code(*l))).collect();
            let codes = crate::i18n::and_list(&codes);
            findings.push(
                Finding::new(
                    &UNTRANSLATED,
                    text.span,
                    t!(
                        "{what} has no {codes} version: those briefs would show it as written",
                        what = what.said(),
                        codes = codes
                    ),
                )
                .label(reader(*first))
                .help(t!(
                    "write the version after the text, like `\"...\" {code} \"...\"`; {allow}",
                    code = code(*first),
                    allow = or_allow(&UNTRANSLATED, &t!("if its readers read it as written"))
                )),
            );
        }
    }
}

fn code(language: Language) -> &'static str {
    language.name()
}

/// The label of a text its `language` briefs would show untranslated.
fn reader(language: Language) -> String {
    match language {
        Language::En => t!("not in English"),
        Language::Zh => t!("not in Chinese"),
    }
}

/// Whether briefs in `language` would show `text` in a script that is not
/// the language's.
fn wrong_script(text: &Text, language: Language) -> bool {
    if text.translation(code(language)).is_some() {
        return false;
    }
    let value = &text.value;
    match language {
        Language::Zh => value.chars().any(char::is_alphabetic) && !has_han(value),
        Language::En => has_han(value) && !has_latin(value),
    }
}

/// Which free text it is, put in words only for a finding: most texts
/// have none, and ten thousand creators' labels would be formatted for
/// nothing.
pub(super) enum What<'c> {
    Voice,
    Claim(&'c str),
    Payment,
    Field(&'static str, &'c Creator),
    Prompt(&'c Creator),
    OwnPayment(&'c Creator),
}

impl What<'_> {
    /// "the `angle` of KOC @amy_tries", in the user's language.
    pub(super) fn said(&self) -> String {
        match *self {
            What::Voice => t!("the brand's `voice`"),
            What::Claim(product) => t!("a claim of \"{product}\"", product = product),
            What::Payment => t!("the `payment` term"),
            What::Field(field, creator) => {
                t!("the `{field}` of {who}", field = field, who = who(creator))
            }
            What::Prompt(creator) => t!("a prompt of {who}", who = who(creator)),
            What::OwnPayment(creator) => {
                t!("the `payment` term of {who}", who = who(creator))
            }
        }
    }
}

/// Every free text a brief shows, with what it is, in spec order. The
/// fields are the field table's `translatable` ones (src/syntax/fields.rs).
pub(super) fn free_texts(campaign: &Campaign) -> impl Iterator<Item = (What<'_>, &Text)> {
    let brand = campaign
        .brand
        .iter()
        .flat_map(|brand| brand.voice.iter().map(|t| (What::Voice, t)));
    let claims = campaign.products.iter().flat_map(|product| {
        product
            .claims
            .iter()
            .map(|t| (What::Claim(&product.name.value), t))
    });
    let payment = campaign.terms.payment.iter().map(|t| (What::Payment, t));
    let creators = campaign.creators.iter().flat_map(move |creator| {
        let one = [
            ("audience", &creator.audience),
            ("angle", &creator.angle),
            ("note", &creator.note),
            ("visual", &creator.visual),
        ]
        .into_iter()
        .filter_map(move |(field, text)| text.as_deref().map(|t| (What::Field(field, creator), t)));
        let prompts = creator
            .prompts
            .iter()
            .map(move |t| (What::Prompt(creator), t));
        // A creator's own payment term; one inherited from the campaign is
        // the campaign's line, reported once.
        let own_payment = creator
            .terms
            .payment
            .iter()
            .filter(move |payment| {
                campaign.terms.payment.as_ref().map(|p| p.span) != Some(payment.span)
            })
            .map(move |t| (What::OwnPayment(creator), t));
        one.chain(prompts).chain(own_payment)
    });
    brand.chain(claims).chain(payment).chain(creators)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::fields::FIELDS;

    #[test]
    fn every_translatable_field_is_checked() {
        let page = UNTRANSLATED.page();
        for field in FIELDS.iter().filter(|f| f.translatable) {
            assert!(
                page.contains(&format!("`{}`", field.keyword)),
                "{}",
                field.keyword
            );
        }
    }

    #[test]
    fn scripts() {
        let text = |s: &str| Text::plain(s.to_string(), crate::source::Span::at(0), false);
        assert!(wrong_script(&text("An evening ritual"), Language::Zh));
        assert!(!wrong_script(&text("Glow 精华 review"), Language::Zh));
        assert!(!wrong_script(&text("Glow 精华 review"), Language::En));
        assert!(wrong_script(&text("睡前护肤"), Language::En));
        assert!(!wrong_script(&text("189"), Language::Zh));
    }
}
