//! Every word list the rules use and the briefs print, each in one place
//! with its source: the law and article, the regulator's guideline and its
//! year, or the platform rule and the date it took effect. Terms are matched
//! after folding (see `text.rs`): case and width do not matter, English
//! terms match whole words, Chinese terms match anywhere. A term's
//! exceptions are everyday phrases in which it is not the claim the rule
//! looks for; each has its reason beside it, and each is a "decided case"
//! on the rule's `explain` page.
//!
//! What is a term of a law and what is practice is kept apart: Advertising
//! Law art. 9(3) names three words "and similar"; the rest of
//! `ABSOLUTE_TERMS` is what enforcement applies, and `OVERSTATEMENTS` are
//! English words no Chinese statute names, listed because briefs for
//! Chinese readers should not carry them either.

use super::text::Word;

// The sources, named once. The explain pages quote them word for word (a
// test below holds them to it), and briefs may print them.

/// Advertising Law of the PRC (2015, amended 2021), art. 9(3): an ad may
/// not use "国家级", "最高级", "最佳" or similar terms. Art. 57 sets the fine:
/// 200,000 to 1,000,000 CNY.
pub const AD_LAW_ABSOLUTE: &str = "Advertising Law art. 9(3)";
/// SAMR's enforcement guideline on absolute terms (市场监管总局《广告绝对化用语
/// 执法指南》, 2023): how art. 9(3) is enforced, and the uses that do not
/// breach it (art. 6 as secondary sources number it): self-comparison within
/// one brand; consumer tips on how, when and how long to use or keep a
/// product (最佳使用时间); grades set by a national or trade standard;
/// product names, models, trademarks and patents; awards given under state
/// rules; and facts limited in time and place (sales, market share).
pub const SAMR_ABSOLUTE_GUIDELINE: &str = "SAMR's 2023 《广告绝对化用语执法指南》";
/// Advertising Law art. 17: outside medical, drug and medical-device ads, no
/// ad may claim to treat disease or use medical terms. Art. 16(4): those ads
/// may not use endorsers either, so a creator never makes such a claim.
pub const AD_LAW_MEDICAL: &str = "Advertising Law art. 17";
/// NMPA (国家药监局), 2019: "药妆" and "医学护肤品" are not legal cosmetic
/// terms; a cosmetic that claims them breaks the law.
pub const NMPA_DRUG_COSMETIC: &str = "NMPA's 2019 notice on 药妆";
/// Cosmetics Supervision and Administration Regulation (化妆品监督管理条例,
/// 2020, in force 2021-01-01), art. 16: hair dye, perm, whitening and spot
/// removal, sun protection, anti-hair-loss and new effects make a special
/// cosmetic (特殊化妆品), which needs registration (国妆特字) before it may
/// claim them. Art. 37 and 43: no medical effect on labels or in ads.
pub const COSMETICS_SPECIAL_USE: &str =
    "Cosmetics Supervision and Administration Regulation art. 16";
/// The banned-word lists cosmetics are checked against: NMPA's
/// 《化妆品命名指南》 (2010: 抗菌, 抑菌, 消炎, 抗敏, 防敏, 脱敏, 生发, 毛发再生 ...
/// as terms that claim a medical effect) and the label lists built on
/// 《化妆品标签管理办法》 (2021), art. 19 (生长因子, 激素, 干细胞, 细胞修复,
/// 再生, 药妆 ...).
pub const COSMETICS_BANNED_WORDS: &str = "《化妆品命名指南》 and 《化妆品标签管理办法》";
/// Food Safety Law Implementing Regulation (食品安全法实施条例, 2019), art. 38:
/// no food other than a registered health food (保健食品) may claim a
/// health function.
pub const FOOD_HEALTH_FUNCTION: &str = "Food Safety Law Implementing Regulation art. 38";
/// Xiaohongshu's rules on trade diversion (《交易导流违规管理细则》), in force
/// since 2025-03-12: no user, creator or brand may lead readers to private
/// channels or other platforms, whether by contact details (WeChat, QQ,
/// phone, e-mail), other platforms' names and IDs, QR codes, links, 口令 or
/// mini-programs. The only ways to sell are the platform's own shop, live
/// cart and lead forms.
pub const XHS_TRADE_DIVERSION: &str =
    "Xiaohongshu's 《交易导流违规管理细则》 (in force since 2025-03-12)";

