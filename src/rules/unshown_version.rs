//! LANG002 unshown-version: a version in a language no brief is written in.

use super::untranslated::free_texts;
use super::{commas, or_allow, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::model::vocabulary::Vocabulary;
use crate::t;

crate::rule_info! {
    /// # LANG002 unshown-version
    ///
    /// ## What it does
    /// Reports a version of a free text (`zh "..."`) in a language that is
    /// not in the campaign's `languages` (`en` when not given): no brief
    /// shows it. One finding per version.
    ///
    /// It is a warning, not an error: dropping a language for a while, or
    /// writing versions before the language is switched on, is a fair way
    /// to work, and the briefs that are rendered are right either way.
    ///
    /// ## Why it matters
    /// Usually the `languages` line was forgotten: the Chinese angle
    /// someone took care to write never reaches the Chinese-speaking
    /// creator, who gets an English-only brief or none in Chinese at all.
    ///
    /// ## Example
    /// ```
    /// languages en
    /// koc @amy_tries { angle "Oily-skin commuter" zh "油皮通勤族" }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// languages en, zh
    /// koc @amy_tries { angle "Oily-skin commuter" zh "油皮通勤族" }
    /// ```
    pub static UNSHOWN_VERSION = {
        code: "LANG002",
        name: "unshown-version",
        severity: Warning,
        summary: "a version in a language that is not in `languages`, which no brief shows",
    };
}

pub struct UnshownVersion;

impl Rule for UnshownVersion {
    fn info(&self) -> &'static RuleInfo {
        &UNSHOWN_VERSION
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let written: Vec<&str> = campaign.languages.iter().map(|l| l.name()).collect();
        for (what, text) in free_texts(campaign) {
            for translation in &text.translations {
                let code = &translation.language.value;
                if written.contains(&code.as_str()) {
                    continue;
                }
                findings.push(
                    Finding::new(
                        &UNSHOWN_VERSION,
                        translation.language.span,
                        t!(
                            "{what} has a `{code}` version, but the briefs are in {languages} only",
                            what = what.said(),
                            code = code,
                            languages = commas(&written)
                        ),
                    )
                    .label(t!("no brief in this language"))
                    .help(t!(
                        "add `{code}` to the campaign's `languages` line; {allow}",
                        code = code,
                        allow = or_allow(&UNSHOWN_VERSION, &t!("if the version is for later"))
                    )),
                );
            }
        }
    }
}
