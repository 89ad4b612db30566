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

/// Experience posts with a purchase link must be labelled as ads: China's
/// Internet Advertising Measures (2023), art. 9. Named in each brief language.
pub const AD_LABEL_RULE_EN: &str = "article 9 of China's Internet Advertising Measures (2023)";
pub const AD_LABEL_RULE_ZH: &str = "《互联网广告管理办法》（2023）第九条";

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
