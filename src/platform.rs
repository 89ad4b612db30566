//! Facts about Xiaohongshu that checks and briefs state, in one place so
//! they can change in one place. Source: how the app behaves when posting a
//! note (title and body counters, image picker, topic picker), and the
//! regulations named beside each fact.

/// A note title holds at most 20 by the platform's count (see `title_length`).
pub const TITLE_MAX: usize = 20;
/// A note body holds at most 1,000 characters.
pub const BODY_MAX_CHARS: usize = 1000;
/// An image note holds 1 to 18 images.
pub const IMAGES_MIN: usize = 1;
pub const IMAGES_MAX: usize = 18;
/// 3:4 portrait images suit the feed.
pub const IMAGE_ASPECT: &str = "3:4";
/// At most 10 topic tags on a note.
pub const TOPIC_TAGS_MAX: usize = 10;
/// Paid collaborations are declared through the platform's own collaboration
/// system, by binding the order when publishing.
pub const COLLABORATION_PLATFORM_EN: &str = "Pugongying (蒲公英)";
pub const COLLABORATION_PLATFORM_ZH: &str = "蒲公英";

/// A rule a brief cites, as each brief language names it. Briefs cite only
/// what governs the campaign's market: Chinese law for `market CN`, the
/// platform's own rules everywhere, and a market's own rule where one is
/// known here with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Citation {
    pub en: &'static str,
    pub zh: &'static str,
}

/// The market whose law the Chinese citations below are.
pub const CHINESE_LAW_MARKET: &str = "CN";

/// Advertising Law of the PRC (2015, amended 2021), art. 9(3): an ad may not
/// use "国家级", "最高级", "最佳" and similar terms. Only these three are the
/// law's own words; the longer lists of absolute terms (第一, 唯一, 首个, 顶级,
/// ...) come from enforcement practice (see `rules::words::ABSOLUTE_TERMS`).
pub const AD_LAW_ABSOLUTE: Citation = Citation {
    en: "China's Advertising Law, art. 9(3)",
    zh: "《广告法》第九条第三项",
};
pub const AD_LAW_ABSOLUTE_TERMS: &[&str] = &["国家级", "最高级", "最佳"];

/// Advertising Law art. 14: an ad must be identifiable, so that consumers
/// can tell it is an ad. A paid note is an ad, and the creator who posts it
/// is its publisher.
pub const AD_LAW_IDENTIFIABLE: Citation = Citation {
    en: "China's Advertising Law, art. 14",
    zh: "《广告法》第十四条",
};

/// Advertising Law art. 38: an endorser may not recommend or vouch for a
/// product they have not used. A KOL recommending a product is an endorser.
pub const AD_LAW_ENDORSER: Citation = Citation {
    en: "China's Advertising Law, art. 38",
    zh: "《广告法》第三十八条",
};

/// Advertising Law arts. 56, 58, 59 and 61: the liability of advertisers,
/// publishers and endorsers, from joint liability for false ads (art. 56)
/// to fines for an unidentifiable ad (art. 59) and for endorsers (art. 61).
pub const AD_LAW_LIABILITY: Citation = Citation {
    en: "China's Advertising Law, arts. 56, 58, 59 and 61",
    zh: "《广告法》第五十六、五十八、五十九、六十一条",
};

/// Internet Advertising Measures (SAMR, 2023, in force 1 May 2023), art. 9:
/// an ad must be identifiable, and one that sells through an experience
/// share or review with a purchase link attached must be marked "广告".
/// On Xiaohongshu the only purchase link allowed is the in-app one.
pub const AD_LABEL_RULE: Citation = Citation {
    en: "China's Internet Advertising Measures (2023), art. 9",
    zh: "2023年《互联网广告管理办法》第九条",
};

/// Measures for Labelling AI-Generated Synthetic Content (CAC and others,
/// 2025), in force 1 September 2025: AI-generated text, images, audio and
/// video carry a label.
pub const AI_LABEL_RULE: Citation = Citation {
    en: "China's Measures for Labelling AI-Generated Synthetic Content, in force since 1 Sep 2025",
    zh: "《人工智能生成合成内容标识办法》，2025年9月1日起施行",
};