/// XHS001 absolute-claim: the absolute terms of Chinese advertising. Only
/// 国家级, 最高级 and 最佳 are words of the statute (`AD_LAW_ABSOLUTE`); the
/// others are what enforcement treats as "similar" (SAMR and local
/// market-regulation cases, `SAMR_ABSOLUTE_GUIDELINE`). Exceptions follow
/// the guideline's uses that do not breach art. 9(3), and everyday words
/// that share the character and rank nothing.
/// Every list above and below: a brand's `avoid` word that is one of
/// their words takes its exceptions (`Terms::from_written`).
pub static KNOWN: &[&[Word]] = &[
    ABSOLUTE_TERMS,
    OVERSTATEMENTS,
    MEDICAL,
    DRUG_COSMETIC,
    SPECIAL_COSMETIC,
    BANNED_EFFICACY,
    FOOD_HEALTH,
    HARD_SELL,
    OFF_PLATFORM,
];

pub static ABSOLUTE_TERMS: &[Word] = &[
    // Named by art. 9(3).
    Word::new("国家级"),
    Word::new("最高级"),
    // 最佳 in a consumer tip ("the best time to use it", "best before")
    // is exempt under the guideline.
    Word::except(
        "最佳",
        &["最佳使用时间", "最佳使用方法", "最佳赏味期", "最佳食用期"],
    ),
    // 最 makes a superlative (最好, 最火). Not in words that place
    // something in time (最近, 最后, 最初, 最终, 最新: the guideline's "time
    // order" facts), set a limit (最少, 最多), give advice (最好先, 最好不要,
    // 最好别: "you'd better"), or say what a creator personally likes
    // (最爱: a preference, not a ranking of the product); nor in 最佳's
    // consumer tips above.
    Word::except(
        "最",
        &[
            "最近",
            "最后",
            "最初",
            "最终",
            "最新",
            "最少",
            "最多",
            "最好先",
            "最好不要",
            "最好别",
            "最爱",
            "最佳使用时间",
            "最佳使用方法",
            "最佳赏味期",
            "最佳食用期",
        ],
    ),
    // Enforcement practice: "similar" to the words of art. 9(3).
    Word::new("世界级"),
    Word::new("顶级"),
    Word::new("极品"),
    // 第一 also counts times, steps and layers ("the first month").
    Word::except(
        "第一",
        &[
            "第一次",
            "第一天",
            "第一周",
            "第一个月",
            "第一晚",
            "第一眼",
            "第一步",
            "第一遍",
            "第一层",
            "第一印象",
            "第一波",
            "第一时间",
        ],
    ),
    Word::new("全网第一"),
    Word::new("TOP1"),
    Word::new("TOP 1"),
    // "Its only downside" is the honest review a KOC brief asks for.
    Word::except(
        "唯一",
        &["唯一的缺点", "唯一缺点", "唯一的不足", "唯一不足"],
    ),
    Word::new("首个"),
    Word::new("首选"),
    Word::new("独家"),
    Word::new("绝对"),
    Word::new("万能"),
    Word::new("100%"),
    Word::new("百分百"),
];

