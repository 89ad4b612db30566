//! XHS002 medical-claim: no product claims to treat disease; cosmetics and
//! food claim no effect they are not registered for.

use std::sync::LazyLock;

use super::given::{word_finding, Given};
use super::text::{key, Hit, Terms, Word};
use super::{or_allow, words, Rule, RuleInfo};
use crate::diagnostic::{Finding, Findings};
use crate::source::Spanned;
use crate::t;

crate::rule_info! {
    /// # XHS002 medical-claim
    ///
    /// ## What it does
    /// Reports text given to creators (see XHS001) that claims an effect the
    /// product may not claim:
    ///
    /// - In every category, a medical claim: 治疗, 治愈, 消炎, 抗炎, 杀菌, 处方,
    ///   药用, 医用, "cure", "treat", "heal" (and their forms),
    ///   "anti-inflammatory", "medical-grade".
    /// - When the brand's `category` is `skincare`, `cosmetics`, `beauty`,
    ///   `makeup` or `haircare`, also drug-like names (药妆, 医学护肤,
    ///   "cosmeceutical"); the effects of a special cosmetic (美白, 祛斑, 淡斑,
    ///   防晒, 防脱, 生发, 染发, 烫发, "whitening", "anti-hair-loss", "hair
    ///   regrowth"); and efficacy words on the banned lists (抗敏, 防敏, 脱敏,
    ///   抗菌, 抑菌, 修复, 再生, 生长因子, 激素, 干细胞, "antibacterial",
    ///   "growth factor", "stem cell").
    /// - When it is `food`, `health` or `supplements`, also health functions:
    ///   增强免疫力, 提高免疫力, 提升免疫力, 减肥, 瘦身, 燃脂, 排毒, 降血糖,
    ///   降血压, 降血脂, 改善睡眠, 护肝, "boost immunity", "weight loss", "fat
    ///   burning", "detox".
    ///
    /// Each kind is its own finding, saying which rule it breaks.
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
    /// - 防脱 does not fire in 防脱妆 (smudge-proof make-up) or 防脱色
    ///   (colour-fast); 美白 not in 美白牙齿 / 牙齿美白, nor "whitening" in
    ///   "teeth whitening" (a toothpaste effect, not skin whitening); 染发 and
    ///   烫发 not in 染发后 / 烫发后 (caring for dyed or permed hair); 再生 not
    ///   in 再生塑料, 再生材料, 再生纸 or 可再生 (recycled packaging).
    /// - 减肥 does not fire in 减肥期 (减肥期间也能吃: the food fits a diet,
    ///   it does not make anyone lose weight); "detox" not in "digital
    ///   detox".
    /// - 防晒 fires as a claim (清爽防晒, 防晒效果), but not where the text
    ///   puts the reader's own sunscreen on (叠防晒, 涂防晒, 补防晒) or names
    ///   it (防晒霜, 防晒乳): a KOC is asked whether the serum pills under
    ///   sunscreen, which claims nothing. 修复 fires; the
    ///   cosmetic word is 修护. 激素 fires in 无激素 too.
    /// - 美白, 祛斑, 防晒 and the other special effects are legal for a product
    ///   registered as a special cosmetic (国妆特字), and a health function
    ///   for a registered health food (保健食品, 蓝帽子). redbrief cannot know
    ///   that: allow the rule and give the registration number as the
    ///   reason.
    /// - 杀菌 fires in every category, a cleaning product's or appliance's
    ///   too: allow it with the test report as the reason if the claim is
    ///   about surfaces, not bodies.
    ///
    /// ## Why it matters
    /// Outside medical, drug and medical-device ads, no ad may claim to treat
    /// disease or use medical terms (Advertising Law art. 17), and those ads
    /// may not use endorsers at all (art. 16), so a creator never makes such a
    /// claim. A cosmetic may not claim a medical effect (Cosmetics Supervision
    /// and Administration Regulation art. 37 and 43) nor call itself 药妆 or
    /// 医学护肤品 (NMPA's 2019 notice on 药妆); whitening, spot removal, sun
    /// protection, anti-hair-loss, hair dye and perm make a special cosmetic
    /// that must be registered first (Cosmetics Supervision and
    /// Administration Regulation art. 16); and words like 抗敏 or 生长因子 are
    /// on the banned lists cosmetics are checked against (《化妆品命名指南》
    /// and 《化妆品标签管理办法》). An ordinary food may not claim a health
    /// function at all (Food Safety Law Implementing Regulation art. 38). A
    /// creator repeating such a claim makes the brand liable, and the
    /// platform may remove the note.
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
        summary: "text for creators claims a medical effect, or an effect its cosmetic or food is not registered for",
    };
}

pub struct MedicalClaim;

static EVERY: LazyLock<Terms> = LazyLock::new(|| Terms::new(words::MEDICAL));
static COSMETIC: LazyLock<Terms> = LazyLock::new(|| Terms::new(cosmetic_words()));
static FOOD: LazyLock<Terms> =
    LazyLock::new(|| Terms::new(words::MEDICAL.iter().chain(words::FOOD_HEALTH)));

