//! XHS002 medical-claim: cosmetics and food make no medical claims.

use std::sync::LazyLock;

use super::given::{texts, word_finding};
use super::text::{key, Terms};
use super::{or_allow, words, Rule, RuleInfo};
use crate::diagnostic::Finding;
use crate::model::Campaign;

crate::rule_info! {
    /// # XHS002 medical-claim
    ///
    /// ## What it does
    /// When the brand's `category` is `skincare`, `cosmetics`, `beauty`,
    /// `haircare` or `food`, reports text given to creators (see XHS001)
    /// that claims a medical effect: "cure", "treat", "heal",
    /// "anti-inflammatory", "antibacterial", 治疗, 治愈, 消炎, 抗菌, 抑菌,
    /// 脱敏, 药妆, 医学护肤品, 干细胞. In the cosmetic categories it also
    /// reports special-use effects (美白, 祛斑, 防脱, "whitening",
    /// "anti-hair-loss"); for `food`, health functions (增强免疫力, 减肥,
    /// "boost immunity", "weight loss").
    ///
    /// Decided cases:
    ///
    /// - English terms match whole words: "cure" does not fire on "secure",
    ///   "heal" not on "healthy". Listed forms are matched, not stems:
    ///   "cure", "cures", "cured", "curing".
    /// - "treat" does not fire in "treat yourself", "treat myself", "treat
    ///   your skin to", "a treat" or "little treat" (indulgence), and
    ///   "treatment" is not listed ("hair treatment" is a product type).
    /// - 治愈 does not fire in 治愈系, Xiaohongshu slang for "soothing to look
    ///   at"; 治愈痘痘 does.
    /// - 美白 and 祛斑 are legal for a product registered as a special-use
    ///   cosmetic. redbrief cannot know that: allow the rule and give the
    ///   registration number as the reason.
    ///
    /// ## Why it matters
    /// Cosmetics may not claim medical effects (Cosmetics Supervision and
    /// Administration Regulation, 2020, art. 37 and 43); whitening, spot
    /// removal and anti-hair-loss need special-use registration (art. 16);
    /// no ad outside medicine may claim to treat disease (Advertising Law
    /// art. 17), and food ads may not claim to prevent or treat it (Food
    /// Safety Law art. 73). A creator repeating such a claim makes the brand
    /// liable, and the platform may remove the note.
    ///
    /// ## Example
    /// ```
    /// brand "Lumière Skin" { category skincare }
    ///
    /// koc @amy_tries {
    ///   angle "Does it cure my acne in two weeks?"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Describe how skin looks or feels, in the creator's words:
    /// ```
    /// koc @amy_tries {
    ///   angle "Two weeks with oily, breakout-prone skin"
    /// }
    /// ```
    pub static MEDICAL_CLAIM = {
        code: "XHS002",
        name: "medical-claim",
        severity: Warning,
        summary: "text for creators claims a medical effect for cosmetics or food",
    };
}

pub struct MedicalClaim;

static COSMETIC: LazyLock<Terms> =
    LazyLock::new(|| Terms::new(words::MEDICAL.iter().chain(words::SPECIAL_COSMETIC)));
static FOOD: LazyLock<Terms> =
    LazyLock::new(|| Terms::new(words::MEDICAL.iter().chain(words::FOOD_HEALTH)));

impl Rule for MedicalClaim {
    fn info(&self) -> &'static RuleInfo {
        &MEDICAL_CLAIM
    }

    fn check(&self, campaign: &Campaign, findings: &mut Vec<Finding>) {
        let Some(category) = campaign.brand.as_ref().and_then(|b| b.category.as_ref()) else {
            return;
        };
        let folded = key(&category.value);
        let terms: &Terms = if words::COSMETIC_CATEGORIES.contains(&folded.as_str()) {
            &COSMETIC
        } else if words::MEDICAL_CATEGORIES.contains(&folded.as_str()) {
            &FOOD
        } else {
            return;
        };
        for given in texts(campaign) {
            let hits = terms.find(&given.text.value);
            if let Some(finding) =
                word_finding(&MEDICAL_CLAIM, &given, &hits, "makes a medical claim")
            {
                findings.push(
                    finding
                        .label("medical claim")
                        .related(category.span, format!("a {} brand", category.value))
                        .help(format!(
                            "describe how it looks or feels, backed by a test (\"calmer-looking \
                             skin after 14 days, n=40\"); {}, naming the registration number",
                            or_allow(
                                &MEDICAL_CLAIM,
                                "if the product is registered for this effect"
                            )
                        )),
                );
            }
        }
    }
}