/// XHS001 absolute-claim: English overstatements to avoid. They are not
/// terms of `AD_LAW_ABSOLUTE` (which is Chinese and names Chinese words) nor
/// of the SAMR guideline; they are the usual translations of its terms in
/// cross-border briefs, and the brief should not put them in a creator's
/// mouth either. Listed by the redbrief team.
pub static OVERSTATEMENTS: &[Word] = &[
    // "best" in advice ("the best time to apply it"), a date mark ("best
    // before") or a friend ranks nothing.
    Word::except(
        "best",
        &[
            "best way",
            "best time",
            "works best",
            "work best",
            "worked best",
            "do your best",
            "all the best",
            "best before",
            "best friend",
            "best friends",
        ],
    ),
    Word::new("No.1"),
    Word::new("No1"),
    // A shade or product number is a name (the guideline exempts product
    // names and models), not a rank.
    Word::except("#1", &["色号#1", "shade #1"]),
    Word::new("number one"),
    Word::new("world's first"),
    // "guarantee" alone is left out: a money-back guarantee is a service
    // promise, not an efficacy claim.
    Word::new("guaranteed"),
];

/// XHS002 medical-claim, in every category: disease treatment and medical
/// terms (`AD_LAW_MEDICAL`). The English terms are their usual
/// translations.
pub static MEDICAL: &[Word] = &[
    Word::new("治疗"),
    // 治愈系 is Xiaohongshu slang for "soothing to look at", not a cure.
    Word::except("治愈", &["治愈系"]),
    Word::new("消炎"),
    Word::new("抗炎"),
    Word::new("杀菌"),
    Word::new("处方"),
    Word::new("药用"),
    Word::new("医用"),
    Word::new("cure"),
    Word::new("cures"),
    Word::new("cured"),
    Word::new("curing"),
    // "treat yourself" and "a treat" are indulgence, not therapy.
    Word::except(
        "treat",
        &[
            "treat yourself",
            "treat myself",
            "treat your skin to",
            "a treat",
            "little treat",
        ],
    ),
    Word::new("treats"),
    Word::new("treated"),
    Word::new("treating"),
    Word::new("heal"),
    Word::new("heals"),
    Word::new("healed"),
    Word::new("healing"),
    Word::new("anti-inflammatory"),
    Word::new("medical-grade"),
];

/// XHS002 medical-claim, cosmetic categories: names that pass a cosmetic
/// off as a drug (`NMPA_DRUG_COSMETIC`).
pub static DRUG_COSMETIC: &[Word] = &[
    Word::new("药妆"),
    // Also matches 医学护肤品.
    Word::new("医学护肤"),
    Word::new("cosmeceutical"),
];

/// XHS002 medical-claim, cosmetic categories: the effects that make a
/// special cosmetic (`COSMETICS_SPECIAL_USE`), which an ordinary product has
/// no registration to claim.
pub static SPECIAL_COSMETIC: &[Word] = &[
    // Whitening teeth is a toothpaste effect (牙膏监督管理办法, 2023), not
    // the skin whitening of art. 16.
    Word::except("美白", &["美白牙齿", "牙齿美白"]),
    Word::new("祛斑"),
    Word::new("淡斑"),
    // The effect claim. Putting sunscreen on (叠防晒, 涂防晒, 补防晒) and
    // the product's own name (防晒霜, 防晒乳, 防晒喷雾) speak of the
    // reader's sunscreen, as a KOC brief asks ("does it pill under
    // sunscreen?"), not of a sun-protection effect.
    Word::except(
        "防晒",
        &[
            "叠防晒",
            "叠涂防晒",
            "涂防晒",
            "擦防晒",
            "补防晒",
            "上防晒",
            "防晒霜",
            "防晒乳",
            "防晒喷雾",
            "防晒后",
        ],
    ),
    // Smudge-proof make-up and colour-fast lipstick keep their colour, not
    // hair.
    Word::except("防脱", &["防脱妆", "防脱色"]),
    Word::new("生发"),
    // Caring for hair after dyeing or a perm is not dyeing or perming it.
    Word::except("染发", &["染发后"]),
    Word::except("烫发", &["烫发后"]),
    Word::except("whitening", &["teeth whitening"]),
    Word::new("anti-hair-loss"),
    Word::new("hair regrowth"),
];