fn cosmetic_words() -> impl Iterator<Item = &'static Word> {
    words::MEDICAL
        .iter()
        .chain(words::DRUG_COSMETIC)
        .chain(words::SPECIAL_COSMETIC)
        .chain(words::BANNED_EFFICACY)
}

/// What a term claims, and so which rule it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Advertising Law art. 17, every category.
    Medical,
    /// A drug-like name or a banned efficacy word: no cosmetic may claim it.
    DrugLike,
    /// A special-cosmetic effect: legal once registered (国妆特字).
    Special,
    /// A health function: legal for a registered health food only.
    Food,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Medical, Kind::DrugLike, Kind::Special, Kind::Food];

    fn of(term: &str) -> Kind {
        let listed = |list: &[Word]| list.iter().any(|word| word.term == term);
        if listed(words::MEDICAL) {
            Kind::Medical
        } else if listed(words::SPECIAL_COSMETIC) {
            Kind::Special
        } else if listed(words::FOOD_HEALTH) {
            Kind::Food
        } else {
            Kind::DrugLike
        }
    }

    /// The finding's message, from the text's description and its terms.
    fn message(self, text: String, terms: String) -> String {
        match self {
            Kind::Medical => t!(
                "{text} makes a medical claim: {terms}",
                text = text,
                terms = terms
            ),
            Kind::DrugLike => t!(
                "{text} makes a medical claim no cosmetic may make: {terms}",
                text = text,
                terms = terms
            ),
            Kind::Special => t!(
                "{text} claims a special-cosmetic effect, which needs registration: {terms}",
                text = text,
                terms = terms
            ),
            Kind::Food => t!(
                "{text} claims a health function an ordinary food may not claim: {terms}",
                text = text,
                terms = terms
            ),
        }
    }

    fn label(self) -> String {
        match self {
            Kind::Medical | Kind::DrugLike => t!("medical claim"),
            Kind::Special => t!("special-cosmetic effect"),
            Kind::Food => t!("health claim"),
        }
    }

    fn help(self) -> String {
        match self {
            Kind::Medical => t!(
                "describe how it looks or feels, backed by a test (\"calmer-looking skin after \
                 14 days, n=40\"): no product outside medicine may claim to treat disease; {allow}",
                allow = or_allow(&MEDICAL_CLAIM, &t!("if the word is not about health here"))
            ),
            Kind::DrugLike => t!(
                "describe how skin looks or feels (修护, 舒缓, \"calmer-looking\"), backed by a \
                 test: no registration lets a cosmetic claim this; {allow}",
                allow = or_allow(
                    &MEDICAL_CLAIM,
                    &t!("if the word is not about the product here")
                )
            ),
            Kind::Special => t!(
                "describe how it looks, backed by a test (\"brighter-looking skin after 28 days, \
                 n=32\"); {allow}, naming the registration number (国妆特字)",
                allow = or_allow(
                    &MEDICAL_CLAIM,
                    &t!("if the product is registered as a special cosmetic for this effect")
                )
            ),
            Kind::Food => t!(
                "describe taste, ingredients and where it fits in a day; {allow}, naming its \
                 registration (国食健注 or 食健备)",
                allow = or_allow(
                    &MEDICAL_CLAIM,
                    &t!("if the product is a registered health food with this function")
                )
            ),
        }
    }
}

impl Rule for MedicalClaim {
    fn info(&self) -> &'static RuleInfo {
        &MEDICAL_CLAIM
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        let category = campaign.brand.as_ref().and_then(|b| b.category.as_ref());
        let folded = category.map(|category| key(&category.value));
        let is = |list: &[&str]| folded.as_deref().is_some_and(|f| list.contains(&f));
        let terms: &Terms = if is(words::COSMETIC_CATEGORIES) {
            &COSMETIC
        } else if is(words::FOOD_CATEGORIES) {
            &FOOD
        } else {
            &EVERY
        };
        for (given, folded) in campaign.given() {
            let hits = terms.find_folded(folded, given.text);
            if hits.is_empty() {
                continue;
            }
            for kind in Kind::ALL {
                let of_kind: Vec<Hit<'_>> = hits
                    .iter()
                    .filter(|hit| Kind::of(hit.term) == kind)
                    .cloned()
                    .collect();
                if let Some(finding) = claim_finding(&given, &of_kind, kind, category) {
                    findings.push(finding);
                }
            }
        }
    }
}

fn claim_finding(
    given: &Given<'_>,
    hits: &[Hit<'_>],
    kind: Kind,
    category: Option<&Spanned<String>>,
) -> Option<Finding> {
    let finding = word_finding(&MEDICAL_CLAIM, given, hits, |text, terms| {
        kind.message(text, terms)
    })?
    .label(kind.label())
    .help(kind.help());
    Some(match (kind, category) {
        (Kind::DrugLike | Kind::Special | Kind::Food, Some(category)) => finding.related(
            category.span,
            t!("a {category} brand", category = category.value),
        ),
        _ => finding,
    })
}