/// What the platform itself asks, in every market: paid collaborations
/// declared through Pugongying, interests declared, AI content labelled.
/// Source: Xiaohongshu's community rules and Pugongying's terms for
/// collaboration notes.
pub const PLATFORM_RULES: Citation = Citation {
    en: "Xiaohongshu's own rules",
    zh: "小红书平台规则",
};

/// Xiaohongshu's rules against off-platform trading (交易导流), in force
/// since 12 March 2025: no links, QR codes, WeChat or other contact IDs, or
/// other shops and apps in a note.
pub const OFF_PLATFORM_RULES: Citation = Citation {
    en: "Xiaohongshu's rules on off-platform trading, 交易导流, in force since 12 Mar 2025",
    zh: "小红书关于交易导流的平台规则，2025年3月12日起",
};

/// Each market's own rule for disclosing paid content on social media,
/// where it is known and its source can be named. Singapore: the
/// Advertising Standards Authority of Singapore's Guidelines on
/// Interactive Marketing Communication & Social Media (2016), under the
/// Singapore Code of Advertising Practice: a commercial relationship must
/// be disclosed clearly. Other markets state the platform's rules only.
pub const MARKET_DISCLOSURE_RULES: &[(&str, Citation)] = &[(
    "SG",
    Citation {
        en: "the ASAS Guidelines on Interactive Marketing Communication & Social Media (Singapore)",
        zh: "新加坡广告标准局（ASAS）《互动营销传播与社交媒体指引》",
    },
)];

/// The market's own disclosure rule, if one is known.
pub fn market_disclosure_rule(market: &str) -> Option<Citation> {
    MARKET_DISCLOSURE_RULES
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(market.trim()))
        .map(|(_, citation)| *citation)
}

/// Brand categories whose product goes on the skin or is eaten, so a
/// reaction is possible: a KOC who has one stops, photographs it and tells
/// the contact. Source: the categories the Cosmetics Supervision and
/// Administration Regulation (2020) and the Food Safety Law cover.
pub const REACTION_CATEGORIES: &[&str] = &["skincare", "cosmetics", "beauty", "haircare", "food"];
/// Categories put on the skin, where a patch test comes first: the usual
/// advice for any new skincare or cosmetic product.
pub const PATCH_TEST_CATEGORIES: &[&str] = &["skincare", "cosmetics", "beauty"];

/// A video fills the screen in a vertical 9:16 frame; its cover shows in the
/// feed at 3:4 (`IMAGE_ASPECT`). Source: how the app plays and lists videos.
pub const VIDEO_ASPECT: &str = "9:16";

/// Pugongying's note protection (笔记保护) keeps a collaboration note up and
/// unedited for a period chosen when the order is placed, from 30 to 365
/// days. Source: Pugongying's order form for collaboration notes, as of 2026.
pub const KEEP_LIVE_MIN_DAYS: u32 = 30;
pub const KEEP_LIVE_MAX_DAYS: u32 = 365;

/// The length of a note title as the platform counts it: encode as UTF-16;
/// each code unit above 127 counts 2 and every other counts 1; the length is
/// the sum halved, rounded up. So two ASCII letters count as one, and a
/// Chinese character counts as one.
pub fn title_length(title: &str) -> usize {
    let units: usize = title
        .encode_utf16()
        .map(|unit| if unit > 127 { 2 } else { 1 })
        .sum();
    units.div_ceil(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_length_counts_as_the_app_does() {
        // The worked example in rules.md.
        assert_eq!(title_length("Claude 4.6发布，AI助手又进化了"), 15);
        assert_eq!(title_length("ab"), 1);
        assert_eq!(title_length("abc"), 2);
        assert_eq!(title_length("小红书"), 3);
        assert_eq!(title_length(""), 0);
    }
}