/// XHS002 medical-claim, cosmetic categories: efficacy words on the banned
/// lists cosmetics are checked against (`COSMETICS_BANNED_WORDS`), as
/// claims of a medical effect.
pub static BANNED_EFFICACY: &[Word] = &[
    Word::new("抗敏"),
    Word::new("防敏"),
    Word::new("脱敏"),
    Word::new("抗菌"),
    Word::new("抑菌"),
    // "Repair" is a medical claim; the cosmetic vocabulary is 修护, which
    // does not contain it.
    Word::new("修复"),
    // Recycled packaging (再生塑料, 再生材料, 再生纸, 可再生) is not skin
    // regeneration.
    Word::except("再生", &["再生塑料", "再生材料", "再生纸", "可再生"]),
    Word::new("生长因子"),
    Word::new("激素"),
    Word::new("干细胞"),
    Word::new("antibacterial"),
    Word::new("growth factor"),
    Word::new("growth factors"),
    Word::new("stem cell"),
    Word::new("stem cells"),
];

/// XHS002 medical-claim, food categories: health functions no ordinary
/// food may claim (`FOOD_HEALTH_FUNCTION`); they belong to registered
/// health foods, and the list follows their approved functions (免疫调节,
/// 体重控制, 辅助降血糖 ...).
pub static FOOD_HEALTH: &[Word] = &[
    Word::new("增强免疫力"),
    Word::new("提高免疫力"),
    Word::new("提升免疫力"),
    // "You can eat it while dieting" says the food fits a diet, not that it
    // makes anyone lose weight.
    Word::except("减肥", &["减肥期"]),
    Word::new("瘦身"),
    Word::new("燃脂"),
    Word::new("排毒"),
    Word::new("降血糖"),
    Word::new("降血压"),
    Word::new("降血脂"),
    Word::new("改善睡眠"),
    Word::new("护肝"),
    Word::new("boost immunity"),
    Word::new("boosts immunity"),
    Word::new("weight loss"),
    Word::new("fat burning"),
    Word::new("burns fat"),
    // A "digital detox" is time off screens.
    Word::except("detox", &["digital detox"]),
];

/// Brand categories whose products are cosmetics under the 2020
/// regulation (hair and make-up included), where XHS002 adds
/// `DRUG_COSMETIC`, `SPECIAL_COSMETIC` and `BANNED_EFFICACY`. Compared after
/// folding (`text::key`).
pub static COSMETIC_CATEGORIES: &[&str] =
    &["skincare", "cosmetics", "beauty", "makeup", "haircare"];
/// Brand categories that sell food, where XHS002 adds `FOOD_HEALTH`.
/// Supplements are food too; one registered as a health food (保健食品,
/// 蓝帽子) may claim its approved function, which `allow` records.
pub static FOOD_CATEGORIES: &[&str] = &["food", "health", "supplements"];

/// RS011 koc-scripted: hard-sell wording that turns an honest review into an
/// ad. Source: the seed ("relatable, experience-based content instead of
/// overt promotion") and the call-to-action phrases of e-commerce posts;
/// collected by the redbrief team, not from a regulation.
pub static HARD_SELL: &[Word] = &[
    Word::new("buy now"),
    Word::new("shop now"),
    Word::new("order now"),
    Word::new("limited time"),
    Word::new("limited offer"),
    Word::new("while stocks last"),
    Word::new("link in bio"),
    Word::new("discount code"),
    Word::new("promo code"),
    Word::new("use my code"),
    Word::new("don't miss out"),
    Word::new("must-buy"),
    Word::new("must-have"),
    Word::new("立即购买"),
    Word::new("马上下单"),
    Word::new("限时"),
    Word::new("秒杀"),
    Word::new("抢购"),
    Word::new("手慢无"),
    Word::new("闭眼入"),
    Word::new("必买"),
    Word::new("冲鸭"),
    Word::new("优惠码"),
    Word::new("折扣码"),
];

/// XHS004 off-platform: words that lead readers off Xiaohongshu
/// (`XHS_TRADE_DIVERSION`). Contact details written out (phone numbers,
/// e-mail addresses, web addresses, IDs glued to a prefix) are found by
/// their shape, in `patterns.rs`, with `ID_PREFIXES` and
/// `TOP_LEVEL_DOMAINS` below.
pub static OFF_PLATFORM: &[Word] = &[
    // WeChat, in the spellings used to slip past filters.
    Word::new("微信"),
    Word::new("V信"),
    Word::new("薇信"),
    Word::new("VX"),
    Word::new("WX"),
    Word::new("加V"),
    Word::new("加VX"),
    // 加微 is "add on WeChat", but not in 添加微量 ("add a trace of"),
    // 加微小, 加微调, or 参加微博 (微博 answers for itself).
    Word::except("加微", &["加微量", "加微小", "加微调", "加微博"]),
    Word::new("V我"),
    Word::new("绿泡泡"),
    Word::new("WeChat"),
    Word::new("Weixin"),
    Word::new("公众号"),
    Word::new("视频号"),
    // QQ, but not the bouncy texture (QQ弹) or the sweet (QQ糖).
    Word::except("QQ", &["QQ弹", "QQ糖"]),
    Word::new("WhatsApp"),
    Word::new("Telegram"),
    // Groups and private channels.
    Word::except("进群", &["先进群"]),
    Word::new("加群"),
    Word::new("私域"),
    // Other shops and apps.
    Word::new("淘宝"),
    Word::new("天猫"),
    // 北京东路 and 北京东城 are places in Beijing.
    Word::except("京东", &["北京东"]),
    Word::new("拼多多"),
    Word::new("抖音"),
    // 快手 is also "quick to make": 快手早餐, 快手菜, 快手妆.
    Word::except(
        "快手",
        &[
            "快手菜",
            "快手早餐",
            "快手午餐",
            "快手晚餐",
            "快手便当",
            "快手料理",
            "快手食谱",
            "快手妆",
        ],
    ),
    // Taking part in a Weibo event (参加微博之夜) is a credential, not a
    // place to send readers.
    Word::except("微博", &["参加微博", "微博之夜"]),
    Word::new("闲鱼"),
    Word::new("Taobao"),
    Word::new("Tmall"),
    Word::new("Shopee"),
    Word::new("Lazada"),
    Word::new("口令"),
    Word::new("淘口令"),
    Word::new("小程序"),
    // QR codes.
    Word::new("二维码"),
    Word::new("扫码"),
    Word::new("QR code"),
    Word::new("QR"),
    Word::new("qrcode"),
    // A web address: its scheme or `www.` survives folding as a word.
    Word::new("http://"),
    Word::new("https://"),
    Word::new("www."),
];

/// XHS004: prefixes that introduce a WeChat or QQ ID, found glued to the ID
/// (`vx123456`, `加VX12345`, `wx_abc`), where no word boundary separates
/// them. Longest first. "v" alone counts only before five or more digits
/// (`加V12345`).
pub static ID_PREFIXES: &[&str] = &["wechat", "weixin", "vx", "wx", "qq", "v"];

/// XHS004: the endings that make `name.ending` a web address without
/// `www.` or a scheme (`lumiere.com`, `xx.cn`, `shop.lumiere.com.my`).
/// Generic domains and those of the markets redbrief's campaigns run in;
/// endings that are everyday abbreviations ("in", "to", "it", "is", "am")
/// are left out so that "e.g." or a missing space never reads as a domain.
pub static TOP_LEVEL_DOMAINS: &[&str] = &[
    "com", "net", "org", "info", "biz", "io", "co", "me", "app", "shop", "store", "site", "online",
    "link", "top", "xyz", "vip", "cc", "tv", "ly", "gl", "cn", "hk", "mo", "tw", "my", "sg", "jp",
    "kr", "uk", "us", "au", "asia",
];

#[cfg(test)]
mod tests {
    use super::super::text::{key, Terms};
    use super::super::{absolute_claim, medical_claim, off_platform};
    use super::*;

    #[test]
    fn every_term_folds_to_something() {
        for list in [
            ABSOLUTE_TERMS,
            OVERSTATEMENTS,
            MEDICAL,
            DRUG_COSMETIC,
            SPECIAL_COSMETIC,
            BANNED_EFFICACY,
            FOOD_HEALTH,
            HARD_SELL,
            OFF_PLATFORM,
        ] {
            for word in list {
                assert!(!key(word.term).is_empty(), "{}", word.term);
                for phrase in word.except {
                    // An exception must contain its term, or it never applies.
                    assert!(
                        key(phrase).contains(&key(word.term)),
                        "{phrase} does not contain {}",
                        word.term
                    );
                }
            }
        }
    }

    #[test]
    fn explain_pages_quote_the_sources() {
        let cited = [
            (
                &absolute_claim::ABSOLUTE_CLAIM,
                &[AD_LAW_ABSOLUTE, SAMR_ABSOLUTE_GUIDELINE][..],
            ),
            (
                &medical_claim::MEDICAL_CLAIM,
                &[
                    AD_LAW_MEDICAL,
                    NMPA_DRUG_COSMETIC,
                    COSMETICS_SPECIAL_USE,
                    COSMETICS_BANNED_WORDS,
                    FOOD_HEALTH_FUNCTION,
                ][..],
            ),
            (&off_platform::OFF_PLATFORM, &[XHS_TRADE_DIVERSION][..]),
        ];
        for (rule, sources) in cited {
            let page = rule.page().replace('\n', " ");
            for source in sources {
                assert!(
                    page.contains(source),
                    "{} does not cite {source}",
                    rule.code
                );
            }
        }
    }

    #[test]
    fn hard_cases_decided() {
        let absolute = Terms::new(ABSOLUTE_TERMS.iter().chain(OVERSTATEMENTS));
        for quiet in [
            "第一次用这款面霜",
            "最近换季",
            "What's the best time to apply it?",
            "最好先试用",
            "最多两周",
            "我的最爱",
            "最新款",
            "最佳使用时间是晚上",
            "第一个月",
            "第一时间回复",
            "第一遍薄涂",
            "唯一的缺点是贵",
            "色号#1很显白",
            "my best friend",
            "Best before: see the jar",
        ] {
            assert!(absolute.find(quiet).is_empty(), "{quiet}");
        }
        for loud in [
            "The best serum in KL",
            "全网第一",
            "最好用的精华",
            "极品",
            "绝对好用",
            "独家配方",
            "首选",
            "TOP1精华",
            "the #1 serum",
        ] {
            assert_eq!(absolute.find(loud).len(), 1, "{loud}");
        }
        let medical = Terms::new(MEDICAL);
        assert!(medical.find("A secure, healthy routine").is_empty());
        assert!(medical.find("治愈系的清晨").is_empty());
        assert_eq!(medical.find("治愈痘痘").len(), 1);
        assert!(medical.find("Treat yourself to a slow evening").is_empty());
        assert_eq!(medical.find("It treats acne").len(), 1);
        let cosmetic = Terms::new(SPECIAL_COSMETIC.iter().chain(BANNED_EFFICACY));
        for quiet in [
            "防脱妆",
            "美白牙齿",
            "再生塑料瓶",
            "染发后的护理",
            "舒缓修护",
        ] {
            assert!(cosmetic.find(quiet).is_empty(), "{quiet}");
        }
        let food = Terms::new(FOOD_HEALTH);
        assert!(food.find("减肥期间也能吃").is_empty());
        assert_eq!(food.find("吃了能减肥").len(), 1);
        let off = Terms::new(OFF_PLATFORM);
        assert_eq!(off.find("加V了解更多").len(), 1);
        assert_eq!(off.find("see https://x.example").len(), 1);
        for quiet in [
            "a quick routine",
            "添加微量元素",
            "参加微博之夜",
            "QQ弹弹的口感",
            "快手早餐",
            "北京东路的门店",
        ] {
            assert!(off.find(quiet).is_empty(), "{quiet}");
        }
    }
}
